//! End-to-end tests of the `dialect` command line (one test binary, one module per area).

mod build;
mod check;
mod check_json;
mod deploy;
mod explain;
mod explore;
mod export_aws;
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
mod simulate_repl;
mod test_cmd;
mod transcripts;
