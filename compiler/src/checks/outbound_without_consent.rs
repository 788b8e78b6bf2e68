//! `L010 outbound-without-consent`: a call placed without a consent check.

use super::{Context, Finding};
use crate::connect::ActionKind;

crate::define_codes! {
    /// ## What it does
    /// Finds actions that dial a customer (`CompleteOutboundCall`) that a contact can reach
    /// from the start of its flow without passing a check of the consent attribute: a
    /// `Compare` whose value is that attribute (`$.Customer.Attributes.Ok_to_call`,
    /// `$.Attributes.Ok_to_call`, …). The attribute name is `Ok_to_call` unless
    /// `consent_attribute` in the `[checks]` table of `dialect.toml` names another.
    ///
    /// ## Why is this bad?
    /// Calling a customer who said no breaks their trust and, in many countries, the law on
    /// unsolicited calls. Scenario B of the product: if `Ok_to_call` is "no", there is no call
    /// and the agent is told to use e-mail instead.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "dial", "Type": "CompleteOutboundCall",
    ///   "Parameters": { "CallerId": { "Number": "+81312345678" } }, "Transitions": { "NextAction": "verify" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "Identifier": "consent", "Type": "Compare",
    ///   "Parameters": { "ComparisonValue": "$.Customer.Attributes.Ok_to_call" },
    ///   "Transitions": { "NextAction": "no-call",
    ///     "Conditions": [ { "NextAction": "dial", "Condition": { "Operator": "Equals", "Operands": [ "yes" ] } } ],
    ///     "Errors": [ { "NextAction": "no-call", "ErrorType": "NoMatchingCondition" } ] } }
    /// ```
    OUTBOUND_WITHOUT_CONSENT = "L010" "outbound-without-consent" Check Error "a customer is dialled without a consent check";
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let attr = cx.config.consent_attribute.as_str();
    let is_consent_check = |n| {
        cx.node_action(n).is_some_and(|(_, _, a)| match &a.kind {
            ActionKind::Compare(p) => p
                .comparison_value
                .as_ref()
                .and_then(|v| v.json_path())
                .is_some_and(|path| path.rsplit('.').next() == Some(attr)),
            _ => false,
        })
    };
    let starts = (0..cx.units.len())
        .filter(|&u| cx.is_root(u))
        .map(|u| cx.graph.entries[u]);
    let unchecked = cx.reach(starts, |_| true, is_consent_check);
    for (u, unit) in cx.units.iter().enumerate() {
        for (a, action) in unit.flow.actions.iter().enumerate() {
            if matches!(action.kind, ActionKind::CompleteOutboundCall(_))
                && unchecked[cx.graph.action_node(u, a).index()]
            {
                out.push(
                    cx.finding(
                        OUTBOUND_WITHOUT_CONSENT,
                        u,
                        a,
                        format!(
                            "{} dials the customer without checking `{attr}`",
                            cx.describe(u, a)
                        ),
                        "reachable without a consent check",
                    )
                    .with_help(format!(
                        "compare the customer's `{attr}` attribute before dialling and skip the call when it is not \"yes\" (the attribute name is `consent_attribute` in `[checks]` of `dialect.toml`)"
                    )),
                );
            }
        }
    }
}
