//! [`compile::analyze`] with a parse cache, so a keystroke re-parses one file, not the project.
//!
//! The compiler's driver does everything (load following `use`, parse, resolve, environments);
//! the cache only answers its parse requests: a file whose path, id and text are unchanged since
//! the last run reuses its syntax tree and parse diagnostics. `tests::same_as_the_compiler`
//! proves a warm cache gives the compiler's own diagnostics.

use std::collections::HashMap;

use dialect_compiler::compile::{self, Options, Project};
use dialect_compiler::source::SourceLoader;
use dialect_compiler::span::FileId;
use dialect_compiler::syntax::{self, Parsed};

/// Parsed files of earlier runs, by path.
#[derive(Default)]
pub struct ParseCache {
    files: HashMap<String, (FileId, String, Parsed)>,
}

impl ParseCache {
    fn parse(&mut self, path: &str, file: FileId, text: &str) -> Parsed {
        if let Some((f, t, p)) = self.files.get(path)
            && *f == file
            && t == text
        {
            return p.clone();
        }
        let parsed = syntax::parse(file, text);
        self.files
            .insert(path.to_owned(), (file, text.to_owned(), parsed.clone()));
        parsed
    }
}

/// Analyses a project like [`compile::analyze`], reusing unchanged parses.
pub fn analyze(loader: &dyn SourceLoader, options: &Options, cache: &mut ParseCache) -> Project {
    compile::analyze_with(loader, options, &mut |path, file, text| {
        cache.parse(path, file, text)
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use dialect_compiler::source::MemoryLoader;

    use super::*;

    fn dial_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dial_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "dial" || x == "toml") {
                out.push(p);
            }
        }
    }

    fn render(p: &Project) -> Vec<String> {
        p.diagnostics
            .iter()
            .map(|d| format!("{:?} {} {:?}", d.code, d.message, d.labels))
            .collect()
    }

    /// Every fixture and shipped flow gives the same diagnostics through both drivers, on a
    /// cold cache and on a warm one.
    #[test]
    fn same_as_the_compiler() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for d in ["flows", "tests/fixtures"] {
            dial_files(&root.join(d), &mut files);
        }
        files.sort();
        let mut loader = MemoryLoader::new();
        let mut roots = Vec::new();
        for f in &files {
            let rel = f
                .strip_prefix(&root)
                .map_or_else(|_| f.to_string_lossy(), |r| r.to_string_lossy())
                .replace('\\', "/");
            loader.insert(&rel, std::fs::read(f).unwrap_or_default());
            if rel.ends_with(".dial") {
                roots.push(rel);
            }
        }
        let mut cache = ParseCache::default();
        for root in roots {
            let options = Options {
                roots: vec![root.clone()],
                environments: vec![("dev".into(), "flows/environments/dev.toml".into())],
            };
            let expected = render(&compile::analyze(&loader, &options));
            assert_eq!(
                render(&analyze(&loader, &options, &mut cache)),
                expected,
                "{root}"
            );
            assert_eq!(
                render(&analyze(&loader, &options, &mut cache)),
                expected,
                "{root}"
            );
        }
    }
}
