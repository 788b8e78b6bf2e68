//! `L015 service-limit`: a flow or an action exceeds an Amazon Connect limit.

use super::{Context, Finding};
use crate::connect::limits;
use crate::connect::{ActionKind, Scalar};

crate::define_codes! {
    /// ## What it does
    /// Checks the documented Amazon Connect limits of the flow language:
    /// - at most 250 actions per flow, and at most 256,000 characters of flow content;
    /// - a flow name of at most 127 characters;
    /// - Lambda invocation time limit 1–8 seconds; `Loop` count at most 100; `Wait` at most
    ///   7 days; callback delays at most 3 days; task delay at most 6 days;
    /// - keypad interdigit timeout 1–20 seconds, termination sequence at most 5 keys;
    /// - third-party transfer: connection timeout at most 600 seconds, at most 50 DTMF digits.
    ///
    /// Values given as references (`$.Attributes.x`) are only known at run time and are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Amazon Connect rejects the flow when it is published (`InvalidContactFlowException`), so
    /// the deployment fails; or, for values read at run time, the action fails and takes its
    /// error branch.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "lookup", "Type": "InvokeLambdaFunction",
    ///   "Parameters": { "LambdaFunctionARN": "…", "InvocationTimeLimitSeconds": "30" }, … }
    /// ```
    ///
    /// ## Use instead
    /// Stay within the limit (`"InvocationTimeLimitSeconds": "8"`); split a large flow into
    /// modules; move long waits to a callback or a task.
    SERVICE_LIMIT = "L015" "service-limit" Check Error "a flow or action exceeds an Amazon Connect limit";
}

fn num(s: Option<&Scalar>) -> Option<u64> {
    s.filter(|v| !v.is_dynamic()).and_then(Scalar::as_u64)
}

/// `(parameter, value, allowed range as text)` for every out-of-range value of the action.
fn action_limits(kind: &ActionKind) -> Vec<(&'static str, u64, String)> {
    let mut out = Vec::new();
    let mut max = |name: &'static str, v: Option<u64>, lo: u64, hi: u64| {
        if let Some(v) = v
            && !(lo..=hi).contains(&v)
        {
            out.push((name, v, format!("{lo}–{hi}")));
        }
    };
    match kind {
        ActionKind::InvokeLambdaFunction(p) => max(
            "InvocationTimeLimitSeconds",
            num(p.invocation_time_limit_seconds.as_ref()),
            1,
            u64::from(limits::MAX_LAMBDA_TIMEOUT_SECONDS),
        ),
        ActionKind::Loop(p) => max(
            "LoopCount",
            num(p.loop_count.as_ref()),
            0,
            u64::from(limits::MAX_LOOP_COUNT),
        ),
        ActionKind::Wait(p) => max(
            "TimeLimitSeconds",
            num(p.time_limit_seconds.as_ref().or(p.timeout_seconds.as_ref())),
            0,
            u64::from(limits::MAX_WAIT_SECONDS),
        ),
        ActionKind::CreateCallbackContact(p) => {
            let hi = u64::from(limits::MAX_CALLBACK_DELAY_SECONDS);
            max(
                "InitialCallDelaySeconds",
                num(p.initial_call_delay_seconds.as_ref()),
                0,
                hi,
            );
            max(
                "RetryDelaySeconds",
                num(p.retry_delay_seconds.as_ref()),
                0,
                hi,
            );
        }
        ActionKind::CreateTask(p) => max(
            "DelaySeconds",
            num(p.delay_seconds.as_ref()),
            1,
            u64::from(limits::MAX_TASK_DELAY_SECONDS),
        ),
        ActionKind::GetParticipantInput(p) => {
            if let Some(d) = &p.dtmf_configuration {
                let r = &limits::INTERDIGIT_TIME_LIMIT_SECONDS;
                max(
                    "InterdigitTimeLimitSeconds",
                    num(d.interdigit_time_limit_seconds.as_ref()),
                    u64::from(*r.start()),
                    u64::from(*r.end()),
                );
                if let Some(seq) = d
                    .input_termination_sequence
                    .as_ref()
                    .and_then(Scalar::as_str)
                {
                    let n = seq.chars().count() as u64;
                    max(
                        "InputTerminationSequence (keys)",
                        Some(n),
                        0,
                        limits::MAX_TERMINATION_SEQUENCE_DIGITS as u64,
                    );
                }
            }
        }
        ActionKind::TransferParticipantToThirdParty(p) => {
            max(
                "ThirdPartyConnectionTimeLimitSeconds",
                num(p
                    .third_party_connection_time_limit_seconds
                    .as_ref()
                    .or(p.third_party_connection_timeout_seconds.as_ref())),
                0,
                u64::from(limits::MAX_CONNECTION_TIMEOUT_SECONDS),
            );
            if let Some(d) = p.third_party_dtmf_digits.as_ref().and_then(Scalar::as_str)
                && !d.contains("$.")
            {
                max(
                    "ThirdPartyDTMFDigits (characters)",
                    Some(d.chars().count() as u64),
                    0,
                    limits::MAX_THIRD_PARTY_DTMF_DIGITS as u64,
                );
            }
        }
        ActionKind::CompleteOutboundCall(p) => max(
            "ConnectionTimeLimitSeconds",
            num(p.connection_time_limit_seconds.as_ref()),
            1,
            u64::from(limits::MAX_CONNECTION_TIMEOUT_SECONDS),
        ),
        _ => {}
    }
    out
}

/// A rough size of the emitted JSON: a fixed cost per action plus its longest texts.
/// A cheap estimate of what the action adds to its flow's JSON (see [`check`]).
fn estimated_chars(a: &crate::connect::Action) -> usize {
    let prompts: usize = super::prompts(a).map(|(_, t)| t.len()).sum();
    let targets = a.transitions.errors.len() + a.transitions.conditions.len() + 1;
    400 + prompts + a.identifier.len() * (2 + targets)
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (u, unit) in cx.units.iter().enumerate() {
        let n = unit.flow.actions.len();
        if n > limits::MAX_ACTIONS {
            out.push(
                cx.flow_finding(
                    SERVICE_LIMIT,
                    u,
                    format!(
                        "flow `{}` has {n} actions; Amazon Connect allows {}",
                        unit.name,
                        limits::MAX_ACTIONS
                    ),
                    "too many actions",
                )
                .with_help("move parts of the flow into flow modules or other flows"),
            );
        }
        // Emitting costs a full pass; only do it when a cheap estimate of the size (summed by
        // `check_action`, which `check_units` runs on every action first) comes near the limit.
        if cx.flow_chars[u].get() > limits::MAX_CONTENT_CHARS * 3 / 4 {
            let chars = crate::connect::emit_flow(&unit.flow).chars().count();
            if chars > limits::MAX_CONTENT_CHARS {
                out.push(
                    cx.flow_finding(
                        SERVICE_LIMIT,
                        u,
                        format!(
                            "flow `{}` is {chars} characters of JSON; Amazon Connect allows {}",
                            unit.name,
                            limits::MAX_CONTENT_CHARS
                        ),
                        "flow content too large",
                    )
                    .with_help("move parts of the flow into flow modules or other flows"),
                );
            }
        }
        let name_chars = unit.name.chars().count();
        if name_chars > limits::MAX_FLOW_NAME_CHARS {
            out.push(
                cx.flow_finding(
                    SERVICE_LIMIT,
                    u,
                    format!(
                        "the flow name has {name_chars} characters; Amazon Connect allows {}",
                        limits::MAX_FLOW_NAME_CHARS
                    ),
                    "name too long",
                )
                .with_help("choose a shorter flow name"),
            );
        }
    }
}

/// The per-action limits (run in the single pass over actions).
pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &crate::connect::Action,
    out: &mut Vec<Finding>,
) {
    // For the flow's size (`check`, which runs after every action's check).
    let chars = &cx.flow_chars[u];
    chars.set(chars.get() + estimated_chars(action));
    for (param, value, range) in action_limits(&action.kind) {
        out.push(
            cx.finding(
                SERVICE_LIMIT,
                u,
                a,
                format!(
                    "`{param}` of {} is {value}; Amazon Connect allows {range}",
                    cx.describe(u, a)
                ),
                format!("{param} out of range"),
            )
            .with_help(format!("use a value in {range}")),
        );
    }
}
