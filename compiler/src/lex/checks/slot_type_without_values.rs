//! `L104 slot-type-without-values`: a custom slot type lists values.

use super::Cx;
use crate::diagnostics::Diagnostic;

crate::define_codes! {
    /// ## What it does
    /// Reports a custom slot type that has no values and no other source of values (a parent
    /// type such as `AMAZON.AlphaNumeric` with a pattern, a grammar, or sub-slots).
    ///
    /// ## Why is this bad?
    /// Lex refuses to build a locale with an empty slot type, and a slot of that type could
    /// never be filled.
    ///
    /// ## Example
    /// ```json
    /// {"Name": "Product", "SlotTypeValues": [], "ValueSelectionSetting": {"ResolutionStrategy": "ORIGINAL_VALUE"}}
    /// ```
    ///
    /// ## Use instead
    /// ```dial
    /// slot type Product { "羽毛布団" = "羽毛ふとん"  "青汁" }
    /// ```
    SLOT_TYPE_WITHOUT_VALUES = "L104" "slot-type-without-values" Check Error "a custom slot type has no values";
}

/// Keys (in either spelling) that give a slot type its values some other way.
const OTHER_SOURCES: &[&str] = &[
    "externalSourceSetting",
    "ExternalSourceSetting",
    "compositeSlotTypeSetting",
    "CompositeSlotTypeSetting",
];

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for t in &cx.locale.slot_types {
        let has_values = t.values.as_ref().is_some_and(|v| !v.is_empty());
        let other = t.parent_slot_type_signature.is_some()
            || OTHER_SOURCES
                .iter()
                .any(|k| t.extra.get(*k).is_some_and(|v| !v.is_null()));
        if has_values || other {
            continue;
        }
        let path = format!("{}/slot_type/{}", cx.loc, t.name);
        out.push(
            Diagnostic::new(
                SLOT_TYPE_WITHOUT_VALUES,
                format!("slot type `{}` has no values", t.name),
            )
            .with_label(cx.spans.get(&path), "this slot type is empty")
            .with_help("list the values the caller may say, each with its synonyms: `\"羽毛布団\" = \"羽毛ふとん\"`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::checks::check_bot;

    #[test]
    fn a_type_with_values_passes() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L104"));
    }

    #[test]
    fn an_empty_type_is_reported() {
        let (mut bots, _) = lower(CLEAN);
        let b = &mut bots[0];
        b.bot.locales[0].slot_types[0].values = Some(Vec::new());
        assert_eq!(ids(&check_bot(&b.bot, &b.spans)), ["L104"]);
    }
}
