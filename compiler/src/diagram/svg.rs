//! SVG of a diagram, laid out by [`super::layout`]: no external tool, well-formed XML,
//! byte-identical for the same diagram.
//!
//! Nodes are `<g class="dg-node dg-KIND" data-key="KEY">` and edges `<g class="dg-edge
//! dg-KIND" data-from="KEY" data-to="KEY" data-outcome="…">`, so that the HTML report (or any
//! page) can find them; an [`Overlay`] adds classes and badges (diagnostics, coverage).

use std::fmt::Write;

use super::layout::{self, Input, Layout};
use super::text::{shorten, width, xml};
use super::{Diagram, NodeKind};

/// Summary lines are cut to this many columns.
const LINE_COLUMNS: usize = 34;
const FONT: f64 = 12.0;
const TITLE_FONT: f64 = 13.0;
const LINE_H: f64 = 16.0;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 7.0;
/// Estimated advance of one column at `FONT` (wide characters take two).
const COLUMN: f64 = 7.0;
/// The same for the bold title at `TITLE_FONT`.
const TITLE_COLUMN: f64 = 8.2;
const LABEL_COLUMN: f64 = 6.4;

/// Extra classes and badges per node and per edge (indexes as in the diagram).
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    pub node_classes: Vec<Vec<String>>,
    pub node_badges: Vec<Option<String>>,
    pub edge_classes: Vec<Vec<String>>,
    pub edge_badges: Vec<Option<String>>,
}

/// The diagram as a standalone SVG document.
#[must_use]
pub fn render(d: &Diagram) -> String {
    render_with(d, &Overlay::default())
}

/// The lines drawn in a node's box: the title, then the shortened summaries.
fn node_lines(n: &super::Node) -> Vec<String> {
    let mut lines = vec![n.title.clone()];
    lines.extend(n.lines.iter().map(|l| shorten(l, LINE_COLUMNS)));
    lines
}

fn edge_text(label: &str, badge: Option<&String>) -> String {
    match badge {
        Some(b) if label.is_empty() => b.clone(),
        Some(b) => format!("{label} · {b}"),
        None => label.to_owned(),
    }
}

/// The diagram as SVG with `overlay`'s classes and badges.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn render_with(d: &Diagram, overlay: &Overlay) -> String {
    let mut input = Input::default();
    for n in &d.nodes {
        input.nodes.push(match n.kind {
            NodeKind::Start => (22.0, 22.0),
            _ => {
                let lines = node_lines(n);
                let text_w = lines
                    .iter()
                    .enumerate()
                    .map(|(j, l)| width(l) as f64 * if j == 0 { TITLE_COLUMN } else { COLUMN })
                    .fold(0.0, f64::max);
                let w = (text_w + 2.0 * PAD_X).max(64.0);
                let h = lines.len() as f64 * LINE_H + 2.0 * PAD_Y;
                (w, h)
            }
        });
    }
    for (i, e) in d.edges.iter().enumerate() {
        let text = edge_text(
            &e.label,
            overlay.edge_badges.get(i).and_then(Option::as_ref),
        );
        let size = if text.is_empty() {
            (0.0, 0.0)
        } else {
            (width(&text) as f64 * LABEL_COLUMN + 4.0, 14.0)
        };
        input.edges.push((e.from, e.to, size));
    }
    let l: Layout = layout::layout(&input);
    let w = l.width.max(40.0);
    let h = l.height.max(40.0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dialect-diagram\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" role=\"img\" aria-label=\"{}\" data-flow=\"{}\">",
        xml(&format!("flow {}", d.name)),
        xml(&d.name)
    );
    let _ = writeln!(
        out,
        "<title>{}</title>",
        xml(&format!("{} ({})", d.name, d.kind))
    );
    out.push_str(STYLE);
    out.push_str(DEFS);
    out.push_str("<g class=\"dg-edges\">\n");
    for (i, (e, route)) in d.edges.iter().zip(&l.edges).enumerate() {
        if route.points.is_empty() {
            continue;
        }
        let from = d.nodes.get(e.from).map_or("", |n| n.key.as_str());
        let to = d.nodes.get(e.to).map_or("", |n| n.key.as_str());
        let mut class = format!("dg-edge dg-{}", e.kind.class());
        for c in overlay.edge_classes.get(i).into_iter().flatten() {
            class.push(' ');
            class.push_str(c);
        }
        let _ = writeln!(
            out,
            "<g class=\"{}\" data-edge=\"{i}\" data-from=\"{}\" data-to=\"{}\" data-outcome=\"{}\">",
            xml(&class),
            xml(from),
            xml(to),
            xml(&e.outcomes.join(" / "))
        );
        let _ = writeln!(
            out,
            "<path d=\"{}\"/>",
            path(&route.points, route.self_loop)
        );
        let text = edge_text(
            &e.label,
            overlay.edge_badges.get(i).and_then(Option::as_ref),
        );
        if let (Some((x, y)), false) = (route.label, text.is_empty()) {
            let tw = width(&text) as f64 * LABEL_COLUMN + 4.0;
            let _ = writeln!(
                out,
                "<rect class=\"dg-label-bg\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{tw:.1}\" height=\"14\" rx=\"3\"/><text class=\"dg-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x,
                x + 2.0,
                y + 10.5,
                xml(&text)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"dg-nodes\">\n");
    for (i, (n, r)) in d.nodes.iter().zip(&l.nodes).enumerate() {
        let mut class = format!("dg-node dg-{}", n.kind.class());
        for c in overlay.node_classes.get(i).into_iter().flatten() {
            class.push(' ');
            class.push_str(c);
        }
        let _ = write!(
            out,
            "<g class=\"{}\" data-node=\"{i}\" data-key=\"{}\"",
            xml(&class),
            xml(&n.key)
        );
        if let Some(link) = &n.link {
            let _ = write!(out, " data-link=\"{}\"", xml(link));
        }
        out.push_str(" tabindex=\"0\">\n");
        let mut tip = n.title.clone();
        for line in &n.lines {
            tip.push('\n');
            tip.push_str(line);
        }
        let _ = writeln!(out, "<title>{}</title>", xml(&tip));
        let (x0, y0) = (r.x - r.w / 2.0, r.y - r.h / 2.0);
        match n.kind {
            NodeKind::Start => {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\"/>",
                    r.x,
                    r.y,
                    r.w / 2.0
                );
            }
            NodeKind::OnError => {
                let k = 8.0;
                let _ = writeln!(
                    out,
                    "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\"/>",
                    x0,
                    r.y,
                    x0 + k,
                    y0,
                    x0 + r.w - k,
                    y0,
                    x0 + r.w,
                    r.y,
                    x0 + r.w - k,
                    y0 + r.h,
                    x0 + k,
                    y0 + r.h
                );
                let _ = writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\"><tspan class=\"dg-title\" x=\"{:.1}\" y=\"{:.1}\">{}</tspan></text>",
                    x0 + PAD_X,
                    y0 + PAD_Y,
                    x0 + PAD_X,
                    y0 + PAD_Y + TITLE_FONT,
                    xml(&n.title)
                );
            }
            _ => {
                let rx = match n.kind {
                    NodeKind::Terminal => (r.h / 2.0).min(14.0),
                    NodeKind::Link => 0.0,
                    _ => 5.0,
                };
                let _ = writeln!(
                    out,
                    "<rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{rx:.1}\"/>",
                    r.w, r.h
                );
                if n.kind == NodeKind::Link {
                    let _ = writeln!(
                        out,
                        "<path class=\"dg-link-mark\" d=\"M{:.1},{y0:.1}V{:.1}M{:.1},{y0:.1}V{:.1}\"/>",
                        x0 + 5.0,
                        y0 + r.h,
                        x0 + r.w - 5.0,
                        y0 + r.h
                    );
                }
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\">",
                    x0 + PAD_X,
                    y0 + PAD_Y
                );
                for (j, line) in node_lines(n).iter().enumerate() {
                    let class = if j == 0 { "dg-title" } else { "dg-line" };
                    let size = if j == 0 { TITLE_FONT } else { FONT };
                    let _ = write!(
                        out,
                        "<tspan class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\">{}</tspan>",
                        x0 + PAD_X,
                        y0 + PAD_Y + j as f64 * LINE_H + size,
                        xml(line)
                    );
                }
                out.push_str("</text>\n");
            }
        }
        if let Some(Some(badge)) = overlay.node_badges.get(i) {
            let bw = width(badge) as f64 * LABEL_COLUMN + 8.0;
            let _ = writeln!(
                out,
                "<g class=\"dg-badge\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"15\" rx=\"7\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                x0 + r.w - bw + 4.0,
                y0 - 8.0,
                x0 + r.w - bw + 8.0,
                y0 + 3.0,
                xml(badge)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// A smooth path through `points`: vertical tangents between ranks.
fn path(points: &[(f64, f64)], self_loop: bool) -> String {
    let mut d = String::new();
    let Some(&(x, y)) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{x:.1},{y:.1}");
    if self_loop && points.len() == 3 {
        let (mx, _) = points[1];
        let (ex, ey) = points[2];
        let _ = write!(d, "C{mx:.1},{y:.1} {mx:.1},{ey:.1} {ex:.1},{ey:.1}");
        return d;
    }
    for pair in points.windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let my = (ay + by) / 2.0;
        let _ = write!(d, "C{ax:.1},{my:.1} {bx:.1},{my:.1} {bx:.1},{by:.1}");
    }
    d
}

const STYLE: &str = "<style>
.dialect-diagram{font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",\"Noto Sans\",\"DejaVu Sans\",sans-serif;background:#fff}
.dg-node rect,.dg-node polygon{fill:#fff;stroke:#4a5568;stroke-width:1.2}
.dg-node circle{fill:#2d3748}
.dg-terminal rect{fill:#edf2f7;stroke:#2d3748;stroke-width:2}
.dg-link rect{fill:#ebf4ff;stroke:#2b6cb0}
.dg-link-mark{stroke:#2b6cb0;fill:none}
.dg-onerror polygon{fill:#fff5f5;stroke:#c53030}
.dg-onerror text,.dg-link text{fill:#2b6cb0}
.dg-onerror text{fill:#c53030}
.dg-title{font-size:13px;font-weight:bold;fill:#1a202c}
.dg-line{font-size:12px;fill:#2d3748}
.dg-edge path{fill:none;stroke:#718096;stroke-width:1.3;marker-end:url(#dg-arrow)}
.dg-error path{stroke:#c53030;stroke-dasharray:5 3;marker-end:url(#dg-arrow-error)}
.dg-linkto path{stroke:#2b6cb0;stroke-dasharray:2 3;marker-end:url(#dg-arrow-link)}
.dg-label{font-size:11px;fill:#2d3748}
.dg-error .dg-label{fill:#c53030}
.dg-linkto .dg-label{fill:#2b6cb0}
.dg-label-bg{fill:#fff;fill-opacity:.85}
.dg-badge rect{fill:#2d3748}
.dg-badge text{font-size:10px;fill:#fff}
</style>
";

const DEFS: &str = "<defs>
<marker id=\"dg-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#718096\"/></marker>
<marker id=\"dg-arrow-error\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#c53030\"/></marker>
<marker id=\"dg-arrow-link\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#2b6cb0\"/></marker>
<marker id=\"dg-arrow-hit\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#2f855a\"/></marker>
</defs>
";
