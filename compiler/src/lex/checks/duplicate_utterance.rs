//! `L103 duplicate-utterance`: the same sample utterance in two intents of one locale.

use std::collections::BTreeMap;

use super::Cx;
use crate::diagnostics::Diagnostic;

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
fn normalize(u: &str) -> String {
    u.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    // normalized utterance -> (intent name, span path) of its first use
    let mut first: BTreeMap<String, (String, String)> = BTreeMap::new();
    for i in &cx.locale.intents {
        let name = i.name.to_string();
        let base = cx.intent_path(i);
        for (n, u) in i.sample_utterances.iter().flatten().enumerate() {
            let Some(text) = u.utterance.as_str() else {
                continue;
            };
            let key = normalize(text);
            let path = format!("{base}/utterance/{n}");
            match first.get(&key) {
                Some((other, _)) if *other == name => {}
                Some((other, other_path)) => out.push(
                    Diagnostic::new(
                        DUPLICATE_UTTERANCE,
                        format!("utterance \"{text}\" is in intents `{other}` and `{name}`"),
                    )
                    .with_label(cx.spans.get(&path), format!("also an utterance of `{other}`"))
                    .with_secondary(cx.spans.get(other_path), format!("first listed in `{other}`"))
                    .with_help("keep the utterance in the one intent it means, and reword or remove the other"),
                ),
                None => {
                    first.insert(key, (name.clone(), path));
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
