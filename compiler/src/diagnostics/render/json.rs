//! Machine output: one JSON object per diagnostic.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::span::SourceMap;

/// The JSON shape of a diagnostic. Lines and columns are 1-based; columns count Unicode
/// characters; `span` is the byte range in the file.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub span: Option<JsonSpan>,
    pub help: Option<String>,
    pub labels: Vec<JsonLabel>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct JsonSpan {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Serialize)]
pub struct JsonLabel {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub span: JsonSpan,
    pub message: String,
    pub primary: bool,
}

/// Converts diagnostics to their JSON shape.
#[must_use]
pub fn to_json_diagnostics<'a>(
    sources: &SourceMap,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Vec<JsonDiagnostic> {
    diagnostics
        .into_iter()
        .map(|d| {
            let primary = d.primary_span();
            let (file, line, column, end_line, end_column) = match primary {
                Some(s) => {
                    let f = sources.get(s.file);
                    let (l, c) = f.line_col(s.start);
                    let (el, ec) = f.line_col(s.end);
                    (Some(f.path.clone()), Some(l), Some(c), Some(el), Some(ec))
                }
                None => (None, None, None, None, None),
            };
            JsonDiagnostic {
                code: d.code.id(),
                name: d.code.name(),
                severity: d.severity.as_str(),
                message: d.message.clone(),
                file,
                line,
                column,
                end_line,
                end_column,
                span: primary.map(|s| JsonSpan {
                    start: s.start,
                    end: s.end,
                }),
                help: d.help.clone(),
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let f = sources.get(l.span.file);
                        let (line, column) = f.line_col(l.span.start);
                        JsonLabel {
                            file: f.path.clone(),
                            line,
                            column,
                            span: JsonSpan {
                                start: l.span.start,
                                end: l.span.end,
                            },
                            message: l.message.clone(),
                            primary: l.primary,
                        }
                    })
                    .collect(),
                notes: d.notes.clone(),
            }
        })
        .collect()
}

/// Renders diagnostics as a pretty-printed JSON array.
#[must_use]
pub fn render_json<'a>(
    sources: &SourceMap,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> String {
    let items = to_json_diagnostics(sources, diagnostics);
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned());
    s.push('\n');
    s
}
