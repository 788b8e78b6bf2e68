//! One file per subcommand; each returns an exit status.

pub mod build;
pub mod check;
pub mod explain;
pub mod explore;
pub mod fmt;
pub mod graph;
pub mod import;
pub mod lsp;
pub mod report;
pub mod simulate;
pub mod test;

/// The process exit status. Only the CLI decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Nothing to report (warnings allowed).
    Ok = 0,
    /// Errors were found (or warnings with `--deny warnings`).
    Failed = 1,
    /// Usage error or internal failure.
    Usage = 2,
}
