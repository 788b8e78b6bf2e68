//! Loading the shipped project from disk.

use std::path::{Path, PathBuf};

use dialect_compiler::compile::{Options, Project, analyze};
use dialect_compiler::source::{LoadError, SourceLoader};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Reads files relative to the repository root.
pub struct DiskLoader;

impl SourceLoader for DiskLoader {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        let p = repo().join(path);
        if p.is_dir() {
            return Err(LoadError::IsDirectory);
        }
        std::fs::read(&p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound,
            _ => LoadError::Other(e.to_string()),
        })
    }
}

fn dial_files(dir: &Path, rel: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if path.is_dir() {
            dial_files(&path, &format!("{rel}/{name}"), out);
        } else if name.ends_with(".dial") {
            out.push(format!("{rel}/{name}"));
        }
    }
}

/// `flows/` with its environments, analyzed; panics on any error.
pub fn shipped_project() -> Project {
    let mut roots = Vec::new();
    dial_files(&repo().join("flows"), "flows", &mut roots);
    let environments = ["dev", "prod"]
        .iter()
        .map(|e| ((*e).to_owned(), format!("flows/environments/{e}.toml")))
        .collect();
    let p = analyze(
        &DiskLoader,
        &Options {
            roots,
            environments,
        },
    );
    let errors: Vec<String> = p
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.code.id(), d.message))
        .collect();
    assert!(
        errors.is_empty(),
        "the shipped project has errors: {errors:#?}"
    );
    p
}
