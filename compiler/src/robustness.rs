//! Whole pipelines run on arbitrary input, for the fuzz targets (`fuzz/`) and their regression
//! tests: each takes any bytes, runs every stage a command would run on them, renders the
//! diagnostics, and panics only when the compiler has a bug (a panic inside, or an invariant
//! below broken). A crash the fuzzer finds is replayed in the normal test suite by calling the
//! same function with the minimized input (`tests.rs` beside this file).
//!
//! Pure like the rest of the compiler: the bytes come from the caller.

use std::collections::BTreeMap;

use crate::checks::{check_units, model_units};
use crate::compile::{Options, analyze};
use crate::connect::{emit_flow, import_flow};
use crate::decompile::decompile;
use crate::diagnostics::render::{render_json, render_plain};
use crate::diagnostics::{Diagnostic, Severity};
use crate::graph::FlowUnit;
use crate::lex;
use crate::project::ChecksConfig;
use crate::source::MemoryLoader;
use crate::span::{FileId, SourceFile, SourceMap};
use crate::syntax;

/// `bytes` as a `.dial` file: both parsers (which must agree whenever the fast one accepts the
/// text), the resolver, lowering and the graph checks when it resolves, the formatter, and both
/// renderings of every diagnostic.
pub fn dial_source(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let pest = syntax::parse_pest(FileId(0), text);
        if let Some(fast) = syntax::parse_fast(FileId(0), text) {
            assert!(
                pest.diagnostics.is_empty(),
                "the fast parser accepted a file pest reports"
            );
            assert!(fast == pest.ast, "the fast parser built a different tree");
        }
        // Bad input is an error value; an internal error would be a formatter bug, and the
        // property tests look for those on valid sources.
        let _ = crate::format::format(text);
    }
    let mut loader = MemoryLoader::new();
    loader.insert("fuzz.dial", bytes.to_vec());
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["fuzz.dial".to_owned()],
            environments: Vec::new(),
        },
    );
    let mut diags = project.diagnostics.clone().into_vec();
    if !project.diagnostics.has_errors() {
        let (units, lowering) = model_units(&project.model);
        diags.extend(lowering);
        diags.extend(check_units(&units, &ChecksConfig::default()));
    }
    render(&project.sources, &diags);
}

/// `bytes` as an exported Connect flow (what `dialect check` and `dialect import` do with a
/// `.json` file): import, emit, the graph checks, and the decompiler when the import has no
/// error.
pub fn connect_json(bytes: &[u8]) {
    // The commands refuse files that are not UTF-8 before importing them.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut sources = SourceMap::new();
    let file = sources.add(SourceFile::new("fuzz.json", text));
    let (flow, mut diags) = import_flow(file, text);
    if let Some(flow) = flow {
        let _ = emit_flow(&flow);
        let clean = !diags.iter().any(|d| d.severity == Severity::Error);
        let unit = FlowUnit::from_json(file, "fuzz.json", text, flow.clone());
        diags.extend(check_units(&[unit], &ChecksConfig::default()));
        if clean {
            let _ = decompile(&flow, "Fuzz");
        }
    }
    render(&sources, &diags);
}

/// `bytes` as a Lex V2 bot: an export zip (starts with `PK`), else a CloudFormation template,
/// else the files of an unzipped export written one after the other, each after a line
/// `=== PATH` (text without such a line is `Bot/Bot.json`). Every bot read is decompiled and
/// emitted again as a zip.
pub fn lex_bot(bytes: &[u8]) {
    let mut bots = Vec::new();
    let mut diags = Vec::new();
    if bytes.starts_with(b"PK") {
        let (bot, d) = lex::import_zip(bytes);
        bots.extend(bot);
        diags.extend(d);
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        let (cfn, d) = lex::import_cfn_template(text, None);
        bots.extend(cfn.into_iter().map(|b| b.bot));
        diags.extend(d);
        let (bot, d) = lex::import_zip_tree(&tree(text));
        bots.extend(bot);
        diags.extend(d);
    }
    for bot in &bots {
        let _ = lex::decompile_bot(bot);
        let _ = lex::emit_zip(bot);
    }
    // What `dialect import` prints for these (they point into no source file).
    for d in &diags {
        let _ = format!("{}: {}", d.code, d.message);
    }
}

/// The files of an unzipped export written as `=== PATH` sections (see [`lex_bot`]).
#[must_use]
pub fn tree(text: &str) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut path = "Bot/Bot.json".to_owned();
    let mut body = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(p) = line.strip_prefix("=== ") {
            if !body.is_empty() {
                files.insert(path.clone(), std::mem::take(&mut body).into_bytes());
            }
            p.trim_end().clone_into(&mut path);
        } else {
            body.push_str(line);
        }
    }
    files.insert(path, body.into_bytes());
    files
}

fn render(sources: &SourceMap, diags: &[Diagnostic]) {
    for d in diags {
        let _ = render_plain(sources, d);
    }
    let _ = render_json(sources, diags);
}

#[cfg(test)]
mod tests;
