//! Expanding the paths given on the command line, and finding the project file.

use std::path::{Path, PathBuf};

use dialect_compiler::source::normalize;

/// Expands folders into the `.dial` files under them (sorted, hidden folders and `target`
/// skipped). Paths that are not folders are kept as given, so that a missing file is reported
/// by the compiler with its usual diagnostic.
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
