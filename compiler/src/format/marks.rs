//! What the syntax tree tells the formatter: where members start, which braces open blocks of
//! members, and where the columns of aligned lines are.
//!
//! Everything is keyed by the byte offset of a token's start, so the printer can stay a simple
//! walk over tokens.

use std::collections::{HashMap, HashSet};

use super::lexer::{Kind, Token};
use crate::syntax::ast::{
    Ast, BotDecl, FlowDecl, HoursDecl, IntegrationDecl, Item, LocaleDecl, Statement, TestDecl,
    TestMember,
};

/// Lines whose columns are aligned with their neighbours of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// `pattern -> target`: the arrows line up.
    Outcome,
    /// `"value" = "synonym", ...`: the `=` line up.
    SlotValue,
    /// `slot Name : Type ask "..."`: the `:` and the options line up.
    SlotDecl,
    /// `mon-fri 9:00-18:00`: the times line up.
    Weekly,
}

#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// Tokens that start a member of a block (an item, a setting, a step, a statement, an
    /// outcome in braces, a bot or hours member ...): they always begin a line.
    pub member_starts: HashSet<usize>,
    /// `{` tokens that open a block of members: a line break follows them and precedes their `}`.
    pub block_opens: HashSet<usize>,
    /// The alignment kind of a line, keyed by its first token.
    pub line_align: HashMap<usize, Align>,
    /// Tokens before which an aligned column starts.
    pub cell_breaks: HashSet<usize>,
    /// The `:` of slot declarations, written with a space on both sides.
    pub spaced_colons: HashSet<usize>,
}

struct Collector<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Indices of the tokens that are not comments.
    code: Vec<usize>,
    marks: Marks,
}

pub(crate) fn collect(ast: &Ast, text: &str, tokens: &[Token]) -> Marks {
    let code = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].kind, Kind::LineComment | Kind::BlockComment))
        .collect();
    let mut c = Collector {
        text,
        tokens,
        code,
        marks: Marks::default(),
    };
    for item in &ast.items {
        c.item(item);
    }
    c.marks
}

impl Collector<'_> {
    /// Position in `code` of the first code token starting at or after `offset`.
    fn code_pos(&self, offset: u32) -> usize {
        let offset = offset as usize;
        self.code
            .partition_point(|&i| self.tokens[i].start < offset)
    }

    fn token_at(&self, pos: usize) -> Option<&Token> {
        self.code.get(pos).map(|&i| &self.tokens[i])
    }

    fn tok_text(&self, t: &Token) -> &str {
        &self.text[t.start..t.end]
    }

    /// The start of the code token `back` tokens before the one at `offset`.
    fn before(&self, offset: u32, back: usize) -> Option<usize> {
        let pos = self.code_pos(offset).checked_sub(back)?;
        self.token_at(pos).map(|t| t.start)
    }

    fn member(&mut self, offset: Option<usize>) {
        if let Some(o) = offset {
            self.marks.member_starts.insert(o);
        }
    }

    fn member_at(&mut self, offset: u32) {
        self.member(Some(offset as usize));
    }

    /// A member written `keyword value`, whose AST span covers only the value.
    fn keyword_member(&mut self, value_offset: u32) {
        let o = self.before(value_offset, 1);
        self.member(o);
    }

    /// Marks the `{` right after the token at `name_offset` as a block, if there is one.
    fn block_after(&mut self, name_offset: u32) {
        let pos = self.code_pos(name_offset) + 1;
        if let Some(t) = self.token_at(pos)
            && t.kind == Kind::LBrace
        {
            self.marks.block_opens.insert(t.start);
        }
    }

    /// The first code token of `kind` at or after `offset`.
    fn next_of(&self, offset: u32, kind: Kind) -> Option<usize> {
        let pos = self.code_pos(offset);
        self.code[pos..]
            .iter()
            .map(|&i| &self.tokens[i])
            .find(|t| t.kind == kind)
            .map(|t| t.start)
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Use(u) => self.member_at(u.span.start),
            Item::Flow(f) => self.flow(f),
            Item::Bot(b) => self.bot(b),
            Item::Integration(i) => self.integration(i),
            Item::Queue(q) => {
                self.member_at(q.span.start);
                self.block_after(q.name.span.start);
                if let Some(h) = &q.hours {
                    self.keyword_member(h.span.start);
                }
                if let Some(d) = &q.description {
                    self.keyword_member(d.span.start);
                }
            }
            Item::Hours(h) => self.hours(h),
            Item::Calendar(cal) => {
                self.member_at(cal.span.start);
                self.block_after(cal.name.span.start);
                for e in &cal.entries {
                    self.member_at(e.span.start);
                }
                if let Some(d) = &cal.description {
                    self.keyword_member(d.span.start);
                }
            }
            Item::Test(t) => self.test(t),
        }
    }

    /// `test "name" { ... }`: every line is a member.
    fn test(&mut self, t: &TestDecl) {
        self.member_at(t.span.start);
        self.block_after(t.name.span.start);
        for m in &t.members {
            match m {
                TestMember::Flow(name) => self.keyword_member(name.span.start),
                // `caller number "…"`, `caller says "…"`, `caller presses "…"`
                TestMember::CallerNumber(text)
                | TestMember::Says(text)
                | TestMember::Presses(text) => {
                    let o = self.before(text.span.start, 2);
                    self.member(o);
                }
                TestMember::At { span, .. }
                | TestMember::Withheld(span)
                | TestMember::Silent(span)
                | TestMember::HangsUp(span)
                | TestMember::Mock { span, .. }
                | TestMember::Queue { span, .. }
                | TestMember::CallStatus(_, span)
                | TestMember::AgentAnswers(_, span)
                | TestMember::Profile { span, .. }
                | TestMember::Fail { span, .. }
                | TestMember::Expect(_, span) => self.member_at(span.start),
            }
        }
    }

    fn flow(&mut self, f: &FlowDecl) {
        self.member_at(f.span.start);
        self.block_after(f.name.span.start);
        for s in &f.settings {
            self.member_at(s.span().start);
        }
        for step in &f.steps {
            self.member_at(step.span.start);
            self.block_after(step.name.span.start);
            for st in &step.statements {
                self.statement(st);
            }
        }
    }

    fn statement(&mut self, st: &Statement) {
        self.member_at(st.span.start);
        let Some(first) = st.outcomes.first() else {
            return;
        };
        // Outcomes are in braces when the token right before the first one is `{`.
        let pos = self.code_pos(first.span.start);
        let braced = pos
            .checked_sub(1)
            .and_then(|p| self.token_at(p))
            .filter(|t| t.kind == Kind::LBrace)
            .map(|t| t.start);
        if let Some(open) = braced {
            self.marks.block_opens.insert(open);
        }
        for o in &st.outcomes {
            if braced.is_some() {
                self.member_at(o.span.start);
            }
            self.marks
                .line_align
                .insert(o.span.start as usize, Align::Outcome);
            if let Some(arrow) = self.next_of(o.span.start, Kind::Arrow) {
                self.marks.cell_breaks.insert(arrow);
            }
        }
    }

    fn bot(&mut self, b: &BotDecl) {
        self.member_at(b.span.start);
        self.block_after(b.name.span.start);
        if let Some(d) = &b.description {
            self.keyword_member(d.span.start);
        }
        for l in &b.locales {
            self.locale(l);
        }
    }

    fn locale(&mut self, l: &LocaleDecl) {
        if let Some(name) = &l.locale {
            self.keyword_member(name.span.start);
            self.block_after(name.span.start);
        }
        if let Some(v) = &l.voice {
            self.keyword_member(v.locale.span.start);
        }
        if let Some((_, span)) = &l.confidence {
            self.keyword_member(span.start);
        }
        if let Some(d) = &l.description {
            self.keyword_member(d.span.start);
        }
        for st in &l.slot_types {
            self.member_at(st.span.start);
            // `slot type Name {`
            self.block_after(st.name.span.start);
            if let Some(r) = &st.resolution {
                self.keyword_member(r.span.start);
            }
            for v in &st.values {
                let start = v.value.span.start;
                self.member_at(start);
                self.marks
                    .line_align
                    .insert(start as usize, Align::SlotValue);
                let pos = self.code_pos(start) + 1;
                if let Some(t) = self.token_at(pos)
                    && t.kind == Kind::Op
                    && self.tok_text(t) == "="
                {
                    self.marks.cell_breaks.insert(t.start);
                }
            }
        }
        for i in &l.intents {
            self.member_at(i.span.start);
            self.block_after(i.name.span.start);
            for u in &i.utterances {
                self.keyword_member(u.span.start);
            }
            for t in [&i.confirm, &i.decline, &i.description]
                .into_iter()
                .flatten()
            {
                self.keyword_member(t.span.start);
            }
            for s in &i.slots {
                self.member_at(s.span.start);
                self.marks
                    .line_align
                    .insert(s.span.start as usize, Align::SlotDecl);
                if let Some(colon) = self.next_of(s.name.span.end, Kind::Colon) {
                    self.marks.cell_breaks.insert(colon);
                    self.marks.spaced_colons.insert(colon);
                }
                let pos = self.code_pos(s.type_name.span.start) + 1;
                if let Some(t) = self.token_at(pos)
                    && t.kind == Kind::Word
                    && matches!(self.tok_text(t), "ask" | "optional" | "required")
                {
                    self.marks.cell_breaks.insert(t.start);
                }
            }
        }
    }

    fn integration(&mut self, i: &IntegrationDecl) {
        self.member_at(i.span.start);
        self.block_after(i.name.span.start);
        if let Some(l) = &i.lambda {
            self.keyword_member(l.span.start);
        }
        if let Some(t) = &i.timeout {
            self.keyword_member(t.span.start);
        }
        if let Some(d) = &i.description {
            self.keyword_member(d.span.start);
        }
        self.returns_list(&i.returns);
    }

    /// `returns a, b` may be written several times; each `returns` starts a member.
    fn returns_list(&mut self, names: &[crate::syntax::ast::Ident]) {
        for n in names {
            let pos = self.code_pos(n.span.start);
            if let Some(t) = pos.checked_sub(1).and_then(|p| self.token_at(p))
                && self.tok_text(t) == "returns"
            {
                let s = t.start;
                self.member(Some(s));
            }
        }
    }

    fn hours(&mut self, h: &HoursDecl) {
        self.member_at(h.span.start);
        self.block_after(h.name.span.start);
        if let Some(tz) = &h.timezone {
            self.keyword_member(tz.span.start);
        }
        for c in &h.closed_on {
            // `closed on A, B`: the member starts two tokens before its first name.
            let pos = self.code_pos(c.span.start);
            let on = pos.checked_sub(1).and_then(|p| self.token_at(p));
            if on.is_some_and(|t| self.tok_text(t) == "on") {
                let o = self.before(c.span.start, 2);
                self.member(o);
            }
        }
        for r in &h.rules {
            self.member_at(r.span.start);
            self.marks
                .line_align
                .insert(r.span.start as usize, Align::Weekly);
            // The column starts after the last day name: at the first time or at `closed`.
            let last_day = r
                .days
                .last()
                .map(|(from, to)| to.as_ref().unwrap_or(from).span.start);
            if let Some(d) = last_day {
                let pos = self.code_pos(d) + 1;
                if let Some(t) = self.token_at(pos) {
                    let s = t.start;
                    self.marks.cell_breaks.insert(s);
                }
            }
        }
        if let Some(d) = &h.description {
            self.keyword_member(d.span.start);
        }
    }
}
