//! `L005 unbounded-loop`: a cycle with no bounded way out. The analysis is shared with
//! `L006 retry-without-cap` (a cycle entered through an error branch).

use crate::graph::NodeIndex;

use super::{Context, Finding, loops_end_from_outside};
use crate::connect::ActionKind;
use crate::graph::Node;

crate::define_codes! {
    /// ## What it does
    /// Finds cycles of the flow graph that have no bounded exit: no `Loop` action whose count
    /// runs out to a step outside the cycle, and no check of a counter that the cycle itself
    /// updates (a `Compare` on an attribute the cycle sets, or on a Lambda result the cycle
    /// fetches) with a branch out of the cycle. Queue and hold flows are skipped: their loops
    /// end when an agent answers.
    ///
    /// ## Why is this bad?
    /// A caller who does not give the answer the cycle waits for goes round it for ever: the
    /// same menu, the same message. Scenario D of the product: re-prompt at most twice, then an
    /// agent.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "menu", "Type": "GetParticipantInput",
    ///   "Parameters": { "Text": "Press 1 to order", "StoreInput": "False" },
    ///   "Transitions": { "NextAction": "order",
    ///     "Conditions": [ { "NextAction": "order", "Condition": { "Operator": "Equals", "Operands": [ "1" ] } } ],
    ///     "Errors": [ { "NextAction": "sorry", "ErrorType": "NoMatchingCondition" }, … ] } },
    /// { "Identifier": "sorry", "Type": "MessageParticipant", "Parameters": { "Text": "Sorry?" },
    ///   "Transitions": { "NextAction": "menu" } }
    /// ```
    ///
    /// ## Use instead
    /// Put a `Loop` action in the cycle (`LoopCount` 2): `ContinueLooping` goes back to the
    /// menu, `DoneLooping` goes to an agent. In `.dial`: `press 9 -> retry 2 then to_agent`.
    UNBOUNDED_LOOP = "L005" "unbounded-loop" Check Warning "a loop has no bounded exit";
}

/// A cycle (a strongly connected component) without a bounded exit.
pub(crate) struct Cycle {
    /// Its action nodes, sorted by (unit, action).
    pub actions: Vec<(usize, usize)>,
    /// The error branches inside the cycle (retries): (unit, action, error type name).
    pub retries: Vec<(usize, usize, String)>,
}

/// Every cycle without a bounded exit, in (unit, action) order.
pub(super) fn unbounded_cycles(cx: &Context<'_>) -> Vec<Cycle> {
    let g = cx.graph;
    let super::Components { list, of } = cx.components();
    let mut out = Vec::new();
    // The cycles: the components of several nodes, and single nodes with an edge to themselves.
    for (c, scc) in list.iter().enumerate() {
        if scc.len() == 1 && !g.has_self_loop(scc[0]) {
            continue;
        }
        if let Some(cycle) = unbounded(cx, scc, &|m: NodeIndex| of[m.index()] == c) {
            out.push(cycle);
        }
    }
    out.sort_by(|a, b| a.actions.cmp(&b.actions));
    out
}

/// The cycle `scc` (a strongly connected component whose members `inside` tells), if it has
/// no bounded exit.
fn unbounded(
    cx: &Context<'_>,
    scc: &[NodeIndex],
    inside: &dyn Fn(NodeIndex) -> bool,
) -> Option<Cycle> {
    let mut actions: Vec<(usize, usize)> = scc
        .iter()
        .filter_map(|&n| cx.graph.node(n).action())
        .collect();
    if actions.is_empty()
        || actions
            .iter()
            .all(|&(u, _)| loops_end_from_outside(cx.units[u].kind))
    {
        return None;
    }
    actions.sort_unstable();
    // A cycle with no way out at all is a trap; `L002` reports it.
    let has_exit = scc
        .iter()
        .any(|&n| cx.graph.successors(n).any(|(_, m)| !inside(m)));
    if !has_exit || is_bounded(cx, scc, inside) {
        return None;
    }
    let mut retries = Vec::new();
    for &n in scc {
        let Node::Action { unit, action } = cx.graph.node(n) else {
            continue;
        };
        for (k, m) in cx.graph.successors(n) {
            if let Some(e) = k.error_type()
                && inside(m)
            {
                retries.push((unit, action, e.name().to_owned()));
            }
        }
    }
    retries.sort();
    retries.dedup();
    Some(Cycle { actions, retries })
}

/// A `Loop` with a branch out of the cycle, or a `Compare` with a branch out of the cycle on
/// a value the cycle itself changes.
fn is_bounded(cx: &Context<'_>, scc: &[NodeIndex], inside: &dyn Fn(NodeIndex) -> bool) -> bool {
    let exits = |n: NodeIndex| cx.graph.successors(n).any(|(_, m)| !inside(m));
    let mut set_here: Vec<&str> = Vec::new();
    let mut calls_lambda = false;
    for &n in scc {
        if let Some((_, _, a)) = cx.node_action(n) {
            match &a.kind {
                ActionKind::UpdateContactAttributes(p) => {
                    set_here.extend(p.attributes.iter().flatten().map(|(k, _)| k.as_str()));
                }
                ActionKind::UpdateFlowAttributes(p) => {
                    set_here.extend(p.flow_attributes.iter().flatten().map(|(k, _)| k.as_str()));
                }
                ActionKind::InvokeLambdaFunction(_) => calls_lambda = true,
                _ => {}
            }
        }
    }
    scc.iter().any(|&n| {
        let Some((_, _, a)) = cx.node_action(n) else {
            return false;
        };
        match &a.kind {
            ActionKind::Loop(_) => exits(n),
            ActionKind::Compare(p) => {
                let Some(path) = p.comparison_value.as_ref().and_then(|v| v.json_path()) else {
                    return false;
                };
                let counter = if path.starts_with("$.External.") {
                    calls_lambda
                } else {
                    path.rsplit('.')
                        .next()
                        .is_some_and(|name| set_here.contains(&name))
                };
                counter && exits(n)
            }
            _ => false,
        }
    })
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for c in cx.unbounded_cycles() {
        if !c.retries.is_empty() {
            continue; // L006 reports cycles entered through an error branch.
        }
        let (u, a) = c.actions[0];
        let mut f = cx
            .finding(
                UNBOUNDED_LOOP,
                u,
                a,
                format!(
                    "the loop through {} has no bounded exit: a caller can go round it for ever",
                    cx.describe(u, a)
                ),
                "this loop never gives up",
            )
            .with_help(
                "count the rounds with a `Loop` action (e.g. `LoopCount` 2) and send `DoneLooping` to an agent or a goodbye",
            );
        f = note_members(cx, f, c);
        out.push(f);
    }
}

/// Names the other actions of the cycle (at most five).
pub(super) fn note_members(cx: &Context<'_>, f: Finding, c: &Cycle) -> Finding {
    let names: Vec<String> = c
        .actions
        .iter()
        .take(5)
        .map(|&(u, a)| cx.describe(u, a))
        .collect();
    let more = c.actions.len().saturating_sub(5);
    let mut list = names.join(" → ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    f.with_note(format!("the loop: {list}"))
}
