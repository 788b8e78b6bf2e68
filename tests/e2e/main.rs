//! End-to-end tests of the `dialect` command line (one test binary, one module per area).

mod build;
mod check;
mod explain;
mod fmt;
mod harness;
mod import;
mod lsp;
