//! Lowering one flow: steps and targets. What each statement becomes is in `statement.rs`.
//!
//! Every statement is lowered on its own, knowing where each of its outcomes goes:
//!
//! - a written outcome goes to its target step's first action (a `-> step` statement has no
//!   action of its own, so a step that starts with one is entered at that step's target);
//! - `retry N then S` goes to a `Loop` action (`STEP-retry-K`, the step's K-th loop), one per
//!   step and `(N, S, re-prompt)`: `ContinueLooping` re-enters the step, `DoneLooping` goes to
//!   `S`. Connect keeps loop counts per action, so the outcomes of one step that retry the same
//!   way share their tries;
//! - `retry N saying P then S` puts a `MessageParticipant` playing `P` (`STEP-retry-K-say`, text
//!   or SSML as `say` lowers it) on the `ContinueLooping` branch, before the step again; when
//!   the tries are used up, `DoneLooping` goes to `S` without it. The re-prompt is part of the
//!   loop's key: a loop has one `ContinueLooping` branch, so outcomes that retry with different
//!   re-prompts need loops of their own, and each of those counts its own tries (`no match ->
//!   retry 2 saying A then S` and `timeout -> retry 2 saying B then S` allow two retries
//!   each). Outcomes with the same re-prompt (compared as lowered: same text, same SSML) share
//!   one loop, one message and their tries, as plain retries do. The message's error branch
//!   goes where an unwritten `say` error goes when the statement has no `error` outcome (a
//!   re-prompt has no outcomes of its own, and one loop may serve several statements): the
//!   flow's `on error` step, else nowhere;
//! - an unwritten result falls through to the next statement's first action, and nowhere (no
//!   transition) after the last statement: the checks report that dead end;
//! - an unwritten error goes to the statement's `error` outcome if written, else to the flow's
//!   `on error` step, else nowhere (the checks report the missing error path).

use std::collections::BTreeMap;

use compact_str::{CompactString, format_compact};

use super::externals::Externals;
use super::ids::Ids;
use super::sources::ActionSources;
use super::values::prompt_text;
use crate::connect::{Action, ActionKind, ErrorType, Operator, Transitions, params};
use crate::diagnostics::{Diagnostic, codes};
use crate::resolve::{self, FlowId, Model, OutcomeKind, Statement, StepId, Target};
use crate::span::Span;

/// A retry loop: (step, count, then, re-prompt as lowered: SSML or not, text).
type LoopKey = (usize, u32, usize, Option<(bool, String)>);

/// The state of lowering one flow.
pub(crate) struct FlowCx<'a> {
    pub(crate) model: &'a Model,
    pub(crate) flow: &'a resolve::Flow,
    pub(crate) ext: &'a dyn Externals,
    pub(crate) ids: Ids,
    /// The first action of each step (`None`: an empty step or a cycle of gotos).
    entries: Vec<Option<CompactString>>,
    pub(crate) actions: Vec<Action>,
    /// The span and step of each action, in the order of `actions`.
    pub(crate) sources: ActionSources,
    /// The step whose name was last added to `sources` (each step's name is kept once).
    named_step: Option<usize>,
    /// Retry loops: (step, count, then, re-prompt as lowered: SSML or not, text) → identifier.
    loops: BTreeMap<LoopKey, CompactString>,
    /// How many retry loops the step of the last one made has: loops are numbered per step.
    step_loops: (usize, usize),
    pub(crate) diags: Vec<Diagnostic>,
    /// The identifier of a statement's first action made ahead of it, as the fall-through
    /// target of the statement before: (step, statement, identifier). Its own lowering takes
    /// it rather than make it again.
    ahead: Option<(usize, usize, CompactString)>,
    /// The step and statement being lowered.
    pub(crate) step: usize,
    pub(crate) index: usize,
}

impl<'a> FlowCx<'a> {
    pub(crate) fn new(model: &'a Model, id: FlowId, ext: &'a dyn Externals) -> Self {
        let flow = model.flow(id);
        // Most statements become one action, some two or three: sized so that few flows grow
        // their lists (a grown list is copied and its new memory faulted in).
        let statements: usize = flow.steps.iter().map(|s| s.statements.len()).sum();
        let capacity = statements + statements / 2 + 2;
        let mut cx = Self {
            model,
            flow,
            ext,
            ids: Ids::new(&flow.name),
            entries: Vec::new(),
            actions: Vec::with_capacity(capacity),
            sources: ActionSources::with_capacity(capacity),
            named_step: None,
            loops: BTreeMap::new(),
            step_loops: (0, 0),
            diags: Vec::new(),
            ahead: None,
            step: 0,
            index: 0,
        };
        cx.entries = (0..flow.steps.len())
            .map(|s| cx.resolve_entry(s, &mut Vec::new()))
            .collect();
        cx
    }

    /// The first action of step `s`, following leading gotos; reports a cycle of gotos.
    fn resolve_entry(&mut self, s: usize, seen: &mut Vec<usize>) -> Option<CompactString> {
        let step = &self.flow.steps[s];
        let first = step.statements.first()?;
        match &first.action {
            resolve::Action::Goto(Target::Step(t)) => {
                if seen.contains(&s) {
                    // Report once per cycle: from its first step in declaration order.
                    if seen.first() == Some(&s) && seen.iter().all(|o| *o >= s) {
                        self.diags.push(
                            Diagnostic::new(
                                codes::GOTO_CYCLE,
                                format!("steps `{}` only go to each other", step.name),
                            )
                            .with_label(first.span, "this goes back to where it came from")
                            .with_help("give one of these steps a statement that does something (say, ask, hang up)"),
                        );
                    }
                    return None;
                }
                seen.push(s);
                self.resolve_entry(t.index(), seen)
            }
            resolve::Action::Goto(Target::Retry { .. }) => {
                // Retrying a step that does nothing but retry: a loop on itself.
                Some(self.ids.helper(&step.name, 0, "retry-1"))
            }
            _ => Some(self.ids.statement(&step.name, 0)),
        }
    }

    /// Lowers every step.
    pub(crate) fn lower_steps(&mut self) {
        for s in 0..self.flow.steps.len() {
            self.step = s;
            let step = &self.flow.steps[s];
            for (i, st) in step.statements.iter().enumerate() {
                self.index = i;
                super::statement::lower(self, st);
            }
        }
    }

    /// The entry of the flow's first step.
    pub(crate) fn first_entry(&self) -> Option<CompactString> {
        self.entries.first().cloned().flatten()
    }

    /// The name of the step being lowered.
    pub(crate) fn step_name(&self) -> &'a str {
        &self.flow.steps[self.step].name
    }

    /// The first action of the current statement.
    pub(crate) fn me(&mut self) -> CompactString {
        match self.ahead.take() {
            Some((s, i, id)) if (s, i) == (self.step, self.index) => id,
            _ => self.ids.statement(self.step_name(), self.index),
        }
    }

    /// A helper action of the current statement.
    pub(crate) fn helper(&self, role: &str) -> CompactString {
        self.ids.helper(self.step_name(), self.index, role)
    }

    /// Adds one of the flow's opening actions (logging, voice): it belongs to no step, and its
    /// source is the flow's name.
    pub(crate) fn push_opening(&mut self, a: Action) {
        self.actions.push(a);
        self.sources.push(self.flow.name_span, None);
    }

    /// Adds an action for the current step.
    pub(crate) fn push(&mut self, id: CompactString, kind: ActionKind, t: Transitions, span: Span) {
        self.actions.push(Action::new(id, kind, t));
        // Steps are lowered one after another, so a step's actions follow each other and
        // share one copy of its name.
        let name = if self.named_step == Some(self.step) {
            self.sources.last_name()
        } else {
            self.named_step = Some(self.step);
            Some(self.sources.add_name(self.step_name()))
        };
        self.sources.push(span, name);
    }

    /// Where a target goes.
    pub(crate) fn target(&mut self, target: &Target, span: Span) -> Option<CompactString> {
        match target {
            Target::Step(t) => self.entries[t.index()].clone(),
            Target::Retry {
                count,
                then,
                saying,
            } => Some(self.retry_loop(*count, *then, saying.as_deref(), span)),
        }
    }

    fn retry_loop(
        &mut self,
        count: u32,
        then: StepId,
        saying: Option<&resolve::Prompt>,
        span: Span,
    ) -> CompactString {
        let reprompt = saying.map(|p| (p.ssml, prompt_text(p, self.ext)));
        let key = (self.step, count, then.index(), reprompt);
        if let Some(id) = self.loops.get(&key) {
            return id.clone();
        }
        let n = if self.step_loops.0 == self.step {
            self.step_loops.1 + 1
        } else {
            1
        };
        self.step_loops = (self.step, n);
        let base = format_compact!("{}-retry-{n}", self.step_name());
        let id = self.ids.make(&base);
        let reprompt = key.3.clone();
        self.loops.insert(key, id.clone());
        if count > crate::connect::limits::MAX_LOOP_COUNT {
            self.diags.push(
                Diagnostic::new(
                    codes::VALUE_OUT_OF_RANGE,
                    format!("`retry {count}` is more than Connect allows"),
                )
                .with_label(span, "a Connect loop counts to 100 at most")
                .with_help("retry fewer times; callers rarely try more than three times"),
            );
        }
        let step_entry = self.entries[self.step].clone();
        // The re-prompt (if any) is named now and made after the loop, so it follows it.
        let reprompt = reprompt.map(|r| (self.ids.make_owned(format_compact!("{base}-say")), r));
        let again = match &reprompt {
            Some((say, _)) => Some(say.clone()),
            None => step_entry.clone(),
        };
        let done = self.entries[then.index()].clone();
        let mut t = Transitions {
            conditions: Vec::with_capacity(2),
            ..Transitions::default()
        };
        if let Some(a) = again {
            t = t.with_condition(Operator::Equals, "ContinueLooping", a);
        }
        if let Some(d) = done {
            t = t.with_condition(Operator::Equals, "DoneLooping", d);
        }
        let kind = ActionKind::Loop(params::Loop {
            loop_count: Some(crate::connect::Scalar::integer(u64::from(count))),
            ..Default::default()
        });
        self.push(id.clone(), kind, t, span);
        if let (Some((say, (ssml, text))), Some(p)) = (reprompt, saying) {
            self.reprompt(say, ssml, text, step_entry, p.span);
        }
        id
    }

    /// The re-prompt `id` of a retry loop: a `MessageParticipant` as `say` makes it, going on
    /// to `again` (the step), its error to the flow's `on error` step.
    fn reprompt(
        &mut self,
        id: CompactString,
        ssml: bool,
        text: String,
        again: Option<CompactString>,
        span: Span,
    ) {
        let text = crate::connect::Scalar::string(text);
        let (text, ssml) = if ssml {
            (None, Some(text))
        } else {
            (Some(text), None)
        };
        let kind = ActionKind::MessageParticipant(Box::new(params::MessageParticipant {
            text,
            ssml,
            ..Default::default()
        }));
        // `on error -> retry …` finds its loop by key, or makes it once: that loop's own
        // re-prompt then finds it, so this never recurses further.
        let error = match self.flow.on_error.clone() {
            Some(t) => self.target(&t, self.flow.span),
            None => None,
        };
        let mut t = Transitions {
            next_action: again,
            errors: Vec::with_capacity(1),
            ..Transitions::default()
        };
        if let Some(e) = error {
            t = t.with_error(ErrorType::NoMatchingError, e);
        }
        self.push(id, kind, t, span);
    }

    /// The target of a written outcome: `None` when not written, `Some(None)` when written but
    /// going to a step with no action.
    pub(crate) fn written(
        &mut self,
        st: &Statement,
        kind: &OutcomeKind,
    ) -> Option<Option<CompactString>> {
        let o = st.outcomes.iter().find(|o| &o.kind == kind)?;
        Some(self.target(&o.target, o.span))
    }

    /// Where the statement goes next when nothing is written: its next statement.
    pub(crate) fn fallthrough(&mut self) -> Option<CompactString> {
        let step = &self.flow.steps[self.step];
        let next = step.statements.get(self.index + 1)?;
        match &next.action {
            resolve::Action::Goto(t) => self.target(t, next.span),
            _ => {
                // Made once for the outcomes that fall through and for the next statement.
                let at = (self.step, self.index + 1);
                if let Some((s, i, id)) = &self.ahead
                    && (*s, *i) == at
                {
                    return Some(id.clone());
                }
                let id = self.ids.statement(&step.name, at.1);
                self.ahead = Some((at.0, at.1, id.clone()));
                Some(id)
            }
        }
    }

    /// A result outcome: written, else the next statement.
    pub(crate) fn result(&mut self, st: &Statement, kind: &OutcomeKind) -> Option<CompactString> {
        match self.written(st, kind) {
            Some(t) => t,
            None => self.fallthrough(),
        }
    }

    /// An error outcome: the specific one if written, else `error`, else the flow's `on error`.
    pub(crate) fn error(
        &mut self,
        st: &Statement,
        specific: Option<&OutcomeKind>,
    ) -> Option<CompactString> {
        if let Some(k) = specific
            && let Some(t) = self.written(st, k)
        {
            return t;
        }
        if let Some(t) = self.written(st, &OutcomeKind::Error) {
            return t;
        }
        let on_error = self.flow.on_error.clone()?;
        self.target(&on_error, self.flow.span)
    }
}
