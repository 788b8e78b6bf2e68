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
