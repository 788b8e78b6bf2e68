//! `dialect import FILE.json [--out FILE.dial]`: decompile an exported Connect flow to `.dial`.

use std::path::Path;

use dialect_compiler::connect::import_flow;
use dialect_compiler::decompile::decompile;
use dialect_compiler::diagnostics::Severity;
use dialect_compiler::span::{SourceFile, SourceMap};

use super::Status;
use crate::args::ImportArgs;
use crate::output::print;
use crate::report::render;

pub fn run(args: &ImportArgs) -> Status {
    let text = match std::fs::read(&args.file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("error: `{}` is not valid UTF-8", args.file);
                return Status::Failed;
            }
        },
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.file);
            return Status::Usage;
        }
    };
    let mut sources = SourceMap::new();
    let file = sources.add(SourceFile::new(args.file.clone(), text));
    let (flow, diags) = import_flow(file, &sources.get(file).text);
    if !diags.is_empty() {
        eprint!("{}", render(&sources, &diags, args.format, args.color));
    }
    let Some(flow) = flow.filter(|_| !diags.iter().any(|d| d.severity == Severity::Error)) else {
        eprintln!(
            "error: `{}` is not a Connect flow Dialect can import",
            args.file
        );
        return Status::Failed;
    };
    let stem = args.name.clone().unwrap_or_else(|| {
        let stem = Path::new(&args.file).file_stem().map_or_else(
            || "Imported".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        flow.metadata
            .as_ref()
            .and_then(|m| m.name())
            .map_or(stem, str::to_owned)
    });
    let mut source = format!(
        "// Imported from {} by `dialect import`.\n\n",
        Path::new(&args.file)
            .file_name()
            .map_or_else(|| args.file.clone(), |n| n.to_string_lossy().into_owned())
    );
    source.push_str(&decompile(&flow, &stem));
    match &args.out {
        None => print(&source),
        Some(out) => {
            if let Err(e) = std::fs::write(out, &source) {
                eprintln!("error: cannot write `{out}`: {e}");
                return Status::Usage;
            }
        }
    }
    Status::Ok
}
