//! The interpreter: runs calls through a [`Program`] in a [`World`], as Amazon Connect would.
//!
//! A [`Session`] binds a program to a world once (hours evaluated at the clock, Lambda mocks
//! matched to actions, initial attributes interned) and keeps the per-call state, whose buffers
//! are reused from call to call: once warm, a call allocates nothing unless its observer records
//! events or its data is dynamic (templates, JSON Lambda results read as text).
//!
//! How a successor is picked (reference §3): on failure the `Errors` entry of the specific error,
//! else `NoMatchingError`; on a result the first true condition, else `NoMatchingCondition`,
//! else `NextAction` (which exports write as the else branch); otherwise `NextAction`. An error
//! with no branch, or a missing `NextAction`, strands the caller ([`Outcome::Stranded`]).
//!
//! Inferred behaviour, where the documents are silent:
//! - speech at a DTMF prompt is not heard: the input times out;
//! - silence at a Lex prompt gives the fallback intent;
//! - a failed Lambda leaves `$.External` as it was;
//! - stored digits validated as a local phone number are stored in E.164 form.

mod actions;
mod eval;
mod lambda;
mod lex;

use dialect_compiler::connect::ErrorType;
use dialect_compiler::lower::MODULE_OUTCOME_ATTRIBUTE;
use serde_json::Value;

use crate::expr::{Expr, Sym};
use crate::hours::HoursStatus;
use crate::nlu::{Recognition, Scratch};
use crate::program::{Op, OpKind, Program, PromptExpr, Target};
use crate::script::Step;
use crate::trace::{Event, Observer, Outcome, Taken};
use crate::world::World;

/// Bounds on one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Actions executed before the call is cut ([`Outcome::StepLimit`]).
    pub max_steps: u32,
    /// Nested module invocations.
    pub max_module_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_steps: 10_000,
            max_module_depth: 16,
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Slot {
    set: bool,
    val: String,
}

impl Slot {
    fn get(&self) -> Option<&str> {
        self.set.then_some(self.val.as_str())
    }
    fn put(&mut self, v: &str) {
        self.set = true;
        self.val.clear();
        self.val.push_str(v);
    }
    fn clear(&mut self) {
        self.set = false;
    }
}

/// Per-call state; buffers survive from call to call.
#[derive(Debug, Default)]
struct State<'a> {
    attrs: Vec<Slot>,
    flow_attrs: Vec<Slot>,
    stored: Slot,
    external: Option<&'a Value>,
    /// Bot, locale and intent of the last Lex result.
    lex: Option<(u32, u32)>,
    rec: Recognition,
    lex_state: &'static str,
    confirmation: &'static str,
    customer: Option<usize>,
    queue: Option<usize>,
    queue_name: Slot,
    metrics_queue: Option<Option<usize>>,
    hooks: Vec<(&'a str, String, bool)>,
    callback: Slot,
    loops: Vec<u32>,
    lambda_calls: Vec<u32>,
    stack: Vec<(u32, u32)>,
    language: Slot,
    rng: u64,
    waited_s: u64,
    nlu: Scratch,
    buf: String,
    vals: Vec<String>,
}

/// Where a queued contact is: not queued, hearing the customer queue flow, or connected while
/// the agent hears the whisper flow (the queue's name in each).
enum Queued {
    No,
    Waiting(String),
    Whispering(String),
}

enum Ctl {
    Take(Taken),
    End(Outcome),
    Jump(u32),
    Call(u32),
    Return,
}

/// A program bound to a world, ready to run calls.
#[derive(Debug)]
pub struct Session<'a> {
    program: &'a Program,
    world: &'a World,
    /// Bounds on each call.
    pub limits: Limits,
    hours: Vec<HoursStatus>,
    /// Per flow, per action: what an action with a static target refers to, found once per
    /// session instead of by name on every call: the world's Lambda mock of
    /// `InvokeLambdaFunction`, the world's hours of `CheckHoursOfOperation`, the program's flow of
    /// `TransferToFlow` and `InvokeFlowModule`.
    bind: Vec<Vec<Option<u32>>>,
    /// Per flow, per action: the index of the world's fault for it (empty without faults).
    fault_bind: Vec<Vec<Option<u32>>>,
    init_attrs: Vec<(Sym, &'a str)>,
    initial_queue: Option<usize>,
    calls: u64,
    st: State<'a>,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl<'a> Session<'a> {
    /// Binds a program to a world.
    #[must_use]
    pub fn new(program: &'a Program, world: &'a World) -> Self {
        let hours = world
            .hours
            .iter()
            .map(|h| h.status(world.clock.now))
            .collect();
        let index = |i: Option<usize>| i.and_then(|i| u32::try_from(i).ok());
        let bind = program
            .flows
            .iter()
            .map(|f| {
                f.ops
                    .iter()
                    .map(|op| match &op.kind {
                        OpKind::Lambda {
                            function: Expr::Static(arn),
                            ..
                        } => index(world.lambdas.iter().position(|m| m.matches(arn))),
                        OpKind::CheckHours(Some(Expr::Static(id))) => index(
                            world
                                .hours
                                .iter()
                                .position(|h| crate::world::matches_id(&h.id, id)),
                        ),
                        OpKind::ToFlow(Expr::Static(name))
                        | OpKind::InvokeModule(Expr::Static(name)) => program.flow_named(name),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let fault_bind = if world.faults.is_empty() {
            Vec::new()
        } else {
            program
                .flows
                .iter()
                .map(|f| {
                    f.ops
                        .iter()
                        .map(|op| {
                            world
                                .faults
                                .iter()
                                .position(|x| x.flow == f.name && x.action == op.id)
                                .and_then(|i| u32::try_from(i).ok())
                        })
                        .collect()
                })
                .collect()
        };
        let init_attrs = world
            .attributes
            .iter()
            .filter_map(|(k, v)| program.names.get(k).map(|s| (s, v.as_str())))
            .collect();
        let n = program.names.len();
        let st = State {
            attrs: vec![Slot::default(); n],
            flow_attrs: vec![Slot::default(); n],
            loops: vec![0; program.loops as usize],
            lambda_calls: vec![0; world.lambdas.len()],
            ..State::default()
        };
        Self {
            program,
            world,
            limits: Limits::default(),
            hours,
            bind,
            fault_bind,
            init_attrs,
            initial_queue: world.queue.as_deref().and_then(|q| world.queue(q)),
            calls: 0,
            st,
        }
    }

    /// The program.
    #[must_use]
    pub fn program(&self) -> &'a Program {
        self.program
    }

    /// What action `pc` of flow `f` refers to, when its target is static (see `bind`).
    fn bound(&self, f: u32, pc: u32) -> Option<u32> {
        self.bind
            .get(f as usize)
            .and_then(|v| v.get(pc as usize))
            .copied()
            .flatten()
    }

    /// A contact attribute after the last call.
    #[must_use]
    pub fn attribute(&self, name: &str) -> Option<&str> {
        let s = self.program.names.get(name)?;
        self.st.attrs.get(s.0 as usize)?.get()
    }

    /// Every contact attribute set after the last call, in name order.
    #[must_use]
    pub fn attributes(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .st
            .attrs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let name = self.program.names.name(Sym(u32::try_from(i).ok()?));
                s.get().map(|v| (name.to_owned(), v.to_owned()))
            })
            .collect();
        out.sort();
        out
    }

    fn reset(&mut self) {
        let st = &mut self.st;
        for s in &mut st.attrs {
            s.clear();
        }
        for s in &mut st.flow_attrs {
            s.clear();
        }
        for &(sym, v) in &self.init_attrs {
            if let Some(s) = st.attrs.get_mut(sym.0 as usize) {
                s.put(v);
            }
        }
        st.stored.clear();
        st.external = None;
        st.lex = None;
        st.rec.clear();
        st.lex_state = "";
        st.confirmation = "";
        st.customer = None;
        st.queue = None;
        st.queue_name.clear();
        if let Some(q) = &self.world.queue {
            st.queue = self.initial_queue;
            st.queue_name.put(q);
        }
        st.metrics_queue = None;
        for h in &mut st.hooks {
            h.2 = false;
        }
        st.callback.clear();
        st.loops.iter_mut().for_each(|c| *c = 0);
        st.lambda_calls.iter_mut().for_each(|c| *c = 0);
        st.stack.clear();
        st.language.clear();
        st.waited_s = 0;
        self.calls = self.calls.wrapping_add(1);
        st.rng = splitmix(self.world.seed ^ self.calls);
    }

    /// Runs one call from the start of `flow` (index in the program).
    pub fn run<O: Observer>(&mut self, flow: u32, script: &[Step], obs: &mut O) -> Outcome {
        self.reset();
        let program = self.program;
        let mut cursor = 0usize;
        let mut f = flow;
        let Some(cf) = program.flows.get(f as usize) else {
            return end(obs, Outcome::RuntimeError(format!("no flow number {flow}")));
        };
        if O::EVENTS {
            obs.event(Event::FlowStarted(cf.name.clone()));
        }
        let mut pc = match start_of(program, f) {
            Ok(pc) => pc,
            Err(o) => return end(obs, o),
        };
        let mut steps = 0u32;
        let mut queued = Queued::No;
        loop {
            steps += 1;
            if steps > self.limits.max_steps {
                return end(obs, Outcome::StepLimit(self.limits.max_steps));
            }
            let cf = &program.flows[f as usize];
            let Some(op) = cf.ops.get(pc as usize) else {
                return end(obs, Outcome::RuntimeError(format!("no action {pc}")));
            };
            if O::EVENTS {
                obs.event(Event::Step(
                    cf.name.clone(),
                    op.id.clone(),
                    op.type_name.clone(),
                ));
            }
            let fault = self
                .fault_bind
                .get(f as usize)
                .and_then(|ops| ops.get(pc as usize).copied().flatten())
                .and_then(|i| self.world.faults.get(i as usize));
            let ctl = match fault {
                Some(fault) => Self::fail(op, &fault.error, obs),
                None => self.exec(f, pc, op, script, &mut cursor, obs),
            };
            match ctl {
                Ctl::Take(taken) => {
                    obs.branch(f, pc, taken);
                    match target(program, f, op, taken) {
                        Ok(next) => pc = next,
                        Err(o) => return end(obs, o),
                    }
                }
                Ctl::End(o) => {
                    obs.branch(f, pc, Taken::End);
                    f = match self.after_queue(&mut queued, o, obs) {
                        Ok(nf) => nf,
                        Err(o) => return end(obs, o),
                    };
                    pc = match self.enter(f, obs) {
                        Ok(pc) => pc,
                        Err(o) => return end(obs, o),
                    };
                }
                Ctl::Jump(nf) => {
                    obs.branch(f, pc, Taken::End);
                    f = nf;
                    pc = match self.enter(f, obs) {
                        Ok(pc) => pc,
                        Err(o) => return end(obs, o),
                    };
                }
                Ctl::Call(m) => {
                    if self.st.stack.len() >= self.limits.max_module_depth {
                        return end(
                            obs,
                            Outcome::RuntimeError(format!(
                                "modules nested deeper than {}",
                                self.limits.max_module_depth
                            )),
                        );
                    }
                    self.st.stack.push((f, pc));
                    f = m;
                    pc = match start_of(program, f) {
                        Ok(pc) => pc,
                        Err(o) => return end(obs, o),
                    };
                }
                Ctl::Return => {
                    obs.branch(f, pc, Taken::End);
                    if O::EVENTS {
                        let outcome = self
                            .attribute(MODULE_OUTCOME_ATTRIBUTE)
                            .filter(|o| !o.is_empty())
                            .map(str::to_owned);
                        obs.event(Event::ModuleReturned(
                            program.flows[f as usize].name.clone(),
                            outcome,
                        ));
                    }
                    let Some((rf, rpc)) = self.st.stack.pop() else {
                        return end(obs, Outcome::ModuleEnded);
                    };
                    obs.branch(rf, rpc, Taken::Next);
                    f = rf;
                    let op = &program.flows[f as usize].ops[rpc as usize];
                    match target(program, f, op, Taken::Next) {
                        Ok(next) => pc = next,
                        Err(o) => return end(obs, o),
                    }
                }
            }
        }
    }

    /// Starts flow `f` in place of the current one (a transfer, or the queue and whisper flows):
    /// no module to return to, no flow attributes; its first action.
    fn enter<O: Observer>(&mut self, f: u32, obs: &mut O) -> Result<u32, Outcome> {
        self.st.stack.clear();
        for s in &mut self.st.flow_attrs {
            s.clear();
        }
        if O::EVENTS {
            obs.event(Event::FlowStarted(
                self.program.flows[f as usize].name.clone(),
            ));
        }
        start_of(self.program, f)
    }

    /// After a flow ends in `o`: the flow Connect runs next for a queued contact (`Ok`), or
    /// the end of the call (`Err`).
    ///
    /// A contact queued with a customer queue flow hears it while it waits; the agent answers
    /// when that flow ends (`EndFlowExecution`) or waits for the caller once the script has
    /// nothing more to do (the bounded wait: a test's caller lines are all the waiting there
    /// is). Then the agent whisper flow, if one is set, plays, and the call ends connected to
    /// the queue's agent (`TransferredToQueue`).
    fn after_queue<O: Observer>(
        &mut self,
        queued: &mut Queued,
        o: Outcome,
        obs: &mut O,
    ) -> Result<u32, Outcome> {
        let next = match (std::mem::replace(queued, Queued::No), o) {
            (Queued::No, Outcome::TransferredToQueue(q)) => match self.hook_flow("CustomerQueue") {
                Some(nf) => {
                    *queued = Queued::Waiting(q);
                    return Ok(nf);
                }
                None => q,
            },
            (
                Queued::Waiting(q),
                Outcome::FlowEnded | Outcome::ScriptEnded | Outcome::ConnectedToAgent,
            ) => {
                if O::EVENTS {
                    obs.event(Event::AgentAnswered(q.clone()));
                }
                q
            }
            (Queued::Whispering(q), Outcome::FlowEnded) => {
                return Err(Outcome::TransferredToQueue(q));
            }
            (_, o) => return Err(o),
        };
        match self.hook_flow("AgentWhisper") {
            Some(nf) => {
                *queued = Queued::Whispering(next);
                Ok(nf)
            }
            None => Err(Outcome::TransferredToQueue(next)),
        }
    }

    /// The program's flow that the event hook `hook` is set to, if it is set and simulated.
    fn hook_flow(&self, hook: &str) -> Option<u32> {
        let (_, flow, _) = self
            .st
            .hooks
            .iter()
            .find(|(h, _, set)| *set && *h == hook)?;
        self.program.flow_named(flow)
    }

    fn prompt<O: Observer>(&self, p: &PromptExpr, obs: &mut O) {
        if !O::EVENTS {
            return;
        }
        let text = match p {
            PromptExpr::None => return,
            PromptExpr::Text(e) | PromptExpr::Ssml(e) => self.eval_owned(e),
            PromptExpr::Audio(e) => format!("<{}>", self.eval_owned(e)),
        };
        obs.event(Event::Prompt(text));
    }

    fn fail<O: Observer>(op: &Op, error: &ErrorType, obs: &mut O) -> Ctl {
        if O::EVENTS {
            obs.event(Event::Error(op.id.clone(), error.name().to_owned()));
        }
        match op.error_branch(error) {
            Some(i) => Ctl::Take(Taken::Error(i)),
            None => Ctl::End(Outcome::Stranded(format!(
                "{error} at `{}` has no error branch",
                op.id
            ))),
        }
    }

    fn result<O: Observer>(op: &Op, value: &str, obs: &mut O) -> Ctl {
        if let Some(i) = op.conds.iter().position(|c| c.holds(value)) {
            return Ctl::Take(Taken::Condition(u16::try_from(i).unwrap_or(u16::MAX)));
        }
        let nmc = ErrorType::NoMatchingCondition;
        if let Some(i) = op.error_branch(&nmc) {
            if O::EVENTS {
                obs.event(Event::Error(op.id.clone(), nmc.name().to_owned()));
            }
            return Ctl::Take(Taken::Error(i));
        }
        if op.next != Target::None {
            return Ctl::Take(Taken::Next);
        }
        Ctl::End(Outcome::Stranded(format!(
            "no condition of `{}` matches {value:?} and there is no default branch",
            op.id
        )))
    }

    /// The caller's next step, reported to the observer. `Err` ends the call.
    fn listen<'s, O: Observer>(
        script: &'s [Step],
        cursor: &mut usize,
        obs: &mut O,
    ) -> Result<&'s Step, Outcome> {
        let Some(step) = script.get(*cursor) else {
            return Err(Outcome::ScriptEnded);
        };
        *cursor += 1;
        if O::EVENTS {
            obs.event(match step {
                Step::Say(t) => Event::Said(t.clone()),
                Step::Press(d) => Event::Pressed(d.clone()),
                Step::Silent => Event::Silence,
                Step::HangUp => Event::HangUp,
            });
        }
        if *step == Step::HangUp {
            return Err(Outcome::CallerHungUp);
        }
        Ok(step)
    }
}

fn end<O: Observer>(obs: &mut O, o: Outcome) -> Outcome {
    obs.ended(&o);
    if O::EVENTS {
        obs.event(Event::Ended(o.clone()));
    }
    o
}

fn start_of(program: &Program, f: u32) -> Result<u32, Outcome> {
    let cf = &program.flows[f as usize];
    match cf.start {
        Target::Action(i) => Ok(i),
        Target::None => Err(Outcome::Stranded(format!(
            "flow {:?} has no start",
            cf.name
        ))),
        Target::Missing(m) => Err(Outcome::Stranded(format!(
            "the start action {:?} of flow {:?} does not exist",
            cf.missing_name(m),
            cf.name
        ))),
    }
}

fn target(program: &Program, f: u32, op: &Op, taken: Taken) -> Result<u32, Outcome> {
    let cf = &program.flows[f as usize];
    let t = match taken {
        Taken::Next => op.next,
        Taken::Condition(i) => op.conds.get(i as usize).map_or(Target::None, |c| c.target),
        Taken::Error(i) => op.errors.get(i as usize).map_or(Target::None, |e| e.1),
        Taken::End => Target::None,
    };
    match t {
        Target::Action(i) => Ok(i),
        Target::None => Err(Outcome::Stranded(format!(
            "`{}` ({}) has no next action",
            op.id, op.type_name
        ))),
        Target::Missing(m) => Err(Outcome::Stranded(format!(
            "`{}` goes to {:?}, which is not an action of the flow",
            op.id,
            cf.missing_name(m)
        ))),
    }
}
