//! `L007 attribute-read-before-set`: a contact attribute read where no path has set it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Context, Finding};
use crate::connect::{Action, ActionKind, FlowType};
use crate::graph::{EdgeKind, Node};

crate::define_codes! {
    /// ## What it does
    /// In flows where calls start (inbound and campaign flows that no other flow of the
    /// project transfers to), finds reads of a contact attribute (`$.Attributes.name`) at an
    /// action that no path from the start of the flow reaches after setting that attribute
    /// (`UpdateContactAttributes`, or a module the path invokes). This is a data-flow analysis
    /// over the flow graph.
    ///
    /// ## Why is this bad?
    /// An attribute nobody set is empty: the comparison takes its "no match" branch, the prompt
    /// says nothing where the name should be, the Lambda gets an empty parameter. Usually the
    /// name is misspelt, or the step that sets it is on another branch.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "check-vip", "Type": "Compare",
    ///   "Parameters": { "ComparisonValue": "$.Attributes.attention_customer" }, … }
    /// ```
    /// (but nothing before it sets `attention_customer`)
    ///
    /// ## Use instead
    /// Set the attribute on every path before it is read (for example from the profile lookup),
    /// or fix the name. Attributes that really come from outside (set by the API that started
    /// the contact) can be accepted with `[[checks.allow]]` in `dialect.toml`.
    ATTRIBUTE_BEFORE_SET = "L007" "attribute-read-before-set" Check Warning "an attribute is read before any path sets it";
}

const PREFIX: &str = "$.Attributes.";

/// Attribute names referenced (`$.Attributes.name`) anywhere in the action's parameters.
fn reads(action: &Action, out: &mut Vec<String>) {
    fn scan(text: &str, out: &mut Vec<String>) {
        let mut rest = text;
        while let Some(i) = rest.find(PREFIX) {
            let after = &rest[i + PREFIX.len()..];
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(after.len());
            if end > 0 {
                out.push(after[..end].to_owned());
            }
            rest = &after[end..];
        }
    }
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => scan(s, out),
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(m) => m.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    match &action.kind {
        ActionKind::Compare(p) => {
            if let Some(v) = &p.comparison_value {
                scan(&v.text(), out);
            }
        }
        ActionKind::MessageParticipant(p) => {
            for s in [&p.text, &p.ssml].into_iter().flatten() {
                scan(&s.text(), out);
            }
        }
        ActionKind::UpdateContactAttributes(p) => {
            for v in p.attributes.iter().flatten().map(|(_, v)| v) {
                scan(&v.text(), out);
            }
        }
        ActionKind::GetParticipantInput(p) => {
            for s in [&p.text, &p.ssml].into_iter().flatten() {
                scan(&s.text(), out);
            }
        }
        ActionKind::ConnectParticipantWithLexBot(p) => {
            for s in [&p.text, &p.ssml].into_iter().flatten() {
                scan(&s.text(), out);
            }
            for v in p.lex_session_attributes.iter().flatten().map(|(_, v)| v) {
                scan(&v.text(), out);
            }
        }
        ActionKind::InvokeLambdaFunction(p) => {
            for v in p
                .lambda_invocation_attributes
                .iter()
                .flatten()
                .map(|(_, v)| v)
            {
                scan(&v.text(), out);
            }
        }
        ActionKind::Loop(p) => {
            if let Some(v) = &p.loop_count {
                scan(&v.text(), out);
            }
        }
        ActionKind::InvokeFlowModule(p) => {
            if let Some(v) = &p.flow_module_id {
                scan(&v.text(), out);
            }
        }
        ActionKind::TransferToFlow(p) => {
            if let Some(v) = &p.contact_flow_id {
                scan(&v.text(), out);
            }
        }
        ActionKind::UpdateContactTargetQueue(p) => {
            for v in [&p.queue_id, &p.agent_id].into_iter().flatten() {
                scan(&v.text(), out);
            }
        }
        ActionKind::CheckHoursOfOperation(p) => {
            if let Some(v) = &p.hours_of_operation_id {
                scan(&v.text(), out);
            }
        }
        ActionKind::DisconnectParticipant(_)
        | ActionKind::UpdateFlowLoggingBehavior(_)
        | ActionKind::TransferContactToQueue(_)
        | ActionKind::EndFlowModuleExecution(_)
        | ActionKind::EndFlowExecution(_)
        | ActionKind::DistributeByPercentage(_)
        | ActionKind::TransferContactToAgent(_) => {}
        // Everything else: every string of the parameters.
        kind => walk(&kind.parameters_json(), out),
    }
    if !action.transitions.conditions.is_empty() {
        for c in &action.transitions.conditions {
            if let Some(t) = c.operand_text() {
                scan(t, out);
            }
        }
    }
}

/// Attributes set by the action (`UpdateContactAttributes` on the current contact).
fn sets(action: &Action) -> impl Iterator<Item = &str> {
    let attrs = match &action.kind {
        ActionKind::UpdateContactAttributes(p)
            if p.target_contact
                .as_ref()
                .is_none_or(|t| t.text() != "Related") =>
        {
            p.attributes.as_ref()
        }
        _ => None,
    };
    attrs.into_iter().flatten().map(|(k, _)| k.as_str())
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // What each unit may set, for module invocations (one level: what the module's own
    // actions set).
    let module_sets: Vec<Vec<&str>> = cx
        .units
        .iter()
        .map(|u| u.flow.actions.iter().flat_map(sets).collect())
        .collect();
    for (u, unit) in cx.units.iter().enumerate() {
        if !matches!(unit.kind, FlowType::ContactFlow | FlowType::Campaign) || !cx.is_root(u) {
            continue;
        }
        // Index the attributes this flow reads.
        let mut read_at: Vec<Vec<usize>> = Vec::with_capacity(unit.flow.actions.len());
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        let mut buf = Vec::new();
        for action in &unit.flow.actions {
            buf.clear();
            reads(action, &mut buf);
            let mut ids: Vec<usize> = buf
                .drain(..)
                .map(|n| {
                    let next = names.len();
                    *names.entry(n).or_insert(next)
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            read_at.push(ids);
        }
        if names.is_empty() {
            continue;
        }
        let words = names.len().div_ceil(64);
        let bit = |set: &mut [u64], i: usize| set[i / 64] |= 1 << (i % 64);
        let has = |set: &[u64], i: usize| set[i / 64] & (1 << (i % 64)) != 0;
        // gen[a]: what action a sets (for an invocation: what the module may set).
        let n = unit.flow.actions.len();
        let mut gen_sets = vec![0u64; n * words];
        for (a, action) in unit.flow.actions.iter().enumerate() {
            let mut unknown_module = false;
            let mut set_names: Vec<&str> = Vec::new();
            set_names.extend(sets(action));
            if matches!(action.kind, ActionKind::InvokeFlowModule(_)) {
                let node = cx.graph.action_node(u, a);
                let targets: Vec<usize> = cx
                    .graph
                    .successors(node)
                    .filter(|(k, _)| **k == EdgeKind::InvokeModule)
                    .map(|(_, t)| cx.graph.node(t).unit())
                    .collect();
                // An unknown module may set anything.
                unknown_module = targets.is_empty();
                for t in targets {
                    set_names.extend(module_sets[t].iter().copied());
                }
            }
            let set = &mut gen_sets[a * words..(a + 1) * words];
            if unknown_module {
                set.iter_mut().for_each(|w| *w = u64::MAX);
            }
            for name in set_names {
                if let Some(&i) = names.get(name) {
                    bit(set, i);
                }
            }
        }
        // Forward "may be set" analysis: in[a] = ∪ (in[p] ∪ gen[p]) over predecessors p.
        let mut in_sets = vec![0u64; n * words];
        let mut reached = vec![false; n];
        let mut queued = vec![false; n];
        let mut work: Vec<usize> = Vec::new();
        let start = cx
            .graph
            .successors(cx.graph.entries[u])
            .find_map(|(_, n)| cx.graph.node(n).action().map(|(_, a)| a));
        if let Some(s) = start {
            reached[s] = true;
            queued[s] = true;
            work.push(s);
        }
        let mut out_set = vec![0u64; words];
        while let Some(a) = work.pop() {
            queued[a] = false;
            for w in 0..words {
                out_set[w] = in_sets[a * words + w] | gen_sets[a * words + w];
            }
            for (k, m) in cx.graph.successors(cx.graph.action_node(u, a)) {
                if !k.is_intra_flow() {
                    continue;
                }
                let Node::Action { action: b, .. } = cx.graph.node(m) else {
                    continue;
                };
                let mut changed = !reached[b];
                reached[b] = true;
                for w in 0..words {
                    let merged = in_sets[b * words + w] | out_set[w];
                    if merged != in_sets[b * words + w] {
                        in_sets[b * words + w] = merged;
                        changed = true;
                    }
                }
                if changed && !queued[b] {
                    queued[b] = true;
                    work.push(b);
                }
            }
        }
        let mut by_id: Vec<&str> = vec![""; names.len()];
        for (k, &i) in &names {
            by_id[i] = k;
        }
        for (a, ids) in read_at.iter().enumerate() {
            if !reached[a] {
                continue;
            }
            let set = &in_sets[a * words..(a + 1) * words];
            let mut missing: Vec<&str> = ids
                .iter()
                .filter(|&&i| !has(set, i))
                .map(|&i| by_id[i])
                .collect();
            missing.sort_unstable();
            if missing.is_empty() {
                continue;
            }
            let list = missing
                .iter()
                .map(|m| format!("`$.Attributes.{m}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                cx.finding(
                    ATTRIBUTE_BEFORE_SET,
                    u,
                    a,
                    format!(
                        "{} reads {list}, but no path from the start of flow `{}` sets {}",
                        cx.describe(u, a),
                        unit.name,
                        if missing.len() == 1 { "it" } else { "them" }
                    ),
                    "read here before any path sets it",
                )
                .with_help(
                    "set the attribute before this step on every path (`UpdateContactAttributes`; in `.dial`: `set $name = …`), or check the spelling",
                ),
            );
        }
    }
}
