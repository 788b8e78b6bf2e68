//! Checking the `fail` lines of tests: the action exists in its flow (as the lowering names it)
//! and has a branch for the error. The flows are lowered here, once each, because action
//! identifiers and error branches are the lowering's: only error branches the action type can
//! raise are written, and only those can be faults.

use std::collections::BTreeMap;

use super::model::{FlowId, Model};
use crate::connect::{ErrorType, Flow};
use crate::diagnostics::{Diagnostic, codes};
use crate::lower::{Ids, Placeholders, lower_flow};

/// The Connect error types a word of the language stands for, most likely first.
fn candidates(word: &str) -> Vec<ErrorType> {
    match word {
        "error" => vec![ErrorType::NoMatchingError],
        "timeout" => vec![
            ErrorType::InputTimeLimitExceeded,
            ErrorType::ConnectionTimeLimitExceeded,
            ErrorType::TimeLimitExceeded,
        ],
        "full" => vec![ErrorType::QueueAtCapacity],
        "invalid" => vec![
            ErrorType::InvalidPhoneNumber,
            ErrorType::InvalidCallbackNumber,
        ],
        "failed" => vec![ErrorType::CallFailed],
        "multiple" => vec![ErrorType::MultipleFoundError, ErrorType::MultipleFound],
        other => vec![ErrorType::from_name(other)],
    }
}

/// Checks every fault of every test; sets each fault's `error` to the Connect error type.
/// Does nothing on a model with errors (it cannot be lowered safely).
pub(super) fn check(model: &mut Model, diags: &mut Vec<Diagnostic>) {
    if diags.iter().any(Diagnostic::is_error) || model.tests.iter().all(|t| t.faults.is_empty()) {
        return;
    }
    let mut lowered: BTreeMap<FlowId, Flow> = BTreeMap::new();
    for t in &model.tests {
        for f in &t.faults {
            lowered
                .entry(f.flow)
                .or_insert_with(|| lower_flow(model, f.flow, &Placeholders).0.flow);
        }
    }
    let names: Vec<String> = model.flows.iter().map(|f| f.name.clone()).collect();
    for t in &mut model.tests {
        for fault in &mut t.faults {
            let Some(flow) = lowered.get(&fault.flow) else {
                continue;
            };
            let flow_name = &names[fault.flow.index()];
            let id = Ids::new(flow_name).make(&fault.action);
            let Some(action) = flow.actions.iter().find(|a| a.identifier == id) else {
                let ids: Vec<&str> = flow
                    .actions
                    .iter()
                    .map(|a| a.identifier.as_str())
                    // Retry loops cannot fail; their re-prompts (`-say`) can.
                    .filter(|i| !i.contains("-retry-") || i.ends_with("-say"))
                    .collect();
                let help = match super::names::did_you_mean(&fault.action, ids.iter().copied()) {
                    Some(s) => format!(
                        "did you mean `{s}`? (add `in FLOW` for an action of another flow or module)"
                    ),
                    None => format!(
                        "the actions of `{flow_name}` are named after their steps: {}",
                        ids.iter()
                            .take(12)
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diags.push(
                    Diagnostic::new(
                        codes::UNKNOWN_FAULT_ACTION,
                        format!("`{flow_name}` has no action `{}`", fault.action),
                    )
                    .with_label(fault.action_span, "no such action")
                    .with_help(help),
                );
                continue;
            };
            let has = |e: &ErrorType| action.transitions.errors.iter().any(|b| &b.error_type == e);
            let wanted = candidates(&fault.error);
            match wanted.iter().find(|e| has(e)) {
                Some(e) if *e != ErrorType::NoMatchingCondition => {
                    fault.error = e.name().to_owned();
                    fault.id = id.to_string();
                }
                _ => {
                    let can: Vec<String> = action
                        .transitions
                        .errors
                        .iter()
                        .filter(|b| b.error_type != ErrorType::NoMatchingCondition)
                        .map(|b| format!("`{}`", b.error_type.name()))
                        .collect();
                    let help = if can.is_empty() {
                        format!("`{}` cannot fail: it has no error branch", fault.action)
                    } else {
                        format!("`{}` can raise {}", fault.action, can.join(", "))
                    };
                    diags.push(
                        Diagnostic::new(
                            codes::IMPOSSIBLE_FAULT,
                            format!("`{}` cannot raise `{}`", fault.action, fault.error),
                        )
                        .with_label(fault.span, "no branch for this error")
                        .with_help(help),
                    );
                }
            }
        }
    }
}
