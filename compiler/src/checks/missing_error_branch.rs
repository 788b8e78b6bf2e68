//! `L003 missing-error-branch`: a fallible action without a branch for an error it can raise.

use super::{Context, Finding, ending_hangs_up, error_is_handled};
use crate::connect::Action;
use crate::connect::ActionKind;

crate::define_codes! {
    /// ## What it does
    /// Finds actions that can fail in a way no branch handles. Each Connect action type raises
    /// a known set of errors (a Lambda call `NoMatchingError`, keypad input
    /// `InputTimeLimitExceeded` and `NoMatchingCondition`, a queue transfer `QueueAtCapacity`,
    /// a profile lookup `NoneFoundError`, …). An error is handled by a branch for it, or by a
    /// `NoMatchingError` branch, which catches every error except `NoMatchingCondition`.
    ///
    /// Only flows where a stopped flow hangs up are checked (inbound, transfer and campaign
    /// flows, and modules): in queue, whisper and hold flows the contact carries on.
    /// `UpdateContactTextToSpeechVoice` is not checked: its error is documented, but the flow
    /// designer offers no branch for it.
    ///
    /// ## Why is this bad?
    /// When an action raises an error that has no branch, the flow stops and Amazon Connect
    /// disconnects the caller: the integration times out, or the caller stays silent, and the
    /// call simply drops.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "reserve", "Type": "InvokeLambdaFunction",
    ///   "Parameters": { "LambdaFunctionARN": "arn:aws:lambda:…:function:reserve",
    ///                   "InvocationTimeLimitSeconds": "8" },
    ///   "Transitions": { "NextAction": "confirm" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    ///   "Transitions": { "NextAction": "confirm",
    ///     "Errors": [ { "NextAction": "sorry-technical-problem", "ErrorType": "NoMatchingError" } ] }
    /// ```
    /// In `.dial`, handle the error where it happens (`on error -> …`) or give the flow a
    /// default handler (`on error` at flow level).
    MISSING_ERROR_BRANCH = "L003" "missing-error-branch" Check Error "an action can fail in a way no branch handles";
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
    if matches!(action.kind, ActionKind::UpdateContactTextToSpeechVoice(_)) {
        return;
    }
    if !cx.has_unhandled_error(u, a) {
        return;
    }
    let missing: Vec<String> = action
        .error_types()
        .filter(|e| !error_is_handled(action, e))
        .map(|e| format!("`{e}`"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join(", ");
    let help = if missing.len() == 1 && missing[0] == "`NoMatchingCondition`" {
        "add a `NoMatchingCondition` branch for results no condition matches".to_owned()
    } else if missing.len() == 1 && missing[0] == "`NoMatchingError`" {
        "add a `NoMatchingError` branch (in `.dial`: `on error -> step`, or a flow-level `on error`)".to_owned()
    } else {
        format!(
            "add an error branch for {list}, or a `NoMatchingError` branch that catches every error (in `.dial`: `on error -> step`, or a flow-level `on error`)"
        )
    };
    out.push(
        cx.finding(
            MISSING_ERROR_BRANCH,
            u,
            a,
            format!(
                "{} ({}) has no branch for {list}",
                cx.describe(u, a),
                action.type_name()
            ),
            format!("can raise {list}; the call would drop"),
        )
        .with_help(help),
    );
}
