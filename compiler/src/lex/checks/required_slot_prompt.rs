//! `L105 required-slot-without-prompt`: a required slot has a prompt.

use super::Cx;
use crate::diagnostics::Diagnostic;
use crate::lex::SlotConstraint;

crate::define_codes! {
    /// ## What it does
    /// Reports a required slot that has no elicitation prompt (or a prompt without messages).
    ///
    /// ## Why is this bad?
    /// When the caller does not say the value, Lex has to ask for it; without a prompt the
    /// locale does not build.
    ///
    /// ## Example
    /// ```json
    /// {"Name": "Quantity", "SlotTypeName": "AMAZON.Number",
    ///  "ValueElicitationSetting": {"SlotConstraint": "Required"}}
    /// ```
    ///
    /// ## Use instead
    /// ```dial
    /// slot Quantity : AMAZON.Number ask "数量はいくつになさいますか?"
    /// ```
    REQUIRED_SLOT_WITHOUT_PROMPT = "L105" "required-slot-without-prompt" Check Error "a required slot has no prompt";
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for i in &cx.locale.intents {
        for s in &i.slots {
            let v = &s.value_elicitation;
            let required = v.slot_constraint.lit() == Some(&SlotConstraint::Required);
            let prompted = v
                .prompt
                .as_ref()
                .is_some_and(|p| !p.message_groups.is_empty());
            if !required || prompted {
                continue;
            }
            let path = format!("{}/slot/{}", cx.intent_path(i), s.name);
            out.push(
                Diagnostic::new(
                    REQUIRED_SLOT_WITHOUT_PROMPT,
                    format!(
                        "required slot `{}` of intent `{}` has no prompt",
                        s.name, i.name
                    ),
                )
                .with_label(cx.spans.get(&path), "required, but never asked for")
                .with_help("add `ask \"...\"` to the slot, or mark it `optional`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::checks::check_bot;

    #[test]
    fn prompted_slots_pass() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L105"));
    }

    #[test]
    fn a_required_slot_without_prompt_is_reported() {
        let (mut bots, _) = lower(CLEAN);
        let b = &mut bots[0];
        b.bot.locales[0].intents[0].slots[1]
            .value_elicitation
            .prompt = None;
        let d = check_bot(&b.bot, &b.spans);
        assert_eq!(ids(&d), ["L105"]);
        assert!(d[0].message.contains("`Quantity`"));
    }
}
