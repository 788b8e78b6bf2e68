//! The formatter behind `dialect fmt` and the language server's formatting: text in, text out,
//! one canonical style (see [`printer`] for the rules).
//!
//! It only changes whitespace between tokens, so comments stay where they are and nothing else
//! moves. Two guarantees are checked on every run rather than trusted: the input must parse
//! without errors (a broken file is refused with its parse diagnostics, never half-formatted),
//! and the output must parse to the same syntax tree, spans aside (otherwise the formatter
//! refuses with an internal error instead of changing what the file means).

mod lexer;
mod marks;
mod printer;

use crate::diagnostics::{Diagnostic, Severity};
use crate::span::FileId;
use crate::syntax;

/// Why a text was not formatted.
#[derive(Debug, Clone)]
pub enum FormatError {
    /// The text has parse errors; these are the parser's diagnostics.
    Syntax(Vec<Diagnostic>),
    /// The formatted text would not mean the same (a bug in the formatter).
    Internal(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Syntax(d) => write!(f, "the file has {} syntax error(s)", d.len()),
            FormatError::Internal(m) => write!(f, "internal formatter error: {m}"),
        }
    }
}

/// Formats the text of one `.dial` file.
///
/// # Errors
///
/// [`FormatError::Syntax`] when the text does not parse cleanly, [`FormatError::Internal`] when
/// the result would parse differently from the input.
pub fn format(text: &str) -> Result<String, FormatError> {
    let file = FileId(0);
    let parsed = syntax::parse(file, text);
    let errors: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(FormatError::Syntax(errors));
    }
    let tokens = lexer::tokenize(text);
    let marks = marks::collect(&parsed.ast, text, &tokens);
    let out = printer::print(text, &tokens, &marks);

    let again = syntax::parse(file, &out);
    if again
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return Err(FormatError::Internal(
            "the formatted text does not parse".into(),
        ));
    }
    if shape(&parsed.ast) != shape(&again.ast) {
        return Err(FormatError::Internal(
            "the formatted text parses to a different tree".into(),
        ));
    }
    Ok(out)
}

/// The syntax tree printed without its spans: what a file means, as far as the formatter may
/// touch it. Two texts with the same shape build the same flows.
#[must_use]
pub fn shape(ast: &syntax::Ast) -> String {
    strip_spans(&format!("{:?}", ast.items))
}

fn strip_spans(debug: &str) -> String {
    const OPEN: &str = "Span { file: FileId(";
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        match after.find(" }") {
            Some(j) => rest = &after[j + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
