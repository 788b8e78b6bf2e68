//! Printing diagnostics in the format the user asked for (shared by the commands).

use std::io::IsTerminal;

use dialect_compiler::diagnostics::Diagnostic;
use dialect_compiler::diagnostics::render::{
    HumanRenderer, render_github, render_json, render_sarif,
};
use dialect_compiler::span::SourceMap;

use crate::args::{Color, Format};

/// Where rendered diagnostics go: `Color::Auto` colours them only when that stream is a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn is_terminal(self) -> bool {
        match self {
            Self::Stdout => std::io::stdout().is_terminal(),
            Self::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// Renders `diags` for standard error (where every command but `check` prints them).
pub fn render(sources: &SourceMap, diags: &[Diagnostic], format: Format, color: Color) -> String {
    render_for(sources, diags, format, color, Stream::Stderr)
}

/// Renders `diags` as the user asked: human (with or without colour), JSON, SARIF or GitHub
/// workflow commands; `stream` is where the text will be printed.
pub fn render_for(
    sources: &SourceMap,
    diags: &[Diagnostic],
    format: Format,
    color: Color,
    stream: Stream,
) -> String {
    match format {
        Format::Json => render_json(sources, diags),
        Format::Sarif => render_sarif(sources, diags, env!("CARGO_PKG_VERSION")),
        Format::Github => render_github(sources, diags),
        Format::Human => {
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => stream.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let renderer = HumanRenderer::new(color, 100);
            let mut out = String::new();
            for d in diags {
                out.push_str(&renderer.render(sources, d));
                out.push('\n');
            }
            out
        }
    }
}

/// `""` or `"s"`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
