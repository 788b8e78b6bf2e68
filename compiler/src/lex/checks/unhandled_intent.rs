//! `L106 unhandled-intent`: every intent of a bot is handled by some `ask` of that bot.

use std::collections::{BTreeMap, BTreeSet};

use crate::hash::FastSet;

use crate::diagnostics::Diagnostic;
use crate::resolve::{Action, BotId, Model, OutcomeKind};

crate::define_codes! {
    /// ## What it does
    /// Reports an intent of a bot that no `ask` of that bot branches on, in any flow. Bots that
    /// no flow asks are not reported.
    ///
    /// ## Why is this bad?
    /// When the caller says one of the intent's utterances, Lex recognises the intent, but the
    /// flow has no branch for it: the call takes the `no match` path although the bot
    /// understood. Usually a branch was forgotten, or the intent is left over.
    ///
    /// ## Example
    /// ```dial
    /// ask OrderBot "ご注文をどうぞ。" {
    ///   intent OrderProduct -> reserve
    ///   no match            -> to_agent      // TalkToAgent is never handled
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```dial
    /// ask OrderBot "ご注文をどうぞ。" {
    ///   intent OrderProduct -> reserve
    ///   intent TalkToAgent  -> to_agent
    ///   no match            -> to_agent
    /// }
    /// ```
    UNHANDLED_INTENT = "L106" "unhandled-intent" Check Warning "no flow branches on an intent of the bot it asks";
}

pub(crate) fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    // The intents each asked bot's `ask`s branch on: only looked up (the bots are walked in
    // id order).
    let mut handled: BTreeMap<BotId, FastSet<&str>> = BTreeMap::new();
    for f in &model.flows {
        for s in &f.steps {
            for st in &s.statements {
                let Action::Ask { bot, .. } = &st.action else {
                    continue;
                };
                let set = handled.entry(*bot).or_default();
                for o in &st.outcomes {
                    if let OutcomeKind::Intent(name) = &o.kind {
                        set.insert(name);
                    }
                }
            }
        }
    }
    for (id, names) in &handled {
        let Some(bot) = model.bots.get(id.index()) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for l in &bot.locales {
            for i in &l.intents {
                if names.contains(i.name.as_str()) || !seen.insert(i.name.as_str()) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        UNHANDLED_INTENT,
                        format!("no flow handles intent `{}` of bot `{}`", i.name, bot.name),
                    )
                    .with_label(i.name_span, "no `ask` branches on this intent")
                    .with_help(format!(
                        "add `intent {} -> STEP` to an `ask {}`, or remove the intent",
                        i.name, bot.name
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{ids, lower};

    const FLOW: &str = r#"
flow Main {
  kind inbound
  start {
    ask AgentBot "ご用件をどうぞ" {
      intent TalkToAgent -> bye
      HANDLED
      no match -> bye
    }
  }
  bye { say "さようなら" hang up }
}
bot AgentBot {
  locale ja_JP
  intent TalkToAgent { utterance "オペレーター" }
  intent Order       { utterance "注文したい" }
}
"#;

    #[test]
    fn handled_intents_pass() {
        let (_, diags) = lower(&FLOW.replace("HANDLED", "intent Order -> bye"));
        assert!(ids(&diags).is_empty(), "{diags:?}");
    }

    #[test]
    fn an_intent_no_flow_handles_is_reported() {
        let (_, diags) = lower(&FLOW.replace("HANDLED", ""));
        assert_eq!(ids(&diags), ["L106"]);
        assert!(diags[0].message.contains("`Order`"));
    }
}
