//! `L001 dead-end`: an action whose outcome goes nowhere.

use super::{Context, Finding, ending_hangs_up};
use crate::connect::Action;
use crate::connect::{ActionKind, SuccessPath};

crate::define_codes! {
    /// ## What it does
    /// Finds actions whose normal outcome has no next step: an action that is not an ending
    /// (hang up, transfer, return from a module) and has no `NextAction`, in a flow where
    /// running out of steps hangs up on the caller (inbound, transfer and campaign flows, and
    /// modules).
    ///
    /// ## Why is this bad?
    /// When a step has nowhere to go, Amazon Connect ends the flow and disconnects the caller
    /// without a word: a sudden, silent hang-up in the middle of the call.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "thanks", "Type": "MessageParticipant",
    ///   "Parameters": { "Text": "Thank you for your order." },
    ///   "Transitions": { "Errors": [ { "NextAction": "bye", "ErrorType": "NoMatchingError" } ] } }
    /// ```
    /// (after the message, nothing happens: the caller is cut off)
    ///
    /// ## Use instead
    /// Say where the call goes next, and end on purpose:
    /// ```json
    /// { "Identifier": "thanks", "Type": "MessageParticipant",
    ///   "Parameters": { "Text": "Thank you for your order." },
    ///   "Transitions": { "NextAction": "bye",
    ///     "Errors": [ { "NextAction": "bye", "ErrorType": "NoMatchingError" } ] } }
    /// ```
    /// In `.dial`, end the step with `hang up`, a transfer, or `-> next-step`.
    DEAD_END = "L001" "dead-end" Check Error "an action's outcome goes nowhere";
}

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    let unit = &cx.units[u];
    if !ending_hangs_up(unit.kind) {
        return;
    }
    if action.action_type().is_none()
        || matches!(action.kind, ActionKind::MessageParticipantIteratively(_))
        || action.success_path() != SuccessPath::NextAction
        || action.transitions.next_action.is_some()
    {
        return;
    }
    let what = match action.kind {
        ActionKind::InvokeFlowModule(_) => "when the module returns",
        _ => "when it succeeds",
    };
    out.push(
        cx.finding(
            DEAD_END,
            u,
            a,
            format!(
                "{} goes nowhere {what}: the caller is disconnected",
                cx.describe(u, a)
            ),
            "this action has no next step",
        )
        .with_help(
            "add a `NextAction` (in `.dial`: `-> step`), or end the call on purpose with a hang-up or a transfer",
        ),
    );
}
