//! The decompiler on real flows: every corpus flow (`shared/corpus/connect-flows`) decompiles to
//! `.dial` that checks without errors and compiles back to an equivalent flow
//! (`connect::equivalent`: same reachable actions, parameters and outcomes, identifiers and
//! layout aside). One test per corpus file.

#[macro_use]
#[path = "common/corpus_flows.rs"]
mod corpus_flows;

use corpus_flows::{CORPUS, read_corpus};

use std::path::Path;

use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::connect::{equivalent, import_flow};
use dialect_compiler::decompile::decompile;
use dialect_compiler::diagnostics::Severity;
use dialect_compiler::lower::{Placeholders, lower};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;

fn round_trip(stem: &str) {
    let Some(text) = read_corpus(stem) else {
        return;
    };
    let (flow, diags) = import_flow(FileId(0), &text);
    let original = flow.unwrap_or_else(|| panic!("{stem} imports: {diags:#?}"));
    let source = decompile(&original, stem);
    let mut loader = MemoryLoader::default();
    loader.insert("imported.dial", source.clone());
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["imported.dial".into()],
            environments: vec![],
        },
    );
    let errors: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "{stem}: the decompiled source has errors: {errors:#?}\n{source}"
    );
    let lowered = lower(&project.model, &Placeholders);
    assert_eq!(lowered.flows.len(), 1, "{stem}");
    let rebuilt = &lowered.flows[0].flow;
    if let Err(e) = equivalent(&original, rebuilt) {
        panic!("{stem}: not equivalent after decompile and compile: {e}\n{source}");
    }
    assert_eq!(
        rebuilt.actions.len(),
        original.index().len(),
        "{stem}: every action (reachable or not) comes back once"
    );
    // Decompiling is deterministic.
    assert_eq!(decompile(&original, stem), source);
}

macro_rules! corpus_tests {
    ($($name:ident => $stem:literal,)*) => {
        /// Every corpus file, so that a new file cannot be added without a test.
        const CORPUS_STEMS: &[&str] = &[$($stem),*];
        $(
            #[test]
            fn $name() {
                round_trip($stem);
            }
        )*
    };
}

with_corpus_flows!(corpus_tests);

#[test]
fn every_corpus_flow_has_a_round_trip_test() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        return;
    }
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .collect();
    stems.sort();
    let mut listed: Vec<&str> = CORPUS_STEMS.to_vec();
    listed.sort_unstable();
    assert_eq!(stems, listed);
}
