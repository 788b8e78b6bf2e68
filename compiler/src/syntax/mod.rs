//! Syntax: the pest grammar (`dialect.pest`), the typed AST, and a fast path for clean files.
//!
//! Consumes the text of one file, produces an [`Ast`] and diagnostics. Parsing never fails: the
//! grammar has recovery rules, so the tree always holds everything that did parse. pest types
//! stay inside this module.
//!
//! `dialect.pest` defines the language. Most files have no syntax error, and for them
//! `fast/` (a hand-written transcription of the same grammar) builds the identical tree about
//! ten times faster; whatever it does not accept goes through pest, which reports and recovers.

pub mod ast;
mod fast;
mod parser;
mod recovery;
mod text;

pub use ast::Ast;

use crate::diagnostics::Diagnostic;

/// The words of the grammar's `stmt_keyword` rule (`dialect.pest`): the fast parser's lookahead
/// and the "expected a statement" help both read them from here.
pub(crate) const STMT_KEYWORDS: &[&str] = &[
    "say",
    "ask",
    "menu",
    "repeat",
    "input",
    "call",
    "set",
    "branch",
    "check",
    "transfer",
    "run",
    "callback",
    "hang",
    "return",
    "end",
    "dial",
    "lookup",
    "distribute",
    "connect",
];
use crate::span::FileId;

/// The result of parsing one file.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub ast: Ast,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the text of one file.
///
/// Clean files take the hand-written fast path (`fast/`), which builds the same tree as the
/// pest grammar; any file it does not accept is parsed by pest, which reports the diagnostics
/// and recovers.
#[must_use]
pub fn parse(file: FileId, text: &str) -> Parsed {
    if let Some(ast) = fast::parse(file, text) {
        return Parsed {
            ast,
            diagnostics: Vec::new(),
        };
    }
    parse_pest(file, text)
}

/// Parses with the pest grammar only: the reference for the fast path, used by its tests and
/// benchmarks.
#[doc(hidden)]
#[must_use]
pub fn parse_pest(file: FileId, text: &str) -> Parsed {
    let (ast, diagnostics) = parser::parse_file(file, text);
    Parsed { ast, diagnostics }
}

/// The fast path alone: `Some` only for files that parse without a diagnostic. For the
/// benchmarks and differential tests.
#[doc(hidden)]
#[must_use]
pub fn parse_fast(file: FileId, text: &str) -> Option<Ast> {
    fast::parse(file, text)
}

#[cfg(test)]
mod tests;
