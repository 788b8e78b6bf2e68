//! Rewriting flow content for the template: every `${` in a string becomes `${!` (so that
//! `Fn::Sub` leaves it alone), and per-environment values are swapped for references.
//!
//! Two inputs, one result: a parsed [`Value`], or flow JSON text, which is handled without
//! building a `Value` tree (the flow JSON of a large project is tens of megabytes; parsing it
//! back was most of the bundle's time). Both give the compact JSON that
//! `serde_json::to_string` writes for the rewritten value. Text goes through two passes:
//! [`Swaps::scan`] checks that it is JSON (as strictly as serde_json reads it), records the
//! substitutions, and lists the few string values written differently ([`Edit`]), so that the
//! template knows each flow's references before it writes anything; then [`write_escaped`]
//! writes the compact form straight into the template, escaped as the body of a JSON string,
//! one run of bytes at a time.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, MatchKind};
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
    /// The lengths of the shortest and longest key of `whole`: a string of another length is
    /// not looked up.
    whole_lens: (usize, usize),
    /// Longest first, so that an ARN is not cut by a shorter one it contains (ties in key
    /// order).
    substrings: Vec<(&'a str, &'a Swap)>,
    /// Finds which of `substrings` (pattern `i` is `substrings[i]`) occur in a string, in one
    /// pass: a real environment has an ARN for every flow, and testing each ARN against each
    /// string of each flow made the bundle quadratic in the project's size.
    finder: Option<AhoCorasick>,
    /// The length of the shortest key of `substrings`: a shorter string contains none.
    substring_min: usize,
    /// Finds where a string value that [`Swaps::string`] may change can start in emitted flow
    /// text ([`Swaps::emitted`]): `${`, and the first bytes of every key. `None` when a key
    /// is empty or holds a character that JSON escapes (it would not be found as it is).
    needles: Option<AhoCorasick>,
}

/// How many bytes of each key [`Swaps::needles`] searches for: enough to make a match rare
/// (environment values of one kind share their start, such as `arn:aws:`).
const NEEDLE_LEN: usize = 8;

/// A string value of flow text that the template writes differently from the text: rewritten,
/// or (a literal with escapes) written back as serde_json writes its value.
#[derive(Debug)]
pub(super) struct Edit {
    /// Where the literal starts in the text (its opening quote).
    pub start: usize,
    /// Just past its closing quote.
    pub end: usize,
    /// The string written instead.
    pub string: String,
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
    let bytes = s.as_bytes();
    memchr::memchr_iter(b'$', bytes).any(|i| bytes.get(i + 1) == Some(&b'{'))
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
        let lens = swaps.keys().map(String::len);
        let searchable = swaps
            .keys()
            .all(|k| !k.is_empty() && !k.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20));
        let needles = searchable
            .then(|| {
                let mut starts: BTreeSet<&[u8]> = swaps
                    .keys()
                    .map(|k| &k.as_bytes()[..k.len().min(NEEDLE_LEN)])
                    .collect();
                starts.insert(b"${");
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(starts)
                    .ok()
            })
            .flatten();
        Self {
            whole: swaps.iter().map(|(k, sw)| (k.as_str(), sw)).collect(),
            whole_lens: (
                lens.clone().min().unwrap_or(usize::MAX),
                lens.max().unwrap_or(0),
            ),
            substring_min: substrings.last().map_or(usize::MAX, |(k, _)| k.len()),
            substrings,
            finder,
            needles,
        }
    }

    /// The rewritten string, or `None` when it stays as it is; records the substitutions made.
    ///
    /// The swaps apply one after the other in `substrings` order, each to the result of the
    /// ones before. Only those that occur in the current string change it, so the finder
    /// picks the next one (the first in order after the last applied that occurs) instead of
    /// testing them all.
    fn string(&self, s: &str, used: &mut BTreeSet<&'a str>) -> Option<String> {
        if (self.whole_lens.0..=self.whole_lens.1).contains(&s.len())
            && let Some(sw) = self.whole.get(s)
        {
            used.insert(sw.sub.as_str());
            return Some(sw.sub.clone());
        }
        let mut out: Option<String> = has_reference(s).then(|| s.replace("${", "${!"));
        let mut from = 0;
        loop {
            let current = out.as_deref().unwrap_or(s);
            if current.len() < self.substring_min {
                break;
            }
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
        let edits = self.scan(text, used)?;
        let mut escaped = String::new();
        write_escaped(&mut escaped, text, &edits);
        serde_json::from_str(&format!("\"{escaped}\"")).ok()
    }

    /// Checks that `text` is JSON as `serde_json` reads it (the same check as deserializing
    /// `IgnoredAny`) and lists, in text order, the string values (not the keys) that the
    /// compact form of the rewritten text writes differently: those rewritten, and literals
    /// with escapes (serde_json writes the string back in its own way). Substitutions made
    /// are added to `used`.
    ///
    /// Returns `None` when `text` is not JSON; `used` then holds part of a result, for the
    /// caller to drop.
    pub(super) fn scan(&self, text: &str, used: &mut BTreeSet<&'a str>) -> Option<Vec<Edit>> {
        let bytes = text.as_bytes();
        let mut edits = Vec::new();
        // The open containers, `{` or `[`.
        let mut stack: Vec<u8> = Vec::new();
        let mut next = Next::Value;
        let mut i = 0;
        loop {
            i = skip_whitespace(bytes, i);
            let Some(&c) = bytes.get(i) else {
                return (next == Next::End).then_some(edits);
            };
            match next {
                Next::Value | Next::ValueOrClose => match c {
                    b'{' | b'[' => {
                        stack.push(c);
                        i += 1;
                        next = if c == b'{' {
                            Next::KeyOrClose
                        } else {
                            Next::ValueOrClose
                        };
                    }
                    b']' if next == Next::ValueOrClose => {
                        stack.pop();
                        i += 1;
                        next = after_value(&stack);
                    }
                    b'"' => {
                        let (end, backslash) = string_end(bytes, i)?;
                        if let Some(string) = self.string_edit(&text[i..end], backslash, used) {
                            edits.push(Edit {
                                start: i,
                                end,
                                string,
                            });
                        }
                        i = end;
                        next = after_value(&stack);
                    }
                    b'-' | b'0'..=b'9' => {
                        i = number_end(bytes, i)?;
                        next = after_value(&stack);
                    }
                    b't' | b'f' | b'n' => {
                        let literal: &[u8] = match c {
                            b't' => b"true",
                            b'f' => b"false",
                            _ => b"null",
                        };
                        if !bytes[i..].starts_with(literal) {
                            return None;
                        }
                        i += literal.len();
                        next = after_value(&stack);
                    }
                    _ => return None,
                },
                Next::KeyOrClose | Next::Key => match c {
                    b'}' if next == Next::KeyOrClose => {
                        stack.pop();
                        i += 1;
                        next = after_value(&stack);
                    }
                    b'"' => {
                        i = string_end(bytes, i)?.0;
                        next = Next::Colon;
                    }
                    _ => return None,
                },
                Next::Colon => {
                    if c != b':' {
                        return None;
                    }
                    i += 1;
                    next = Next::Value;
                }
                Next::CommaOrClose => match (c, stack.last()) {
                    (b',', Some(&open)) => {
                        i += 1;
                        next = if open == b'{' { Next::Key } else { Next::Value };
                    }
                    (b'}', Some(b'{')) | (b']', Some(b'[')) => {
                        stack.pop();
                        i += 1;
                        next = after_value(&stack);
                    }
                    _ => return None,
                },
                Next::End => return None,
            }
        }
    }

    /// The search of [`Swaps::emitted`], when the keys can be searched for in JSON text.
    pub(super) fn needles(&self) -> Option<&AhoCorasick> {
        self.needles.as_ref()
    }

    /// What the string value literal `token` (quotes included) is written as, when that is
    /// not the literal itself.
    pub(super) fn string_edit(
        &self,
        token: &str,
        backslash: bool,
        used: &mut BTreeSet<&'a str>,
    ) -> Option<String> {
        if !backslash {
            // Without escapes the literal is the string itself, and serde_json would write it
            // back unchanged.
            return self.string(&token[1..token.len() - 1], used);
        }
        // Escapes: decode, rewrite and write back as serde_json does (a literal that does not
        // decode, such as a lone surrogate, is copied).
        let decoded = serde_json::from_str::<String>(token).ok()?;
        Some(self.string(&decoded, used).unwrap_or(decoded))
    }
}

/// Writes the compact form of the JSON `text` (checked by [`Swaps::scan`], which gave its
/// `edits`) escaped as the body of a JSON string, as `serde_json` would write the compact
/// text of the rewritten value as a string: whitespace between tokens dropped, each string
/// value of `edits` written in its place, and `"` and `\` escaped. Bytes that need no escaping
/// inside string literals are copied in runs, found eight bytes at a time.
pub(super) fn write_escaped(out: &mut String, text: &str, edits: &[Edit]) {
    let bytes = text.as_bytes();
    let mut edits = edits.iter().peekable();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\n' | b'\r' | b'\t' => i = skip_whitespace(bytes, i),
            b'"' => {
                i = match edits.next_if(|e| e.start == i) {
                    Some(e) => {
                        let mut literal = String::with_capacity(e.string.len() + 2);
                        super::write::string(&mut literal, &e.string);
                        escape_into(out, &literal);
                        e.end
                    }
                    None => escaped_literal(out, text, i),
                };
            }
            // Punctuation, numbers, literals: ASCII, a few bytes at a time (pushed one by one
            // rather than copied as a slice).
            _ => {
                out.push(char::from(b));
                i += 1;
            }
        }
    }
}

/// Writes the string literal that starts at `start` in `text` escaped as part of the body of
/// a JSON string (each `"` and `\` with a backslash before it); returns the index just past
/// it.
fn escaped_literal(out: &mut String, text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    out.push_str("\\\"");
    let mut run = start + 1;
    while let Some(i) = string_stop(bytes, run) {
        out.push_str(&text[run..i]);
        match bytes[i] {
            b'"' => {
                out.push_str("\\\"");
                return i + 1;
            }
            b'\\' => {}
            // Not in checked text.
            c => {
                out.push(char::from(c));
                run = i + 1;
                continue;
            }
        }
        // An escape: its backslash, and the character after it (an escaped `"` or `\` is
        // escaped again; the others are ASCII letters, copied).
        out.push_str("\\\\");
        match bytes.get(i + 1) {
            Some(b'"') => out.push_str("\\\""),
            Some(b'\\') => out.push_str("\\\\"),
            Some(&c) if c.is_ascii() => out.push(char::from(c)),
            // Not in JSON (emitted text is not checked): the character is copied with the
            // run that follows.
            Some(_) => {
                run = i + 1;
                continue;
            }
            None => return bytes.len(),
        }
        run = i + 2;
    }
    // Not reached for checked text: a literal ends with a quote.
    out.push_str(&text[run..]);
    bytes.len()
}

/// The index of the first byte from `i` on that is not JSON whitespace. Pretty-printed flow
/// JSON is largely indentation: a line's is skipped eight bytes at a time.
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => i = skip_spaces(bytes, i + 1),
            b' ' | b'\r' | b'\t' => i += 1,
            _ => break,
        }
    }
    i
}

/// Each byte of a word set to `b`.
const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The eight bytes from `i` as a little-endian word (the first byte lowest), when there are
/// eight.
fn word(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The index of the first byte from `i` on that is not a space.
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = word(bytes, i) {
        let other = w ^ splat(b' ');
        if other != 0 {
            // The lowest non-zero byte is the first byte that is not a space.
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// The index of the first byte from `i` on that ends a run of plain characters in a string
/// literal: a quote, a backslash, or a control character (which JSON does not allow there).
/// Eight bytes at a time: in each word, a byte is marked (its high bit set) when it is zero
/// after XOR with `"` or `\`, or less than 0x20; the lowest mark is exact (the borrows that
/// can mark wrongly only run upwards, from a byte that is marked rightly).
fn string_stop(bytes: &[u8], mut i: usize) -> Option<usize> {
    const LOW: u64 = splat(0x01);
    const HIGH: u64 = splat(0x80);
    let zero = |w: u64| w.wrapping_sub(LOW) & !w & HIGH;
    while let Some(w) = word(bytes, i) {
        let marks = zero(w ^ splat(b'"'))
            | zero(w ^ splat(b'\\'))
            | (w.wrapping_sub(splat(0x20)) & !w & HIGH);
        if marks != 0 {
            return Some(i + (marks.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let n = bytes
        .get(i..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(i + n)
}

/// The index just past the closing quote of the string literal that starts at `start`, and
/// whether it has escapes; `None` when it is not a JSON string: a control character, an
/// unknown escape, no end.
pub(super) fn string_end(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut i = start + 1;
    let mut backslash = false;
    loop {
        i = string_stop(bytes, i)?;
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
            let edits = swaps.scan(text, &mut BTreeSet::new());
            assert_eq!(edits.is_some(), serde, "{text:?}");
            if let (Some(compact), Some(edits)) = (compact, edits) {
                let mut escaped = String::new();
                write_escaped(&mut escaped, text, &edits);
                let want = serde_json::to_string(&compact).expect("serializes");
                assert_eq!(format!("\"{escaped}\""), want, "{text:?}");
            }
        }
    }

    /// The word-at-a-time scans find quotes, backslashes and control characters at every
    /// offset of a word, after ASCII and multi-byte characters, and skip indentation of every
    /// depth.
    #[test]
    fn strings_and_indentation_of_every_length_and_offset() {
        let map = swaps();
        let swaps = Swaps::new(&map);
        for n in 0..20 {
            for stop in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "${", ""] {
                for fill in ["a", "é", "日"] {
                    let s = format!("{}{stop}{}", fill.repeat(n), "z".repeat(n % 9));
                    let mut v = serde_json::json!([s, {"k": [s, 1, "arn:q"]}]);
                    for _ in 0..n {
                        v = serde_json::json!({ "x": v, "y": [true] });
                    }
                    for text in [serde_json::to_string(&v), serde_json::to_string_pretty(&v)] {
                        let text = text.expect("serializes");
                        let mut used = BTreeSet::new();
                        let fast = swaps.text(&text, &mut used).expect("JSON");
                        let mut value: Value = serde_json::from_str(&text).expect("parses");
                        swaps.value(&mut value, &mut BTreeSet::new());
                        assert_eq!(fast, serde_json::to_string(&value).expect("serializes"));
                    }
                }
            }
        }
        // A control character in a string is not JSON, wherever it is.
        for n in 0..20 {
            let text = format!("[\"{}\u{7}\"]", "a".repeat(n));
            assert!(swaps.scan(&text, &mut BTreeSet::new()).is_none(), "{n}");
        }
    }
}
