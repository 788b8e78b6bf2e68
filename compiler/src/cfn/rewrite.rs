//! Rewriting flow content for the template: every `${` in a string becomes `${!` (so that
//! `Fn::Sub` leaves it alone), and per-environment values are swapped for references.
//!
//! Two inputs, one result: a parsed [`Value`], or flow JSON text, which is rewritten in one
//! pass without building a `Value` tree (the flow JSON of a large project is tens of
//! megabytes; parsing it back was most of the bundle's time). Both give the compact JSON that
//! `serde_json::to_string` writes for the rewritten value.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::AhoCorasick;
use serde_json::Value;

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
    whole: &'a BTreeMap<String, Swap>,
    /// Longest first, so that an ARN is not cut by a shorter one it contains (ties in key
    /// order).
    substrings: Vec<(&'a str, &'a Swap)>,
    /// Finds which of `substrings` (pattern `i` is `substrings[i]`) occur in a string, in one
    /// pass: a real environment has an ARN for every flow, and testing each ARN against each
    /// string of each flow made the bundle quadratic in the project's size.
    finder: Option<AhoCorasick>,
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
            whole: swaps,
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
    fn string(&self, s: &str, used: &mut BTreeSet<String>) -> Option<String> {
        if let Some(sw) = self.whole.get(s) {
            used.insert(sw.sub.clone());
            return Some(sw.sub.clone());
        }
        let mut out: Option<String> = s.contains("${").then(|| s.replace("${", "${!"));
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
            used.insert(sw.sub.clone());
            from = i + 1;
        }
        out
    }

    /// Rewrites every string value (not the keys) of `v` in place.
    pub(super) fn value(&self, v: &mut Value, used: &mut BTreeSet<String>) {
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
    /// `serde_json::to_string` would write the rewritten value of `text`. `text` must be valid
    /// JSON as serde_json writes it (any indentation): numbers and objects are copied as
    /// written, not normalized.
    pub(super) fn text(&self, text: &str, used: &mut BTreeSet<String>) -> String {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\n' | b'\r' | b'\t' => i += 1,
                b'"' => {
                    let end = string_end(bytes, i);
                    let token = &text[i..end];
                    i = end;
                    let is_key = bytes[i..]
                        .iter()
                        .find(|b| !b.is_ascii_whitespace())
                        .is_some_and(|&b| b == b':');
                    if is_key {
                        out.push_str(token);
                    } else {
                        self.string_token(token, &mut out, used);
                    }
                }
                _ => {
                    // A run of punctuation, digits and literals up to the next string or space.
                    let end = bytes[i..]
                        .iter()
                        .position(|b| matches!(b, b'"' | b' ' | b'\n' | b'\r' | b'\t'))
                        .map_or(bytes.len(), |n| i + n);
                    out.push_str(&text[i..end]);
                    i = end;
                }
            }
        }
        out
    }

    /// Writes the string literal `token` (quotes included), rewritten, to `out`.
    fn string_token(&self, token: &str, out: &mut String, used: &mut BTreeSet<String>) {
        let raw = &token[1..token.len() - 1];
        if !raw.contains('\\') {
            // Without escapes the literal is the string itself, and serde_json would write it
            // back unchanged.
            match self.string(raw, used) {
                Some(s) => push_escaped(out, &s),
                None => out.push_str(token),
            }
            return;
        }
        // Escapes: decode, rewrite and write back as serde_json does.
        let Ok(decoded) = serde_json::from_str::<String>(token) else {
            out.push_str(token);
            return;
        };
        let s = self.string(&decoded, used).unwrap_or(decoded);
        push_escaped(out, &s);
    }
}

/// The index just past the closing quote of the string literal that starts at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn push_escaped(out: &mut String, s: &str) {
    // Serializing a string cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
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
            let fast = swaps.text(&text, &mut used_text);
            let mut value: Value = serde_json::from_str(&text).expect("parses");
            let mut used_value = BTreeSet::new();
            swaps.value(&mut value, &mut used_value);
            assert_eq!(fast, serde_json::to_string(&value).expect("serializes"));
            assert_eq!(used_text, used_value);
        }
        assert!(
            swaps
                .text("{\"a\": \"arn:q/long\"}", &mut BTreeSet::new())
                .contains("${L.Arn}")
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
        let every = |s: &str, used: &mut BTreeSet<String>| -> Option<String> {
            if let Some(sw) = swaps.whole.get(s) {
                used.insert(sw.sub.clone());
                return Some(sw.sub.clone());
            }
            let mut out: Option<String> = s.contains("${").then(|| s.replace("${", "${!"));
            for (k, sw) in &swaps.substrings {
                let current = out.as_deref().unwrap_or(s);
                if current.contains(k) {
                    out = Some(current.replace(k, &sw.sub));
                    used.insert(sw.sub.clone());
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
}
