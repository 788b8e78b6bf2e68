//! `dialect report PATH... --out DIR [--coverage FILE]`: the static HTML report.
//!
//! The diagnostics are those of `dialect check` (same loading, same environments). The report
//! is written even when there are errors: showing them on the steps is its purpose.

use std::path::Path;

use dialect_compiler::diagnostics::Diagnostic;
use dialect_compiler::diagram::{coverage, report};

use super::Status;
use crate::args::ReportArgs;
use crate::output::print;
use crate::report::plural;
use dialect_files::expand;

pub fn run(args: &ReportArgs) -> Status {
    let roots = expand(&args.paths, ".dial");
    if roots.is_empty() {
        eprintln!("error: no `.dial` files found in {}", args.paths.join(", "));
        return Status::Usage;
    }
    let coverage = match &args.coverage {
        None => None,
        Some(file) => match std::fs::read_to_string(file) {
            Ok(text) => match coverage::parse(&text) {
                Ok(c) => Some(c),
                Err(e) => {
                    eprintln!("error: `{file}` is not a coverage file: {e}");
                    return Status::Usage;
                }
            },
            Err(e) => {
                eprintln!("error: cannot read `{file}`: {e}");
                return Status::Usage;
            }
        },
    };
    let project = match super::check::check_paths(&args.paths, &args.envs) {
        Ok(c) => c.project,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Status::Usage;
        }
    };
    let diagnostics: Vec<Diagnostic> = project.diagnostics.iter().cloned().collect();
    let title = format!("Dialect report: {}", args.paths.join(", "));
    let files = report::site(&report::Input {
        title: &title,
        model: &project.model,
        sources: &project.sources,
        diagnostics: &diagnostics,
        coverage: coverage.as_ref(),
    });
    let out = Path::new(&args.out);
    for (path, text) in &files {
        let target = out.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, text));
        if let Err(e) = written {
            eprintln!("error: cannot write `{}`: {e}", target.display());
            return Status::Usage;
        }
    }
    let flows = project.model.flows.len();
    let errors = project.diagnostics.error_count();
    let warnings = project.diagnostics.warning_count();
    print(&format!(
        "Wrote the report of {flows} flow{} ({errors} error{}, {warnings} warning{}) to {}\n",
        plural(flows),
        plural(errors),
        plural(warnings),
        out.join("index.html").display()
    ));
    Status::Ok
}
