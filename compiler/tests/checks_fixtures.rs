//! Every check has a failing and a passing fixture in `tests/fixtures/checks/`:
//! `<CODE>-<name>.fail.json` must produce that code, `<CODE>-<name>.pass.json` must check
//! clean (no diagnostic at all). Each failing fixture has a reviewed snapshot: the source, then
//! the human rendering of its diagnostics.

use std::path::Path;

use dialect_compiler::checks::{ALL_CODES, check_units};
use dialect_compiler::connect::import_flow;
use dialect_compiler::diagnostics::Diagnostic;
use dialect_compiler::diagnostics::render::HumanRenderer;
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::project::ChecksConfig;
use dialect_compiler::span::{SourceFile, SourceMap};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/checks");

fn run(name: &str, config: &ChecksConfig) -> (SourceMap, Vec<Diagnostic>) {
    let path = format!("checks/{name}");
    let text = std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture");
    let mut sources = SourceMap::new();
    let file = sources.add(SourceFile::new(path.clone(), text));
    let text = &sources.get(file).text;
    let (flow, diags) = import_flow(file, text);
    assert!(diags.is_empty(), "{name} imports cleanly: {diags:?}");
    let unit = FlowUnit::from_json(file, &path, text, flow.expect("a flow"));
    let diags = check_units(&[unit], config);
    (sources, diags)
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixtures folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_check_has_a_passing_and_a_failing_fixture() {
    let names = fixtures();
    for c in ALL_CODES {
        let prefix = format!("{}-{}", c.id(), c.name());
        for kind in ["pass", "fail"] {
            let want = format!("{prefix}.{kind}.json");
            assert!(names.contains(&want), "missing fixture {want}");
        }
    }
}

#[test]
fn passing_fixtures_check_clean() {
    let config = ChecksConfig::default();
    for name in fixtures().iter().filter(|n| n.ends_with(".pass.json")) {
        let (_, diags) = run(name, &config);
        let codes: Vec<&str> = diags.iter().map(|d| d.code.id()).collect();
        assert!(codes.is_empty(), "{name} should check clean, got {codes:?}");
    }
}

#[test]
fn failing_fixtures_report_their_code() {
    let config = ChecksConfig::default();
    let renderer = HumanRenderer::new(false, 100);
    for name in fixtures().iter().filter(|n| n.ends_with(".fail.json")) {
        let code = &name[..4];
        let (sources, diags) = run(name, &config);
        assert!(
            diags.iter().any(|d| d.code.id() == code),
            "{name} should report {code}, got {:?}",
            diags.iter().map(|d| d.code.id()).collect::<Vec<_>>()
        );
        for d in &diags {
            assert!(d.primary_span().is_some(), "{name}: {} has no span", d.code);
            assert!(d.help.is_some(), "{name}: {} has no help", d.code);
            assert!(
                d.labels.iter().all(|l| !l.message.is_empty()),
                "{name}: empty label"
            );
        }
        let source = &sources.iter().next().expect("one file").1.text;
        let mut out = String::new();
        for d in &diags {
            out.push_str(&renderer.render(&sources, d));
            out.push('\n');
        }
        let stem = name.trim_end_matches(".json");
        insta::assert_snapshot!(
            stem.to_owned(),
            format!("----- SOURCE checks/{name}\n{source}\n----- OUTPUT\n{out}")
        );
    }
}

#[test]
fn configuration_changes_levels_and_allows_findings() {
    let mut config = ChecksConfig::default();
    config.levels.insert(
        "L004".to_owned(),
        dialect_compiler::project::CheckLevel::Error,
    );
    let (_, diags) = run("L004-unreachable-action.fail.json", &config);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].is_error());

    config.levels.insert(
        "L004".to_owned(),
        dialect_compiler::project::CheckLevel::Allow,
    );
    let (_, diags) = run("L004-unreachable-action.fail.json", &config);
    assert!(diags.is_empty());

    let mut config = ChecksConfig::default();
    config.allow.push(dialect_compiler::project::AllowEntry {
        code: "L004".to_owned(),
        flow: None,
        step: "holiday".to_owned(),
        reason: "kept for the year-end closure".to_owned(),
    });
    let (_, diags) = run("L004-unreachable-action.fail.json", &config);
    assert!(diags.is_empty(), "{diags:?}");
}
