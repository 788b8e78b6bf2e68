//! Step names for decompiled actions, and the order of the steps.

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::retries::{Fold, retries};
use super::text::is_name;
use crate::connect::Flow;

/// The step of every action and the order in which steps are written.
pub(crate) struct Steps {
    names: HashMap<String, String>,
    /// Loops written as retries (`retries.rs`): the loop's identifier → `retry 2 … then step`.
    retries: HashMap<String, String>,
    /// The step the flow's `on error` goes to, when the retries need one (`retries.rs`).
    on_error: Option<String>,
    /// The later statements of a retried step, by the step's first action (`retries.rs`).
    members: HashMap<String, Vec<String>>,
    order: Vec<usize>,
}

impl Steps {
    pub(crate) fn new(flow: &Flow, fold: Fold) -> Self {
        let found = retries(flow, fold);
        // The loops and re-prompts written as retries are no steps.
        let folded = found.folded();
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        for r in found.loops.values() {
            // Chains from one entry are each other's prefixes: the step is the longest.
            let m = members.entry(r.entry.clone()).or_default();
            if r.chain.len() > m.len() {
                m.clone_from(&r.chain);
            }
        }
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
        let on_error = found.on_error.as_ref().and_then(|e| names.get(e)).cloned();
        let retries = found
            .loops
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
            on_error,
            members,
            order,
        }
    }

    /// The actions after `identifier` in its step: empty unless it is retried as a step of
    /// several statements.
    pub(crate) fn members(&self, identifier: &str) -> &[String] {
        self.members.get(identifier).map_or(&[], Vec::as_slice)
    }

    /// True when `identifier` is a later statement of a step: the action before it falls
    /// through to it and writes no `-> step`.
    pub(crate) fn falls_through_to(&self, identifier: &str) -> bool {
        self.members
            .values()
            .any(|m| m.iter().any(|i| i == identifier))
    }

    /// The step the flow's `on error` goes to, if one is written.
    pub(crate) fn on_error(&self) -> Option<&str> {
        self.on_error.as_deref()
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
