//! `L008 queue-without-hours-check`: a queue transfer that no hours check guards.

use super::{Context, Finding};
use crate::connect::{ActionKind, FlowType};

crate::define_codes! {
    /// ## What it does
    /// Finds transfers to a queue (`TransferContactToQueue`) that a call can reach from the
    /// start of an inbound flow without passing a `CheckHoursOfOperation` action. Paths are
    /// followed across transfers to other flows and into modules of the project.
    ///
    /// ## Why is this bad?
    /// Outside opening hours, on a public holiday or during the year-end closure, the caller is
    /// put in a queue that no agent will ever answer, instead of hearing when the contact
    /// center opens.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "set-queue", "Type": "UpdateContactTargetQueue", … "Transitions": { "NextAction": "to-queue" } },
    /// { "Identifier": "to-queue", "Type": "TransferContactToQueue", … }
    /// ```
    ///
    /// ## Use instead
    /// Check the hours first and route `False` to a closed message:
    /// ```json
    /// { "Identifier": "hours", "Type": "CheckHoursOfOperation", "Parameters": {},
    ///   "Transitions": { "NextAction": "closed",
    ///     "Conditions": [ { "NextAction": "to-queue", "Condition": { "Operator": "Equals", "Operands": [ "True" ] } },
    ///                     { "NextAction": "closed",   "Condition": { "Operator": "Equals", "Operands": [ "False" ] } } ],
    ///     "Errors": [ { "NextAction": "closed", "ErrorType": "NoMatchingError" } ] } }
    /// ```
    /// In `.dial`: `check hours Business { open -> … closed -> … }` before `transfer to queue`.
    QUEUE_WITHOUT_HOURS_CHECK = "L008" "queue-without-hours-check" Check Warning "a queue transfer is not guarded by an hours check";
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let starts = cx
        .units
        .iter()
        .enumerate()
        .filter(|(u, unit)| matches!(unit.kind, FlowType::ContactFlow) && cx.is_root(*u))
        .map(|(u, _)| cx.graph.entries[u]);
    let unguarded = cx.reach(
        starts,
        |_| true,
        |n| {
            cx.node_action(n)
                .is_some_and(|(_, _, a)| matches!(a.kind, ActionKind::CheckHoursOfOperation(_)))
        },
    );
    for (u, unit) in cx.units.iter().enumerate() {
        for (a, action) in unit.flow.actions.iter().enumerate() {
            if matches!(action.kind, ActionKind::TransferContactToQueue(_))
                && unguarded[cx.graph.action_node(u, a).index()]
            {
                out.push(
                    cx.finding(
                        QUEUE_WITHOUT_HOURS_CHECK,
                        u,
                        a,
                        format!(
                            "{} can put the caller in a queue without checking the hours of operation",
                            cx.describe(u, a)
                        ),
                        "reachable without an hours check",
                    )
                    .with_help(
                        "check the hours (`CheckHoursOfOperation`; in `.dial`: `check hours NAME { … }`) before the transfer and play a closed message when they are shut",
                    ),
                );
            }
        }
    }
}
