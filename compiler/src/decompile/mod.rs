//! The decompiler: a Connect flow (IR) → readable `.dial` source that compiles back to an
//! equivalent flow ([`crate::connect::equivalent`]).
//!
//! Every action becomes one step, in the order a caller would meet them (breadth first from
//! the start action), named after its identifier when that is a readable name (`greet`) and
//! after its type otherwise (`prompt_3`). Actions the language has a statement for, with
//! exactly the parameters that statement writes, become that statement (`say`, `menu`,
//! `branch`, `set`, `hang up`, …); every other action becomes a `connect "Type" """{json}"""`
//! statement, which keeps its parameters and transitions as they are. A `Loop` that goes back
//! to the start of a step that alone reaches it (directly, or through a re-prompt only it
//! plays) is that step's `retry N [saying …] then step` instead of a step (`retries.rs`); such
//! a step holds, as statements that fall through to each other, the actions from the one the
//! loop goes back to up to the last that reaches the loop. A re-prompt's error
//! branch is `on error`'s: when the re-prompts err to a step, the flow gets `on error -> step`
//! (the one most of them share), unless some step leaves out an error branch that lowering
//! would then fill with it; steps otherwise write every error branch themselves. Nothing is
//! dropped except the designer metadata (positions).

mod names;
mod retries;
mod statement;
mod text;

pub use text::string as string_literal;

use std::fmt::Write as _;

use crate::connect::{Flow, FlowType};
use retries::Fold;

/// `.dial` source for `flow`, as a flow named `name` (made a valid name if it is not one).
#[must_use]
pub fn decompile(flow: &Flow, name: &str) -> String {
    let kind = flow.flow_type().unwrap_or(FlowType::ContactFlow);
    let steps = names::Steps::new(flow, Fold::OnError);
    let (steps, body) = match write_steps(flow, &steps, kind) {
        // A step would take `on error` for an error branch the flow does not have.
        (_, true) if steps.on_error().is_some() => {
            let plain = names::Steps::new(flow, Fold::Plain);
            let (body, _) = write_steps(flow, &plain, kind);
            (plain, body)
        }
        (body, _) => (steps, body),
    };
    let mut out = String::new();
    let flow_name = names::flow_name(name);
    let _ = writeln!(out, "flow {flow_name} {{");
    let _ = writeln!(out, "  kind {}", kind_words(kind));
    if let Some(d) = flow
        .metadata
        .as_ref()
        .and_then(|m| m.description())
        .filter(|d| !d.is_empty())
    {
        let _ = writeln!(out, "  description {}", text::string(d));
    }
    if let Some(target) = steps.on_error() {
        let _ = writeln!(out, "  on error -> {target}");
    }
    out.push_str(&body);
    out.push_str("}\n");
    out
}

/// The steps of `flow`, and whether one of them would take the flow's `on error` as a default.
fn write_steps(flow: &Flow, steps: &names::Steps, kind: FlowType) -> (String, bool) {
    let mut out = String::new();
    let mut defaulted = false;
    for (i, &index) in steps.order().iter().enumerate() {
        let action = &flow.actions[index];
        out.push('\n');
        if i == 0 && action.identifier != flow.start_action {
            // Cannot happen with a valid flow: the walk starts at the start action.
            out.push_str("  // the start action is missing; this is the first action\n");
        }
        let mut actions = vec![action];
        actions.extend(
            steps
                .members(&action.identifier)
                .iter()
                .filter_map(|m| flow.action(m)),
        );
        defaulted |= statement::write_step(&mut out, &actions, steps, kind);
    }
    (out, defaulted)
}

/// How a flow type is written after `kind`.
fn kind_words(t: FlowType) -> &'static str {
    match t {
        FlowType::ContactFlow | FlowType::Campaign => "inbound",
        FlowType::CustomerQueue => "queue",
        FlowType::CustomerHold => "hold customer",
        FlowType::AgentHold => "hold agent",
        FlowType::CustomerWhisper => "whisper customer",
        FlowType::AgentWhisper => "whisper agent",
        FlowType::OutboundWhisper => "whisper outbound",
        FlowType::AgentTransfer => "transfer agent",
        FlowType::QueueTransfer => "transfer queue",
        FlowType::Module => "module",
    }
}
