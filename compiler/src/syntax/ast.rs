//! The typed syntax tree of one `.dial` file, with a span on every node.
//!
//! This is the *unresolved* form: names are plain identifiers and outcome patterns are loose
//! word lists. The resolver turns it into the [`crate::resolve::Model`]. pest types never appear
//! here.

use crate::span::{FileId, Span};

/// The text of a name: a string that keeps up to 24 bytes inline.
pub type Name = compact_str::CompactString;

/// A name as written, with its span. Names of up to 24 bytes (nearly all) are stored inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub text: Name,
    pub span: Span,
}

/// A piece of a string after escapes were processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextSegment {
    Literal(String),
    /// `{Product}` (a slot) or `{$result.orderId}` (a value); `name` is what is between the
    /// braces, trimmed.
    Placeholder {
        name: String,
        span: Span,
    },
}

/// A string literal (`"..."`) or text block (`"""..."""`) with escapes processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text with escapes processed and placeholders kept as `{name}`.
    pub value: String,
    pub segments: Vec<TextSegment>,
    pub span: Span,
    /// `"""` text blocks.
    pub block: bool,
}

impl Text {
    /// True when the text is SSML (`<speak>` … `</speak>`).
    #[must_use]
    pub fn is_ssml(&self) -> bool {
        self.value.trim_start().starts_with("<speak")
    }

    /// Placeholders in order of appearance.
    pub fn placeholders(&self) -> impl Iterator<Item = (&str, Span)> {
        self.segments.iter().filter_map(|s| match s {
            TextSegment::Placeholder { name, span } => Some((name.as_str(), *span)),
            TextSegment::Literal(_) => None,
        })
    }
}

/// A duration such as `8s`, `500ms` or `2m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub millis: u64,
    pub span: Span,
}

impl Duration {
    /// Whole seconds, rounded up.
    #[must_use]
    pub fn seconds(self) -> u64 {
        self.millis.div_ceil(1000)
    }
}

/// An integer literal with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int {
    pub value: u32,
    pub span: Span,
}

/// A `$...` reference to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The path after `$`: `caller.number`, `orderId`, or for raw Connect paths
    /// `.Attributes.x`.
    pub path: String,
    pub span: Span,
}

impl Reference {
    /// `$.Attributes.x` style: a Connect JSONPath written as is.
    #[must_use]
    pub fn is_raw(&self) -> bool {
        self.path.starts_with('.')
    }

    /// The parts of a non-raw path: `caller.number` → `["caller", "number"]`.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('.')
    }
}

/// A value on the right of `=`, in call arguments or after `branch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(Text),
    Reference(Reference),
    /// As written (`3`, `-1.5`).
    Number(String, Span),
    Duration(Duration),
    Bool(bool, Span),
}

impl Value {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Value::Text(t) => t.span,
            Value::Reference(r) => r.span,
            Value::Number(_, s) | Value::Bool(_, s) => *s,
            Value::Duration(d) => d.span,
        }
    }
}

/// A literal in an outcome pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternValue {
    /// Boxed: a text is larger than the other literals.
    Text(Box<Text>),
    Number(String, Span),
    Duration(Duration),
    Percent(u32, Span),
    /// `*` or `#`.
    Key(char, Span),
}

impl PatternValue {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            PatternValue::Text(t) => t.span,
            PatternValue::Number(_, s) | PatternValue::Percent(_, s) | PatternValue::Key(_, s) => {
                *s
            }
            PatternValue::Duration(d) => d.span,
        }
    }
}

/// A comparison operator in a pattern: `> 20`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
        }
    }
}

/// The left side of an outcome, loosely parsed: words, then an optional operator and value.
/// `no match`, `intent OrderProduct`, `press 1`, `"reserved"`, `contains "x"`, `> 5`,
/// `waiting > 20`, `50%`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub words: Vec<Ident>,
    pub op: Option<(CompareOp, Span)>,
    pub value: Option<PatternValue>,
    pub span: Span,
}

impl Pattern {
    /// The words joined by one space: `no match`.
    #[must_use]
    pub fn words_text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Where an arrow goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `-> step`
    Step(Ident),
    /// `-> retry 2 then step`, `-> retry 2 saying "…" then step` (boxed: rare, and larger than
    /// a step name).
    Retry(Box<Retry>),
}

/// `-> retry 2 saying "…" then step`: run the current step again up to `count` more times,
/// then go to `then`; before each retry, play `saying`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    pub count: Int,
    /// The re-prompt after `saying` (`None` when not written, or written without its text,
    /// which the builder reports as `P008`).
    pub saying: Option<Text>,
    pub then: Option<Ident>,
    pub span: Span,
}

impl Target {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Target::Step(i) => i.span,
            Target::Retry(r) => r.span,
        }
    }
}

/// `pattern -> target`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub pattern: Pattern,
    /// `None` when the arrow has no target (already reported as `P005`).
    pub target: Option<Target>,
    pub span: Span,
}

/// `name: value` in call and module arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub name: Ident,
    pub value: Value,
}

/// Options of `input`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputOptions {
    pub max_digits: Option<Int>,
    pub end_key: Option<Text>,
    pub timeout: Option<Duration>,
    pub interdigit: Option<Duration>,
    /// `phone local JP` / `phone e164`
    pub phone: Option<(Ident, Option<Ident>)>,
    /// `encrypted` (`Some(None)`) or `encrypted with KeyName`.
    pub encrypted: Option<Option<Ident>>,
    /// Options given twice, for a diagnostic.
    pub repeated: Vec<Span>,
}

/// Options of `callback`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackOptions {
    pub queue: Option<Ident>,
    pub number: Option<Reference>,
    pub delay: Option<Duration>,
    pub attempts: Option<Int>,
    pub retry_every: Option<Duration>,
    pub repeated: Vec<Span>,
}

/// What a `set` statement sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetKind {
    /// `set $a = 1, $b = "x"`
    Attributes(Vec<(Reference, Value)>),
    /// `set queue Orders`
    Queue(Ident),
    /// `set agent whisper flow AttentionWhisper`: the words before `flow`, then the flow.
    Hook { words: Vec<Ident>, flow: Ident },
    /// `set voice ja-JP Kazuha neural`
    Voice(Voice),
    /// `set priority 1`
    Priority(Int),
}

/// `voice ja-JP Kazuha [neural]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub locale: Ident,
    pub name: Ident,
    pub engine: Option<Ident>,
}

/// What a statement does. Each kind lowers to one or a few Connect actions.
///
/// The options of `input` and `callback` are boxed: they are several times larger than the
/// other kinds, and every statement of a project would otherwise pay for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementKind {
    Say {
        text: Text,
    },
    Ask {
        bot: Ident,
        prompt: Option<Text>,
        timeout: Option<Duration>,
    },
    Menu {
        prompt: Text,
        timeout: Option<Duration>,
    },
    /// `repeat "prompt", "prompt"`: prompts played in a loop while the caller waits.
    Repeat {
        prompts: Vec<Text>,
    },
    Input {
        into: Reference,
        prompt: Text,
        options: Box<InputOptions>,
    },
    Call {
        integration: Ident,
        args: Vec<Arg>,
        timeout: Option<Duration>,
    },
    Set(SetKind),
    Branch {
        value: Value,
    },
    /// `check hours Business`, `check calendar JapanHolidays`, `check queue Orders`,
    /// `check staffing Orders`, `check call`
    Check {
        subject: Ident,
        name: Option<Ident>,
    },
    TransferQueue {
        queue: Option<Ident>,
        whisper: Option<Ident>,
    },
    TransferFlow {
        flow: Ident,
    },
    TransferNumber {
        number: Value,
        timeout: Option<Duration>,
    },
    TransferAgent,
    Run {
        module: Ident,
        args: Vec<Arg>,
    },
    Callback(Box<CallbackOptions>),
    HangUp,
    Return {
        outcome: Option<Ident>,
    },
    End,
    Dial {
        caller_id: Option<Value>,
        timeout: Option<Duration>,
    },
    LookupProfile {
        by: Option<(Ident, Value)>,
    },
    Distribute,
    /// `connect "Type" "{json}"`: a raw Connect action.
    Connect {
        type_name: Text,
        parameters: Text,
    },
    Goto {
        target: Option<Target>,
    },
}

impl StatementKind {
    /// The keyword a designer reads: `say`, `transfer to queue`.
    #[must_use]
    pub fn keyword(&self) -> &'static str {
        match self {
            StatementKind::Say { .. } => "say",
            StatementKind::Ask { .. } => "ask",
            StatementKind::Menu { .. } => "menu",
            StatementKind::Repeat { .. } => "repeat",
            StatementKind::Input { .. } => "input",
            StatementKind::Call { .. } => "call",
            StatementKind::Set(_) => "set",
            StatementKind::Branch { .. } => "branch",
            StatementKind::Check { .. } => "check",
            StatementKind::TransferQueue { .. } => "transfer to queue",
            StatementKind::TransferFlow { .. } => "transfer to flow",
            StatementKind::TransferNumber { .. } => "transfer to number",
            StatementKind::TransferAgent => "transfer to agent",
            StatementKind::Run { .. } => "run module",
            StatementKind::Callback(_) => "callback",
            StatementKind::HangUp => "hang up",
            StatementKind::Return { .. } => "return",
            StatementKind::End => "end",
            StatementKind::Dial { .. } => "dial",
            StatementKind::LookupProfile { .. } => "lookup profile",
            StatementKind::Distribute => "distribute",
            StatementKind::Connect { .. } => "connect",
            StatementKind::Goto { .. } => "->",
        }
    }
}

/// One statement with the outcomes written after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub kind: StatementKind,
    pub outcomes: Vec<Outcome>,
    pub span: Span,
    /// The span of the keyword(s), for narrow labels.
    pub keyword_span: Span,
}

/// `name { statements }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub name: Ident,
    pub statements: Vec<Statement>,
    pub span: Span,
}

/// Settings written at the top of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowSetting {
    /// `kind inbound`, `kind whisper agent`
    Kind {
        kind: Ident,
        qualifier: Option<Ident>,
        span: Span,
    },
    Voice(Voice, Span),
    /// `on error -> step`
    OnError(Option<Target>, Span),
    Description(Text, Span),
    /// `logging on|off`
    Logging(Ident, Span),
    /// `returns open, closed` (modules)
    Returns(Vec<Ident>, Span),
}

impl FlowSetting {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            FlowSetting::Kind { span, .. }
            | FlowSetting::Voice(_, span)
            | FlowSetting::OnError(_, span)
            | FlowSetting::Description(_, span)
            | FlowSetting::Logging(_, span)
            | FlowSetting::Returns(_, span) => *span,
        }
    }
}

/// `flow Name { ... }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowDecl {
    pub name: Ident,
    pub settings: Vec<FlowSetting>,
    pub steps: Vec<Step>,
    pub span: Span,
}

/// `integration Name { lambda "logical-name" timeout 4s returns a, b }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrationDecl {
    pub name: Ident,
    pub lambda: Option<Text>,
    pub timeout: Option<Duration>,
    pub description: Option<Text>,
    pub returns: Vec<Ident>,
    pub span: Span,
}

/// `queue Name { hours Business }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDecl {
    pub name: Ident,
    pub hours: Option<Ident>,
    pub description: Option<Text>,
    pub span: Span,
}

/// A time of day, minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    pub minutes: u16,
    pub span: Span,
}

/// `mon-fri 09:00-18:00` or `sat, sun closed`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyRule {
    /// Day ranges as written: (`mon`, `Some(fri)`).
    pub days: Vec<(Ident, Option<Ident>)>,
    /// Empty when `closed`.
    pub times: Vec<(TimeOfDay, TimeOfDay)>,
    pub span: Span,
}

/// `hours Name { timezone Asia/Tokyo  mon-fri 09:00-18:00  closed on JapanHolidays }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursDecl {
    pub name: Ident,
    pub timezone: Option<Ident>,
    pub rules: Vec<WeeklyRule>,
    pub closed_on: Vec<Ident>,
    pub description: Option<Text>,
    pub span: Span,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `2026-12-29 .. 2027-01-03 closure "年末年始休業"`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub from: Date,
    pub to: Date,
    /// `holiday` (default) or `closure`.
    pub kind: Option<Ident>,
    pub reason: Option<Text>,
    pub span: Span,
}

/// `calendar Name { entries }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDecl {
    pub name: Ident,
    pub entries: Vec<CalendarEntry>,
    pub description: Option<Text>,
    pub span: Span,
}

/// A value of a custom slot type with its synonyms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotValue {
    pub value: Text,
    pub synonyms: Vec<Text>,
}

/// `slot type Product { "りんご" = "林檎", "アップル" }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotTypeDecl {
    pub name: Ident,
    pub values: Vec<SlotValue>,
    pub resolution: Option<Ident>,
    pub span: Span,
}

/// `slot Product: Product ask "..." [optional]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotDecl {
    pub name: Ident,
    /// `Product` or `AMAZON.Number`.
    pub type_name: Ident,
    pub prompt: Option<Text>,
    pub required: bool,
    pub span: Span,
}

/// `intent Name { utterance "..." slot ... confirm "..." }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntentDecl {
    pub name: Ident,
    pub utterances: Vec<Text>,
    pub slots: Vec<SlotDecl>,
    pub confirm: Option<Text>,
    pub decline: Option<Text>,
    pub description: Option<Text>,
    pub span: Span,
}

/// The contents of one locale of a bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleDecl {
    /// `ja_JP`; `None` for the flat form before a `locale` line was seen.
    pub locale: Option<Ident>,
    pub voice: Option<Voice>,
    pub confidence: Option<(String, Span)>,
    pub description: Option<Text>,
    pub slot_types: Vec<SlotTypeDecl>,
    pub intents: Vec<IntentDecl>,
    pub span: Span,
}

/// `bot Name { locale ja_JP ... }` or `bot Name { locale ja_JP { ... } locale en_US { ... } }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotDecl {
    pub name: Ident,
    pub description: Option<Text>,
    pub locales: Vec<LocaleDecl>,
    pub span: Span,
}

/// `use "path.dial"`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseDecl {
    pub path: Text,
    pub span: Span,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Use(UseDecl),
    Flow(FlowDecl),
    Bot(BotDecl),
    Integration(IntegrationDecl),
    Queue(QueueDecl),
    Hours(HoursDecl),
    Calendar(CalendarDecl),
    Test(TestDecl),
}

impl Item {
    /// The declared name (`None` for `use`).
    #[must_use]
    pub fn name(&self) -> Option<&Ident> {
        match self {
            Item::Use(_) => None,
            Item::Flow(d) => Some(&d.name),
            Item::Bot(d) => Some(&d.name),
            Item::Integration(d) => Some(&d.name),
            Item::Queue(d) => Some(&d.name),
            Item::Hours(d) => Some(&d.name),
            Item::Calendar(d) => Some(&d.name),
            Item::Test(_) => None,
        }
    }
}

/// `test "name" { ... }`: a scripted call and what must happen in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestDecl {
    pub name: Text,
    pub members: Vec<TestMember>,
    pub span: Span,
}

/// One line of a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestMember {
    /// `flow PhoneOrder`: the flow the call starts in.
    Flow(Ident),
    /// `at 2027-01-12 10:00 Asia/Tokyo`
    At {
        date: Date,
        time: TimeOfDay,
        zone: Option<Ident>,
        span: Span,
    },
    /// `caller number "+81..."`
    CallerNumber(Text),
    /// `caller withheld`
    Withheld(Span),
    /// `caller says "..."`
    Says(Text),
    /// `caller presses "1#"`
    Presses(Text),
    /// `caller is silent`
    Silent(Span),
    /// `caller hangs up`
    HangsUp(Span),
    /// `mock Integration returns {...}` and the like.
    Mock {
        integration: Ident,
        behavior: MockBehavior,
        span: Span,
    },
    /// `queue Orders full waiting 30`
    Queue {
        queue: Ident,
        facts: Vec<QueueFact>,
        span: Span,
    },
    /// `check call voicemail beep`: the result of `check call` on an outbound call.
    CallStatus(Vec<Ident>, Span),
    /// `agent answers after 3m`: how long the caller waits in the queue.
    AgentAnswers(Duration, Span),
    /// `profile { Field: "value" }`, `profile none`, `profile multiple`
    Profile {
        fields: Option<Vec<Arg>>,
        multiple: bool,
        span: Span,
    },
    /// `fail reserved-2 in Flow with NoMatchingError`: an action raises an error whenever it runs.
    Fail {
        /// The action, as its identifier reads (`step`, `step-2`, `step-2-whisper`, `flow-voice`).
        action: Ident,
        /// The flow or module it belongs to (the test's flow when absent).
        flow: Option<Ident>,
        /// The error it raises (`NoMatchingError` when absent).
        error: Option<Ident>,
        span: Span,
    },
    /// `expect ...`
    Expect(Expect, Span),
}

/// What a mocked integration does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MockBehavior {
    Returns(Vec<Arg>),
    Malformed,
    Fails,
    TimesOut,
}

/// A fact about a queue during the test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueFact {
    /// At capacity: transfers take `full`.
    Full(Span),
    /// `waiting 30`, `wait 5m`, `agents 0`, `available 0`, `staffed 0`, `online 0`.
    Metric {
        name: Ident,
        value: u64,
        /// Written as a duration (seconds in `value`).
        duration: bool,
        span: Span,
    },
}

/// What must happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// `expect say "..."` (exact, SSML tags aside) or `expect say containing "..."`.
    Say { text: Text, containing: bool },
    /// `expect transfer to queue Q whisper W`
    TransferQueue {
        queue: Ident,
        whisper: Option<Ident>,
    },
    /// `expect transfer to flow F`
    TransferFlow(Ident),
    /// `expect transfer to number "+81312345678"` or `… number $env.backup_number`
    TransferNumber(Value),
    /// `expect $attr = value`
    Attribute { reference: Reference, value: Value },
    /// `expect call Integration { arg: value }`
    Call { integration: Ident, args: Vec<Arg> },
    /// `expect intent Name`
    Intent(Ident),
    /// `expect hang up`
    HangUp,
    /// `expect end`
    End,
    /// `expect return closed from OpeningChecks`: a module returns (with this outcome).
    Return {
        outcome: Option<Ident>,
        module: Option<Ident>,
    },
    /// `expect no …`: nothing that matches the inner expectation happens in this stretch of
    /// the call (until the caller's next line, or the end of the call after the last one).
    No(Box<Expect>),
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ast {
    pub file: FileId,
    pub items: Vec<Item>,
}
