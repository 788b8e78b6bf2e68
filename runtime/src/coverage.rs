//! Coverage: which actions ran and which branches were taken, error branches included, over
//! any number of calls. [`Coverage`] is an [`Observer`]; merge the coverage of parallel runs
//! with [`Coverage::merge`].

use std::fmt::Write as _;

use crate::program::{Op, Program, Target};
use crate::trace::{Event, Observer, Outcome, Taken};

/// Counts for one action.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionCoverage {
    /// `Identifier`.
    pub id: String,
    /// `Type`.
    pub type_name: String,
    /// Times the action ran.
    pub hits: u64,
    /// Times `NextAction` was taken (only counted as a branch when it is the success path).
    pub next: u64,
    /// Whether `NextAction` counts as a branch of its own.
    pub next_is_branch: bool,
    /// Times each condition was taken.
    pub conditions: Vec<u64>,
    /// Times each error branch was taken, with its error type.
    pub errors: Vec<(String, u64)>,
}

impl ActionCoverage {
    fn new(op: &Op) -> Self {
        Self {
            id: op.id.clone(),
            type_name: op.type_name.clone(),
            hits: 0,
            next: 0,
            next_is_branch: next_is_branch(op),
            conditions: vec![0; op.conds.len()],
            errors: op
                .errors
                .iter()
                .map(|(e, _)| (e.name().to_owned(), 0))
                .collect(),
        }
    }
}

/// Whether `NextAction` is a branch of its own: it is the success path of an action without
/// conditions, and not the export's copy of an error target.
#[must_use]
pub fn next_is_branch(op: &Op) -> bool {
    op.next != Target::None && op.conds.is_empty() && !op.next_is_fallback
}

/// Coverage of one flow.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlowCoverage {
    /// The flow's name.
    pub name: String,
    /// One entry per action, in document order.
    pub actions: Vec<ActionCoverage>,
}

/// Totals: covered and total for steps, branches and error branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Actions that ran.
    pub steps: (usize, usize),
    /// Branches taken (next, conditions, errors).
    pub branches: (usize, usize),
    /// Error branches taken.
    pub errors: (usize, usize),
}

impl Totals {
    /// Branch coverage in percent (100 when there are no branches).
    #[must_use]
    pub fn branch_percent(&self) -> f64 {
        percent(self.branches)
    }
}

fn percent((a, b): (usize, usize)) -> f64 {
    if b == 0 {
        100.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let p = a as f64 * 100.0 / b as f64;
        p
    }
}

impl FlowCoverage {
    /// Covered and total counts.
    #[must_use]
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for a in &self.actions {
            t.steps.1 += 1;
            t.steps.0 += usize::from(a.hits > 0);
            if a.next_is_branch {
                t.branches.1 += 1;
                t.branches.0 += usize::from(a.next > 0);
            }
            t.branches.1 += a.conditions.len();
            t.branches.0 += a.conditions.iter().filter(|&&n| n > 0).count();
            t.branches.1 += a.errors.len();
            t.branches.0 += a.errors.iter().filter(|(_, n)| *n > 0).count();
            t.errors.1 += a.errors.len();
            t.errors.0 += a.errors.iter().filter(|(_, n)| *n > 0).count();
        }
        t
    }

    /// The branches never taken, as `action: branch` lines.
    #[must_use]
    pub fn missed(&self) -> Vec<String> {
        let mut out = Vec::new();
        for a in &self.actions {
            if a.hits == 0 {
                out.push(format!("{}: never ran", a.id));
                continue;
            }
            if a.next_is_branch && a.next == 0 {
                out.push(format!("{}: next", a.id));
            }
            for (i, n) in a.conditions.iter().enumerate() {
                if *n == 0 {
                    out.push(format!("{}: condition {}", a.id, i + 1));
                }
            }
            for (e, n) in &a.errors {
                if *n == 0 {
                    out.push(format!("{}: error {e}", a.id));
                }
            }
        }
        out
    }
}

/// Coverage of every flow of a program.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    /// One entry per flow of the program.
    pub flows: Vec<FlowCoverage>,
    /// Calls observed.
    pub calls: u64,
}

impl Coverage {
    /// Empty coverage shaped like `program`.
    #[must_use]
    pub fn new(program: &Program) -> Self {
        Self {
            flows: program
                .flows
                .iter()
                .map(|f| FlowCoverage {
                    name: f.name.clone(),
                    actions: f.ops.iter().map(ActionCoverage::new).collect(),
                })
                .collect(),
            calls: 0,
        }
    }

    /// Adds the counts of `other` (same program).
    pub fn merge(&mut self, other: &Coverage) {
        self.calls += other.calls;
        for (a, b) in self.flows.iter_mut().zip(&other.flows) {
            for (x, y) in a.actions.iter_mut().zip(&b.actions) {
                x.hits += y.hits;
                x.next += y.next;
                for (p, q) in x.conditions.iter_mut().zip(&y.conditions) {
                    *p += q;
                }
                for (p, q) in x.errors.iter_mut().zip(&y.errors) {
                    p.1 += q.1;
                }
            }
        }
    }

    /// Records a branch (what the observer does).
    pub fn record(&mut self, flow: u32, action: u32, taken: Taken) {
        let Some(a) = self
            .flows
            .get_mut(flow as usize)
            .and_then(|f| f.actions.get_mut(action as usize))
        else {
            return;
        };
        a.hits += 1;
        match taken {
            Taken::Next => a.next += 1,
            Taken::Condition(i) => {
                if let Some(n) = a.conditions.get_mut(i as usize) {
                    *n += 1;
                }
            }
            Taken::Error(i) => {
                if let Some(n) = a.errors.get_mut(i as usize) {
                    n.1 += 1;
                }
            }
            Taken::End => {}
        }
    }

    /// A table: one line per flow with steps, branches and error branches covered.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::from("flow                          steps      branches   errors\n");
        for f in &self.flows {
            let t = f.totals();
            let _ = writeln!(
                out,
                "{:<29} {:>4}/{:<4}  {:>4}/{:<4}  {:>4}/{:<4}  {:5.1}%",
                f.name,
                t.steps.0,
                t.steps.1,
                t.branches.0,
                t.branches.1,
                t.errors.0,
                t.errors.1,
                t.branch_percent()
            );
        }
        out
    }
}

impl Observer for Coverage {
    const EVENTS: bool = false;
    fn event(&mut self, _: Event) {}
    fn ended(&mut self, _: &Outcome) {
        self.calls += 1;
    }
    fn branch(&mut self, flow: u32, action: u32, taken: Taken) {
        self.record(flow, action, taken);
    }
}

/// Two observers at once (for example a [`Trace`](crate::trace::Trace) and a [`Coverage`]).
#[derive(Debug, Default, Clone)]
pub struct Both<A, B>(pub A, pub B);

impl<A: Observer, B: Observer> Observer for Both<A, B> {
    const EVENTS: bool = A::EVENTS || B::EVENTS;
    fn event(&mut self, event: Event) {
        if A::EVENTS && B::EVENTS {
            self.0.event(event.clone());
            self.1.event(event);
        } else if A::EVENTS {
            self.0.event(event);
        } else if B::EVENTS {
            self.1.event(event);
        }
    }
    fn branch(&mut self, flow: u32, action: u32, taken: Taken) {
        self.0.branch(flow, action, taken);
        self.1.branch(flow, action, taken);
    }
    fn ended(&mut self, outcome: &Outcome) {
        self.0.ended(outcome);
        self.1.ended(outcome);
    }
}
