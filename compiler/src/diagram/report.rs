//! The static HTML report: an index of flows and one page per flow with its SVG diagram, the
//! diagnostics placed on the steps they concern, a details panel for the clicked step, and a
//! coverage overlay with transcripts when a [`Coverage`] is given.
//!
//! Pure: [`site`] returns the files (relative path → text); the CLI writes them. The pages use
//! only relative links, an embedded JSON blob and two local assets (`assets/report.css`,
//! `assets/report.js`), so they work from `file://` with no server and no network.
//!
//! `report.js` has one hook for the browser test: opening a page with `#selftest` clicks the
//! first step and writes what it found into `<pre id="dg-selftest">` as JSON.

use std::fmt::Write;

use serde_json::{Value, json};

use super::coverage::{Coverage, FlowCoverage, Transcript};
use super::text::xml;
use super::{Diagram, EdgeKind, NodeKind, Overlay, from_model_all, render_svg_with};
use crate::diagnostics::{Diagnostic, Severity};
use crate::resolve::Model;
use crate::span::{SourceMap, Span};

/// What the report is made of.
pub struct Input<'a> {
    /// Shown in the page titles (the project name, or the checked path).
    pub title: &'a str,
    pub model: &'a Model,
    pub sources: &'a SourceMap,
    /// The diagnostics of `dialect check`.
    pub diagnostics: &'a [Diagnostic],
    pub coverage: Option<&'a Coverage>,
}

/// The files of the report, in a stable order: `index.html`, `assets/…`, `flows/NAME.html`.
#[must_use]
pub fn site(input: &Input<'_>) -> Vec<(String, String)> {
    let diagrams = from_model_all(input.model);
    let placed = place_diagnostics(input);
    let mut files = Vec::new();
    let mut rows = Vec::new();
    for (i, d) in diagrams.iter().enumerate() {
        let cov = input.coverage.and_then(|c| c.flows.get(&d.name));
        let page = flow_page(input, &diagrams, i, &placed, cov);
        rows.push(page.row);
        files.push((format!("flows/{}", page_name(&d.name)), page.html));
    }
    let mut out = vec![
        ("index.html".to_owned(), index_page(input, &rows, &placed)),
        ("assets/report.css".to_owned(), CSS.to_owned()),
        ("assets/report.js".to_owned(), JS.to_owned()),
    ];
    out.extend(files);
    out
}

/// The file name of a flow's page: letters, digits and `-` as they are, every other character
/// as `_HEX_`, so that any name (Japanese included) gives a distinct, portable name.
#[must_use]
pub fn page_name(flow: &str) -> String {
    let mut out = String::new();
    for c in flow.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", u32::from(c));
        }
    }
    if out.is_empty() {
        out.push_str("_flow_");
    }
    out.push_str(".html");
    out
}

/// Where each diagnostic belongs: a step of a flow, a flow, or the project.
struct Placed {
    /// (flow index, step index or `None` for the flow itself, diagnostic index)
    on: Vec<(usize, Option<usize>, usize)>,
    /// Diagnostics not inside any flow.
    project: Vec<usize>,
}

fn place_diagnostics(input: &Input<'_>) -> Placed {
    let mut placed = Placed {
        on: Vec::new(),
        project: Vec::new(),
    };
    for (di, d) in input.diagnostics.iter().enumerate() {
        let found = d.primary_span().and_then(|span| {
            input.model.flows.iter().enumerate().find_map(|(fi, f)| {
                if !inside(f.span, span) {
                    return None;
                }
                let step = f.steps.iter().position(|s| inside(s.span, span));
                Some((fi, step))
            })
        });
        match found {
            Some((fi, step)) => placed.on.push((fi, step, di)),
            None => placed.project.push(di),
        }
    }
    placed
}

fn inside(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.start < outer.end.max(1)
}

/// `path:line:column`, or `""` when the span's file is unknown.
fn location(sources: &SourceMap, span: Span) -> String {
    if span.file.0 as usize >= sources.len() {
        return String::new();
    }
    let f = sources.get(span.file);
    let (line, col) = f.line_col(span.start);
    format!("{}:{line}:{col}", f.path)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn diagnostic_json(input: &Input<'_>, d: &Diagnostic) -> Value {
    json!({
        "code": d.code.to_string(),
        "severity": severity(d.severity),
        "message": d.message,
        "help": d.help,
        "at": d.primary_span().map(|s| location(input.sources, s)).unwrap_or_default(),
    })
}

fn diagnostic_html(input: &Input<'_>, d: &Diagnostic) -> String {
    let at = d
        .primary_span()
        .map(|s| location(input.sources, s))
        .unwrap_or_default();
    let mut s = format!(
        "<li class=\"diag {}\"><span class=\"code\">{}</span> {} <span class=\"at\">{}</span>",
        severity(d.severity),
        xml(&d.code.to_string()),
        xml(&d.message),
        xml(&at)
    );
    if let Some(h) = &d.help {
        let _ = write!(s, "<div class=\"help\">help: {}</div>", xml(h));
    }
    s.push_str("</li>\n");
    s
}

/// A line of the index table.
struct Row {
    name: String,
    kind: String,
    file: String,
    steps: usize,
    errors: usize,
    warnings: usize,
    coverage: Option<(usize, usize)>,
}

struct Page {
    html: String,
    row: Row,
}

/// Coverage totals of one flow.
#[derive(Default)]
struct Totals {
    steps: (usize, usize),
    branches: (usize, usize),
    errors: (usize, usize),
}

#[allow(clippy::too_many_lines)]
fn flow_page(
    input: &Input<'_>,
    diagrams: &[Diagram],
    fi: usize,
    placed: &Placed,
    cov: Option<&FlowCoverage>,
) -> Page {
    let d = &diagrams[fi];
    let flow = &input.model.flows[fi];
    let flow_diags: Vec<(Option<usize>, &Diagnostic)> = placed
        .on
        .iter()
        .filter(|(f, _, _)| *f == fi)
        .map(|(_, s, di)| (*s, &input.diagnostics[*di]))
        .collect();
    let empty = FlowCoverage::default();
    let hits_of = cov.unwrap_or(&empty);

    // Overlay: diagnostics and coverage.
    let mut overlay = Overlay {
        node_classes: vec![Vec::new(); d.nodes.len()],
        node_badges: vec![None; d.nodes.len()],
        edge_classes: vec![Vec::new(); d.edges.len()],
        edge_badges: vec![None; d.edges.len()],
    };
    let mut totals = Totals::default();
    let mut nodes_json = serde_json::Map::new();
    for (ni, n) in d.nodes.iter().enumerate() {
        // Steps are nodes 1..=steps.len() (see `from_model`).
        let step = (1..=flow.steps.len())
            .contains(&ni)
            .then(|| ni - 1)
            .filter(|_| matches!(n.kind, NodeKind::Step | NodeKind::Terminal));
        let diags: Vec<&Diagnostic> = flow_diags
            .iter()
            .filter(|(s, _)| s.is_some() && *s == step)
            .map(|(_, d)| *d)
            .collect();
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        let mut badge = Vec::new();
        if cov.is_some() && step.is_some() {
            let h = hits_of.step_hits(&n.key);
            totals.steps.1 += 1;
            if h > 0 {
                totals.steps.0 += 1;
                overlay.node_classes[ni].push("dg-hit".to_owned());
            } else {
                overlay.node_classes[ni].push("dg-miss".to_owned());
            }
            badge.push(format!("×{h}"));
        }
        if errors > 0 {
            overlay.node_classes[ni].push("dg-has-error".to_owned());
            badge.push(format!(
                "{errors} error{}",
                if errors == 1 { "" } else { "s" }
            ));
        } else if warnings > 0 {
            overlay.node_classes[ni].push("dg-has-warning".to_owned());
            badge.push(format!(
                "{warnings} warning{}",
                if warnings == 1 { "" } else { "s" }
            ));
        }
        if !badge.is_empty() {
            overlay.node_badges[ni] = Some(badge.join(" · "));
        }
        let outcomes: Vec<Value> = d
            .edges
            .iter()
            .filter(|e| e.from == ni)
            .map(|e| {
                let to = d.nodes.get(e.to);
                let mut o = json!({
                    "label": if e.label.is_empty() { "next" } else { e.label.as_str() },
                    "kind": e.kind.class(),
                    "to": to.map_or("", |t| t.title.as_str()),
                    "toKey": to.map_or("", |t| t.key.as_str()),
                });
                if cov.is_some() && e.kind != EdgeKind::Link {
                    o["hits"] = json!(hits_of.edge_hits_any(
                        &n.key,
                        to.map_or("", |t| t.key.as_str()),
                        &e.outcomes
                    ));
                }
                o
            })
            .collect();
        let mut v = json!({
            "title": n.title,
            "kind": n.kind.class(),
            "lines": n.lines,
            "at": n.span.map(|s| location(input.sources, s)).unwrap_or_default(),
            "outcomes": outcomes,
            "diagnostics": diags.iter().map(|dg| diagnostic_json(input, dg)).collect::<Vec<_>>(),
        });
        if let Some(link) = &n.link
            && diagrams.iter().any(|o| &o.name == link)
        {
            v["href"] = json!(page_name(link));
        }
        if cov.is_some() && step.is_some() {
            v["hits"] = json!(hits_of.step_hits(&n.key));
        }
        nodes_json.insert(n.key.clone(), v);
    }
    if cov.is_some() {
        for (ei, e) in d.edges.iter().enumerate() {
            let from = d.nodes.get(e.from);
            // The entry edge is always taken and links are not branches.
            if e.kind == EdgeKind::Link || from.is_some_and(|f| f.kind == NodeKind::Start) {
                continue;
            }
            let to = d.nodes.get(e.to);
            let h = hits_of.edge_hits_any(
                from.map_or("", |n| n.key.as_str()),
                to.map_or("", |n| n.key.as_str()),
                &e.outcomes,
            );
            totals.branches.1 += 1;
            if e.kind == EdgeKind::Error {
                totals.errors.1 += 1;
            }
            if h > 0 {
                totals.branches.0 += 1;
                if e.kind == EdgeKind::Error {
                    totals.errors.0 += 1;
                }
                overlay.edge_classes[ei].push("dg-hit".to_owned());
                overlay.edge_badges[ei] = Some(format!("×{h}"));
            } else {
                overlay.edge_classes[ei].push("dg-miss".to_owned());
            }
        }
    }
    let svg = render_svg_with(d, &overlay);
    let errors = flow_diags
        .iter()
        .filter(|(_, d)| d.severity == Severity::Error)
        .count();
    let warnings = flow_diags.len() - errors;
    let file = if (flow.file.0 as usize) < input.sources.len() {
        input.sources.get(flow.file).path.clone()
    } else {
        String::new()
    };

    let mut html = String::new();
    let _ = write!(
        html,
        "{}<body class=\"flow-page\">\n<header><a href=\"../index.html\">← {}</a><h1>{} <span class=\"kind\">{}</span></h1>",
        head(&format!("{} · {}", d.name, input.title), "../"),
        xml(input.title),
        xml(&d.name),
        xml(&d.kind)
    );
    if let Some(desc) = &d.description {
        let _ = write!(html, "<p class=\"description\">{}</p>", xml(desc));
    }
    let _ = write!(
        html,
        "<p class=\"meta\">{} · {} step{} · {}</p>",
        xml(&location(input.sources, flow.name_span)),
        flow.steps.len(),
        if flow.steps.len() == 1 { "" } else { "s" },
        counts(errors, warnings)
    );
    if cov.is_some() {
        let _ = write!(
            html,
            "<p class=\"coverage-summary\">Coverage: steps {} · branches {} · error branches {}</p>",
            ratio(totals.steps),
            ratio(totals.branches),
            ratio(totals.errors)
        );
    } else if input.coverage.is_some() {
        html.push_str("<p class=\"coverage-summary\">Coverage: no test ran this flow.</p>");
    }
    html.push_str("</header>\n<main>\n<section class=\"diagram\" id=\"diagram\">\n");
    html.push_str(&svg);
    html.push_str(LEGEND);
    html.push_str("</section>\n<aside id=\"dg-panel\" class=\"panel\" hidden>\n<button type=\"button\" id=\"dg-panel-close\" aria-label=\"close\">×</button>\n<h2 id=\"dg-panel-title\"></h2>\n<div id=\"dg-panel-body\"></div>\n</aside>\n</main>\n");
    if !flow_diags.is_empty() {
        html.push_str("<section class=\"diagnostics\"><h2>Diagnostics</h2><ul>\n");
        for (_, dg) in &flow_diags {
            html.push_str(&diagnostic_html(input, dg));
        }
        html.push_str("</ul></section>\n");
    }
    if let Some(c) = input.coverage {
        let mine: Vec<&Transcript> = c.transcripts.iter().filter(|t| t.flow == d.name).collect();
        if !mine.is_empty() {
            html.push_str(&transcripts_html(&mine));
        }
    }
    let data = json!({ "flow": d.name, "nodes": Value::Object(nodes_json) });
    let _ = write!(
        html,
        "<script type=\"application/json\" id=\"dg-data\">{}</script>\n<script src=\"../assets/report.js\"></script>\n</body>\n</html>\n",
        script_json(&data)
    );
    Page {
        html,
        row: Row {
            name: d.name.clone(),
            kind: d.kind.clone(),
            file,
            steps: flow.steps.len(),
            errors,
            warnings,
            coverage: cov.map(|_| totals.branches),
        },
    }
}

fn counts(errors: usize, warnings: usize) -> String {
    if errors == 0 && warnings == 0 {
        return "no diagnostics".to_owned();
    }
    format!(
        "{errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    )
}

fn ratio((hit, all): (usize, usize)) -> String {
    if all == 0 {
        return "—".to_owned();
    }
    format!("{hit}/{all} ({}%)", hit * 100 / all)
}

/// JSON that can sit inside `<script>`: `<` is written `\u003c` so `</script>` cannot occur.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace('<', "\\u003c")
}

fn transcripts_html(list: &[&Transcript]) -> String {
    let mut s = String::from("<section class=\"transcripts\"><h2>Transcripts</h2>\n");
    for t in list {
        let _ = write!(
            s,
            "<details class=\"transcript {}\"><summary>{} {} <span class=\"kind\">{}</span></summary><ol>",
            if t.passed { "passed" } else { "failed" },
            if t.passed { "✓" } else { "✗" },
            xml(&t.name),
            xml(&t.flow)
        );
        for l in &t.lines {
            let _ = write!(
                s,
                "<li class=\"who-{}\"><span class=\"who\">{}</span> {}</li>",
                xml(&l.who.replace(|c: char| !c.is_ascii_alphanumeric(), "-")),
                xml(&l.who),
                xml(&l.text)
            );
        }
        s.push_str("</ol></details>\n");
    }
    s.push_str("</section>\n");
    s
}

fn head(title: &str, root: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"dialect report\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"{root}assets/report.css\">\n</head>\n",
        xml(title)
    )
}

fn index_page(input: &Input<'_>, rows: &[Row], placed: &Placed) -> String {
    let mut html = head(input.title, "");
    let errors = input
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let _ = write!(
        html,
        "<body class=\"index-page\">\n<header><h1>{}</h1><p class=\"meta\">{} flow{} · {}</p></header>\n<main class=\"index\">\n<table class=\"flows\">\n<thead><tr><th>flow</th><th>kind</th><th>file</th><th>steps</th><th>diagnostics</th>{}</tr></thead>\n<tbody>\n",
        xml(input.title),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        counts(errors, input.diagnostics.len() - errors),
        if input.coverage.is_some() {
            "<th>branches covered</th>"
        } else {
            ""
        }
    );
    for r in rows {
        let _ = write!(
            html,
            "<tr class=\"{}\"><td><a class=\"flow-link\" href=\"flows/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            if r.errors > 0 {
                "has-error"
            } else if r.warnings > 0 {
                "has-warning"
            } else {
                "clean"
            },
            xml(&page_name(&r.name)),
            xml(&r.name),
            xml(&r.kind),
            xml(&r.file),
            r.steps,
            counts(r.errors, r.warnings)
        );
        if input.coverage.is_some() {
            let _ = write!(
                html,
                "<td>{}</td>",
                r.coverage.map_or_else(|| "not run".to_owned(), ratio)
            );
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
    if !placed.project.is_empty() {
        html.push_str("<section class=\"diagnostics\"><h2>Diagnostics outside flows</h2><ul>\n");
        for &di in &placed.project {
            html.push_str(&diagnostic_html(input, &input.diagnostics[di]));
        }
        html.push_str("</ul></section>\n");
    }
    if let Some(c) = input.coverage
        && !c.transcripts.is_empty()
    {
        let all: Vec<&Transcript> = c.transcripts.iter().collect();
        html.push_str(&transcripts_html(&all));
    }
    html.push_str("</main>\n<script src=\"assets/report.js\"></script>\n</body>\n</html>\n");
    html
}

const LEGEND: &str = "<p class=\"legend\"><span class=\"l-step\">step</span> <span class=\"l-terminal\">ends the call</span> <span class=\"l-link\">other flow</span> <span class=\"l-result\">→ outcome</span> <span class=\"l-error\">⇢ error</span> <span class=\"l-hit\">exercised</span> <span class=\"l-miss\">never exercised</span></p>\n";

/// The report's style sheet (`assets/report.css`).
const CSS: &str = include_str!("report.css");

/// The details panel and the browser-test hook (`assets/report.js`).
const JS: &str = include_str!("report.js");
