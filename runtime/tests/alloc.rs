//! A warm call allocates nothing (the hot path of issue 8's benchmark). This binary counts
//! every allocation of the process with an instrumented global allocator, so it runs without
//! the test harness (`harness = false`: no other thread allocates while it counts) and checks
//! both benchmark calls in turn from `main`; a failed check panics, which fails `cargo test`.

#[path = "suite/common/mod.rs"]
mod common;
#[path = "suite/common/shipped.rs"]
mod shipped;

use std::alloc::System;

use dialect_runtime::{Outcome, Quiet, Script, Session};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() {
    a_warm_order_call_does_not_allocate();
    a_warm_shipped_order_call_does_not_allocate();
    println!("alloc: 2 passed; 0 failed");
}

fn a_warm_order_call_does_not_allocate() {
    let program = common::order_program();
    let world = common::order_world();
    let order = Script::new()
        .press("1")
        .say("りんごを2個ください")
        .say("はい")
        .steps;
    let mut session = Session::new(&program, &world);
    // Warm up: buffers reach their size.
    for _ in 0..3 {
        assert_eq!(session.run(0, &order, &mut Quiet), Outcome::Disconnected);
    }
    let region = Region::new(GLOBAL);
    for _ in 0..100 {
        assert_eq!(session.run(0, &order, &mut Quiet), Outcome::Disconnected);
    }
    let stats = region.change();
    assert_eq!(
        (stats.allocations, stats.reallocations),
        (0, 0),
        "a warm call allocated: {stats:?}"
    );
    // The counter does count: recording a trace allocates.
    let region = Region::new(GLOBAL);
    let mut trace = dialect_runtime::Trace::default();
    session.run(0, &order, &mut trace);
    assert!(region.change().allocations > 0);
}

/// The same for the shipped phone order's happy call (modules, Lex, Lambdas, hours).
fn a_warm_shipped_order_call_does_not_allocate() {
    let p = shipped::project();
    let call = shipped::happy_order(&p);
    let mut session = Session::new(&call.program, &call.scenario.world);
    let first = session.run(call.flow, &call.steps, &mut Quiet);
    assert_eq!(first, Outcome::Disconnected);
    for _ in 0..3 {
        session.run(call.flow, &call.steps, &mut Quiet);
    }
    let region = Region::new(GLOBAL);
    for _ in 0..100 {
        assert_eq!(session.run(call.flow, &call.steps, &mut Quiet), first);
    }
    let stats = region.change();
    assert_eq!(
        (stats.allocations, stats.reallocations),
        (0, 0),
        "a warm call allocated: {stats:?}"
    );
}
