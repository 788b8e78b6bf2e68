//! Property tests (proptest): generated inputs, a bounded number of cases each, shrunk to a
//! minimal failing case when a property breaks. The fuzz targets (`fuzz/`) look for crashes on
//! arbitrary bytes; these check meaning on well-formed input.
//!
//! - `connect_round_trip`: import then emit is the identity on generated Connect flows.
//! - `dial_print_parse`: formatting a generated `.dial` source keeps its syntax tree, is
//!   idempotent, and the fast parser and pest agree on both texts.
//! - `graph_checks`: the importer and the graph checks never panic on generated graphs (random
//!   transitions, missing targets, loops, several flows).

mod connect_round_trip;
mod dial_print_parse;
mod flows;
mod graph_checks;

/// The settings of every property: few enough cases to keep the whole set within seconds in a
/// debug build, no regression files written into the tree (a failure prints its minimal case,
/// which then becomes a fixed test).
fn config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}
