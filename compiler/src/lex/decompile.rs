//! Decompiling a Lex bot (imported from an export or a template) to `.dial` source.
//!
//! ```text
//! lex::Bot --decompile_bot--> Decompiled { text, omitted }
//! ```
//!
//! What the language says is written out: locales (voice, confidence, description), custom slot
//! types (values, synonyms, resolution), intents (description, utterances, slots with type,
//! prompt and `optional`, confirmation and decline). The fallback intent is left out because
//! lowering adds it back. Everything else (code hooks, closing and initial responses,
//! contexts, extra message groups and variations, built-in intents other than the fallback,
//! regex and grammar slot types, and parts that would not resolve) is listed in
//! [`Decompiled::omitted`] and written as a `//` comment where it was, so that the text always
//! parses and resolves.
//!
//! Names that `.dial` cannot spell (a `-`, a leading digit) become `_`-joined identifiers; the
//! change is listed too. Output is deterministic.

use std::fmt::Write as _;

use super::{
    Bot, BotLocale, Intent, Message, MessageGroup, ResolutionStrategy, SlotConstraint, SlotType,
    Text,
};

/// `.dial` text of a bot and what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decompiled {
    /// The `bot Name { ... }` declaration, ending with a newline.
    pub text: String,
    /// One line per part of the bot that the text does not carry.
    pub omitted: Vec<String>,
}

/// Decompiles a bot.
#[must_use]
pub fn decompile_bot(bot: &Bot) -> Decompiled {
    let mut d = Writer::default();
    let name = d.name(&bot.name, "bot");
    let _ = writeln!(d.out, "bot {name} {{");
    if let Some(desc) = text_of(bot.description.as_ref()) {
        let _ = writeln!(d.out, "  description {}", quote(desc, &[]));
    }
    for l in &bot.locales {
        d.locale(l);
    }
    d.out.push_str("}\n");
    Decompiled {
        text: d.out,
        omitted: d.omitted,
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    omitted: Vec<String>,
}

/// The literal text of an optional value.
fn text_of(t: Option<&Text>) -> Option<&str> {
    t.and_then(Text::as_str).filter(|s| !s.trim().is_empty())
}

/// A `.dial` identifier for a Lex name: `-` and other characters become `_`, a leading digit
/// gets a `_` in front.
#[must_use]
pub fn dial_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// A `.dial` string literal. Braces are escaped except around the Lex slot names in `slots`
/// (pairs of Lex name and `.dial` name), which stay `{Slot}` references.
fn quote(text: &str, slots: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '{'
            && let Some(close) = rest.find('}')
            && let Some((_, dial)) = slots.iter().find(|(lex, _)| lex == &rest[1..close])
        {
            out.push('{');
            out.push_str(dial);
            out.push('}');
            rest = &rest[close + 1..];
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
            }
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out.push('"');
    out
}

/// The text of the first message of a prompt (plain text or SSML).
fn first_message(groups: &[MessageGroup]) -> Option<&str> {
    groups
        .first()
        .and_then(|g| message_text(&g.message))
        .filter(|t| !t.trim().is_empty())
}

fn message_text(m: &Message) -> Option<&str> {
    m.plain_text
        .as_ref()
        .or(m.ssml.as_ref())
        .and_then(|t| t.value.as_str())
}

/// How many messages beyond the first the groups hold.
fn extra_messages(groups: &[MessageGroup]) -> usize {
    let all: usize = groups
        .iter()
        .map(|g| 1 + g.variations.as_ref().map_or(0, Vec::len))
        .sum();
    all.saturating_sub(1)
}

impl Writer {
    fn omit(&mut self, indent: &str, what: String) {
        let _ = writeln!(self.out, "{indent}// not expressible in .dial: {what}");
        self.omitted.push(what);
    }

    fn name(&mut self, t: &Text, what: &str) -> String {
        let raw = t.to_string();
        let n = dial_name(&raw);
        if n != raw {
            self.omitted
                .push(format!("{what} name `{raw}` is written `{n}`"));
        }
        n
    }

    fn locale(&mut self, l: &BotLocale) {
        let id = l.locale_id.to_string();
        let valid = {
            let (a, b) = id.split_once(['_', '-']).unwrap_or(("", ""));
            (2..=3).contains(&a.len())
                && b.len() == 2
                && a.chars().chain(b.chars()).all(|c| c.is_ascii_alphabetic())
        };
        if !valid {
            self.omit("  ", format!("locale `{id}` (and everything in it)"));
            return;
        }
        let _ = writeln!(self.out, "  locale {id} {{");
        if let Some(v) = &l.voice_settings
            && v.voice_id.as_str().is_none()
        {
            self.omit("    ", format!("voice `{}` (not a literal)", v.voice_id));
        }
        if let Some(v) = &l.voice_settings
            && let Some(voice) = v.voice_id.as_str()
        {
            let engine = v
                .engine
                .as_ref()
                .and_then(Text::as_str)
                .map(|e| e.replace('-', "_"));
            let engine = engine
                .filter(|e| ["neural", "standard", "generative", "long_form"].contains(&e.as_str()))
                .map(|e| format!(" {e}"))
                .unwrap_or_default();
            let _ = writeln!(
                self.out,
                "    voice {} {}{engine}",
                id.replace('_', "-"),
                dial_name(voice)
            );
        }
        if let Some(c) = l.nlu_confidence_threshold.as_f64() {
            let _ = writeln!(self.out, "    confidence {c}");
        }
        if let Some(desc) = text_of(l.description.as_ref()) {
            let _ = writeln!(self.out, "    description {}", quote(desc, &[]));
        }
        let mut types: Vec<String> = Vec::new();
        for t in &l.slot_types {
            if let Some(n) = self.slot_type(t) {
                types.push(n);
            }
        }
        for i in &l.intents {
            self.intent(i, &types);
        }
        self.out.push_str("  }\n");
    }

    /// Writes a slot type; its `.dial` name when it could be written.
    fn slot_type(&mut self, t: &SlotType) -> Option<String> {
        let raw = t.name.to_string();
        let values: Vec<_> = t.values.iter().flatten().collect();
        if values.is_empty() {
            let why = if t.parent_slot_type_signature.is_some() {
                "a pattern type"
            } else {
                "a type without values"
            };
            self.omit("    ", format!("slot type `{raw}` ({why})"));
            return None;
        }
        let name = self.name(&t.name, "slot type");
        let _ = writeln!(self.out, "    slot type {name} {{");
        let strategy = t
            .value_selection
            .as_ref()
            .and_then(|v| v.resolution_strategy.lit().copied());
        match strategy {
            Some(ResolutionStrategy::TopResolution) => self.out.push_str("      resolution top\n"),
            Some(ResolutionStrategy::Concatenation) => {
                self.out.push_str("      resolution concatenate\n");
            }
            _ => {}
        }
        // Values and synonyms must be unique within a type in `.dial`.
        let mut seen: Vec<String> = Vec::new();
        for v in values {
            let value = v.sample_value.value.to_string();
            if seen.contains(&value) {
                self.omitted
                    .push(format!("repeated value `{value}` of slot type `{raw}`"));
                continue;
            }
            seen.push(value.clone());
            let _ = write!(self.out, "      {}", quote(&value, &[]));
            let mut first = true;
            for s in v.synonyms.iter().flatten() {
                let s = s.value.to_string();
                if seen.contains(&s) {
                    self.omitted
                        .push(format!("repeated synonym `{s}` of slot type `{raw}`"));
                    continue;
                }
                seen.push(s.clone());
                self.out.push_str(if first { " = " } else { ", " });
                first = false;
                self.out.push_str(&quote(&s, &[]));
            }
            self.out.push('\n');
        }
        self.out.push_str("    }\n");
        Some(name)
    }

    fn intent(&mut self, i: &Intent, types: &[String]) {
        let raw = i.name.to_string();
        if i.is_fallback() {
            return;
        }
        if let Some(p) = &i.parent_intent_signature {
            self.omit("    ", format!("intent `{raw}` (built-in `{p}`)"));
            return;
        }
        let utterances: Vec<&str> = i
            .sample_utterances
            .iter()
            .flatten()
            .filter_map(|u| u.utterance.as_str())
            .filter(|u| !u.trim().is_empty())
            .collect();
        if utterances.is_empty() {
            self.omit("    ", format!("intent `{raw}` (no sample utterances)"));
            return;
        }
        let name = self.name(&i.name, "intent");
        let _ = writeln!(self.out, "    intent {name} {{");
        if let Some(desc) = text_of(i.description.as_ref()) {
            let _ = writeln!(self.out, "      description {}", quote(desc, &[]));
        }
        // Slots first (in elicitation order), so the text reads like a form.
        let mut slots: Vec<(String, String)> = Vec::new();
        let mut lines = Vec::new();
        for sname in i.slot_order() {
            let Some(s) = i.slot(&sname.to_string()) else {
                continue;
            };
            if slots.iter().any(|(lex, _)| *lex == s.name.to_string()) {
                continue;
            }
            let raw_slot = s.name.to_string();
            let type_raw = s.slot_type_name.to_string();
            let ty = if s.has_builtin_type() {
                type_raw.clone()
            } else {
                dial_name(&type_raw)
            };
            if !s.has_builtin_type() && !types.contains(&ty) {
                self.omit(
                    "      ",
                    format!(
                        "slot `{raw_slot}` of intent `{raw}` (its type `{type_raw}` is not written)"
                    ),
                );
                continue;
            }
            let sn = self.name(&s.name, "slot");
            slots.push((raw_slot.clone(), sn.clone()));
            let v = &s.value_elicitation;
            let prompt = v
                .prompt
                .as_ref()
                .and_then(|p| first_message(&p.message_groups));
            let required = v.slot_constraint.lit() != Some(&SlotConstraint::Optional);
            if let Some(p) = &v.prompt
                && extra_messages(&p.message_groups) > 0
            {
                self.omitted.push(format!(
                    "more prompt messages of slot `{raw_slot}` of intent `{raw}`"
                ));
            }
            lines.push((sn, ty, prompt, required));
        }
        for u in utterances {
            let _ = writeln!(self.out, "      utterance {}", quote(u, &slots));
        }
        for (sn, ty, prompt, required) in lines {
            let _ = write!(self.out, "      slot {sn} : {ty}");
            if let Some(p) = prompt {
                let _ = write!(self.out, " ask {}", quote(p, &slots));
            }
            if !required {
                self.out.push_str(" optional");
            } else if prompt.is_none() {
                self.out.push_str(" optional");
                self.omitted.push(format!(
                    "required slot `{sn}` of intent `{raw}` has no prompt: written `optional`"
                ));
            }
            self.out.push('\n');
        }
        if let Some(c) = &i.confirmation
            && let Some(p) = first_message(&c.prompt.message_groups)
        {
            let _ = writeln!(self.out, "      confirm {}", quote(p, &slots));
            if let Some(d) = c
                .declination_response
                .as_ref()
                .and_then(|r| first_message(&r.message_groups))
            {
                let _ = writeln!(self.out, "      decline {}", quote(d, &slots));
            }
        }
        for (present, what) in [
            (i.closing.is_some(), "closing response"),
            (i.initial_response.is_some(), "initial response"),
            (i.fulfillment_code_hook.is_some(), "fulfillment code hook"),
            (
                i.dialog_code_hook
                    .as_ref()
                    .is_some_and(|h| h.enabled.lit() == Some(&true)),
                "dialog code hook",
            ),
        ] {
            if present {
                self.omitted.push(format!("{what} of intent `{raw}`"));
            }
        }
        self.out.push_str("    }\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_quotes() {
        assert_eq!(dial_name("Order-Pizza"), "Order_Pizza");
        assert_eq!(dial_name("1st"), "_1st");
        let slots = vec![("Crust".to_owned(), "Crust".to_owned())];
        assert_eq!(
            quote("a {Crust} \"b\" {x}\n", &slots),
            r#""a {Crust} \"b\" \{x\}\n""#
        );
    }
}
