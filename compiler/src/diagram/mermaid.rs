//! Mermaid `flowchart TD` text of a diagram (GitHub and GitLab render it in Markdown).

use std::fmt::Write;

use super::text::shorten;
use super::{Diagram, EdgeKind, NodeKind};

/// Summary lines are cut to this many columns.
const LINE_COLUMNS: usize = 36;

/// The diagram as a Mermaid flowchart. Node ids are `n0`, `n1`, …; every label is quoted and
/// its special characters written as Mermaid entity codes, so SSML, quotes and Japanese text
/// are shown as written.
#[must_use]
pub fn render(d: &Diagram) -> String {
    let mut out = String::from("flowchart TD\n");
    for (i, n) in d.nodes.iter().enumerate() {
        let mut label = escape(&n.title);
        for l in &n.lines {
            label.push_str("<br/>");
            label.push_str(&escape(&shorten(l, LINE_COLUMNS)));
        }
        let (open, close) = match n.kind {
            NodeKind::Start => ("((", "))"),
            NodeKind::Step => ("[", "]"),
            NodeKind::Terminal => ("([", "])"),
            NodeKind::Link => ("[[", "]]"),
            NodeKind::OnError => ("{{", "}}"),
        };
        let _ = writeln!(out, "  n{i}{open}\"{label}\"{close}");
    }
    let mut error_links = Vec::new();
    let mut flow_links = Vec::new();
    for (i, e) in d.edges.iter().enumerate() {
        let arrow = match e.kind {
            EdgeKind::Next | EdgeKind::Result => "-->",
            EdgeKind::Error => {
                error_links.push(i.to_string());
                "-.->"
            }
            EdgeKind::Link => {
                flow_links.push(i.to_string());
                "-.->"
            }
        };
        if e.label.is_empty() {
            let _ = writeln!(out, "  n{} {arrow} n{}", e.from, e.to);
        } else {
            let _ = writeln!(
                out,
                "  n{} {arrow}|\"{}\"| n{}",
                e.from,
                escape(&e.label),
                e.to
            );
        }
    }
    for (kind, nodes) in [
        (NodeKind::Start, "start"),
        (NodeKind::Terminal, "terminal"),
        (NodeKind::Link, "link"),
        (NodeKind::OnError, "onerror"),
    ]
    .map(|(k, c)| {
        let ids: Vec<String> = d
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == k)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        (c, ids)
    }) {
        if !nodes.is_empty() {
            let _ = writeln!(out, "  class {} {kind}", nodes.join(","));
        }
    }
    out.push_str("  classDef start fill:#2d3748,color:#fff,stroke:#2d3748\n");
    out.push_str("  classDef terminal fill:#edf2f7,stroke:#2d3748,stroke-width:2px\n");
    out.push_str("  classDef link fill:#ebf4ff,stroke:#2b6cb0,color:#2b6cb0\n");
    out.push_str("  classDef onerror fill:#fff5f5,stroke:#c53030,color:#c53030\n");
    if !error_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#c53030,color:#c53030",
            error_links.join(",")
        );
    }
    if !flow_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#2b6cb0,color:#2b6cb0",
            flow_links.join(",")
        );
    }
    out
}

/// Mermaid entity codes for the characters that would end a quoted label or be read as HTML.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#38;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
