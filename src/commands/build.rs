//! `dialect build PATH... --out DIR [--env NAME]`: check, lower and emit; write every file or
//! none.

use std::path::Path;
use std::time::Instant;

use dialect_compiler::build;
use dialect_compiler::compile::{self, Options};
use dialect_compiler::project::Environment;
use dialect_compiler::span::SourceFile;

use super::Status;
use crate::args::BuildArgs;
use crate::fs_loader::FsLoader;
use crate::out_dir;
use crate::output::print;
use crate::report::{plural, render};
use dialect_files::expand;

pub fn run(args: &BuildArgs) -> Status {
    let started = Instant::now();
    let roots = expand(&args.paths, ".dial");
    if roots.is_empty() {
        eprintln!("error: no `.dial` files found in {}", args.paths.join(", "));
        return Status::Usage;
    }
    let mut extra = Vec::new();
    let wanted: Vec<String> = args.env.iter().cloned().collect();
    let project_file = super::check::project_file(&args.paths, &mut extra);
    let mut environments = match super::check::environments(project_file.as_ref(), &wanted) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Status::Usage;
        }
    };
    if args.env.is_none() && environments.len() > 1 {
        let names: Vec<&str> = environments.iter().map(|(n, _)| n.as_str()).collect();
        eprintln!(
            "error: this project has several environments ({}); choose one with `--env NAME`",
            names.join(", ")
        );
        return Status::Usage;
    }
    environments.truncate(1);
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
    // Without any environment file every outside value is missing: check against an empty one
    // so that each is reported where it is used.
    if project.environments.is_empty() && !project.diagnostics.has_errors() {
        let file = project
            .sources
            .add(SourceFile::new("(no environment file)", String::new()));
        let env = Environment {
            name: "(none)".to_owned(),
            file,
            values: Default::default(),
        };
        let mut diags = Vec::new();
        compile::check_environment(&project.model, &project.sources, &env, &mut diags);
        project.diagnostics.extend(diags);
        project.environments.push(env);
    }
    project.diagnostics.sort();
    if project.diagnostics.has_errors() {
        return fail(&project.sources, project.diagnostics.into_vec(), args);
    }
    let env = &project.environments[0];
    let checks = project_file
        .as_ref()
        .map(|(_, pf)| pf.checks.clone())
        .unwrap_or_default();
    // The syntax trees are not needed past resolution: freed now, their memory serves the
    // build (a sixth less peak memory on a large project, for the time it takes to free them).
    project.files = Vec::new();
    let output = build::build(&project.model, env, &checks);
    if output.has_errors() {
        return fail(&project.sources, output.diagnostics.into_vec(), args);
    }
    let warnings: Vec<_> = project
        .diagnostics
        .iter()
        .chain(output.diagnostics.iter())
        .cloned()
        .collect();
    if !warnings.is_empty() {
        eprint!(
            "{}",
            render(&project.sources, &warnings, args.format, args.color)
        );
    }
    let out = Path::new(&args.out);
    if let Err(msg) = out_dir::write_all(out, &output.files) {
        eprintln!("error: {msg}");
        eprintln!("  note: nothing was written");
        return Status::Usage;
    }
    let modules = output
        .flows
        .iter()
        .filter(|f| f.kind == dialect_compiler::resolve::FlowKind::Module)
        .count();
    let flows = output.flows.len() - modules;
    let bots = project.model.bots.len();
    print(&format!(
        "Built {flows} flow{}, {modules} module{} and {bots} bot{} for environment `{}` into {} ({} files) in {:.0?}\n",
        plural(flows),
        plural(modules),
        plural(bots),
        env.name,
        out.display(),
        output.files.len(),
        started.elapsed()
    ));
    // The process ends right after this: freeing the project and the build piece by piece
    // (millions of strings on a large project, a sixth of the build time) is wasted work.
    std::mem::forget(output);
    std::mem::forget(project);
    Status::Ok
}

fn fail(
    sources: &dialect_compiler::span::SourceMap,
    diags: Vec<dialect_compiler::diagnostics::Diagnostic>,
    args: &BuildArgs,
) -> Status {
    let errors = diags
        .iter()
        .filter(|d| d.severity == dialect_compiler::diagnostics::Severity::Error)
        .count();
    let text = render(sources, &diags, args.format, args.color);
    // Machine formats are for tools: they go to stdout, like `check --format json`.
    match args.format {
        crate::args::Format::Human => eprint!("{text}"),
        _ => print(&text),
    }
    eprintln!(
        "error: build failed with {errors} error{}; nothing was written to {}",
        plural(errors),
        args.out
    );
    Status::Failed
}
