//! What each statement becomes in Connect. The mapping, with the error types each outcome
//! stands for, is the table in GRAMMAR.md ("Outcomes of each statement") and ARCHITECTURE.md
//! ("Lowering").

use compact_str::CompactString;
use indexmap::IndexMap;

use super::calendar;
use super::externals::ExternalKind;
use super::flow::FlowCx;
use super::values::{attribute_key, external, prompt_text, value_text};
use crate::connect::{ActionKind, ErrorType, FlowType, Operator, Scalar, Transitions, params};
use crate::diagnostics::{Diagnostic, codes};
use crate::resolve::{
    self, Action, CallbackSpec, FlowKind, Hook, InputSpec, Namespace, OutcomeKind, Prompt,
    QueueMetric, Statement, Target, ValueRef,
};
use crate::syntax::ast::CompareOp;

/// The contact attribute that carries a module's outcome back to the flow that ran it.
pub const MODULE_OUTCOME_ATTRIBUTE: &str = "dialect_outcome";

/// The flow attribute a `branch` on a computed value compares.
pub const BRANCH_VALUE_ATTRIBUTE: &str = "dialect_branch";

/// The default seconds Connect waits for a first key press.
const DEFAULT_INPUT_TIMEOUT_S: u64 = 5;

/// Lowers one statement of the current step.
pub(crate) fn lower(cx: &mut FlowCx<'_>, st: &Statement) {
    let me = cx.me();
    match &st.action {
        Action::Say(p) => {
            let (text, ssml) = prompt_params(cx, p);
            let kind = ActionKind::MessageParticipant(Box::new(params::MessageParticipant {
                text,
                ssml,
                ..Default::default()
            }));
            let t = next_and_error(cx, st, None);
            cx.push(me, kind, t, st.span);
        }
        Action::Ask {
            bot,
            prompt,
            timeout_s,
        } => {
            let (text, ssml) = prompt
                .as_ref()
                .map_or((None, None), |p| prompt_params(cx, p));
            let bot = cx.model.bot(*bot);
            let mut session = IndexMap::new();
            if let Some(s) = timeout_s {
                session.insert(
                    "x-amz-lex:audio:start-timeout-ms:*:*".to_owned(),
                    Scalar::integer(s * 1000),
                );
            }
            let kind = ActionKind::ConnectParticipantWithLexBot(Box::new(
                params::ConnectParticipantWithLexBot {
                    text,
                    ssml,
                    lex_v2_bot: Some(params::LexV2Bot {
                        alias_arn: Some(Scalar::string(external(
                            cx.ext,
                            ExternalKind::Bot,
                            &bot.name,
                        ))),
                        ..Default::default()
                    }),
                    lex_session_attributes: (!session.is_empty()).then_some(session),
                    ..Default::default()
                },
            ));
            let intents = st
                .outcomes
                .iter()
                .filter(|o| matches!(o.kind, OutcomeKind::Intent(_)))
                .count();
            let mut t = with_room(intents, 3);
            for o in &st.outcomes {
                if let OutcomeKind::Intent(name) = &o.kind
                    && let Some(to) = cx.target(&o.target, o.span)
                {
                    t = t.with_condition(Operator::Equals, name.clone(), to);
                }
            }
            let no_match = cx.result(st, &OutcomeKind::NoMatch);
            t = error_branch(t, ErrorType::NoMatchingCondition, no_match);
            let timeout = cx.error(st, Some(&OutcomeKind::Timeout));
            t = error_branch(t, ErrorType::InputTimeLimitExceeded, timeout);
            let error = cx.error(st, None);
            t = error_branch(t, ErrorType::NoMatchingError, error);
            cx.push(me, kind, t, st.span);
        }
        Action::Menu { prompt, timeout_s } => {
            let (text, ssml) = prompt_params(cx, prompt);
            let kind = ActionKind::GetParticipantInput(Box::new(params::GetParticipantInput {
                text,
                ssml,
                input_time_limit_seconds: Some(Scalar::integer(
                    timeout_s.unwrap_or(DEFAULT_INPUT_TIMEOUT_S),
                )),
                store_input: Some(Scalar::boolean(false)),
                ..Default::default()
            }));
            let keys = st
                .outcomes
                .iter()
                .filter(|o| matches!(o.kind, OutcomeKind::Key(_)))
                .count();
            let mut t = with_room(keys, 3);
            for o in &st.outcomes {
                if let OutcomeKind::Key(k) = &o.kind
                    && let Some(to) = cx.target(&o.target, o.span)
                {
                    t = t.with_condition(Operator::Equals, k.to_string(), to);
                }
            }
            let timeout = cx.error(st, Some(&OutcomeKind::Timeout));
            t = error_branch(t, ErrorType::InputTimeLimitExceeded, timeout);
            let invalid = cx.error(st, Some(&OutcomeKind::Invalid));
            t = error_branch(t, ErrorType::NoMatchingCondition, invalid);
            let error = cx.error(st, None);
            t = error_branch(t, ErrorType::NoMatchingError, error);
            cx.push(me, kind, t, st.span);
        }
        Action::Repeat(prompts) => {
            let messages = prompts
                .iter()
                .map(|p| {
                    let (text, ssml) = prompt_params(cx, p);
                    params::Message {
                        text,
                        ssml,
                        ..Default::default()
                    }
                })
                .collect();
            // At most one `every` (the resolver reports a second one).
            let every = st.outcomes.iter().find_map(|o| match o.kind {
                OutcomeKind::Every(s) => Some((s, o)),
                _ => None,
            });
            let kind =
                ActionKind::MessageParticipantIteratively(params::MessageParticipantIteratively {
                    messages: Some(messages),
                    interrupt_frequency_seconds: every.map(|(s, _)| Scalar::integer(s)),
                    ..Default::default()
                });
            // No `NextAction`: the prompts loop until an interruption or an agent ends them.
            let mut t = with_room(usize::from(every.is_some()), 1);
            if let Some((_, o)) = every
                && let Some(to) = cx.target(&o.target, o.span)
            {
                t = t.with_condition(Operator::Equals, "MessagesInterrupted", to);
            }
            let error = cx.error(st, None);
            t = error_branch(t, ErrorType::NoMatchingError, error);
            cx.push(me, kind, t, st.span);
        }
        Action::Input(spec) => input(cx, st, spec, me),
        Action::Call {
            integration,
            args,
            timeout_s,
        } => {
            let integration = cx.model.integration(*integration);
            let attributes: IndexMap<String, Scalar> = args
                .iter()
                .map(|(k, v)| (k.clone(), Scalar::string(value_text(v, cx.ext))))
                .collect();
            let timeout = timeout_s.or(integration.timeout_s).unwrap_or(u64::from(
                crate::connect::limits::MAX_LAMBDA_TIMEOUT_SECONDS,
            ));
            let kind = ActionKind::InvokeLambdaFunction(Box::new(params::InvokeLambdaFunction {
                lambda_function_arn: Some(Scalar::string(external(
                    cx.ext,
                    ExternalKind::Lambda,
                    &integration.lambda,
                ))),
                invocation_time_limit_seconds: Some(Scalar::integer(timeout)),
                invocation_type: Some(Scalar::string("SYNCHRONOUS")),
                lambda_invocation_attributes: (!attributes.is_empty()).then_some(attributes),
                response_validation: Some(params::ResponseValidation {
                    response_type: Some(Scalar::string("JSON")),
                    ..Default::default()
                }),
                ..Default::default()
            }));
            let t = next_and_error(cx, st, Some(&OutcomeKind::Ok));
            cx.push(me, kind, t, st.span);
        }
        Action::SetAttributes(list) => set_attributes(cx, st, list, me),
        Action::SetQueue(q) => {
            let kind = set_queue_kind(cx, *q);
            let t = next_and_error(cx, st, None);
            cx.push(me, kind, t, st.span);
        }
        Action::SetHook { hook, flow } => {
            let kind = hook_kind(cx, *hook, *flow);
            let t = next_and_error(cx, st, None);
            cx.push(me, kind, t, st.span);
        }
        Action::SetVoice(v) => {
            let kind = voice_kind(v);
            let t = next_and_error(cx, st, None);
            cx.push(me, kind, t, st.span);
        }
        Action::SetPriority(p) => {
            let kind =
                ActionKind::UpdateContactRoutingBehavior(params::UpdateContactRoutingBehavior {
                    queue_priority: Some(Scalar::integer(u64::from(*p))),
                    ..Default::default()
                });
            let next = cx.fallthrough();
            cx.push(me, kind, next_only(next), st.span);
        }
        Action::Branch(v) => branch(cx, st, v, me),
        Action::CheckHours(h) => {
            let hours =
                h.map(|h| external(cx.ext, ExternalKind::Hours, &cx.model.hours_of(h).name));
            let open = cx.result(st, &OutcomeKind::Open);
            let closed = cx.result(st, &OutcomeKind::Closed);
            let error = cx.error(st, None);
            let kind = check_hours_kind(hours);
            cx.push(me, kind, hours_transitions(open, closed, error), st.span);
        }
        Action::CheckCalendar(c) => check_calendar(cx, st, *c, me),
        Action::CheckQueue(q) => check_queue(cx, st, *q, me),
        Action::CheckStaffing(q) => check_staffing(cx, st, *q, me),
        Action::CheckCall => {
            let mut t = Transitions::default();
            for (word, result) in [
                ("answered", "CallAnswered"),
                ("voicemail beep", "VoicemailBeep"),
                ("voicemail", "VoicemailNoBeep"),
                ("not detected", "NotDetected"),
            ] {
                if let Some(to) = cx.result(st, &OutcomeKind::CallStatus(word.to_owned())) {
                    t = t.with_condition(Operator::Equals, result, to);
                }
            }
            let error = cx.error(st, None);
            t = error_branch(t, ErrorType::NoMatchingError, error);
            let kind =
                ActionKind::CheckOutboundCallStatus(params::CheckOutboundCallStatus::default());
            cx.push(me, kind, t, st.span);
        }
        Action::TransferQueue { queue, whisper } => transfer_queue(cx, st, *queue, *whisper, me),
        Action::TransferFlow(f) => {
            let arn = external(cx.ext, ExternalKind::Flow, &cx.model.flow(*f).name);
            let kind = ActionKind::TransferToFlow(params::TransferToFlow {
                contact_flow_id: Some(Scalar::string(arn)),
                ..Default::default()
            });
            let error = cx.error(st, None);
            cx.push(me, kind, fallback_error(error), st.span);
        }
        Action::TransferNumber { number, timeout_s } => {
            let kind = ActionKind::TransferParticipantToThirdParty(Box::new(
                params::TransferParticipantToThirdParty {
                    third_party_phone_number: Some(Scalar::string(value_text(number, cx.ext))),
                    third_party_connection_time_limit_seconds: Some(Scalar::integer(
                        timeout_s.unwrap_or(30),
                    )),
                    continue_flow_execution: Some(Scalar::boolean(false)),
                    ..Default::default()
                },
            ));
            let mut t = Transitions::default();
            let failed = cx.error(st, Some(&OutcomeKind::Failed));
            t = error_branch(t, ErrorType::CallFailed, failed);
            let timeout = cx.error(st, Some(&OutcomeKind::Timeout));
            t = error_branch(t, ErrorType::ConnectionTimeLimitExceeded, timeout);
            let error = cx.error(st, None);
            t = error_branch(t, ErrorType::NoMatchingError, error);
            cx.push(me, kind, t, st.span);
        }
        Action::TransferAgent => {
            let kind =
                ActionKind::TransferContactToAgent(params::TransferContactToAgent::default());
            cx.push(me, kind, Transitions::default(), st.span);
        }
        Action::RunModule { module, args } => run_module(cx, st, *module, args, me),
        Action::Callback(spec) => callback(cx, st, spec, me),
        Action::HangUp => {
            let kind = ActionKind::DisconnectParticipant(params::DisconnectParticipant::default());
            cx.push(me, kind, Transitions::default(), st.span);
        }
        Action::Return(outcome) => {
            let end = ActionKind::EndFlowModuleExecution(params::EndFlowModuleExecution::default());
            match outcome {
                Some(name) => {
                    let end_id = cx.helper("end");
                    let mut attrs = IndexMap::new();
                    attrs.insert(
                        MODULE_OUTCOME_ATTRIBUTE.to_owned(),
                        Scalar::string(name.clone()),
                    );
                    let set = contact_attributes(attrs);
                    // Setting one short attribute cannot fail in practice; if it does, the
                    // module still returns.
                    let t = Transitions::to(end_id.clone())
                        .with_error(ErrorType::NoMatchingError, end_id.clone());
                    cx.push(me, set, t, st.span);
                    cx.push(end_id, end, Transitions::default(), st.span);
                }
                None => cx.push(me, end, Transitions::default(), st.span),
            }
        }
        Action::End => {
            let kind = ActionKind::EndFlowExecution(params::EndFlowExecution::default());
            cx.push(me, kind, Transitions::default(), st.span);
        }
        Action::Dial {
            caller_id,
            timeout_s,
        } => {
            let kind = ActionKind::CompleteOutboundCall(Box::new(params::CompleteOutboundCall {
                caller_id: caller_id.as_ref().map(|v| params::CallerId {
                    number: Some(Scalar::string(value_text(v, cx.ext))),
                    ..Default::default()
                }),
                connection_time_limit_seconds: timeout_s.map(Scalar::integer),
                ..Default::default()
            }));
            let next = cx.result(st, &OutcomeKind::Ok);
            cx.push(me, kind, next_only(next), st.span);
        }
        Action::LookupProfile { by } => lookup_profile(cx, st, by.as_ref(), me),
        Action::Distribute => distribute(cx, st, me),
        Action::Connect {
            type_name,
            parameters,
        } => connect(cx, st, type_name, parameters, me),
        Action::Goto(t) => {
            // No action of its own; a retry still needs its loop.
            if matches!(t, Target::Retry { .. }) {
                cx.target(t, st.span);
            }
        }
    }
}

/// `Text` or `SSML`.
fn prompt_params(cx: &FlowCx<'_>, p: &Prompt) -> (Option<Scalar>, Option<Scalar>) {
    let text = Scalar::string(prompt_text(p, cx.ext));
    if p.ssml {
        (None, Some(text))
    } else {
        (Some(text), None)
    }
}

fn next_only(next: Option<CompactString>) -> Transitions {
    Transitions {
        next_action: next,
        ..Transitions::default()
    }
}

/// Empty transitions with room for `conditions` condition and `errors` error branches.
///
/// The IR of a large project is mostly small vectors, and a `Vec` grows to four entries on its
/// first push: sizing the branch lists to what each action needs keeps the lowered flows about
/// 10% smaller, and memory a build does not touch is page faults it does not take.
fn with_room(conditions: usize, errors: usize) -> Transitions {
    Transitions {
        conditions: Vec::with_capacity(conditions),
        errors: Vec::with_capacity(errors),
        ..Transitions::default()
    }
}

/// Adds an error branch to `to`, if there is one. The list grows one entry at a time (most
/// actions have one error branch; see [`with_room`]).
fn error_branch(
    mut t: Transitions,
    error_type: ErrorType,
    to: Option<CompactString>,
) -> Transitions {
    match to {
        Some(to) => {
            t.errors.reserve_exact(1);
            t.with_error(error_type, to)
        }
        None => t,
    }
}

/// `NextAction` to a result (or the next statement) and `NoMatchingError` to the error outcome.
fn next_and_error(cx: &mut FlowCx<'_>, st: &Statement, ok: Option<&OutcomeKind>) -> Transitions {
    let next = match ok {
        Some(k) => cx.result(st, k),
        None => cx.fallthrough(),
    };
    let error = cx.error(st, None);
    error_branch(next_only(next), ErrorType::NoMatchingError, error)
}

/// Actions whose success leaves the flow: exports write the error target as `NextAction` too.
fn fallback_error(error: Option<CompactString>) -> Transitions {
    error_branch(next_only(error.clone()), ErrorType::NoMatchingError, error)
}

fn contact_attributes(attrs: IndexMap<String, Scalar>) -> ActionKind {
    ActionKind::UpdateContactAttributes(params::UpdateContactAttributes {
        attributes: Some(attrs),
        target_contact: Some(Scalar::string("Current")),
        ..Default::default()
    })
}

fn flow_attributes(attrs: IndexMap<String, Scalar>) -> ActionKind {
    ActionKind::UpdateFlowAttributes(params::UpdateFlowAttributes {
        flow_attributes: Some(
            attrs
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        params::FlowAttribute {
                            value: Some(v),
                            ..Default::default()
                        },
                    )
                })
                .collect(),
        ),
        ..Default::default()
    })
}

fn check_hours_kind(hours: Option<String>) -> ActionKind {
    ActionKind::CheckHoursOfOperation(params::CheckHoursOfOperation {
        hours_of_operation_id: hours.map(Scalar::string),
        ..Default::default()
    })
}

/// `True` → open, `False` → closed, `NoMatchingError` (also `NextAction`, as exports write it).
fn hours_transitions(
    open: Option<CompactString>,
    closed: Option<CompactString>,
    error: Option<CompactString>,
) -> Transitions {
    let mut t = with_room(2, 1);
    t.next_action.clone_from(&error);
    if let Some(o) = open {
        t = t.with_condition(Operator::Equals, "True", o);
    }
    if let Some(c) = closed {
        t = t.with_condition(Operator::Equals, "False", c);
    }
    error_branch(t, ErrorType::NoMatchingError, error)
}

fn set_queue_kind(cx: &FlowCx<'_>, q: resolve::QueueId) -> ActionKind {
    ActionKind::UpdateContactTargetQueue(params::UpdateContactTargetQueue {
        queue_id: Some(Scalar::string(external(
            cx.ext,
            ExternalKind::Queue,
            &cx.model.queue(q).name,
        ))),
        ..Default::default()
    })
}

fn hook_kind(cx: &FlowCx<'_>, hook: Hook, flow: resolve::FlowId) -> ActionKind {
    let mut hooks = IndexMap::new();
    hooks.insert(
        hook.connect_name().to_owned(),
        Scalar::string(external(
            cx.ext,
            ExternalKind::Flow,
            &cx.model.flow(flow).name,
        )),
    );
    ActionKind::UpdateContactEventHooks(params::UpdateContactEventHooks {
        event_hooks: Some(hooks),
        ..Default::default()
    })
}

/// `Set voice`.
pub(crate) fn voice_kind(v: &resolve::Voice) -> ActionKind {
    let engine = v.engine.as_deref().map(|e| match e {
        "neural" => "Neural",
        "standard" => "Standard",
        "generative" => "Generative",
        "long_form" => "LongForm",
        other => other,
    });
    ActionKind::UpdateContactTextToSpeechVoice(params::UpdateContactTextToSpeechVoice {
        text_to_speech_voice: Some(Scalar::string(v.name.clone())),
        text_to_speech_engine: engine.map(Scalar::string),
        ..Default::default()
    })
}

fn input(cx: &mut FlowCx<'_>, st: &Statement, spec: &InputSpec, me: CompactString) {
    let (text, ssml) = prompt_params(cx, &spec.prompt);
    let validation = match &spec.phone {
        Some(country) => params::InputValidation {
            phone_number_validation: Some(params::PhoneNumberValidation {
                number_format: Some(Scalar::string(if country.is_some() {
                    "Local"
                } else {
                    "E164"
                })),
                country_code: country.clone().map(Scalar::string),
                ..Default::default()
            }),
            ..Default::default()
        },
        None => params::InputValidation {
            custom_validation: Some(params::CustomValidation {
                maximum_length: Some(Scalar::integer(u64::from(spec.max_digits.unwrap_or(20)))),
                ..Default::default()
            }),
            ..Default::default()
        },
    };
    let encryption = spec.encrypted.as_ref().map(|key| params::InputEncryption {
        encryption_key_id: key
            .as_ref()
            .map(|k| Scalar::string(external(cx.ext, ExternalKind::Key, k))),
        key: key
            .as_ref()
            .map(|k| Scalar::string(external(cx.ext, ExternalKind::KeyCertificate, k))),
        ..Default::default()
    });
    let dtmf = (spec.end_key.is_some() || spec.interdigit_s.is_some()).then(|| {
        params::DtmfConfiguration {
            input_termination_sequence: spec.end_key.clone().map(Scalar::string),
            disable_cancel_key: Some(Scalar::boolean(false)),
            interdigit_time_limit_seconds: spec.interdigit_s.map(Scalar::integer),
            ..Default::default()
        }
    });
    let kind = ActionKind::GetParticipantInput(Box::new(params::GetParticipantInput {
        text,
        ssml,
        input_time_limit_seconds: Some(Scalar::integer(
            spec.timeout_s.unwrap_or(DEFAULT_INPUT_TIMEOUT_S),
        )),
        store_input: Some(Scalar::boolean(true)),
        input_validation: Some(validation),
        input_encryption: encryption,
        dtmf_configuration: dtmf,
        ..Default::default()
    }));
    let store_kind = match spec.into.namespace {
        Namespace::Attribute => Some(contact_attributes(one(
            attribute_key(&spec.into),
            "$.StoredCustomerInput",
        ))),
        Namespace::Flow => Some(flow_attributes(one(
            attribute_key(&spec.into),
            "$.StoredCustomerInput",
        ))),
        _ => None,
    };
    let ok = cx.result(st, &OutcomeKind::Ok);
    let error = cx.error(st, None);
    let next = match store_kind {
        Some(store_kind) => {
            let store = cx.helper("store");
            let t = error_branch(next_only(ok), ErrorType::NoMatchingError, error.clone());
            cx.push(store.clone(), store_kind, t, st.span);
            Some(store)
        }
        None => ok,
    };
    let mut t = next_only(next);
    let timeout = cx.error(st, Some(&OutcomeKind::Timeout));
    t = error_branch(t, ErrorType::InputTimeLimitExceeded, timeout);
    if spec.phone.is_some() {
        let invalid = cx.error(st, Some(&OutcomeKind::Invalid));
        t = error_branch(t, ErrorType::InvalidPhoneNumber, invalid);
    }
    t = error_branch(t, ErrorType::NoMatchingError, error);
    cx.push(me, kind, t, st.span);
}

fn one(key: &str, value: &str) -> IndexMap<String, Scalar> {
    let mut m = IndexMap::new();
    m.insert(key.to_owned(), Scalar::string(value));
    m
}

fn set_attributes(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    list: &[(resolve::AttrRef, ValueRef)],
    me: CompactString,
) {
    let mut contact = IndexMap::new();
    let mut flow = IndexMap::new();
    for (target, value) in list {
        let v = Scalar::string(value_text(value, cx.ext));
        match target.namespace {
            Namespace::Flow => {
                flow.insert(attribute_key(target).to_owned(), v);
            }
            _ => {
                contact.insert(attribute_key(target).to_owned(), v);
            }
        }
    }
    let next = cx.fallthrough();
    let error = cx.error(st, None);
    let both = !contact.is_empty() && !flow.is_empty();
    if flow.is_empty() || both {
        let flow_id = cx.helper("flow");
        let to = if both { Some(flow_id) } else { next.clone() };
        let t = error_branch(next_only(to), ErrorType::NoMatchingError, error.clone());
        cx.push(me.clone(), contact_attributes(contact), t, st.span);
    }
    if !flow.is_empty() {
        let id = if both { cx.helper("flow") } else { me };
        let t = error_branch(next_only(next), ErrorType::NoMatchingError, error);
        cx.push(id, flow_attributes(flow), t, st.span);
    }
}

/// The Connect operator and operand of a `branch` outcome, `None` for the ones handled apart.
fn compare_condition(kind: &OutcomeKind) -> Option<(Operator, String)> {
    Some(match kind {
        OutcomeKind::Equals(v) => (Operator::Equals, v.clone()),
        OutcomeKind::Contains(v) => (Operator::TextContains, v.clone()),
        OutcomeKind::StartsWith(v) => (Operator::TextStartsWith, v.clone()),
        OutcomeKind::EndsWith(v) => (Operator::TextEndsWith, v.clone()),
        OutcomeKind::Compare(op, v) => (numeric_operator(*op)?, v.clone()),
        _ => return None,
    })
}

fn numeric_operator(op: CompareOp) -> Option<Operator> {
    Some(match op {
        CompareOp::Eq => Operator::Equals,
        CompareOp::Gt => Operator::NumberGreaterThan,
        CompareOp::Ge => Operator::NumberGreaterOrEqualTo,
        CompareOp::Lt => Operator::NumberLessThan,
        CompareOp::Le => Operator::NumberLessOrEqualTo,
        CompareOp::Ne => return None,
    })
}

/// How Connect shows a withheld caller number (`$.CustomerEndpoint.Address`): carriers send
/// `anonymous`, and US numbering spells it on the keypad (`+266696687`).
pub const WITHHELD_NUMBERS: &[&str] = &["anonymous", "Anonymous", "+266696687"];

fn branch(cx: &mut FlowCx<'_>, st: &Statement, v: &ValueRef, me: CompactString) {
    let (path, compare_id) = match v {
        ValueRef::Ref(r) => (r.connect.clone(), me.clone()),
        other => {
            // Compare reads a single JSONPath: keep a computed value in a flow attribute first.
            let value = Scalar::string(value_text(other, cx.ext));
            let compare = cx.helper("compare");
            let error = cx.error(st, None);
            let t = error_branch(
                next_only(Some(compare.clone())),
                ErrorType::NoMatchingError,
                error,
            );
            let mut attrs = IndexMap::new();
            attrs.insert(BRANCH_VALUE_ATTRIBUTE.to_owned(), value);
            cx.push(me, flow_attributes(attrs), t, st.span);
            (
                format!("$.FlowAttributes.{BRANCH_VALUE_ATTRIBUTE}"),
                compare,
            )
        }
    };
    let outcomes: Vec<&resolve::Outcome> = st
        .outcomes
        .iter()
        .filter(|o| o.kind != OutcomeKind::Else)
        .collect();
    let otherwise = cx.result(st, &OutcomeKind::Else);
    compare(cx, st, &path, &outcomes, compare_id, otherwise);
}

/// One `Compare` with a condition per outcome, in the order written; `else` is the no-match.
/// (`!=` never gets here: the resolver rejects it, Connect has no such operator.)
fn compare(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    path: &str,
    outcomes: &[&resolve::Outcome],
    id: CompactString,
    otherwise: Option<CompactString>,
) {
    let mut t = Transitions::default();
    for o in outcomes {
        let Some(to) = cx.target(&o.target, o.span) else {
            continue;
        };
        if o.kind == OutcomeKind::Withheld {
            for w in WITHHELD_NUMBERS {
                t = t.with_condition(Operator::Equals, *w, to.clone());
            }
        } else if let Some((op, operand)) = compare_condition(&o.kind) {
            t = t.with_condition(op, operand, to);
        }
    }
    t.next_action.clone_from(&otherwise);
    t = error_branch(t, ErrorType::NoMatchingCondition, otherwise);
    let kind = ActionKind::Compare(params::Compare {
        comparison_value: Some(Scalar::string(path)),
        ..Default::default()
    });
    cx.push(id, kind, t, st.span);
}

fn check_calendar(cx: &mut FlowCx<'_>, st: &Statement, c: resolve::CalendarId, me: CompactString) {
    let cal = cx.model.calendar(c);
    let kinds: Vec<OutcomeKind> = st.outcomes.iter().map(|o| o.kind.clone()).collect();
    let (groups, covered) = calendar::plan(cal, &kinds);
    let mut tests: Vec<(calendar::Group, Option<CompactString>)> = Vec::new();
    for g in &groups {
        let to = match g {
            calendar::Group::Holidays => cx.result(st, &OutcomeKind::Holiday),
            calendar::Group::Closures => cx.result(st, &OutcomeKind::Closure),
            calendar::Group::Reason(r) => cx.result(st, &OutcomeKind::Reason(r.clone())),
            calendar::Group::All => None,
        };
        tests.push((g.clone(), to));
    }
    if !covered || tests.is_empty() {
        // Dates of the calendar no written outcome names: they fall through.
        let rest = cx.fallthrough();
        tests.push((calendar::Group::All, rest));
    }
    let open = cx.result(st, &OutcomeKind::Open);
    let error = cx.error(st, None);
    let n = tests.len();
    for (i, (group, closed)) in tests.into_iter().enumerate() {
        let id = if i == 0 {
            me.clone()
        } else {
            cx.helper(&format!("calendar-{}", i + 1))
        };
        let next = if i + 1 == n {
            open.clone()
        } else {
            Some(cx.helper(&format!("calendar-{}", i + 2)))
        };
        let hours = external(cx.ext, ExternalKind::Hours, &group.hours_name(&cal.name));
        cx.push(
            id,
            check_hours_kind(Some(hours)),
            hours_transitions(next, closed, error.clone()),
            st.span,
        );
    }
}

fn check_queue(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    q: Option<resolve::QueueId>,
    me: CompactString,
) {
    // Consecutive outcomes on the same metric share one CheckMetricData.
    let mut groups: Vec<(QueueMetric, Vec<&resolve::Outcome>)> = Vec::new();
    for o in &st.outcomes {
        if let OutcomeKind::Metric(m, _, _) = &o.kind {
            match groups.last_mut() {
                Some((last, list)) if last == m => list.push(o),
                _ => groups.push((*m, vec![o])),
            }
        }
    }
    let otherwise = cx.result(st, &OutcomeKind::Else);
    let error = cx.error(st, None);
    if groups.is_empty() {
        groups.push((QueueMetric::ContactsInQueue, Vec::new()));
    }
    let n = groups.len();
    for (i, (metric, outcomes)) in groups.into_iter().enumerate() {
        let id = if i == 0 {
            me.clone()
        } else {
            cx.helper(&format!("metric-{}", i + 1))
        };
        let no_match = if i + 1 == n {
            otherwise.clone()
        } else {
            Some(cx.helper(&format!("metric-{}", i + 2)))
        };
        let mut t = next_only(error.clone());
        for o in outcomes {
            let OutcomeKind::Metric(_, op, v) = &o.kind else {
                continue;
            };
            let Some(operator) = numeric_operator(*op) else {
                cx.diags.push(
                    Diagnostic::new(codes::UNSUPPORTED_IN_CONNECT, "Connect cannot test a queue metric with `!=`")
                        .with_label(o.span, "no Connect operator for this")
                        .with_help("write the cases with `>`, `>=`, `<`, `<=` or `=` and use `else` for the rest"),
                );
                continue;
            };
            if let Some(to) = cx.target(&o.target, o.span) {
                t = t.with_condition(operator, v.clone(), to);
            }
        }
        t = error_branch(t, ErrorType::NoMatchingError, error.clone());
        t = error_branch(t, ErrorType::NoMatchingCondition, no_match);
        let metric_type = match metric {
            QueueMetric::ContactsInQueue => "NumberOfContactsInQueue",
            QueueMetric::OldestContactAge => "OldestContactInQueueAgeSeconds",
        };
        let kind = metric_kind(cx, metric_type, q);
        cx.push(id, kind, t, st.span);
    }
}

fn metric_kind(cx: &FlowCx<'_>, metric_type: &str, q: Option<resolve::QueueId>) -> ActionKind {
    ActionKind::CheckMetricData(params::CheckMetricData {
        metric_type: Some(Scalar::string(metric_type)),
        queue_id: q.map(|q| {
            Scalar::string(external(
                cx.ext,
                ExternalKind::Queue,
                &cx.model.queue(q).name,
            ))
        }),
        ..Default::default()
    })
}

fn check_staffing(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    q: Option<resolve::QueueId>,
    me: CompactString,
) {
    let mut tests: Vec<(&str, Option<CompactString>)> = Vec::new();
    for o in &st.outcomes {
        if let OutcomeKind::Staffing(s) = &o.kind {
            let metric = match s.as_str() {
                "available" => "NumberOfAgentsAvailable",
                "staffed" => "NumberOfAgentsStaffed",
                _ => "NumberOfAgentsOnline",
            };
            let to = cx.target(&o.target, o.span);
            tests.push((metric, to));
        }
    }
    let otherwise = cx.result(st, &OutcomeKind::Else);
    let error = cx.error(st, None);
    if tests.is_empty() {
        tests.push(("NumberOfAgentsAvailable", otherwise.clone()));
    }
    let n = tests.len();
    for (i, (metric, to)) in tests.into_iter().enumerate() {
        let id = if i == 0 {
            me.clone()
        } else {
            cx.helper(&format!("staffing-{}", i + 1))
        };
        let no_match = if i + 1 == n {
            otherwise.clone()
        } else {
            Some(cx.helper(&format!("staffing-{}", i + 2)))
        };
        let mut t = next_only(error.clone());
        if let Some(to) = to {
            t = t.with_condition(Operator::NumberGreaterThan, "0", to);
        }
        t = error_branch(t, ErrorType::NoMatchingError, error.clone());
        t = error_branch(t, ErrorType::NoMatchingCondition, no_match);
        let kind = metric_kind(cx, metric, q);
        cx.push(id, kind, t, st.span);
    }
}

fn transfer_queue(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    queue: Option<resolve::QueueId>,
    whisper: Option<resolve::FlowId>,
    me: CompactString,
) {
    let full = cx.error(st, Some(&OutcomeKind::Full));
    let error = cx.error(st, None);
    if cx.flow.kind == FlowKind::CustomerQueue {
        // Inside a queue flow the contact is already queued: move it to another queue.
        let kind = ActionKind::DequeueContactAndTransferToQueue(
            params::DequeueContactAndTransferToQueue {
                queue_id: queue.map(|q| {
                    Scalar::string(external(
                        cx.ext,
                        ExternalKind::Queue,
                        &cx.model.queue(q).name,
                    ))
                }),
                ..Default::default()
            },
        );
        let mut t = next_only(error.clone());
        t = error_branch(t, ErrorType::QueueAtCapacity, full);
        t = error_branch(t, ErrorType::NoMatchingError, error);
        cx.push(me, kind, t, st.span);
        return;
    }
    let mut steps: Vec<(String, ActionKind)> = Vec::new();
    if let Some(q) = queue {
        steps.push(("queue".to_owned(), set_queue_kind(cx, q)));
    }
    if let Some(w) = whisper {
        steps.push(("whisper".to_owned(), hook_kind(cx, Hook::AgentWhisper, w)));
    }
    steps.push((
        "transfer".to_owned(),
        ActionKind::TransferContactToQueue(params::TransferContactToQueue::default()),
    ));
    let ids: Vec<CompactString> = (0..steps.len())
        .map(|i| {
            if i == 0 {
                me.clone()
            } else {
                cx.helper(&steps[i].0)
            }
        })
        .collect();
    let last = steps.len() - 1;
    for (i, (_, kind)) in steps.into_iter().enumerate() {
        let t = if i == last {
            let mut t = next_only(error.clone());
            t = error_branch(t, ErrorType::QueueAtCapacity, full.clone());
            error_branch(t, ErrorType::NoMatchingError, error.clone())
        } else {
            error_branch(
                next_only(Some(ids[i + 1].clone())),
                ErrorType::NoMatchingError,
                error.clone(),
            )
        };
        cx.push(ids[i].clone(), kind, t, st.span);
    }
}

fn run_module(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    module: resolve::FlowId,
    args: &[(String, ValueRef)],
    me: CompactString,
) {
    let m = cx.model.flow(module);
    let returns = m.returns.clone();
    let arn = external(cx.ext, ExternalKind::Flow, &m.name);
    let error = cx.error(st, None);
    let mut attrs: IndexMap<String, Scalar> = args
        .iter()
        .map(|(k, v)| (k.clone(), Scalar::string(value_text(v, cx.ext))))
        .collect();
    if !returns.is_empty() {
        // A stale outcome of an earlier module must not be read as this one's.
        attrs.insert(MODULE_OUTCOME_ATTRIBUTE.to_owned(), Scalar::string(""));
    }
    let invoke = if attrs.is_empty() {
        me.clone()
    } else {
        cx.helper("invoke")
    };
    if !attrs.is_empty() {
        let t = error_branch(
            next_only(Some(invoke.clone())),
            ErrorType::NoMatchingError,
            error.clone(),
        );
        cx.push(me, contact_attributes(attrs), t, st.span);
    }
    let after = if returns.is_empty() {
        cx.result(st, &OutcomeKind::Ok)
    } else {
        Some(cx.helper("outcome"))
    };
    let kind = ActionKind::InvokeFlowModule(params::InvokeFlowModule {
        flow_module_id: Some(Scalar::string(arn)),
        ..Default::default()
    });
    let t = error_branch(next_only(after.clone()), ErrorType::NoMatchingError, error);
    cx.push(invoke, kind, t, st.span);
    if !returns.is_empty() {
        let mut t = Transitions::default();
        for r in &returns {
            if let Some(to) = cx.result(st, &OutcomeKind::Module(r.clone())) {
                t = t.with_condition(Operator::Equals, r.clone(), to);
            }
        }
        // A module that ended without `return NAME` said nothing: the next statement, or, when
        // there is none, an error.
        let rest = match cx.fallthrough() {
            Some(next) => Some(next),
            None => cx.error(st, None),
        };
        t.next_action.clone_from(&rest);
        t = error_branch(t, ErrorType::NoMatchingCondition, rest);
        let kind = ActionKind::Compare(params::Compare {
            comparison_value: Some(Scalar::string(format!(
                "$.Attributes.{MODULE_OUTCOME_ATTRIBUTE}"
            ))),
            ..Default::default()
        });
        cx.push(after.unwrap_or_default(), kind, t, st.span);
    }
}

fn callback(cx: &mut FlowCx<'_>, st: &Statement, spec: &CallbackSpec, me: CompactString) {
    let number = spec.number.as_ref().map_or_else(
        || "$.CustomerEndpoint.Address".to_owned(),
        |r| r.connect.clone(),
    );
    let create = cx.helper("create");
    let invalid = cx.error(st, Some(&OutcomeKind::Invalid));
    let not_dialable = cx.error(st, Some(&OutcomeKind::NotDialable));
    let mut t = next_only(Some(create.clone()));
    t = error_branch(t, ErrorType::InvalidCallbackNumber, invalid);
    t = error_branch(t, ErrorType::CallbackNumberNotDialable, not_dialable);
    let kind = ActionKind::UpdateContactCallbackNumber(params::UpdateContactCallbackNumber {
        callback_number: Some(Scalar::string(number)),
        ..Default::default()
    });
    cx.push(me, kind, t, st.span);
    let ok = cx.result(st, &OutcomeKind::Ok);
    let error = cx.error(st, None);
    let kind = ActionKind::CreateCallbackContact(Box::new(params::CreateCallbackContact {
        initial_call_delay_seconds: Some(Scalar::integer(spec.delay_s.unwrap_or(5))),
        maximum_connection_attempts: Some(Scalar::integer(u64::from(spec.attempts.unwrap_or(1)))),
        retry_delay_seconds: Some(Scalar::integer(spec.retry_every_s.unwrap_or(600))),
        queue_id: spec.queue.map(|q| {
            Scalar::string(external(
                cx.ext,
                ExternalKind::Queue,
                &cx.model.queue(q).name,
            ))
        }),
        ..Default::default()
    }));
    let t = error_branch(next_only(ok), ErrorType::NoMatchingError, error);
    cx.push(create, kind, t, st.span);
}

/// The Customer Profiles search key of `lookup profile by KEY`.
fn profile_key(key: &str) -> &'static str {
    match key {
        "email" => "EmailAddress",
        "account" => "AccountNumber",
        "profile" => "ProfileId",
        "name" => "FirstName",
        _ => "PhoneNumber",
    }
}

fn lookup_profile(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    by: Option<&(String, ValueRef)>,
    me: CompactString,
) {
    let (key, value) = match by {
        Some((k, v)) => (profile_key(k), value_text(v, cx.ext)),
        None => ("PhoneNumber", "$.CustomerEndpoint.Address".to_owned()),
    };
    let mut request = IndexMap::new();
    request.insert(key.to_owned(), serde_json::Value::String(value));
    let fields = profile_fields(cx.flow);
    let kind = ActionKind::GetCustomerProfile(Box::new(params::CustomerProfileParams {
        profile_request_data: Some(request),
        profile_response_data: Some(serde_json::Value::Array(
            fields.into_iter().map(serde_json::Value::String).collect(),
        )),
        ..Default::default()
    }));
    let found = cx.result(st, &OutcomeKind::Found);
    let not_found = cx.result(st, &OutcomeKind::NotFound);
    let multiple = cx.result(st, &OutcomeKind::Multiple);
    let error = cx.error(st, None);
    let mut t = next_only(found);
    t = error_branch(t, ErrorType::NoneFoundError, not_found);
    t = error_branch(t, ErrorType::MultipleFoundError, multiple);
    t = error_branch(t, ErrorType::NoMatchingError, error);
    cx.push(me, kind, t, st.span);
}

/// The profile fields a flow reads (`$profile.X`), sorted: the response data to ask for.
fn profile_fields(flow: &resolve::Flow) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut add = |r: &resolve::AttrRef| {
        if r.namespace == Namespace::Profile
            && let Some(f) = r.connect.strip_prefix("$.Customer.")
        {
            out.insert(f.to_owned());
        }
    };
    for st in flow.steps.iter().flat_map(|s| &s.statements) {
        super::refs::visit_refs(&st.action, &mut add);
    }
    out.into_iter().collect()
}

fn distribute(cx: &mut FlowCx<'_>, st: &Statement, me: CompactString) {
    let shares: Vec<(u32, &resolve::Outcome)> = st
        .outcomes
        .iter()
        .filter_map(|o| match o.kind {
            OutcomeKind::Percent(p) => Some((p, o)),
            _ => None,
        })
        .collect();
    let mut t = Transitions::default();
    let mut upto = 0;
    let last = shares.len().saturating_sub(1);
    let mut rest = None;
    for (i, (p, o)) in shares.into_iter().enumerate() {
        upto += p;
        let to = cx.target(&o.target, o.span);
        if i == last {
            rest = to;
        } else if let Some(to) = to {
            // The draw is 1 to 100: `20%` is a draw below 21.
            t = t.with_condition(Operator::NumberLessThan, (upto + 1).to_string(), to);
        }
    }
    t.next_action.clone_from(&rest);
    t = error_branch(t, ErrorType::NoMatchingCondition, rest);
    let kind = ActionKind::DistributeByPercentage(params::DistributeByPercentage::default());
    cx.push(me, kind, t, st.span);
}

/// `connect "Type" "{json}"`: the action as written; its outcomes are its transitions.
fn connect(
    cx: &mut FlowCx<'_>,
    st: &Statement,
    type_name: &str,
    parameters: &serde_json::Value,
    me: CompactString,
) {
    let mut path = crate::connect::JsonPath::root();
    let kind = ActionKind::from_json(type_name, parameters, &mut path).unwrap_or_else(|_| {
        // Parameters of a known type in an unexpected shape are kept as written.
        ActionKind::Unknown {
            type_name: type_name.to_owned(),
            parameters: parameters.clone(),
        }
    });
    let mut t = Transitions::default();
    let mut written_errors = Vec::new();
    for o in &st.outcomes {
        let Some(to) = cx.target(&o.target, o.span) else {
            continue;
        };
        match &o.kind {
            OutcomeKind::ConnectNext => t.next_action = Some(to),
            OutcomeKind::ConnectError(e) => {
                let e = ErrorType::from_name(e);
                written_errors.push(e.clone());
                t = t.with_error(e, to);
            }
            OutcomeKind::ConnectCondition(op, operand) => {
                t = t.with_condition(Operator::from_name(op), operand.clone(), to);
            }
            _ => {}
        }
    }
    if t.next_action.is_none()
        && !kind
            .action_type()
            .is_some_and(crate::connect::ActionType::is_terminal)
    {
        t.next_action = cx.fallthrough();
    }
    // Errors the action can raise that are not written go to the flow's `on error`.
    if cx.flow.on_error.is_some() {
        let probe = crate::connect::Action::new("", kind.clone(), Transitions::default());
        for e in probe.possible_errors() {
            if !written_errors.contains(&e)
                && let Some(to) = cx.error(st, None)
            {
                t = t.with_error(e, to);
            }
        }
    }
    cx.push(me, kind, t, st.span);
}

/// The Connect flow type of a flow kind.
#[must_use]
pub fn flow_type(kind: FlowKind) -> FlowType {
    match kind {
        FlowKind::Inbound | FlowKind::Outbound => FlowType::ContactFlow,
        FlowKind::AgentWhisper => FlowType::AgentWhisper,
        FlowKind::CustomerWhisper => FlowType::CustomerWhisper,
        FlowKind::OutboundWhisper => FlowType::OutboundWhisper,
        FlowKind::CustomerQueue => FlowType::CustomerQueue,
        FlowKind::CustomerHold => FlowType::CustomerHold,
        FlowKind::AgentHold => FlowType::AgentHold,
        FlowKind::AgentTransfer => FlowType::AgentTransfer,
        FlowKind::QueueTransfer => FlowType::QueueTransfer,
        FlowKind::Module => FlowType::Module,
    }
}
