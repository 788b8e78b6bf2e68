//! Dialect projects on disk, for the programs around the pure compiler (the `dialect` command,
//! the language server, `dialect-deploy`): the file system as a [`SourceLoader`], folders
//! expanded into the sources under them, and the project file found upwards. The compiler
//! itself never touches the file system.

use std::path::{Path, PathBuf};

use dialect_compiler::source::{LoadError, SourceLoader, normalize};

/// Reads files from disk. Paths are relative to the working directory.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsLoader;

impl SourceLoader for FsLoader {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        let p = Path::new(path);
        if p.is_dir() {
            return Err(LoadError::IsDirectory);
        }
        std::fs::read(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound,
            _ => LoadError::Other(e.to_string()),
        })
    }

    /// The absolute path, with `..` resolved lexically against the working directory (one
    /// call for the working directory; symbolic links are not followed).
    fn identity(&self, path: &str) -> String {
        std::path::absolute(path)
            .map_or_else(|_| path.to_owned(), |p| normalize(&p.to_string_lossy()))
    }
}

/// Expands folders into the files ending in `ext` under them (sorted; hidden folders,
/// `target` and `node_modules` skipped). Paths that are not folders are kept as given, so that
/// a missing file is reported by the compiler with its usual diagnostic.
#[must_use]
pub fn expand(paths: &[String], ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, ext, &mut found);
            found.sort();
            out.extend(found.into_iter().map(|f| normalize(&f.to_string_lossy())));
        } else {
            out.push(normalize(p));
        }
    }
    out.dedup();
    out
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if p.is_dir() {
            walk(&p, ext, out);
        } else if name.ends_with(ext) {
            out.push(p);
        }
    }
}

/// The folder holding `dialect.toml`, searched from `start` (a file or folder) upwards.
#[must_use]
pub fn find_project_dir(start: &str) -> Option<PathBuf> {
    let start = Path::new(start);
    let mut dir = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent()?.to_path_buf()
    };
    if dir.as_os_str().is_empty() {
        dir = PathBuf::from(".");
    }
    let mut cur = Some(dir.as_path());
    while let Some(d) = cur {
        if d.join("dialect.toml").is_file() {
            return Some(d.to_path_buf());
        }
        cur = d.parent().filter(|p| !p.as_os_str().is_empty());
        if cur.is_none() && d != Path::new(".") && d.is_relative() {
            // Relative paths stop at the working directory; check it too.
            if Path::new("dialect.toml").is_file() {
                return Some(PathBuf::from("."));
            }
        }
    }
    None
}
