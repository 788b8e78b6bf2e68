use super::*;

#[test]
fn check_codes_are_in_range_and_registered() {
    for c in ALL_CODES {
        let n: u32 = c.id()[1..].parse().expect("digits");
        assert!(
            c.id().starts_with('L') && (1..100).contains(&n),
            "{}",
            c.id()
        );
        assert!(
            CHECKS.iter().any(|(k, _)| k == c) || ACTION_CHECKS.iter().any(|(k, _)| k == c),
            "{} has no check",
            c.id()
        );
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(c.info().doc.contains(section), "{} lacks {section}", c.id());
        }
        assert_eq!(code(c.id()), Some(*c));
    }
    let registered: Vec<Code> = CHECKS
        .iter()
        .map(|(k, _)| *k)
        .chain(ACTION_CHECKS.iter().map(|(k, _)| *k))
        .collect();
    for k in &registered {
        assert!(ALL_CODES.contains(k), "{k} is not in ALL_CODES");
    }
}

#[test]
fn error_branches_from_the_graph_answer_as_the_action_does() {
    use crate::connect::{Action, ActionKind, ActionType, Flow, FlowType, Transitions};
    use crate::span::{FileId, Span};
    let branch_sets: Vec<Transitions> = vec![
        Transitions::default(),
        Transitions::to("a0"),
        Transitions::default().with_error(ErrorType::NoMatchingError, "a0"),
        Transitions::to("a0").with_error(ErrorType::NoMatchingCondition, "nowhere"),
        Transitions::default()
            .with_error(ErrorType::InputTimeLimitExceeded, "a0")
            .with_error(ErrorType::Other("SomethingNew".to_owned()), "a0"),
    ];
    let mut flow = Flow::new("a0");
    for t in ActionType::ALL {
        for branches in &branch_sets {
            let id = format!("a{}", flow.actions.len());
            flow.actions
                .push(Action::new(id, ActionKind::empty(*t), branches.clone()));
        }
    }
    let units = vec![FlowUnit::new(
        "f",
        FlowType::ContactFlow,
        flow,
        Span::point(FileId(0), 0),
    )];
    let graph = ProjectGraph::build(&units);
    let errors: Vec<ErrorType> = ErrorType::KNOWN
        .iter()
        .cloned()
        .chain([
            ErrorType::Other("SomethingNew".to_owned()),
            ErrorType::Other("Else".to_owned()),
        ])
        .collect();
    for (a, action) in units[0].flow.actions.iter().enumerate() {
        let branches = graph.error_branches(graph.action_node(0, a));
        for e in &errors {
            assert_eq!(
                error_is_handled_with(action, branches, e),
                error_is_handled(action, e),
                "{} {:?} {e}",
                action.type_name(),
                action.transitions
            );
        }
    }
}

/// A flow whose actions form one long cycle: finding the loop must not recurse once per action
/// (petgraph's `tarjan_scc` did, and overflowed the stack on large projects).
#[test]
fn a_very_long_cycle_is_found_without_overflowing_the_stack() {
    const N: usize = 30_000;
    let actions: Vec<serde_json::Value> = (0..N)
        .map(|i| {
            serde_json::json!({
                "Identifier": format!("a{i}"),
                "Type": "MessageParticipant",
                "Parameters": { "Text": "x" },
                "Transitions": {
                    "NextAction": format!("a{}", (i + 1) % N),
                    "Errors": [{ "NextAction": format!("a{}", (i + 1) % N), "ErrorType": "NoMatchingError" }],
                },
            })
        })
        .collect();
    let text = serde_json::json!({
        "Version": "2019-10-30",
        "StartAction": "a0",
        "Actions": actions,
    })
    .to_string();
    let (flow, diags) = crate::connect::import_flow(crate::span::FileId(0), &text);
    assert!(diags.is_empty(), "{diags:?}");
    let unit = FlowUnit::from_json(
        crate::span::FileId(0),
        "loop.json",
        &text,
        flow.expect("flow"),
    );
    // A thread with a small stack, so that a search recursing once per action would fail here.
    let found = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || check_units(&[unit], &ChecksConfig::default()))
        .expect("thread")
        .join()
        .expect("no stack overflow");
    assert!(
        found
            .iter()
            .any(|d| d.code == unbounded_loop::UNBOUNDED_LOOP
                || d.code == no_path_to_end::NO_PATH_TO_END),
        "{found:?}"
    );
}

/// `L002` decides "can end" component by component along outgoing edges: a trap of several
/// actions behind a menu is reported once where the caller enters it, and a loop whose way out
/// is a long chain of steps (each its own component) is not a trap.
#[test]
fn no_path_to_end_follows_components_and_chains() {
    use serde_json::json;
    // An action going `next` to `to`, its errors too.
    let say = |id: &str, to: &str| {
        json!({"Identifier": id, "Type": "MessageParticipant", "Parameters": {"Text": "x"},
               "Transitions": {"NextAction": to,
                               "Errors": [{"NextAction": to, "ErrorType": "NoMatchingError"}]}})
    };
    // A menu: `1` to `one`, `2` to `two`, every other outcome back to itself.
    let menu = |id: &str, one: &str, two: &str| {
        json!({"Identifier": id, "Type": "GetParticipantInput",
               "Parameters": {"Text": "Press 1", "StoreInput": "False"},
               "Transitions": {"NextAction": id,
                 "Conditions": [
                   {"NextAction": one, "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                   {"NextAction": two, "Condition": {"Operator": "Equals", "Operands": ["2"]}}],
                 "Errors": [{"NextAction": id, "ErrorType": "InputTimeLimitExceeded"},
                            {"NextAction": id, "ErrorType": "NoMatchingCondition"},
                            {"NextAction": id, "ErrorType": "NoMatchingError"}]}})
    };
    let bye = json!({"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {},
                     "Transitions": {}});
    // Trapped: the menu and the loop `c` ↔ `d` behind it. The greeting can still end (its
    // error hangs up), so the trap is entered at the menu.
    let greet = json!({"Identifier": "greet", "Type": "MessageParticipant",
                       "Parameters": {"Text": "Hello"},
                       "Transitions": {"NextAction": "menu",
                         "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}});
    let trapped = vec![
        greet,
        menu("menu", "c", "d"),
        say("c", "d"),
        say("d", "c"),
        bye.clone(),
    ];
    // Not trapped: the loop `e` ↔ menu `f` leaves through `h0` → … → `h39` → `bye`.
    let mut free = vec![say("e", "f"), menu("f", "e", "h0")];
    free.extend((0..40).map(|i| {
        let next = if i == 39 {
            "bye".to_owned()
        } else {
            format!("h{}", i + 1)
        };
        say(&format!("h{i}"), &next)
    }));
    free.push(bye);
    let unit = |name: &str, start: &str, actions: Vec<serde_json::Value>| {
        let text =
            json!({"Version": "2019-10-30", "StartAction": start, "Actions": actions}).to_string();
        let (flow, diags) = crate::connect::import_flow(crate::span::FileId(0), &text);
        assert!(diags.is_empty(), "{diags:?}");
        FlowUnit::from_json(
            crate::span::FileId(0),
            &format!("{name}.json"),
            &text,
            flow.expect("flow"),
        )
    };
    let units = [unit("trapped", "greet", trapped), unit("free", "e", free)];
    let found: Vec<_> = check_units(&units, &ChecksConfig::default())
        .into_iter()
        .filter(|d| d.code == no_path_to_end::NO_PATH_TO_END)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("`menu`"), "{found:#?}");
    assert!(
        found[0]
            .notes
            .iter()
            .any(|n| n.contains("the trap holds 3 actions")),
        "{found:#?}"
    );
}
