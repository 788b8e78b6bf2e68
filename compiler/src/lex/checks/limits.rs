//! `L107 lex-limit-exceeded`: Lex V2 quotas and field limits.

use super::{Cx, group_texts};
use crate::diagnostics::Diagnostic;
use crate::lex::spans::BotSpans;
use crate::lex::{Bot, MessageGroup, PromptSpecification};

crate::define_codes! {
    /// ## What it does
    /// Reports a bot that exceeds a Lex V2 quota or field limit: more than 1,500 sample
    /// utterances in an intent or an utterance longer than 500 characters; more than 100 slots
    /// in an intent; more than 1,000 intents or 250 custom slot types in a locale; more than
    /// 10,000 values in a slot type or a value longer than 140 characters; a message longer
    /// than 1,000 characters; a prompt with no message group or more than 5, or more than 5
    /// retries.
    ///
    /// ## Why is this bad?
    /// Lex rejects the bot when it is imported or built; the CloudFormation schema does not
    /// cap most of these, so the failure would come late, in the middle of a deployment.
    ///
    /// ## Example
    /// ```dial
    /// slot type Product { "(a product name of 200 characters)" }
    /// ```
    ///
    /// ## Use instead
    /// Shorten the text, or split the intent or slot type in two.
    LEX_LIMIT_EXCEEDED = "L107" "lex-limit-exceeded" Check Error "a bot exceeds a Lex V2 quota or field limit";
}

const MAX_UTTERANCES: usize = 1500;
const MAX_UTTERANCE_CHARS: usize = 500;
const MAX_SLOTS: usize = 100;
const MAX_INTENTS: usize = 1000;
const MAX_SLOT_TYPES: usize = 250;
const MAX_VALUES: usize = 10_000;
const MAX_VALUE_CHARS: usize = 140;
const MAX_MESSAGE_CHARS: usize = 1000;
const MAX_GROUPS: usize = 5;
const MAX_RETRIES: u32 = 5;

fn push(
    out: &mut Vec<Diagnostic>,
    spans: &BotSpans,
    path: &str,
    msg: String,
    label: &str,
    help: &str,
) {
    out.push(
        Diagnostic::new(LEX_LIMIT_EXCEEDED, msg)
            .with_label(spans.get(path), label.to_owned())
            .with_help(help.to_owned()),
    );
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

pub(crate) fn check(bot: &Bot, spans: &BotSpans, out: &mut Vec<Diagnostic>) {
    for l in &bot.locales {
        let cx = Cx {
            locale: l,
            loc: l.locale_id.to_string(),
            spans,
        };
        check_locale(&cx, out);
    }
}

fn check_locale(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let l = cx.locale;
    let s = cx.spans;
    if l.intents.len() > MAX_INTENTS {
        push(
            out,
            s,
            &cx.loc,
            format!(
                "locale `{}` has {} intents (at most {MAX_INTENTS})",
                cx.loc,
                l.intents.len()
            ),
            "too many intents",
            "split the bot in two",
        );
    }
    if l.slot_types.len() > MAX_SLOT_TYPES {
        push(
            out,
            s,
            &cx.loc,
            format!(
                "locale `{}` has {} slot types (at most {MAX_SLOT_TYPES})",
                cx.loc,
                l.slot_types.len()
            ),
            "too many slot types",
            "merge slot types, or split the bot in two",
        );
    }
    for t in &l.slot_types {
        let base = format!("{}/slot_type/{}", cx.loc, t.name);
        let values = t.values.as_deref().unwrap_or_default();
        if values.len() > MAX_VALUES {
            push(
                out,
                s,
                &base,
                format!(
                    "slot type `{}` has {} values (at most {MAX_VALUES})",
                    t.name,
                    values.len()
                ),
                "too many values",
                "split the slot type",
            );
        }
        for (n, v) in values.iter().enumerate() {
            let texts = std::iter::once(&v.sample_value).chain(v.synonyms.iter().flatten());
            for tv in texts {
                if let Some(text) = tv.value.as_str()
                    && chars(text) > MAX_VALUE_CHARS
                {
                    push(
                        out,
                        s,
                        &format!("{base}/value/{n}"),
                        format!(
                            "a value of slot type `{}` has {} characters (at most {MAX_VALUE_CHARS})",
                            t.name,
                            chars(text)
                        ),
                        "value too long",
                        "shorten the value; callers say short names",
                    );
                }
            }
        }
    }
    for i in &l.intents {
        let base = cx.intent_path(i);
        let utterances = i.sample_utterances.as_deref().unwrap_or_default();
        if utterances.len() > MAX_UTTERANCES {
            push(
                out,
                s,
                &base,
                format!(
                    "intent `{}` has {} utterances (at most {MAX_UTTERANCES})",
                    i.name,
                    utterances.len()
                ),
                "too many utterances",
                "keep the most typical utterances; Lex generalises from them",
            );
        }
        for (n, u) in utterances.iter().enumerate() {
            if let Some(text) = u.utterance.as_str()
                && chars(text) > MAX_UTTERANCE_CHARS
            {
                push(
                    out,
                    s,
                    &format!("{base}/utterance/{n}"),
                    format!(
                        "an utterance of intent `{}` has {} characters (at most {MAX_UTTERANCE_CHARS})",
                        i.name,
                        chars(text)
                    ),
                    "utterance too long",
                    "shorten the utterance",
                );
            }
        }
        if i.slots.len() > MAX_SLOTS {
            push(
                out,
                s,
                &base,
                format!(
                    "intent `{}` has {} slots (at most {MAX_SLOTS})",
                    i.name,
                    i.slots.len()
                ),
                "too many slots",
                "split the intent",
            );
        }
        for sl in &i.slots {
            if let Some(p) = &sl.value_elicitation.prompt {
                check_prompt(cx, p, &format!("{base}/slot/{}/prompt", sl.name), out);
            }
        }
        if let Some(c) = &i.confirmation {
            check_prompt(cx, &c.prompt, &format!("{base}/confirm"), out);
            if let Some(r) = &c.declination_response {
                check_groups(cx, &r.message_groups, &format!("{base}/decline"), out);
            }
        }
    }
}

fn check_prompt(cx: &Cx<'_>, p: &PromptSpecification, path: &str, out: &mut Vec<Diagnostic>) {
    if let Some(n) = p.max_retries.lit()
        && *n > MAX_RETRIES
    {
        push(
            out,
            cx.spans,
            path,
            format!("a prompt retries {n} times (at most {MAX_RETRIES})"),
            "too many retries",
            "use at most 5 retries",
        );
    }
    check_groups(cx, &p.message_groups, path, out);
}

fn check_groups(cx: &Cx<'_>, groups: &[MessageGroup], path: &str, out: &mut Vec<Diagnostic>) {
    if groups.is_empty() || groups.len() > MAX_GROUPS {
        push(
            out,
            cx.spans,
            path,
            format!(
                "a prompt has {} message groups (1 to {MAX_GROUPS})",
                groups.len()
            ),
            "wrong number of message groups",
            "give each prompt between 1 and 5 message groups",
        );
    }
    for t in group_texts(groups) {
        if chars(t) > MAX_MESSAGE_CHARS {
            push(
                out,
                cx.spans,
                path,
                format!(
                    "a message has {} characters (at most {MAX_MESSAGE_CHARS})",
                    chars(t)
                ),
                "message too long",
                "shorten the message, or split it over two prompts",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::checks::check_bot;
    use crate::lex::{SampleUtterance, Text};

    #[test]
    fn a_small_bot_passes() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L107"));
    }

    #[test]
    fn too_long_and_too_many_are_reported() {
        let src = CLEAN.replace("\"みかん\"", &format!("\"{}\"", "み".repeat(141)));
        let (mut bots, diags) = lower(&src);
        assert_eq!(ids(&diags), ["L107"]);
        let b = &mut bots[0];
        let i = &mut b.bot.locales[0].intents[1];
        i.sample_utterances = Some(
            (0..1501)
                .map(|n| SampleUtterance::new(Text::from(format!("u{n}"))))
                .collect(),
        );
        assert_eq!(ids(&check_bot(&b.bot, &b.spans)), ["L107", "L107"]);
    }
}
