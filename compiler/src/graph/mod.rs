//! Every flow of a project as one graph: the input of the checks (and of `dialect graph`).
//!
//! ```text
//! [FlowUnit] --ProjectGraph::build--> StableDiGraph<Node, EdgeKind>
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
//! Building is linear in the number of actions and transitions.

mod unit;

pub use unit::{FlowUnit, infer_flow_type};

use std::collections::HashMap;
use std::fmt::Write as _;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use serde_json::Value;

use crate::connect::{ActionKind, ErrorType, Operator, SuccessPath};

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
    /// `Conditions[index]`: taken when the action's result satisfies `operator value`.
    Condition {
        /// Position in `Conditions` (the first true condition wins).
        index: usize,
        /// The operator.
        operator: Operator,
        /// The operand (empty when it is not a string).
        value: String,
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

    /// A short label for debug dumps.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            EdgeKind::Start => "start".to_owned(),
            EdgeKind::Next => "next".to_owned(),
            EdgeKind::Condition {
                operator, value, ..
            } => format!("{} {value}", operator.name()),
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
#[derive(Debug, Clone)]
pub struct ProjectGraph {
    /// The graph. Node and edge weights are [`Node`] and [`EdgeKind`].
    pub graph: StableDiGraph<Node, EdgeKind>,
    /// The entry node of each unit.
    pub entries: Vec<NodeIndex>,
    /// The node of each action, per unit, in `Flow::actions` order.
    pub actions: Vec<Vec<NodeIndex>>,
    /// For each unit, the units whose actions transfer to it or invoke it.
    pub callers: Vec<Vec<usize>>,
}

impl ProjectGraph {
    /// Builds the graph of `units`. Targets that name no action (the importer reports them as
    /// `I008`) get no edge; duplicate identifiers resolve to the first action.
    #[must_use]
    pub fn build(units: &[FlowUnit]) -> Self {
        let mut graph = StableDiGraph::with_capacity(
            units.iter().map(|u| u.flow.actions.len() + 1).sum(),
            units.iter().map(|u| u.flow.actions.len() * 2).sum(),
        );
        let mut entries = Vec::with_capacity(units.len());
        let mut actions = Vec::with_capacity(units.len());
        for (u, unit) in units.iter().enumerate() {
            entries.push(graph.add_node(Node::Entry { unit: u }));
            actions.push(
                (0..unit.flow.actions.len())
                    .map(|a| graph.add_node(Node::Action { unit: u, action: a }))
                    .collect::<Vec<_>>(),
            );
        }
        let names = name_index(units);
        let mut callers = vec![Vec::new(); units.len()];
        let mut exits: HashMap<(usize, ExitKind), NodeIndex> = HashMap::new();
        let mut exit = |graph: &mut StableDiGraph<Node, EdgeKind>, unit: usize, kind: ExitKind| {
            *exits
                .entry((unit, kind))
                .or_insert_with(|| graph.add_node(Node::Exit { unit, kind }))
        };
        // (module unit, where the invoking action continues)
        let mut returns: Vec<(usize, NodeIndex)> = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            let index = identifier_index(&unit.flow);
            let node_of = |id: &str| index.get(id).map(|&i| actions[u][i]);
            if let Some(start) = node_of(&unit.flow.start_action) {
                graph.add_edge(entries[u], start, EdgeKind::Start);
            }
            for (a, action) in unit.flow.actions.iter().enumerate() {
                let from = actions[u][a];
                let t = &action.transitions;
                if let Some(to) = t.next_action.as_deref().and_then(node_of) {
                    graph.add_edge(from, to, EdgeKind::Next);
                }
                for e in &t.errors {
                    if let Some(to) = node_of(&e.next_action) {
                        let kind = match e.error_type {
                            ErrorType::NoMatchingCondition => EdgeKind::NoMatch,
                            ErrorType::InputTimeLimitExceeded => EdgeKind::Timeout,
                            ref other => EdgeKind::Error(other.clone()),
                        };
                        graph.add_edge(from, to, kind);
                    }
                }
                for (i, c) in t.conditions.iter().enumerate() {
                    if let Some(to) = node_of(&c.next_action) {
                        let kind = EdgeKind::Condition {
                            index: i,
                            operator: c.operator.clone(),
                            value: c.operand_text().unwrap_or_default().to_owned(),
                        };
                        graph.add_edge(from, to, kind);
                    }
                }
                match &action.kind {
                    ActionKind::TransferToFlow(_) => {
                        let target = resolve_target(unit, a, &names);
                        let to = match target {
                            Some(t) => {
                                callers[t].push(u);
                                entries[t]
                            }
                            None => exit(&mut graph, u, ExitKind::Flow),
                        };
                        graph.add_edge(from, to, EdgeKind::TransferToFlow);
                    }
                    ActionKind::InvokeFlowModule(_) => {
                        if let Some(t) = resolve_target(unit, a, &names) {
                            callers[t].push(u);
                            graph.add_edge(from, entries[t], EdgeKind::InvokeModule);
                            if let Some(cont) =
                                action.transitions.next_action.as_deref().and_then(node_of)
                            {
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
                            graph.add_edge(from, to, edge);
                        }
                        SuccessPath::NextAction
                        | SuccessPath::Conditions
                        | SuccessPath::Terminal => {}
                    },
                }
            }
        }
        returns.sort_by_key(|(m, n)| (*m, n.index()));
        returns.dedup();
        for (module, cont) in returns {
            for (a, action) in units[module].flow.actions.iter().enumerate() {
                if matches!(action.kind, ActionKind::EndFlowModuleExecution(_)) {
                    graph.add_edge(actions[module][a], cont, EdgeKind::ModuleReturn);
                }
            }
        }
        for c in &mut callers {
            c.sort_unstable();
            c.dedup();
        }
        Self {
            graph,
            entries,
            actions,
            callers,
        }
    }

    /// One more than the largest node index: the size of a `Vec` indexed by `NodeIndex::index()`.
    #[must_use]
    pub fn node_bound(&self) -> usize {
        petgraph::visit::NodeIndexable::node_bound(&self.graph)
    }

    /// The node of action `action` of unit `unit`.
    #[must_use]
    pub fn action_node(&self, unit: usize, action: usize) -> NodeIndex {
        self.actions[unit][action]
    }

    /// The outgoing edges of a node, as `(kind, target)`.
    pub fn successors(&self, n: NodeIndex) -> impl Iterator<Item = (&EdgeKind, NodeIndex)> {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (e.weight(), e.target()))
    }

    /// The incoming edges of a node, as `(kind, source)`.
    pub fn predecessors(&self, n: NodeIndex) -> impl Iterator<Item = (&EdgeKind, NodeIndex)> {
        self.graph
            .edges_directed(n, Direction::Incoming)
            .map(|e| (e.weight(), e.source()))
    }

    /// The weight of a node.
    #[must_use]
    pub fn node(&self, n: NodeIndex) -> Node {
        self.graph[n]
    }

    /// The weight of an edge.
    #[must_use]
    pub fn edge(&self, e: EdgeIndex) -> &EdgeKind {
        &self.graph[e]
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
                    self.actions[u][a].index(),
                    dot_quote(&format!("{}\n{}", action.identifier, action.type_name()))
                );
            }
            out.push_str("  }\n");
        }
        for n in self.graph.node_indices() {
            if let Node::Exit { kind, .. } = self.graph[n] {
                let _ = writeln!(
                    out,
                    "  n{} [shape=doublecircle, label={}];",
                    n.index(),
                    dot_quote(&format!("{kind:?}"))
                );
            }
        }
        for e in self.graph.edge_indices() {
            if let Some((a, b)) = self.graph.edge_endpoints(e) {
                let _ = writeln!(
                    out,
                    "  n{} -> n{} [label={}];",
                    a.index(),
                    b.index(),
                    dot_quote(&self.graph[e].label())
                );
            }
        }
        out.push_str("}\n");
        out
    }
}

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

/// Identifier → index in `flow.actions` (the first one, for duplicates), hashed with
/// [`FastHasher`]: building the graph looks up every transition target.
fn identifier_index(flow: &crate::connect::Flow) -> HashMap<&str, usize, BuildFast> {
    let mut m = HashMap::with_capacity_and_hasher(flow.actions.len(), BuildFast::default());
    for (i, a) in flow.actions.iter().enumerate() {
        m.entry(a.identifier.as_str()).or_insert(i);
    }
    m
}

type BuildFast = std::hash::BuildHasherDefault<FastHasher>;

/// A small multiplicative (FxHash-style) hasher for identifiers. The keys come from one flow
/// and only decide graph edges, so hash flooding is not a concern; SipHash would dominate the
/// cost of building the graph.
#[derive(Default)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

/// Flow name or alias → unit (the first unit wins on a clash, so the result is deterministic).
fn name_index(units: &[FlowUnit]) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
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

/// The unit a `TransferToFlow` / `InvokeFlowModule` action names, if the project has it.
fn resolve_target(unit: &FlowUnit, action: usize, names: &HashMap<&str, usize>) -> Option<usize> {
    let a = &unit.flow.actions[action];
    let mut candidates: Vec<String> = Vec::new();
    let param = match &a.kind {
        ActionKind::TransferToFlow(p) => p.contact_flow_id.as_ref(),
        ActionKind::InvokeFlowModule(p) => p.flow_module_id.as_ref(),
        _ => None,
    };
    if let Some(v) = param.filter(|v| !v.is_dynamic()) {
        let text = v.text();
        candidates.push(text.to_string());
        if let Some(last) = text.rsplit('/').next() {
            candidates.push(last.to_owned());
        }
    }
    if let Some(Value::Object(meta)) = unit
        .flow
        .metadata
        .as_ref()
        .and_then(|m| m.entries.get("ActionMetadata"))
        .and_then(|am| am.get(&a.identifier))
    {
        let mut push = |v: Option<&Value>| {
            if let Some(s) = v.and_then(Value::as_str) {
                candidates.push(s.to_owned());
            }
        };
        push(meta.get("ContactFlow").and_then(|c| c.get("text")));
        push(meta.get("contactFlowModuleName"));
        if let Some(Value::Object(ps)) = meta.get("parameters") {
            for p in ps.values() {
                push(p.get("displayName"));
            }
        }
    }
    candidates
        .iter()
        .filter(|c| !c.is_empty())
        .find_map(|c| names.get(c.as_str()).copied())
}

#[cfg(test)]
mod tests;
