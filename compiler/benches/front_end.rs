//! Front-end throughput: parsing and full analysis (load + parse + resolve) of generated
//! projects of about 10k, 100k and 1M lines (see `dialect_compiler::generate`).
//!
//! ```text
//! cargo bench -p dialect-compiler --bench front_end
//! cargo bench -p dialect-compiler --bench front_end -- parse/100k   # one case
//! cargo bench -p dialect-compiler --bench front_end -- 'parse/|resolve/'   # skip pest
//! ```
//!
//! Groups: `parse` (what the compiler runs: the hand-written fast path, pest as fallback),
//! `parse_pest` (the pest grammar alone, for comparison) and `resolve` (`compile::analyze`).
//!
//! Throughput is reported in bytes of source; the line and step counts of each size are printed
//! once at start. The 1M-line cases take up to a few seconds per iteration (pest), so they run
//! 10 flat samples of one iteration each.

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

/// (label, steps): about 8.3 generated lines per step.
const SIZES: [(&str, usize); 3] = [("10k", 1_200), ("100k", 12_100), ("1M", 121_000)];

/// Parses one file; returns a count so the work is not optimized away.
type ParseFn = fn(FileId, &str) -> usize;

struct Case {
    label: &'static str,
    files: Vec<(String, String)>,
    bytes: u64,
}

fn cases() -> Vec<Case> {
    SIZES
        .iter()
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
                bytes,
            }
        })
        .collect()
}

/// Flat sampling with few samples, so the whole bench takes about two minutes on two cores.
/// The 1M-line case runs one iteration per sample; criterion then always prints "Unable to
/// complete 10 samples", which is expected.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, case: &Case) {
    let (samples, seconds) = match case.label {
        "10k" => (20, 3),
        "100k" => (10, 5),
        _ => (10, 10),
    };
    group
        .throughput(Throughput::Bytes(case.bytes))
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
        for case in &cases {
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
