//! `dialect graph PATH [--flow NAME] --format svg|dot|mermaid [--out FILE]`: draw flows.

use dialect_compiler::compile::{self, Options};
use dialect_compiler::connect::import_flow;
use dialect_compiler::diagnostics::Severity;
use dialect_compiler::diagram::{self, Diagram};
use dialect_compiler::span::{SourceFile, SourceMap};

use super::Status;
use crate::args::{Format, GraphArgs, GraphFormat};
use crate::fs_loader::FsLoader;
use crate::output::print;
use crate::report::render;
use dialect_files::expand;

pub fn run(args: &GraphArgs) -> Status {
    let diagrams = if args.path.ends_with(".json") {
        from_json(args)
    } else {
        from_dial(args)
    };
    let diagrams = match diagrams {
        Ok(d) => d,
        Err(status) => return status,
    };
    let mut chosen: Vec<&Diagram> = match &args.flow {
        Some(name) => diagrams.iter().filter(|d| &d.name == name).collect(),
        None => diagrams.iter().collect(),
    };
    if chosen.is_empty() {
        let names: Vec<&str> = diagrams.iter().map(|d| d.name.as_str()).collect();
        match &args.flow {
            Some(name) => eprintln!(
                "error: no flow named `{name}` in {} (flows: {})",
                args.path,
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
            None => eprintln!("error: no flow in {}", args.path),
        }
        return Status::Usage;
    }
    if chosen.len() > 1 && args.format != GraphFormat::Dot {
        let names: Vec<&str> = chosen.iter().map(|d| d.name.as_str()).collect();
        eprintln!(
            "error: {} holds {} flows ({}); choose one with `--flow NAME`",
            args.path,
            names.len(),
            names.join(", ")
        );
        return Status::Usage;
    }
    chosen.dedup_by(|a, b| a.name == b.name);
    let text: String = chosen
        .iter()
        .map(|d| match args.format {
            GraphFormat::Svg => diagram::render_svg(d),
            GraphFormat::Dot => diagram::render_dot(d),
            GraphFormat::Mermaid => diagram::render_mermaid(d),
        })
        .collect::<Vec<_>>()
        .join("\n");
    match &args.out {
        None => print(&text),
        Some(out) => {
            if let Err(e) = std::fs::write(out, &text) {
                eprintln!("error: cannot write `{out}`: {e}");
                return Status::Usage;
            }
        }
    }
    Status::Ok
}

/// Diagrams of the flows defined in the `.dial` files of PATH (not those only `use`d).
fn from_dial(args: &GraphArgs) -> Result<Vec<Diagram>, Status> {
    let roots = expand(std::slice::from_ref(&args.path), ".dial");
    if roots.is_empty() {
        eprintln!("error: no `.dial` files found in {}", args.path);
        return Err(Status::Usage);
    }
    let project = compile::analyze(
        &FsLoader,
        &Options {
            roots: roots.clone(),
            environments: Vec::new(),
        },
    );
    if project.diagnostics.has_errors() {
        let diags: Vec<_> = project.diagnostics.iter().cloned().collect();
        eprint!(
            "{}",
            render(&project.sources, &diags, Format::Human, args.color)
        );
        eprintln!("error: fix the errors above to draw the flows");
        return Err(Status::Failed);
    }
    let root_files: Vec<_> = roots
        .iter()
        .filter_map(|r| project.sources.find(r))
        .collect();
    let model = &project.model;
    Ok(diagram::from_model_all(model)
        .into_iter()
        .zip(&model.flows)
        .filter(|(_, f)| args.flow.is_some() || root_files.contains(&f.file))
        .map(|(d, _)| d)
        .collect())
}

/// The diagram of an exported Connect flow: one node per action.
fn from_json(args: &GraphArgs) -> Result<Vec<Diagram>, Status> {
    let text = match std::fs::read_to_string(&args.path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.path);
            return Err(Status::Usage);
        }
    };
    let mut sources = SourceMap::new();
    let file = sources.add(SourceFile::new(args.path.clone(), text));
    let (flow, diags) = import_flow(file, &sources.get(file).text);
    if !diags.is_empty() {
        eprint!("{}", render(&sources, &diags, Format::Human, args.color));
    }
    let Some(flow) = flow.filter(|_| !diags.iter().any(|d| d.severity == Severity::Error)) else {
        eprintln!(
            "error: `{}` is not a Connect flow Dialect can read",
            args.path
        );
        return Err(Status::Failed);
    };
    let stem = std::path::Path::new(&args.path)
        .file_stem()
        .map_or_else(|| "flow".to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(vec![diagram::from_connect(&flow, &stem)])
}
