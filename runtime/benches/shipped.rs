//! The shipped flows of `flows/` in the simulator: simulated calls per second of the phone
//! order's happy path (the test "a happy order by voice" of `flows/order/order.test.dial`, with
//! its world and caller steps), and the time to explore every path of each shipped flow.
//!
//! `cargo bench -p dialect-runtime --bench shipped`

#[path = "../tests/suite/common/shipped.rs"]
mod shipped;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dialect_runtime::{ExploreOptions, Quiet, Session, explore};

/// The allocator of the `dialect` binary, so the figures are what users get.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn shipped(c: &mut Criterion) {
    let p = shipped::project();
    let shipped::HappyOrder {
        program,
        scenario,
        steps,
        flow,
    } = shipped::happy_order(&p);

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
