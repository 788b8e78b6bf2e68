//! A hand-written parser for clean files: the fast path of [`super::parse`].
//!
//! `dialect.pest` stays the definition of the language. This module is a recursive-descent
//! transcription of the same PEG (ordered choice, greedy repetition, pest's implicit
//! whitespace-and-comment skipping between the elements of a sequence), so that it builds the
//! very same [`Ast`], spans included, without pest's per-rule bookkeeping.
//!
//! It only handles files that parse without a single diagnostic. The moment it meets anything
//! the pest path would report (a junk line, a missing `}`, a bad escape, an out-of-range
//! literal, a missing arrow target, an empty file) it gives up and returns `None`; the caller
//! then parses the file again with pest, which produces the diagnostics and the recovered tree.
//! Giving up is always safe; accepting is only allowed where pest would build the same tree
//! with no diagnostic. `tests.rs` checks this on every fixture, generated projects and many
//! mutated files.
//!
//! One file per concern: `lexer.rs` (skip, keywords, atomic tokens), `literals.rs` (tokens →
//! AST values), `decls.rs` (files and declarations), `bot.rs`, `flow.rs` (flows, steps and
//! statements), `outcomes.rs` (outcomes, patterns, targets).

mod bot;
mod decls;
mod flow;
mod lexer;
mod literals;
mod outcomes;
mod test_decl;

use super::ast::{Ast, Ident, Name};
use crate::span::{FileId, Span};

/// Parses a file that has no diagnostics, or returns `None`.
pub(crate) fn parse(file: FileId, text: &str) -> Option<Ast> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        bailed: false,
    };
    let items = p.file_items();
    match items {
        Some(items) if !p.bailed && !items.is_empty() => Some(Ast { file, items }),
        _ => None,
    }
}

/// The parser state: a byte position in one file. Every rule method either matches (returns
/// `Some` and moves `pos` past what pest's rule would span) or does not match (returns `None`;
/// callers restore `pos` through [`Parser::attempt`]). `bailed` records that the file needs a
/// diagnostic, so the whole fast parse is abandoned.
pub(super) struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    file: FileId,
    bailed: bool,
}

impl Parser<'_> {
    /// Runs `f`; on no match, puts the position back (PEG backtracking).
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let save = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = save;
        }
        r
    }

    /// Gives up on the fast path: pest would report something here.
    fn bail<T>(&mut self) -> Option<T> {
        self.bailed = true;
        None
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn ident(&self, start: usize, end: usize) -> Ident {
        Ident {
            text: Name::new(self.text.get(start..end).unwrap_or_default()),
            span: self.span(start, end),
        }
    }

    /// `~ x*` in a sequence: pest skips, then tries `x` again and again with a skip before each
    /// try. A failed try leaves the position after the previous `x`, or after the leading skip
    /// when nothing matched (which is why pest spans often include trailing whitespace).
    /// pest compiles `x+` to `x ~ x*`, so `x+` is `x` followed by this.
    fn many<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Vec<T> {
        self.skip();
        let mut out = Vec::new();
        while !self.bailed {
            let save = self.pos;
            self.skip();
            match f(self) {
                Some(x) => out.push(x),
                None => {
                    self.pos = save;
                    break;
                }
            }
        }
        // Most lists are short (one to three statements in a step, outcomes after a
        // statement), where doubling leaves up to four slots; the tree is kept for the whole
        // compilation, so it holds exactly what it needs.
        out.shrink_to_fit();
        out
    }

    /// The end of a block whose closing brace is optional in the grammar: a clean file has
    /// the `}` right after the members. Anything else is junk or `P002 unclosed-block`.
    fn close_block(&mut self) -> Option<()> {
        self.skip();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            Some(())
        } else {
            self.bail()
        }
    }
}

#[cfg(test)]
mod tests;
