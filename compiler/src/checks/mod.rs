//! Graph and lint checks over the Connect IR, one file each.
//!
//! ```text
//! [FlowUnit] --graph::ProjectGraph::build--> ProjectGraph --each check--> [Finding]
//!            --config (levels, allows)--> Vec<Diagnostic> (sorted)
//! ```
//!
//! Every check has a code `L001`–`L099` declared with `define_codes!` in its own file, whose
//! doc comment (`## What it does`, `## Why is this bad?`, `## Example`, `## Use instead`) is what
//! `dialect explain` prints and what `docs/checks/` is generated from ([`docs`]). Checks only
//! build diagnostics; they never render and never decide exit codes. Each is linear (or
//! linear times the number of attributes a flow reads) in the size of the graph.
//!
//! Codes `L100` and up belong to the Lex checks.
//!
//! Adding a check:
//! 1. Create `checks/<name>.rs`: a `define_codes!` entry with the next free `L0xx` number, a
//!    kebab-case name and a doc comment with `## What it does`, `## Why is this bad?`,
//!    `## Example` and `## Use instead`; then `pub(super) fn check(cx: &Context, out: &mut
//!    Vec<Finding>)` that pushes findings built with [`Context::finding`] (a label, a help).
//! 2. Add the module, its code to [`ALL_CODES`] and the pair to `CHECKS` below.
//! 3. Add `tests/fixtures/checks/<CODE>-<name>.fail.json` and `.pass.json`; run
//!    `INSTA_UPDATE=always cargo test -p dialect-compiler --test checks_fixtures`, review the new
//!    snapshot; run `UPDATE_DOCS=1 cargo test -p dialect-compiler --test check_docs` to write
//!    `docs/checks/<CODE>.md`; review the corpus table (`--test checks_corpus`).

pub mod attribute_before_set;
pub mod dead_end;
pub mod docs;
pub mod invalid_ssml;
pub mod keypad_conflict;
pub mod misplaced_action;
pub mod missing_error_branch;
pub mod no_path_to_end;
pub mod outbound_without_consent;
pub mod prompt_too_long;
pub mod queue_without_capacity;
pub mod queue_without_hours;
pub mod retry_without_cap;
pub mod service_limit;
pub mod unbounded_loop;
pub mod unencrypted_card_input;
pub mod unreachable_action;

#[cfg(test)]
mod tests;

use crate::connect::{Action, ActionKind, ErrorType, FlowType};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::graph::{EdgeKind, FlowUnit, Node, NodeIndex, ProjectGraph};
use crate::project::{CheckLevel, ChecksConfig};

/// The codes of every check, gathered for the code table.
pub static ALL_CODES: &[Code] = &[
    dead_end::DEAD_END,
    no_path_to_end::NO_PATH_TO_END,
    missing_error_branch::MISSING_ERROR_BRANCH,
    unreachable_action::UNREACHABLE_ACTION,
    unbounded_loop::UNBOUNDED_LOOP,
    retry_without_cap::RETRY_WITHOUT_CAP,
    attribute_before_set::ATTRIBUTE_BEFORE_SET,
    queue_without_hours::QUEUE_WITHOUT_HOURS_CHECK,
    queue_without_capacity::QUEUE_WITHOUT_CAPACITY_BRANCH,
    outbound_without_consent::OUTBOUND_WITHOUT_CONSENT,
    unencrypted_card_input::UNENCRYPTED_CARD_INPUT,
    invalid_ssml::INVALID_SSML,
    prompt_too_long::PROMPT_TOO_LONG,
    keypad_conflict::KEYPAD_OPTION_CONFLICT,
    service_limit::SERVICE_LIMIT,
    misplaced_action::MISPLACED_ACTION,
];

type CheckFn = fn(&Context<'_>, &mut Vec<Finding>);
type ActionCheckFn = fn(&Context<'_>, usize, usize, &Action, &mut Vec<Finding>);

/// Checks over the graph or whole flows, each with the function that runs it; a function
/// reports only its own code.
static CHECKS: &[(Code, CheckFn)] = &[
    (no_path_to_end::NO_PATH_TO_END, no_path_to_end::check),
    (
        unreachable_action::UNREACHABLE_ACTION,
        unreachable_action::check,
    ),
    (unbounded_loop::UNBOUNDED_LOOP, unbounded_loop::check),
    (
        retry_without_cap::RETRY_WITHOUT_CAP,
        retry_without_cap::check,
    ),
    (
        attribute_before_set::ATTRIBUTE_BEFORE_SET,
        attribute_before_set::check,
    ),
    (
        queue_without_hours::QUEUE_WITHOUT_HOURS_CHECK,
        queue_without_hours::check,
    ),
    (
        outbound_without_consent::OUTBOUND_WITHOUT_CONSENT,
        outbound_without_consent::check,
    ),
    (service_limit::SERVICE_LIMIT, service_limit::check),
];

/// Checks of one action at a time. They run together in a single pass over the actions
/// (actions are large; one pass per check would stream them from memory again and again).
static ACTION_CHECKS: &[(Code, ActionCheckFn)] = &[
    (dead_end::DEAD_END, dead_end::check_action),
    (
        missing_error_branch::MISSING_ERROR_BRANCH,
        missing_error_branch::check_action,
    ),
    (
        queue_without_capacity::QUEUE_WITHOUT_CAPACITY_BRANCH,
        queue_without_capacity::check_action,
    ),
    (
        unencrypted_card_input::UNENCRYPTED_CARD_INPUT,
        unencrypted_card_input::check_action,
    ),
    (invalid_ssml::INVALID_SSML, invalid_ssml::check_action),
    (
        prompt_too_long::PROMPT_TOO_LONG,
        prompt_too_long::check_action,
    ),
    (
        keypad_conflict::KEYPAD_OPTION_CONFLICT,
        keypad_conflict::check_action,
    ),
    (service_limit::SERVICE_LIMIT, service_limit::check_action),
    (no_path_to_end::NO_PATH_TO_END, no_path_to_end::check_action),
    (
        misplaced_action::MISPLACED_ACTION,
        misplaced_action::check_action,
    ),
];

/// A check code by id (`L003`, case-insensitive) or name.
#[must_use]
pub fn code(key: &str) -> Option<Code> {
    ALL_CODES
        .iter()
        .copied()
        .find(|c| c.id().eq_ignore_ascii_case(key) || c.name() == key)
}

/// The flows of a resolved `.dial` project as check units, lowered once with symbolic outside
/// values, with the lowering's own diagnostics.
#[must_use]
pub fn model_units(model: &crate::resolve::Model) -> (Vec<FlowUnit>, Vec<Diagnostic>) {
    let ext = crate::lower::Placeholders;
    let lowered = crate::lower::lower(model, &ext);
    let units = lowered
        .flows
        .iter()
        .map(|f| FlowUnit::from_lowered(f, &ext))
        .collect();
    (units, lowered.diagnostics)
}

/// The graph checks of a resolved `.dial` project (see [`model_units`]), with the lowering's
/// own diagnostics. Call it on a model without errors; this is what the language server
/// reports beyond `compile::analyze`.
#[must_use]
pub fn check_model(model: &crate::resolve::Model, config: &ChecksConfig) -> Vec<Diagnostic> {
    let (units, mut out) = model_units(model);
    out.extend(check_units(&units, config));
    out
}

/// Runs every check on the flows of a project and applies the project's `[checks]`
/// configuration: levels (`allow` skips the check), and `[[checks.allow]]` entries that accept
/// one finding on one step. The result is sorted (file, position, code).
#[must_use]
pub fn check_units(units: &[FlowUnit], config: &ChecksConfig) -> Vec<Diagnostic> {
    let graph = ProjectGraph::build(units);
    let cx = Context {
        units,
        graph: &graph,
        config,
        components: std::cell::OnceCell::new(),
        cycles: std::cell::OnceCell::new(),
        unhandled: std::cell::OnceCell::new(),
        flow_chars: vec![std::cell::Cell::new(0); units.len()],
        ends: vec![std::cell::Cell::new(false); graph.node_bound()],
    };
    let enabled = |code: &Code| config.level(code.id()) != Some(CheckLevel::Allow);
    let mut findings = Vec::new();
    // The checks of one action first: their pass over the actions also gathers what some
    // checks of whole flows need (`L015`'s size estimate, `L002`'s ends), so that the
    // actions, which are large, stream from memory once. The findings are sorted at the end.
    let action_checks: Vec<ActionCheckFn> = ACTION_CHECKS
        .iter()
        .filter(|(c, _)| enabled(c))
        .map(|(_, f)| *f)
        .collect();
    if !action_checks.is_empty() {
        for (u, unit) in units.iter().enumerate() {
            for (a, action) in unit.flow.actions.iter().enumerate() {
                for run in &action_checks {
                    run(&cx, u, a, action, &mut findings);
                }
            }
        }
    }
    for (code, run) in CHECKS.iter().filter(|(c, _)| enabled(c)) {
        let before = findings.len();
        run(&cx, &mut findings);
        debug_assert!(
            findings[before..]
                .iter()
                .all(|f| f.diagnostic.code == *code)
        );
    }
    let mut out = Diagnostics::new();
    for f in findings {
        if cx.is_allowed(&f) {
            continue;
        }
        let mut d = f.diagnostic;
        match config.level(d.code.id()) {
            Some(CheckLevel::Error) => d.severity = Severity::Error,
            Some(CheckLevel::Warning) => d.severity = Severity::Warning,
            Some(CheckLevel::Info) => d.severity = Severity::Info,
            Some(CheckLevel::Allow) | None => {}
        }
        out.push(d);
    }
    out.sort();
    out.into_vec()
}

/// What a check sees.
pub struct Context<'a> {
    /// The flows.
    pub units: &'a [FlowUnit],
    /// Their graph.
    pub graph: &'a ProjectGraph,
    /// The project's `[checks]` settings.
    pub config: &'a ChecksConfig,
    /// The strongly connected components, shared by `L002`, `L005` and `L006` (computed on
    /// first use).
    components: std::cell::OnceCell<Components>,
    /// The loop analysis, shared by `L005` and `L006` (computed on first use).
    cycles: std::cell::OnceCell<Vec<unbounded_loop::Cycle>>,
    /// Whether each action raises an error no branch handles, by node: unknown, no, yes
    /// (`L002` and `L003`; see [`Context::has_unhandled_error`]).
    unhandled: std::cell::OnceCell<Vec<std::cell::Cell<u8>>>,
    /// `L015`'s estimate of each unit's JSON size, summed by its check of each action (which
    /// runs first) for its check of the whole flow.
    flow_chars: Vec<std::cell::Cell<usize>>,
    /// `L002`'s ends among the actions, by node, recorded by its check of each action (which
    /// runs first) for its check of the graph.
    ends: Vec<std::cell::Cell<bool>>,
}

/// A diagnostic with the action it is about, so that `[[checks.allow]]` can match it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The flow.
    pub unit: usize,
    /// The action, when the finding is about one.
    pub action: Option<usize>,
    /// The diagnostic.
    pub diagnostic: Diagnostic,
}

/// The strongly connected components of the graph ([`ProjectGraph::components`]: each one's
/// nodes in index order, a component before the components that reach it), with the
/// component of each node.
pub(crate) struct Components {
    /// The components.
    pub list: Vec<Vec<NodeIndex>>,
    /// By `NodeIndex::index()`: the node's position in `list`.
    pub of: Vec<usize>,
}

impl Context<'_> {
    /// The strongly connected components of the graph, computed once.
    pub(crate) fn components(&self) -> &Components {
        self.components.get_or_init(|| {
            let list = self.graph.components();
            let mut of = vec![0usize; self.graph.node_bound()];
            for (c, scc) in list.iter().enumerate() {
                for n in scc {
                    of[n.index()] = c;
                }
            }
            Components { list, of }
        })
    }

    /// Every cycle of the graph without a bounded exit (see `L005`), computed once.
    pub(crate) fn unbounded_cycles(&self) -> &[unbounded_loop::Cycle] {
        self.cycles
            .get_or_init(|| unbounded_loop::unbounded_cycles(self))
    }

    /// Whether action `a` of unit `u` can raise an error that none of its branches handles
    /// (see [`error_is_handled`]). Remembered per action: `L002` and `L003` both ask, and
    /// the error branches are a separate allocation per action (a cache miss each time).
    pub(crate) fn has_unhandled_error(&self, u: usize, a: usize) -> bool {
        const UNKNOWN: u8 = 0;
        const NO: u8 = 1;
        const YES: u8 = 2;
        let known = self
            .unhandled
            .get_or_init(|| vec![std::cell::Cell::new(UNKNOWN); self.graph.node_bound()]);
        let cell = &known[self.graph.action_node(u, a).index()];
        match cell.get() {
            NO => false,
            YES => true,
            _ => {
                let action = self.action(u, a);
                let branches = self.graph.error_branches(self.graph.action_node(u, a));
                let unhandled = action
                    .error_types()
                    .any(|e| !error_is_handled_with(action, branches, e));
                cell.set(if unhandled { YES } else { NO });
                unhandled
            }
        }
    }

    /// The action `a` of unit `u`.
    #[must_use]
    pub fn action(&self, u: usize, a: usize) -> &Action {
        &self.units[u].flow.actions[a]
    }

    /// A finding about action `a` of unit `u`, labelled at the action with `label`. The
    /// diagnostic's notes name the flow, the action and its type.
    #[must_use]
    pub fn finding(
        &self,
        code: Code,
        u: usize,
        a: usize,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Finding {
        let unit = &self.units[u];
        let action = &unit.flow.actions[a];
        let d = Diagnostic::new(code, message)
            .with_label(unit.span_at(a), label)
            .with_note(format!(
                "in flow `{}`, action `{}` ({})",
                unit.name,
                action.identifier,
                action.type_name()
            ));
        Finding {
            unit: u,
            action: Some(a),
            diagnostic: d,
        }
    }

    /// A finding about unit `u` as a whole, labelled at its flow span.
    #[must_use]
    pub fn flow_finding(
        &self,
        code: Code,
        u: usize,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Finding {
        let unit = &self.units[u];
        Finding {
            unit: u,
            action: None,
            diagnostic: Diagnostic::new(code, message)
                .with_label(unit.flow_span, label)
                .with_note(format!(
                    "in flow `{}` ({})",
                    unit.name,
                    unit.kind.api_name()
                )),
        }
    }

    /// How diagnostics name action `a` of unit `u`.
    #[must_use]
    pub fn describe(&self, u: usize, a: usize) -> String {
        self.units[u].describe_at(a)
    }

    /// Whether no flow of the project transfers to or invokes unit `u`: contacts start there.
    #[must_use]
    pub fn is_root(&self, u: usize) -> bool {
        self.graph.callers[u].is_empty()
    }

    fn is_allowed(&self, f: &Finding) -> bool {
        let unit = &self.units[f.unit];
        self.config.allow.iter().any(|e| {
            e.code.eq_ignore_ascii_case(f.diagnostic.code.id())
                && e.flow
                    .as_deref()
                    .is_none_or(|n| n == unit.name || unit.aliases.iter().any(|a| a == n))
                && f.action.is_some_and(|a| {
                    let id = &unit.flow.actions[a].identifier;
                    *id == e.step || unit.name_at(a) == Some(e.step.as_str())
                })
        })
    }

    /// Marks every node reachable from `starts` along edges for which `follow` holds, without
    /// leaving nodes for which `stop` holds (they are marked but not expanded). Indexed by
    /// `NodeIndex::index()`.
    pub fn reach(
        &self,
        starts: impl IntoIterator<Item = NodeIndex>,
        follow: impl Fn(&EdgeKind) -> bool,
        stop: impl Fn(NodeIndex) -> bool,
    ) -> Vec<bool> {
        let mut seen = vec![false; self.graph.node_bound()];
        let mut stack: Vec<NodeIndex> = Vec::new();
        for s in starts {
            if !seen[s.index()] {
                seen[s.index()] = true;
                stack.push(s);
            }
        }
        while let Some(n) = stack.pop() {
            if stop(n) {
                continue;
            }
            for (kind, m) in self.graph.successors(n) {
                if follow(kind) && !seen[m.index()] {
                    seen[m.index()] = true;
                    stack.push(m);
                }
            }
        }
        seen
    }

    /// The action a node stands for.
    #[must_use]
    pub fn node_action(&self, n: NodeIndex) -> Option<(usize, usize, &Action)> {
        match self.graph.node(n) {
            Node::Action { unit, action } => {
                Some((unit, action, &self.units[unit].flow.actions[action]))
            }
            _ => None,
        }
    }
}

/// Whether an error is handled by the action's branches: a branch for it, else (for errors
/// other than `NoMatchingCondition`) a `NoMatchingError` branch, else — on types whose
/// `NextAction` is the console's default branch — a `NextAction`.
#[must_use]
pub fn error_is_handled(action: &Action, error: &ErrorType) -> bool {
    let t = &action.transitions;
    t.error_target(error).is_some()
        || (*error != ErrorType::NoMatchingCondition
            && t.error_target(&ErrorType::NoMatchingError).is_some())
        || (action
            .action_type()
            .is_some_and(crate::connect::ActionType::next_action_is_fallback)
            && t.next_action.is_some())
}

/// [`error_is_handled`] given the action's error branches as the graph has them
/// ([`ProjectGraph::error_branches`]), so that the branches themselves are only read for error
/// types outside `ErrorType::KNOWN`.
fn error_is_handled_with(action: &Action, branches: u32, error: &ErrorType) -> bool {
    let has = |e: &ErrorType| {
        let bit = crate::graph::error_bit(e);
        if bit == crate::graph::OTHER_ERRORS {
            action.transitions.error_target(e).is_some()
        } else {
            branches & bit != 0
        }
    };
    has(error)
        || (*error != ErrorType::NoMatchingCondition && has(&ErrorType::NoMatchingError))
        || (action
            .action_type()
            .is_some_and(crate::connect::ActionType::next_action_is_fallback)
            && action.transitions.next_action.is_some())
}

/// Flow types where a path that simply ends hangs up on the caller (inbound, transfer,
/// campaign flows and modules). In queue, whisper and hold flows the contact carries on.
#[must_use]
pub fn ending_hangs_up(kind: FlowType) -> bool {
    kind.is_inbound_like() || kind.is_transfer()
}

/// Flow types whose loops end from outside (an agent answers, the hold ends): queue and hold
/// flows.
#[must_use]
pub fn loops_end_from_outside(kind: FlowType) -> bool {
    matches!(kind, FlowType::CustomerQueue) || kind.is_hold()
}

/// The prompts an action plays, with the JSON key they are under (`Text`, `SSML`), without
/// allocating (several checks ask for every action).
pub fn prompts(action: &Action) -> impl Iterator<Item = (&'static str, &str)> {
    use crate::connect::params::{Message, Prompt};
    let (single, messages) = match &action.kind {
        ActionKind::MessageParticipant(p) => (p.prompt(), None),
        ActionKind::GetParticipantInput(p) => (p.prompt(), None),
        ActionKind::ConnectParticipantWithLexBot(p) => (p.prompt(), None),
        ActionKind::MessageParticipantIteratively(p) => (None, Some(p.messages.iter().flatten())),
        _ => (None, None),
    };
    single
        .into_iter()
        .chain(messages.into_iter().flatten().filter_map(Message::prompt))
        .filter_map(|p| match p {
            Prompt::Text(s) => s.as_str().map(|t| ("Text", t)),
            Prompt::Ssml(s) => s.as_str().map(|t| ("SSML", t)),
            Prompt::PromptId(_) | Prompt::Media(_) => None,
        })
}

impl Finding {
    /// Adds help to the diagnostic.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_help(help);
        self
    }

    /// Adds a note to the diagnostic.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_note(note);
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_secondary(mut self, span: crate::span::Span, label: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_secondary(span, label);
        self
    }
}
