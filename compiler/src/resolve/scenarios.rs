//! Resolving `test` declarations: names bound, values made strings, the clock checked.

use super::Resolver;
use super::model::{
    FlowId, IntegrationId, Mock, QueueFactKind, QueueId, Test, TestClock, TestExpect, TestFault,
    TestLine, TestNumber, TestProfile, TestQueue,
};
use super::names::DeclKind;
use super::refs::attr_ref;
use crate::diagnostics::{Diagnostic, codes};
use crate::span::FileId;
use crate::syntax::ast::{self, Arg, Expect, MockBehavior, QueueFact, TestMember, Value};

/// A value of a test as the string the simulator compares or returns.
fn plain(v: &Value) -> String {
    match v {
        Value::Text(t) => t.value.clone(),
        Value::Reference(r) => format!("${}", r.path),
        Value::Number(n, _) => n.clone(),
        Value::Duration(d) => (d.millis / 1000).to_string(),
        Value::Bool(b, _) => b.to_string(),
    }
}

fn pairs(args: &[Arg]) -> Vec<(String, String)> {
    args.iter()
        .map(|a| (a.name.text.to_string(), plain(&a.value)))
        .collect()
}

impl Resolver<'_> {
    pub(crate) fn test(&mut self, file: FileId, d: &ast::TestDecl) -> Option<Test> {
        let mut flow: Option<FlowId> = None;
        let mut t = Test {
            name: d.name.value.clone(),
            name_span: d.name.span,
            span: d.span,
            file,
            flow: FlowId(0),
            clock: None,
            caller: Some(String::new()),
            mocks: Vec::new(),
            queues: Vec::new(),
            profile: TestProfile::Default,
            call_status: None,
            lines: Vec::new(),
            faults: Vec::new(),
        };
        // `fail` lines without `in FLOW` belong to the test's flow, known only at the end.
        let mut own_flow_faults = Vec::new();
        for m in &d.members {
            match m {
                TestMember::Flow(name) => {
                    if let Some(s) = self.lookup(file, name, &[DeclKind::Flow, DeclKind::Module]) {
                        flow = Some(FlowId(s.index));
                    }
                }
                TestMember::At {
                    date,
                    time,
                    zone,
                    span,
                } => {
                    let zone = zone.as_ref().map(|z| z.text.to_string());
                    if let Some(z) = &zone
                        && jiff::tz::TimeZone::get(z).is_err()
                    {
                        self.diags.push(
                            Diagnostic::new(
                                codes::INVALID_SETTING,
                                format!("`{z}` is not a time zone"),
                            )
                            .with_label(*span, "unknown time zone")
                            .with_help("use an IANA name such as `Asia/Tokyo`"),
                        );
                    }
                    t.clock = Some(TestClock {
                        date: *date,
                        minutes: time.minutes,
                        zone,
                    });
                }
                TestMember::CallerNumber(n) => t.caller = Some(n.value.clone()),
                TestMember::Withheld(_) => t.caller = None,
                TestMember::Says(text) => {
                    t.lines.push(TestLine::Says(text.value.clone(), text.span))
                }
                TestMember::Presses(keys) => {
                    if keys.value.is_empty()
                        || !keys
                            .value
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
                    {
                        self.diags.push(
                            Diagnostic::new(codes::INVALID_LITERAL, "a caller presses keypad keys")
                                .with_label(keys.span, "not keypad keys")
                                .with_help("use digits, `*` and `#`, for example `caller presses \"1234#\"`"),
                        );
                    }
                    t.lines
                        .push(TestLine::Presses(keys.value.clone(), keys.span));
                }
                TestMember::Silent(span) => t.lines.push(TestLine::Silent(*span)),
                TestMember::HangsUp(span) => t.lines.push(TestLine::HangsUp(*span)),
                TestMember::Mock {
                    integration,
                    behavior,
                    span,
                } => {
                    if let Some(s) = self.lookup(file, integration, &[DeclKind::Integration]) {
                        let mock = match behavior {
                            MockBehavior::Returns(args) => Mock::Returns(pairs(args)),
                            MockBehavior::Malformed => Mock::Malformed,
                            MockBehavior::Fails => Mock::Fails,
                            MockBehavior::TimesOut => Mock::TimesOut,
                        };
                        t.mocks.push((IntegrationId(s.index), mock, *span));
                    }
                }
                TestMember::Queue { queue, facts, span } => {
                    if let Some(s) = self.lookup(file, queue, &[DeclKind::Queue]) {
                        let mut q = TestQueue {
                            queue: QueueId(s.index),
                            facts: Vec::new(),
                            span: *span,
                        };
                        for f in facts {
                            match f {
                                QueueFact::Full(_) => q.facts.push(QueueFactKind::Full),
                                QueueFact::Metric {
                                    name,
                                    value,
                                    duration,
                                    span,
                                } => {
                                    let v = u32::try_from(*value).unwrap_or(u32::MAX);
                                    let fact = match (name.text.as_str(), duration) {
                                        ("waiting", false) => QueueFactKind::Waiting(v),
                                        ("wait", true) => QueueFactKind::OldestWait(v),
                                        ("agents", false) => QueueFactKind::Agents(v),
                                        ("available", false) => QueueFactKind::Available(v),
                                        ("staffed", false) => QueueFactKind::Staffed(v),
                                        ("online", false) => QueueFactKind::Online(v),
                                        _ => {
                                            self.diags.push(
                                                Diagnostic::new(codes::INVALID_SETTING, format!("`{}` is not a queue fact", name.text))
                                                    .with_label(*span, "unknown queue fact")
                                                    .with_help("write `full`, `waiting 30`, `wait 5m`, `agents 0`, `available 0`, `staffed 0` or `online 0`"),
                                            );
                                            continue;
                                        }
                                    };
                                    q.facts.push(fact);
                                }
                            }
                        }
                        t.queues.push(q);
                    }
                }
                TestMember::Profile {
                    fields, multiple, ..
                } => {
                    t.profile = match (fields, multiple) {
                        (Some(f), _) => TestProfile::Fields(pairs(f)),
                        (None, true) => TestProfile::Multiple,
                        (None, false) => TestProfile::NotFound,
                    };
                }
                TestMember::CallStatus(words, span) => {
                    let said: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                    t.call_status = Some(match said.as_slice() {
                        ["answered"] => "CallAnswered".to_owned(),
                        ["voicemail", "beep"] => "VoicemailBeep".to_owned(),
                        ["voicemail"] => "VoicemailNoBeep".to_owned(),
                        ["not", "detected"] => "NotDetected".to_owned(),
                        _ => {
                            self.diags.push(
                                Diagnostic::new(codes::INVALID_SETTING, format!("`{}` is not a call status", said.join(" ")))
                                    .with_label(*span, "unknown call status")
                                    .with_help("write `check call answered`, `voicemail beep`, `voicemail` or `not detected`, as the outcomes of `check call`"),
                            );
                            continue;
                        }
                    });
                }
                TestMember::Fail {
                    action,
                    flow: in_flow,
                    error,
                    span,
                } => {
                    let fault = TestFault {
                        flow: FlowId(0),
                        action: action.text.to_string(),
                        id: action.text.to_string(),
                        error: error
                            .as_ref()
                            .map_or("error", |e| e.text.as_str())
                            .to_owned(),
                        action_span: action.span,
                        span: *span,
                    };
                    match in_flow {
                        Some(name) => {
                            if let Some(s) =
                                self.lookup(file, name, &[DeclKind::Flow, DeclKind::Module])
                            {
                                t.faults.push(TestFault {
                                    flow: FlowId(s.index),
                                    ..fault
                                });
                            }
                        }
                        None => own_flow_faults.push(fault),
                    }
                }
                TestMember::Expect(e, span) => {
                    if let Some(e) = self.expect(file, e) {
                        t.lines.push(TestLine::Expect(e, *span));
                    }
                }
            }
        }
        let Some(flow) = flow else {
            self.diags.push(
                Diagnostic::new(
                    codes::MISSING_REQUIRED,
                    format!("test `{}` does not say which flow it calls", t.name),
                )
                .with_label(d.name.span, "this test has no `flow`")
                .with_help("add `flow NAME` (the flow the call starts in)"),
            );
            return None;
        };
        t.flow = flow;
        t.faults
            .extend(own_flow_faults.into_iter().map(|f| TestFault { flow, ..f }));
        Some(t)
    }

    fn expect(&mut self, file: FileId, e: &Expect) -> Option<TestExpect> {
        Some(match e {
            Expect::Say { text, containing } => TestExpect::Say {
                text: text.value.clone(),
                containing: *containing,
            },
            Expect::TransferQueue { queue, whisper } => {
                let q = self.lookup(file, queue, &[DeclKind::Queue])?;
                let w = match whisper {
                    Some(w) => Some(FlowId(self.lookup(file, w, &[DeclKind::Flow])?.index)),
                    None => None,
                };
                TestExpect::TransferQueue {
                    queue: QueueId(q.index),
                    whisper: w,
                }
            }
            Expect::TransferFlow(f) => {
                TestExpect::TransferFlow(FlowId(self.lookup(file, f, &[DeclKind::Flow])?.index))
            }
            Expect::TransferNumber(n) => TestExpect::TransferNumber(match n {
                Value::Reference(r) if r.path.starts_with("env.") => {
                    TestNumber::Env(r.path["env.".len()..].to_owned())
                }
                Value::Text(t) => TestNumber::Literal(t.value.clone()),
                other => {
                    self.diags.push(
                        Diagnostic::new(
                            codes::INVALID_SETTING,
                            "`expect transfer to number` takes a phone number or `$env.NAME`",
                        )
                        .with_label(other.span(), "not a number or an environment value")
                        .with_help("write the number the flow dials (\"+81312345678\") or the `$env.NAME` it dials"),
                    );
                    return None;
                }
            }),
            Expect::Attribute { reference, value } => TestExpect::Attribute {
                attribute: attr_ref(reference, &mut self.diags)?,
                value: plain(value),
            },
            Expect::Call { integration, args } => TestExpect::Call {
                integration: IntegrationId(
                    self.lookup(file, integration, &[DeclKind::Integration])?
                        .index,
                ),
                args: pairs(args),
            },
            Expect::Intent(i) => TestExpect::Intent(i.text.to_string()),
            Expect::HangUp => TestExpect::HangUp,
            Expect::End => TestExpect::End,
            Expect::No(e) => TestExpect::No(Box::new(self.expect(file, e)?)),
        })
    }
}
