//! End-to-end tests of the `dialect` command line (one test binary, one module per area).

mod build;
mod check;
mod check_json;
mod explain;
mod harness;
mod import;
mod simulate;
mod test_cmd;
