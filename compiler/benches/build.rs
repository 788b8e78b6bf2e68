//! Back-end throughput on generated projects of 1k, 10k, 100k and 1M steps (see
//! `dialect_compiler::generate`): lowering the resolved model to the Connect IR, the graph
//! checks on the lowered flows, emitting the flow JSON, the whole `build` from the model
//! (lowering, checks, flows, bots, CloudFormation, manifest), and, as the floor to compare
//! with, `serde_json` parsing the JSON that build wrote.
//!
//! ```text
//! cargo bench -p dialect-compiler --bench build                 # 1k, 10k, 100k steps
//! cargo bench -p dialect-compiler --bench build -- lower/10k    # one case
//! cargo bench -p dialect-compiler --bench build -- 1M           # 1M steps (minutes)
//! ```
//!
//! The 1M-step size runs only when the filter names it: its build takes tens of seconds and
//! gigabytes (`examples/build_time.rs` times it once, phase by phase).

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use dialect_compiler::build::build;
use dialect_compiler::checks::check_units;
use dialect_compiler::compile::{Options, Project, analyze};
use dialect_compiler::generate;
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::lower::{self, Placeholders};
use dialect_compiler::project::{CheckLevel, ChecksConfig, Environment};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;

/// The allocator of the `dialect` binary, so the figures are what users get.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// (label, steps).
const SIZES: [(&str, usize); 4] = [
    ("1k", 1_000),
    ("10k", 10_000),
    ("100k", 100_000),
    ("1M", 1_000_000),
];

fn project(steps: usize) -> Project {
    let files = generate::project(steps);
    let mut loader = MemoryLoader::default();
    let mut roots = Vec::new();
    for (path, text) in &files {
        loader.insert(path, text.clone());
        roots.push(path.clone());
    }
    analyze(
        &loader,
        &Options {
            roots,
            environments: vec![],
        },
    )
}

fn back_end(c: &mut Criterion) {
    let env = Environment {
        name: "bench".to_owned(),
        file: FileId(0),
        values: Default::default(),
    };
    // The generated flows have graph-check findings (prompts without error branches, …) that
    // would stop a real build; as warnings they are still computed, and the build completes.
    let mut checks = ChecksConfig::default();
    for c in dialect_compiler::checks::ALL_CODES {
        checks.levels.insert(c.id().to_owned(), CheckLevel::Warning);
    }
    let only = std::env::args().find(|a| SIZES.iter().any(|(l, _)| a.ends_with(&format!("/{l}"))));
    let want_1m = std::env::args().skip(1).any(|a| a.contains("1M"));
    for (label, steps) in SIZES {
        if only
            .as_ref()
            .is_some_and(|o| !o.ends_with(&format!("/{label}")))
            || (label == "1M" && !want_1m)
        {
            continue;
        }
        let p = project(steps);
        let lowered = lower::lower(&p.model, &Placeholders);
        let actions: usize = lowered.flows.iter().map(|f| f.flow.actions.len()).sum();
        let out = build(&p.model, &env, &checks);
        assert!(
            !out.files.is_empty(),
            "the generated project does not build: {:?}",
            out.diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| &d.message)
        );
        let json_bytes: usize = out
            .files
            .iter()
            .filter(|(path, _)| path.ends_with(".json"))
            .map(|(_, b)| b.len())
            .sum();
        eprintln!(
            "build {label:>4}: {steps:>8} steps, {} flows, {actions:>8} actions, {json_bytes:>11} bytes of JSON",
            p.model.flows.len()
        );
        let (samples, seconds) = if steps >= 1_000_000 {
            (10, 20)
        } else {
            (10, 5)
        };
        let mut group = c.benchmark_group(label);
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(samples)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(seconds))
            .throughput(Throughput::Elements(steps as u64));
        group.bench_function(BenchmarkId::new("lower", label), |b| {
            b.iter(|| black_box(lower::lower(&p.model, &Placeholders)));
        });
        let units: Vec<FlowUnit> = lowered
            .flows
            .iter()
            .map(|f| FlowUnit::from_lowered(f, &Placeholders))
            .collect();
        group.bench_function(BenchmarkId::new("check", label), |b| {
            b.iter(|| black_box(check_units(&units, &checks)));
        });
        group.bench_function(BenchmarkId::new("emit", label), |b| {
            b.iter(|| {
                for f in &lowered.flows {
                    black_box(lower::emit(f));
                }
            });
        });
        group.bench_function(BenchmarkId::new("build", label), |b| {
            b.iter(|| black_box(build(&p.model, &env, &checks)));
        });
        group.bench_function(BenchmarkId::new("serde_json_floor", label), |b| {
            b.iter(|| {
                for (path, bytes) in &out.files {
                    if path.ends_with(".json") {
                        black_box(serde_json::from_slice::<serde_json::Value>(bytes).ok());
                    }
                }
            });
        });
        group.finish();
    }
}

criterion_group!(benches, back_end);
criterion_main!(benches);
