//! The Dialect call simulator (see ARCHITECTURE.md). It reads only the compiler's IR: the
//! Connect flow model ([`dialect_compiler::connect`]) and the Lex bot model
//! ([`dialect_compiler::lex`]), never the language's syntax.
//!
//! ```text
//! connect::Flow + lex::Bot --Program::builder()…build()--> Program (compiled once)
//! Program + World --Session::new--> Session --run(flow, &[Step], &mut impl Observer)--> Outcome
//!                                               observers: Trace │ Coverage │ Quiet │ Both
//! Scenario { world, lines: caller steps + expectations } --run(&Program)--> ScenarioResult (diff)
//! Program --explore(flow, ExploreOptions)--> Exploration (paths, stranded ones, inputs per path)
//! ```
//!
//! - [`program`]: flows compiled to indexed ops; [`expr`]: parameter values and references.
//! - [`interp`]: the interpreter ([`Session`]); a warm call allocates nothing.
//! - [`world`], [`hours`], [`profiles`], [`mocks`]: the scriptable world; [`script`]: the caller.
//! - [`nlu`]: Lex-like understanding of utterances (Japanese and English).
//! - [`trace`]: events, outcomes, the transcript (text lines, JSON lines).
//! - [`expect`]: scenarios, expectations, the matcher and its diff; [`expect::run_all`] uses
//!   every core.
//! - [`aws_tests`]: scenario tests in AWS's testing language (`dialect test --export-aws`).
//! - [`coverage`]: actions and branches exercised; [`mod@explore`]: exhaustive path enumeration.
//!
//! Nothing here does I/O (CSV, JSON and bot files arrive as text or values) or panics on any
//! flow, bot or script; everything is deterministic (`DistributeByPercentage` draws from
//! [`World::seed`]).

pub mod aws_tests;
pub mod coverage;
pub mod expect;
pub mod explore;
pub mod expr;
pub mod faults;
pub mod hours;
pub mod interp;
pub mod mocks;
pub mod nlu;
pub mod profiles;
pub mod program;
pub mod project;
pub mod script;
pub mod testgen;
pub mod trace;
pub mod world;

pub use coverage::Coverage;
pub use expect::{Expectation, Scenario, ScenarioResult};
pub use explore::{Exploration, ExploreOptions, explore, explore_all};
pub use interp::{Limits, Session};
pub use program::Program;
pub use script::{Script, Step};
pub use trace::{Event, Observer, Outcome, Quiet, Trace};
pub use world::World;

/// Runs one call from the first flow of the program and records its trace.
#[must_use]
pub fn run(program: &Program, world: &World, script: &Script) -> Trace {
    run_flow(program, world, 0, script)
}

/// Runs one call from flow `flow` (index in the program) and records its trace.
#[must_use]
pub fn run_flow(program: &Program, world: &World, flow: u32, script: &Script) -> Trace {
    let mut trace = Trace::default();
    Session::new(program, world).run(flow, &script.steps, &mut trace);
    trace
}
