//! SARIF 2.1.0 output, for code scanning (GitHub, Azure DevOps, …).
//!
//! One run whose tool is `dialect`, with one rule per code that occurs (its summary, its
//! documentation and its default level) and one result per diagnostic. Lines and columns are
//! 1-based; columns count Unicode code points (`columnKind: unicodeCodePoints`), like the
//! human and JSON output. A test validates the output against the SARIF 2.1.0 JSON schema.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::span::{SourceMap, Span};

/// The schema URI written in `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders diagnostics as a SARIF 2.1.0 log (pretty JSON with a final newline). `version` is
/// the tool version.
#[must_use]
pub fn render_sarif<'a>(
    sources: &SourceMap,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    version: &str,
) -> String {
    let diagnostics: Vec<&Diagnostic> = diagnostics.into_iter().collect();
    let mut rules: BTreeMap<&'static str, Code> = BTreeMap::new();
    for d in &diagnostics {
        rules.insert(d.code.id(), d.code);
    }
    let rule_index: BTreeMap<&str, usize> =
        rules.keys().enumerate().map(|(i, id)| (*id, i)).collect();
    let rules_json: Vec<Value> = rules.values().map(|c| rule(*c)).collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            result(
                sources,
                d,
                rule_index.get(d.code.id()).copied().unwrap_or(0),
            )
        })
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dialect",
                "version": version,
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(c: Code) -> Value {
    let info = c.info();
    let doc: String = info
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    json!({
        "id": info.id,
        "name": info.name,
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": doc.trim() },
        "help": { "text": doc.trim(), "markdown": doc.trim() },
        "defaultConfiguration": { "level": level(info.severity) },
    })
}

fn result(sources: &SourceMap, d: &Diagnostic, rule_index: usize) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    for n in &d.notes {
        text.push_str("\nnote: ");
        text.push_str(n);
    }
    let mut r = json!({
        "ruleId": d.code.id(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
    });
    let Value::Object(m) = &mut r else {
        return r;
    };
    if let Some(span) = d.primary_span() {
        m.insert(
            "locations".to_owned(),
            json!([location(sources, span, None)]),
        );
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(sources, l.span, Some(&l.message));
            if let Value::Object(o) = &mut loc {
                o.insert("id".to_owned(), Value::from(i));
            }
            loc
        })
        .collect();
    if !related.is_empty() {
        m.insert("relatedLocations".to_owned(), Value::Array(related));
    }
    r
}

fn location(sources: &SourceMap, span: Span, message: Option<&str>) -> Value {
    let f = sources.get(span.file);
    let (line, col) = f.line_col(span.start);
    let (end_line, end_col) = f.line_col(span.end);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&f.path) },
            "region": {
                "startLine": line,
                "startColumn": col,
                "endLine": end_line,
                "endColumn": end_col.max(if end_line == line { col } else { 1 }),
            },
        },
    });
    if let (Some(msg), Value::Object(o)) = (message.filter(|m| !m.is_empty()), &mut loc) {
        o.insert("message".to_owned(), json!({ "text": msg }));
    }
    loc
}

/// A relative URI reference for a path: `/` separators, other characters outside the
/// unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::codes;
    use crate::span::{FileId, SourceFile};

    #[test]
    fn sarif_shape() {
        let mut sources = SourceMap::new();
        let f = sources.add(SourceFile::new(
            "flows/my flow.dial",
            "greet {\n  sya \"Hi\"\n}\n",
        ));
        assert_eq!(f, FileId(0));
        let d = Diagnostic::new(codes::UNEXPECTED_TOKEN, "unexpected `sya`")
            .with_label(Span::new(f, 10, 13), "here")
            .with_secondary(Span::new(f, 0, 5), "in this step")
            .with_help("did you mean `say`?");
        let v: Value = serde_json::from_str(&render_sarif(&sources, [&d], "0.1.0")).unwrap();
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "P001");
        let r = &run["results"][0];
        assert_eq!(r["level"], "error");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(2), Some(3))
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "flows/my%20flow.dial"
        );
        assert_eq!(r["relatedLocations"][0]["message"]["text"], "in this step");
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("help: did you mean")
        );
    }
}
