//! Tests of the Connect flow model (`dialect_compiler::connect`) against real exports and bad
//! inputs.
//!
//! - One test per corpus file (`shared/corpus/connect-flows`): import reports nothing, emit
//!   reproduces the file as a JSON value, emit is stable, every action is typed, and the data
//!   tables agree with what the export does (error branches, operators, placement).
//! - One or more failing inputs per import diagnostic code, checking the code, the JSON path and
//!   the labelled text; plus inputs that must never make the importer panic.

#[macro_use]
#[path = "common/corpus_flows.rs"]
mod corpus_flows;

use corpus_flows::{CORPUS, read_corpus};

use std::collections::BTreeSet;
use std::path::Path;

use dialect_compiler::connect::{
    self, Action, ActionKind, ActionType, ErrorType, Flow, FlowType, JsonPath, Operand, Operator,
    Scalar, emit_flow, import_flow,
};
use dialect_compiler::diagnostics::{Diagnostic, Severity};
use dialect_compiler::span::FileId;
use serde_json::Value;

/// The first place where two JSON values differ, as a path and both values.
fn first_difference(a: &Value, b: &Value, path: &JsonPath) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => {
                        if let Some(d) = first_difference(va, vb, &path.key(k)) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{}: missing in emitted output", path.key(k))),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{}: only in emitted output", path.key(k)))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (va, vb))| first_difference(va, vb, &path.index(i))),
        _ if a == b => None,
        _ => Some(format!("{path}: original {a} vs emitted {b}")),
    }
}

fn check_corpus_file(stem: &str) {
    let Some(text) = read_corpus(stem) else {
        return;
    };
    let (flow, diags) = import_flow(FileId(0), &text);
    assert!(
        diags.is_empty(),
        "{stem}: unexpected diagnostics: {diags:#?}"
    );
    let flow = flow.unwrap_or_else(|| panic!("{stem}: no flow"));

    let original: Value = serde_json::from_str(&text).expect("corpus files are valid JSON");
    let emitted = emit_flow(&flow);
    // The hand-written emitter writes the bytes of the model's `Serialize`.
    let pretty = serde_json::to_string_pretty(&flow).expect("serialize") + "\n";
    assert_eq!(
        emitted, pretty,
        "{stem}: emit differs from serde_json's bytes"
    );
    let back: Value = serde_json::from_str(&emitted).expect("emitted JSON parses");
    if let Some(diff) = first_difference(&original, &back, &JsonPath::root()) {
        panic!("{stem}: emit differs from the original at {diff}");
    }
    assert_eq!(back, original, "{stem}: emit differs from the original");

    // Emit is deterministic and a fixed point of import → emit.
    let (again, diags) = import_flow(FileId(1), &emitted);
    assert!(
        diags.is_empty(),
        "{stem}: re-import diagnostics: {diags:#?}"
    );
    let again = again.unwrap_or_else(|| panic!("{stem}: re-import gave no flow"));
    assert_eq!(again, flow, "{stem}: re-imported model differs");
    assert_eq!(emit_flow(&again), emitted, "{stem}: emit is not stable");

    check_tables_against_export(stem, &flow);
}

/// The data tables must allow everything real exports do.
fn check_tables_against_export(stem: &str, flow: &Flow) {
    for a in &flow.actions {
        let id = &a.identifier;
        assert!(
            !matches!(a.kind, ActionKind::Unknown { .. }),
            "{stem}: action {id} of type {} is not typed",
            a.type_name()
        );
        for e in &a.transitions.errors {
            assert!(
                a.can_raise(&e.error_type),
                "{stem}: {id} ({}) has a branch for {} that the tables say it cannot raise",
                a.type_name(),
                e.error_type
            );
        }
        for c in &a.transitions.conditions {
            assert!(
                a.allowed_operators().contains(&c.operator),
                "{stem}: {id} ({}) uses operator {} that the tables do not allow",
                a.type_name(),
                c.operator
            );
            assert!(
                matches!(c.operands.as_slice(), [Operand::Text(_)]),
                "{stem}: {id}"
            );
        }
        if !a.branches_on_conditions() {
            assert!(
                a.transitions.conditions.is_empty(),
                "{stem}: {id} has unexpected conditions"
            );
        }
        // Export quirk: on these types `NextAction` repeats an error target.
        if a.action_type()
            .is_some_and(ActionType::next_action_is_fallback)
            && let Some(next) = &a.transitions.next_action
        {
            assert!(
                a.transitions.errors.iter().any(|e| e.next_action == next),
                "{stem}: {id} ({}): NextAction is not an error target",
                a.type_name()
            );
        }
        if a.is_terminal() {
            assert!(
                a.transitions.is_empty(),
                "{stem}: terminal {id} has transitions"
            );
        }
        if let Some(ft) = flow.flow_type() {
            assert!(
                a.allowed_in(ft),
                "{stem}: {id} ({}) is not allowed in {ft}",
                a.type_name()
            );
        }
    }
}

macro_rules! corpus_tests {
    ($($name:ident => $stem:literal,)*) => {
        /// Every corpus file, so that a new file cannot be added without a test.
        const CORPUS_STEMS: &[&str] = &[$($stem),*];
        $(
            #[test]
            fn $name() {
                check_corpus_file($stem);
            }
        )*
    };
}

with_corpus_flows!(corpus_tests);

#[test]
fn corpus_list_matches_directory() {
    let dir = Path::new(CORPUS);
    let Ok(entries) = std::fs::read_dir(dir) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the Connect corpus is missing at {CORPUS}"
        );
        eprintln!("notice: {CORPUS} not found; skipping");
        return;
    };
    let on_disk: BTreeSet<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".json"))
                .map(str::to_owned)
        })
        .collect();
    let listed: BTreeSet<String> = CORPUS_STEMS.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(
        on_disk, listed,
        "the test list and the corpus directory differ"
    );
}

// ---------------------------------------------------------------------------------------------
// Bad inputs: every import code, with its JSON path and label.

/// A small valid flow that the bad inputs below are variations of.
const SAMPLE: &str = r#"{
  "Version": "2019-10-30",
  "StartAction": "greet",
  "Metadata": { "entryPointPosition": { "x": 10, "y": 20 } },
  "Actions": [
    {
      "Identifier": "greet",
      "Type": "MessageParticipant",
      "Parameters": { "Text": "Hello" },
      "Transitions": {
        "NextAction": "lambda",
        "Errors": [ { "ErrorType": "NoMatchingError", "NextAction": "bye" } ],
        "Conditions": []
      }
    },
    {
      "Identifier": "lambda",
      "Type": "InvokeLambdaFunction",
      "Parameters": { "LambdaFunctionARN": "arn:aws:lambda:us-east-1:1:function:f", "InvocationTimeLimitSeconds": "8" },
      "Transitions": { "NextAction": "bye", "Errors": [ { "ErrorType": "NoMatchingError", "NextAction": "bye" } ] }
    },
    { "Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} }
  ]
}"#;

/// `SAMPLE` with one substring replaced (which must occur exactly once).
fn sample_with(from: &str, to: &str) -> String {
    assert_eq!(
        SAMPLE.matches(from).count(),
        1,
        "`{from}` must occur once in SAMPLE"
    );
    SAMPLE.replacen(from, to, 1)
}

struct Imported {
    text: String,
    flow: Option<Flow>,
    diags: Vec<Diagnostic>,
}

fn import(text: impl Into<String>) -> Imported {
    let text = text.into();
    let (flow, diags) = import_flow(FileId(7), &text);
    for d in &diags {
        for l in &d.labels {
            assert_eq!(l.span.file, FileId(7));
            assert!(
                l.span.end as usize <= text.len(),
                "label beyond the text: {d:?}"
            );
            assert!(text.is_char_boundary(l.span.start as usize), "{d:?}");
            assert!(text.is_char_boundary(l.span.end as usize), "{d:?}");
        }
    }
    Imported { text, flow, diags }
}

impl Imported {
    /// The single diagnostic with code `id`.
    fn only(&self, id: &str) -> &Diagnostic {
        let found: Vec<_> = self.diags.iter().filter(|d| d.code.id() == id).collect();
        assert_eq!(found.len(), 1, "expected one {id}, got {:#?}", self.diags);
        found[0]
    }

    /// The text under the primary label of `d`.
    fn label<'a>(&'a self, d: &Diagnostic) -> &'a str {
        let span = d.primary_span().expect("a label");
        &self.text[span.range()]
    }

    /// The import reports `id` (only), labelled at `label`, naming `path` in its message or
    /// notes.
    fn expect(&self, id: &str, path: &str, label: &str) -> &Diagnostic {
        let d = self.only(id);
        assert_eq!(
            self.diags.len(),
            1,
            "expected only {id}, got {:#?}",
            self.diags
        );
        assert!(
            d.message.contains(path) || d.notes.iter().any(|n| n.contains(path)),
            "{id} does not name `{path}`: {d:#?}"
        );
        assert_eq!(self.label(d), label, "{id} label");
        d
    }

    fn assert_round_trips(&self) {
        let flow = self.flow.as_ref().expect("a flow");
        let original: Value = serde_json::from_str(&self.text).expect("valid JSON");
        let back: Value = serde_json::from_str(&emit_flow(flow)).expect("emitted JSON");
        assert_eq!(back, original);
    }
}

#[test]
fn sample_imports_cleanly() {
    let i = import(SAMPLE);
    assert!(i.diags.is_empty(), "{:#?}", i.diags);
    i.assert_round_trips();
}

#[test]
fn i001_invalid_json() {
    let i = import(sample_with(r#""Conditions": []"#, r#""Conditions": [],"#));
    let d = i.expect("I001", "line 14", "}");
    assert!(d.message.contains("trailing comma"), "{d:?}");
    assert!(i.flow.is_none());

    let i = import("");
    assert_eq!(i.only("I001").primary_span().map(|s| s.range()), Some(0..0));
    let i = import("{\"Version\": \"2019-10-30\", \"StartAction\": \"é\" x}");
    assert_eq!(i.label(i.only("I001")), "x");
}

#[test]
fn i002_legacy_format() {
    let text = r#"{"modules": [{"id": "1", "type": "PlayPrompt", "branches": [], "parameters": []}],
                  "version": "1", "type": "contactFlow", "start": "1"}"#;
    let i = import(text);
    let d = i.expect("I002", "modules", r#""modules""#);
    assert!(
        d.help.as_deref().is_some_and(|h| h.contains("2022")),
        "{d:?}"
    );
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("PlayPrompt → MessageParticipant")),
        "{d:?}"
    );
    assert!(i.flow.is_none());
}

#[test]
fn i003_missing_keys() {
    let i = import(sample_with(r#""Type": "InvokeLambdaFunction","#, ""));
    let d = i.expect("I003", "Actions[1].Type", "{");
    assert!(d.message.contains("missing key `Type`"), "{d:?}");
    assert!(i.flow.is_none());

    let i = import(sample_with(
        r#""NextAction": "bye" } ],"#,
        r#""Next": "bye" } ],"#,
    ));
    i.expect("I003", "Actions[0].Transitions.Errors[0].NextAction", "{");

    let i = import(sample_with(r#""StartAction": "greet","#, ""));
    i.expect("I003", "StartAction", "{");

    let i = import(r#"{"Version": "2019-10-30", "StartAction": "a"}"#);
    i.expect("I003", "Actions", "{");
}

#[test]
fn i004_wrong_types() {
    let i = import(sample_with(
        r#""Type": "InvokeLambdaFunction""#,
        r#""Type": 5"#,
    ));
    let d = i.expect("I004", "Actions[1].Type", "5");
    assert!(
        d.message.contains("must be a string, found a number"),
        "{d:?}"
    );
    assert!(i.flow.is_none());

    let i = import(sample_with(r#""Transitions": {}"#, r#""Transitions": []"#));
    i.expect("I004", "Actions[2].Transitions", "[]");

    let i = import(sample_with(
        r#""NextAction": "lambda""#,
        r#""NextAction": null"#,
    ));
    i.expect("I004", "Actions[0].Transitions.NextAction", "null");

    let i = import(sample_with(
        r#""Conditions": []"#,
        r#""Conditions": [{"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": "1"}}]"#,
    ));
    i.expect(
        "I004",
        "Actions[0].Transitions.Conditions[0].Condition.Operands",
        r#""1""#,
    );

    let i = import(r#"{"Version": "2019-10-30", "StartAction": "a", "Actions": {}}"#);
    i.expect("I004", "Actions", "{}");
}

#[test]
fn i005_not_a_flow() {
    let i = import("[1, 2]");
    i.expect("I005", "", "[1, 2]");
    let i = import(r#"{"ContactFlow": {"Name": "Main", "Content": "{}"}}"#);
    let d = i.expect("I005", "", "{");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("DescribeContactFlow")),
        "{d:?}"
    );
    assert!(i.flow.is_none());
}

#[test]
fn i006_unknown_action_type() {
    let i = import(sample_with(
        r#""Type": "DisconnectParticipant""#,
        r#""Type": "TransferToQueue""#,
    ));
    let d = i.expect("I006", "Actions[2].Type", r#""TransferToQueue""#);
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("TransferContactToQueue")),
        "{d:?}"
    );
    i.assert_round_trips();

    let i = import(sample_with(
        r#""Type": "DisconnectParticipant""#,
        r#""Type": "DisconnectParticipants""#,
    ));
    let d = i.only("I006");
    assert_eq!(
        d.help.as_deref(),
        Some("did you mean `DisconnectParticipant`?")
    );
    let flow = i.flow.as_ref().expect("a flow");
    assert!(
        matches!(&flow.actions[2].kind, ActionKind::Unknown { type_name, .. } if type_name == "DisconnectParticipants")
    );
}

#[test]
fn i007_invalid_parameters() {
    let i = import(sample_with(
        r#""InvocationTimeLimitSeconds": "8""#,
        r#""InvocationTimeLimitSeconds": {"s": 8}"#,
    ));
    let d = i.expect(
        "I007",
        "Actions[1].Parameters.InvocationTimeLimitSeconds",
        r#"{"s": 8}"#,
    );
    assert_eq!(d.severity, Severity::Error);
    // The action is kept as raw JSON, so the flow still round-trips.
    let flow = i.flow.as_ref().expect("a flow");
    assert!(matches!(flow.actions[1].kind, ActionKind::Unknown { .. }));
    assert_eq!(
        flow.actions[1].action_type(),
        Some(ActionType::InvokeLambdaFunction)
    );
    i.assert_round_trips();

    let i = import(sample_with(
        r#""Parameters": {}"#,
        r#""Parameters": "none""#,
    ));
    i.expect("I007", "Actions[2].Parameters", r#""none""#);
    i.assert_round_trips();
}

#[test]
fn i008_unknown_target() {
    let i = import(sample_with(
        r#""ErrorType": "NoMatchingError", "NextAction": "bye" } ],
        "Conditions""#,
        r#""ErrorType": "NoMatchingError", "NextAction": "byee" } ],
        "Conditions""#,
    ));
    let d = i.expect(
        "I008",
        "Actions[0].Transitions.Errors[0].NextAction",
        r#""byee""#,
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `bye`?"));
    i.assert_round_trips();
}

#[test]
fn i009_unknown_start_action() {
    let i = import(sample_with(
        r#""StartAction": "greet""#,
        r#""StartAction": "start""#,
    ));
    i.expect("I009", "StartAction", r#""start""#);
    i.assert_round_trips();
}

#[test]
fn i010_duplicate_identifier() {
    let i = import(sample_with(
        r#""Identifier": "lambda""#,
        r#""Identifier": "greet""#,
    ));
    let d = i.only("I010");
    assert_eq!(i.label(d), r#""greet""#);
    let spans: Vec<_> = d.labels.iter().map(|l| (l.primary, l.span.start)).collect();
    let first = i.text.find(r#""Identifier": "greet""#).expect("first") + 14;
    let second = i.text.rfind(r#""Identifier": "greet""#).expect("second") + 14;
    assert_eq!(spans, [(true, second as u32), (false, first as u32)]);
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("Actions[0].Identifier") && n.contains("Actions[1].Identifier"))
    );
    // The lambda's old name is now a dangling target too.
    assert!(i.diags.iter().any(|d| d.code.id() == "I008"));
    i.assert_round_trips();
}

#[test]
fn i011_invalid_identifier() {
    let i = import(
        sample_with(r#""Identifier": "bye""#, r#""Identifier": "b:ye""#)
            .replace(r#""NextAction": "bye""#, r#""NextAction": "b:ye""#),
    );
    let d = i.expect("I011", "Actions[2].Identifier", r#""b:ye""#);
    assert!(d.labels[0].message.contains('`'), "{d:?}");
    i.assert_round_trips();

    let long = "x".repeat(51);
    let i = import(
        sample_with(
            r#""Identifier": "bye""#,
            &format!(r#""Identifier": "{long}""#),
        )
        .replace(
            r#""NextAction": "bye""#,
            &format!(r#""NextAction": "{long}""#),
        ),
    );
    i.only("I011");
}

#[test]
fn i012_unsupported_version() {
    let i = import(sample_with("2019-10-30", "2025-06-21"));
    i.expect("I012", "Version", r#""2025-06-21""#);
    i.assert_round_trips();
}

#[test]
fn every_code_has_a_failing_input() {
    // Keep in step with the tests above.
    let tested = [
        "I001", "I002", "I003", "I004", "I005", "I006", "I007", "I008", "I009", "I010", "I011",
        "I012",
    ];
    let declared: Vec<_> = connect::codes::ALL.iter().map(|c| c.id()).collect();
    assert_eq!(declared, tested);
    for c in connect::codes::ALL {
        let doc = c.info().doc;
        for section in ["## What it means", "## Example", "## How to fix"] {
            assert!(doc.contains(section), "{} lacks {section}", c.id());
        }
    }
}

#[test]
fn byte_order_mark_is_skipped_and_spans_stay_in_the_file() {
    let i = import(format!(
        "\u{feff}{}",
        sample_with(r#""StartAction": "greet""#, r#""StartAction": "nope""#)
    ));
    i.expect("I009", "StartAction", r#""nope""#);
}

#[test]
fn never_panics_on_truncated_or_mangled_input() {
    let mut texts = Vec::new();
    for (i, _) in SAMPLE.char_indices() {
        texts.push(SAMPLE[..i].to_owned());
    }
    for needle in [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"",
        "Actions",
        "Transitions",
        "Errors",
        "Type",
    ] {
        for (i, _) in SAMPLE.match_indices(needle) {
            let mut t = SAMPLE.to_owned();
            t.replace_range(i..i + needle.len(), "");
            texts.push(t);
            let mut t = SAMPLE.to_owned();
            t.replace_range(i..i + needle.len(), "1");
            texts.push(t);
        }
    }
    for t in texts {
        let i = import(t);
        if i.flow.is_some() {
            i.assert_round_trips();
        } else {
            assert!(
                i.diags.iter().any(Diagnostic::is_error),
                "no flow but no error: {}",
                i.text
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Typed accessors and construction.

#[test]
fn typed_accessors_read_the_string_form() {
    let flow = import(SAMPLE).flow.expect("a flow");
    let ActionKind::InvokeLambdaFunction(p) = &flow.actions[1].kind else {
        panic!("not a lambda")
    };
    assert_eq!(p.invocation_time_limit_seconds, Some(Scalar::string("8")));
    assert_eq!(p.invocation_time_limit_seconds(), Some(8));
    assert_eq!(Scalar::string("True").as_bool(), Some(true));
    assert_eq!(Scalar::string("false").as_bool(), Some(false));
    assert_eq!(
        Scalar::string("$.Attributes.x").json_path(),
        Some("$.Attributes.x")
    );
    assert_eq!(Scalar::string("$.Attributes.x").as_u32(), None);
    assert_eq!(Scalar::integer(3), Scalar::string("3"));
    assert_eq!(Scalar::boolean(false), Scalar::string("False"));
    let number: Scalar = serde_json::from_str::<Value>("8")
        .ok()
        .and_then(|v| v.as_number().cloned())
        .map(Scalar::Number)
        .expect("a number");
    assert_eq!(number.as_u32(), Some(8));
    assert_eq!(
        flow.metadata
            .as_ref()
            .and_then(|m| m.entry_point_position())
            .map(|p| (p.x, p.y)),
        Some((10.0, 20.0))
    );
}

#[test]
fn a_flow_built_in_code_emits_and_imports_back() {
    use connect::{Transitions, params};
    let mut flow = Flow::new("hello");
    flow.actions.push(Action::new(
        "hello",
        ActionKind::MessageParticipant(Box::new(params::MessageParticipant {
            text: Some(Scalar::string("Hello")),
            ..Default::default()
        })),
        Transitions::to("menu").with_error(ErrorType::NoMatchingError, "bye"),
    ));
    flow.actions.push(Action::new(
        "menu",
        ActionKind::GetParticipantInput(Box::new(params::GetParticipantInput {
            text: Some(Scalar::string("Press 1")),
            store_input: Some(Scalar::boolean(false)),
            input_time_limit_seconds: Some(Scalar::integer(5)),
            ..Default::default()
        })),
        Transitions::to("bye")
            .with_condition(Operator::Equals, "1", "hello")
            .with_error(ErrorType::NoMatchingCondition, "bye")
            .with_error(ErrorType::InputTimeLimitExceeded, "bye")
            .with_error(ErrorType::NoMatchingError, "bye"),
    ));
    flow.actions.push(Action::new(
        "bye",
        ActionKind::empty(ActionType::DisconnectParticipant),
        Transitions::default(),
    ));
    let text = emit_flow(&flow);
    assert!(text.ends_with("}\n"));
    assert!(
        text.contains("\n  \"StartAction\": \"hello\""),
        "two-space indent: {text}"
    );
    let (back, diags) = import_flow(FileId(0), &text);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(back, Some(flow));
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        v["Actions"][2],
        serde_json::json!({"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}})
    );
    assert_eq!(v["Actions"][1]["Parameters"]["StoreInput"], "False");
    assert_eq!(
        FlowType::from_name("customerQueue"),
        Some(FlowType::CustomerQueue)
    );
    assert_eq!(
        FlowType::from_name("AGENT_WHISPER"),
        Some(FlowType::AgentWhisper)
    );
}
