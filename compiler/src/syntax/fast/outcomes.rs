//! Outcomes, patterns and arrow targets.

use super::Parser;
use crate::syntax::ast::{CompareOp, Ident, Outcome, Pattern, Retry, Target, Text};

impl Parser<'_> {
    /// `outcomes? ` at the end of a statement (after its skip): the braced list, one or more
    /// bare outcomes, or nothing.
    pub(super) fn outcomes_opt(&mut self) -> Option<Vec<Outcome>> {
        if self.peek() == Some(b'{') {
            // `lbrace ~ (outcome | outcome_junk)* ~ rbrace?`: junk and a missing `}` are
            // diagnostics, so a clean list is outcomes up to the `}`.
            self.pos += 1;
            let list = self.many(|p| p.attempt(Self::outcome));
            self.close_block()?;
            return Some(list);
        }
        let Some(first) = self.attempt(Self::outcome) else {
            return if self.bailed { None } else { Some(Vec::new()) };
        };
        let mut list = vec![first];
        list.extend(self.many(|p| p.attempt(Self::outcome)));
        if self.bailed { None } else { Some(list) }
    }

    /// `outcome = { pattern ~ arrow_target }`
    fn outcome(&mut self) -> Option<Outcome> {
        let start = self.pos;
        let pattern = self.pattern()?;
        self.skip();
        let (target, _, end) = self.arrow_target()?;
        // A missing target is `P005`.
        let Some(target) = target else {
            return self.bail();
        };
        Some(Outcome {
            pattern,
            target: Some(target),
            span: self.span(start, end),
        })
    }

    /// `pattern = { (pattern_word+ ~ compare_op? ~ pattern_value?) | (compare_op ~
    /// pattern_value) | pattern_value }`
    fn pattern(&mut self) -> Option<Pattern> {
        let start = self.pos;
        let (words, op, value) = if let Some(first) = self.pattern_word() {
            let mut words = vec![first];
            words.extend(self.many(Self::pattern_word));
            self.skip();
            let op = self.compare_op();
            self.skip();
            let value = self.attempt(Self::pattern_value);
            (words, op, value)
        } else if let Some((op, value)) = self.attempt(|p| {
            let op = p.compare_op()?;
            p.skip();
            Some((op, p.pattern_value()?))
        }) {
            (Vec::new(), Some(op), Some(value))
        } else {
            (Vec::new(), None, Some(self.attempt(Self::pattern_value)?))
        };
        if self.bailed {
            return None;
        }
        // The builder trims the whitespace that pest includes after a trailing optional part.
        let raw = self.text.get(start..self.pos)?;
        let end = start + raw.trim_end().len();
        Some(Pattern {
            words,
            op,
            value,
            span: self.span(start, end),
        })
    }

    /// `pattern_word = ${ !stmt_keyword ~ name }`
    fn pattern_word(&mut self) -> Option<Ident> {
        if self.at_stmt_keyword() {
            return None;
        }
        let (s, e) = self.name_range()?;
        Some(self.ident(s, e))
    }

    /// `compare_op = { ">=" | "<=" | "!=" | ">" | "<" | "=" }`
    fn compare_op(&mut self) -> Option<(CompareOp, crate::span::Span)> {
        let (op, len) = match (self.peek()?, self.bytes.get(self.pos + 1)) {
            (b'>', Some(b'=')) => (CompareOp::Ge, 2),
            (b'<', Some(b'=')) => (CompareOp::Le, 2),
            (b'!', Some(b'=')) => (CompareOp::Ne, 2),
            (b'>', _) => (CompareOp::Gt, 1),
            (b'<', _) => (CompareOp::Lt, 1),
            (b'=', _) => (CompareOp::Eq, 1),
            _ => return None,
        };
        let start = self.pos;
        self.pos += len;
        Some((op, self.span(start, self.pos)))
    }

    /// `arrow_target = ${ arrow ~ (" " | "\t")* ~ target? }`: the target (if any) and the
    /// range of the whole rule.
    pub(super) fn arrow_target(&mut self) -> Option<(Option<Target>, usize, usize)> {
        let (start, _) = self.arrow()?;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        let target = self.target();
        if self.bailed {
            return None;
        }
        Some((target, start, self.pos))
    }

    /// `target = !{ retry_target | name }`
    fn target(&mut self) -> Option<Target> {
        if let Some(t) = self.attempt(Self::retry_target) {
            return Some(t);
        }
        if self.bailed {
            return None;
        }
        let (s, e) = self.name_range()?;
        Some(Target::Step(self.ident(s, e)))
    }

    /// `retry_target = { kw_retry ~ int ~ kw_times? ~ (kw_then ~ name? | retry_saying ~ (kw_then ~
    /// name? | retry_no_then)) }`
    fn retry_target(&mut self) -> Option<Target> {
        let (start, _) = self.kw("retry")?;
        self.skip();
        let count = self.int()?;
        self.skip();
        self.kw("times");
        self.skip();
        let saying = self.attempt(Self::retry_saying);
        if self.bailed {
            return None;
        }
        self.skip();
        if self.kw("then").is_none() {
            // After a re-prompt, pest reads on and reports the missing `then`.
            return if saying.is_some() { self.bail() } else { None };
        }
        self.skip();
        // Without the step after `then` the builder reports `P005`.
        let Some((s, e)) = self.name_range() else {
            return self.bail();
        };
        Some(Target::Retry(Box::new(Retry {
            count,
            saying,
            then: Some(self.ident(s, e)),
            span: self.span(start, e),
        })))
    }

    /// `retry_saying = { kw_saying ~ text? }`; without the text the builder reports `P008`.
    fn retry_saying(&mut self) -> Option<Text> {
        self.kw("saying")?;
        self.skip();
        match self.text() {
            Some(t) => Some(t),
            None => self.bail(),
        }
    }
}
