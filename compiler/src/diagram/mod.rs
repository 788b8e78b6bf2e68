//! Pictures of flows: a diagram model and its renderers (DOT, Mermaid, SVG), and the static
//! HTML report.
//!
//! ```text
//! resolve::Model ──from_model──▶ Diagram ──┬─ dot::render      ─▶ Graphviz text
//! connect::Flow  ──from_connect─▶          ├─ mermaid::render  ─▶ `flowchart TD` text
//!                                          └─ layout + svg     ─▶ SVG (our own layered layout)
//! Diagrams + diagnostics + Coverage ──report::site──▶ HTML files
//! ```
//!
//! For `.dial` flows the nodes are the **steps** (what the designer wrote and reviews), labelled
//! with a one-line summary per statement (what the caller hears or does), and the edges are
//! the written **outcomes** (intent, key, condition, error type) with their `.dial` spelling.
//! The lowered Connect IR would give one node per action (a step is often three or four), which
//! is the wrong level for a reviewer; it is used only for flows imported from Connect JSON,
//! where there are no steps (`from_connect`). Unwritten error outcomes go to the flow's
//! `on error` step: instead of one edge from every step, one "unhandled errors" node points at
//! the handler. Transfers to other flows, modules, whispers and hooks are link nodes.
//!
//! Pure and deterministic: nodes and edges come in declaration order, numbers are printed with
//! fixed precision, and nothing depends on hashing or time.

pub mod coverage;
mod from_connect;
mod from_model;
pub mod layout;
pub mod report;
pub mod text;

mod dot;
mod mermaid;
mod svg;
#[cfg(test)]
mod tests;

pub use dot::render as render_dot;
pub use from_connect::from_connect;
pub use from_model::{from_model, from_model_all};
pub use mermaid::render as render_mermaid;
pub use svg::{Overlay, render as render_svg, render_with as render_svg_with};

use crate::span::Span;

/// A flow as a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// The flow's name.
    pub name: String,
    /// The flow's kind as written in `.dial` (`inbound`, `module`), or the Connect flow type.
    pub kind: String,
    pub description: Option<String>,
    /// The first node is the entry marker.
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// What a node stands for; renderers pick the shape from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// Where the flow starts (a small circle).
    Start,
    /// A step (or a Connect action) that goes on to others.
    Step,
    /// A step that ends the call or the flow: hang up, return, end, a queue or agent transfer.
    Terminal,
    /// Another flow or module this flow transfers to, runs, or sets as a whisper or hook.
    Link,
    /// "Any unhandled error": points at the flow's `on error` step.
    OnError,
}

impl NodeKind {
    /// A CSS class name.
    #[must_use]
    pub fn class(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::Step => "step",
            NodeKind::Terminal => "terminal",
            NodeKind::Link => "link",
            NodeKind::OnError => "onerror",
        }
    }
}

/// A node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Unique within the diagram and stable: the step name, `flow:Name` for links, `(start)`
    /// and `(on error)` for the markers, the action identifier for Connect flows. Coverage
    /// files and the report refer to nodes by this key.
    pub key: String,
    pub kind: NodeKind,
    /// The step name (bold first line).
    pub title: String,
    /// One summary per statement, in full; renderers shorten them.
    pub lines: Vec<String>,
    /// The step's source (for diagnostics and "go to source").
    pub span: Option<Span>,
    /// For links: the name of the flow they lead to.
    pub link: Option<String>,
}

/// What an edge stands for; renderers pick the style from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// `-> step`, the start, or Connect's plain `NextAction`.
    Next,
    /// A result outcome: an intent, a key, a branch value, `open`, `found`, a module outcome.
    Result,
    /// An error outcome: `error`, `timeout`, `invalid`, `full`, `failed`, `not dialable`, a
    /// Connect error type, and the flow's `on error`.
    Error,
    /// To a link node: transfer, run, whisper, hook.
    Link,
}

impl EdgeKind {
    /// A CSS class name.
    #[must_use]
    pub fn class(self) -> &'static str {
        match self {
            EdgeKind::Next => "next",
            EdgeKind::Result => "result",
            EdgeKind::Error => "error",
            EdgeKind::Link => "linkto",
        }
    }
}

/// An edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index into [`Diagram::nodes`].
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// The outcomes as written in `.dial` (`intent OrderProduct`, `press 1`, `error`; `""` for
    /// a plain next). Outcomes of one kind from one node to another share an edge; coverage
    /// files name edges by `(from key, to key, outcome)`.
    pub outcomes: Vec<String>,
    /// What the picture shows: the outcomes, each with `(retry 2)` for bounded retries
    /// (`(retry 2 saying …)` with a re-prompt), joined by ` / `.
    pub label: String,
    pub span: Option<Span>,
}

impl Diagram {
    /// The index of the node with `key`.
    #[must_use]
    pub fn node(&self, key: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.key == key)
    }

    /// Adds an edge, or merges it into the edge of the same kind between the same nodes (so
    /// `timeout / invalid` is one arrow); the same outcome twice is kept once.
    pub(crate) fn push_edge(&mut self, edge: Edge) {
        let same = self
            .edges
            .iter_mut()
            .find(|e| e.from == edge.from && e.to == edge.to && e.kind == edge.kind);
        match same {
            None => self.edges.push(edge),
            Some(e) => {
                for o in edge.outcomes {
                    if !e.outcomes.contains(&o) {
                        e.outcomes.push(o);
                    }
                }
                let labels: Vec<&str> = e.label.split(" / ").collect();
                if !edge.label.is_empty() && !labels.contains(&edge.label.as_str()) {
                    if !e.label.is_empty() {
                        e.label.push_str(" / ");
                    }
                    e.label.push_str(&edge.label);
                }
            }
        }
    }

    /// Returns the index of the link node for `flow`, adding it when missing.
    pub(crate) fn link_node(&mut self, flow: &str, span: Option<Span>) -> usize {
        let key = format!("flow:{flow}");
        if let Some(i) = self.node(&key) {
            return i;
        }
        self.nodes.push(Node {
            key,
            kind: NodeKind::Link,
            title: flow.to_owned(),
            lines: Vec::new(),
            span,
            link: Some(flow.to_owned()),
        });
        self.nodes.len() - 1
    }
}
