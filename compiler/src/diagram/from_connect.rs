//! Diagrams of Connect flows (imported JSON), where there are no steps: one node per action,
//! one edge per transition, error branches by error type.

use serde_json::Value;

use super::{Diagram, Edge, EdgeKind, Node, NodeKind};
use crate::connect::{self, Branch};

/// Parameters worth showing on an action's node, in this order.
const SHOWN: &[&str] = &[
    "Text",
    "SSML",
    "PromptId",
    "LambdaFunctionARN",
    "FlowModuleId",
    "ContactFlowId",
    "QueueId",
    "ComparisonValue",
    "Attributes",
    "LexV2Bot",
];

/// The diagram of a Connect flow. `name` is used when the flow's metadata names none.
#[must_use]
pub fn from_connect(flow: &connect::Flow, name: &str) -> Diagram {
    let mut d = Diagram {
        name: flow
            .metadata
            .as_ref()
            .and_then(|m| m.name())
            .unwrap_or(name)
            .to_owned(),
        kind: flow
            .flow_type()
            .map_or_else(|| "flow".to_owned(), |t| t.to_string()),
        description: flow
            .metadata
            .as_ref()
            .and_then(|m| m.description())
            .map(str::to_owned),
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    d.nodes.push(Node {
        key: "(start)".to_owned(),
        kind: NodeKind::Start,
        title: "start".to_owned(),
        lines: Vec::new(),
        span: None,
        link: None,
    });
    for a in &flow.actions {
        let terminal = a
            .action_type()
            .is_some_and(connect::ActionType::is_terminal);
        d.nodes.push(Node {
            key: a.identifier.to_string(),
            kind: if terminal {
                NodeKind::Terminal
            } else {
                NodeKind::Step
            },
            title: a.type_name().to_owned(),
            lines: shown_parameters(&a.kind.parameters_json()),
            span: None,
            link: None,
        });
    }
    // Identifiers may repeat in a broken export: the first one wins, as in `Flow::action`.
    let index = |id: &str| {
        flow.actions
            .iter()
            .position(|a| a.identifier == id)
            .map(|i| i + 1)
    };
    if let Some(to) = index(&flow.start_action) {
        d.push_edge(Edge {
            from: 0,
            to,
            kind: EdgeKind::Next,
            outcomes: vec![String::new()],
            label: String::new(),
            span: None,
        });
    }
    for (i, a) in flow.actions.iter().enumerate() {
        for (branch, target) in a.transitions.targets() {
            let Some(to) = index(target) else { continue };
            let (kind, outcome) = match branch {
                Branch::Next => (EdgeKind::Next, String::new()),
                Branch::Error { error_type, .. } => (EdgeKind::Error, error_type.to_string()),
                Branch::Condition { index } => {
                    let c = &a.transitions.conditions[index];
                    let operand = c.operand_text().unwrap_or("…");
                    (EdgeKind::Result, format!("{} {operand:?}", c.operator))
                }
            };
            d.push_edge(Edge {
                from: i + 1,
                to,
                kind,
                label: outcome.clone(),
                outcomes: vec![outcome],
                span: None,
            });
        }
    }
    d
}

/// `Key: value` lines for the string parameters a reader cares about.
fn shown_parameters(params: &Value) -> Vec<String> {
    let Some(obj) = params.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in SHOWN {
        match obj.get(*key) {
            Some(Value::String(s)) => {
                let s = if *key == "SSML" {
                    super::text::strip_tags(s)
                } else {
                    super::text::fold_whitespace(s)
                };
                out.push(format!("{key}: {s}"));
            }
            Some(Value::Object(o)) => {
                let keys: Vec<&str> = o.keys().map(String::as_str).collect();
                out.push(format!("{key}: {}", keys.join(", ")));
            }
            _ => {}
        }
    }
    out
}
