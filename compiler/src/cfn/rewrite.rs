//! Rewriting flow content for the template: every `${` in a string becomes `${!` (so that
//! `Fn::Sub` leaves it alone), and per-environment values are swapped for references.
//!
//! Two inputs, one result: a parsed [`Value`], or flow JSON text, which is rewritten in one
//! pass without building a `Value` tree (the flow JSON of a large project is tens of
//! megabytes; parsing it back was most of the bundle's time). Both give the compact JSON that
//! `serde_json::to_string` writes for the rewritten value. The text pass also checks that the
//! text is JSON (as strictly as serde_json reads it) and can write its result already escaped
//! as the body of a JSON string ([`Out`]), which is how the template embeds it.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::AhoCorasick;
use serde_json::Value;

use super::write::escape_into;
use crate::hash::FastMap;

/// What a per-environment string is replaced with in flow content.
#[derive(Debug, Clone)]
pub(super) struct Swap {
    /// `${X.Arn}` or `${Param}`.
    pub sub: String,
    /// The flow this reference creates a dependency on (flow references only).
    pub flow: Option<String>,
    /// Replace inside longer strings (ARNs) or only whole strings (phone numbers, values).
    pub substring: bool,
}

/// The swaps of a bundle, with the substring ones in the order they are tried.
pub(super) struct Swaps<'a> {
    /// Every swap by its key: a string equal to a key is replaced whole.
    whole: FastMap<&'a str, &'a Swap>,
    /// Longest first, so that an ARN is not cut by a shorter one it contains (ties in key
    /// order).
    substrings: Vec<(&'a str, &'a Swap)>,
    /// Finds which of `substrings` (pattern `i` is `substrings[i]`) occur in a string, in one
    /// pass: a real environment has an ARN for every flow, and testing each ARN against each
    /// string of each flow made the bundle quadratic in the project's size.
    finder: Option<AhoCorasick>,
}

/// Where rewritten JSON goes: a buffer, and whether what is written is escaped as the body
/// of a JSON string on the way (the template's `Content`) or written as it is.
pub(super) struct Out<'o> {
    pub buf: &'o mut String,
    pub escaped: bool,
}

impl Out<'_> {
    /// Text that escaping leaves as it is (numbers, literals).
    fn plain(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// Punctuation: `{`, `}`, `[`, `]`, `:` or `,`.
    fn punct(&mut self, b: u8) {
        self.buf.push(char::from(b));
    }

    /// A JSON string literal copied from the input, quotes included; `backslash` says whether
    /// it has escapes.
    fn literal(&mut self, token: &str, backslash: bool) {
        if !self.escaped {
            self.buf.push_str(token);
        } else if backslash {
            escape_into(self.buf, token);
        } else {
            // A literal without escapes has no quote nor control character inside: only its
            // quotes need escaping.
            self.buf.push_str("\\\"");
            self.buf.push_str(&token[1..token.len() - 1]);
            self.buf.push_str("\\\"");
        }
    }

    /// The JSON string literal of `s`.
    fn string(&mut self, s: &str) {
        if self.escaped {
            let mut literal = String::with_capacity(s.len() + 2);
            super::write::string(&mut literal, s);
            escape_into(self.buf, &literal);
        } else {
            super::write::string(self.buf, s);
        }
    }
}

/// What the text pass expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    Value,
    /// Just after `[`.
    ValueOrClose,
    /// Just after `{`.
    KeyOrClose,
    Key,
    Colon,
    CommaOrClose,
    /// After the top-level value: only whitespace.
    End,
}

/// What follows a complete value inside the containers `stack`.
fn after_value(stack: &[u8]) -> Next {
    if stack.is_empty() {
        Next::End
    } else {
        Next::CommaOrClose
    }
}

/// Whether `s` contains `${`.
fn has_reference(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| w == b"${")
}

impl<'a> Swaps<'a> {
    pub(super) fn new(swaps: &'a BTreeMap<String, Swap>) -> Self {
        let mut substrings: Vec<(&str, &Swap)> = swaps
            .iter()
            .filter(|(k, sw)| sw.substring && !k.is_empty())
            .map(|(k, sw)| (k.as_str(), sw))
            .collect();
        substrings.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        // Only fails past the automaton's size limits; then every swap is tried on every string.
        let finder = (!substrings.is_empty())
            .then(|| AhoCorasick::new(substrings.iter().map(|(k, _)| k)).ok())
            .flatten();
        Self {
            whole: swaps.iter().map(|(k, sw)| (k.as_str(), sw)).collect(),
            substrings,
            finder,
        }
    }

    /// The rewritten string, or `None` when it stays as it is; records the substitutions made.
    ///
    /// The swaps apply one after the other in `substrings` order, each to the result of the
    /// ones before. Only those that occur in the current string change it, so the finder
    /// picks the next one (the first in order after the last applied that occurs) instead of
    /// testing them all.
    fn string(&self, s: &str, used: &mut BTreeSet<&'a str>) -> Option<String> {
        if let Some(sw) = self.whole.get(s) {
            used.insert(sw.sub.as_str());
            return Some(sw.sub.clone());
        }
        let mut out: Option<String> = has_reference(s).then(|| s.replace("${", "${!"));
        if self.substrings.is_empty() {
            return out;
        }
        let mut from = 0;
        loop {
            let current = out.as_deref().unwrap_or(s);
            let next = match &self.finder {
                Some(f) => f
                    .find_overlapping_iter(current)
                    .map(|m| m.pattern().as_usize())
                    .filter(|&i| i >= from)
                    .min(),
                None => {
                    (from..self.substrings.len()).find(|&i| current.contains(self.substrings[i].0))
                }
            };
            let Some(i) = next else {
                break;
            };
            let (k, sw) = self.substrings[i];
            out = Some(current.replace(k, &sw.sub));
            used.insert(sw.sub.as_str());
            from = i + 1;
        }
        out
    }

    /// Rewrites every string value (not the keys) of `v` in place.
    pub(super) fn value(&self, v: &mut Value, used: &mut BTreeSet<&'a str>) {
        match v {
            Value::String(s) => {
                if let Some(out) = self.string(s, used) {
                    *s = out;
                }
            }
            Value::Array(items) => {
                for i in items {
                    self.value(i, used);
                }
            }
            Value::Object(m) => {
                for (_, i) in m.iter_mut() {
                    self.value(i, used);
                }
            }
            _ => {}
        }
    }

    /// The compact form of the JSON `text` with its string values rewritten, as
    /// `serde_json::to_string` would write the rewritten value of `text`, or `None` when
    /// `text` is not JSON.
    #[cfg(test)]
    pub(super) fn text(&self, text: &str, used: &mut BTreeSet<&'a str>) -> Option<String> {
        let mut buf = String::with_capacity(text.len());
        let mut out = Out {
            buf: &mut buf,
            escaped: false,
        };
        self.text_into(text, used, &mut out).then_some(buf)
    }

    /// Writes the compact form of the JSON `text` with its string values rewritten to `out`,
    /// as `serde_json::to_string` would write the rewritten value of `text`. Numbers and keys
    /// are copied as written, not normalized (serde_json writes them as it read them).
    ///
    /// Returns `false` when `text` is not JSON as `serde_json` reads it (the same check as
    /// deserializing `IgnoredAny`, made on the way); `out` and `used` then hold part of a
    /// result, for the caller to drop.
    pub(super) fn text_into(
        &self,
        text: &str,
        used: &mut BTreeSet<&'a str>,
        out: &mut Out<'_>,
    ) -> bool {
        let bytes = text.as_bytes();
        // The open containers, `{` or `[`.
        let mut stack: Vec<u8> = Vec::new();
        let mut next = Next::Value;
        let mut i = 0;
        loop {
            i = skip_whitespace(bytes, i);
            let Some(&c) = bytes.get(i) else {
                return next == Next::End;
            };
            match next {
                Next::Value | Next::ValueOrClose => match c {
                    b'{' | b'[' => {
                        stack.push(c);
                        out.punct(c);
                        i += 1;
                        next = if c == b'{' {
                            Next::KeyOrClose
                        } else {
                            Next::ValueOrClose
                        };
                    }
                    b']' if next == Next::ValueOrClose => {
                        stack.pop();
                        out.punct(b']');
                        i += 1;
                        next = after_value(&stack);
                    }
                    b'"' => {
                        let Some((end, backslash)) = string_end(bytes, i) else {
                            return false;
                        };
                        self.string_token(&text[i..end], backslash, out, used);
                        i = end;
                        next = after_value(&stack);
                    }
                    b'-' | b'0'..=b'9' => {
                        let Some(end) = number_end(bytes, i) else {
                            return false;
                        };
                        out.plain(&text[i..end]);
                        i = end;
                        next = after_value(&stack);
                    }
                    b't' | b'f' | b'n' => {
                        let literal = match c {
                            b't' => "true",
                            b'f' => "false",
                            _ => "null",
                        };
                        if !text[i..].starts_with(literal) {
                            return false;
                        }
                        out.plain(literal);
                        i += literal.len();
                        next = after_value(&stack);
                    }
                    _ => return false,
                },
                Next::KeyOrClose | Next::Key => match c {
                    b'}' if next == Next::KeyOrClose => {
                        stack.pop();
                        out.punct(b'}');
                        i += 1;
                        next = after_value(&stack);
                    }
                    b'"' => {
                        let Some((end, backslash)) = string_end(bytes, i) else {
                            return false;
                        };
                        out.literal(&text[i..end], backslash);
                        i = end;
                        next = Next::Colon;
                    }
                    _ => return false,
                },
                Next::Colon => {
                    if c != b':' {
                        return false;
                    }
                    out.punct(b':');
                    i += 1;
                    next = Next::Value;
                }
                Next::CommaOrClose => match (c, stack.last()) {
                    (b',', Some(&open)) => {
                        out.punct(b',');
                        i += 1;
                        next = if open == b'{' { Next::Key } else { Next::Value };
                    }
                    (b'}', Some(b'{')) | (b']', Some(b'[')) => {
                        stack.pop();
                        out.punct(c);
                        i += 1;
                        next = after_value(&stack);
                    }
                    _ => return false,
                },
                Next::End => return false,
            }
        }
    }

    /// Writes the string literal `token` (quotes included), rewritten, to `out`.
    fn string_token(
        &self,
        token: &str,
        backslash: bool,
        out: &mut Out<'_>,
        used: &mut BTreeSet<&'a str>,
    ) {
        let raw = &token[1..token.len() - 1];
        if !backslash {
            // Without escapes the literal is the string itself, and serde_json would write it
            // back unchanged.
            match self.string(raw, used) {
                Some(s) => out.string(&s),
                None => out.literal(token, false),
            }
            return;
        }
        // Escapes: decode, rewrite and write back as serde_json does.
        let Ok(decoded) = serde_json::from_str::<String>(token) else {
            out.literal(token, true);
            return;
        };
        let s = self.string(&decoded, used).unwrap_or(decoded);
        out.string(&s);
    }
}

/// The index of the first byte from `i` on that is not JSON whitespace. Pretty-printed flow
/// JSON is largely indentation: a line's is skipped eight, four, two spaces at a time.
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => {
                i += 1;
                while bytes.get(i..i + 8) == Some(b"        ") {
                    i += 8;
                }
                if bytes.get(i..i + 4) == Some(b"    ") {
                    i += 4;
                }
                if bytes.get(i..i + 2) == Some(b"  ") {
                    i += 2;
                }
            }
            b' ' | b'\r' | b'\t' => i += 1,
            _ => break,
        }
    }
    i
}

/// The index just past the closing quote of the string literal that starts at `start`, and
/// whether it has escapes; `None` when it is not a JSON string: a control character, an
/// unknown escape, no end.
fn string_end(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut i = start + 1;
    let mut backslash = false;
    loop {
        i += bytes[i..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        match bytes[i] {
            b'"' => return Some((i + 1, backslash)),
            b'\\' => match bytes.get(i + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {
                    backslash = true;
                    i += 2;
                }
                b'u' => {
                    backslash = true;
                    let hex = bytes.get(i + 2..i + 6)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    i += 6;
                }
                _ => return None,
            },
            _ => return None,
        }
    }
}

/// The index just past the number that starts at `start`, or `None` when it is not a JSON
/// number (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
fn number_end(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = start;
    if bytes[i] == b'-' {
        i += 1;
    }
    match bytes.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i += digits(i),
        _ => return None,
    }
    if bytes.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return None;
        }
        i += n;
    }
    Some(i)
}
#[cfg(test)]
mod tests {
    use super::*;

    fn swaps() -> BTreeMap<String, Swap> {
        let mut m = BTreeMap::new();
        m.insert(
            "arn:q".to_owned(),
            Swap {
                sub: "${Q.Arn}".to_owned(),
                flow: None,
                substring: true,
            },
        );
        m.insert(
            "arn:q/long".to_owned(),
            Swap {
                sub: "${L.Arn}".to_owned(),
                flow: None,
                substring: true,
            },
        );
        m.insert(
            "+81".to_owned(),
            Swap {
                sub: "${Phone}".to_owned(),
                flow: None,
                substring: false,
            },
        );
        m
    }

    /// The text path gives exactly what parsing, rewriting the value and `to_string` give.
    #[test]
    fn text_matches_the_value_path() {
        let map = swaps();
        let swaps = Swaps::new(&map);
        let v = serde_json::json!({
            "Version": "2019-10-30",
            "Actions": [
                {"Identifier": "a", "Parameters": {"QueueId": "arn:q", "Text": "say ${x} \"hi\"\n\u{1}"}},
                {"Identifier": "b", "Parameters": {"QueueId": "arn:q/long/x", "Phone": "+81", "Other": "+81 1"}},
                {"Identifier": "${k}", "Parameters": {"arn:q": ["arn:q", 1, 2.5, -3, true, null, {}, []]}},
                {"Identifier": "c", "Parameters": {"Text": "日本語 ${a}\\ \t arn:q"}}
            ],
            "Metadata": {"x": {"y": 1.0e-7}}
        });
        for text in [serde_json::to_string(&v), serde_json::to_string_pretty(&v)] {
            let text = text.expect("serializes");
            let mut used_text = BTreeSet::new();
            let fast = swaps.text(&text, &mut used_text).expect("JSON");
            let mut value: Value = serde_json::from_str(&text).expect("parses");
            let mut used_value = BTreeSet::new();
            swaps.value(&mut value, &mut used_value);
            assert_eq!(fast, serde_json::to_string(&value).expect("serializes"));
            assert_eq!(used_text, used_value);
        }
        assert!(
            swaps
                .text("{\"a\": \"arn:q/long\"}", &mut BTreeSet::new())
                .is_some_and(|t| t.contains("${L.Arn}"))
        );
    }

    #[test]
    fn strings_are_escaped_and_swapped() {
        let map = swaps();
        let swaps = Swaps::new(&map);
        let mut used = BTreeSet::new();
        assert_eq!(swaps.string("plain", &mut used), None);
        assert_eq!(
            swaps.string("a ${b}", &mut used).as_deref(),
            Some("a ${!b}")
        );
        assert_eq!(swaps.string("+81", &mut used).as_deref(), Some("${Phone}"));
        assert_eq!(swaps.string("x +81", &mut used), None);
        assert_eq!(
            swaps.string("arn:q/long and arn:q", &mut used).as_deref(),
            Some("${L.Arn} and ${Q.Arn}")
        );
        assert_eq!(used.len(), 3);
    }

    /// The finder applies the same swaps, in the same order, as testing every swap in turn:
    /// keys inside longer keys, keys repeated, keys that only appear once `${` became `${!` or
    /// once an earlier swap wrote its reference.
    #[test]
    fn finder_gives_what_trying_every_swap_gives() {
        let mut map = swaps();
        for (k, sub) in [
            ("Q.Arn}x", "${After}"),
            ("{Q", "${Brace}"),
            ("${!b", "${Escaped}"),
            ("q/lo", "${Mid}"),
        ] {
            let swap = Swap {
                sub: sub.to_owned(),
                flow: None,
                substring: true,
            };
            map.insert(k.to_owned(), swap);
        }
        let swaps = Swaps::new(&map);
        let every = |s: &str, used: &mut BTreeSet<_>| -> Option<String> {
            if let Some(sw) = swaps.whole.get(s) {
                used.insert(sw.sub.as_str());
                return Some(sw.sub.clone());
            }
            let mut out: Option<String> = s.contains("${").then(|| s.replace("${", "${!"));
            for (k, sw) in &swaps.substrings {
                let current = out.as_deref().unwrap_or(s);
                if current.contains(k) {
                    out = Some(current.replace(k, &sw.sub));
                    used.insert(sw.sub.as_str());
                }
            }
            out
        };
        for s in [
            "plain",
            "arn:q",
            "arn:qx",
            "arn:q/long arn:q/lo arn:q arn:q/long",
            "${b} and arn:q",
            "q/lo{Q",
            "日本語 arn:q/longer ${x}",
        ] {
            let (mut a, mut b) = (BTreeSet::new(), BTreeSet::new());
            assert_eq!(swaps.string(s, &mut a), every(s, &mut b), "{s}");
            assert_eq!(a, b, "{s}");
        }
        let mut used = BTreeSet::new();
        assert_eq!(
            swaps.string("arn:qx", &mut used).as_deref(),
            Some("$${Brace}.Arn}x")
        );
    }

    /// The text pass accepts exactly the texts serde_json reads, and its escaped output is
    /// the compact output escaped as a JSON string.
    #[test]
    fn text_is_checked_as_serde_json_checks_it_and_escaped_once() {
        let map = swaps();
        let swaps = Swaps::new(&map);
        let texts = [
            "{}",
            "[]",
            " { \"a\" : [ 1 , -0 , 0.5e+3 , 1E-2 , true , false , null , \"arn:q\" ] } \n",
            "{\"k\\\"\": \"v\\u00e9\\/\\n ${x}\", \"+81\": \"+81\"}",
            "[[[[{\"a\":{}}]]]]",
            "\"just a string\"",
            "12",
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{1:2}",
            "[1 2]",
            "01",
            "-",
            "1.",
            "1e",
            ".5",
            "+1",
            "tru",
            "nul",
            "[true]x",
            "{}{}",
            "\"tab\there\"",
            "\"bad \\x escape\"",
            "\"\\u12G4\"",
            "\"\\ud800\"",
            "\"open",
            "[\"a\"]]",
            "{\"a\":[}]",
        ];
        for text in texts {
            let serde = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
            let mut used = BTreeSet::new();
            let compact = swaps.text(text, &mut used);
            assert_eq!(compact.is_some(), serde, "{text:?}");
            let mut escaped = String::new();
            let ok = swaps.text_into(
                text,
                &mut BTreeSet::new(),
                &mut Out {
                    buf: &mut escaped,
                    escaped: true,
                },
            );
            assert_eq!(ok, serde, "{text:?}");
            if let Some(compact) = compact {
                let want = serde_json::to_string(&compact).expect("serializes");
                assert_eq!(format!("\"{escaped}\""), want, "{text:?}");
            }
        }
    }
}
