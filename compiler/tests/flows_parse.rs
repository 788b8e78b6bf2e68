//! Every `.dial` file shipped in `flows/` parses with zero diagnostics.

use std::path::{Path, PathBuf};

use dialect_compiler::span::FileId;
use dialect_compiler::syntax::parse;

fn dial_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            dial_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "dial") {
            out.push(path);
        }
    }
}

#[test]
fn every_shipped_flow_parses_cleanly() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../flows"));
    let mut files = Vec::new();
    dial_files(root, &mut files);

    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let parsed = parse(FileId(0), &text);
        if !parsed.diagnostics.is_empty() {
            failures.push(format!("{}:\n{:#?}", path.display(), parsed.diagnostics));
        }
    }

    assert!(
        failures.is_empty(),
        "diagnostics in shipped flows:\n{}",
        failures.join("\n\n")
    );
    assert!(
        files.len() >= 5,
        "expected at least 5 .dial files under {}, found {}",
        root.display(),
        files.len()
    );
}
