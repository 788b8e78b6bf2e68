//! `L103 duplicate-utterance`: the same sample utterance in two intents of one locale.

use std::collections::hash_map::Entry;

use super::Cx;
use crate::diagnostics::Diagnostic;
use crate::hash::FastMap;

crate::define_codes! {
    /// ## What it does
    /// Reports a sample utterance that two intents of the same locale both list. Utterances are
    /// compared without regard to case, surrounding spaces or repeated spaces.
    ///
    /// ## Why is this bad?
    /// Lex cannot tell the two intents apart for that sentence: the build fails or the caller
    /// lands in whichever intent the model happens to prefer, so the flow branches the wrong
    /// way.
    ///
    /// ## Example
    /// ```dial
    /// intent TalkToAgent { utterance "オペレーター" }
    /// intent Complaint   { utterance "オペレーター" }
    /// ```
    ///
    /// ## Use instead
    /// ```dial
    /// intent TalkToAgent { utterance "オペレーター" }
    /// intent Complaint   { utterance "苦情を伝えたい" }
    /// ```
    DUPLICATE_UTTERANCE = "L103" "duplicate-utterance" Check Error "the same utterance is in two intents of a locale";
}

/// The form utterances are compared in.
/// The utterance as Lex compares it: words separated by one space, lowercase.
fn normalize(u: &str) -> String {
    let mut joined = String::with_capacity(u.len());
    for w in u.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    if joined.is_ascii() {
        joined.make_ascii_lowercase();
        joined
    } else {
        joined.to_lowercase()
    }
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let intents = &cx.locale.intents;
    // Normalized utterance -> the intent and utterance index of its first use. Only looked
    // up, never walked; the names and span paths are made when a duplicate is reported.
    let mut first: FastMap<String, (usize, usize)> = FastMap::default();
    for (ii, i) in intents.iter().enumerate() {
        for (n, u) in i.sample_utterances.iter().flatten().enumerate() {
            let Some(text) = u.utterance.as_str() else {
                continue;
            };
            match first.entry(normalize(text)) {
                Entry::Occupied(e) => {
                    let (oi, on) = *e.get();
                    let name = i.name.to_string();
                    let other = intents[oi].name.to_string();
                    if other == name {
                        continue;
                    }
                    let path = format!("{}/utterance/{n}", cx.intent_path(i));
                    let other_path = format!("{}/utterance/{on}", cx.intent_path(&intents[oi]));
                    out.push(
                        Diagnostic::new(
                            DUPLICATE_UTTERANCE,
                            format!("utterance \"{text}\" is in intents `{other}` and `{name}`"),
                        )
                        .with_label(cx.spans.get(&path), format!("also an utterance of `{other}`"))
                        .with_secondary(cx.spans.get(&other_path), format!("first listed in `{other}`"))
                        .with_help("keep the utterance in the one intent it means, and reword or remove the other"),
                    );
                }
                Entry::Vacant(e) => {
                    e.insert((ii, n));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};

    #[test]
    fn distinct_utterances_pass() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L103"));
    }

    #[test]
    fn the_same_utterance_in_two_intents_is_reported() {
        let src = r#"
bot AgentBot {
  locale ja_JP
  intent TalkToAgent { utterance "オペレーター" }
  intent Complaint   { utterance "Operator  " utterance "オペレーター" }
}
"#;
        let (_, diags) = lower(src);
        assert_eq!(ids(&diags), ["L103"]);
        assert!(diags[0].message.contains("`TalkToAgent` and `Complaint`"));
    }
}
