//! One file per subcommand; each returns an exit status.

pub mod build;
pub mod check;
pub mod deploy;
pub mod explain;
pub mod explore;
pub mod fmt;
pub mod generate;
pub mod graph;
pub mod import;
pub mod lsp;
pub mod report;
pub mod simulate;
pub mod test;
pub mod write_tests;

/// The `.dial` files under `paths`, loaded and resolved without environments, for the commands
/// that run flows (`test`, `explore`). A usage error or a project with errors has been printed
/// (ending with `error: the project has errors; {nothing}`) and gives its status instead.
pub(crate) fn analyze_clean(
    paths: &[String],
    format: crate::args::Format,
    color: crate::args::Color,
    nothing: &str,
) -> Result<dialect_compiler::compile::Project, Status> {
    let roots = dialect_files::expand(paths, ".dial");
    if roots.is_empty() {
        eprintln!("error: no `.dial` files found in {}", paths.join(", "));
        return Err(Status::Usage);
    }
    let p = dialect_compiler::compile::analyze(
        &crate::fs_loader::FsLoader,
        &dialect_compiler::compile::Options {
            roots,
            environments: Vec::new(),
        },
    );
    if p.diagnostics.has_errors() {
        let diags = p.diagnostics.clone().into_vec();
        eprint!(
            "{}",
            crate::report::render(&p.sources, &diags, format, color)
        );
        eprintln!("error: the project has errors; {nothing}");
        return Err(Status::Failed);
    }
    Ok(p)
}

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
