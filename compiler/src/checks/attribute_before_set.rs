//! `L007 attribute-read-before-set`: a contact attribute read where no path has set it.

use serde_json::Value;

use super::{Context, Finding};
use crate::connect::{Action, ActionKind, FlowType, Scalar};
use crate::graph::{EdgeKind, Node};
use crate::hash::FastMap;

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

/// Attribute names referenced (`$.Attributes.name`) anywhere in the action's parameters, each
/// handed to `out` (without a `String` per name: most names were seen before).
fn reads(action: &Action, out: &mut dyn FnMut(&str)) {
    fn scan(text: &str, out: &mut dyn FnMut(&str)) {
        // A name needs the prefix and one character: shorter strings (most condition operands,
        // `"1"`, `"ContinueLooping"`) cannot hold one.
        if text.len() <= PREFIX.len() {
            return;
        }
        // Each `$` (a byte search), then the prefix: the same matches as searching for the
        // prefix, without a substring searcher per string.
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            let Some(after) = rest[i..].strip_prefix(PREFIX) else {
                rest = &rest[i + 1..];
                continue;
            };
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(after.len());
            if end > 0 {
                out(&after[..end]);
            }
            rest = &after[end..];
        }
    }
    fn walk(v: &Value, out: &mut dyn FnMut(&str)) {
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
        ActionKind::UpdateFlowAttributes(p) => {
            // The strings `walk` would find in the parameters' JSON, without building it.
            for attr in p.flow_attributes.iter().flatten().map(|(_, a)| a) {
                if let Some(v) = attr.value.as_ref().and_then(Scalar::as_str) {
                    scan(v, out);
                }
                attr.extra.iter().for_each(|(_, v)| walk(v, out));
            }
            p.extra.iter().for_each(|(_, v)| walk(v, out));
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
    // actions set). Found for the invoked modules only, on first use: most units are not.
    let mut module_sets: Vec<Option<Vec<&str>>> = vec![None; cx.units.len()];
    for (u, unit) in cx.units.iter().enumerate() {
        if !matches!(unit.kind, FlowType::ContactFlow | FlowType::Campaign) || !cx.is_root(u) {
            continue;
        }
        // Index the attributes this flow reads: action `a` reads
        // `read_ids[read_start[a]..read_start[a + 1]]` (sorted, no repeats).
        let mut read_start: Vec<usize> = Vec::with_capacity(unit.flow.actions.len() + 1);
        let mut read_ids: Vec<usize> = Vec::new();
        let mut names: FastMap<String, usize> = FastMap::default();
        read_start.push(0);
        for action in &unit.flow.actions {
            let first = read_ids.len();
            reads(action, &mut |name| {
                let id = match names.get(name) {
                    Some(&id) => id,
                    None => {
                        let id = names.len();
                        names.insert(name.to_owned(), id);
                        id
                    }
                };
                read_ids.push(id);
            });
            read_ids[first..].sort_unstable();
            let mut kept = first;
            for i in first..read_ids.len() {
                if kept == first || read_ids[kept - 1] != read_ids[i] {
                    read_ids[kept] = read_ids[i];
                    kept += 1;
                }
            }
            read_ids.truncate(kept);
            read_start.push(kept);
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
            let set = &mut gen_sets[a * words..(a + 1) * words];
            let mut mark = |name: &str| {
                if let Some(&i) = names.get(name) {
                    bit(set, i);
                }
            };
            sets(action).for_each(&mut mark);
            if matches!(action.kind, ActionKind::InvokeFlowModule(_)) {
                let mut known_module = false;
                for (k, t) in cx.graph.successors(cx.graph.action_node(u, a)) {
                    if *k == EdgeKind::InvokeModule {
                        known_module = true;
                        let m = cx.graph.node(t).unit();
                        module_sets[m]
                            .get_or_insert_with(|| {
                                cx.units[m].flow.actions.iter().flat_map(sets).collect()
                            })
                            .iter()
                            .for_each(|name| mark(name));
                    }
                }
                // An unknown module may set anything.
                if !known_module {
                    set.iter_mut().for_each(|w| *w = u64::MAX);
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
        for a in 0..n {
            if !reached[a] {
                continue;
            }
            let ids = &read_ids[read_start[a]..read_start[a + 1]];
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
