//! How the compiler gets files without doing I/O itself.
//!
//! The CLI reads from disk, the language server from open editor buffers, tests from memory; all
//! of them implement [`SourceLoader`]. Paths are plain strings with `/` separators, normalised
//! lexically by [`join`].

use std::collections::BTreeMap;

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotFound,
    IsDirectory,
    Other(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound => f.write_str("no such file"),
            LoadError::IsDirectory => f.write_str("it is a directory"),
            LoadError::Other(m) => f.write_str(m),
        }
    }
}

/// Supplies file contents by path.
pub trait SourceLoader {
    /// The raw bytes of a file. UTF-8 is checked by the caller so that the error can be reported
    /// with a position.
    ///
    /// # Errors
    /// When the file does not exist or cannot be read.
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError>;

    /// A key that is the same for every path naming the same file, so that a file reached by
    /// two routes is loaded once: `hours.dial` and `../common/hours.dial` are one file when
    /// the working directory is `common`, which lexical normalisation of relative paths
    /// cannot see. The file system answers with the absolute path; by default the
    /// (normalised) path itself.
    fn identity(&self, path: &str) -> String {
        path.to_owned()
    }
}

/// An in-memory file system, for tests and the language server.
#[derive(Debug, Clone, Default)]
pub struct MemoryLoader {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemoryLoader {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn with(mut self, path: &str, text: impl Into<Vec<u8>>) -> Self {
        self.insert(path, text);
        self
    }

    pub fn insert(&mut self, path: &str, text: impl Into<Vec<u8>>) {
        self.files.insert(normalize(path), text.into());
    }
}

impl SourceLoader for MemoryLoader {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        self.files
            .get(&normalize(path))
            .cloned()
            .ok_or(LoadError::NotFound)
    }
}

/// The directory part of a path (`flows/order/order.dial` → `flows/order`).
#[must_use]
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    }
}

/// Joins `rel` to the directory `base` and normalises the result.
#[must_use]
pub fn join(base: &str, rel: &str) -> String {
    if rel.starts_with('/') || base.is_empty() {
        normalize(rel)
    } else {
        normalize(&format!("{base}/{rel}"))
    }
}

/// Removes `.` segments, resolves `..` lexically and turns `\` into `/`.
#[must_use]
pub fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_owned()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(
            join("flows/order", "../common/hours.dial"),
            "flows/common/hours.dial"
        );
        assert_eq!(join("", "./a.dial"), "a.dial");
        assert_eq!(join("a", "../../b.dial"), "../b.dial");
        assert_eq!(normalize("/x/./y/../z"), "/x/z");
    }
}
