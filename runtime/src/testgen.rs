//! Explored paths as scenario tests: what the world and the caller must do for a call to follow
//! one [`Path`] of an [`Exploration`], written in the `.dial` test language.
//!
//! ```text
//! Path --plan()--> TestPlan (flow, clock, caller number, mocks, queue facts, profile, faults,
//!                            caller steps; or the branches it cannot express)
//! TestPlan + Trace of its call --with_expectations()--> TestPlan (prompts, transfers, hang-up)
//! TestPlan --render()--> `test "explored: …" { … }`
//! ```
//!
//! A plan is a best effort from the path alone; the command that writes tests runs each plan
//! in the simulator and keeps it only when the call takes every branch of its path, so a plan
//! that reads the world wrongly is dropped with a warning rather than written.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dialect_compiler::connect::{ErrorType, Operator};
use dialect_compiler::resolve::Model;

use crate::explore::{Exploration, Path, PathStep, free_key, sample_for};
use crate::expr::{Expr, Piece, Ref, Sym};
use crate::program::{Cond, Op, OpKind, Program};
use crate::script::Step;
use crate::trace::{Event, Outcome, Taken, Trace};
use crate::world::{Clock, World};

/// How a mocked integration answers one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MockPlan {
    /// `returns { field: "value", … }`
    Returns(BTreeMap<String, String>),
    /// `fails`
    Fails,
}

/// The caller's number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CallerPlan {
    /// The simulator's default (a Japanese mobile number).
    #[default]
    Default,
    /// `caller withheld`
    Withheld,
    /// `caller number "…"`
    Number(String),
}

/// The caller's customer profile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProfilePlan {
    /// The simulator's default (nobody's profile).
    #[default]
    Default,
    /// `profile none`
    None,
    /// `profile multiple`
    Multiple,
    /// `profile { … }`
    Fields(BTreeMap<String, String>),
}

/// A `fail ACTION in FLOW [with ERROR]` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultPlan {
    /// The action's identifier.
    pub action: String,
    /// The flow or module it belongs to.
    pub flow: String,
    /// The Connect error type (`None`: `NoMatchingError`, the default).
    pub error: Option<String>,
}

/// A line of the call, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanLine {
    /// What the caller does.
    Caller(Step),
    /// `expect say containing "…"`
    SayContaining(String),
    /// `expect transfer to queue Q [whisper W]`
    TransferQueue(String, Option<String>),
    /// `expect transfer to flow F`
    TransferFlow(String),
    /// `expect hang up`
    HangUp,
    /// `expect return [OUTCOME]`: the module the test starts in returns.
    Return(Option<String>),
}

/// A branch by names: flow, action identifier, branch (stable across programs built from
/// different sets of files).
pub type NamedBranch = (String, String, Taken);

/// One scenario test for one path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TestPlan {
    /// The test's name: `explored: …`.
    pub name: String,
    /// The flow the call starts in.
    pub flow: String,
    /// `at DATE TIME ZONE`, when the path depends on hours.
    pub clock: Option<(String, String)>,
    /// The caller's number.
    pub caller: CallerPlan,
    /// Integration mocks in call order: (integration, answer).
    pub mocks: Vec<(String, MockPlan)>,
    /// Queue facts per queue, as written (`full`, `waiting 31`, `available 0`).
    pub queues: BTreeMap<String, BTreeMap<&'static str, String>>,
    /// The customer profile.
    pub profile: ProfilePlan,
    /// Injected faults.
    pub faults: Vec<FaultPlan>,
    /// Seconds of looping queue prompts the path is interrupted for before an agent answers
    /// (the sum of their interruption frequencies; 0: the agent answers at once).
    pub agent_wait_s: u64,
    /// The caller's steps and the expectations, in order.
    pub lines: Vec<PlanLine>,
    /// The branches the path takes.
    pub branches: Vec<NamedBranch>,
    /// Branches the test language cannot set up: `action [branch]: why`.
    pub problems: Vec<String>,
}

/// The branch of `op` that `taken` names, in words (`closed`, `= "true"`, `timeout`, `else`).
#[must_use]
pub fn branch_label(op: &Op, taken: Taken) -> String {
    match taken {
        Taken::Condition(i) => op.conds.get(i as usize).map_or_else(String::new, |c| {
            match (&op.kind, c.operand.as_str()) {
                (OpKind::CheckHours(_), "True") => "open".to_owned(),
                (OpKind::CheckHours(_), "False") => "closed".to_owned(),
                (OpKind::GetInput { .. }, k) => format!("press {k}"),
                (OpKind::Lex { .. }, i) => format!("intent {i}"),
                (OpKind::Loop { .. }, l) => l.to_owned(),
                _ => format!("{} {}", operator_word(&c.operator), c.operand),
            }
        }),
        Taken::Error(i) => op
            .errors
            .get(i as usize)
            .map_or_else(String::new, |e| error_word(&e.0)),
        Taken::Next if !op.conds.is_empty() => "else".to_owned(),
        Taken::Next | Taken::End => String::new(),
    }
}

/// An error type as the language writes its outcome (`error`, `timeout`, `full`, …).
fn error_word(e: &ErrorType) -> String {
    match e {
        ErrorType::NoMatchingError => "error".to_owned(),
        ErrorType::NoMatchingCondition => "else".to_owned(),
        ErrorType::InputTimeLimitExceeded => "timeout".to_owned(),
        ErrorType::QueueAtCapacity => "full".to_owned(),
        ErrorType::InvalidPhoneNumber => "invalid".to_owned(),
        ErrorType::NoneFoundError => "not found".to_owned(),
        ErrorType::MultipleFoundError => "multiple".to_owned(),
        other => other.name().to_owned(),
    }
}

fn operator_word(o: &Operator) -> String {
    match o {
        Operator::Equals => "=".to_owned(),
        Operator::NumberGreaterThan => ">".to_owned(),
        Operator::NumberGreaterOrEqualTo => ">=".to_owned(),
        Operator::NumberLessThan => "<".to_owned(),
        Operator::NumberLessOrEqualTo => "<=".to_owned(),
        Operator::TextStartsWith => "starts with".to_owned(),
        Operator::TextEndsWith => "ends with".to_owned(),
        Operator::TextContains => "contains".to_owned(),
        Operator::Other(o) => o.clone(),
    }
}

/// A branch as `action [branch]` for messages.
#[must_use]
pub fn describe_branch(program: &Program, s: &PathStep) -> String {
    let Some(op) = op_at(program, s) else {
        return format!("action {} of flow {}", s.action, s.flow);
    };
    let flow = &program.flows[s.flow as usize].name;
    let label = branch_label(op, s.taken);
    if label.is_empty() {
        format!("`{}` in {flow}", op.id)
    } else {
        format!("`{}` [{label}] in {flow}", op.id)
    }
}

fn op_at<'p>(program: &'p Program, s: &PathStep) -> Option<&'p Op> {
    program
        .flows
        .get(s.flow as usize)
        .and_then(|f| f.ops.get(s.action as usize))
}

/// A path's branches by names.
#[must_use]
pub fn named_branches(program: &Program, steps: &[PathStep]) -> Vec<NamedBranch> {
    steps
        .iter()
        .filter_map(|s| {
            op_at(program, s).map(|op| {
                (
                    program.flows[s.flow as usize].name.clone(),
                    op.id.clone(),
                    s.taken,
                )
            })
        })
        .collect()
}

/// Paths that take the branches the exploration counted as taken without exploring them
/// (they lead where an explored branch of the same action leads): a copy of the first chosen
/// path through that action, with the other branch taken there.
#[must_use]
pub fn equivalent_variants(x: &Exploration, chosen: &[usize]) -> Vec<Path> {
    let mut out = Vec::new();
    for &(f, a, t) in &x.equivalent {
        let found = chosen
            .iter()
            .copied()
            .chain(0..x.paths.len())
            .find_map(|i| {
                let p = &x.paths[i];
                p.steps
                    .iter()
                    .position(|s| s.flow == f && s.action == a)
                    .map(|at| (p, at))
            });
        if let Some((p, at)) = found {
            let mut v = p.clone();
            v.steps[at].taken = t;
            out.push(v);
        }
    }
    out
}

/// What the world must be for a call to follow `path` from the start of flow `flow`, and what
/// the caller does (no expectations yet).
#[must_use]
pub fn plan(model: &Model, program: &Program, world: &World, flow: u32, path: &Path) -> TestPlan {
    let mut b = Builder {
        model,
        program,
        plan: TestPlan {
            flow: program
                .flows
                .get(flow as usize)
                .map_or_else(String::new, |f| f.name.clone()),
            branches: named_branches(program, &path.steps),
            ..TestPlan::default()
        },
        hours: Vec::new(),
        last_lambda: None,
        queue: None,
    };
    for (at, s) in path.steps.iter().enumerate() {
        if let Some(op) = op_at(program, s) {
            b.step(&path.steps[..at], s, op);
        }
    }
    b.solve_clock(world);
    b.plan.name = name_of(program, path);
    b.plan
}

fn name_of(program: &Program, path: &Path) -> String {
    let mut parts = Vec::new();
    let mut last = String::new();
    for s in &path.steps {
        let Some(op) = op_at(program, s) else {
            continue;
        };
        let label = branch_label(op, s.taken);
        let branching = !op.conds.is_empty()
            || matches!(s.taken, Taken::Error(_))
            || matches!(op.kind, OpKind::GetInput { .. } | OpKind::Lex { .. });
        if branching && !label.is_empty() && !matches!(op.kind, OpKind::Loop { .. }) {
            parts.push(format!("{} {label}", op.id));
        }
        last.clone_from(&op.id);
    }
    let end = match &path.end {
        crate::explore::PathEnd::Terminal(t) | crate::explore::PathEnd::Left(t) => {
            format!("{last} ({t})")
        }
        crate::explore::PathEnd::Stranded(_) => format!("{last} (stranded)"),
        crate::explore::PathEnd::LoopBound => format!("{last} (loop bound)"),
        crate::explore::PathEnd::DepthBound => format!("{last} (depth bound)"),
    };
    if parts.is_empty() {
        format!("explored: {end}")
    } else {
        format!("explored: {} -> {end}", parts.join(", "))
    }
}

struct Builder<'a> {
    model: &'a Model,
    program: &'a Program,
    plan: TestPlan,
    /// Hours that must be open (`true`) or closed at the time of the call: (ARN, open).
    hours: Vec<(String, bool, PathStep)>,
    /// Index in `plan.mocks` of the last integration call.
    last_lambda: Option<usize>,
    /// The working queue's name.
    queue: Option<String>,
}

/// The last segment of an ARN-like name (`…/queue/Orders` → `Orders`).
fn last_segment(s: &str) -> &str {
    s.rsplit(['/', ':']).next().unwrap_or(s)
}

impl Builder<'_> {
    fn problem(&mut self, s: &PathStep, why: &str) {
        let b = describe_branch(self.program, s);
        self.plan.problems.push(format!("{b}: {why}"));
    }

    fn fault(&mut self, s: &PathStep, op: &Op, error: &ErrorType) {
        if *error == ErrorType::NoMatchingCondition {
            self.problem(s, "a test cannot choose this value");
            return;
        }
        let flow = self.program.flows[s.flow as usize].name.clone();
        let error = (*error != ErrorType::NoMatchingError).then(|| error.name().to_owned());
        let f = FaultPlan {
            action: op.id.clone(),
            flow,
            error,
        };
        if let Some(other) = self
            .plan
            .faults
            .iter()
            .find(|o| o.action == f.action && o.flow == f.flow)
        {
            if *other != f {
                self.problem(s, "the action fails two ways on one call");
            }
            return;
        }
        self.plan.faults.push(f);
    }

    fn caller(&mut self, step: Step) {
        self.plan.lines.push(PlanLine::Caller(step));
    }

    #[allow(clippy::too_many_lines)]
    fn step(&mut self, before: &[PathStep], s: &PathStep, op: &Op) {
        let error = match s.taken {
            Taken::Error(i) => op.errors.get(i as usize).map(|e| e.0.clone()),
            _ => None,
        };
        let cond = match s.taken {
            Taken::Condition(i) => op.conds.get(i as usize),
            _ => None,
        };
        let has = |e: ErrorType| op.errors.iter().any(|(t, _)| *t == e);
        match &op.kind {
            OpKind::GetInput { store, phone, .. } => match (&error, cond) {
                (Some(ErrorType::InputTimeLimitExceeded), _) => self.caller(Step::Silent),
                (Some(ErrorType::NoMatchingError), _)
                    if !has(ErrorType::InputTimeLimitExceeded) =>
                {
                    self.caller(Step::Silent);
                }
                (Some(ErrorType::InvalidPhoneNumber), _) => self.caller(Step::Press("1#".into())),
                (Some(ErrorType::NoMatchingCondition), _) => self.caller(Step::Press(free_key(op))),
                (Some(e), _) => self.fault(s, op, e),
                (None, Some(c)) => self.caller(Step::Press(c.operand.clone())),
                (None, None) if *store && phone.is_some() => {
                    self.caller(Step::Press("09012345678#".into()));
                }
                (None, None) if *store => self.caller(Step::Press("1234#".into())),
                (None, None) => self.caller(Step::Press(free_key(op))),
            },
            OpKind::Lex { bot, .. } => match (&error, cond) {
                (None, Some(c)) => {
                    for st in sample_for(self.program, *bot, &c.operand) {
                        self.caller(st);
                    }
                }
                (Some(ErrorType::InputTimeLimitExceeded), _) => self.caller(Step::Silent),
                (Some(ErrorType::NoMatchingError), _)
                    if !has(ErrorType::InputTimeLimitExceeded) =>
                {
                    self.caller(Step::Silent);
                }
                (Some(ErrorType::NoMatchingCondition) | None, _) => {
                    self.caller(Step::Say("zzz".into()));
                }
                (Some(e), _) => self.fault(s, op, e),
            },
            OpKind::Lambda { function, .. } => {
                let lambda = function.as_static().map(last_segment).unwrap_or_default();
                let Some(integration) = self
                    .model
                    .integrations
                    .iter()
                    .find(|i| i.lambda == lambda)
                    .map(|i| i.name.clone())
                else {
                    self.problem(s, "the function is not a declared integration");
                    return;
                };
                let answer = if error.is_some() {
                    MockPlan::Fails
                } else {
                    MockPlan::Returns(BTreeMap::new())
                };
                self.plan.mocks.push((integration, answer));
                self.last_lambda = Some(self.plan.mocks.len() - 1);
            }
            OpKind::SetQueue(e) => {
                self.queue = e.as_static().map(|q| last_segment(q).to_owned());
                if let Some(e) = &error {
                    self.fault(s, op, e);
                }
            }
            OpKind::ToQueue => match &error {
                Some(ErrorType::QueueAtCapacity) => match self.queue.clone() {
                    Some(q) => self.queue_fact(s, &q, "full", String::new()),
                    None => self.problem(s, "the working queue is not known"),
                },
                Some(e) => self.fault(s, op, e),
                None => {}
            },
            OpKind::CheckHours(id) => match (&error, cond) {
                (Some(e), _) => self.fault(s, op, e),
                (None, Some(c)) => {
                    let arn = match id {
                        Some(e) => e.as_static().map(str::to_owned),
                        None => self.queue.as_ref().and_then(|q| {
                            self.model
                                .queues
                                .iter()
                                .find(|mq| mq.name == *q)
                                .and_then(|mq| mq.hours)
                                .map(|h| crate::project::hours_arn(&self.model.hours_of(h).name))
                        }),
                    };
                    match arn {
                        Some(arn) => self.hours.push((arn, c.operand == "True", *s)),
                        None => self.problem(s, "the hours are not known before the call"),
                    }
                }
                (None, None) => {}
            },
            OpKind::CheckMetric { metric, queue } => {
                if let Some(e) = error
                    .as_ref()
                    .filter(|e| **e != ErrorType::NoMatchingCondition)
                {
                    self.fault(s, op, e);
                    return;
                }
                let q = match queue {
                    Some(e) => e.as_static().map(|q| last_segment(q).to_owned()),
                    None => self.queue.clone(),
                };
                let Some(q) = q else {
                    self.problem(s, "the queue is not known before the call");
                    return;
                };
                let Some(value) = value_for(op, s.taken, true) else {
                    self.problem(s, "no metric value takes this branch");
                    return;
                };
                let fact = match metric.as_str() {
                    "NumberOfAgentsOnline" | "AgentsOnline" => "online",
                    "NumberOfAgentsAvailable" | "AgentsAvailable" => "available",
                    "NumberOfAgentsStaffed" | "AgentsStaffed" => "staffed",
                    "NumberOfContactsInQueue" | "ContactsInQueue" | "Size" => "waiting",
                    "OldestContactInQueueAgeSeconds" | "OldestContactAge" => "wait",
                    _ => {
                        self.problem(s, "a test cannot set this metric");
                        return;
                    }
                };
                let Ok(n) = value.parse::<u32>() else {
                    self.problem(s, "the metric would have to be negative");
                    return;
                };
                if fact == "wait" && n == 0 {
                    // The default: nobody is waiting.
                    return;
                }
                let text = if fact == "wait" {
                    format!("{n}s")
                } else {
                    n.to_string()
                };
                self.queue_fact(s, &q, fact, text);
            }
            OpKind::Profile {
                op: crate::program::ProfileOp::Get,
                ..
            } => match &error {
                None => {
                    if !matches!(self.plan.profile, ProfilePlan::Fields(_)) {
                        self.plan.profile = ProfilePlan::Fields(BTreeMap::new());
                    }
                }
                Some(ErrorType::NoneFoundError) => self.plan.profile = ProfilePlan::None,
                Some(ErrorType::MultipleFoundError) => self.plan.profile = ProfilePlan::Multiple,
                Some(e) => self.fault(s, op, e),
            },
            OpKind::Compare(e) => {
                if let Some(err) = &error {
                    if *err == ErrorType::NoMatchingCondition {
                        self.compare(before, s, op, e);
                    } else {
                        self.fault(s, op, err);
                    }
                    return;
                }
                self.compare(before, s, op, e);
            }
            OpKind::Distribute => {
                self.problem(s, "a test cannot choose the share a call falls into");
            }
            // Interrupted: the agent is still busy after another `f` seconds.
            OpKind::LoopPrompts {
                interrupt_s: Some(f),
                ..
            } if cond.is_some() => self.plan.agent_wait_s += f,
            _ => {
                if let Some(e) = &error {
                    if *e == ErrorType::NoMatchingCondition {
                        self.problem(s, "a test cannot choose this value");
                    } else {
                        self.fault(s, op, e);
                    }
                }
            }
        }
    }

    fn queue_fact(&mut self, s: &PathStep, queue: &str, fact: &'static str, value: String) {
        if !self.model.queues.iter().any(|q| q.name == queue) {
            self.problem(s, "the queue is not declared in the project");
            return;
        }
        let facts = self.plan.queues.entry(queue.to_owned()).or_default();
        if let Some(old) = facts.get(fact)
            && *old != value
        {
            self.problem(s, "the queue would need two values of one metric");
            return;
        }
        facts.insert(fact, value);
    }

    fn compare(&mut self, before: &[PathStep], s: &PathStep, op: &Op, e: &Expr) {
        let Some(value) = value_for(op, s.taken, false) else {
            self.problem(s, "no value takes this branch");
            return;
        };
        let want = match s.taken {
            Taken::Condition(i) => Some(i as usize),
            _ => None,
        };
        let fits = |v: &str| op.conds.iter().position(|c| c.holds(v)) == want;
        self.assign(before, s, e, &value, &fits, 0);
    }

    /// Makes `e` read `value` (or another value that `fits`) when the step `s` runs.
    fn assign(
        &mut self,
        before: &[PathStep],
        s: &PathStep,
        e: &Expr,
        value: &str,
        fits: &dyn Fn(&str) -> bool,
        depth: u32,
    ) {
        let r = match e {
            Expr::Static(v) => {
                if !fits(v) {
                    self.problem(s, "the value is fixed by the flow");
                }
                return;
            }
            Expr::Ref(r) => r,
            Expr::Template(pieces) => match pieces.as_slice() {
                [Piece::Ref(r)] => r,
                _ => return,
            },
        };
        match r {
            Ref::External(field) => {
                let ok = field.chars().all(|c| c.is_alphanumeric() || c == '_');
                let conflict = match self.last_lambda.and_then(|i| self.plan.mocks.get_mut(i)) {
                    Some((_, MockPlan::Returns(fields))) if ok => match fields.get(field) {
                        Some(v) => {
                            (!fits(v)).then_some("the integration's result would need two values")
                        }
                        None => {
                            fields.insert(field.clone(), value.to_owned());
                            None
                        }
                    },
                    _ => Some("no integration result can give this value"),
                };
                if let Some(why) = conflict {
                    self.problem(s, why);
                }
            }
            Ref::CustomerEndpoint => {
                // The simulator reads a withheld number as empty; Connect's spellings of it
                // (`anonymous`) are numbers a test can give.
                let current = match &self.plan.caller {
                    CallerPlan::Default => World::default().caller.unwrap_or_default(),
                    CallerPlan::Withheld => String::new(),
                    CallerPlan::Number(n) => n.clone(),
                };
                if fits(&current) {
                    return;
                }
                if self.plan.caller == CallerPlan::Default {
                    self.plan.caller = if value.is_empty() {
                        CallerPlan::Withheld
                    } else {
                        CallerPlan::Number(value.to_owned())
                    };
                } else {
                    self.problem(s, "the caller's number would need two values");
                }
            }
            Ref::Customer(path) => {
                let field = path.strip_prefix("Attributes.").unwrap_or(path);
                if !field.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    self.problem(s, "a test cannot set this profile field");
                    return;
                }
                let conflict = match &mut self.plan.profile {
                    ProfilePlan::Fields(fields) => match fields.get(field) {
                        Some(v) => {
                            (!fits(v)).then_some("the profile would need two values of one field")
                        }
                        None => {
                            fields.insert(field.to_owned(), value.to_owned());
                            None
                        }
                    },
                    _ => Some("the profile is not found on this path"),
                };
                if let Some(why) = conflict {
                    self.problem(s, why);
                }
            }
            Ref::Attribute(sym) => match last_set(self.program, before, *sym) {
                Some((at, source)) if depth < 8 => {
                    self.assign(&before[..at], s, &source, value, fits, depth + 1);
                }
                // Set by nothing on the path: the call starts with no attributes.
                _ => {
                    if !fits("") {
                        let name = self.program.names.name(*sym).to_owned();
                        self.problem(
                            s,
                            &format!(
                                "`${name}` is set before this flow starts, and a test cannot set it"
                            ),
                        );
                    }
                }
            },
            // Values the path itself decides (inputs, intents, module outcomes) or the
            // simulator fixes: checked when the test runs.
            _ => {}
        }
    }

    /// Picks a time of day at which every hours check on the path gives its branch.
    fn solve_clock(&mut self, world: &World) {
        if self.hours.is_empty() {
            return;
        }
        let zone = self
            .model
            .hours
            .first()
            .map_or("Asia/Tokyo", |h| h.timezone.as_str())
            .to_owned();
        let holds = |clock: &Clock| {
            self.hours.iter().all(|(arn, open, _)| {
                world
                    .hours_of(arn)
                    .is_none_or(|h| h.status(clock.now).open == *open)
            })
        };
        if holds(&Clock::default()) {
            return;
        }
        let Ok(start) = jiff::civil::Date::new(2026, 11, 24) else {
            return;
        };
        for day in 0..800 {
            let Ok(date) = start.checked_add(jiff::Span::new().days(day)) else {
                break;
            };
            for time in ["10:00", "20:00", "12:00", "03:00", "16:30"] {
                let local = format!("{date} {time}");
                if let Ok(c) = Clock::at(&local, &zone)
                    && holds(&c)
                {
                    self.plan.clock = Some((local, zone));
                    return;
                }
            }
        }
        if let Some((_, _, last)) = self.hours.last() {
            let last = *last;
            self.problem(
                &last,
                "no date and time in the next two years gives it together with the other \
                 hours and calendar checks on the path",
            );
        }
    }
}

/// The last `set` of `sym` before the end of `steps`: its position and its value.
fn last_set(program: &Program, steps: &[PathStep], sym: Sym) -> Option<(usize, Expr)> {
    steps.iter().enumerate().rev().find_map(|(at, s)| {
        let op = op_at(program, s)?;
        match &op.kind {
            OpKind::SetAttributes(list) => list
                .iter()
                .rev()
                .find(|(k, _)| *k == sym)
                .map(|(_, e)| (at, e.clone())),
            _ => None,
        }
    })
}

/// A value that takes branch `taken` of a comparison: the first condition it names holds, and
/// no earlier one; for the default branch, no condition holds. `count`: only whole numbers
/// from 0 up (queue metrics).
#[must_use]
pub fn value_for(op: &Op, taken: Taken, count: bool) -> Option<String> {
    let first_holding = |v: &str| {
        if count && v.parse::<u32>().is_err() {
            return Some(usize::MAX);
        }
        op.conds.iter().position(|c| c.holds(v))
    };
    match taken {
        Taken::Condition(i) => {
            let c = op.conds.get(i as usize)?;
            candidates(c)
                .into_iter()
                .find(|v| first_holding(v) == Some(i as usize))
        }
        Taken::Next | Taken::Error(_) => {
            let mut all = vec![
                String::new(),
                "other".to_owned(),
                "0".to_owned(),
                "1".to_owned(),
            ];
            for c in &op.conds {
                all.extend(candidates(c));
            }
            all.into_iter().find(|v| first_holding(v).is_none())
        }
        Taken::End => None,
    }
}

fn candidates(c: &Cond) -> Vec<String> {
    let n = c.number.unwrap_or(0.0);
    let num = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        }
    };
    match c.operator {
        Operator::Equals
        | Operator::TextStartsWith
        | Operator::TextContains
        | Operator::TextEndsWith => vec![c.operand.clone(), format!("{}x", c.operand)],
        Operator::NumberGreaterThan => vec![num(n.floor() + 1.0), num(n + 1.0)],
        Operator::NumberGreaterOrEqualTo => vec![num(n.ceil()), num(n + 1.0)],
        Operator::NumberLessThan => vec![num(n.ceil() - 1.0), num(n - 1.0)],
        Operator::NumberLessOrEqualTo => vec![num(n.floor()), num(n - 1.0)],
        Operator::Other(_) => Vec::new(),
    }
}

/// A stable part of a prompt for `expect say containing`: the first run of text outside SSML
/// tags, up to 30 characters, cut before anything a string would have to escape.
#[must_use]
pub fn prompt_prefix(prompt: &str) -> Option<String> {
    let mut out = String::new();
    let mut in_tag = false;
    for c in prompt.chars() {
        match c {
            '<' => {
                if !out.trim().is_empty() {
                    break;
                }
                in_tag = true;
            }
            '>' => in_tag = false,
            _ if in_tag => {}
            '{' | '}' | '"' | '\\' | '$' | '\n' | '\r' | '&' => {
                if !out.trim().is_empty() {
                    break;
                }
                out.clear();
            }
            _ => {
                out.push(c);
                if out.trim().chars().count() >= 30 {
                    break;
                }
            }
        }
    }
    let t = out.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// `plan` with the caller's steps the call used and the expectations of what happened on it
/// (prompts, transfers, the hang-up), from the trace of its call. `flows` and `queues` say
/// which names a test may write.
#[must_use]
pub fn with_expectations(plan: &TestPlan, trace: &Trace, model: &Model) -> TestPlan {
    let mut out = plan.clone();
    let mut steps = plan.lines.iter().filter_map(|l| match l {
        PlanLine::Caller(s) => Some(s.clone()),
        _ => None,
    });
    let flow_named = |n: &str| {
        let n = last_segment(n);
        model
            .flows
            .iter()
            .any(|f| f.name == n)
            .then(|| n.to_owned())
    };
    let mut lines = Vec::new();
    let mut last_return = None;
    for ev in &trace.events {
        match ev {
            // The module the call started in returned: the call ends right after.
            Event::ModuleReturned(_, o) => last_return = Some(o.clone()),
            Event::Ended(Outcome::ModuleEnded) => {
                if let Some(o) = last_return.take() {
                    lines.push(PlanLine::Return(o));
                }
            }
            Event::Said(_) | Event::Pressed(_) | Event::Silence | Event::HangUp => {
                if let Some(s) = steps.next() {
                    lines.push(PlanLine::Caller(s));
                }
            }
            Event::Prompt(t) | Event::BotPrompt(t) => {
                if let Some(p) = prompt_prefix(t) {
                    lines.push(PlanLine::SayContaining(p));
                }
            }
            Event::TransferToQueue(q, hooks) => {
                let q = last_segment(q);
                if model.queues.iter().any(|mq| mq.name == q) {
                    let whisper = hooks
                        .iter()
                        .find(|(h, _)| h == "AgentWhisper")
                        .and_then(|(_, f)| flow_named(f));
                    lines.push(PlanLine::TransferQueue(q.to_owned(), whisper));
                }
            }
            Event::TransferToFlow(f, _) => {
                if let Some(f) = flow_named(f) {
                    lines.push(PlanLine::TransferFlow(f));
                }
            }
            Event::Ended(Outcome::Disconnected) => lines.push(PlanLine::HangUp),
            _ => {}
        }
    }
    out.lines = lines;
    out
}

/// A `.dial` string literal (the decompiler's, which the parser reads back to the same text).
#[must_use]
pub fn quote(s: &str) -> String {
    dialect_compiler::decompile::string_literal(s)
}

fn args(fields: &BTreeMap<String, String>) -> String {
    if fields.is_empty() {
        return "{}".to_owned();
    }
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}: {}", quote(v)))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

impl TestPlan {
    /// The names of flows, queues and integrations the test writes, for its `use` lines.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        let mut out = vec![self.flow.clone()];
        out.extend(self.mocks.iter().map(|(i, _)| i.clone()));
        out.extend(self.queues.keys().cloned());
        out.extend(self.faults.iter().map(|f| f.flow.clone()));
        for l in &self.lines {
            match l {
                PlanLine::TransferQueue(q, w) => {
                    out.push(q.clone());
                    out.extend(w.clone());
                }
                PlanLine::TransferFlow(f) => out.push(f.clone()),
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The test as `.dial` text (formatted by the caller).
    #[must_use]
    pub fn render(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "test {} {{", quote(&self.name));
        let _ = writeln!(o, "  flow {}", self.flow);
        if let Some((at, zone)) = &self.clock {
            let _ = writeln!(o, "  at {at} {zone}");
        }
        if self.agent_wait_s > 0 {
            // Busy through every interruption, free before the next one.
            let _ = writeln!(o, "  agent answers after {}s", self.agent_wait_s + 1);
        }
        match &self.caller {
            CallerPlan::Default => {}
            CallerPlan::Withheld => o.push_str("  caller withheld\n"),
            CallerPlan::Number(n) => {
                let _ = writeln!(o, "  caller number {}", quote(n));
            }
        }
        // Mocks answer successive calls: only integrations with a non-default answer are
        // written, each with every call of theirs in order.
        let mut names: Vec<&str> = Vec::new();
        for (n, _) in &self.mocks {
            if !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
        for name in names {
            let calls = self.mocks.iter().filter(|(n, _)| n == name).map(|(_, m)| m);
            if calls
                .clone()
                .all(|m| matches!(m, MockPlan::Returns(f) if f.is_empty()))
            {
                continue;
            }
            for m in calls {
                match m {
                    MockPlan::Returns(f) => {
                        let _ = writeln!(o, "  mock {name} returns {}", args(f));
                    }
                    MockPlan::Fails => {
                        let _ = writeln!(o, "  mock {name} fails");
                    }
                }
            }
        }
        for (q, facts) in &self.queues {
            let facts: Vec<String> = facts
                .iter()
                .map(|(k, v)| {
                    if v.is_empty() {
                        (*k).to_owned()
                    } else {
                        format!("{k} {v}")
                    }
                })
                .collect();
            let _ = writeln!(o, "  queue {q} {}", facts.join(" "));
        }
        match &self.profile {
            ProfilePlan::Default => {}
            ProfilePlan::None => o.push_str("  profile none\n"),
            ProfilePlan::Multiple => o.push_str("  profile multiple\n"),
            ProfilePlan::Fields(f) => {
                let _ = writeln!(o, "  profile {}", args(f));
            }
        }
        for f in &self.faults {
            let _ = write!(o, "  fail {} in {}", f.action, f.flow);
            if let Some(e) = &f.error {
                let _ = write!(o, " with {e}");
            }
            o.push('\n');
        }
        for l in &self.lines {
            match l {
                PlanLine::Caller(Step::Say(t)) => {
                    let _ = writeln!(o, "  caller says {}", quote(t));
                }
                PlanLine::Caller(Step::Press(k)) => {
                    let _ = writeln!(o, "  caller presses {}", quote(k));
                }
                PlanLine::Caller(Step::Silent) => o.push_str("  caller is silent\n"),
                PlanLine::Caller(Step::HangUp) => o.push_str("  caller hangs up\n"),
                PlanLine::SayContaining(t) => {
                    let _ = writeln!(o, "  expect say containing {}", quote(t));
                }
                PlanLine::TransferQueue(q, w) => {
                    let _ = write!(o, "  expect transfer to queue {q}");
                    if let Some(w) = w {
                        let _ = write!(o, " whisper {w}");
                    }
                    o.push('\n');
                }
                PlanLine::TransferFlow(f) => {
                    let _ = writeln!(o, "  expect transfer to flow {f}");
                }
                PlanLine::HangUp => o.push_str("  expect hang up\n"),
                PlanLine::Return(None) => o.push_str("  expect return\n"),
                PlanLine::Return(Some(r)) => {
                    let _ = writeln!(o, "  expect return {r}");
                }
            }
        }
        o.push_str("}\n");
        o
    }
}
