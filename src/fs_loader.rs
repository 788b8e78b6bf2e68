//! The real file system as a [`SourceLoader`].

use dialect_compiler::source::{LoadError, SourceLoader};

/// Reads files from disk. Paths are relative to the working directory.
pub struct FsLoader;

impl SourceLoader for FsLoader {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        let p = std::path::Path::new(path);
        if p.is_dir() {
            return Err(LoadError::IsDirectory);
        }
        std::fs::read(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound,
            _ => LoadError::Other(e.to_string()),
        })
    }
}
