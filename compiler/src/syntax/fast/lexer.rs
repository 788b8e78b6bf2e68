//! The implicit `WHITESPACE`/`COMMENT` skip and the atomic rules of `dialect.pest`. Each token
//! method matches at the current position, moves past the token and returns its byte range,
//! or returns `None` without moving.

use super::Parser;

/// `\u{3000}` (ideographic space) and `\u{FEFF}` (byte order mark) in UTF-8: the two
/// non-ASCII `WHITESPACE` characters of the grammar.
const IDEOGRAPHIC_SPACE: &[u8] = "\u{3000}".as_bytes();
const BYTE_ORDER_MARK: &[u8] = "\u{FEFF}".as_bytes();

/// pest's `XID_CONTINUE`, with an ASCII shortcut; pest's own table decides the rest, so both
/// parsers agree on every character.
pub(super) fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        pest::unicode::XID_CONTINUE(c)
    }
}

fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        pest::unicode::XID_START(c)
    }
}

impl<'t> Parser<'t> {
    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// pest's implicit skip: `WHITESPACE* ~ (COMMENT ~ WHITESPACE*)*`.
    pub(super) fn skip(&mut self) {
        let b = self.bytes;
        let mut i = self.pos;
        loop {
            match b.get(i) {
                Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
                Some(0xE3) if b[i..].starts_with(IDEOGRAPHIC_SPACE) => i += 3,
                Some(0xEF) if b[i..].starts_with(BYTE_ORDER_MARK) => i += 3,
                Some(b'/') => match b.get(i + 1) {
                    // `//` up to (not including) the newline.
                    Some(b'/') => {
                        i = memchr::memchr(b'\n', &b[i + 2..]).map_or(b.len(), |k| i + 2 + k);
                    }
                    // `/*` up to and including `*/`, or to the end of the file.
                    Some(b'*') => {
                        i = memchr::memmem::find(&b[i + 2..], b"*/")
                            .map_or(b.len(), |k| i + 2 + k + 2);
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        self.pos = i;
    }

    /// The end of the run of `XID_CONTINUE` characters starting at `i`.
    pub(super) fn word_end(&self, mut i: usize) -> usize {
        loop {
            match self.bytes.get(i) {
                Some(b) if b.is_ascii_alphanumeric() || *b == b'_' => i += 1,
                Some(b) if *b >= 0x80 => match self.char_at(i) {
                    Some(c) if is_xid_continue(c) => i += c.len_utf8(),
                    _ => return i,
                },
                _ => return i,
            }
        }
    }

    /// The `XID_CONTINUE` run at the current position: a keyword `kw_x = @{ "x" ~
    /// !XID_CONTINUE }` matches exactly when this word is `x`.
    pub(super) fn word(&self) -> &'t str {
        let end = self.word_end(self.pos);
        self.text.get(self.pos..end).unwrap_or_default()
    }

    /// True when `kw` (a keyword rule's word) matches here.
    pub(super) fn at_kw(&self, kw: &str) -> bool {
        let end = self.pos + kw.len();
        self.bytes.get(self.pos..end) == Some(kw.as_bytes()) && self.word_end(end) == end
    }

    /// Matches the keyword `kw`; returns its range.
    pub(super) fn kw(&mut self, kw: &str) -> Option<(usize, usize)> {
        if self.at_kw(kw) {
            let start = self.pos;
            self.pos += kw.len();
            Some((start, self.pos))
        } else {
            None
        }
    }

    /// `stmt_keyword` (a lookahead).
    pub(super) fn at_stmt_keyword(&self) -> bool {
        let w = self.word();
        !w.is_empty() && crate::syntax::STMT_KEYWORDS.contains(&w)
    }

    /// One of `words` as a whole word (`kind_qualifier`, `voice_engine`).
    pub(super) fn one_of(&mut self, words: &[&str]) -> Option<(usize, usize)> {
        let w = self.word();
        if words.contains(&w) {
            let start = self.pos;
            self.pos += w.len();
            Some((start, self.pos))
        } else {
            None
        }
    }

    /// A literal string of punctuation.
    pub(super) fn lit(&mut self, s: &str) -> Option<(usize, usize)> {
        if self.rest().starts_with(s.as_bytes()) {
            let start = self.pos;
            self.pos += s.len();
            Some((start, self.pos))
        } else {
            None
        }
    }

    pub(super) fn byte(&mut self, b: u8) -> Option<(usize, usize)> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Some((self.pos - 1, self.pos))
        } else {
            None
        }
    }

    /// `name = @{ (XID_START | "_") ~ XID_CONTINUE* }`
    pub(super) fn name_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let first = match self.peek()? {
            b if b.is_ascii_alphabetic() || b == b'_' => 1,
            b if b >= 0x80 => {
                let c = self.char_at(start)?;
                if !is_xid_start(c) {
                    return None;
                }
                c.len_utf8()
            }
            _ => return None,
        };
        self.pos = self.word_end(start + first);
        Some((start, self.pos))
    }

    /// `arrow = { "->" | "→" }`
    pub(super) fn arrow(&mut self) -> Option<(usize, usize)> {
        self.lit("->").or_else(|| self.lit("→"))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `int = @{ ASCII_DIGIT+ }`
    pub(super) fn int_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        (self.digits() > 0).then_some((start, self.pos))
    }

    /// `number = @{ "-"? ~ ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)? ~ !XID_CONTINUE }`
    pub(super) fn number_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            p.byte(b'-');
            if p.digits() == 0 {
                return None;
            }
            p.attempt(|p| {
                p.byte(b'.')?;
                (p.digits() > 0).then_some(())
            });
            (p.word_end(p.pos) == p.pos).then_some((start, p.pos))
        })
    }

    /// `duration = @{ ASCII_DIGIT+ ~ ("ms" | "s" | "m" | "h" | "d") ~ !XID_CONTINUE }`;
    /// returns the range and where the unit starts.
    pub(super) fn duration_range(&mut self) -> Option<(usize, usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            if p.digits() == 0 {
                return None;
            }
            let unit = p.pos;
            let len = match p.bytes.get(unit..unit + 2) {
                Some(b"ms") => 2,
                _ => match p.peek()? {
                    b's' | b'm' | b'h' | b'd' => 1,
                    _ => return None,
                },
            };
            p.pos += len;
            (p.word_end(p.pos) == p.pos).then_some((start, p.pos, unit))
        })
    }

    /// `percent = @{ ASCII_DIGIT+ ~ "%" }`
    pub(super) fn percent_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            if p.digits() == 0 {
                return None;
            }
            p.byte(b'%')?;
            Some((start, p.pos))
        })
    }

    fn exact_digits(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            if !self.peek()?.is_ascii_digit() {
                return None;
            }
            self.pos += 1;
        }
        Some(())
    }

    /// `date = @{ ASCII_DIGIT{4} ~ "-" ~ ASCII_DIGIT{2} ~ "-" ~ ASCII_DIGIT{2} }`
    pub(super) fn date_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            p.exact_digits(4)?;
            p.byte(b'-')?;
            p.exact_digits(2)?;
            p.byte(b'-')?;
            p.exact_digits(2)?;
            Some((start, p.pos))
        })
    }

    /// `time = @{ ASCII_DIGIT{1,2} ~ ":" ~ ASCII_DIGIT{2} }`
    pub(super) fn time_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            p.exact_digits(1)?;
            if p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            p.byte(b':')?;
            p.exact_digits(2)?;
            Some((start, p.pos))
        })
    }

    /// `locale_name = @{ ASCII_ALPHA{2,3} ~ ("-" | "_") ~ ASCII_ALPHA{2} ~ !XID_CONTINUE }`
    pub(super) fn locale_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            p.alphas(2)?;
            if p.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
                p.pos += 1;
            }
            if !matches!(p.peek()?, b'-' | b'_') {
                return None;
            }
            p.pos += 1;
            p.alphas(2)?;
            (p.word_end(p.pos) == p.pos).then_some((start, p.pos))
        })
    }

    fn alphas(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            if !self.peek()?.is_ascii_alphabetic() {
                return None;
            }
            self.pos += 1;
        }
        Some(())
    }

    /// `country_code = @{ ASCII_ALPHA_UPPER{2} ~ !XID_CONTINUE }`
    pub(super) fn country_code_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            for _ in 0..2 {
                if !p.peek()?.is_ascii_uppercase() {
                    return None;
                }
                p.pos += 1;
            }
            (p.word_end(p.pos) == p.pos).then_some((start, p.pos))
        })
    }

    /// `tz_name = @{ (ASCII_ALPHANUMERIC | "/" | "_" | "-" | "+")+ }`
    pub(super) fn tz_name_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
        {
            self.pos += 1;
        }
        (self.pos > start).then_some((start, self.pos))
    }

    /// `action_ref = @{ name ~ ("-" ~ XID_CONTINUE+)* }`
    pub(super) fn action_ref_range(&mut self) -> Option<(usize, usize)> {
        let (start, _) = self.name_range()?;
        while self.peek() == Some(b'-') {
            let end = self.word_end(self.pos + 1);
            if end == self.pos + 1 {
                break;
            }
            self.pos = end;
        }
        Some((start, self.pos))
    }

    /// `type_name = @{ name ~ ("." ~ name)* }`
    pub(super) fn type_name_range(&mut self) -> Option<(usize, usize)> {
        let (start, _) = self.name_range()?;
        while self.peek() == Some(b'.') {
            let save = self.pos;
            self.pos += 1;
            if self.name_range().is_none() {
                self.pos = save;
                break;
            }
        }
        Some((start, self.pos))
    }

    /// `reference = @{ "$" ~ (raw_path | ref_segment ~ ("." ~ ref_segment)*) }`
    pub(super) fn reference_range(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.attempt(|p| {
            p.byte(b'$')?;
            if p.raw_path() {
                return Some((start, p.pos));
            }
            if !p.ref_segment() {
                return None;
            }
            while p.peek() == Some(b'.') {
                let save = p.pos;
                p.pos += 1;
                if !p.ref_segment() {
                    p.pos = save;
                    break;
                }
            }
            Some((start, p.pos))
        })
    }

    /// `raw_path = @{ "." ~ (!(WHITESPACE | "," | "{" | "}" | "(" | ")") ~ ANY)+ }`
    fn raw_path(&mut self) -> bool {
        if self.peek() != Some(b'.') {
            return false;
        }
        let start = self.pos;
        self.pos += 1;
        let body = self.pos;
        while let Some(c) = self.char_at(self.pos) {
            if matches!(
                c,
                ' ' | '\t' | '\r' | '\n' | '\u{3000}' | '\u{FEFF}' | ',' | '{' | '}' | '(' | ')'
            ) {
                break;
            }
            self.pos += c.len_utf8();
        }
        if self.pos == body {
            self.pos = start;
            return false;
        }
        true
    }

    /// `ref_segment = @{ (XID_CONTINUE | ("-" ~ !">"))+ }`
    fn ref_segment(&mut self) -> bool {
        let start = self.pos;
        loop {
            match self.peek() {
                Some(b'-') if self.bytes.get(self.pos + 1) != Some(&b'>') => self.pos += 1,
                Some(_) => {
                    let end = self.word_end(self.pos);
                    if end == self.pos {
                        break;
                    }
                    self.pos = end;
                }
                None => break,
            }
        }
        self.pos > start
    }

    /// `string = @{ "\"" ~ string_inner ~ ("\"" | &("\n" | "\r") | EOI) }`, closed by its
    /// quote (an unclosed string is `P004`, so the fast path gives up). Returns the range and
    /// whether the body is plain (no escape, no `{`), which needs no further processing.
    pub(super) fn string_range(&mut self) -> Option<(usize, usize, bool)> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.pos;
        let mut i = start + 1;
        let mut plain = true;
        loop {
            match self.bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Some((start, self.pos, plain));
                }
                // An escape takes the next character, even a quote. A backslash before a line
                // break or the end of the file is a bad escape (`P003`) or worse.
                Some(b'\\') => match self.bytes.get(i + 1) {
                    Some(b'\n' | b'\r') | None => return self.bail(),
                    Some(_) => {
                        plain = false;
                        i += 2;
                    }
                },
                Some(b'{') => {
                    plain = false;
                    i += 1;
                }
                Some(b'\n' | b'\r') | None => return self.bail(),
                Some(_) => i += 1,
            }
        }
    }

    /// `text_block = @{ "\"\"\"" ~ text_block_inner ~ ("\"\"\"" | EOI) }`, closed.
    pub(super) fn text_block_range(&mut self) -> Option<(usize, usize)> {
        if !self.rest().starts_with(b"\"\"\"") {
            return None;
        }
        let start = self.pos;
        let mut i = start + 3;
        loop {
            match self.bytes.get(i) {
                Some(b'"') if self.bytes[i..].starts_with(b"\"\"\"") => {
                    self.pos = i + 3;
                    return Some((start, self.pos));
                }
                Some(b'\\') if i + 1 < self.bytes.len() => i += 2,
                None | Some(b'\\') => return self.bail(),
                Some(_) => i += 1,
            }
        }
    }
}
