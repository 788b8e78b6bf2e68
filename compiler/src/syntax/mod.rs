//! Syntax: the pest grammar (`dialect.pest`) and the typed AST.
//!
//! Consumes the text of one file, produces an [`Ast`] and diagnostics. Parsing never fails: the
//! grammar has recovery rules, so the tree always holds everything that did parse. pest types
//! stay inside this module.

pub mod ast;
mod parser;
mod recovery;
mod text;

pub use ast::Ast;

use crate::diagnostics::Diagnostic;
use crate::span::FileId;

/// The result of parsing one file.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub ast: Ast,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the text of one file.
#[must_use]
pub fn parse(file: FileId, text: &str) -> Parsed {
    let (ast, diagnostics) = parser::parse_file(file, text);
    Parsed { ast, diagnostics }
}

#[cfg(test)]
mod tests;
