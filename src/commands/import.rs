//! `dialect import FILE.json [--out FILE.dial]`: decompile an exported Connect flow to `.dial`.

use std::path::Path;

use dialect_compiler::connect::import_flow;
use dialect_compiler::decompile::decompile;
use dialect_compiler::diagnostics::Severity;
use dialect_compiler::lex;
use dialect_compiler::span::{SourceFile, SourceMap};

use super::Status;
use crate::args::ImportArgs;
use crate::output::print;
use crate::report::render;

pub fn run(args: &ImportArgs) -> Status {
    let path = Path::new(&args.file);
    if path.is_dir() || args.file.ends_with(".zip") {
        return import_bot(args, path);
    }
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
    if text.contains("AWS::Lex::Bot") {
        return import_cfn_bots(args, &text);
    }
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
    write(args, &decompile(&flow, &stem))
}

/// A Lex V2 export: the zip, or the folder it unzips to.
fn import_bot(args: &ImportArgs, path: &Path) -> Status {
    let (bot, diags) = if path.is_dir() {
        let mut files = std::collections::BTreeMap::new();
        if let Err(e) = read_tree(path, path, &mut files) {
            eprintln!("error: cannot read `{}`: {e}", args.file);
            return Status::Usage;
        }
        lex::import_zip_tree(&files)
    } else {
        match std::fs::read(path) {
            Ok(bytes) => lex::import_zip(&bytes),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", args.file);
                return Status::Usage;
            }
        }
    };
    report_plain(&diags);
    let Some(bot) = bot else {
        eprintln!(
            "error: `{}` is not a Lex V2 bot export Dialect can import",
            args.file
        );
        return Status::Failed;
    };
    write(args, &lex::decompile_bot(&bot).text)
}

/// A CloudFormation template with `AWS::Lex::Bot` resources: every bot in it.
fn import_cfn_bots(args: &ImportArgs, text: &str) -> Status {
    let (bots, diags) = lex::import_cfn_template(text, None);
    report_plain(&diags);
    if bots.is_empty() {
        eprintln!("error: no bot could be imported from `{}`", args.file);
        return Status::Failed;
    }
    let mut out = String::new();
    for b in &bots {
        out.push_str(&lex::decompile_bot(&b.bot).text);
        out.push('\n');
    }
    write(args, &out)
}

/// Diagnostics of an import that has no text to point into: code and message.
fn report_plain(diags: &[dialect_compiler::diagnostics::Diagnostic]) {
    for d in diags {
        eprintln!("{}[{}]: {}", d.severity.as_str(), d.code.id(), d.message);
    }
}

fn write(args: &ImportArgs, body: &str) -> Status {
    let mut source = format!(
        "// Imported from {} by `dialect import`.\n\n",
        Path::new(&args.file)
            .file_name()
            .map_or_else(|| args.file.clone(), |n| n.to_string_lossy().into_owned())
    );
    source.push_str(body);
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

fn read_tree(
    base: &Path,
    dir: &Path,
    out: &mut std::collections::BTreeMap<String, Vec<u8>>,
) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            read_tree(base, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.insert(rel.to_string_lossy().replace('\\', "/"), std::fs::read(&p)?);
        }
    }
    Ok(())
}
