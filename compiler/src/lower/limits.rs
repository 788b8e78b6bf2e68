//! The service limits a lowered flow must respect, checked before anything is written.
//!
//! - at most 250 actions per flow (`E005`) and 256,000 characters of JSON (`E006`);
//! - each action type only in the flow types Connect allows it in (`E007`);
//! - numeric parameters within Connect's ranges (`E003`): interdigit timeout 1–20 s, end key
//!   sequence of at most 5 keys, third-party transfer timeout at most 600 s, callback delays at
//!   most 3 days. (Retry counts are checked where the loop is made.)

use super::LoweredFlow;
use crate::connect::{ActionKind, FlowType, Scalar, limits};
use crate::diagnostics::{Diagnostic, codes};
use crate::span::Span;

/// Checks one lowered flow, given its emitted JSON text.
pub(crate) fn check(lowered: &LoweredFlow, json: &str, diags: &mut Vec<Diagnostic>) {
    let flow = &lowered.flow;
    if flow.actions.len() > limits::MAX_ACTIONS {
        diags.push(
            Diagnostic::new(
                codes::TOO_MANY_ACTIONS,
                format!(
                    "flow `{}` has {} Connect actions; Connect allows {}",
                    lowered.name,
                    flow.actions.len(),
                    limits::MAX_ACTIONS
                ),
            )
            .with_label(lowered.name_span, format!("{} actions", flow.actions.len()))
            .with_help("move part of the flow into a module (`run module`) or another flow (`transfer to flow`)"),
        );
    }
    let chars = json.chars().count();
    if chars > limits::MAX_CONTENT_CHARS {
        diags.push(
            Diagnostic::new(
                codes::FLOW_TOO_LARGE,
                format!(
                    "flow `{}` is {chars} characters of JSON; Connect accepts {}",
                    lowered.name,
                    limits::MAX_CONTENT_CHARS
                ),
            )
            .with_label(lowered.name_span, "this flow is too large")
            .with_help("split it into modules, or move long prompts to the Connect prompt library"),
        );
    }
    let mut reported: Vec<Span> = Vec::new();
    for a in &flow.actions {
        let span = lowered
            .spans
            .get(&a.identifier)
            .copied()
            .unwrap_or(lowered.name_span);
        if let Some(t) = a.action_type()
            && !t.allowed_in(lowered.flow_type)
            && !reported.contains(&span)
        {
            reported.push(span);
            diags.push(
                Diagnostic::new(
                    codes::ACTION_NOT_ALLOWED,
                    format!(
                        "`{t}` is not allowed in a {} flow",
                        flow_type_words(lowered.flow_type)
                    ),
                )
                .with_label(span, format!("this becomes `{t}`"))
                .with_help(
                    "move the statement to a flow whose kind allows it, usually the inbound flow",
                ),
            );
        }
        ranges(&a.kind, span, diags);
    }
}

fn flow_type_words(t: FlowType) -> &'static str {
    match t {
        FlowType::ContactFlow => "contact (inbound or outbound)",
        FlowType::CustomerQueue => "customer queue",
        FlowType::CustomerHold => "customer hold",
        FlowType::CustomerWhisper => "customer whisper",
        FlowType::AgentHold => "agent hold",
        FlowType::AgentWhisper => "agent whisper",
        FlowType::OutboundWhisper => "outbound whisper",
        FlowType::AgentTransfer => "agent transfer",
        FlowType::QueueTransfer => "queue transfer",
        FlowType::Campaign => "campaign",
        FlowType::Module => "module",
    }
}

fn ranges(kind: &ActionKind, span: Span, diags: &mut Vec<Diagnostic>) {
    let mut out_of_range = |what: &str, value: &Scalar, allowed: &str| {
        diags.push(
            Diagnostic::new(
                codes::VALUE_OUT_OF_RANGE,
                format!("{what} {} is outside what Connect accepts", value.text()),
            )
            .with_label(span, format!("Connect accepts {allowed}"))
            .with_help(format!("use {allowed}")),
        );
    };
    match kind {
        ActionKind::GetParticipantInput(p) => {
            if let Some(d) = &p.dtmf_configuration {
                if let Some(v) = &d.interdigit_time_limit_seconds
                    && v.as_u32()
                        .is_none_or(|n| !limits::INTERDIGIT_TIME_LIMIT_SECONDS.contains(&n))
                {
                    out_of_range("the interdigit timeout", v, "1 to 20 seconds");
                }
                if let Some(v) = &d.input_termination_sequence
                    && v.text().chars().count() > limits::MAX_TERMINATION_SEQUENCE_DIGITS
                {
                    out_of_range("the end key sequence", v, "at most 5 keys");
                }
            }
        }
        ActionKind::TransferParticipantToThirdParty(p) => {
            if let Some(v) = &p.third_party_connection_time_limit_seconds
                && v.as_u32()
                    .is_none_or(|n| n > limits::MAX_CONNECTION_TIMEOUT_SECONDS)
            {
                out_of_range("the transfer timeout", v, "at most 600 seconds");
            }
        }
        ActionKind::CreateCallbackContact(p) => {
            for v in [&p.initial_call_delay_seconds, &p.retry_delay_seconds]
                .into_iter()
                .flatten()
            {
                if v.as_u32()
                    .is_none_or(|n| n > limits::MAX_CALLBACK_DELAY_SECONDS)
                {
                    out_of_range("the callback delay", v, "at most 3 days (259,200 seconds)");
                }
            }
        }
        _ => {}
    }
}
