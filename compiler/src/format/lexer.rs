//! A lossless tokenizer for the formatter.
//!
//! The formatter only ever changes the whitespace *between* tokens, so its tokens must be at
//! least as coarse as the grammar's atomic rules (strings, text blocks, references, numbers,
//! dates, times, durations, percentages, type names): splitting one of those would change the
//! meaning. Comments are tokens too, so they stay exactly where they were. The lexer never
//! fails: a character it does not know becomes a one-character `Other` token.

/// What a token is, as far as spacing and layout care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A name, keyword or dotted type name (`AMAZON.Number`).
    Word,
    /// `"..."` on one line.
    Str,
    /// `"""..."""`, may span lines.
    TextBlock,
    /// `$caller.number`, `$.Attributes.x`.
    Ref,
    /// Digit-led literals: `3`, `-1.5`, `8s`, `20%`, `2027-01-11`, `9:00`.
    Num,
    /// `// ...` up to (not including) the line break.
    LineComment,
    /// `/* ... */`, may span lines.
    BlockComment,
    LBrace,
    RBrace,
    Comma,
    Colon,
    /// `->` or `→`
    Arrow,
    /// `=`, `!=`, `>`, `>=`, `<`, `<=`
    Op,
    /// `..` (calendar ranges)
    DotDot,
    /// `-` between names or times (`mon-fri`, `9:00-18:00`, `ja-JP`)
    Dash,
    /// `*` or `#` (keypad keys)
    Key,
    /// `/` and `+` inside time-zone names, and anything unknown.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Line breaks between the previous token (or the start of the file) and this one.
    pub newlines_before: usize,
    /// Any whitespace between the previous token and this one.
    pub space_before: bool,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{3000}' | '\u{FEFF}')
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_name_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (dakuten and the like) continue names, as XID_Continue says.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{3099}'..='\u{309A}' | '\u{FF9E}'..='\u{FF9F}')
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(n)
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat_while(&mut self, f: impl Fn(char) -> bool) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.bump();
        }
        self.pos - start
    }

    fn digits(&mut self) -> usize {
        self.eat_while(|c| c.is_ascii_digit())
    }
}

/// Splits `text` into tokens. Whitespace is not a token; each token records what preceded it.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut cur = Cursor { text, pos: 0 };
    loop {
        let ws_start = cur.pos;
        cur.eat_while(is_ws);
        let ws = &text[ws_start..cur.pos];
        let newlines_before = ws.matches('\n').count();
        let space_before = !ws.is_empty();
        let Some(c) = cur.peek() else { break };
        let start = cur.pos;
        let prev = tokens.last().map(|t| t.kind);
        let kind = lex_one(&mut cur, c, prev, space_before);
        if cur.pos == start {
            // Never loop forever: consume at least one character.
            cur.bump();
        }
        tokens.push(Token {
            kind,
            start,
            end: cur.pos,
            newlines_before,
            space_before,
        });
    }
    tokens
}

fn lex_one(cur: &mut Cursor<'_>, c: char, prev: Option<Kind>, space_before: bool) -> Kind {
    let rest = cur.rest();
    if rest.starts_with("//") {
        cur.eat_while(|c| c != '\n');
        return Kind::LineComment;
    }
    if let Some(body) = rest.strip_prefix("/*") {
        match body.find("*/") {
            Some(i) => cur.pos += 2 + i + 2,
            None => cur.pos = cur.text.len(),
        }
        return Kind::BlockComment;
    }
    if rest.starts_with("\"\"\"") {
        cur.pos += 3;
        while !cur.rest().is_empty() && !cur.rest().starts_with("\"\"\"") {
            if cur.bump() == Some('\\') {
                cur.bump();
            }
        }
        if cur.rest().starts_with("\"\"\"") {
            cur.pos += 3;
        }
        return Kind::TextBlock;
    }
    if c == '"' {
        cur.bump();
        while let Some(c) = cur.peek() {
            match c {
                '"' => {
                    cur.bump();
                    break;
                }
                '\n' | '\r' => break,
                '\\' => {
                    cur.bump();
                    cur.bump();
                }
                _ => {
                    cur.bump();
                }
            }
        }
        return Kind::Str;
    }
    if c == '$' {
        cur.bump();
        if cur.peek() == Some('.') {
            cur.eat_while(|c| !(is_ws(c) || matches!(c, ',' | '{' | '}' | '(' | ')')));
        } else {
            ref_segment(cur);
            while cur.peek() == Some('.') && cur.peek_at(1).is_some_and(is_segment_char) {
                cur.bump();
                ref_segment(cur);
            }
        }
        return Kind::Ref;
    }
    if c.is_ascii_digit() {
        number(cur);
        return Kind::Num;
    }
    if c == '-' && cur.peek_at(1).is_some_and(|d| d.is_ascii_digit()) {
        // A sign, unless the dash joins two names or times (`GMT-9`, `9:00-18:00`).
        let joins = !space_before && matches!(prev, Some(Kind::Word | Kind::Num));
        if !joins {
            cur.bump();
            number(cur);
            return Kind::Num;
        }
    }
    if is_name_start(c) {
        cur.eat_while(is_name_continue);
        // Dotted type names (`AMAZON.Number`) are one token.
        while cur.peek() == Some('.') && cur.peek_at(1).is_some_and(is_name_start) {
            cur.bump();
            cur.eat_while(is_name_continue);
        }
        return Kind::Word;
    }
    let two: String = rest.chars().take(2).collect();
    match two.as_str() {
        "->" => {
            cur.pos += 2;
            return Kind::Arrow;
        }
        ">=" | "<=" | "!=" => {
            cur.pos += 2;
            return Kind::Op;
        }
        ".." => {
            cur.pos += 2;
            return Kind::DotDot;
        }
        _ => {}
    }
    cur.bump();
    match c {
        '{' => Kind::LBrace,
        '}' => Kind::RBrace,
        ',' => Kind::Comma,
        ':' => Kind::Colon,
        '→' => Kind::Arrow,
        '=' | '>' | '<' => Kind::Op,
        '-' => Kind::Dash,
        '*' | '#' => Kind::Key,
        _ => Kind::Other,
    }
}

fn is_segment_char(c: char) -> bool {
    is_name_continue(c) || c == '-'
}

fn ref_segment(cur: &mut Cursor<'_>) {
    while let Some(c) = cur.peek() {
        if is_name_continue(c) || (c == '-' && cur.peek_at(1) != Some('>')) {
            cur.bump();
        } else {
            break;
        }
    }
}

/// Digit-led literals. Dates and times are single tokens (the grammar reads them atomically).
fn number(cur: &mut Cursor<'_>) {
    let r = cur.rest().as_bytes();
    let is_date = r.len() >= 10
        && r[..4].iter().all(u8::is_ascii_digit)
        && r[4] == b'-'
        && r[5..7].iter().all(u8::is_ascii_digit)
        && r[7] == b'-'
        && r[8..10].iter().all(u8::is_ascii_digit);
    if is_date {
        cur.pos += 10;
        return;
    }
    if cur.peek() == Some('-') {
        cur.bump();
    }
    let n = cur.digits();
    let r = cur.rest().as_bytes();
    if n <= 2 && r.len() >= 3 && r[0] == b':' && r[1].is_ascii_digit() && r[2].is_ascii_digit() {
        cur.pos += 3;
        return;
    }
    if cur.peek() == Some('.') && cur.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
        cur.bump();
        cur.digits();
    }
    // Units (`8s`, `500ms`) and the percent sign.
    cur.eat_while(is_name_continue);
    if cur.peek() == Some('%') {
        cur.bump();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(Kind, &str)> {
        tokenize(s)
            .into_iter()
            .map(|t| (t.kind, &s[t.start..t.end]))
            .collect()
    }

    #[test]
    fn atomic_literals_are_single_tokens() {
        let k =
            kinds("2026-12-29 .. 2027-01-03 9:00-18:00 20% 500ms -1.5 $a-b.c $.X.y AMAZON.Number");
        let texts: Vec<&str> = k.iter().map(|(_, t)| *t).collect();
        assert_eq!(
            texts,
            [
                "2026-12-29",
                "..",
                "2027-01-03",
                "9:00",
                "-",
                "18:00",
                "20%",
                "500ms",
                "-1.5",
                "$a-b.c",
                "$.X.y",
                "AMAZON.Number"
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "\"",
            "\"\"\"",
            "/*",
            "$",
            "-",
            "\\",
            "\"\\",
            "é\u{301}",
            "1:",
            "2026-1",
        ] {
            let _ = tokenize(s);
        }
    }
}
