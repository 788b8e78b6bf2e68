//! Checks of Lex bots, codes `L100`–`L149`: one check per file, each with its code, its
//! documentation (`## What it does`, `## Why is this bad?`, `## Example`, `## Use instead`) and
//! its tests.
//!
//! Most checks look at a [`Bot`] (lowered from `.dial` or imported from an export) with the
//! [`BotSpans`] of its parts; [`unhandled_intent`] also needs the flows, so it runs on the
//! resolved [`Model`]. cfn-lint checks the shape of emitted templates; these checks cover what
//! it cannot see (cross references, the fallback intent, Lex quotas that the schema does not
//! cap).

use super::spans::BotSpans;
use super::{Bot, BotLocale, Intent, Message, MessageGroup};
use crate::diagnostics::{Code, Diagnostic};
use crate::resolve::Model;

pub mod duplicate_utterance;
pub mod invalid_name;
pub mod limits;
pub mod locale_intents;
pub mod missing_fallback_intent;
pub mod required_slot_prompt;
pub mod slot_priority;
pub mod slot_type_without_values;
pub mod undefined_slot_reference;
pub mod undefined_slot_type;
pub mod unhandled_intent;

/// Every code of these checks, sorted by id.
#[must_use]
pub fn all_codes() -> Vec<Code> {
    let mut v: Vec<Code> = [
        missing_fallback_intent::ALL,
        undefined_slot_reference::ALL,
        undefined_slot_type::ALL,
        duplicate_utterance::ALL,
        slot_type_without_values::ALL,
        required_slot_prompt::ALL,
        unhandled_intent::ALL,
        limits::ALL,
        invalid_name::ALL,
        slot_priority::ALL,
        locale_intents::ALL,
    ]
    .concat();
    v.sort_by_key(|c| c.id());
    v
}

/// Runs every bot check on one bot. Diagnostics come in bot order (locale, intent, slot).
#[must_use]
pub fn check_bot(bot: &Bot, spans: &BotSpans) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    invalid_name::check(bot, spans, &mut out);
    limits::check(bot, spans, &mut out);
    locale_intents::check(bot, spans, &mut out);
    for l in &bot.locales {
        let cx = Cx {
            locale: l,
            loc: l.locale_id.to_string(),
            spans,
        };
        missing_fallback_intent::check(&cx, &mut out);
        undefined_slot_type::check(&cx, &mut out);
        slot_type_without_values::check(&cx, &mut out);
        undefined_slot_reference::check(&cx, &mut out);
        required_slot_prompt::check(&cx, &mut out);
        slot_priority::check(&cx, &mut out);
        duplicate_utterance::check(&cx, &mut out);
    }
    out
}

/// Runs the checks that need the flows as well as the bots.
#[must_use]
pub fn check_model(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    unhandled_intent::check(model, &mut out);
    out
}

/// One locale being checked.
pub(crate) struct Cx<'a> {
    pub locale: &'a BotLocale,
    /// The locale id as text (`ja_JP`).
    pub loc: String,
    pub spans: &'a BotSpans,
}

impl Cx<'_> {
    /// The span path of an intent.
    pub fn intent_path(&self, i: &Intent) -> String {
        format!("{}/intent/{}", self.loc, i.name)
    }
}

/// The texts of the messages of some message groups (plain text and SSML).
pub(crate) fn group_texts(groups: &[MessageGroup]) -> Vec<&str> {
    let mut out = Vec::new();
    for g in groups {
        push_message(&g.message, &mut out);
        for v in g.variations.iter().flatten() {
            push_message(v, &mut out);
        }
    }
    out
}

fn push_message<'m>(m: &'m Message, out: &mut Vec<&'m str>) {
    for t in [&m.plain_text, &m.ssml].into_iter().flatten() {
        if let Some(s) = t.value.as_str() {
            out.push(s);
        }
    }
}

/// The `{name}` references of a text.
pub(crate) fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Bots for the checks' tests: lowered from `.dial`, or built by hand for what the
    //! resolver already rejects in `.dial`.

    use crate::diagnostics::Diagnostic;
    use crate::lex::lower::{BotOptions, LoweredBot, lower_bots};

    /// Analyzes one `.dial` file (which must have no errors) and lowers its bots.
    pub fn lower(src: &str) -> (Vec<LoweredBot>, Vec<Diagnostic>) {
        let p = crate::compile::analyze_clean(src);
        lower_bots(&p.model, &BotOptions::default())
    }

    /// The codes of some diagnostics.
    pub fn ids(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code.id()).collect()
    }

    /// A small clean bot.
    pub const CLEAN: &str = r#"
bot OrderBot {
  locale ja_JP
  slot type Product { "りんご" = "林檎"  "みかん" }
  intent OrderProduct {
    utterance "{Product}を{Quantity}個ください"
    utterance "{Product}が欲しい"
    slot Product  : Product       ask "どの商品になさいますか?"
    slot Quantity : AMAZON.Number ask "いくつご注文されますか?"
    confirm "{Product}を{Quantity}個でよろしいですか?"
    decline "かしこまりました。"
  }
  intent TalkToAgent {
    utterance "オペレーター"
  }
}
"#;
}
