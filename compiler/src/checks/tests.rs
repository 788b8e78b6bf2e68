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
