//! End-to-end tests of the `dialect` command line (one test binary, one module per area).

mod build;
mod check;
mod check_json;
mod explain;
mod fmt;
mod generate;
mod graph;
mod harness;
mod import;
mod lsp;
mod readme;
mod report;
mod report_browser;
mod simulate;
mod test_cmd;
