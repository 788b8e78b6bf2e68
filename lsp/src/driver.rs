//! [`compile::analyze`] with a parse cache, so a keystroke re-parses one file, not the project.
//!
//! The steps are the compiler driver's (load following `use`, parse, resolve, environments),
//! with one difference: a file whose text and id are unchanged since the last run reuses its
//! syntax tree and parse diagnostics. Anything unusual (a file that cannot be read or is not
//! UTF-8) falls back to [`compile::analyze`] itself, so those diagnostics are always the
//! compiler's own. `tests::same_as_the_compiler` keeps the two drivers in agreement.

use std::collections::{BTreeMap, HashMap};

use dialect_compiler::compile::{self, LoadedFile, Options, Project};
use dialect_compiler::project::parse_environment;
use dialect_compiler::resolve::{self, ResolveInput};
use dialect_compiler::source::{SourceLoader, join, normalize, parent};
use dialect_compiler::span::{FileId, SourceFile};
use dialect_compiler::syntax::{self, Parsed, ast::Item};

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

fn read(loader: &dyn SourceLoader, path: &str) -> Option<String> {
    String::from_utf8(loader.load(path).ok()?).ok()
}

/// Analyses a project like [`compile::analyze`], reusing unchanged parses.
pub fn analyze(loader: &dyn SourceLoader, options: &Options, cache: &mut ParseCache) -> Project {
    let mut p = Project::default();
    let mut by_path: BTreeMap<String, Option<usize>> = BTreeMap::new();
    let mut queue: Vec<String> = options.roots.iter().map(|r| normalize(r)).collect();
    queue.reverse();
    let mut pending_uses: Vec<(usize, String)> = Vec::new();
    while let Some(path) = queue.pop() {
        if by_path.contains_key(&path) {
            continue;
        }
        let Some(text) = read(loader, &path) else {
            return compile::analyze(loader, options);
        };
        let file = p.sources.add(SourceFile::new(path.clone(), text));
        let parsed = cache.parse(&path, file, &p.sources.get(file).text);
        p.diagnostics.extend(parsed.diagnostics);
        let index = p.files.len();
        for item in &parsed.ast.items {
            if let Item::Use(u) = item {
                let target = join(parent(&path), &u.path.value);
                pending_uses.push((index, target.clone()));
                queue.insert(0, target);
            }
        }
        by_path.insert(path, Some(index));
        p.files.push(LoadedFile {
            file,
            ast: parsed.ast,
            uses: Vec::new(),
        });
    }
    for (index, target) in pending_uses {
        if let Some(Some(t)) = by_path.get(&target) {
            let used = p.files[*t].file;
            p.files[index].uses.push(used);
        }
    }
    let inputs: Vec<ResolveInput<'_>> = p
        .files
        .iter()
        .map(|f| ResolveInput {
            ast: &f.ast,
            uses: f.uses.clone(),
        })
        .collect();
    let (model, diags) = resolve::resolve(&p.sources, &inputs);
    p.diagnostics.extend(diags);
    p.model = model;
    for (name, path) in &options.environments {
        let Some(text) = read(loader, path) else {
            return compile::analyze(loader, options);
        };
        let file = p.sources.add(SourceFile::new(normalize(path), text));
        match parse_environment(name, file, &p.sources.get(file).text) {
            Ok(env) => p.environments.push(env),
            Err(d) => p.diagnostics.push(d),
        }
    }
    let mut env_diags = Vec::new();
    for env in &p.environments {
        compile::check_environment(&p.model, &p.sources, env, &mut env_diags);
    }
    p.diagnostics.extend(env_diags);
    p.diagnostics.sort();
    p
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
