//! Times every phase of `dialect build` once on a generated project, in CPU time of this
//! thread, for profiling and peak-memory runs:
//!
//! ```text
//! cargo build --release -p dialect-compiler --example build_time
//! target/release/examples/build_time 100000 3        # steps, rounds
//! /usr/bin/time -v target/release/examples/build_time 1000000 1 build
//! perf record -g target/release/examples/build_time 100000 3
//! ```
//!
//! Arguments: the number of steps (default 100,000), how many rounds (default 1) and, for
//! memory runs, `build` to run only what `dialect build` runs (analyze, then build), or
//! `analyze` to run only the front end, or `lower` to stop after the checks (profiling lower and
//! checks), or `arns` to run every phase with an ARN for every flow, queue and hours in the
//! environment (the default environment has none, so the template swaps nothing).
//! Phases: `analyze` (load, parse, resolve), `free ast` (dropping the syntax trees, as
//! `dialect build` does before building), then on its model `lower`, `units` (the graph
//! checks' view of the lowered flows), `checks` (graph and every check), `emit` (flow JSON),
//! `build` (everything `build::build` does: lower, checks, flow JSON, Lex bots,
//! CloudFormation, manifest), the `serde_json` floor (parsing the JSON the build wrote), and
//! dropping the analyzed project.
//!
//! Each phase line shows its CPU and wall time, then what it allocated (the global allocator
//! counts: `allocs`, calls to `alloc`; `reallocs`, calls to `realloc`; `bytes`, the bytes those
//! calls asked for, reallocations counting their net growth), then the memory of the process
//! after it (`rss`, `peak`, minor page `faults` so far).

#[path = "common/clock.rs"]
mod clock;

use std::hint::black_box;

use dialect_compiler::build::build;
use dialect_compiler::checks::{ALL_CODES, check_units};
use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::generate;
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::lower::{self, Placeholders};
use dialect_compiler::project::{CheckLevel, ChecksConfig, Environment};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;

use clock::Clock;
use stats_alloc::{Stats, StatsAlloc};

/// The allocator of the `dialect` binary, so the figures are what users get, wrapped to count
/// allocations (relaxed cost: an atomic add per call).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: StatsAlloc<tikv_jemallocator::Jemalloc> =
    StatsAlloc::new(tikv_jemallocator::Jemalloc);
#[cfg(target_env = "msvc")]
#[global_allocator]
static GLOBAL: StatsAlloc<std::alloc::System> = StatsAlloc::system();

/// The start of a phase: its clock and the allocator's counters.
struct Start {
    clock: Clock,
    stats: Stats,
}

/// Starts a phase.
fn start() -> Start {
    Start {
        clock: Clock::now(),
        stats: GLOBAL.stats(),
    }
}

/// The time since `t`, what was allocated since, and the memory now (see [`memory`]).
fn lap(t: &Start) -> String {
    let elapsed = t.clock.elapsed();
    let d = GLOBAL.stats() - t.stats;
    let bytes = d.bytes_allocated as f64 + d.bytes_reallocated.max(0) as f64;
    format!(
        "{elapsed}  allocs {:>6.2} M  reallocs {:>5.2} M  bytes {:>6.0} MB{}",
        d.allocations as f64 / 1e6,
        d.reallocations as f64 / 1e6,
        bytes / 1e6,
        memory()
    )
}

/// On Linux, the resident set now and at its peak so far (`VmRSS`, `VmHWM`), to see which
/// phase holds the memory.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .map_or(0.0, |kb| kb as f64 / 1e6)
    };
    // Minor page faults of the process so far (field 10 of /proc/self/stat): first touches
    // of memory newly taken from the kernel.
    let faults = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after_name = s.rsplit_once(')')?.1.to_owned();
            after_name.split_whitespace().nth(7)?.parse::<u64>().ok()
        })
        .unwrap_or(0);
    format!(
        "  rss {:>6.2} GB  peak {:>6.2} GB  faults {:>6.2} M",
        field("VmRSS:"),
        field("VmHWM:"),
        faults as f64 / 1e6
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let steps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let only = args.next();
    let only_build = only.as_deref() == Some("build");
    let only_analyze = only.as_deref() == Some("analyze");
    let only_lower = only.as_deref() == Some("lower");
    let with_arns = only.as_deref() == Some("arns");
    let files = generate::project(steps);
    eprintln!(
        "{steps} steps, {} files, {} lines, {} bytes",
        files.len(),
        generate::lines(&files),
        generate::bytes(&files)
    );
    let mut loader = MemoryLoader::new();
    for (path, text) in &files {
        loader.insert(path, text.as_str());
    }
    let options = Options {
        roots: files.into_iter().map(|(path, _)| path).collect(),
        environments: Vec::new(),
    };
    let mut env = Environment {
        name: "bench".to_owned(),
        file: FileId(0),
        values: Default::default(),
    };
    // As in the build bench: the generated flows have findings that would stop a real build.
    let mut checks = ChecksConfig::default();
    for c in ALL_CODES {
        checks.levels.insert(c.id().to_owned(), CheckLevel::Warning);
    }
    for _ in 0..rounds {
        let t = start();
        let mut project = analyze(&loader, &options);
        eprintln!("analyze  {}", lap(&t));
        // As `dialect build` does: the syntax trees are freed before the build.
        let t = start();
        drop(std::mem::take(&mut project.files));
        eprintln!("free ast {}", lap(&t));
        assert!(project.diagnostics.is_empty());
        if with_arns {
            arns(&project.model, &mut env);
        }
        if only_analyze {
            continue;
        }
        if !only_build {
            let t = start();
            let lowered = lower::lower(&project.model, &Placeholders);
            eprintln!("lower    {}", lap(&t));
            let t = start();
            let units: Vec<FlowUnit> = lowered
                .flows
                .iter()
                .map(|f| FlowUnit::from_lowered(f, &Placeholders))
                .collect();
            eprintln!("units    {}", lap(&t));
            let t = start();
            black_box(check_units(&units, &checks));
            eprintln!("checks   {}", lap(&t));
            if only_lower {
                continue;
            }
            let t = start();
            for f in &lowered.flows {
                black_box(lower::emit(f));
            }
            eprintln!("emit     {}", lap(&t));
            pieces(&project.model, &lowered.flows, &env);
        }
        let t = start();
        let out = build(&project.model, &env, &checks);
        eprintln!("build    {}", lap(&t));
        assert!(!out.has_errors());
        let json: usize = out
            .files
            .iter()
            .filter(|(p, _)| p.ends_with(".json"))
            .map(|(_, b)| b.len())
            .sum();
        eprintln!("         {} files, {json} bytes of JSON", out.files.len());
        if !only_build {
            let t = start();
            for (path, bytes) in &out.files {
                if path.ends_with(".json") {
                    black_box(serde_json::from_slice::<serde_json::Value>(bytes).ok());
                }
            }
            eprintln!("serde    {}", lap(&t));
        }
        let t = start();
        drop(black_box(out));
        drop(black_box(project));
        eprintln!("drop     {}", lap(&t));
    }
}

/// `arns` mode: an environment with an ARN for every flow, module, queue and hours, as a real
/// environment file has (the default environment is empty: no ARN to swap in the template).
fn arns(model: &dialect_compiler::resolve::Model, env: &mut Environment) {
    let arn = |kind: &str, name: &str| {
        format!("arn:aws:connect:ap-northeast-1:123456789012:instance/bench/{kind}/{name}")
    };
    let v = &mut env.values;
    for f in &model.flows {
        v.flows.insert(f.name.clone(), arn("contact-flow", &f.name));
    }
    for q in &model.queues {
        v.queues.insert(q.name.clone(), arn("queue", &q.name));
    }
    for h in &model.hours {
        v.hours
            .insert(h.name.clone(), arn("operating-hours", &h.name));
    }
}

/// The parts of `build` after the flows: Lex bots and the CloudFormation template.
fn pieces(
    model: &dialect_compiler::resolve::Model,
    flows: &[lower::LoweredFlow],
    env: &Environment,
) {
    use dialect_compiler::cfn::{self, BundleOptions, FlowContent, FlowInput};
    use dialect_compiler::lex::{self, BotOptions};
    let t = start();
    let (bots, _) = lex::lower_bots(model, &BotOptions::default());
    eprintln!("  bots lower {}", lap(&t));
    let t = start();
    for b in &bots {
        black_box(lex::emit_bot_tree(&b.bot));
    }
    eprintln!("  bots tree  {}", lap(&t));
    let t = start();
    for b in &bots {
        black_box(lex::emit_bot_zip(&b.bot));
    }
    eprintln!("  bots zip   {}", lap(&t));
    let inputs: Vec<FlowInput> = flows
        .iter()
        .map(|f| FlowInput {
            name: f.name.clone(),
            kind: f.kind,
            description: f.description.clone(),
            content: FlowContent::Emitted(lower::emit(f)),
            span: Some(f.name_span),
        })
        .collect();
    let t = start();
    let template = cfn::bundle_text(model, &bots, &inputs, Some(env), &BundleOptions::default());
    eprintln!(
        "  cfn bundle {} ({} bytes, text included)",
        lap(&t),
        template.text.len()
    );
}
