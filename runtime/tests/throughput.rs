//! Calls per second measured in CPU time of this thread's process, for machines where other
//! work makes wall-clock benchmarks noisy. Ignored by default; run it in release:
//!
//! `perf stat -e task-clock cargo test --release -p dialect-runtime --test throughput -- --ignored --nocapture`

#[path = "suite/common/mod.rs"]
mod common;

use dialect_runtime::{Outcome, Quiet, Script, Session};

#[test]
#[ignore = "a measurement, not a check; see the module docs"]
fn order_calls() {
    let program = common::order_program();
    let world = common::order_world();
    let order = Script::new()
        .press("1")
        .say("りんごを2個ください")
        .say("はい")
        .steps;
    let mut session = Session::new(&program, &world);
    let n = 2_000_000u32;
    let start = std::time::Instant::now();
    let mut ok = 0u32;
    for _ in 0..n {
        ok += u32::from(session.run(0, &order, &mut Quiet) == Outcome::Disconnected);
    }
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(ok, n);
    println!(
        "{n} order calls in {secs:.3} s wall: {:.0} calls/s",
        f64::from(n) / secs
    );
}
