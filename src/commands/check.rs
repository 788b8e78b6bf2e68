//! `dialect check PATH...`: parse, resolve and check; print diagnostics; exit 0/1/2.

use std::io::IsTerminal;
use std::time::Instant;

use dialect_compiler::compile::{self, Options};
use dialect_compiler::diagnostics::render::{HumanRenderer, render_json};
use dialect_compiler::diagnostics::{Diagnostic, Severity};
use dialect_compiler::project::parse_project_file;
use dialect_compiler::source::normalize;
use dialect_compiler::span::SourceFile;

use super::Status;
use crate::args::{CheckArgs, Color, Deny, Format};
use crate::fs_loader::FsLoader;
use crate::output::print;
use crate::paths::{expand, find_project_dir};

pub fn run(args: &CheckArgs) -> Status {
    let started = Instant::now();
    let roots = expand(&args.paths, ".dial");
    let mut extra: Vec<(SourceFile, Diagnostic)> = Vec::new();
    let environments = match environments(&args.paths, &args.envs, &mut extra) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Status::Usage;
        }
    };
    if roots.is_empty() {
        eprintln!("error: no `.dial` files found in {}", args.paths.join(", "));
        return Status::Usage;
    }
    let mut project = compile::analyze(
        &FsLoader,
        &Options {
            roots,
            environments,
        },
    );
    for (file, mut d) in extra {
        let id = project.sources.add(file);
        for l in &mut d.labels {
            l.span.file = id;
        }
        project.diagnostics.push(d);
    }
    project.diagnostics.sort();

    let deny_warnings = args.deny == Some(Deny::Warnings);
    match args.format {
        Format::Json => print(&render_json(&project.sources, &project.diagnostics)),
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let renderer = HumanRenderer::new(color, 100);
            let mut out = String::new();
            for d in &project.diagnostics {
                out.push_str(&renderer.render(&project.sources, d));
                out.push('\n');
            }
            let flows = project.model.flows.len();
            let steps = project.model.step_count();
            let errors = project.diagnostics.error_count();
            let warnings = project.diagnostics.warning_count();
            out.push_str(&format!(
                "Checked {} file{} ({flows} flow{}, {steps} step{}): {errors} error{}, {warnings} warning{} in {:.0?}\n",
                project.files.len(),
                plural(project.files.len()),
                plural(flows),
                plural(steps),
                plural(errors),
                plural(warnings),
                started.elapsed()
            ));
            print(&out);
        }
    }
    let failing = project.diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    if failing { Status::Failed } else { Status::Ok }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Finds the project file and lists its environment files, filtered by `--env`.
pub(crate) fn environments(
    paths: &[String],
    wanted: &[String],
    extra: &mut Vec<(SourceFile, Diagnostic)>,
) -> Result<Vec<(String, String)>, String> {
    let Some(dir) = paths.first().and_then(|p| find_project_dir(p)) else {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        return Err(
            "`--env` was given but no `dialect.toml` was found in the checked folder or above it"
                .to_owned(),
        );
    };
    let project_path = normalize(&dir.join("dialect.toml").to_string_lossy());
    let text = std::fs::read_to_string(&project_path)
        .map_err(|e| format!("cannot read `{project_path}`: {e}"))?;
    let env_dir = match parse_project_file(dialect_compiler::span::FileId(0), &text) {
        Ok(pf) => dir.join(pf.project.environments),
        Err(d) => {
            extra.push((SourceFile::new(project_path, text), d));
            dir.join("environments")
        }
    };
    let mut found: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&env_dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".toml") {
                found.push((stem.to_owned(), normalize(&e.path().to_string_lossy())));
            }
        }
    }
    found.sort();
    for w in wanted {
        if !found.iter().any(|(n, _)| n == w) {
            let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
            return Err(format!(
                "no environment `{w}` in `{}` (found: {})",
                env_dir.display(),
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ));
        }
    }
    if !wanted.is_empty() {
        found.retain(|(n, _)| wanted.contains(n));
    }
    Ok(found)
}
