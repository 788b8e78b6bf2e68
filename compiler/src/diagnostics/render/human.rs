//! Human output, drawn by miette: source excerpts with labels, help and notes.
//!
//! The project owns its [`Diagnostic`] type; this file adapts it to miette just for rendering,
//! so miette types never reach analysis code.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostics::{Diagnostic, Severity};
use crate::span::SourceMap;

/// Renders diagnostics as miette reports.
pub struct HumanRenderer {
    handler: GraphicalReportHandler,
}

impl HumanRenderer {
    /// `color` switches ANSI colours on; `width` is the terminal width used for wrapping.
    #[must_use]
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false);
        Self { handler }
    }

    /// Renders one diagnostic.
    #[must_use]
    pub fn render(&self, sources: &SourceMap, d: &Diagnostic) -> String {
        let adapter = Adapter::new(sources, d);
        let mut out = String::new();
        if self.handler.render_report(&mut out, &adapter).is_err() {
            return render_plain(sources, d);
        }
        out
    }
}

/// A one-line form: `file:line:col: error[R003] message`, used when there is no source text.
#[must_use]
pub fn render_plain(sources: &SourceMap, d: &Diagnostic) -> String {
    let loc = d.primary_span().map(|s| {
        let f = sources.get(s.file);
        let (l, c) = f.line_col(s.start);
        format!("{}:{l}:{c}: ", f.path)
    });
    let mut out = format!(
        "{}{}[{}]: {}\n",
        loc.unwrap_or_default(),
        d.severity.as_str(),
        d.code.id(),
        d.message
    );
    if let Some(h) = &d.help {
        out.push_str(&format!("  help: {h}\n"));
    }
    out
}

struct Adapter {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
}

impl Adapter {
    fn new(sources: &SourceMap, d: &Diagnostic) -> Self {
        let primary_file = d.primary_span().map(|s| s.file);
        let mut labels = Vec::new();
        let mut elsewhere = Vec::new();
        for l in &d.labels {
            if Some(l.span.file) == primary_file {
                let text = if l.message.is_empty() {
                    None
                } else {
                    Some(l.message.clone())
                };
                let span = SourceSpan::new((l.span.start as usize).into(), l.span.len());
                labels.push(if l.primary {
                    LabeledSpan::new_primary_with_span(text, span)
                } else {
                    LabeledSpan::new_with_span(text, span)
                });
            } else {
                let f = sources.get(l.span.file);
                let (line, col) = f.line_col(l.span.start);
                elsewhere.push(format!("{}: {}:{line}:{col}", l.message, f.path));
            }
        }
        let mut help_parts: Vec<String> = d.help.iter().cloned().collect();
        help_parts.extend(elsewhere);
        help_parts.extend(d.notes.iter().map(|n| format!("note: {n}")));
        let help = if help_parts.is_empty() {
            None
        } else {
            Some(help_parts.join("\n"))
        };
        let source = primary_file.map(|f| {
            let file = sources.get(f);
            NamedSource::new(file.path.clone(), file.text.clone()).with_language("dial")
        });
        Self {
            message: d.message.clone(),
            code: format!("{}({})", d.code.id(), d.code.name()),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            help,
            source,
            labels,
        }
    }
}

impl fmt::Debug for Adapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Adapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Adapter {}

impl miette::Diagnostic for Adapter {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        if self.labels.is_empty() {
            None
        } else {
            self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}
