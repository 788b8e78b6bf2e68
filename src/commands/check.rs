//! `dialect check PATH...`: parse, resolve and check `.dial` files, import Connect flow JSON,
//! run the graph checks; print diagnostics; exit 0/1/2.

use std::time::Instant;

use dialect_compiler::checks::{check_units, model_units};
use dialect_compiler::compile::{self, Options, Project};
use dialect_compiler::connect::import_flow;
use dialect_compiler::diagnostics::{Diagnostic, Severity, codes};
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::project::{ProjectFile, parse_project_file};
use dialect_compiler::source::normalize;
use dialect_compiler::span::SourceFile;

use super::Status;
use crate::args::{CheckArgs, Deny, Format};
use crate::fs_loader::{FsLoader, inputs};
use crate::output::print;
use crate::report::{Stream, plural, render_for};
use dialect_files::find_project_dir;

/// What `check` finds in some paths: the project with every diagnostic (files, syntax,
/// names, environments, Connect limits, graph checks), and the Connect flow JSON files
/// checked with it.
pub(crate) struct Checked {
    pub project: Project,
    /// The JSON flows (the `.dial` flows are in `project.model`).
    pub json_units: Vec<FlowUnit>,
    pub json_files: usize,
}

/// Runs everything `check` runs. `Err` is a usage error (an unknown environment, no input).
pub(crate) fn check_paths(paths: &[String], envs: &[String]) -> Result<Checked, String> {
    let inputs = inputs(paths);
    let mut extra: Vec<(SourceFile, Diagnostic)> = Vec::new();
    let project_file = project_file(paths, &mut extra);
    let environments = environments(project_file.as_ref(), envs)?;
    if inputs.dial.is_empty() && inputs.json.is_empty() {
        return Err(format!(
            "no `.dial` or flow `.json` files found in {}",
            paths.join(", ")
        ));
    }
    let mut project = if inputs.dial.is_empty() {
        Project::default()
    } else {
        compile::analyze(
            &FsLoader,
            &Options {
                roots: inputs.dial.clone(),
                environments,
            },
        )
    };
    for (file, mut d) in extra {
        let id = project.sources.add(file);
        for l in &mut d.labels {
            l.span.file = id;
        }
        project.diagnostics.push(d);
    }
    // Connect flow JSON: import, then check with the flows of the project.
    let mut json_units: Vec<FlowUnit> = Vec::new();
    for path in &inputs.json {
        let Some(text) = compile::read_text(
            &FsLoader,
            path,
            None,
            &mut project.sources,
            &mut project.diagnostics,
        ) else {
            continue;
        };
        let file = project.sources.add(SourceFile::new(path.clone(), text));
        let text = &project.sources.get(file).text;
        let (flow, diags) = import_flow(file, text);
        let unit = flow.map(|f| FlowUnit::from_json(file, path, text, f));
        project.diagnostics.extend(diags);
        json_units.extend(unit);
    }
    let mut units = json_units.clone();
    // Flows lowered from `.dial` join them, once the project resolves without errors: the
    // graph checks (Connect's limits included) run on what `build` would write.
    if !inputs.dial.is_empty() && !project.diagnostics.has_errors() {
        let (dial, lowering) = model_units(&project.model);
        units.extend(dial);
        project.diagnostics.extend(lowering);
    }
    let config = project_file
        .as_ref()
        .map(|(_, pf)| pf.checks.clone())
        .unwrap_or_default();
    project.diagnostics.extend(check_units(&units, &config));
    project.diagnostics.sort();
    Ok(Checked {
        project,
        json_units,
        json_files: inputs.json.len(),
    })
}

pub fn run(args: &CheckArgs) -> Status {
    let started = Instant::now();
    let Checked {
        project,
        json_units: units,
        json_files,
    } = match check_paths(&args.paths, &args.envs) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Status::Usage;
        }
    };

    let deny_warnings = args.deny == Some(Deny::Warnings);
    let mut out = render_for(
        &project.sources,
        project.diagnostics.as_slice(),
        args.format,
        args.color,
        Stream::Stdout,
    );
    if args.format == Format::Human {
        let files = project.files.len() + json_files;
        let flows = project.model.flows.len() + units.len();
        let steps =
            project.model.step_count() + units.iter().map(|u| u.flow.actions.len()).sum::<usize>();
        let errors = project.diagnostics.error_count();
        let warnings = project.diagnostics.warning_count();
        out.push_str(&format!(
            "Checked {} file{} ({flows} flow{}, {steps} step{}): {errors} error{}, {warnings} warning{} in {:.0?}\n",
            files,
            plural(files),
            plural(flows),
            plural(steps),
            plural(errors),
            plural(warnings),
            started.elapsed()
        ));
    }
    print(&out);
    let failing = project.diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    if failing { Status::Failed } else { Status::Ok }
}

/// Finds and parses `dialect.toml` (in the folder of the first path or above it). A malformed
/// file is reported in `extra` and read as the default project.
pub(crate) fn project_file(
    paths: &[String],
    extra: &mut Vec<(SourceFile, Diagnostic)>,
) -> Option<(std::path::PathBuf, ProjectFile)> {
    let dir = paths.first().and_then(|p| find_project_dir(p))?;
    let project_path = normalize(&dir.join("dialect.toml").to_string_lossy());
    let text = match std::fs::read_to_string(&project_path) {
        Ok(t) => t,
        Err(e) => {
            extra.push((
                SourceFile::new(project_path.clone(), String::new()),
                Diagnostic::new(
                    codes::UNREADABLE_FILE,
                    format!("cannot read `{project_path}`: {e}"),
                ),
            ));
            return Some((dir, ProjectFile::default()));
        }
    };
    match parse_project_file(dialect_compiler::span::FileId(0), &text) {
        Ok(pf) => Some((dir, pf)),
        Err(d) => {
            extra.push((SourceFile::new(project_path, text), d));
            Some((dir, ProjectFile::default()))
        }
    }
}

/// Lists the environment files of the project, filtered by `--env`.
pub(crate) fn environments(
    project: Option<&(std::path::PathBuf, ProjectFile)>,
    wanted: &[String],
) -> Result<Vec<(String, String)>, String> {
    let Some((dir, pf)) = project else {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        return Err(
            "`--env` was given but no `dialect.toml` was found in the checked folder or above it"
                .to_owned(),
        );
    };
    let env_dir = dir.join(&pf.project.environments);
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
