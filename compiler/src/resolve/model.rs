//! The resolved model of a project: every name bound to what it means.
//!
//! Produced by [`super::resolve`] from the ASTs of all loaded files; consumed by lowering (to the
//! Connect IR and Lex bots) and by the language server. Names are indexes into the model's
//! vectors, so a `FlowId` can never dangle.

use crate::span::{FileId, Span};
use crate::syntax::ast::{CompareOp, Text};

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            #[must_use]
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

id_type!(
    /// A flow or module.
    FlowId,
    /// A step within its flow.
    StepId,
    /// A bot.
    BotId,
    /// An integration.
    IntegrationId,
    /// A queue.
    QueueId,
    /// An hours-of-operation declaration.
    HoursId,
    /// A calendar.
    CalendarId
);

/// The whole project.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub flows: Vec<Flow>,
    pub bots: Vec<Bot>,
    pub integrations: Vec<Integration>,
    pub queues: Vec<Queue>,
    pub hours: Vec<Hours>,
    pub calendars: Vec<Calendar>,
    /// Scenario tests (`test "..." { ... }`).
    pub tests: Vec<Test>,
}

impl Model {
    #[must_use]
    pub fn flow(&self, id: FlowId) -> &Flow {
        &self.flows[id.index()]
    }
    #[must_use]
    pub fn bot(&self, id: BotId) -> &Bot {
        &self.bots[id.index()]
    }
    #[must_use]
    pub fn integration(&self, id: IntegrationId) -> &Integration {
        &self.integrations[id.index()]
    }
    #[must_use]
    pub fn queue(&self, id: QueueId) -> &Queue {
        &self.queues[id.index()]
    }
    #[must_use]
    pub fn hours_of(&self, id: HoursId) -> &Hours {
        &self.hours[id.index()]
    }
    #[must_use]
    pub fn calendar(&self, id: CalendarId) -> &Calendar {
        &self.calendars[id.index()]
    }
    /// Looks a flow up by name.
    #[must_use]
    pub fn flow_named(&self, name: &str) -> Option<FlowId> {
        self.flows
            .iter()
            .position(|f| f.name == name)
            .map(|i| FlowId(u32::try_from(i).unwrap_or(u32::MAX)))
    }
    /// The number of steps in all flows.
    #[must_use]
    pub fn step_count(&self) -> usize {
        self.flows.iter().map(|f| f.steps.len()).sum()
    }
}

/// What kind of Connect flow a flow becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlowKind {
    /// `inbound` → CONTACT_FLOW
    Inbound,
    /// `outbound` → CONTACT_FLOW used by outbound campaigns (may `dial`)
    Outbound,
    /// `whisper agent` (default for `whisper`) → AGENT_WHISPER
    AgentWhisper,
    /// `whisper customer` → CUSTOMER_WHISPER
    CustomerWhisper,
    /// `whisper outbound` → OUTBOUND_WHISPER
    OutboundWhisper,
    /// `queue` → CUSTOMER_QUEUE
    CustomerQueue,
    /// `hold` / `hold customer` → CUSTOMER_HOLD
    CustomerHold,
    /// `hold agent` → AGENT_HOLD
    AgentHold,
    /// `transfer agent` → AGENT_TRANSFER
    AgentTransfer,
    /// `transfer queue` → QUEUE_TRANSFER
    QueueTransfer,
    /// `module` → a flow module
    Module,
}

impl FlowKind {
    /// How the kind is written in `.dial`.
    #[must_use]
    pub fn as_dial(self) -> &'static str {
        match self {
            FlowKind::Inbound => "inbound",
            FlowKind::Outbound => "outbound",
            FlowKind::AgentWhisper => "whisper agent",
            FlowKind::CustomerWhisper => "whisper customer",
            FlowKind::OutboundWhisper => "whisper outbound",
            FlowKind::CustomerQueue => "queue",
            FlowKind::CustomerHold => "hold customer",
            FlowKind::AgentHold => "hold agent",
            FlowKind::AgentTransfer => "transfer agent",
            FlowKind::QueueTransfer => "transfer queue",
            FlowKind::Module => "module",
        }
    }

    /// Whisper, queue and hold flows end with `end` rather than hanging up.
    #[must_use]
    pub fn is_event_flow(self) -> bool {
        matches!(
            self,
            FlowKind::AgentWhisper
                | FlowKind::CustomerWhisper
                | FlowKind::OutboundWhisper
                | FlowKind::CustomerQueue
                | FlowKind::CustomerHold
                | FlowKind::AgentHold
        )
    }
}

/// A text-to-speech voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// `ja-JP`
    pub locale: String,
    /// `Kazuha`
    pub name: String,
    /// `neural`, `standard`, `generative`, `long_form`
    pub engine: Option<String>,
}

/// A flow or module.
#[derive(Debug, Clone)]
pub struct Flow {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    pub file: FileId,
    pub kind: FlowKind,
    pub voice: Option<Voice>,
    pub description: Option<String>,
    /// `logging on`
    pub logging: Option<bool>,
    /// The default for error outcomes that are not written.
    pub on_error: Option<Target>,
    /// Module outcomes (`returns open, closed`).
    pub returns: Vec<String>,
    /// The first step is the entry.
    pub steps: Vec<Step>,
}

impl Flow {
    #[must_use]
    pub fn step(&self, id: StepId) -> &Step {
        &self.steps[id.index()]
    }
    #[must_use]
    pub fn step_named(&self, name: &str) -> Option<StepId> {
        self.steps
            .iter()
            .position(|s| s.name == name)
            .map(|i| StepId(u32::try_from(i).unwrap_or(u32::MAX)))
    }
}

/// A step: statements run in order.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    pub statements: Vec<Statement>,
}

/// A statement with its resolved outcomes.
#[derive(Debug, Clone)]
pub struct Statement {
    pub action: Action,
    /// Outcomes as written, in order.
    pub outcomes: Vec<Outcome>,
    pub span: Span,
    pub keyword_span: Span,
}

impl Statement {
    /// The target of an outcome, if written.
    #[must_use]
    pub fn target_of(&self, kind: &OutcomeKind) -> Option<&Target> {
        self.outcomes
            .iter()
            .find(|o| &o.kind == kind)
            .map(|o| &o.target)
    }
}

/// A resolved outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub target: Target,
    pub span: Span,
}

/// Where an outcome goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Step(StepId),
    /// Run the current step again up to `count` more times, then go to `then`; before each
    /// retry, play `saying` (boxed: rare, and most outcomes go to a step).
    Retry {
        count: u32,
        then: StepId,
        saying: Option<Box<Prompt>>,
    },
}

/// A value that a statement reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueRef {
    /// Literal text, possibly with embedded references (`"注文番号は{$result.orderId}です"`).
    Text(Prompt),
    /// A single reference.
    Ref(AttrRef),
    /// A number as written.
    Number(String),
    Bool(bool),
    /// A duration in milliseconds.
    Duration(u64),
    /// `$env.Name`: a value taken from the environment at build time.
    Env(String),
}

/// Text said to the caller, or any text with placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub parts: Vec<PromptPart>,
    pub ssml: bool,
    pub span: Span,
}

impl Prompt {
    /// The text as written, placeholders as `{...}`.
    #[must_use]
    pub fn display(&self) -> String {
        let mut s = String::new();
        for part in &self.parts {
            let (open, text) = match part {
                PromptPart::Literal(t) => {
                    s.push_str(t);
                    continue;
                }
                PromptPart::Ref(r) => ("{$", r.dial.as_str()),
                PromptPart::Env(n) => ("{$env.", n.as_str()),
                PromptPart::Slot(n) => ("{", n.as_str()),
            };
            s.push_str(open);
            s.push_str(text);
            s.push('}');
        }
        s
    }
}

/// A piece of a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPart {
    Literal(String),
    Ref(AttrRef),
    Env(String),
    /// `{Slot}` in bot prompts and utterances.
    Slot(String),
}

/// The namespace of a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Namespace {
    /// `$name`: a contact attribute (`$.Attributes.name`).
    Attribute,
    /// `$caller.number`
    Caller,
    /// `$system.*`
    System,
    /// `$result.*`: the last integration result (`$.External.*`).
    Result,
    /// `$slot.*`: Lex slots.
    Slot,
    /// `$intent`: the matched intent.
    Intent,
    /// `$input`: stored keypad input.
    Input,
    /// `$profile.*`: Customer Profiles.
    Profile,
    /// `$queue.*`
    Queue,
    /// `$flow.*`: flow attributes.
    Flow,
    /// `$metrics.*`: queue metrics.
    Metrics,
    /// `$.…` written as a raw Connect path.
    Raw,
}

/// A resolved `$` reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttrRef {
    pub namespace: Namespace,
    /// The path as written after `$` (`caller.number`).
    pub dial: String,
    /// The Connect JSONPath it reads (`$.CustomerEndpoint.Address`).
    pub connect: String,
    pub span: Span,
}

/// Which contact event hook a `set ... flow` statement sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    CustomerQueue,
    CustomerHold,
    CustomerWhisper,
    AgentHold,
    AgentWhisper,
}

impl Hook {
    /// The Connect `EventHooks` key.
    #[must_use]
    pub fn connect_name(self) -> &'static str {
        match self {
            Hook::CustomerQueue => "CustomerQueue",
            Hook::CustomerHold => "CustomerHold",
            Hook::CustomerWhisper => "CustomerWhisper",
            Hook::AgentHold => "AgentHold",
            Hook::AgentWhisper => "AgentWhisper",
        }
    }
}

/// Keypad input options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    pub into: AttrRef,
    pub prompt: Prompt,
    pub max_digits: Option<u32>,
    pub end_key: Option<String>,
    pub timeout_s: Option<u64>,
    pub interdigit_s: Option<u64>,
    /// `Some(None)` for E.164, `Some(Some("JP"))` for a local number of a country.
    pub phone: Option<Option<String>>,
    /// `Some(key name)` when the input is encrypted (`None` name: the default key).
    pub encrypted: Option<Option<String>>,
}

/// Callback options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackSpec {
    pub queue: Option<QueueId>,
    pub number: Option<AttrRef>,
    pub delay_s: Option<u64>,
    pub attempts: Option<u32>,
    pub retry_every_s: Option<u64>,
}

/// The queue metric a `check queue` pattern compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueMetric {
    /// `waiting`: contacts in queue.
    ContactsInQueue,
    /// `wait`: age of the oldest contact, in seconds.
    OldestContactAge,
}

/// What a statement does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Say(Prompt),
    Ask {
        bot: BotId,
        prompt: Option<Prompt>,
        timeout_s: Option<u64>,
    },
    Menu {
        prompt: Prompt,
        timeout_s: Option<u64>,
    },
    /// `repeat "…", "…"`: prompts played in a loop while the caller waits (`every` is an
    /// outcome).
    Repeat(Vec<Prompt>),
    Input(Box<InputSpec>),
    Call {
        integration: IntegrationId,
        args: Vec<(String, ValueRef)>,
        timeout_s: Option<u64>,
    },
    SetAttributes(Vec<(AttrRef, ValueRef)>),
    SetQueue(QueueId),
    SetHook {
        hook: Hook,
        flow: FlowId,
    },
    SetVoice(Voice),
    SetPriority(u32),
    Branch(ValueRef),
    /// `None`: the hours of the working queue.
    CheckHours(Option<HoursId>),
    CheckCalendar(CalendarId),
    CheckQueue(Option<QueueId>),
    CheckStaffing(Option<QueueId>),
    CheckCall,
    TransferQueue {
        queue: Option<QueueId>,
        whisper: Option<FlowId>,
    },
    TransferFlow(FlowId),
    TransferNumber {
        number: ValueRef,
        timeout_s: Option<u64>,
    },
    TransferAgent,
    RunModule {
        module: FlowId,
        args: Vec<(String, ValueRef)>,
    },
    Callback(Box<CallbackSpec>),
    HangUp,
    Return(Option<String>),
    End,
    Dial {
        caller_id: Option<ValueRef>,
        timeout_s: Option<u64>,
    },
    LookupProfile {
        by: Option<(String, ValueRef)>,
    },
    Distribute,
    /// `connect "Type" "{json}"`: a Connect action as written.
    Connect {
        type_name: String,
        parameters: serde_json::Value,
    },
    Goto(Target),
}

impl Action {
    /// True when the statement always leaves the step: a terminal, a transfer or a goto.
    #[must_use]
    pub fn always_leaves(&self) -> bool {
        matches!(
            self,
            Action::HangUp
                | Action::Repeat(_)
                | Action::Return(_)
                | Action::End
                | Action::Goto(_)
                | Action::TransferFlow(_)
                | Action::TransferQueue { .. }
                | Action::TransferNumber { .. }
                | Action::TransferAgent
        )
    }
}

/// A resolved outcome pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeKind {
    /// The statement succeeded (`ok`).
    Ok,
    /// Any failure not named by a more specific outcome (`error`).
    Error,
    /// No input in time (`timeout`).
    Timeout,
    /// Input that matched nothing (`invalid`); for `input ... phone`, an invalid number.
    Invalid,
    /// `no match` of `ask`.
    NoMatch,
    /// `else` of `branch` and `check queue`.
    Else,
    /// `intent Name` of `ask`.
    Intent(String),
    /// `press 1` of `menu`.
    Key(char),
    /// `"text"` / `= value` of `branch`.
    Equals(String),
    Contains(String),
    StartsWith(String),
    EndsWith(String),
    /// `> 5`, `<= 10` of `branch`.
    Compare(CompareOp, String),
    /// `withheld` of `branch $caller.number`.
    Withheld,
    /// `open` of `check hours` and `check calendar`.
    Open,
    /// `closed` of `check hours`.
    Closed,
    /// `holiday` of `check calendar`.
    Holiday,
    /// `closure` of `check calendar`.
    Closure,
    /// `"reason"` of `check calendar`.
    Reason(String),
    /// `waiting > 20`, `wait > 3m` of `check queue` (seconds for age).
    Metric(QueueMetric, CompareOp, String),
    /// `available`, `staffed`, `online` of `check staffing`.
    Staffing(String),
    /// `answered`, `voicemail beep`, `voicemail`, `not detected` of `check call`.
    CallStatus(String),
    /// `every 60s` of `repeat`: the loop is interrupted every so many seconds.
    Every(u64),
    /// `full` of `transfer to queue`.
    Full,
    /// `failed` of `transfer to number`.
    Failed,
    /// `not dialable` of `callback`.
    NotDialable,
    /// `found`, `not found`, `multiple` of `lookup profile`.
    Found,
    NotFound,
    Multiple,
    /// `20%` of `distribute`.
    Percent(u32),
    /// A module's declared outcome.
    Module(String),
    /// `next` of `connect`: the action's `NextAction`.
    ConnectNext,
    /// An error type of `connect` (`NoMatchingError`).
    ConnectError(String),
    /// A condition of `connect`: operator and operand (`Equals "1"`).
    ConnectCondition(String, String),
}

impl OutcomeKind {
    /// How the outcome is written in `.dial`.
    #[must_use]
    pub fn as_dial(&self) -> String {
        match self {
            OutcomeKind::Ok => "ok".into(),
            OutcomeKind::Error => "error".into(),
            OutcomeKind::Timeout => "timeout".into(),
            OutcomeKind::Invalid => "invalid".into(),
            OutcomeKind::NoMatch => "no match".into(),
            OutcomeKind::Else => "else".into(),
            OutcomeKind::Intent(i) => format!("intent {i}"),
            OutcomeKind::Key(k) => format!("press {k}"),
            OutcomeKind::Equals(v) => format!("{v:?}"),
            OutcomeKind::Contains(v) => format!("contains {v:?}"),
            OutcomeKind::StartsWith(v) => format!("starts with {v:?}"),
            OutcomeKind::EndsWith(v) => format!("ends with {v:?}"),
            OutcomeKind::Compare(op, v) => format!("{} {v}", op.as_str()),
            OutcomeKind::Withheld => "withheld".into(),
            OutcomeKind::Open => "open".into(),
            OutcomeKind::Closed => "closed".into(),
            OutcomeKind::Holiday => "holiday".into(),
            OutcomeKind::Closure => "closure".into(),
            OutcomeKind::Reason(r) => format!("{r:?}"),
            OutcomeKind::Metric(m, op, v) => {
                let w = match m {
                    QueueMetric::ContactsInQueue => "waiting",
                    QueueMetric::OldestContactAge => "wait",
                };
                format!("{w} {} {v}", op.as_str())
            }
            OutcomeKind::Staffing(s) | OutcomeKind::CallStatus(s) | OutcomeKind::Module(s) => {
                s.clone()
            }
            OutcomeKind::Every(s) => format!("every {s}s"),
            OutcomeKind::Full => "full".into(),
            OutcomeKind::Failed => "failed".into(),
            OutcomeKind::NotDialable => "not dialable".into(),
            OutcomeKind::Found => "found".into(),
            OutcomeKind::NotFound => "not found".into(),
            OutcomeKind::Multiple => "multiple".into(),
            OutcomeKind::Percent(p) => format!("{p}%"),
            OutcomeKind::ConnectNext => "next".into(),
            OutcomeKind::ConnectError(e) => e.clone(),
            OutcomeKind::ConnectCondition(op, v) => format!("{op} {v:?}"),
        }
    }
}

/// A bot with its locales.
#[derive(Debug, Clone)]
pub struct Bot {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    pub description: Option<String>,
    pub locales: Vec<BotLocale>,
}

impl Bot {
    /// The intent names of all locales, deduplicated, in order of first appearance.
    #[must_use]
    pub fn intent_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for l in &self.locales {
            for i in &l.intents {
                if !out.contains(&i.name.as_str()) {
                    out.push(&i.name);
                }
            }
        }
        out
    }
}

/// One locale of a bot.
#[derive(Debug, Clone)]
pub struct BotLocale {
    /// `ja_JP`
    pub locale: String,
    pub span: Span,
    pub voice: Option<Voice>,
    pub confidence: Option<f64>,
    pub description: Option<String>,
    pub slot_types: Vec<SlotType>,
    pub intents: Vec<Intent>,
}

/// A custom slot type.
#[derive(Debug, Clone)]
pub struct SlotType {
    pub name: String,
    pub span: Span,
    pub values: Vec<(String, Vec<String>)>,
    /// `original` (default), `top`, `concatenate`.
    pub resolution: String,
}

/// An intent.
#[derive(Debug, Clone)]
pub struct Intent {
    pub name: String,
    pub span: Span,
    pub name_span: Span,
    pub description: Option<String>,
    pub utterances: Vec<Prompt>,
    pub slots: Vec<Slot>,
    pub confirm: Option<Prompt>,
    pub decline: Option<Prompt>,
}

/// A slot of an intent.
#[derive(Debug, Clone)]
pub struct Slot {
    pub name: String,
    pub span: Span,
    /// A built-in type (`AMAZON.Number`) or a custom type of the same locale.
    pub type_name: String,
    pub builtin: bool,
    pub prompt: Option<Prompt>,
    pub required: bool,
}

/// `integration Name { lambda "logical-name" }`
#[derive(Debug, Clone)]
pub struct Integration {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    /// The logical lambda name, looked up in the environment's `[lambdas]`.
    pub lambda: String,
    pub timeout_s: Option<u64>,
    pub description: Option<String>,
    pub returns: Vec<String>,
}

/// `queue Name { hours H }`
#[derive(Debug, Clone)]
pub struct Queue {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    pub hours: Option<HoursId>,
    pub description: Option<String>,
}

/// Weekly opening hours in one time zone.
#[derive(Debug, Clone)]
pub struct Hours {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    /// IANA time zone (`Asia/Tokyo`).
    pub timezone: String,
    /// Per weekday (0 = Monday … 6 = Sunday), open intervals in minutes since midnight.
    pub week: [Vec<(u16, u16)>; 7],
    pub closed_on: Vec<CalendarId>,
    pub description: Option<String>,
}

/// Dated holidays and closures.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    pub entries: Vec<CalendarEntry>,
    pub description: Option<String>,
}

/// One entry of a calendar.
#[derive(Debug, Clone)]
pub struct CalendarEntry {
    pub from: crate::syntax::ast::Date,
    pub to: crate::syntax::ast::Date,
    pub closure: bool,
    pub reason: Option<String>,
    pub span: Span,
}

/// Converts text with placeholders into a prompt; used where placeholders are not allowed.
#[must_use]
pub fn plain_prompt(t: &Text) -> Prompt {
    Prompt {
        parts: vec![PromptPart::Literal(t.value.clone())],
        ssml: t.is_ssml(),
        span: t.span,
    }
}

/// A scenario test: a scripted call in a world, and what must happen.
#[derive(Debug, Clone)]
pub struct Test {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    pub file: FileId,
    /// The flow the call starts in.
    pub flow: FlowId,
    /// `at`: when the call happens (`None`: the simulator's default, a weekday morning).
    pub clock: Option<TestClock>,
    /// The caller's number: `Some("")` for the simulator's default number, `None` withheld.
    pub caller: Option<String>,
    /// Mocked integrations; several for one integration answer successive calls.
    pub mocks: Vec<(IntegrationId, Mock, Span)>,
    pub queues: Vec<TestQueue>,
    pub profile: TestProfile,
    /// `check call …`: what `check call` finds (`CallAnswered`, `VoicemailBeep`,
    /// `VoicemailNoBeep`, `NotDetected`); `None`: answered.
    pub call_status: Option<String>,
    /// `agent answers after 3m`: seconds the caller waits in the queue before an agent answers
    /// (`None`: as soon as the queue's prompts play).
    pub agent_answers_after_s: Option<u64>,
    /// What the caller does and what must happen, in order.
    pub lines: Vec<TestLine>,
    /// `fail` lines: actions that raise an error whenever they run.
    pub faults: Vec<TestFault>,
}

/// `fail ACTION in FLOW with ERROR`: the action raises the error each time it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFault {
    /// The flow or module the action belongs to.
    pub flow: FlowId,
    /// The action as written (`reserve-2`).
    pub action: String,
    /// Its `Identifier` in the lowered flow, once checked: the name as written, or the UUID the
    /// lowering derives for a name Connect refuses.
    pub id: String,
    /// The Connect error type, once checked (`NoMatchingError` for `error` or nothing, the
    /// flow's matching type for `timeout`, `full`, `invalid`, `failed`, `multiple`).
    pub error: String,
    pub action_span: Span,
    pub span: Span,
}

/// When a test call happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestClock {
    pub date: crate::syntax::ast::Date,
    /// Minutes since midnight.
    pub minutes: u16,
    /// IANA time zone; `None`: the zone of the project's first hours (else UTC).
    pub zone: Option<String>,
}

/// What a mocked integration does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mock {
    /// Returns these fields.
    Returns(Vec<(String, String)>),
    /// Returns something that is not a valid result.
    Malformed,
    /// Fails.
    Fails,
    /// Times out.
    TimesOut,
}

/// Facts about one queue in a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestQueue {
    pub queue: QueueId,
    pub facts: Vec<QueueFactKind>,
    pub span: Span,
}

/// One fact about a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueFactKind {
    /// At capacity.
    Full,
    /// Contacts in queue.
    Waiting(u32),
    /// Age of the oldest contact, in seconds.
    OldestWait(u32),
    /// Agents online, staffed and available.
    Agents(u32),
    Available(u32),
    Staffed(u32),
    Online(u32),
}

/// The caller's customer profile in a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestProfile {
    /// The simulator's default (no profile).
    Default,
    /// `profile none`: no profile matches.
    NotFound,
    /// `profile multiple`: several profiles match.
    Multiple,
    /// `profile { Field: "value" }`
    Fields(Vec<(String, String)>),
}

/// A line of a test, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestLine {
    Says(String, Span),
    Presses(String, Span),
    Silent(Span),
    HangsUp(Span),
    Expect(TestExpect, Span),
}

/// The number of `expect transfer to number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestNumber {
    /// As written: `"+81312345678"`.
    Literal(String),
    /// `$env.NAME`: the environment value the flow dials.
    Env(String),
}

/// What must happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestExpect {
    Say {
        text: String,
        containing: bool,
    },
    TransferQueue {
        queue: QueueId,
        whisper: Option<FlowId>,
    },
    TransferFlow(FlowId),
    TransferNumber(TestNumber),
    Attribute {
        attribute: AttrRef,
        value: String,
    },
    Call {
        integration: IntegrationId,
        args: Vec<(String, String)>,
    },
    Intent(String),
    HangUp,
    End,
    /// `expect return [OUTCOME] [from MODULE]`: `module` is the test's flow when not written;
    /// `outcome` is `None` for any outcome (and for `ok` of a module without `returns`).
    Return {
        module: FlowId,
        outcome: Option<String>,
    },
    /// `expect no …`
    No(Box<TestExpect>),
}
