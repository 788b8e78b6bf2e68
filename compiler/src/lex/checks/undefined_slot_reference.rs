//! `L101 undefined-slot-reference`: `{Slot}` in an utterance or a prompt names a slot of the
//! intent.

use super::{Cx, group_texts, references};
use crate::diagnostics::Diagnostic;
use crate::lex::Intent;

crate::define_codes! {
    /// ## What it does
    /// Reports a `{Name}` in a sample utterance, a slot's own utterances, a slot prompt or the
    /// confirmation and decline of an intent when the intent has no slot `Name`.
    ///
    /// ## Why is this bad?
    /// Lex rejects an utterance that references an unknown slot when the locale is built, and
    /// a prompt with an unknown reference is read out with the braces. A renamed slot usually
    /// leaves such references behind.
    ///
    /// ## Example
    /// ```json
    /// {"Name": "OrderProduct", "SampleUtterances": [{"Utterance": "{Item}をください"}],
    ///  "Slots": [{"Name": "Product", "SlotTypeName": "Product", ...}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"Name": "OrderProduct", "SampleUtterances": [{"Utterance": "{Product}をください"}], ...}
    /// ```
    UNDEFINED_SLOT_REFERENCE = "L101" "undefined-slot-reference" Check Error "a `{slot}` reference names no slot of the intent";
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for i in &cx.locale.intents {
        let base = cx.intent_path(i);
        for (n, u) in i.sample_utterances.iter().flatten().enumerate() {
            report(
                cx,
                i,
                u.utterance.as_str(),
                &format!("{base}/utterance/{n}"),
                "utterance",
                out,
            );
        }
        for s in &i.slots {
            let sbase = format!("{base}/slot/{}", s.name);
            let v = &s.value_elicitation;
            for u in v.sample_utterances.iter().flatten() {
                report(cx, i, u.utterance.as_str(), &sbase, "slot utterance", out);
            }
            for t in v.prompt.iter().flat_map(|p| group_texts(&p.message_groups)) {
                report(
                    cx,
                    i,
                    Some(t),
                    &format!("{sbase}/prompt"),
                    "slot prompt",
                    out,
                );
            }
        }
        if let Some(c) = &i.confirmation {
            for t in group_texts(&c.prompt.message_groups) {
                report(
                    cx,
                    i,
                    Some(t),
                    &format!("{base}/confirm"),
                    "confirmation",
                    out,
                );
            }
            for t in c
                .declination_response
                .iter()
                .flat_map(|r| group_texts(&r.message_groups))
            {
                report(cx, i, Some(t), &format!("{base}/decline"), "decline", out);
            }
        }
    }
}

fn report(
    cx: &Cx<'_>,
    i: &Intent,
    text: Option<&str>,
    path: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(text) = text else { return };
    for r in references(text) {
        if i.slot(r).is_some() {
            continue;
        }
        let slots: Vec<String> = i.slots.iter().map(|s| format!("`{}`", s.name)).collect();
        let help = if slots.is_empty() {
            format!(
                "add a slot `{r}` to intent `{}`, or remove the braces",
                i.name
            )
        } else {
            format!("the intent's slots are {}", slots.join(", "))
        };
        out.push(
            Diagnostic::new(
                UNDEFINED_SLOT_REFERENCE,
                format!("intent `{}` has no slot `{r}`", i.name),
            )
            .with_label(
                cx.spans.get(path),
                format!("this {what} references `{{{r}}}`"),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::checks::check_bot;
    use crate::lex::{SampleUtterance, Text};

    #[test]
    fn references_to_slots_of_the_intent_pass() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L101"));
    }

    #[test]
    fn a_reference_to_an_unknown_slot_is_reported() {
        let (mut bots, _) = lower(CLEAN);
        let b = &mut bots[0];
        let i = &mut b.bot.locales[0].intents[0];
        i.sample_utterances
            .get_or_insert_with(Vec::new)
            .push(SampleUtterance::new(Text::from("{Item}をください")));
        let d = check_bot(&b.bot, &b.spans);
        assert_eq!(ids(&d), ["L101"]);
        assert!(d[0].message.contains("`Item`"));
    }
}
