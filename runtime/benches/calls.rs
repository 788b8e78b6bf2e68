//! Simulated calls per second on an order-like flow: keypad menu, Lex order with confirmation,
//! Lambda, attribute updates, comparisons, hang-up (`order`), and a short menu-to-queue call
//! (`to_queue`). Also the same call with a recorded trace, and exploring the flow.
//!
//! `cargo bench -p dialect-runtime --bench calls`

#[path = "../tests/suite/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dialect_runtime::{ExploreOptions, Quiet, Script, Session, Trace, explore};

/// The allocator of the `dialect` binary, so the figures are what users get.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn calls(c: &mut Criterion) {
    let program = common::order_program();
    let world = common::order_world();
    let order = Script::new()
        .press("1")
        .say("りんごを2個ください")
        .say("はい")
        .steps;
    let to_queue = Script::new().press("2").steps;

    let mut g = c.benchmark_group("calls");
    g.throughput(Throughput::Elements(1));
    let mut session = Session::new(&program, &world);
    g.bench_function("order", |b| {
        b.iter(|| black_box(session.run(0, black_box(&order), &mut Quiet)));
    });
    g.bench_function("to_queue", |b| {
        b.iter(|| black_box(session.run(0, black_box(&to_queue), &mut Quiet)));
    });
    g.bench_function("order_with_trace", |b| {
        b.iter(|| {
            let mut t = Trace::default();
            session.run(0, black_box(&order), &mut t);
            black_box(t)
        });
    });
    g.finish();

    c.bench_function("explore/order", |b| {
        b.iter(|| black_box(explore(&program, 0, ExploreOptions::default())));
    });
}

criterion_group!(benches, calls);
criterion_main!(benches);
