//! String literals and text blocks: escapes, placeholders and indentation.

use super::ast::{Text, TextSegment};
use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, Span};

/// Builds a [`Text`] from the source of a `string` or `text_block` token starting at `offset`.
pub(crate) fn build_text(
    file: FileId,
    raw: &str,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Text {
    let span = Span::new(file, offset, offset + raw.len());
    let (block, chars) = if let Some(inner) = raw.strip_prefix("\"\"\"") {
        let closed = inner.ends_with("\"\"\"") && inner.len() >= 3;
        if !closed {
            diags.push(unterminated(span, true));
        }
        let inner = if closed {
            &inner[..inner.len() - 3]
        } else {
            inner
        };
        (true, dedent(inner, offset + 3))
    } else {
        let inner = &raw[1..];
        let closed = inner.ends_with('"') && !ends_with_escaped_quote(inner);
        if !closed {
            diags.push(unterminated(span, false));
        }
        let inner = if closed {
            &inner[..inner.len() - 1]
        } else {
            inner
        };
        let start = offset + 1;
        (
            false,
            inner.char_indices().map(|(i, c)| (c, start + i)).collect(),
        )
    };
    let segments = unescape(file, &chars, diags);
    let mut value = String::new();
    for s in &segments {
        match s {
            TextSegment::Literal(l) => value.push_str(l),
            TextSegment::Placeholder { name, .. } => {
                value.push('{');
                value.push_str(name);
                value.push('}');
            }
        }
    }
    Text {
        value,
        segments,
        span,
        block,
    }
}

fn ends_with_escaped_quote(inner: &str) -> bool {
    // `"abc\"` at the end of a line: the quote is escaped, so the string is not closed.
    let body = &inner[..inner.len().saturating_sub(1)];
    body.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

fn unterminated(span: Span, block: bool) -> Diagnostic {
    let (label, help) = if block {
        (
            "this text block is never closed",
            "end the text block with `\"\"\"`",
        )
    } else {
        (
            "this string is not closed before the end of the line",
            "add the closing `\"`; for text over several lines use `\"\"\"` … `\"\"\"`",
        )
    };
    Diagnostic::new(codes::UNTERMINATED_STRING, "unterminated string")
        .with_label(span, label)
        .with_help(help)
}

/// Removes the first newline, the last line if it is only indentation, and the indentation
/// common to all non-blank lines; a line of spaces and tabs only becomes an empty line, so the
/// text does not depend on how far the block is indented. Returns the kept characters with
/// their byte offsets.
fn dedent(inner: &str, start: usize) -> Vec<(char, usize)> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in inner.split('\n') {
        lines.push((start + pos, line));
        pos += line.len() + 1;
    }
    if lines.first().is_some_and(|(_, l)| l.trim().is_empty()) && lines.len() > 1 {
        lines.remove(0);
    }
    if lines.len() > 1 && lines.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = Vec::new();
    for (n, (off, line)) in lines.iter().enumerate() {
        if n > 0 {
            out.push(('\n', off - 1));
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        if lead == line.len() {
            continue;
        }
        let cut = indent.min(lead);
        for (i, c) in line[cut..].char_indices() {
            out.push((c, off + cut + i));
        }
    }
    out
}

fn unescape(
    file: FileId,
    chars: &[(char, usize)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<TextSegment> {
    let mut segments = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let end_of = |k: usize| {
        chars.get(k).map_or_else(
            || chars.last().map_or(0, |(c, o)| o + c.len_utf8()),
            |(_, o)| *o,
        )
    };
    while i < chars.len() {
        let (c, off) = chars[i];
        match c {
            '\\' => {
                let Some(&(e, _)) = chars.get(i + 1) else {
                    diags.push(bad_escape(Span::new(file, off, off + 1), "\\"));
                    i += 1;
                    continue;
                };
                let simple = match e {
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    '{' => Some('{'),
                    '}' => Some('}'),
                    _ => None,
                };
                if let Some(s) = simple {
                    lit.push(s);
                    i += 2;
                } else if e == 'u' {
                    let (consumed, ch) = unicode_escape(&chars[i..]);
                    let span = Span::new(file, off, end_of(i + consumed));
                    match ch {
                        Some(ch) => lit.push(ch),
                        None => diags.push(bad_escape(
                            span,
                            &chars[i..i + consumed]
                                .iter()
                                .map(|c| c.0)
                                .collect::<String>(),
                        )),
                    }
                    i += consumed;
                } else {
                    let span = Span::new(file, off, off + 1 + e.len_utf8());
                    diags.push(bad_escape(span, &format!("\\{e}")));
                    lit.push(e);
                    i += 2;
                }
            }
            '{' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|(c, _)| *c == '}')
                    .map(|p| p + i + 1);
                let nested = close.is_some_and(|k| {
                    chars[i + 1..k]
                        .iter()
                        .any(|(c, _)| matches!(c, '{' | '\n' | '"'))
                });
                match close {
                    Some(k) if !nested => {
                        if !lit.is_empty() {
                            segments.push(TextSegment::Literal(std::mem::take(&mut lit)));
                        }
                        let name: String = chars[i + 1..k].iter().map(|c| c.0).collect();
                        let span = Span::new(file, off, chars[k].1 + 1);
                        segments.push(TextSegment::Placeholder {
                            name: name.trim().to_owned(),
                            span,
                        });
                        i = k + 1;
                    }
                    _ => {
                        lit.push('{');
                        i += 1;
                    }
                }
            }
            _ => {
                lit.push(c);
                i += 1;
            }
        }
    }
    if !lit.is_empty() || segments.is_empty() {
        segments.push(TextSegment::Literal(lit));
    }
    segments
}

/// Parses `\u{XXXX}` at the start of `chars`; returns how many chars it spans and the char.
fn unicode_escape(chars: &[(char, usize)]) -> (usize, Option<char>) {
    if chars.get(2).map(|c| c.0) != Some('{') {
        return (2, None);
    }
    let mut hex = String::new();
    for (k, (c, _)) in chars.iter().enumerate().skip(3) {
        if *c == '}' {
            let ch = u32::from_str_radix(&hex, 16)
                .ok()
                .filter(|_| !hex.is_empty() && hex.len() <= 6)
                .and_then(char::from_u32);
            return (k + 1, ch);
        }
        if !c.is_ascii_hexdigit() || hex.len() > 6 {
            return (k, None);
        }
        hex.push(*c);
    }
    (chars.len(), None)
}

fn bad_escape(span: Span, seq: &str) -> Diagnostic {
    Diagnostic::new(
        codes::INVALID_ESCAPE,
        format!("unknown escape sequence `{seq}`"),
    )
    .with_label(span, "not a valid escape")
    .with_help(
        "valid escapes are \\\" \\\\ \\n \\t \\{ \\} and \\u{XXXX}; write \\\\ for a backslash",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &str) -> (Text, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let t = build_text(FileId(0), raw, 10, &mut d);
        (t, d)
    }

    #[test]
    fn escapes_and_placeholders() {
        let (t, d) = text(r#""a\"b\\c\n{Product}を\{x\}\u{3042}""#);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.value, "a\"b\\c\n{Product}を{x}あ");
        let ph: Vec<_> = t.placeholders().collect();
        assert_eq!(ph.len(), 1);
        assert_eq!(ph[0].0, "Product");
        // `{Product}` starts after `"a\"b\\c\n` = 1 + 9 bytes, plus the offset 10.
        assert_eq!(ph[0].1.start, 20);
    }

    #[test]
    fn bad_escape_is_reported_with_its_span() {
        let (_, d) = text(r#""a\qb""#);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, codes::INVALID_ESCAPE);
        assert_eq!(
            d[0].primary_span().map(|s| (s.start, s.end)),
            Some((12, 14))
        );
    }

    #[test]
    fn unterminated_string() {
        let (t, d) = text("\"abc");
        assert_eq!(d[0].code, codes::UNTERMINATED_STRING);
        assert_eq!(t.value, "abc");
    }

    #[test]
    fn text_block_is_dedented() {
        let (t, d) = text("\"\"\"\n    line one\n      two\n    \"\"\"");
        assert!(d.is_empty());
        assert_eq!(t.value, "line one\n  two");
        assert!(t.block);
    }
}
