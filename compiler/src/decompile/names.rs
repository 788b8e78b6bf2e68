//! Step names for decompiled actions, and the order of the steps.

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::retries::retries;
use super::text::is_name;
use crate::connect::Flow;

/// The step of every action and the order in which steps are written.
pub(crate) struct Steps {
    names: HashMap<String, String>,
    /// Loops written as retries (`retries.rs`): the loop's identifier → `retry 2 … then step`.
    retries: HashMap<String, String>,
    order: Vec<usize>,
}

impl Steps {
    pub(crate) fn new(flow: &Flow) -> Self {
        let found = retries(flow);
        // The loops and re-prompts written as retries are no steps.
        let folded: BTreeSet<&str> = found
            .iter()
            .flat_map(|(l, r)| {
                std::iter::once(l.as_str()).chain(r.saying.as_ref().map(|(_, m)| m.as_str()))
            })
            .collect();
        let mut order = walk(flow);
        order.retain(|&i| !folded.contains(flow.actions[i].identifier.as_str()));
        let mut used: BTreeSet<String> = BTreeSet::new();
        let mut counters: HashMap<&'static str, usize> = HashMap::new();
        let mut names = HashMap::new();
        // Readable identifiers first, so a generated name never takes one of them.
        for a in &flow.actions {
            if folded.contains(a.identifier.as_str()) {
                continue;
            }
            if is_name(&a.identifier)
                && !names.contains_key(a.identifier.as_str())
                && used.insert(a.identifier.to_string())
            {
                names.insert(a.identifier.to_string(), a.identifier.to_string());
            }
        }
        for &i in &order {
            let a = &flow.actions[i];
            if names.contains_key(a.identifier.as_str()) {
                continue;
            }
            let short = short_name(a.type_name());
            let name = loop {
                let n = counters.entry(short).or_insert(0);
                *n += 1;
                let candidate = format!("{short}_{n}");
                if used.insert(candidate.clone()) {
                    break candidate;
                }
            };
            names.insert(a.identifier.to_string(), name);
        }
        let retries = found
            .into_iter()
            .filter_map(|(l, r)| {
                let done = names.get(&r.done)?;
                let saying = r
                    .saying
                    .map(|(text, _)| format!(" saying {text}"))
                    .unwrap_or_default();
                Some((l, format!("retry {}{saying} then {done}", r.count)))
            })
            .collect();
        Self {
            names,
            retries,
            order,
        }
    }

    /// What an outcome going to the action `identifier` targets: its step, or a retry when
    /// the action is a loop written as one; `None` when the flow has no such action.
    pub(crate) fn name(&self, identifier: &str) -> Option<&str> {
        self.retries
            .get(identifier)
            .or_else(|| self.names.get(identifier))
            .map(String::as_str)
    }

    /// Action indexes in step order.
    pub(crate) fn order(&self) -> &[usize] {
        &self.order
    }
}

/// Breadth first from the start action (next, conditions, errors in document order), then the
/// actions no path reaches, in document order. Duplicated identifiers keep their first action.
fn walk(flow: &Flow) -> Vec<usize> {
    let index = flow.index();
    let mut seen = vec![false; flow.actions.len()];
    let mut order = Vec::with_capacity(flow.actions.len());
    let mut queue = VecDeque::new();
    if let Some(&s) = index.get(flow.start_action.as_str()) {
        seen[s] = true;
        queue.push_back(s);
    }
    while let Some(i) = queue.pop_front() {
        order.push(i);
        let t = &flow.actions[i].transitions;
        for target in t
            .next_action
            .iter()
            .chain(t.conditions.iter().map(|c| &c.next_action))
            .chain(t.errors.iter().map(|e| &e.next_action))
        {
            if let Some(&j) = index.get(target.as_str())
                && !seen[j]
            {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    for (i, a) in flow.actions.iter().enumerate() {
        if !seen[i] && index.get(a.identifier.as_str()) == Some(&i) {
            order.push(i);
        }
    }
    order
}

/// A short step name for an action type: `prompt`, `menu`, `check_attr`, …
fn short_name(type_name: &str) -> &'static str {
    match type_name {
        "MessageParticipant" => "prompt",
        "GetParticipantInput" => "input",
        "ConnectParticipantWithLexBot" => "bot",
        "DisconnectParticipant" => "disconnect",
        "MessageParticipantIteratively" => "loop_prompts",
        "TransferParticipantToThirdParty" => "to_number",
        "UpdateContactAttributes" => "set_attrs",
        "UpdateContactTargetQueue" => "set_queue",
        "TransferContactToQueue" | "DequeueContactAndTransferToQueue" => "to_queue",
        "TransferContactToAgent" => "to_agent",
        "UpdateContactEventHooks" => "set_hook",
        "UpdateContactCallbackNumber" => "callback_number",
        "UpdateContactRecordingBehavior" | "UpdateContactRecordingAndAnalyticsBehavior" => {
            "recording"
        }
        "UpdateContactTextToSpeechVoice" => "set_voice",
        "UpdateContactRoutingBehavior" => "set_priority",
        "InvokeFlowModule" => "run_module",
        "EndFlowModuleExecution" => "module_return",
        "Compare" => "check_attr",
        "CheckHoursOfOperation" => "check_hours",
        "CheckMetricData" => "check_queue",
        "GetMetricData" => "queue_metrics",
        "DistributeByPercentage" => "distribute",
        "Loop" => "loop",
        "Wait" => "wait",
        "TransferToFlow" => "to_flow",
        "EndFlowExecution" => "end_flow",
        "UpdateFlowLoggingBehavior" => "logging",
        "UpdateFlowAttributes" => "set_flow_attrs",
        "InvokeLambdaFunction" => "lambda",
        "CreateCallbackContact" => "callback",
        "GetCustomerProfile" => "profile",
        "CreateTask" => "task",
        _ => "action",
    }
}

/// A valid flow name from a file stem or a console name: other characters become `_`.
pub(crate) fn flow_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
    {
        out.insert_str(0, "Flow_");
    }
    if !is_name(&out) {
        out.push_str("_flow");
    }
    out
}
