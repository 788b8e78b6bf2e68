//! `L004 unreachable-action`: actions no path from the flow's start reaches.

use super::{Context, Finding};
use crate::graph::NodeIndex;

crate::define_codes! {
    /// ## What it does
    /// Finds actions that no path from the start of their flow reaches, following every
    /// transition of the flow (next, conditions, errors).
    ///
    /// ## Why is this bad?
    /// An unreachable action never runs. It is usually a leftover of an edit, or a sign that a
    /// branch points at the wrong step: the message that was meant to play on holidays never
    /// plays. It also makes the flow harder to read and review.
    ///
    /// ## Example
    /// ```json
    /// "StartAction": "greet",
    /// "Actions": [
    ///   { "Identifier": "greet", "Type": "MessageParticipant", "Parameters": { "Text": "Hello" },
    ///     "Transitions": { "NextAction": "bye" } },
    ///   { "Identifier": "holiday", "Type": "MessageParticipant", "Parameters": { "Text": "We are closed" },
    ///     "Transitions": { "NextAction": "bye" } },
    ///   { "Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} } ]
    /// ```
    /// (`holiday` never plays)
    ///
    /// ## Use instead
    /// Route a branch to the action (for example the `False` branch of an hours check), or
    /// delete it.
    UNREACHABLE_ACTION = "L004" "unreachable-action" Check Warning "an action can never run";
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let reached = cx.reach(
        cx.graph.entries.iter().copied(),
        crate::graph::EdgeKind::is_intra_flow,
        |_| false,
    );
    for u in 0..cx.units.len() {
        if cx.graph.action_nodes(u).all(|n| reached[n.index()]) {
            continue;
        }
        let nodes: Vec<NodeIndex> = cx.graph.action_nodes(u).collect();
        let unreached = |n: NodeIndex| !reached[n.index()];
        // One diagnostic per unreachable region: first the actions nothing in the flow points
        // at, then (for regions that are cycles) the first remaining action in document order.
        let mut explained = vec![false; nodes.len()];
        let local = |n: NodeIndex| cx.graph.node(n).action().map(|(_, a)| a);
        let roots: Vec<usize> = (0..nodes.len())
            .filter(|&a| {
                unreached(nodes[a])
                    && !cx
                        .graph
                        .predecessors(nodes[a])
                        .any(|(k, p)| k.is_intra_flow() && p != nodes[a])
            })
            .collect();
        let candidates = roots
            .iter()
            .copied()
            .chain((0..nodes.len()).filter(|&a| unreached(nodes[a])));
        let mut reported = Vec::new();
        for a in candidates {
            let n = nodes[a];
            if explained[a] {
                continue;
            }
            let mut more = 0usize;
            let mut stack = vec![n];
            explained[a] = true;
            while let Some(m) = stack.pop() {
                for (k, s) in cx.graph.successors(m) {
                    let Some(b) = local(s) else { continue };
                    if k.is_intra_flow() && unreached(s) && !explained[b] {
                        explained[b] = true;
                        more += 1;
                        stack.push(s);
                    }
                }
            }
            reported.push((a, more));
        }
        reported.sort_unstable();
        for (a, more) in reported {
            let mut f = cx
                .finding(
                    UNREACHABLE_ACTION,
                    u,
                    a,
                    format!(
                        "{} can never run: no path from the start of the flow reaches it",
                        cx.describe(u, a)
                    ),
                    "unreachable",
                )
                .with_help("route a branch to this action, or delete it");
            if more > 0 {
                f = f.with_note(format!(
                    "{more} more action{} can only be reached from here",
                    if more == 1 { "" } else { "s" }
                ));
            }
            out.push(f);
        }
    }
}
