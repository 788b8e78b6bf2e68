//! Front-end throughput: parsing and full analysis (load + parse + resolve) of generated
//! projects of 1k, 10k, 100k and 1M steps (see `dialect_compiler::generate`; about 8.3 lines
//! per step).
//!
//! ```text
//! cargo bench -p dialect-compiler --bench front_end                     # 1k, 10k, 100k steps
//! cargo bench -p dialect-compiler --bench front_end -- parse/100k       # one case
//! cargo bench -p dialect-compiler --bench front_end -- 1M               # the 1M-step cases
//! ```
//!
//! Groups: `parse` (what the compiler runs: the hand-written fast path, pest as fallback),
//! `parse_pest` (the pest grammar alone, for comparison; 1k and 10k steps only) and `resolve`
//! (`compile::analyze`).
//!
//! Throughput is reported in steps; the line and byte counts of each size are printed once at
//! start. The 1M-step cases (8 million lines) take seconds per iteration, so they run only when
//! the filter names them, as 10 flat samples of one iteration each.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main, measurement::WallTime,
};
use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::generate;
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;
use dialect_compiler::syntax;

/// The allocator of the `dialect` binary, so the figures are what users get.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// (label, steps): about 8.3 generated lines per step.
const SIZES: [(&str, usize); 4] = [
    ("1k", 1_000),
    ("10k", 10_000),
    ("100k", 100_000),
    ("1M", 1_000_000),
];

/// Parses one file; returns a count so the work is not optimized away.
type ParseFn = fn(FileId, &str) -> usize;

struct Case {
    label: &'static str,
    files: Vec<(String, String)>,
    steps: u64,
}

/// The sizes to run: 1M steps only when the command line names it.
fn cases() -> Vec<Case> {
    let want_1m = std::env::args().skip(1).any(|a| a.contains("1M"));
    SIZES
        .iter()
        .filter(|(label, _)| *label != "1M" || want_1m)
        .map(|&(label, steps)| {
            let files = generate::project(steps);
            let bytes = generate::bytes(&files) as u64;
            eprintln!(
                "front_end {label:>4}: {steps:>7} steps, {:>5} files, {:>9} lines, {:>10} bytes",
                files.len(),
                generate::lines(&files),
                bytes
            );
            Case {
                label,
                files,
                steps: steps as u64,
            }
        })
        .collect()
}

/// Flat sampling with few samples, so the whole bench takes a few minutes on two cores. The
/// large cases run one iteration per sample; criterion then prints "Unable to complete 10
/// samples", which is expected.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, case: &Case) {
    let (samples, seconds) = match case.label {
        "1k" | "10k" => (20, 3),
        "100k" => (10, 5),
        _ => (10, 10),
    };
    group
        .throughput(Throughput::Elements(case.steps))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(samples)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds));
}

fn front_end(c: &mut Criterion) {
    let cases = cases();

    // `parse` is the entry point the compiler uses (the fast path, pest as fallback);
    // `parse_pest` is the pest grammar alone, the reference and the previous implementation.
    let parsers: [(&str, ParseFn); 2] = [
        ("parse", |id, text| {
            let parsed = syntax::parse(id, text);
            parsed.ast.items.len() + parsed.diagnostics.len()
        }),
        ("parse_pest", |id, text| {
            let parsed = syntax::parse_pest(id, text);
            parsed.ast.items.len() + parsed.diagnostics.len()
        }),
    ];
    for (name, parse) in parsers {
        let mut group = c.benchmark_group(name);
        // pest takes seconds per 100k steps: compare on the small sizes only.
        let sizes = if name == "parse_pest" { 2 } else { cases.len() };
        for case in cases.iter().take(sizes) {
            configure(&mut group, case);
            group.bench_with_input(
                BenchmarkId::from_parameter(case.label),
                &case.files,
                |b, files| {
                    b.iter(|| {
                        let mut items = 0;
                        for (i, (_, text)) in files.iter().enumerate() {
                            let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
                            items += parse(id, black_box(text));
                        }
                        black_box(items)
                    });
                },
            );
        }
        group.finish();
    }

    // `analyze`: load through `MemoryLoader` (a copy of each file), parse, resolve. The time
    // includes dropping the `Project`, as in `parse` it includes dropping each AST.
    let mut group = c.benchmark_group("resolve");
    for case in &cases {
        configure(&mut group, case);
        let mut loader = MemoryLoader::new();
        for (path, text) in &case.files {
            loader.insert(path, text.as_str());
        }
        let options = Options {
            roots: case.files.iter().map(|(p, _)| p.clone()).collect(),
            environments: Vec::new(),
        };
        group.bench_with_input(
            BenchmarkId::from_parameter(case.label),
            &(loader, options),
            |b, (loader, options)| {
                b.iter(|| {
                    let project = analyze(black_box(loader), black_box(options));
                    assert!(
                        project.diagnostics.is_empty(),
                        "generated projects analyze cleanly"
                    );
                    project.model.flows.len()
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, front_end);
criterion_main!(benches);
