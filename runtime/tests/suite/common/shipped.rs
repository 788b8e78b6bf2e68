//! The shipped flows of `flows/`, compiled as `dialect test` compiles them, and the call of
//! their test "a happy order by voice" (its world and caller steps): the benchmark's and the
//! allocation test's call.

use std::path::{Path, PathBuf};

use dialect_compiler::compile::{self, Options, Project};
use dialect_compiler::source::MemoryLoader;
use dialect_runtime::expect::{Line, Scenario};
use dialect_runtime::{Program, Step, project};

/// Every `.dial` file under `dir`, relative to `root`, sorted.
fn dial_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("flows/ is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            dial_files(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "dial") {
            out.push(p.strip_prefix(root).expect("under root").to_path_buf());
        }
    }
}

/// The shipped flows and their tests, analysed without errors.
pub fn project() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    dial_files(&root, &root.join("flows"), &mut files);
    let mut loader = MemoryLoader::new();
    let mut roots = Vec::new();
    for f in &files {
        let rel = f.to_string_lossy().replace('\\', "/");
        loader.insert(
            &rel,
            std::fs::read(root.join(f)).expect("readable flow file"),
        );
        roots.push(rel);
    }
    let p = compile::analyze(
        &loader,
        &Options {
            roots,
            environments: Vec::new(),
        },
    );
    assert!(!p.diagnostics.has_errors(), "the shipped flows compile");
    p
}

/// The happy phone order: the program, its scenario, the caller's steps and the flow's index.
pub struct HappyOrder {
    pub program: Program,
    pub scenario: Scenario,
    pub steps: Vec<Step>,
    pub flow: u32,
}

pub fn happy_order(p: &Project) -> HappyOrder {
    let program = project::program(&p.model);
    let test = p
        .model
        .tests
        .iter()
        .find(|t| t.name == "a happy order by voice")
        .expect("the happy-order test exists");
    let scenario = project::scenario(&p.model, test).expect("the happy-order test lowers");
    let steps = scenario
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Caller(s) => Some(s.clone()),
            Line::Expect(_) => None,
        })
        .collect();
    let flow = program
        .flow_named(&scenario.flow)
        .expect("the test's flow is in the program");
    assert!(
        scenario.run(&program).passed,
        "the call is the passing test"
    );
    HappyOrder {
        program,
        scenario,
        steps,
        flow,
    }
}
