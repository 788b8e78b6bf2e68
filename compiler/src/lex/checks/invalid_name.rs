//! `L108 invalid-lex-name`: bot, intent, slot and slot-type names follow Lex's pattern.

use crate::diagnostics::Diagnostic;
use crate::lex::spans::BotSpans;
use crate::lex::{Bot, Text};

crate::define_codes! {
    /// ## What it does
    /// Reports a bot, intent, slot or slot-type name that Lex does not accept: 1 to 100 ASCII
    /// letters and digits, where `_` or `-` may follow a letter or digit (never first, never
    /// two in a row). Built-in names such as `AMAZON.Number` are not names of your own and are
    /// not checked.
    ///
    /// ## Why is this bad?
    /// `.dial` names may use any letters, but Lex rejects such a bot when it is imported or
    /// deployed.
    ///
    /// ## Example
    /// ```dial
    /// intent 注文 { utterance "注文したい" }
    /// ```
    ///
    /// ## Use instead
    /// ```dial
    /// intent Order { utterance "注文したい" }
    /// ```
    INVALID_LEX_NAME = "L108" "invalid-lex-name" Check Error "a name is not a valid Lex V2 name";
}

/// `^([0-9a-zA-Z][_-]?){1,100}$`
#[must_use]
pub fn is_valid_lex_name(name: &str) -> bool {
    let mut units = 0;
    let mut prev_sep = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            units += 1;
            prev_sep = false;
        } else if (c == '_' || c == '-') && !prev_sep {
            prev_sep = true;
        } else {
            return false;
        }
    }
    (1..=100).contains(&units)
}

fn check_name(name: &Text, what: &str, path: &str, spans: &BotSpans, out: &mut Vec<Diagnostic>) {
    let Some(n) = name.as_str() else { return };
    if is_valid_lex_name(n) {
        return;
    }
    out.push(
        Diagnostic::new(
            INVALID_LEX_NAME,
            format!("`{n}` is not a valid Lex {what} name"),
        )
        .with_label(spans.get(path), format!("this {what} name"))
        .with_help("use 1 to 100 ASCII letters and digits; `_` or `-` may separate them"),
    );
}

pub(crate) fn check(bot: &Bot, spans: &BotSpans, out: &mut Vec<Diagnostic>) {
    check_name(&bot.name, "bot", "", spans, out);
    for l in &bot.locales {
        let loc = l.locale_id.to_string();
        for t in &l.slot_types {
            check_name(
                &t.name,
                "slot type",
                &format!("{loc}/slot_type/{}", t.name),
                spans,
                out,
            );
        }
        for i in &l.intents {
            let base = format!("{loc}/intent/{}", i.name);
            check_name(&i.name, "intent", &base, spans, out);
            for s in &i.slots {
                check_name(
                    &s.name,
                    "slot",
                    &format!("{base}/slot/{}", s.name),
                    spans,
                    out,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use super::is_valid_lex_name;

    #[test]
    fn the_pattern() {
        for ok in ["OrderBot", "a", "Order_Bot-2", "x1_"] {
            assert!(is_valid_lex_name(ok), "{ok}");
        }
        for bad in [
            "",
            "_a",
            "a__b",
            "a-_b",
            "注文",
            "a b",
            "a.b",
            &"a".repeat(101),
        ] {
            assert!(!is_valid_lex_name(bad), "{bad}");
        }
    }

    #[test]
    fn ascii_names_pass() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L108"));
    }

    #[test]
    fn a_japanese_intent_name_is_reported() {
        let (_, diags) = lower(&CLEAN.replace("TalkToAgent", "担当者"));
        assert_eq!(ids(&diags), ["L108"]);
    }
}
