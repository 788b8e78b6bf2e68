//! End-to-end tests of the `dialect` command line (one test binary, one module per area).

mod check;
mod explain;
mod harness;
mod simulate;
