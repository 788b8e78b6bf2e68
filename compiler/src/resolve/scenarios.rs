//! Resolving `test` declarations: names bound, values made strings, the clock checked.

use super::Resolver;
use super::model::{
    FlowId, IntegrationId, Mock, QueueFactKind, QueueId, Test, TestClock, TestExpect, TestFault,
    TestLine, TestNumber, TestProfile, TestQueue,
};
use super::names::{DeclKind, did_you_mean};
use super::refs::attr_ref;
use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, Span};
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

/// An `expect return` line without `from`, whose module is the test's flow.
struct ReturnLine {
    outcome: Option<ast::Ident>,
    span: Span,
}

/// The module of an `expect return` line without `from` until the test's flow is known.
const UNBOUND: FlowId = FlowId(u32::MAX);

/// Binds the unbound `expect return` in `e` (if any) to `flow`, with the next of the checked
/// outcomes (`None` inside: a diagnostic was reported; the line then matches any return).
fn bind_return(
    e: &mut TestExpect,
    flow: FlowId,
    outcomes: &mut impl Iterator<Item = Option<Option<String>>>,
) {
    match e {
        TestExpect::Return { module, outcome } if *module == UNBOUND => {
            *module = flow;
            *outcome = outcomes.next().flatten().flatten();
        }
        TestExpect::No(inner) => bind_return(inner, flow, outcomes),
        _ => {}
    }
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
            agent_answers_after_s: None,
            lines: Vec::new(),
            faults: Vec::new(),
        };
        // `fail` lines without `in FLOW` belong to the test's flow, known only at the end, and
        // so do the outcomes of `expect return` lines without `from MODULE`.
        let mut own_flow_faults = Vec::new();
        let mut own_returns = Vec::new();
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
                TestMember::AgentAnswers(d, _) => t.agent_answers_after_s = Some(d.seconds()),
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
                    if let Some(e) = self.expect(file, e, *span, &mut own_returns) {
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
        self.bind_own_returns(flow, &own_returns, &mut t.lines);
        t.faults
            .extend(own_flow_faults.into_iter().map(|f| TestFault { flow, ..f }));
        Some(t)
    }

    /// Checks the outcomes of the `expect return` lines without `from` (collected in
    /// `outcomes`) against the test's flow, and binds those lines to it.
    fn bind_own_returns(&mut self, flow: FlowId, outcomes: &[ReturnLine], lines: &mut [TestLine]) {
        if outcomes.is_empty() {
            return;
        }
        if !self.module_returns.contains_key(&flow) {
            let name = self.model.flow(flow).name.clone();
            for r in outcomes {
                self.diags.push(
                    Diagnostic::new(
                        codes::WRONG_KIND_OF_REFERENCE,
                        format!("`expect return` needs a module, and `{name}` is a flow"),
                    )
                    .with_label(r.span, "which module returns?")
                    .with_help("say which module: `expect return OUTCOME from MODULE`"),
                );
            }
            // Bound all the same, so that no line keeps a module that does not exist.
            for line in lines {
                if let TestLine::Expect(e, _) = line {
                    bind_return(e, flow, &mut std::iter::repeat(None));
                }
            }
            return;
        }
        let mut resolved = Vec::with_capacity(outcomes.len());
        for r in outcomes {
            resolved.push(match &r.outcome {
                Some(o) => self.module_outcome(flow, o),
                None => Some(None),
            });
        }
        let mut resolved = resolved.into_iter();
        for line in lines {
            if let TestLine::Expect(e, _) = line {
                bind_return(e, flow, &mut resolved);
            }
        }
    }

    /// The outcome `o` of module `m` as a test compares it (`None`: any return, for `ok` of a
    /// module without `returns`), or a diagnostic and `None` when `m` has no such outcome.
    fn module_outcome(&mut self, m: FlowId, o: &ast::Ident) -> Option<Option<String>> {
        let returns = self.module_returns.get(&m).cloned().unwrap_or_default();
        if returns.is_empty() && o.text == "ok" {
            return Some(None);
        }
        if returns.iter().any(|r| *r == o.text) {
            return Some(Some(o.text.to_string()));
        }
        let module = &self.model.flow(m).name;
        let mut d = Diagnostic::new(
            codes::UNKNOWN_OUTCOME,
            format!("module `{module}` has no outcome `{}`", o.text),
        )
        .with_label(o.span, "not one of the module's outcomes");
        d = if returns.is_empty() {
            d.with_help(format!(
                "`{module}` declares no `returns`: its only outcome is `ok`"
            ))
        } else {
            match did_you_mean(&o.text, returns.iter().map(String::as_str)) {
                Some(x) => d.with_help(format!("did you mean `{x}`?")),
                None => d.with_help(format!("its outcomes are {}", returns.join(", "))),
            }
        };
        self.diags.push(d);
        None
    }

    fn expect(
        &mut self,
        file: FileId,
        e: &Expect,
        line: Span,
        own_returns: &mut Vec<ReturnLine>,
    ) -> Option<TestExpect> {
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
            Expect::Return {
                outcome,
                module: Some(m),
            } => {
                let module = FlowId(self.lookup(file, m, &[DeclKind::Module])?.index);
                let outcome = match outcome {
                    Some(o) => self.module_outcome(module, o)?,
                    None => None,
                };
                TestExpect::Return { module, outcome }
            }
            Expect::Return {
                outcome,
                module: None,
            } => {
                // Bound to the test's flow (and checked) once the test is read.
                own_returns.push(ReturnLine {
                    outcome: outcome.clone(),
                    span: outcome.as_ref().map_or(line, |o| o.span),
                });
                TestExpect::Return {
                    module: UNBOUND,
                    outcome: None,
                }
            }
            Expect::No(e) => TestExpect::No(Box::new(self.expect(file, e, line, own_returns)?)),
        })
    }
}
