//! `L112 intent-missing-in-locale`: the locales of a bot have the same intents.

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostic;
use crate::lex::Bot;
use crate::lex::spans::BotSpans;

crate::define_codes! {
    /// ## What it does
    /// Reports an intent that some locales of a bot have and others lack (the fallback intent
    /// aside).
    ///
    /// ## Why is this bad?
    /// A flow's `ask` branches on intent names whatever the caller's language: a caller of the
    /// locale without the intent can never reach that branch, and ends up in `no match`.
    ///
    /// ## Example
    /// ```dial
    /// bot OrderBot {
    ///   locale ja_JP { intent TalkToAgent { utterance "オペレーター" } }
    ///   locale en_US { intent Agent { utterance "agent" } }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```dial
    /// bot OrderBot {
    ///   locale ja_JP { intent TalkToAgent { utterance "オペレーター" } }
    ///   locale en_US { intent TalkToAgent { utterance "agent" } }
    /// }
    /// ```
    INTENT_MISSING_IN_LOCALE = "L112" "intent-missing-in-locale" Check Warning "an intent is missing from some locales of its bot";
}

pub(crate) fn check(bot: &Bot, spans: &BotSpans, out: &mut Vec<Diagnostic>) {
    if bot.locales.len() < 2 {
        return;
    }
    let names = |l: &crate::lex::BotLocale| -> BTreeSet<String> {
        l.intents
            .iter()
            .filter(|i| !i.is_fallback())
            .map(|i| i.name.to_string())
            .collect()
    };
    let all: Vec<(String, BTreeSet<String>)> = bot
        .locales
        .iter()
        .map(|l| (l.locale_id.to_string(), names(l)))
        .collect();
    let mut reported = BTreeSet::new();
    for (loc, intents) in &all {
        for i in intents {
            if !reported.insert(i.clone()) {
                continue;
            }
            let missing: Vec<String> = all
                .iter()
                .filter(|(_, other)| !other.contains(i))
                .map(|(l, _)| format!("`{l}`"))
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(
                Diagnostic::new(
                    INTENT_MISSING_IN_LOCALE,
                    format!("intent `{i}` is missing from locale {}", missing.join(", ")),
                )
                .with_label(spans.get(&format!("{loc}/intent/{i}")), format!("declared in `{loc}`"))
                .with_help(format!(
                    "declare `intent {i}` in every locale of the bot, with utterances in that language"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{ids, lower};

    const SRC: &str = r#"
bot AgentBot {
  locale ja_JP { intent TalkToAgent { utterance "オペレーター" } }
  locale en_US { intent NAME { utterance "agent" } }
}
"#;

    #[test]
    fn the_same_intents_in_every_locale_pass() {
        let (_, diags) = lower(&SRC.replace("NAME", "TalkToAgent"));
        assert!(ids(&diags).is_empty(), "{diags:?}");
    }

    #[test]
    fn an_intent_of_one_locale_only_is_reported() {
        let (_, diags) = lower(&SRC.replace("NAME", "Agent"));
        assert_eq!(ids(&diags), ["L112", "L112"]);
        assert!(
            diags[0]
                .message
                .contains("`TalkToAgent` is missing from locale `en_US`")
        );
    }
}
