//! Exhaustive exploration: every distinct path through a flow, taking each branch of each
//! decision point (inputs, comparisons, checks, error outcomes), following transfers and modules
//! within the program, with loops unrolled to their static `LoopCount` and bounds on repeated
//! visits and depth. Paths that end without a terminal action (a missing next action, a target
//! that is not in the flow, an unhandled error, an action the simulator cannot run) are
//! reported as stranded. Order is deterministic: depth first, branches in document order
//! (`NextAction`, conditions, errors); branches that lead to the same action are explored once.

use dialect_compiler::connect::{ActionType, ErrorType};

use crate::coverage::Coverage;
use crate::expr::Expr;
use crate::program::{Op, OpKind, Program, Target};
use crate::trace::Taken;

/// Bounds of an exploration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExploreOptions {
    /// Stop after this many paths (the result says it was truncated).
    pub max_paths: usize,
    /// Longest path, in actions.
    pub max_depth: usize,
    /// How often one action may occur on one path (loops without a static bound).
    pub max_visits: u32,
    /// Also report errors an action can raise but has no branch for (Connect would disconnect).
    pub unhandled_errors: bool,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        Self {
            max_paths: 10_000,
            max_depth: 400,
            max_visits: 3,
            unhandled_errors: false,
        }
    }
}

/// How a path ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathEnd {
    /// A terminal action (disconnect, end flow, transfer to agent, module return at the top).
    Terminal(String),
    /// The contact leaves the program (queue, a flow or number outside it, an agent answers).
    Left(String),
    /// The caller is stranded: why.
    Stranded(String),
    /// An action was visited more often than allowed on one path.
    LoopBound,
    /// The path grew longer than allowed.
    DepthBound,
}

impl PathEnd {
    /// Whether the caller is stranded on this path.
    #[must_use]
    pub fn is_stranded(&self) -> bool {
        matches!(self, PathEnd::Stranded(_))
    }
}

/// One step of a path: the flow, the action and the branch taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathStep {
    /// Flow index.
    pub flow: u32,
    /// Action index.
    pub action: u32,
    /// Branch taken.
    pub taken: Taken,
}

/// One path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// Its steps.
    pub steps: Vec<PathStep>,
    /// How it ends.
    pub end: PathEnd,
}

/// The result of an exploration.
#[derive(Debug, Clone, PartialEq)]
pub struct Exploration {
    /// The paths, in exploration order.
    pub paths: Vec<Path>,
    /// The path limit was reached.
    pub truncated: bool,
    /// Branches not explored separately because they lead where an explored branch of the
    /// same action leads: `(flow, action, branch)`.
    pub equivalent: Vec<(u32, u32, Taken)>,
}

impl Exploration {
    /// The stranded paths.
    pub fn stranded(&self) -> impl Iterator<Item = &Path> {
        self.paths.iter().filter(|p| p.end.is_stranded())
    }

    /// Branch coverage of all paths together.
    #[must_use]
    pub fn coverage(&self, program: &Program) -> Coverage {
        let mut c = Coverage::new(program);
        for p in &self.paths {
            for s in &p.steps {
                c.record(s.flow, s.action, s.taken);
            }
        }
        for &(f, a, t) in &self.equivalent {
            c.record(f, a, t);
        }
        c.calls = self.paths.len() as u64;
        c
    }

    /// A path as text: `action [branch] -> … => end`.
    #[must_use]
    pub fn render_path(&self, program: &Program, path: &Path) -> String {
        let mut out = String::new();
        for s in &path.steps {
            let Some(op) = program
                .flows
                .get(s.flow as usize)
                .and_then(|f| f.ops.get(s.action as usize))
            else {
                continue;
            };
            let b = match s.taken {
                Taken::Next => String::new(),
                Taken::Condition(i) => op
                    .conds
                    .get(i as usize)
                    .map(|c| format!(" [{} {:?}]", c.operator, c.operand))
                    .unwrap_or_default(),
                Taken::Error(i) => op
                    .errors
                    .get(i as usize)
                    .map(|e| format!(" [{}]", e.0))
                    .unwrap_or_default(),
                Taken::End => String::new(),
            };
            out.push_str(&op.id);
            out.push_str(&b);
            out.push_str(" -> ");
        }
        let end = match &path.end {
            PathEnd::Terminal(t) => format!("end ({t})"),
            PathEnd::Left(t) => format!("left ({t})"),
            PathEnd::Stranded(w) => format!("STRANDED ({w})"),
            PathEnd::LoopBound => "loop bound".to_owned(),
            PathEnd::DepthBound => "depth bound".to_owned(),
        };
        out.push_str(&end);
        out
    }
}

/// Where a choice leads.
enum Next {
    Goto(u32),
    End(PathEnd),
    Jump(u32),
    Call(u32),
    Return,
    /// A loop step: the new counter value, then go to the target.
    Loop(u32, u32),
}

struct Explorer<'p> {
    program: &'p Program,
    opts: ExploreOptions,
    paths: Vec<Path>,
    truncated: bool,
    steps: Vec<PathStep>,
    stack: Vec<(u32, u32)>,
    visits: Vec<Vec<u32>>,
    loops: Vec<u32>,
    equivalent: std::collections::BTreeSet<(u32, u32, Taken)>,
}

/// Explores every path from the start of flow `flow` (index in the program).
#[must_use]
pub fn explore(program: &Program, flow: u32, opts: ExploreOptions) -> Exploration {
    let mut ex = Explorer {
        program,
        opts,
        paths: Vec::new(),
        truncated: false,
        steps: Vec::new(),
        stack: Vec::new(),
        visits: program.flows.iter().map(|f| vec![0; f.ops.len()]).collect(),
        loops: vec![0; program.loops as usize],
        equivalent: std::collections::BTreeSet::new(),
    };
    match program.flows.get(flow as usize) {
        None => ex.finish(PathEnd::Stranded(format!("no flow number {flow}"))),
        Some(f) => match f.start {
            Target::Action(s) => ex.visit(flow, s),
            Target::None => ex.finish(PathEnd::Stranded("the flow has no start".into())),
            Target::Missing(m) => ex.finish(PathEnd::Stranded(format!(
                "the start action {:?} does not exist",
                f.missing_name(m)
            ))),
        },
    }
    Exploration {
        paths: ex.paths,
        truncated: ex.truncated,
        equivalent: ex.equivalent.into_iter().collect(),
    }
}

fn resolve(program: &Program, f: u32, t: Target, op: &Op) -> Next {
    match t {
        Target::Action(i) => Next::Goto(i),
        Target::None => Next::End(PathEnd::Stranded(format!("`{}` has no next action", op.id))),
        Target::Missing(m) => Next::End(PathEnd::Stranded(format!(
            "`{}` goes to {:?}, which is not in the flow",
            op.id,
            program.flows[f as usize].missing_name(m)
        ))),
    }
}

impl Explorer<'_> {
    fn finish(&mut self, end: PathEnd) {
        if self.paths.len() >= self.opts.max_paths {
            self.truncated = true;
            return;
        }
        self.paths.push(Path {
            steps: self.steps.clone(),
            end,
        });
    }

    fn full(&self) -> bool {
        self.paths.len() >= self.opts.max_paths
    }

    fn visit(&mut self, f: u32, pc: u32) {
        if self.full() {
            self.truncated = true;
            return;
        }
        if self.steps.len() >= self.opts.max_depth {
            self.finish(PathEnd::DepthBound);
            return;
        }
        let (fi, pi) = (f as usize, pc as usize);
        let Some(op) = self.program.flows.get(fi).and_then(|fl| fl.ops.get(pi)) else {
            self.finish(PathEnd::Stranded(format!("no action {pc}")));
            return;
        };
        if self.visits[fi][pi] >= self.opts.max_visits {
            self.finish(PathEnd::LoopBound);
            return;
        }
        self.visits[fi][pi] += 1;
        // Branches to the same action continue identically: explore the first, and count the
        // others as taken too.
        let mut choices = self.choices(f, op);
        let mut seen: Vec<u32> = Vec::new();
        choices.retain(|(taken, n)| {
            if let Next::Goto(t) = n {
                if seen.contains(t) {
                    self.equivalent.insert((f, pc, *taken));
                    return false;
                }
                seen.push(*t);
            }
            true
        });
        for (taken, next) in choices {
            if self.full() {
                self.truncated = true;
                break;
            }
            self.steps.push(PathStep {
                flow: f,
                action: pc,
                taken,
            });
            self.follow(f, next);
            self.steps.pop();
        }
        self.visits[fi][pi] -= 1;
    }

    fn follow(&mut self, f: u32, next: Next) {
        match next {
            Next::Goto(pc) => self.visit(f, pc),
            Next::End(e) => self.finish(e),
            Next::Jump(nf) => {
                let saved = std::mem::take(&mut self.stack);
                match self.program.flows[nf as usize].start {
                    Target::Action(s) => self.visit(nf, s),
                    _ => self.finish(PathEnd::Stranded("the target flow has no start".into())),
                }
                self.stack = saved;
            }
            Next::Call(m) => {
                let Some(caller) = self.steps.last().copied() else {
                    return;
                };
                self.stack.push((caller.flow, caller.action));
                match self.program.flows[m as usize].start {
                    Target::Action(s) => self.visit(m, s),
                    _ => self.finish(PathEnd::Stranded("the module has no start".into())),
                }
                self.stack.pop();
            }
            Next::Return => {
                let Some((rf, rpc)) = self.stack.pop() else {
                    self.finish(PathEnd::Terminal("module ended".into()));
                    return;
                };
                let op = &self.program.flows[rf as usize].ops[rpc as usize];
                let n = resolve(self.program, rf, op.next, op);
                self.follow(rf, n);
                self.stack.push((rf, rpc));
            }
            Next::Loop(slot, value) => {
                let Some(t) = self.steps.last().copied() else {
                    return;
                };
                let old = self.loops[slot as usize];
                self.loops[slot as usize] = value;
                let op = &self.program.flows[f as usize].ops[t.action as usize];
                let target = match t.taken {
                    Taken::Condition(i) => op.conds[i as usize].target,
                    Taken::Error(i) => op.errors[i as usize].1,
                    _ => op.next,
                };
                let n = resolve(self.program, f, target, op);
                self.follow(f, n);
                self.loops[slot as usize] = old;
            }
        }
    }

    #[allow(clippy::too_many_lines)]
    fn choices(&self, f: u32, op: &Op) -> Vec<(Taken, Next)> {
        let p = self.program;
        let mut out: Vec<(Taken, Next)> = Vec::new();
        let errors = |out: &mut Vec<(Taken, Next)>| {
            for (i, (_, t)) in op.errors.iter().enumerate() {
                out.push((
                    Taken::Error(u16::try_from(i).unwrap_or(u16::MAX)),
                    resolve(p, f, *t, op),
                ));
            }
        };
        let static_flow = |e: &Expr| e.as_static().and_then(|n| p.flow_named(n));
        match &op.kind {
            OpKind::Disconnect => out.push((
                Taken::End,
                Next::End(PathEnd::Terminal("disconnect".into())),
            )),
            OpKind::EndFlow => {
                out.push((Taken::End, Next::End(PathEnd::Terminal("end flow".into()))))
            }
            OpKind::ToAgent => {
                out.push((Taken::End, Next::End(PathEnd::Terminal("to agent".into()))))
            }
            OpKind::EndModule => out.push((Taken::End, Next::Return)),
            OpKind::Unsupported(t) => out.push((
                Taken::End,
                Next::End(PathEnd::Stranded(format!("unsupported action type {t:?}"))),
            )),
            OpKind::ToQueue | OpKind::Dequeue(_) => {
                out.push((Taken::End, Next::End(PathEnd::Left("queue".into()))));
                errors(&mut out);
            }
            OpKind::ToFlow(e) => {
                match static_flow(e) {
                    Some(nf) => out.push((Taken::End, Next::Jump(nf))),
                    None => out.push((
                        Taken::End,
                        Next::End(PathEnd::Left("flow outside the program".into())),
                    )),
                }
                errors(&mut out);
            }
            OpKind::InvokeModule(e) => {
                match static_flow(e) {
                    Some(m) => out.push((Taken::Next, Next::Call(m))),
                    // A module outside the program is assumed to return.
                    None => out.push((Taken::Next, resolve(p, f, op.next, op))),
                }
                errors(&mut out);
            }
            OpKind::ThirdParty {
                continues: false, ..
            } => {
                out.push((Taken::End, Next::End(PathEnd::Left("phone number".into()))));
                errors(&mut out);
            }
            OpKind::LoopPrompts { .. } => {
                out.push((Taken::End, Next::End(PathEnd::Left("agent answers".into()))));
                for (i, c) in op.conds.iter().enumerate() {
                    out.push((
                        Taken::Condition(u16::try_from(i).unwrap_or(u16::MAX)),
                        resolve(p, f, c.target, op),
                    ));
                }
                errors(&mut out);
            }
            OpKind::Loop { count, slot } => {
                let n = count.as_static().and_then(|s| s.trim().parse::<u32>().ok());
                let cur = self.loops.get(*slot as usize).copied().unwrap_or(0);
                let pick = |value: &str| {
                    op.conds
                        .iter()
                        .position(|c| c.holds(value))
                        .and_then(|i| u16::try_from(i).ok())
                };
                let mut add = |value: &str, new: u32| match pick(value) {
                    Some(i) => out.push((Taken::Condition(i), Next::Loop(*slot, new))),
                    None => out.push((Taken::Next, Next::Loop(*slot, new))),
                };
                match n {
                    Some(n) if cur < n => add("ContinueLooping", cur + 1),
                    Some(_) => add("DoneLooping", 0),
                    None => {
                        add("ContinueLooping", cur.saturating_add(1));
                        add("DoneLooping", 0);
                    }
                }
            }
            _ => {
                if op.conds.is_empty() {
                    out.push((Taken::Next, resolve(p, f, op.next, op)));
                } else {
                    for (i, c) in op.conds.iter().enumerate() {
                        out.push((
                            Taken::Condition(u16::try_from(i).unwrap_or(u16::MAX)),
                            resolve(p, f, c.target, op),
                        ));
                    }
                    let has_nmc = op.error_branch(&ErrorType::NoMatchingCondition).is_some();
                    // An action with a closed set of results (`CheckOutboundCallStatus`,
                    // `CheckHoursOfOperation`) whose every result has a condition never
                    // matches nothing.
                    let all_results_covered =
                        ActionType::from_name(&op.type_name).is_some_and(|t| match t.results() {
                            dialect_compiler::connect::Results::Closed(values) => {
                                values.iter().all(|v| op.conds.iter().any(|c| c.holds(v)))
                            }
                            _ => false,
                        });
                    if !has_nmc && !all_results_covered {
                        if op.next == Target::None {
                            out.push((
                                Taken::End,
                                Next::End(PathEnd::Stranded(format!(
                                    "no condition of `{}` matches and there is no default branch",
                                    op.id
                                ))),
                            ));
                        } else {
                            out.push((Taken::Next, resolve(p, f, op.next, op)));
                        }
                    }
                }
                errors(&mut out);
            }
        }
        if self.opts.unhandled_errors
            && let Some(t) = ActionType::from_name(&op.type_name)
        {
            for e in t.possible_errors() {
                if *e != ErrorType::NoMatchingCondition && op.error_branch(e).is_none() {
                    out.push((
                        Taken::End,
                        Next::End(PathEnd::Stranded(format!(
                            "{e} at `{}` has no error branch",
                            op.id
                        ))),
                    ));
                }
            }
        }
        out
    }
}

/// What a path needs: the caller's steps and the conditions of the world (in words).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PathInputs {
    /// The caller's steps that drive the path through its input actions.
    pub script: crate::script::Script,
    /// What the world must do for the path: `reserve: the Lambda fails`, `hours: closed`, ….
    pub world: Vec<String>,
}

pub(crate) fn free_key(op: &Op) -> String {
    "0123456789*#"
        .chars()
        .find(|k| {
            let mut b = [0u8; 4];
            let k = k.encode_utf8(&mut b);
            !op.conds.iter().any(|c| c.holds(k))
        })
        .map_or_else(|| "#".to_owned(), |k| k.to_string())
}

/// A sample sentence for an intent, with its slots filled by the first value of their type
/// (or `1` for numbers), and the confirmation answer if it asks for one.
pub(crate) fn sample_for(
    program: &Program,
    bot: Option<u32>,
    intent: &str,
) -> Vec<crate::script::Step> {
    use crate::nlu::{PatternPiece, SlotKind};
    use crate::script::Step;
    let Some(locale) = bot
        .and_then(|b| program.bots.get(b as usize))
        .and_then(|b| b.locale(None))
    else {
        return vec![Step::Say(intent.to_owned())];
    };
    let Some(model) = locale.intents.iter().find(|i| i.name == intent) else {
        return vec![Step::Say("zzz".to_owned())];
    };
    let value = |i: usize| -> String {
        match model.slots.get(i).map(|s| &s.kind) {
            Some(SlotKind::Custom { values, .. }) => values
                .first()
                .map_or_else(|| "x".to_owned(), |v| v.canonical.clone()),
            Some(SlotKind::Confirmation) => "yes".to_owned(),
            _ => "1".to_owned(),
        }
    };
    let mut out = Vec::new();
    match model.patterns.first() {
        Some(p) => {
            let mut text = String::new();
            for piece in &p.pieces {
                match piece {
                    PatternPiece::Lit(l) => text.extend(l.iter()),
                    PatternPiece::Slot(i) => text.push_str(&value(*i)),
                }
            }
            out.push(Step::Say(text));
            // Required slots the sentence does not fill are answered in turn.
            for &i in &model.order {
                let in_sentence = p.pieces.contains(&PatternPiece::Slot(i));
                if model.slots.get(i).is_some_and(|s| s.required) && !in_sentence {
                    out.push(Step::Say(value(i)));
                }
            }
        }
        None => out.push(Step::Say(intent.to_owned())),
    }
    if model.confirmation.is_some() {
        let yes = if locale.id.starts_with("ja") {
            "はい"
        } else {
            "yes"
        };
        out.push(Step::Say(yes.to_owned()));
    }
    out
}

impl Exploration {
    /// The caller's steps and world conditions that make a call follow `path`.
    #[must_use]
    pub fn inputs(&self, program: &Program, path: &Path) -> PathInputs {
        use crate::script::Step;
        let mut out = PathInputs::default();
        for s in &path.steps {
            let Some(op) = program
                .flows
                .get(s.flow as usize)
                .and_then(|f| f.ops.get(s.action as usize))
            else {
                continue;
            };
            let error = match s.taken {
                Taken::Error(i) => op.errors.get(i as usize).map(|e| e.0.name().to_owned()),
                _ => None,
            };
            let cond = match s.taken {
                Taken::Condition(i) => op.conds.get(i as usize),
                _ => None,
            };
            let steps = &mut out.script.steps;
            match &op.kind {
                OpKind::GetInput { store, phone, .. } => match (error.as_deref(), cond) {
                    (Some("InputTimeLimitExceeded" | "NoMatchingError"), _) => {
                        steps.push(Step::Silent)
                    }
                    (Some("InvalidPhoneNumber"), _) => steps.push(Step::Press("1#".into())),
                    (Some(_), _) => steps.push(Step::Press(free_key(op))),
                    (None, Some(c)) => steps.push(Step::Press(c.operand.clone())),
                    (None, None) if *store && phone.is_some() => {
                        steps.push(Step::Press("09012345678#".into()));
                    }
                    (None, None) if *store => steps.push(Step::Press("1234#".into())),
                    (None, None) => steps.push(Step::Press(free_key(op))),
                },
                OpKind::Lex { bot, .. } => match (error.as_deref(), cond) {
                    (None, Some(c)) => steps.extend(sample_for(program, *bot, &c.operand)),
                    (Some("NoMatchingError"), _) => {
                        out.world.push(format!("{}: the bot fails", op.id));
                        steps.push(Step::Say("zzz".into()));
                    }
                    _ => steps.push(Step::Say("zzz".into())),
                },
                _ => {
                    let what = match (&error, cond) {
                        (Some(e), _) => Some(format!("{}: {e}", op.id)),
                        (None, Some(c)) => {
                            Some(format!("{}: {} {:?}", op.id, c.operator, c.operand))
                        }
                        _ => None,
                    };
                    if let Some(w) = what {
                        out.world.push(w);
                    }
                }
            }
        }
        out
    }

    /// A small set of paths that together take every branch the exploration took (greedy:
    /// repeatedly the path adding the most new branches; ties keep exploration order).
    #[must_use]
    pub fn covering_paths(&self) -> Vec<usize> {
        use std::collections::BTreeSet;
        let branches = |p: &Path| -> BTreeSet<(u32, u32, Taken)> {
            p.steps
                .iter()
                .map(|s| (s.flow, s.action, s.taken))
                .collect()
        };
        let sets: Vec<BTreeSet<(u32, u32, Taken)>> = self.paths.iter().map(branches).collect();
        let mut covered: BTreeSet<(u32, u32, Taken)> = BTreeSet::new();
        let mut chosen = Vec::new();
        loop {
            let best = sets
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.difference(&covered).count()))
                .filter(|&(_, n)| n > 0)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
            let Some((i, _)) = best else { break };
            covered.extend(sets[i].iter().copied());
            chosen.push(i);
        }
        chosen
    }
}

/// Explores every flow of the program from its start, on every core; results in flow order.
#[must_use]
pub fn explore_all(program: &Program, opts: ExploreOptions) -> Vec<Exploration> {
    let n = u32::try_from(program.flows.len()).unwrap_or(u32::MAX);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, program.flows.len().max(1));
    let ids: Vec<u32> = (0..n).collect();
    let chunk = ids.len().div_ceil(threads).max(1);
    let mut out = Vec::with_capacity(ids.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|&f| explore(program, f, opts))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(part) = h.join() {
                out.extend(part);
            }
        }
    });
    out
}
