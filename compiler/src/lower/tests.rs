use super::*;
use crate::compile::{Options, analyze};
use crate::connect::{ActionKind, ErrorType, Operator};
use crate::diagnostics::Severity;
use crate::source::MemoryLoader;

fn lower_src(src: &str) -> (Lowered, crate::compile::Project) {
    let mut loader = MemoryLoader::default();
    loader.insert("main.dial", src);
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["main.dial".into()],
            environments: vec![],
        },
    );
    let errors: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (lower(&project.model, &Placeholders), project)
}

fn action<'a>(l: &'a Lowered, flow: &str, id: &str) -> &'a connect::Action {
    let f = l.flows.iter().find(|f| f.name == flow).expect("flow");
    f.flow.action(id).unwrap_or_else(|| {
        panic!(
            "no action {id}; have {:?}",
            f.flow
                .actions
                .iter()
                .map(|a| &a.identifier)
                .collect::<Vec<_>>()
        )
    })
}

#[test]
fn statements_fall_through_and_errors_go_to_on_error() {
    let (l, _) = lower_src(
        r#"
flow Main {
  kind inbound
  logging on
  on error -> oops
  start {
    say "hello"
    menu "press 1" timeout 8s { press 1 -> done  timeout -> retry 2 then oops }
  }
  done { hang up }
  oops { say "sorry" hang up }
}
"#,
    );
    let f = &l.flows[0];
    assert_eq!(f.flow.start_action, "flow-logging");
    assert_eq!(
        action(&l, "Main", "flow-logging")
            .transitions
            .next_action
            .as_deref(),
        Some("start")
    );
    let say = action(&l, "Main", "start");
    assert_eq!(say.transitions.next_action.as_deref(), Some("start-2"));
    assert_eq!(
        say.transitions.errors[0].error_type,
        ErrorType::NoMatchingError
    );
    assert_eq!(say.transitions.errors[0].next_action, "oops");
    let menu = action(&l, "Main", "start-2");
    assert_eq!(menu.transitions.conditions[0].operator, Operator::Equals);
    assert_eq!(menu.transitions.conditions[0].next_action, "done");
    let timeout = menu
        .transitions
        .errors
        .iter()
        .find(|e| e.error_type == ErrorType::InputTimeLimitExceeded)
        .expect("timeout branch");
    assert_eq!(timeout.next_action, "start-retry-1");
    let retry = action(&l, "Main", "start-retry-1");
    let ActionKind::Loop(p) = &retry.kind else {
        panic!("not a loop")
    };
    assert_eq!(p.loop_count.as_ref().and_then(|c| c.as_u32()), Some(2));
    let conds: Vec<(&str, &str)> = retry
        .transitions
        .conditions
        .iter()
        .map(|c| (c.operand_text().unwrap_or_default(), c.next_action.as_str()))
        .collect();
    assert_eq!(
        conds,
        [("ContinueLooping", "start"), ("DoneLooping", "oops")]
    );
    // Invalid keys are unwritten errors: the flow's `on error`.
    let invalid = menu
        .transitions
        .errors
        .iter()
        .find(|e| e.error_type == ErrorType::NoMatchingCondition)
        .expect("invalid branch");
    assert_eq!(invalid.next_action, "oops");
    assert_eq!(
        action(&l, "Main", "oops-2").type_name(),
        "DisconnectParticipant"
    );
}

/// The layout as nested JSON maps in `Metadata.entries`, as lowering wrote it before the typed
/// [`connect::Layout`]: keys in the same order, so the emitted text must be identical.
fn layout_as_entries(flow: &connect::Flow) -> connect::Flow {
    let mut out = flow.clone();
    let metadata = out.metadata.as_mut().expect("metadata");
    let layout = metadata.layout.take().expect("a typed layout");
    let mut m = connect::Metadata::default();
    m.set_entry_point_position(layout.entry_point);
    for &(i, p) in &layout.actions {
        m.set_action_position(&flow.actions[i as usize].identifier, p);
    }
    m.entries.extend(std::mem::take(&mut metadata.entries));
    *metadata = m;
    out
}

#[test]
fn typed_layout_emits_the_bytes_of_the_json_maps() {
    let (l, _) = lower_src(
        r#"
flow Main {
  kind inbound
  description "positions"
  logging on
  on error -> oops
  start {
    say "hello"
    menu "press 1" timeout 8s { press 1 -> done  press 2 -> start  timeout -> retry 2 then oops }
  }
  done { hang up }
  unused { say "never" -> done }
  oops { say "sorry" hang up }
}
"#,
    );
    let f = &l.flows[0];
    let layout = f.flow.metadata.as_ref().and_then(|m| m.layout.as_ref());
    assert_eq!(
        layout.map(|l| l.actions.len()),
        Some(f.flow.actions.len()),
        "every action has a typed position"
    );
    let text = emit(f);
    assert!(text.contains("\"ActionMetadata\": {\n      \"flow-logging\": {\n        \"position\": {\n          \"x\": 340,\n          \"y\": 40\n"));
    assert_eq!(text, connect::emit_flow(&layout_as_entries(&f.flow)));
    // Readers see the typed positions.
    assert_eq!(
        f.flow.action_position("flow-logging").map(|p| (p.x, p.y)),
        Some((340.0, 40.0))
    );
    assert_eq!(
        f.flow
            .metadata
            .as_ref()
            .and_then(connect::Metadata::entry_point_position)
            .map(|p| (p.x, p.y)),
        Some((40.0, 40.0))
    );
    // Fractions and values JSON cannot hold are written as the maps wrote them.
    let mut odd = f.flow.clone();
    if let Some(layout) = odd.metadata.as_mut().and_then(|m| m.layout.as_mut()) {
        layout.actions[0].1 = connect::Position { x: 12.5, y: -3.0 };
        layout.actions[1].1 = connect::Position {
            x: f64::NAN,
            y: f64::INFINITY,
        };
    }
    let text = connect::emit_flow(&odd);
    assert!(text.contains("\"x\": 12.5,\n          \"y\": -3\n"));
    assert!(text.contains("\"x\": null,\n          \"y\": null\n"));
    assert_eq!(text, connect::emit_flow(&layout_as_entries(&odd)));
}

#[test]
fn duplicate_identifiers_keep_their_positions_in_the_metadata_entries() {
    let (l, _) = lower_src(
        r#"
flow Main {
  kind inbound
  start { say "hello" hang up }
}
"#,
    );
    let mut flow = l.flows[0].flow.clone();
    let mut twin = flow.actions[1].clone();
    twin.identifier = flow.actions[0].identifier.clone();
    flow.actions.push(twin);
    let mut metadata = connect::Metadata::default();
    layout::lay_out(&flow, &mut metadata);
    assert!(metadata.layout.is_none());
    let am = metadata.entries["ActionMetadata"]
        .as_object()
        .expect("ActionMetadata");
    // The start is the later `start` (first layer); the earlier one is unreached (last
    // layer). One entry per identifier, where it was first set, with the last position.
    assert_eq!(am.keys().collect::<Vec<_>>(), ["start", "start-2"]);
    assert_eq!(
        am["start"]["position"],
        serde_json::json!({"x": 640, "y": 40})
    );
    assert_eq!(
        am["start-2"]["position"],
        serde_json::json!({"x": 640, "y": 220})
    );
}

#[test]
fn every_action_has_its_span_and_step_by_index() {
    let src = r#"
flow Main {
  kind inbound
  logging on
  start {
    say "hello"
    menu "press 1" { press 1 -> done  timeout -> retry 2 then done }
  }
  done { hang up }
}
"#;
    let (l, _) = lower_src(src);
    let f = &l.flows[0];
    assert_eq!(f.sources.len(), f.flow.actions.len());
    let rows: Vec<(&str, Option<&str>, &str)> = f
        .flow
        .actions
        .iter()
        .enumerate()
        .map(|(a, action)| {
            let span = f.sources.span(a).expect("a span per action");
            (
                action.identifier.as_str(),
                f.step_of(a),
                src[span.range()].trim_end(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("flow-logging", None, "Main"),
            ("start", Some("start"), r#"say "hello""#),
            // A retry loop is made while its statement is lowered, before the statement's
            // own action; its source is the outcome that retries.
            ("start-retry-1", Some("start"), "timeout"),
            (
                "start-2",
                Some("start"),
                r#"menu "press 1" { press 1 -> done  timeout -> retry 2 then done }"#
            ),
            ("done", Some("done"), "hang up"),
        ]
    );
    let mut f = l.flows[0].clone();
    f.release_ir();
    assert!(f.sources.is_empty());
    assert_eq!(f.step_of(0), None);
}
