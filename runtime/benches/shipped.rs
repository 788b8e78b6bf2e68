//! The shipped flows of `flows/` in the simulator: simulated calls per second of the phone
//! order's happy path (the test "a happy order by voice" of `flows/order/order.test.dial`, with
//! its world and caller steps), and the time to explore every path of each shipped flow.
//!
//! `cargo bench -p dialect-runtime --bench shipped`

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dialect_compiler::compile::{self, Options};
use dialect_compiler::source::MemoryLoader;
use dialect_runtime::expect::Line;
use dialect_runtime::{ExploreOptions, Quiet, Session, Step, explore, project};

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

fn shipped(c: &mut Criterion) {
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
    let program = project::program(&p.model);

    let test = p
        .model
        .tests
        .iter()
        .find(|t| t.name == "a happy order by voice")
        .expect("the happy-order test exists");
    let scenario = project::scenario(&p.model, test).expect("the happy-order test lowers");
    let steps: Vec<Step> = scenario
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
        "the benchmarked call is the passing test"
    );

    let mut g = c.benchmark_group("shipped_calls");
    g.throughput(Throughput::Elements(1));
    let mut session = Session::new(&program, &scenario.world);
    g.bench_function("happy_order", |b| {
        b.iter(|| black_box(session.run(flow, black_box(&steps), &mut Quiet)));
    });
    g.finish();

    let mut g = c.benchmark_group("explore_shipped");
    g.sample_size(10);
    for f in &p.model.flows {
        let Some(index) = program.flow_named(&f.name) else {
            continue;
        };
        g.bench_function(f.name.as_str(), |b| {
            b.iter(|| black_box(explore(&program, index, ExploreOptions::default())));
        });
    }
    g.finish();
}

criterion_group!(benches, shipped);
criterion_main!(benches);
