//! Every flow of a project as one graph: the input of the checks (and of `dialect graph`).
//!
//! ```text
//! [FlowUnit] --ProjectGraph::build--> ProjectGraph (petgraph DiGraph<Node, EdgeKind>)
//! ```
//!
//! - **Nodes** ([`Node`]): one per action of every flow, one [`Node::Entry`] per flow (the
//!   place a contact arrives: its edge goes to `StartAction`), and [`Node::Exit`]s for the places
//!   a contact leaves the project's flows (a queue, a flow the project does not contain, a
//!   phone number).
//! - **Edges** ([`EdgeKind`]): one per way an action can end — its `NextAction`, each condition
//!   with its value, each error branch by Connect error type (no match and timeout have their
//!   own kinds), and the successes that leave the flow: transfer to a flow, invocation of a
//!   module (and the module's return to the caller), transfer to a queue or a phone number.
//! - Transfers and module invocations are resolved by flow name ([`FlowUnit::name`] and
//!   [`FlowUnit::aliases`]) against the static `ContactFlowId` / `FlowModuleId` (its last ARN
//!   segment too) and the console's labels in `Metadata` (`ContactFlow.text`,
//!   `contactFlowModuleName`, `parameters.*.displayName`). Dynamic targets (`$.Attributes.x`)
//!   and unknown names go to an [`ExitKind::Flow`] exit.
//!
//! The graph is one petgraph [`DiGraph`] ([`ProjectGraph::graph`]), and the checks use
//! petgraph's algorithms on it (the loops of `L005` and `L006` are its strongly connected
//! components, from the iterative [`kosaraju_scc`]). The nodes of a unit are numbered
//! contiguously (its entry, then its actions), so the node of an action is arithmetic
//! ([`ProjectGraph::action_node`]), not a lookup.
//!
//! Building is linear in the number of actions and transitions.

mod unit;

pub use unit::{FlowUnit, infer_flow_type};

use std::fmt::Write as _;

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::algo::kosaraju_scc;
pub use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef as _;
use serde_json::Value;

use crate::connect::{ActionKind, ErrorType, SuccessPath};
use crate::hash::FastMap;

/// A node of the project graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    /// Where a contact enters flow `unit` (index into the units).
    Entry {
        /// The flow.
        unit: usize,
    },
    /// Action `action` (index into `Flow::actions`) of flow `unit`.
    Action {
        /// The flow.
        unit: usize,
        /// The action's index in the flow.
        action: usize,
    },
    /// The contact leaves the project's flows from flow `unit`.
    Exit {
        /// The flow it leaves from.
        unit: usize,
        /// Where it goes.
        kind: ExitKind,
    },
}

impl Node {
    /// The flow the node belongs to.
    #[must_use]
    pub fn unit(self) -> usize {
        match self {
            Node::Entry { unit } | Node::Action { unit, .. } | Node::Exit { unit, .. } => unit,
        }
    }

    /// `(unit, action)` for action nodes.
    #[must_use]
    pub fn action(self) -> Option<(usize, usize)> {
        match self {
            Node::Action { unit, action } => Some((unit, action)),
            _ => None,
        }
    }
}

/// Where a contact goes when it leaves the project's flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExitKind {
    /// Into a queue (`TransferContactToQueue`, `DequeueContactAndTransferToQueue`): the
    /// customer-queue flow takes over.
    Queue,
    /// To a flow or module that is not part of the project, or whose name is only known at run
    /// time.
    Flow,
    /// To a phone number (`TransferParticipantToThirdParty` that does not continue the flow).
    ThirdParty,
}

/// How an action ends; the label of an edge.
#[derive(Debug, Clone, PartialEq)]
pub enum EdgeKind {
    /// From a flow's [`Node::Entry`] to its `StartAction`.
    Start,
    /// `NextAction`. On types whose `NextAction` is the console's default branch (see
    /// `ActionType::next_action_is_fallback`) this is the else branch.
    Next,
    /// `Conditions[index]`: taken when the action's result satisfies the condition
    /// ([`ProjectGraph::edge_label`] shows it).
    Condition {
        /// Position in `Conditions` (the first true condition wins).
        index: usize,
    },
    /// The `NoMatchingCondition` branch: no condition matched (a keypad option nobody defined,
    /// an intent nobody routes).
    NoMatch,
    /// The `InputTimeLimitExceeded` branch: the caller said or pressed nothing in time.
    Timeout,
    /// Any other error branch (`NoMatchingError`, `QueueAtCapacity`, `CallFailed`, …).
    Error(ErrorType),
    /// Success of `TransferToFlow`: to the target flow's entry, or an [`ExitKind::Flow`] exit.
    TransferToFlow,
    /// `InvokeFlowModule`: to the module's entry. The invoking action also keeps its `Next`
    /// edge, where the call continues when the module returns.
    InvokeModule,
    /// From a module's `EndFlowModuleExecution` to where each invoking action continues.
    ModuleReturn,
    /// Success of a queue transfer: to the flow's [`ExitKind::Queue`] exit.
    TransferToQueue,
    /// Success of a third-party transfer that does not continue the flow.
    TransferToThirdParty,
}

impl EdgeKind {
    /// The error type of an error edge (`NoMatch` and `Timeout` included).
    #[must_use]
    pub fn error_type(&self) -> Option<ErrorType> {
        match self {
            EdgeKind::NoMatch => Some(ErrorType::NoMatchingCondition),
            EdgeKind::Timeout => Some(ErrorType::InputTimeLimitExceeded),
            EdgeKind::Error(e) => Some(e.clone()),
            _ => None,
        }
    }

    /// Whether the edge stays inside one flow (entry, next, conditions, errors).
    #[must_use]
    pub fn is_intra_flow(&self) -> bool {
        matches!(
            self,
            EdgeKind::Start
                | EdgeKind::Next
                | EdgeKind::Condition { .. }
                | EdgeKind::NoMatch
                | EdgeKind::Timeout
                | EdgeKind::Error(_)
        )
    }

    /// A short label for debug dumps (conditions by position; [`ProjectGraph::edge_label`]
    /// shows their operator and operand).
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            EdgeKind::Start => "start".to_owned(),
            EdgeKind::Next => "next".to_owned(),
            EdgeKind::Condition { index } => format!("condition {index}"),
            EdgeKind::NoMatch => "no match".to_owned(),
            EdgeKind::Timeout => "timeout".to_owned(),
            EdgeKind::Error(e) => e.name().to_owned(),
            EdgeKind::TransferToFlow => "transfer to flow".to_owned(),
            EdgeKind::InvokeModule => "invoke module".to_owned(),
            EdgeKind::ModuleReturn => "module return".to_owned(),
            EdgeKind::TransferToQueue => "transfer to queue".to_owned(),
            EdgeKind::TransferToThirdParty => "transfer to phone number".to_owned(),
        }
    }
}

/// Every flow of a project as one petgraph graph; see the module docs.
///
/// The nodes of a unit are contiguous (its entry, then its actions in `Flow::actions` order;
/// the exits come after every unit). The edges are added once, in one pass, to a graph sized
/// for them; petgraph lists a node's edges newest first, so they are added in reverse and
/// [`successors`](Self::successors) and [`predecessors`](Self::predecessors) give them in the
/// order they were found (diagnostics that name a path depend on that order).
#[derive(Debug, Clone)]
pub struct ProjectGraph {
    /// The graph: nodes weighted by [`Node`], edges by [`EdgeKind`].
    graph: DiGraph<Node, EdgeKind>,
    /// The index of the first exit node: the entries and actions of every unit come before.
    first_exit: usize,
    /// The error types each node has a branch for (see [`error_bit`]), whether or not the
    /// branch's target exists; 0 for entries and exits.
    error_branches: Vec<u32>,
    /// The entry node of each unit; its actions follow it.
    pub entries: Vec<NodeIndex>,
    /// For each unit, the units whose actions transfer to it or invoke it.
    pub callers: Vec<Vec<usize>>,
}

impl ProjectGraph {
    /// Builds the graph of `units`. Targets that name no action (the importer reports them as
    /// `I008`) get no edge; duplicate identifiers resolve to the first action.
    #[must_use]
    pub fn build(units: &[FlowUnit]) -> Self {
        let action_count: usize = units.iter().map(|u| u.flow.actions.len()).sum();
        // Generous (a menu has five or six edges, most actions two or three): growing would copy
        // every edge found so far.
        let edge_capacity = action_count * 4 + units.len();
        let mut graph =
            DiGraph::with_capacity(action_count + units.len() + units.len() / 2, edge_capacity);
        let mut entries = Vec::with_capacity(units.len());
        for (u, unit) in units.iter().enumerate() {
            entries.push(graph.add_node(Node::Entry { unit: u }));
            for a in 0..unit.flow.actions.len() {
                graph.add_node(Node::Action { unit: u, action: a });
            }
        }
        let first_exit = graph.node_count();
        let mut error_branches = vec![0u32; first_exit];
        let names = name_index(units);
        let mut callers = vec![Vec::new(); units.len()];
        // The exit nodes of each unit, by `ExitKind`, made on first use.
        let mut exits: Vec<[Option<NodeIndex>; 3]> = vec![[None; 3]; units.len()];
        let mut exit = |graph: &mut DiGraph<Node, EdgeKind>, unit: usize, kind: ExitKind| {
            *exits[unit][kind as usize]
                .get_or_insert_with(|| graph.add_node(Node::Exit { unit, kind }))
        };
        // (from, to, kind), in the order found; they go into the graph at the end (see the
        // type's docs).
        let mut edges: Vec<(NodeIndex, NodeIndex, EdgeKind)> = Vec::with_capacity(edge_capacity);
        // (module unit, where the invoking action continues)
        let mut returns: Vec<(usize, NodeIndex)> = Vec::new();
        let mut index: FastMap<&str, usize> = FastMap::default();
        for (u, unit) in units.iter().enumerate() {
            identifier_index(&unit.flow, &mut index);
            let first = entries[u].index() + 1;
            let node_of = |id: &str| index.get(id).map(|&i| NodeIndex::new(first + i));
            let mut add = |from: NodeIndex, to: NodeIndex, kind: EdgeKind| {
                edges.push((from, to, kind));
            };
            if let Some(start) = node_of(&unit.flow.start_action) {
                add(entries[u], start, EdgeKind::Start);
            }
            for (a, action) in unit.flow.actions.iter().enumerate() {
                let from = NodeIndex::new(first + a);
                let t = &action.transitions;
                let next = t.next_action.as_deref().and_then(node_of);
                if let Some(to) = next {
                    add(from, to, EdgeKind::Next);
                }
                for e in &t.errors {
                    error_branches[from.index()] |= error_bit(&e.error_type);
                    if let Some(to) = node_of(&e.next_action) {
                        let kind = match e.error_type {
                            ErrorType::NoMatchingCondition => EdgeKind::NoMatch,
                            ErrorType::InputTimeLimitExceeded => EdgeKind::Timeout,
                            ref other => EdgeKind::Error(other.clone()),
                        };
                        add(from, to, kind);
                    }
                }
                for (i, c) in t.conditions.iter().enumerate() {
                    if let Some(to) = node_of(&c.next_action) {
                        add(from, to, EdgeKind::Condition { index: i });
                    }
                }
                match &action.kind {
                    ActionKind::TransferToFlow(_) => {
                        let to = match resolve_target(unit, a, &names) {
                            Some(t) => {
                                callers[t].push(u);
                                entries[t]
                            }
                            None => exit(&mut graph, u, ExitKind::Flow),
                        };
                        add(from, to, EdgeKind::TransferToFlow);
                    }
                    ActionKind::InvokeFlowModule(_) => {
                        if let Some(t) = resolve_target(unit, a, &names) {
                            callers[t].push(u);
                            add(from, entries[t], EdgeKind::InvokeModule);
                            if let Some(cont) = next {
                                returns.push((t, cont));
                            }
                        }
                    }
                    _ => match action.success_path() {
                        SuccessPath::LeavesFlow => {
                            let (kind, edge) = if matches!(
                                action.kind,
                                ActionKind::TransferParticipantToThirdParty(_)
                            ) {
                                (ExitKind::ThirdParty, EdgeKind::TransferToThirdParty)
                            } else {
                                (ExitKind::Queue, EdgeKind::TransferToQueue)
                            };
                            let to = exit(&mut graph, u, kind);
                            add(from, to, edge);
                        }
                        SuccessPath::NextAction
                        | SuccessPath::Conditions
                        | SuccessPath::Terminal => {}
                    },
                }
            }
        }
        returns.sort_unstable_by_key(|(m, n)| (*m, n.index()));
        returns.dedup();
        // Each invoked module's `EndFlowModuleExecution` actions, found once per module.
        let mut ends: Vec<NodeIndex> = Vec::new();
        let mut ends_of = usize::MAX;
        for (module, cont) in returns {
            if ends_of != module {
                ends_of = module;
                ends.clear();
                let first = entries[module].index() + 1;
                ends.extend(
                    units[module]
                        .flow
                        .actions
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| matches!(a.kind, ActionKind::EndFlowModuleExecution(_)))
                        .map(|(a, _)| NodeIndex::new(first + a)),
                );
            }
            for &end in &ends {
                edges.push((end, cont, EdgeKind::ModuleReturn));
            }
        }
        for c in &mut callers {
            c.sort_unstable();
            c.dedup();
        }
        // By source (found almost in that order already; the module returns come last), so
        // that the edges of a node sit together in petgraph's edge array; in reverse, so that
        // petgraph's lists (newest first) give each node's edges in the order found.
        edges.sort_by_key(|e| e.0.index());
        graph.reserve_edges(edges.len());
        for (from, to, kind) in edges.into_iter().rev() {
            graph.add_edge(from, to, kind);
        }
        Self {
            graph,
            first_exit,
            error_branches,
            entries,
            callers,
        }
    }

    /// The petgraph graph itself, for petgraph's algorithms.
    #[must_use]
    pub fn graph(&self) -> &DiGraph<Node, EdgeKind> {
        &self.graph
    }

    /// One more than the largest node index: the size of a `Vec` indexed by `NodeIndex::index()`.
    #[must_use]
    pub fn node_bound(&self) -> usize {
        self.graph.node_count()
    }

    /// Every node, in index order.
    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + use<> {
        self.graph.node_indices()
    }

    /// The node of action `action` of unit `unit`.
    #[must_use]
    pub fn action_node(&self, unit: usize, action: usize) -> NodeIndex {
        NodeIndex::new(self.entries[unit].index() + 1 + action)
    }

    /// The nodes of the actions of unit `unit`, in `Flow::actions` order.
    pub fn action_nodes(&self, unit: usize) -> impl ExactSizeIterator<Item = NodeIndex> + use<> {
        let first = self.entries[unit].index() + 1;
        let end = self
            .entries
            .get(unit + 1)
            .map_or(self.first_exit, |e| e.index());
        (first..end).map(NodeIndex::new)
    }

    /// The outgoing edges of a node, as `(kind, target)`, in the order found.
    pub fn successors(&self, n: NodeIndex) -> impl Iterator<Item = (&EdgeKind, NodeIndex)> {
        self.graph
            .edges_directed(n, Outgoing)
            .map(|e| (e.weight(), e.target()))
    }

    /// The incoming edges of a node, as `(kind, source)`, by source.
    pub fn predecessors(&self, n: NodeIndex) -> impl Iterator<Item = (&EdgeKind, NodeIndex)> {
        self.graph
            .edges_directed(n, Incoming)
            .map(|e| (e.weight(), e.source()))
    }

    /// Whether node `n` has an edge to itself.
    #[must_use]
    pub fn has_self_loop(&self, n: NodeIndex) -> bool {
        self.graph.neighbors_directed(n, Outgoing).any(|m| m == n)
    }

    /// The strongly connected components (petgraph's [`kosaraju_scc`]: iterative, so a long
    /// path cannot overflow the stack; a recursive search goes as deep as the longest path,
    /// and on a large project a path through a shared module's returns crosses many flows:
    /// petgraph's `tarjan_scc`, twice as fast, overflows the 8 MB main stack on a generated
    /// 100,000-step project). Each component's nodes in index order; a component comes before
    /// the components that reach it.
    #[must_use]
    pub fn components(&self) -> Vec<Vec<NodeIndex>> {
        // Kosaraju walks every node's incoming edges, a list linked through the edge array.
        // On a copy without the weights (`Graph::map` keeps every index and the order of every
        // edge list, so the components come out the same, in the same order) an edge is 16
        // bytes instead of 40: the copy and the walk take about three quarters of the time of
        // the walk on the weighted graph.
        let shape = self.graph.map(|_, _| (), |_, _| ());
        let mut sccs = kosaraju_scc(&shape);
        for c in &mut sccs {
            c.sort_unstable();
        }
        sccs
    }

    /// The weight of a node.
    #[must_use]
    pub fn node(&self, n: NodeIndex) -> Node {
        self.graph[n]
    }

    /// The error types node `n` has a branch for, as [`error_bit`]s (whether or not the
    /// branch's target exists; 0 for entries and exits). Read with the action, this spares a
    /// look at the action's error branches, a separate allocation per action.
    #[must_use]
    pub fn error_branches(&self, n: NodeIndex) -> u32 {
        self.error_branches.get(n.index()).copied().unwrap_or(0)
    }

    /// A short label for an edge of kind `kind` from action `from` of `units` (for
    /// conditions: the operator and operand of the action's condition).
    #[must_use]
    pub fn edge_label(&self, units: &[FlowUnit], from: NodeIndex, kind: &EdgeKind) -> String {
        if let (EdgeKind::Condition { index }, Node::Action { unit, action }) =
            (kind, self.node(from))
            && let Some(c) = units[unit].flow.actions[action]
                .transitions
                .conditions
                .get(*index)
        {
            return format!(
                "{} {}",
                c.operator.name(),
                c.operand_text().unwrap_or_default()
            );
        }
        kind.label()
    }

    /// A Graphviz DOT dump for debugging (`dialect graph --dot` will use it): one cluster per
    /// flow, actions labelled `identifier\nType`, edges labelled with their kind.
    #[must_use]
    pub fn to_dot(&self, units: &[FlowUnit]) -> String {
        let mut out = String::from("digraph project {\n  node [shape=box, fontsize=10];\n");
        for (u, unit) in units.iter().enumerate() {
            let _ = writeln!(
                out,
                "  subgraph cluster_{u} {{\n    label={};",
                dot_quote(&unit.name)
            );
            let _ = writeln!(
                out,
                "    n{} [shape=circle, label=\"entry\"];",
                self.entries[u].index()
            );
            for (a, action) in unit.flow.actions.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "    n{} [label={}];",
                    self.action_node(u, a).index(),
                    dot_quote(&format!("{}\n{}", action.identifier, action.type_name()))
                );
            }
            out.push_str("  }\n");
        }
        for n in self.node_indices() {
            if let Node::Exit { kind, .. } = self.node(n) {
                let _ = writeln!(
                    out,
                    "  n{} [shape=doublecircle, label={}];",
                    n.index(),
                    dot_quote(&format!("{kind:?}"))
                );
            }
        }
        // In the order found (the graph holds them in reverse).
        for e in self.graph.edge_references().rev() {
            let _ = writeln!(
                out,
                "  n{} -> n{} [label={}];",
                e.source().index(),
                e.target().index(),
                dot_quote(&self.edge_label(units, e.source(), e.weight()))
            );
        }
        out.push_str("}\n");
        out
    }
}

/// The bit of an error type in [`ProjectGraph::error_branches`]: bit `i` for
/// `ErrorType::KNOWN[i]`, [`OTHER_ERRORS`] for any other name.
#[must_use]
pub fn error_bit(e: &ErrorType) -> u32 {
    ErrorType::KNOWN
        .iter()
        .position(|k| k == e)
        .filter(|&i| i < 31)
        .map_or(OTHER_ERRORS, |i| 1 << i)
}

/// The bit of every error type outside `ErrorType::KNOWN` (for those, look at the branches).
pub const OTHER_ERRORS: u32 = 1 << 31;

fn dot_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fills `index` with identifier → index in `flow.actions` (the first one, for duplicates):
/// building the graph looks up every transition target. One map serves every flow.
fn identifier_index<'a>(flow: &'a crate::connect::Flow, index: &mut FastMap<&'a str, usize>) {
    index.clear();
    index.reserve(flow.actions.len());
    for (i, a) in flow.actions.iter().enumerate() {
        index.entry(a.identifier.as_str()).or_insert(i);
    }
}

/// Flow name or alias → unit (the first unit wins on a clash, so the result is deterministic).
fn name_index(units: &[FlowUnit]) -> FastMap<&str, usize> {
    let mut m = FastMap::with_capacity_and_hasher(units.len() * 2, Default::default());
    for (i, u) in units.iter().enumerate() {
        m.entry(u.name.as_str()).or_insert(i);
    }
    for (i, u) in units.iter().enumerate() {
        for a in &u.aliases {
            m.entry(a.as_str()).or_insert(i);
        }
    }
    m
}

/// The unit a `TransferToFlow` / `InvokeFlowModule` action names, if the project has it: the
/// first of these names that is a unit's: the static target, its last ARN segment, then the
/// console's labels (`ContactFlow.text`, `contactFlowModuleName`, `parameters.*.displayName`).
fn resolve_target(unit: &FlowUnit, action: usize, names: &FastMap<&str, usize>) -> Option<usize> {
    let a = &unit.flow.actions[action];
    let find = |c: &str| {
        if c.is_empty() {
            None
        } else {
            names.get(c).copied()
        }
    };
    let param = match &a.kind {
        ActionKind::TransferToFlow(p) => p.contact_flow_id.as_ref(),
        ActionKind::InvokeFlowModule(p) => p.flow_module_id.as_ref(),
        _ => None,
    };
    if let Some(v) = param.filter(|v| !v.is_dynamic()) {
        let text = v.text();
        let found = find(&text).or_else(|| text.rsplit('/').next().and_then(find));
        if found.is_some() {
            return found;
        }
    }
    let Some(Value::Object(meta)) = unit
        .flow
        .metadata
        .as_ref()
        .and_then(|m| m.entries.get("ActionMetadata"))
        .and_then(|am| am.get(a.identifier.as_str()))
    else {
        return None;
    };
    let label = |v: Option<&Value>| v.and_then(Value::as_str).and_then(find);
    label(meta.get("ContactFlow").and_then(|c| c.get("text")))
        .or_else(|| label(meta.get("contactFlowModuleName")))
        .or_else(|| match meta.get("parameters") {
            Some(Value::Object(ps)) => ps.values().find_map(|p| label(p.get("displayName"))),
            _ => None,
        })
}

#[cfg(test)]
mod tests;
