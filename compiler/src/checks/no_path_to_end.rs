//! `L002 no-path-to-end`: actions from which the call can never end.

use super::{Context, Finding};
use crate::connect::{Action, ActionKind, SuccessPath};
use crate::graph::{Node, NodeIndex};

crate::define_codes! {
    /// ## What it does
    /// Finds actions that the call can reach but from which no path leads to an end: a
    /// hang-up, a transfer (to a queue, a flow or a phone number), a module's return, or the
    /// end of the flow. This is the "trapped caller": a loop with no way out at all.
    ///
    /// ## Why is this bad?
    /// A caller who gets there goes round the same steps for ever, hearing the same prompts,
    /// until they hang up. Every minute of it is paid for, and the caller is left with nothing.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "menu", "Type": "GetParticipantInput",
    ///   "Parameters": { "Text": "Press 1 for orders", "StoreInput": "False" },
    ///   "Transitions": { "NextAction": "menu",
    ///     "Conditions": [ { "NextAction": "menu",
    ///       "Condition": { "Operator": "Equals", "Operands": [ "1" ] } } ],
    ///     "Errors": [ { "NextAction": "menu", "ErrorType": "InputTimeLimitExceeded" },
    ///                 { "NextAction": "menu", "ErrorType": "NoMatchingCondition" },
    ///                 { "NextAction": "menu", "ErrorType": "NoMatchingError" } ] } }
    /// ```
    ///
    /// ## Use instead
    /// Give the loop an exit: a `Loop` counter whose `DoneLooping` branch transfers to an agent
    /// or says goodbye, and route at least one outcome to a transfer or a hang-up.
    NO_PATH_TO_END = "L002" "no-path-to-end" Check Error "the call can never end from here";
}

/// Whether the call can end at this action: it ends the flow, leaves it, has an outcome that
/// goes nowhere (the flow then ends; `L001` reports that), raises an error no branch handles
/// (the flow stops; `L003`), or plays prompts until an agent or the hold interrupts it. Unknown
/// types count as ends, so that a type the model does not know never causes a false alarm.
fn is_end(action: &Action, unhandled_error: impl FnOnce() -> bool) -> bool {
    if action.action_type().is_none()
        || matches!(action.kind, ActionKind::MessageParticipantIteratively(_))
    {
        return true;
    }
    match action.success_path() {
        SuccessPath::Terminal | SuccessPath::LeavesFlow => return true,
        SuccessPath::NextAction if action.transitions.next_action.is_none() => return true,
        SuccessPath::NextAction | SuccessPath::Conditions => {}
    }
    unhandled_error()
}

/// Records whether the action is an end, for [`check`] (which runs after every action's check):
/// the pass over the actions reads each action once for all the checks.
pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    _out: &mut Vec<Finding>,
) {
    let end = is_end(action, || cx.has_unhandled_error(u, a));
    cx.ends[cx.graph.action_node(u, a).index()].set(end);
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let g = cx.graph;
    let is_end_node = |n: NodeIndex| match g.node(n) {
        Node::Exit { .. } => true,
        Node::Action { .. } => cx.ends[n.index()].get(),
        Node::Entry { .. } => false,
    };
    // A node can end when its strongly connected component can (its nodes reach each other):
    // when one of them is an end or has an edge to a component that can end. The components
    // come before those that reach them, so one pass along the outgoing edges decides them
    // all (the components are `L005`'s too; incoming edges are slow lists in petgraph).
    let components = cx.components();
    let mut component_can_end = vec![false; components.list.len()];
    for (c, scc) in components.list.iter().enumerate() {
        component_can_end[c] = scc.iter().any(|&n| {
            is_end_node(n)
                || g.successors(n).any(|(_, m)| {
                    let d = components.of[m.index()];
                    d != c && component_can_end[d]
                })
        });
    }
    let can_end: Vec<bool> = components
        .of
        .iter()
        .map(|&c| component_can_end[c])
        .collect();
    let reached = cx.reach(g.entries.iter().copied(), |_| true, |_| false);
    let trapped = |n: NodeIndex| reached[n.index()] && !can_end[n.index()];
    for u in 0..cx.units.len() {
        // The number of trapped actions of this flow, counted on the first finding.
        let mut inside = None;
        for (a, n) in g.action_nodes(u).enumerate() {
            if !trapped(n) {
                continue;
            }
            // Report where the caller enters the trap, not every action inside it.
            let entered_from_outside = g
                .predecessors(n)
                .any(|(_, p)| g.node(p).action().is_none() || !trapped(p));
            if !entered_from_outside {
                continue;
            }
            let inside =
                *inside.get_or_insert_with(|| g.action_nodes(u).filter(|&m| trapped(m)).count());
            out.push(
                cx.finding(
                    NO_PATH_TO_END,
                    u,
                    a,
                    format!(
                        "a caller who reaches {} can never leave: no path from it hangs up, transfers or ends the flow",
                        cx.describe(u, a)
                    ),
                    "the caller is trapped from here on",
                )
                .with_note(if inside == 1 {
                    "the trap is this one action".to_owned()
                } else {
                    format!("the trap holds {inside} actions of this flow")
                })
                .with_help(
                    "give the loop an exit: count attempts with a `Loop` action and send `DoneLooping` to an agent or a goodbye",
                ),
            );
        }
    }
}
