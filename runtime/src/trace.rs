//! The trace of a call: every event in order, and how the call ended.
//!
//! [`Trace::render`] gives one line per event, stable and diff-friendly (a line starts with a
//! fixed keyword; values are quoted with Rust string escapes), for golden transcripts and for
//! people. The interpreter reports events to an [`Observer`]; [`Trace`] records them, while
//! [`Quiet`] ignores them so that the hot path builds nothing.

use std::fmt::Write as _;

/// How an invoked Lambda answered.
#[derive(Debug, Clone, PartialEq)]
pub enum LambdaResult {
    /// It returned this (JSON text).
    Returned(String),
    /// It failed with this message.
    Failed(String),
    /// It did not answer within the limit (seconds).
    TimedOut(u32),
    /// It answered with something Connect cannot read.
    Malformed(String),
}

/// What kind of input the flow waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// A single key that picks a branch.
    Dtmf,
    /// Digits stored in `$.StoredCustomerInput`.
    StoredDigits,
    /// Speech or text understood by a Lex bot.
    Lex(String),
}

/// How a call ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `DisconnectParticipant`.
    Disconnected,
    /// `EndFlowExecution` (whisper, queue and hold flows hand the contact back).
    FlowEnded,
    /// `EndFlowModuleExecution` with no caller to return to.
    ModuleEnded,
    /// `TransferContactToAgent`.
    TransferredToAgent,
    /// Queued for an agent (`TransferContactToQueue`).
    TransferredToQueue(String),
    /// Left for a flow that is not part of the simulated program.
    TransferredToFlow(String),
    /// Transferred to a phone number without returning.
    TransferredToNumber(String),
    /// An agent answered while the queue prompts played.
    ConnectedToAgent,
    /// The caller hung up.
    CallerHungUp,
    /// The flow waited for the caller but the script had no more steps.
    ScriptEnded,
    /// The flow stopped without a terminal action: the caller is stranded (Connect disconnects).
    Stranded(String),
    /// The step limit was reached (an endless loop).
    StepLimit(u32),
    /// The simulator cannot run an action (an unknown type, a module stack too deep).
    RuntimeError(String),
}

impl Outcome {
    /// A short stable label.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Outcome::Disconnected => "disconnected".to_owned(),
            Outcome::FlowEnded => "flow ended".to_owned(),
            Outcome::ModuleEnded => "module ended".to_owned(),
            Outcome::TransferredToAgent => "transferred to agent".to_owned(),
            Outcome::TransferredToQueue(q) => format!("transferred to queue {q:?}"),
            Outcome::TransferredToFlow(f) => format!("transferred to flow {f:?}"),
            Outcome::TransferredToNumber(n) => format!("transferred to number {n:?}"),
            Outcome::ConnectedToAgent => "connected to agent".to_owned(),
            Outcome::CallerHungUp => "caller hung up".to_owned(),
            Outcome::ScriptEnded => "script ended while the flow waited for input".to_owned(),
            Outcome::Stranded(why) => format!("stranded: {why}"),
            Outcome::StepLimit(n) => format!("step limit of {n} reached"),
            Outcome::RuntimeError(m) => format!("runtime error: {m}"),
        }
    }

    /// Whether the call ended the way a flow may end (not stranded, not an error, not cut).
    #[must_use]
    pub fn is_proper_end(&self) -> bool {
        !matches!(
            self,
            Outcome::Stranded(_)
                | Outcome::StepLimit(_)
                | Outcome::RuntimeError(_)
                | Outcome::ScriptEnded
        )
    }
}

/// One event of a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A flow started (the first, or one transferred to).
    FlowStarted(String),
    /// An action started: `(flow, action identifier, type)`.
    Step(String, String, String),
    /// A prompt played: its text (SSML kept as written; prompt ids and media as `<…>`).
    Prompt(String),
    /// The flow waits for input.
    Listen(InputKind),
    /// The caller pressed keys.
    Pressed(String),
    /// The caller spoke.
    Said(String),
    /// The caller stayed silent.
    Silence,
    /// The caller hung up.
    HangUp,
    /// The bot asked something (slot elicitation, confirmation).
    BotPrompt(String),
    /// The bot understood: intent, slots (name, value), confidence in percent.
    Recognized(String, Vec<(String, String)>, u32),
    /// The confirmation answer: `Confirmed` or `Denied`.
    Confirmation(String),
    /// Digits were stored in `$.StoredCustomerInput`.
    Stored(String),
    /// A contact attribute was set.
    AttributeSet(String, String),
    /// A flow attribute was set.
    FlowAttributeSet(String, String),
    /// A Lambda was invoked with these parameters.
    Lambda(String, Vec<(String, String)>, LambdaResult),
    /// Hours were checked: schedule, open, the holiday or override that decided.
    Hours(String, bool, Option<String>),
    /// A queue metric was checked: queue, metric, value.
    Metric(String, String, String),
    /// Queue metrics were loaded into `$.Metrics`.
    MetricsLoaded(String),
    /// The working queue was set.
    QueueSet(String),
    /// An event hook (customer queue flow, whisper, …) was set: hook, flow.
    HookSet(String, String),
    /// The callback number was set.
    CallbackNumber(String),
    /// A callback was created: queue, number, initial delay in seconds.
    Callback(String, String, String),
    /// A customer profile was looked up: request fields, result.
    Profile(Vec<(String, String)>, String),
    /// The contact was queued: queue, then the hooks in force (whisper flows etc.).
    TransferToQueue(String, Vec<(String, String)>),
    /// Control went to another flow: name, and whether it is part of the program.
    TransferToFlow(String, bool),
    /// A module was invoked.
    ModuleInvoked(String),
    /// A module returned: its name, and the outcome it returned (the `dialect_outcome`
    /// attribute a `.dial` module sets with `return NAME`; `None` when it set none).
    ModuleReturned(String, Option<String>),
    /// An agent of this queue answered the queued contact (the customer queue flow stops).
    AgentAnswered(String),
    /// A transfer to a phone number.
    TransferToNumber(String),
    /// An outbound message (SMS/chat) or another action with parameters worth showing.
    Action(String, Vec<(String, String)>),
    /// An error branch was taken: action, error type.
    Error(String, String),
    /// A problem the simulator reports (unknown action type and the like).
    RuntimeError(String, String),
    /// The call ended.
    Ended(Outcome),
}

/// Which branch of an action was taken (for coverage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Taken {
    /// `NextAction`.
    Next,
    /// `Conditions[i]`.
    Condition(u16),
    /// `Errors[i]`.
    Error(u16),
    /// The action ended the call here (terminal, transfer, hang-up, stranded).
    End,
}

/// Receives what a call does. The interpreter checks [`Observer::EVENTS`] before building an
/// event, so a quiet observer costs nothing.
pub trait Observer {
    /// Whether [`event`](Self::event) wants events at all.
    const EVENTS: bool;
    /// An event.
    fn event(&mut self, event: Event);
    /// An action of flow `flow` (index in the program) at `action` (index in the flow) left by
    /// branch `taken`.
    fn branch(&mut self, flow: u32, action: u32, taken: Taken) {
        let _ = (flow, action, taken);
    }
    /// The call ended (called whether or not events are wanted).
    fn ended(&mut self, outcome: &Outcome) {
        let _ = outcome;
    }
}

/// Ignores everything (benchmarks, bulk runs that only need the outcome).
#[derive(Debug, Default, Clone, Copy)]
pub struct Quiet;

impl Observer for Quiet {
    const EVENTS: bool = false;
    fn event(&mut self, _: Event) {}
}

/// The recorded events of one call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trace {
    /// The events, in order; the last is [`Event::Ended`].
    pub events: Vec<Event>,
}

impl Observer for Trace {
    const EVENTS: bool = true;
    fn event(&mut self, event: Event) {
        self.events.push(event);
    }
}

impl Trace {
    /// How the call ended.
    #[must_use]
    pub fn outcome(&self) -> Option<&Outcome> {
        self.events.iter().rev().find_map(|e| match e {
            Event::Ended(o) => Some(o),
            _ => None,
        })
    }

    /// Every prompt played, flow prompts and bot prompts alike, in order.
    #[must_use]
    pub fn prompts(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Prompt(t) | Event::BotPrompt(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The last value set for a contact attribute.
    #[must_use]
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.events.iter().rev().find_map(|e| match e {
            Event::AttributeSet(k, v) if k == key => Some(v.as_str()),
            _ => None,
        })
    }

    /// The transcript without step lines: what a person would want to read.
    #[must_use]
    pub fn render(&self) -> String {
        self.render_with(false)
    }

    /// The transcript, with a line for every action when `steps` is true.
    #[must_use]
    pub fn render_with(&self, steps: bool) -> String {
        let mut out = String::new();
        for e in &self.events {
            if !steps && matches!(e, Event::Step(..)) {
                continue;
            }
            out.push_str(&render_event(e));
            out.push('\n');
        }
        out
    }
}

fn pairs(p: &[(String, String)]) -> String {
    let mut s = String::from("{");
    for (i, (k, v)) in p.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "{k}: {v:?}");
    }
    s.push('}');
    s
}

/// One line for one event.
#[must_use]
pub fn render_event(e: &Event) -> String {
    match e {
        Event::FlowStarted(f) => format!("flow {f:?}"),
        Event::Step(f, a, t) => format!("  step {f}/{a} {t}"),
        Event::Prompt(t) => format!("say {t:?}"),
        Event::Listen(InputKind::Dtmf) => "listen keypad".to_owned(),
        Event::Listen(InputKind::StoredDigits) => "listen digits".to_owned(),
        Event::Listen(InputKind::Lex(b)) => format!("listen bot {b:?}"),
        Event::Pressed(d) => format!("caller presses {d:?}"),
        Event::Said(t) => format!("caller says {t:?}"),
        Event::Silence => "caller silent".to_owned(),
        Event::HangUp => "caller hangs up".to_owned(),
        Event::BotPrompt(t) => format!("bot says {t:?}"),
        Event::Recognized(i, s, c) => format!("intent {i} {} ({c}%)", pairs(s)),
        Event::Confirmation(c) => format!("confirmation {c}"),
        Event::Stored(v) => format!("stored {v:?}"),
        Event::AttributeSet(k, v) => format!("set {k} = {v:?}"),
        Event::FlowAttributeSet(k, v) => format!("set flow {k} = {v:?}"),
        Event::Lambda(f, p, r) => {
            let r = match r {
                LambdaResult::Returned(j) => format!("returned {j}"),
                LambdaResult::Failed(m) => format!("failed {m:?}"),
                LambdaResult::TimedOut(s) => format!("timed out after {s}s"),
                LambdaResult::Malformed(t) => format!("malformed {t:?}"),
            };
            format!("call {f:?} {} -> {r}", pairs(p))
        }
        Event::Hours(h, open, why) => format!(
            "hours {h:?} {}{}",
            if *open { "open" } else { "closed" },
            why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()
        ),
        Event::Metric(q, m, v) => format!("metric {q:?} {m} = {v}"),
        Event::MetricsLoaded(q) => format!("metrics {q:?}"),
        Event::QueueSet(q) => format!("queue {q:?}"),
        Event::HookSet(h, f) => format!("hook {h} = {f:?}"),
        Event::CallbackNumber(n) => format!("callback number {n:?}"),
        Event::Callback(q, n, d) => format!("callback queue {q:?} number {n:?} delay {d}s"),
        Event::Profile(req, r) => format!("profile {} -> {r}", pairs(req)),
        Event::TransferToQueue(q, hooks) => {
            if hooks.is_empty() {
                format!("transfer queue {q:?}")
            } else {
                format!("transfer queue {q:?} with {}", pairs(hooks))
            }
        }
        Event::TransferToFlow(f, known) => format!(
            "transfer flow {f:?}{}",
            if *known { "" } else { " (outside the program)" }
        ),
        Event::ModuleInvoked(m) => format!("module {m:?}"),
        Event::ModuleReturned(m, None) => format!("return from {m:?}"),
        Event::ModuleReturned(m, Some(o)) => format!("return {o} from {m:?}"),
        Event::AgentAnswered(q) => format!("agent of queue {q:?} answered"),
        Event::TransferToNumber(n) => format!("transfer number {n:?}"),
        Event::Action(t, p) => format!("{t} {}", pairs(p)),
        Event::Error(a, t) => format!("error {t} at {a}"),
        Event::RuntimeError(a, m) => format!("runtime error at {a}: {m}"),
        Event::Ended(o) => format!("end: {}", o.label()),
    }
}

fn pairs_json(p: &[(String, String)]) -> serde_json::Value {
    serde_json::Value::Object(
        p.iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect(),
    )
}

/// One event as a JSON object `{"event": kind, …fields}` (for tools; keys in a fixed order).
#[must_use]
pub fn event_json(e: &Event) -> serde_json::Value {
    use serde_json::json;
    match e {
        Event::FlowStarted(f) => json!({"event": "flow", "flow": f}),
        Event::Step(f, a, t) => json!({"event": "step", "flow": f, "action": a, "type": t}),
        Event::Prompt(t) => json!({"event": "say", "text": t}),
        Event::Listen(k) => match k {
            InputKind::Dtmf => json!({"event": "listen", "input": "keypad"}),
            InputKind::StoredDigits => json!({"event": "listen", "input": "digits"}),
            InputKind::Lex(b) => json!({"event": "listen", "input": "bot", "bot": b}),
        },
        Event::Pressed(d) => json!({"event": "caller presses", "keys": d}),
        Event::Said(t) => json!({"event": "caller says", "text": t}),
        Event::Silence => json!({"event": "caller silent"}),
        Event::HangUp => json!({"event": "caller hangs up"}),
        Event::BotPrompt(t) => json!({"event": "bot says", "text": t}),
        Event::Recognized(i, s, c) => {
            json!({"event": "intent", "intent": i, "slots": pairs_json(s), "confidence": c})
        }
        Event::Confirmation(c) => json!({"event": "confirmation", "state": c}),
        Event::Stored(v) => json!({"event": "stored", "value": v}),
        Event::AttributeSet(k, v) => json!({"event": "set", "name": k, "value": v}),
        Event::FlowAttributeSet(k, v) => json!({"event": "set flow", "name": k, "value": v}),
        Event::Lambda(f, p, r) => {
            let (result, detail) = match r {
                LambdaResult::Returned(j) => ("returned", j.clone()),
                LambdaResult::Failed(m) => ("failed", m.clone()),
                LambdaResult::TimedOut(s) => ("timed out", s.to_string()),
                LambdaResult::Malformed(t) => ("malformed", t.clone()),
            };
            json!({"event": "call", "function": f, "payload": pairs_json(p), "result": result, "detail": detail})
        }
        Event::Hours(h, open, why) => {
            json!({"event": "hours", "hours": h, "open": open, "reason": why})
        }
        Event::Metric(q, m, v) => json!({"event": "metric", "queue": q, "metric": m, "value": v}),
        Event::MetricsLoaded(q) => json!({"event": "metrics", "queue": q}),
        Event::QueueSet(q) => json!({"event": "queue", "queue": q}),
        Event::HookSet(h, f) => json!({"event": "hook", "hook": h, "flow": f}),
        Event::CallbackNumber(n) => json!({"event": "callback number", "number": n}),
        Event::Callback(q, n, d) => {
            json!({"event": "callback", "queue": q, "number": n, "delay": d})
        }
        Event::Profile(req, r) => {
            json!({"event": "profile", "request": pairs_json(req), "result": r})
        }
        Event::TransferToQueue(q, hooks) => {
            json!({"event": "transfer queue", "queue": q, "hooks": pairs_json(hooks)})
        }
        Event::TransferToFlow(f, known) => {
            json!({"event": "transfer flow", "flow": f, "in_program": known})
        }
        Event::ModuleInvoked(m) => json!({"event": "module", "module": m}),
        Event::ModuleReturned(m, o) => match o {
            Some(o) => json!({"event": "return", "module": m, "outcome": o}),
            None => json!({"event": "return", "module": m}),
        },
        Event::AgentAnswered(q) => json!({"event": "agent answered", "queue": q}),
        Event::TransferToNumber(n) => json!({"event": "transfer number", "number": n}),
        Event::Action(t, p) => json!({"event": "action", "type": t, "parameters": pairs_json(p)}),
        Event::Error(a, t) => json!({"event": "error", "action": a, "error": t}),
        Event::RuntimeError(a, m) => json!({"event": "runtime error", "action": a, "message": m}),
        Event::Ended(o) => json!({"event": "end", "outcome": o.label()}),
    }
}

impl Trace {
    /// The events as JSON lines (one object per line), for tools.
    #[must_use]
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for e in &self.events {
            out.push_str(&event_json(e).to_string());
            out.push('\n');
        }
        out
    }
}
