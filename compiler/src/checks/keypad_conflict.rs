//! `L014 keypad-option-conflict`: keypad options that collide or can never be pressed.

use std::collections::BTreeMap;

use super::{Context, Finding};
use crate::connect::Action;
use crate::connect::{ActionKind, Operator};

crate::define_codes! {
    /// ## What it does
    /// In keypad menus (`GetParticipantInput` that branches on the pressed key), finds options
    /// that collide — the same key twice, where only the first branch can ever be taken — and
    /// options that no caller can press: anything but one of `0`–`9`, `*` and `#`.
    ///
    /// ## Why is this bad?
    /// The second branch for a key is dead: whatever it was meant to do never happens, and the
    /// prompt probably promises it ("press 2 for returns"). An option such as `10` or `A` is
    /// never matched, so the caller who follows the prompt ends up in the no-match branch.
    ///
    /// ## Example
    /// ```json
    /// "Conditions": [
    ///   { "NextAction": "orders",  "Condition": { "Operator": "Equals", "Operands": [ "1" ] } },
    ///   { "NextAction": "returns", "Condition": { "Operator": "Equals", "Operands": [ "1" ] } } ]
    /// ```
    ///
    /// ## Use instead
    /// One key per option, each a single key:
    /// ```json
    ///   { "NextAction": "returns", "Condition": { "Operator": "Equals", "Operands": [ "2" ] } }
    /// ```
    KEYPAD_OPTION_CONFLICT = "L014" "keypad-option-conflict" Check Warning "keypad options collide or cannot be pressed";
}

fn is_key(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || c == '*' || c == '#')
}

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    let ActionKind::GetParticipantInput(p) = &action.kind else {
        return;
    };
    if p.stores_input() {
        return;
    }
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in action.transitions.conditions.iter().enumerate() {
        let Some(key) = c.operand_text() else {
            continue;
        };
        if c.operator != Operator::Equals {
            continue;
        }
        if !is_key(key) {
            out.push(
                cx.finding(
                    KEYPAD_OPTION_CONFLICT,
                    u,
                    a,
                    format!(
                        "option `{key}` of {} can never be pressed",
                        cx.describe(u, a)
                    ),
                    format!("condition {} expects `{key}`", i + 1),
                )
                .with_help("a keypad option is one key: `0`–`9`, `*` or `#`"),
            );
        } else if let Some(&j) = first.get(key) {
            out.push(
                cx.finding(
                    KEYPAD_OPTION_CONFLICT,
                    u,
                    a,
                    format!(
                        "key `{key}` is used twice in {}; only the first branch can be taken",
                        cx.describe(u, a)
                    ),
                    format!("conditions {} and {} both expect `{key}`", j + 1, i + 1),
                )
                .with_help("give each option its own key, or remove the duplicate branch"),
            );
        } else {
            first.insert(key, i);
        }
    }
}
