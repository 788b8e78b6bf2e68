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
