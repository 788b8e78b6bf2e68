//! GitHub Actions workflow commands: one `::error …::message` line per diagnostic, which the
//! runner turns into annotations on the pull request.
//!
//! `::error file=flows/order.dial,line=3,col=5,endLine=3,endColumn=9,title=R003 undefined-reference::message`
//! Info diagnostics become `::notice`. Values are escaped as the runner expects (`%`, CR, LF
//! everywhere; `:` and `,` in properties too).

use crate::diagnostics::{Diagnostic, Severity};
use crate::span::SourceMap;

/// Renders diagnostics as workflow commands, one per line.
#[must_use]
pub fn render_github<'a>(
    sources: &SourceMap,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(s) = d.primary_span() {
            let f = sources.get(s.file);
            let (line, col) = f.line_col(s.start);
            let (end_line, end_col) = f.line_col(s.end);
            props.push(format!("file={}", property(&f.path)));
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
            props.push(format!("endLine={end_line}"));
            props.push(format!("endColumn={end_col}"));
        }
        props.push(format!(
            "title={}",
            property(&format!("{} {}", d.code.id(), d.code.name()))
        ));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::codes;
    use crate::span::{SourceFile, Span};

    #[test]
    fn workflow_commands() {
        let mut sources = SourceMap::new();
        let f = sources.add(SourceFile::new("a,b.dial", "x\ny 100%\n"));
        let d = Diagnostic::new(codes::UNEXPECTED_TOKEN, "bad: 100%\nreally")
            .with_label(Span::new(f, 2, 3), "here")
            .with_help("fix it");
        assert_eq!(
            render_github(&sources, [&d]),
            "::error file=a%2Cb.dial,line=2,col=1,endLine=2,endColumn=2,title=P001 unexpected-token::bad: 100%25%0Areally%0Ahelp: fix it\n"
        );
        let w = Diagnostic::new(codes::EMPTY_FILE, "empty").with_severity(Severity::Info);
        assert_eq!(
            render_github(&sources, [&w]),
            "::notice title=P006 empty-file::empty\n"
        );
    }
}
