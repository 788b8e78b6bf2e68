//! `L100 missing-fallback-intent`: every locale needs an intent whose parent is
//! `AMAZON.FallbackIntent`.

use super::Cx;
use crate::diagnostics::Diagnostic;
use crate::lex::Intent;

crate::define_codes! {
    /// ## What it does
    /// Reports a bot locale that has no fallback intent (an intent whose
    /// `parentIntentSignature` is `AMAZON.FallbackIntent`).
    ///
    /// ## Why is this bad?
    /// Lex refuses to build a locale without one, and CloudFormation fails to create the bot.
    /// The fallback intent is what the caller reaches when nothing they say matches; flows
    /// branch on it as `no match`. Bots lowered from `.dial` get one automatically; imported
    /// bots and hand-edited exports can lack it.
    ///
    /// ## Example
    /// ```json
    /// "Intents": [{"Name": "OrderPizza", "SampleUtterances": [{"Utterance": "a pizza"}]}]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "Intents": [{"Name": "OrderPizza", "SampleUtterances": [{"Utterance": "a pizza"}]},
    ///             {"Name": "FallbackIntent", "ParentIntentSignature": "AMAZON.FallbackIntent"}]
    /// ```
    MISSING_FALLBACK_INTENT = "L100" "missing-fallback-intent" Check Error "a bot locale has no fallback intent";
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if cx.locale.intents.iter().any(Intent::is_fallback) {
        return;
    }
    out.push(
        Diagnostic::new(
            MISSING_FALLBACK_INTENT,
            format!("locale `{}` has no fallback intent", cx.loc),
        )
        .with_label(cx.spans.get(&cx.loc), "this locale")
        .with_help(
            "add an intent `FallbackIntent` whose parent intent signature is `AMAZON.FallbackIntent`",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::checks::check_bot;

    #[test]
    fn lowered_bots_get_a_fallback_intent() {
        let (bots, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L100"));
        let l = &bots[0].bot.locales[0];
        assert_eq!(l.intents.iter().filter(|i| i.is_fallback()).count(), 1);
    }

    #[test]
    fn a_locale_without_one_is_reported() {
        let (mut bots, _) = lower(CLEAN);
        let b = &mut bots[0];
        b.bot.locales[0].intents.retain(|i| !i.is_fallback());
        assert_eq!(ids(&check_bot(&b.bot, &b.spans)), ["L100"]);
    }
}
