use super::*;
use crate::connect::{ActionKind, ErrorType, Operator};

fn lower_src(src: &str) -> (Lowered, crate::compile::Project) {
    let project = crate::compile::analyze_clean(src);
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

/// `(operand, next action)` of each condition of an action.
fn conditions<'a>(l: &'a Lowered, id: &str) -> Vec<(&'a str, &'a str)> {
    action(l, "Main", id)
        .transitions
        .conditions
        .iter()
        .map(|c| (c.operand_text().unwrap_or_default(), c.next_action.as_str()))
        .collect()
}

#[test]
fn a_reprompt_plays_on_the_continue_path_only() {
    let (l, _) = lower_src(
        r#"
flow Main {
  on error -> oops
  start {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry, I didn't hear you." then oops
      invalid -> retry 2 saying "<speak>Sorry, <break time='200ms'/>that key is not offered.</speak>" then oops
      error   -> retry 2 saying "Sorry, I didn't hear you." then oops
    }
  }
  done { hang up }
  oops { say "sorry" hang up }
}
"#,
    );
    let menu = action(&l, "Main", "start");
    let to = |t: ErrorType| {
        menu.transitions
            .errors
            .iter()
            .find(|e| e.error_type == t)
            .map(|e| e.next_action.as_str())
    };
    // The same re-prompt shares one loop (and its tries); another re-prompt has its own.
    assert_eq!(to(ErrorType::InputTimeLimitExceeded), Some("start-retry-1"));
    assert_eq!(to(ErrorType::NoMatchingCondition), Some("start-retry-2"));
    assert_eq!(to(ErrorType::NoMatchingError), Some("start-retry-1"));
    assert_eq!(
        conditions(&l, "start-retry-1"),
        [
            ("ContinueLooping", "start-retry-1-say"),
            ("DoneLooping", "oops")
        ]
    );
    assert_eq!(
        conditions(&l, "start-retry-2"),
        [
            ("ContinueLooping", "start-retry-2-say"),
            ("DoneLooping", "oops")
        ]
    );
    let say = action(&l, "Main", "start-retry-1-say");
    let ActionKind::MessageParticipant(p) = &say.kind else {
        panic!("not a message: {say:?}")
    };
    assert_eq!(
        p.text.as_ref().and_then(|t| t.as_str()),
        Some("Sorry, I didn't hear you.")
    );
    assert!(p.ssml.is_none());
    // Then the step again; a failing re-prompt goes where an unwritten `say` error goes.
    assert_eq!(say.transitions.next_action.as_deref(), Some("start"));
    let errors: Vec<_> = say
        .transitions
        .errors
        .iter()
        .map(|e| (e.error_type.clone(), e.next_action.as_str()))
        .collect();
    assert_eq!(errors, [(ErrorType::NoMatchingError, "oops")]);
    let ssml = action(&l, "Main", "start-retry-2-say");
    let ActionKind::MessageParticipant(p) = &ssml.kind else {
        panic!()
    };
    assert!(p.text.is_none());
    assert_eq!(
        p.ssml.as_ref().and_then(|t| t.as_str()),
        Some("<speak>Sorry, <break time='200ms'/>that key is not offered.</speak>")
    );
    // Each helper is made once.
    let f = &l.flows[0].flow;
    let helpers: Vec<&str> = f
        .actions
        .iter()
        .map(|a| a.identifier.as_str())
        .filter(|i| i.contains("-retry-"))
        .collect();
    assert_eq!(
        helpers,
        [
            "start-retry-1",
            "start-retry-1-say",
            "start-retry-2",
            "start-retry-2-say"
        ]
    );
}

#[test]
fn a_reprompt_interpolates_and_without_on_error_has_no_error_branch() {
    let (l, _) = lower_src(
        r#"
flow Main {
  start {
    input $count "How many?" max 2 digits {
      timeout -> retry 1 saying "You said {$count}. Again, please." then done
    }
    -> retry 1 then done
  }
  done { hang up }
}
"#,
    );
    // Loops are numbered as they are made: the input's success falls through to the plain
    // retry first.
    let say = action(&l, "Main", "start-retry-2-say");
    let ActionKind::MessageParticipant(p) = &say.kind else {
        panic!()
    };
    assert_eq!(
        p.text.as_ref().and_then(|t| t.as_str()),
        Some("You said $.Attributes.count. Again, please.")
    );
    assert!(say.transitions.errors.is_empty(), "{say:?}");
    // A plain retry of the same count and step is another loop, with no message.
    assert_eq!(
        conditions(&l, "start-retry-1"),
        [("ContinueLooping", "start"), ("DoneLooping", "done")]
    );
    let f = &l.flows[0].flow;
    assert!(f.action("start-retry-1-say").is_none());
}

#[test]
fn a_reprompt_is_checked_as_any_prompt() {
    let long = "あ".repeat(3001);
    let src = format!(
        r#"
flow Main {{
  on error -> done
  start {{
    menu "press 1" {{
      press 1 -> done
      timeout -> retry 2 saying "<speak>Sorry<break time=500ms/></speak>" then done
      invalid -> retry 2 saying "{long}" then done
    }}
  }}
  done {{ hang up }}
}}
"#
    );
    let (_, project) = lower_src(&src);
    let diags =
        crate::checks::check_model(&project.model, &crate::project::ChecksConfig::default());
    // Each finding points at the re-prompt's text.
    let found: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d.code.id(), &src[d.labels[0].span.range()]))
        .collect();
    let at = |code: &str, text: &str| found.iter().any(|(c, t)| *c == code && *t == text);
    assert!(
        at("L012", "\"<speak>Sorry<break time=500ms/></speak>\""),
        "{found:?}"
    );
    assert!(at("L013", &format!("\"{long}\"")), "{found:?}");
}

/// `on error` may itself be a retry with a re-prompt: its message's error branch goes back to
/// its own loop, and lowering ends.
#[test]
fn an_on_error_retry_with_a_reprompt_lowers_once() {
    let (l, _) = lower_src(
        r#"
flow Main {
  on error -> retry 1 saying "One moment, please." then done
  start {
    menu "press 1" { press 1 -> done  timeout -> retry 2 saying "Again?" then done }
  }
  done { hang up }
}
"#,
    );
    let f = &l.flows[0].flow;
    let ids: Vec<&str> = f.actions.iter().map(|a| a.identifier.as_str()).collect();
    assert_eq!(
        ids.iter().filter(|i| i.contains("-retry-")).count(),
        4,
        "{ids:?}"
    );
    let own = action(&l, "Main", "start-retry-2-say");
    assert_eq!(own.transitions.errors[0].next_action, "start-retry-2");
    let first = action(&l, "Main", "start-retry-1-say");
    assert_eq!(first.transitions.errors[0].next_action, "start-retry-2");
}

#[test]
fn repeat_loops_its_prompts_and_is_interrupted_only_when_told() {
    let (l, _) = lower_src(
        r#"
flow Waiting {
  kind queue
  on error -> done
  start {
    repeat "Please hold.", "<speak><break time='10s'/></speak>" {
      every 45s -> offer
    }
  }
  offer { say "Still there?" -> start }
  done { end }
}
flow OnHold {
  kind hold
  start {
    repeat "You are on hold." { error -> bye }
  }
  bye { end }
}
"#,
    );
    let waiting = action(&l, "Waiting", "start");
    let ActionKind::MessageParticipantIteratively(p) = &waiting.kind else {
        panic!("{waiting:#?}")
    };
    let messages = p.messages.as_deref().unwrap_or_default();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        messages[0].text.as_ref().and_then(|s| s.as_str()),
        Some("Please hold.")
    );
    assert!(messages[0].ssml.is_none());
    assert_eq!(
        messages[1].ssml.as_ref().and_then(|s| s.as_str()),
        Some("<speak><break time='10s'/></speak>")
    );
    assert_eq!(p.interrupt_frequency_seconds(), Some(45));
    // No `NextAction`: the loop never just ends.
    assert_eq!(waiting.transitions.next_action, None);
    let c = &waiting.transitions.conditions;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].operator, Operator::Equals);
    assert_eq!(c[0].operand_text(), Some("MessagesInterrupted"));
    assert_eq!(c[0].next_action, "offer");
    let errors: Vec<_> = waiting
        .transitions
        .errors
        .iter()
        .map(|e| (e.error_type.clone(), e.next_action.as_str()))
        .collect();
    assert_eq!(errors, [(ErrorType::NoMatchingError, "done")]);

    let hold = action(&l, "OnHold", "start");
    let ActionKind::MessageParticipantIteratively(p) = &hold.kind else {
        panic!("{hold:#?}")
    };
    assert_eq!(p.interrupt_frequency_seconds(), None);
    assert!(hold.transitions.conditions.is_empty());
    assert_eq!(hold.transitions.errors[0].next_action, "bye");
}
