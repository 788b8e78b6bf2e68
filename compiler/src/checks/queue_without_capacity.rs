//! `L009 queue-full-unhandled`: a queue transfer without a `QueueAtCapacity` branch.

use super::{Context, Finding};
use crate::connect::Action;
use crate::connect::{ActionKind, ErrorType};

crate::define_codes! {
    /// ## What it does
    /// Finds queue transfers (`TransferContactToQueue`, `DequeueContactAndTransferToQueue`)
    /// without their own `QueueAtCapacity` branch. A `NoMatchingError` branch catches the error
    /// too, but then a full queue looks like a technical failure.
    ///
    /// ## Why is this bad?
    /// On a busy day (a TV shopping slot that just aired) the queue fills up. Without a
    /// dedicated branch the caller hears the generic error message, or is cut off, instead of
    /// being offered a callback, an SMS or a chat, or a wider agent pool.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "to-queue", "Type": "TransferContactToQueue",
    ///   "Transitions": { "NextAction": "error",
    ///     "Errors": [ { "NextAction": "error", "ErrorType": "NoMatchingError" } ] } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    ///     "Errors": [ { "NextAction": "offer-callback", "ErrorType": "QueueAtCapacity" },
    ///                 { "NextAction": "error", "ErrorType": "NoMatchingError" } ]
    /// ```
    /// In `.dial`: `transfer to queue Orders { full -> offer_callback }`.
    QUEUE_WITHOUT_CAPACITY_BRANCH = "L009" "queue-full-unhandled" Check Warning "a queue transfer has no at-capacity branch";
}

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    let is_queue = matches!(
        action.kind,
        ActionKind::TransferContactToQueue(_) | ActionKind::DequeueContactAndTransferToQueue(_)
    );
    if is_queue
        && action
            .transitions
            .error_target(&ErrorType::QueueAtCapacity)
            .is_none()
    {
        out.push(
            cx.finding(
                QUEUE_WITHOUT_CAPACITY_BRANCH,
                u,
                a,
                format!(
                    "{} has no `QueueAtCapacity` branch for a full queue",
                    cx.describe(u, a)
                ),
                "no branch for a full queue",
            )
            .with_help(
                "add a `QueueAtCapacity` branch that offers a callback, an SMS or chat, or another queue",
            ),
        );
    }
}
