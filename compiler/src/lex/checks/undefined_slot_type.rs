//! `L102 undefined-slot-type`: a slot's custom type is defined in its locale.

use super::Cx;
use crate::diagnostics::Diagnostic;

crate::define_codes! {
    /// ## What it does
    /// Reports a slot whose type is neither a built-in type (`AMAZON.Number`, …) nor a custom
    /// slot type of the same locale.
    ///
    /// ## Why is this bad?
    /// Lex cannot create the slot, and CloudFormation fails late, after the bot resource has
    /// started to deploy. Slot types belong to a locale: a type defined for `en_US` does not
    /// exist in `ja_JP`.
    ///
    /// ## Example
    /// ```json
    /// {"Name": "Product", "SlotTypeName": "Products", ...}   // the locale defines `Product`
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"Name": "Product", "SlotTypeName": "Product", ...}
    /// ```
    UNDEFINED_SLOT_TYPE = "L102" "undefined-slot-type" Check Error "a slot's type is not defined in its locale";
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for i in &cx.locale.intents {
        for s in &i.slots {
            let Some(t) = s.slot_type_name.as_str() else {
                continue;
            };
            if s.has_builtin_type() || cx.locale.slot_type(t).is_some() {
                continue;
            }
            let path = format!("{}/slot/{}", cx.intent_path(i), s.name);
            out.push(
                Diagnostic::new(
                    UNDEFINED_SLOT_TYPE,
                    format!("slot type `{t}` is not defined in locale `{}`", cx.loc),
                )
                .with_label(cx.spans.get(&path), format!("slot `{}` has this type", s.name))
                .with_help(format!(
                    "define slot type `{t}` in locale `{}`, or use a built-in type such as `AMAZON.Number`",
                    cx.loc
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CLEAN, ids, lower};
    use crate::lex::checks::check_bot;

    #[test]
    fn defined_and_builtin_types_pass() {
        let (_, diags) = lower(CLEAN);
        assert!(!ids(&diags).contains(&"L102"));
    }

    #[test]
    fn an_undefined_type_is_reported() {
        let (mut bots, _) = lower(CLEAN);
        let b = &mut bots[0];
        b.bot.locales[0].slot_types.clear();
        assert_eq!(ids(&check_bot(&b.bot, &b.spans)), ["L102"]);
    }
}
