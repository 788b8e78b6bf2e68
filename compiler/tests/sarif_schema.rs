//! The SARIF output validates against the SARIF 2.1.0 JSON schema (vendored in
//! `tests/schemas/`, see its README), for diagnostics of every kind: with and without spans,
//! with secondary labels, errors, warnings and notes.

use dialect_compiler::checks::check_units;
use dialect_compiler::connect::import_flow;
use dialect_compiler::diagnostics::render::render_sarif;
use dialect_compiler::diagnostics::{Diagnostic, Severity, codes};
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::project::ChecksConfig;
use dialect_compiler::span::{SourceFile, SourceMap, Span};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/schemas/sarif-2.1.0.json"
);
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/checks");

#[test]
fn sarif_output_is_valid() {
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SCHEMA).expect("schema")).expect("json");
    // The published schema's `language` patterns (of `run` and `toolComponent`) have a stray
    // `]` (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which the validator rejects as a regex
    // when it checks the schema itself. Our output never writes `language`; use the evident
    // intent so that the rest of the schema compiles.
    let fixed = fix_patterns(&mut schema);
    assert_eq!(fixed, 2, "the two known broken patterns");
    let validator = jsonschema::draft4::new(&schema).expect("a valid draft-04 schema");

    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    for name in [
        "L002-no-path-to-end.fail.json",
        "L014-keypad-option-conflict.fail.json",
        "L008-queue-without-hours-check.fail.json",
    ] {
        let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).expect("fixture");
        let file = sources.add(SourceFile::new(format!("checks/{name}"), text));
        let text = &sources.get(file).text;
        let (flow, _) = import_flow(file, text);
        let unit = FlowUnit::from_json(file, name, text, flow.expect("flow"));
        diags.extend(check_units(&[unit], &ChecksConfig::default()));
    }
    let f = sources.add(SourceFile::new("dir with space/a.dial", "x\n"));
    diags.push(
        Diagnostic::new(codes::EMPTY_FILE, "nothing here")
            .with_label(Span::new(f, 0, 1), "here")
            .with_secondary(Span::new(f, 1, 2), "and here")
            .with_severity(Severity::Info),
    );
    diags.push(Diagnostic::new(codes::UNREADABLE_FILE, "no span at all"));
    let out = render_sarif(&sources, &diags, "0.1.0");
    let value: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(
        value["runs"][0]["results"].as_array().map(Vec::len),
        Some(diags.len())
    );

    // And the schema does catch mistakes.
    let mut broken = value.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}

fn fix_patterns(v: &mut serde_json::Value) -> usize {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::String(s) if s == BROKEN => {
            *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_owned();
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(fix_patterns).sum(),
        serde_json::Value::Object(m) => m.values_mut().map(fix_patterns).sum(),
        _ => 0,
    }
}
