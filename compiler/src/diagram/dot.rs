//! Graphviz DOT text of a diagram (`dot -Tsvg` draws it).

use std::fmt::Write;

use super::text::shorten;
use super::{Diagram, EdgeKind, NodeKind};

/// Summary lines are cut to this many columns.
const LINE_COLUMNS: usize = 40;

/// The diagram as a DOT `digraph`. Node ids are `n0`, `n1`, … in node order; labels carry the
/// names, so any name (Japanese included) is safe.
#[must_use]
pub fn render(d: &Diagram) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&d.name));
    let _ = writeln!(
        out,
        "  graph [rankdir=TB, labelloc=t, fontname=\"sans-serif\", label={}];",
        quote(&format!("{} ({})", d.name, d.kind))
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#4a5568\", fontname=\"sans-serif\", fontsize=11];\n",
    );
    out.push_str("  edge [color=\"#4a5568\", fontname=\"sans-serif\", fontsize=10];\n");
    for (i, n) in d.nodes.iter().enumerate() {
        let mut label = n.title.clone();
        for l in &n.lines {
            label.push('\n');
            label.push_str(&shorten(l, LINE_COLUMNS));
        }
        let style = match n.kind {
            NodeKind::Start => ", shape=circle, fillcolor=\"#2d3748\", fontcolor=\"#ffffff\"",
            NodeKind::Step => "",
            NodeKind::Terminal => ", style=\"rounded,filled,bold\", fillcolor=\"#edf2f7\"",
            NodeKind::Link => ", shape=component, fillcolor=\"#ebf4ff\", color=\"#2b6cb0\"",
            NodeKind::OnError => {
                ", shape=hexagon, fillcolor=\"#fff5f5\", color=\"#c53030\", fontcolor=\"#c53030\""
            }
        };
        let _ = writeln!(out, "  n{i} [label={}{style}];", quote(&label));
    }
    for e in &d.edges {
        let mut attrs: Vec<String> = Vec::new();
        if !e.label.is_empty() {
            attrs.push(format!("label={}", quote(&e.label)));
        }
        match e.kind {
            EdgeKind::Next | EdgeKind::Result => {}
            EdgeKind::Error => {
                attrs.push("color=\"#c53030\", fontcolor=\"#c53030\", style=dashed".to_owned())
            }
            EdgeKind::Link => attrs.push(
                "color=\"#2b6cb0\", fontcolor=\"#2b6cb0\", style=dotted, arrowhead=vee".to_owned(),
            ),
        }
        if attrs.is_empty() {
            let _ = writeln!(out, "  n{} -> n{};", e.from, e.to);
        } else {
            let _ = writeln!(out, "  n{} -> n{} [{}];", e.from, e.to, attrs.join(", "));
        }
    }
    out.push_str("}\n");
    out
}

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
