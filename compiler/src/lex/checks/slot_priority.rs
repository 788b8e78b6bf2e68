//! `L109 invalid-slot-priority`: an intent's slot priorities name each of its slots once.

use std::collections::BTreeSet;

use super::Cx;
use crate::diagnostics::Diagnostic;

crate::define_codes! {
    /// ## What it does
    /// Reports an entry of an intent's `slotPriorities` that names no slot of the intent, or a
    /// slot named twice. (Bots lowered from `.dial` ask slots in the order they are written.)
    ///
    /// ## Why is this bad?
    /// Lex rejects the intent: the priorities must list the intent's own slots. It happens
    /// when a slot is renamed or removed in an export by hand.
    ///
    /// ## Example
    /// ```json
    /// "SlotPriorities": [{"Priority": 1, "SlotName": "Size"}],
    /// "Slots": [{"Name": "Crust", ...}]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "SlotPriorities": [{"Priority": 1, "SlotName": "Crust"}],
    /// "Slots": [{"Name": "Crust", ...}]
    /// ```
    INVALID_SLOT_PRIORITY = "L109" "invalid-slot-priority" Check Error "a slot priority names no slot of the intent, or one twice";
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for i in &cx.locale.intents {
        let mut seen = BTreeSet::new();
        for p in i.slot_priorities.iter().flatten() {
            let Some(name) = p.slot_name.as_str() else {
                continue;
            };
            let problem = if i.slot(name).is_none() {
                "names no slot of the intent"
            } else if !seen.insert(name) {
                "names a slot a second time"
            } else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    INVALID_SLOT_PRIORITY,
                    format!("a slot priority of intent `{}` {problem}: `{name}`", i.name),
                )
                .with_label(cx.spans.get(&cx.intent_path(i)), "in this intent")
                .with_help("list each slot of the intent exactly once in `slotPriorities`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::SlotPriority;
    use crate::lex::checks::check_bot;

    #[test]
    fn lowered_priorities_pass() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L109"));
    }

    #[test]
    fn unknown_and_repeated_slots_are_reported() {
        let (mut bots, _) = lower(CLEAN);
        let b = &mut bots[0];
        let i = &mut b.bot.locales[0].intents[0];
        let list = i.slot_priorities.get_or_insert_with(Vec::new);
        list.push(SlotPriority::new(3, "Size"));
        list.push(SlotPriority::new(4, "Product"));
        assert_eq!(ids(&check_bot(&b.bot, &b.spans)), ["L109", "L109"]);
    }
}
