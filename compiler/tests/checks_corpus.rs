//! The checks on the real flows of `shared/corpus/connect-flows`: no panic on any file, and a
//! reviewed table of what they find (file, code, count), so that changes to the findings on
//! real flows show up in review.
//!
//! Files are grouped into projects by the prefix before `__` (the repository they come from),
//! so that transfers between flows of one repository resolve.

use std::collections::BTreeMap;
use std::path::Path;

use dialect_compiler::checks::check_units;
use dialect_compiler::connect::import_flow;
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::project::ChecksConfig;
use dialect_compiler::span::FileId;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/connect-flows"
);

#[test]
fn corpus_findings() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the Connect corpus is missing at {CORPUS}"
        );
        eprintln!("notice: {CORPUS} not found; skipping");
        return;
    }
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 58, "the corpus has 58 flows");
    let mut projects: BTreeMap<String, Vec<(u32, String, FlowUnit)>> = BTreeMap::new();
    for (i, name) in files.iter().enumerate() {
        let text = std::fs::read_to_string(dir.join(name)).expect("readable");
        let file = FileId(u32::try_from(i).expect("few files"));
        let (flow, _) = import_flow(file, &text);
        let flow = flow.unwrap_or_else(|| panic!("{name} imports"));
        let unit = FlowUnit::from_json(file, name, &text, flow);
        let prefix = name.split("__").next().unwrap_or(name).to_owned();
        projects
            .entry(prefix)
            .or_default()
            .push((file.0, name.clone(), unit));
    }
    let mut table: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut per_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    let config = ChecksConfig::default();
    for members in projects.values() {
        let units: Vec<FlowUnit> = members.iter().map(|(_, _, u)| u.clone()).collect();
        let diags = check_units(&units, &config);
        let again = check_units(&units, &config);
        assert_eq!(diags, again, "checks are deterministic");
        for d in diags {
            let file = d
                .primary_span()
                .map(|s| s.file.0)
                .expect("every finding has a span");
            let name = members
                .iter()
                .find(|(f, _, _)| *f == file)
                .map(|(_, n, _)| n.clone())
                .expect("the span is in one of the project's files");
            *table.entry((name, d.code.id())).or_default() += 1;
            *per_code.entry(d.code.id()).or_default() += 1;
        }
    }
    let mut out = String::from("file | code | count\n");
    for ((file, code), n) in &table {
        out.push_str(&format!("{file} | {code} | {n}\n"));
    }
    out.push_str("\ntotal per code\n");
    for (code, n) in &per_code {
        out.push_str(&format!("{code} | {n}\n"));
    }
    insta::assert_snapshot!("corpus_findings", out);
}

/// Damaged versions of every corpus flow (no `NextAction`s; every target pointing at the first
/// action, which makes cycles everywhere; a start action that does not exist; all error
/// branches gone) go through the graph and every check without a panic, deterministically.
#[test]
fn damaged_flows_do_not_panic() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let config = ChecksConfig::default();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let (flow, _) = import_flow(FileId(0), &text);
        let Some(flow) = flow else { continue };
        let name = path.to_string_lossy().into_owned();
        let base = FlowUnit::from_json(FileId(0), &name, &text, flow);
        let first = base.flow.actions.first().map(|a| a.identifier.clone());
        let mut variants = Vec::new();
        let mut v = base.clone();
        v.flow
            .actions
            .iter_mut()
            .for_each(|a| a.transitions.next_action = None);
        variants.push(v);
        if let Some(first) = first {
            let mut v = base.clone();
            for a in &mut v.flow.actions {
                if a.transitions.next_action.is_some() {
                    a.transitions.next_action = Some(first.clone());
                }
                a.transitions
                    .errors
                    .iter_mut()
                    .for_each(|e| e.next_action = first.clone());
                a.transitions
                    .conditions
                    .iter_mut()
                    .for_each(|c| c.next_action = first.clone());
            }
            variants.push(v);
        }
        let mut v = base.clone();
        v.flow.start_action = "no-such-action".into();
        variants.push(v);
        let mut v = base.clone();
        v.flow
            .actions
            .iter_mut()
            .for_each(|a| a.transitions.errors.clear());
        variants.push(v);
        for v in variants {
            let units = [v.clone(), v];
            let a = check_units(&units, &config);
            assert_eq!(a, check_units(&units, &config), "{name}");
        }
    }
}
