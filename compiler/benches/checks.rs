//! Graph and checks throughput on generated projects of about 10k and 100k actions: many
//! inbound flows (hours check, keypad menu, a Lambda with a bounded retry, a module call, a
//! queue transfer with an at-capacity branch, attributes set and read) sharing modules.
//!
//! ```text
//! cargo bench -p dialect-compiler --bench checks
//! CHECKS_PER_CHECK_ONLY=1 cargo bench -p dialect-compiler --bench checks   # only the breakdown
//! CHECKS_GENERATED=100000 CHECKS_PER_CHECK_ONLY=1 cargo bench -p dialect-compiler --bench checks
//! CHECKS_GENERATED=100000 CHECKS_REPEAT=20 perf record target/release/deps/checks-HASH --bench
//! ```
//!
//! Before the criterion runs it prints a breakdown for the 100k case: the CPU time of building
//! the graph, of all checks, and of each check on its own (best of five; CPU time because the
//! shared development machines are loaded). With `CHECKS_GENERATED=STEPS` it prints the same
//! breakdown first for the lowered flows of a generated `.dial` project of that many steps
//! (`generate::project`, as `build_time` uses: 100,000 steps are about 222,000 actions).
//!
//! The quality bar (PRODUCT.md) is a 100,000-step project compiled *and* checked in under
//! 0.3 s on one core; this bench measures the checks' share (graph build + every check).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dialect_compiler::checks::{ALL_CODES, check_units};
use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::connect::params::{
    CheckHoursOfOperation, Compare, DisconnectParticipant, EndFlowModuleExecution,
    GetParticipantInput, InvokeFlowModule, InvokeLambdaFunction, Loop, MessageParticipant,
    TransferContactToQueue, UpdateContactAttributes, UpdateContactTargetQueue,
};
use dialect_compiler::connect::{
    Action, ActionKind, ErrorType, Flow, FlowType, Operator, Scalar, Transitions,
};
use dialect_compiler::generate;
use dialect_compiler::graph::{FlowUnit, ProjectGraph};
use dialect_compiler::lower::{self, Placeholders};
use dialect_compiler::project::{CheckLevel, ChecksConfig};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::{FileId, Span};

/// The allocator of the `dialect` binary, so the figures are what users get.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const NME: ErrorType = ErrorType::NoMatchingError;

fn say(id: &str, text: &str, next: &str) -> Action {
    Action::new(
        id,
        ActionKind::MessageParticipant(Box::new(MessageParticipant {
            text: Some(Scalar::string(text)),
            ..Default::default()
        })),
        Transitions::to(next).with_error(NME, "bye"),
    )
}

/// One block of 10 actions, `b` its number; continues at `next`.
fn block(p: &str, b: usize, next: &str, module: &str, out: &mut Vec<Action>) {
    let id = |s: &str| format!("{p}{b}-{s}");
    out.push(Action::new(
        id("set"),
        ActionKind::UpdateContactAttributes(UpdateContactAttributes {
            attributes: Some(
                [(format!("a{b}"), Scalar::string("x"))]
                    .into_iter()
                    .collect(),
            ),
            ..Default::default()
        }),
        Transitions::to(id("menu")).with_error(NME, "sorry"),
    ));
    out.push(Action::new(
        id("menu"),
        ActionKind::GetParticipantInput(Box::new(GetParticipantInput {
            text: Some(Scalar::string("Press 1 to continue, 2 to hear this again")),
            store_input: Some(Scalar::boolean(false)),
            ..Default::default()
        })),
        Transitions::to(id("call"))
            .with_condition(Operator::Equals, "1", id("call"))
            .with_condition(Operator::Equals, "2", id("count"))
            .with_error(ErrorType::InputTimeLimitExceeded, id("count"))
            .with_error(ErrorType::NoMatchingCondition, id("count"))
            .with_error(NME, "sorry"),
    ));
    out.push(Action::new(
        id("count"),
        ActionKind::Loop(Loop {
            loop_count: Some(Scalar::integer(2)),
            ..Default::default()
        }),
        Transitions::default()
            .with_condition(Operator::Equals, "ContinueLooping", id("menu"))
            .with_condition(Operator::Equals, "DoneLooping", "sorry"),
    ));
    out.push(Action::new(
        id("call"),
        ActionKind::InvokeLambdaFunction(Box::new(InvokeLambdaFunction {
            lambda_function_arn: Some(Scalar::string("arn:aws:lambda:r:1:function:f")),
            invocation_time_limit_seconds: Some(Scalar::integer(8)),
            ..Default::default()
        })),
        Transitions::to(id("check")).with_error(NME, id("retry")),
    ));
    out.push(Action::new(
        id("retry"),
        ActionKind::Loop(Loop {
            loop_count: Some(Scalar::integer(2)),
            ..Default::default()
        }),
        Transitions::default()
            .with_condition(Operator::Equals, "ContinueLooping", id("call"))
            .with_condition(Operator::Equals, "DoneLooping", "sorry"),
    ));
    out.push(Action::new(
        id("check"),
        ActionKind::Compare(Compare {
            comparison_value: Some(Scalar::string(format!("$.Attributes.a{b}"))),
            ..Default::default()
        }),
        Transitions::to(id("module"))
            .with_condition(Operator::Equals, "x", id("module"))
            .with_error(ErrorType::NoMatchingCondition, id("module")),
    ));
    out.push(Action::new(
        id("module"),
        ActionKind::InvokeFlowModule(InvokeFlowModule {
            flow_module_id: Some(Scalar::string(module)),
            ..Default::default()
        }),
        Transitions::to(id("say")).with_error(NME, "sorry"),
    ));
    out.push(say(&id("say"), "Thank you", &id("say2")));
    out.push(say(&id("say2"), "One more thing", &id("say3")));
    out.push(say(&id("say3"), "Here we go", next));
}

/// A project of about `actions` actions: flows of 10 blocks each, one module per 20 flows.
fn project(actions: usize) -> Vec<FlowUnit> {
    let flows = (actions / 106).max(1);
    let modules = flows.div_ceil(20);
    let mut units = Vec::with_capacity(flows + modules);
    for m in 0..modules {
        let mut flow = Flow::new("ret");
        flow.actions.push(say("hello", "From the module", "ret"));
        flow.actions.push(Action::new(
            "ret",
            ActionKind::EndFlowModuleExecution(EndFlowModuleExecution::default()),
            Transitions::default(),
        ));
        flow.start_action = "hello".into();
        units.push(FlowUnit::new(
            format!("module-{m}"),
            FlowType::Module,
            flow,
            Span::point(FileId(0), 0),
        ));
    }
    for f in 0..flows {
        let module = format!("module-{}", f % modules);
        let mut flow = Flow::new("hours");
        flow.actions.push(Action::new(
            "hours",
            ActionKind::CheckHoursOfOperation(CheckHoursOfOperation::default()),
            Transitions::to("closed")
                .with_condition(Operator::Equals, "True", "b0-set")
                .with_condition(Operator::Equals, "False", "closed")
                .with_error(NME, "closed"),
        ));
        for b in 0..10 {
            let next = if b == 9 {
                "queue".to_owned()
            } else {
                format!("b{}-set", b + 1)
            };
            block("b", b, &next, &module, &mut flow.actions);
        }
        flow.actions.push(Action::new(
            "queue",
            ActionKind::UpdateContactTargetQueue(UpdateContactTargetQueue {
                queue_id: Some(Scalar::string("arn:aws:connect:r:1:instance/i/queue/q")),
                ..Default::default()
            }),
            Transitions::to("transfer").with_error(NME, "sorry"),
        ));
        flow.actions.push(Action::new(
            "transfer",
            ActionKind::TransferContactToQueue(TransferContactToQueue::default()),
            Transitions::to("sorry")
                .with_error(ErrorType::QueueAtCapacity, "full")
                .with_error(NME, "sorry"),
        ));
        flow.actions.push(say("full", "We are busy", "bye"));
        flow.actions.push(say("closed", "We are closed", "bye"));
        flow.actions.push(say("sorry", "Sorry", "bye"));
        flow.actions.push(Action::new(
            "bye",
            ActionKind::DisconnectParticipant(DisconnectParticipant::default()),
            Transitions::default(),
        ));
        units.push(FlowUnit::new(
            format!("flow-{f}"),
            FlowType::ContactFlow,
            flow,
            Span::point(FileId(0), 0),
        ));
    }
    units
}

/// The lowered flows of a generated `.dial` project of `steps` steps, as check units.
fn generated(steps: usize) -> Vec<FlowUnit> {
    let files = generate::project(steps);
    let mut loader = MemoryLoader::new();
    for (path, text) in &files {
        loader.insert(path, text.as_str());
    }
    let options = Options {
        roots: files.iter().map(|(path, _)| path.clone()).collect(),
        environments: Vec::new(),
    };
    let project = analyze(&loader, &options);
    assert!(project.diagnostics.is_empty());
    let lowered = lower::lower(&project.model, &Placeholders);
    lowered
        .flows
        .iter()
        .map(|f| FlowUnit::from_lowered(f, &Placeholders))
        .collect()
}

/// CPU time of this thread (Linux: `/proc/thread-self/schedstat`), so that the per-check
/// figures mean something on a loaded machine; wall time elsewhere.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f` and returns its CPU time (wall time when CPU time is unavailable).
fn timed(f: impl FnOnce()) -> Duration {
    let (c0, t0) = (cpu_now(), Instant::now());
    f();
    match (c0, cpu_now()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => t0.elapsed(),
    }
}

/// Prints the CPU time of the graph alone and of each check on its own (best of five), so
/// that a slow check stands out.
fn per_check(units: &[FlowUnit]) {
    let only = |keep: Option<&str>| {
        let mut config = ChecksConfig::default();
        for c in ALL_CODES {
            if Some(c.id()) != keep {
                config.levels.insert(c.id().to_owned(), CheckLevel::Allow);
            }
        }
        config
    };
    // The fastest of five runs, to damp the noise of a shared machine.
    let time = |config: &ChecksConfig| {
        (0..5)
            .map(|_| {
                timed(|| {
                    black_box(check_units(units, config));
                })
            })
            .min()
            .unwrap_or_default()
    };
    let build = (0..5)
        .map(|_| {
            timed(|| {
                black_box(ProjectGraph::build(units));
            })
        })
        .min()
        .unwrap_or_default();
    let graph = time(&only(None));
    let all = time(&ChecksConfig::default());
    eprintln!(
        "  ProjectGraph::build: {build:.1?}; check_units with every check off: {graph:.1?}; with every check: {all:.1?}"
    );
    for c in ALL_CODES {
        let config = only(Some(c.id()));
        let t = time(&config);
        let findings = check_units(units, &config).len();
        eprintln!(
            "  {} {:<30} {:>9.1?}  {findings:>6} findings",
            c.id(),
            c.name(),
            t.saturating_sub(graph)
        );
    }
}

fn bench(c: &mut Criterion) {
    let config = ChecksConfig::default();
    if let Some(steps) = std::env::var("CHECKS_GENERATED")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        let units = generated(steps);
        let actions: usize = units.iter().map(|u| u.flow.actions.len()).sum();
        eprintln!(
            "generated project, {steps} steps: {} flows, {actions} actions",
            units.len()
        );
        // For `perf record`: only `check_units` with every check, this many times.
        if let Some(n) = std::env::var("CHECKS_REPEAT")
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
        {
            let t = timed(|| {
                for _ in 0..n {
                    black_box(check_units(&units, &config));
                }
            });
            eprintln!("  check_units x {n}: {t:.1?}");
            return;
        }
        per_check(&units);
    }
    per_check(&project(100_000));
    if std::env::var_os("CHECKS_PER_CHECK_ONLY").is_some() {
        return;
    }
    let mut group = c.benchmark_group("checks");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (label, size) in [("10k", 10_000), ("100k", 100_000)] {
        let units = project(size);
        let actions: usize = units.iter().map(|u| u.flow.actions.len()).sum();
        let findings = check_units(&units, &config).len();
        eprintln!(
            "checks {label:>4}: {} flows, {actions} actions, {findings} findings",
            units.len()
        );
        group.throughput(Throughput::Elements(actions as u64));
        group.bench_function(label, |b| {
            b.iter(|| black_box(check_units(black_box(&units), &config)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
