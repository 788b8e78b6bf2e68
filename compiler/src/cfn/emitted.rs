//! The edits of flow text that the Connect emitter wrote ([`super::FlowContent::Emitted`]),
//! found without reading the whole text.
//!
//! The emitter writes JSON in serde_json's pretty layout, so the text needs no check, and
//! its shape is known: every string is on one line, a line holds at most a key and the
//! string value after it, and a string with escapes is already written as serde_json writes
//! it. A string value is written differently in the template only when it contains `${` or
//! an environment value to swap ([`Swaps::string`]), so only the lines where one of those
//! could start are read: a multi-pattern search ([`Swaps::needles`]: `${` and the first
//! bytes of every environment value) finds them, and each such line's value goes through
//! the same [`Swaps::string_edit`] as in [`Swaps::scan`]. With no environment values, that
//! is one search for `${` over the text.

use std::collections::BTreeSet;

use aho_corasick::Input;

use super::rewrite::{Edit, Swaps, string_end};

impl<'a> Swaps<'a> {
    /// The edits of the emitted flow text `text` (see the module documentation), as
    /// [`Swaps::scan`] lists them for the same text; substitutions made are added to `used`.
    ///
    /// `None` when the swaps cannot be searched for this way (an environment value holds a
    /// character that JSON escapes), or when a line holding a match is not laid out as the
    /// emitter writes: then the caller checks the text with [`Swaps::scan`].
    pub(super) fn emitted(&self, text: &str, used: &mut BTreeSet<&'a str>) -> Option<Vec<Edit>> {
        let needles = self.needles()?;
        let bytes = text.as_bytes();
        let mut edits = Vec::new();
        let mut from = 0;
        while let Some(m) = needles.find(Input::new(bytes).range(from..)) {
            let at = m.start();
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            if let Some((s, e, backslash)) = line_value(bytes, start, end)?
                && let Some(string) = self.string_edit(&text[s..e], backslash, used)
            {
                edits.push(Edit {
                    start: s,
                    end: e,
                    string,
                });
            }
            from = end;
        }
        Some(edits)
    }
}

/// The string value on the line `bytes[start..end]` of pretty JSON: its literal's start,
/// the index just past it, and whether it has escapes. `Some(None)` when the line holds
/// none (punctuation, a number, a key before `{` or `[`); `None` when the line is not laid
/// out as serde_json's pretty printer writes (more strings than a key and its value).
#[allow(clippy::option_option)]
fn line_value(bytes: &[u8], start: usize, end: usize) -> Option<Option<(usize, usize, bool)>> {
    let line = &bytes[..end];
    // Nothing after the last string of the line may start another.
    let rest_plain = |from: usize| memchr::memchr(b'"', &line[from..]).is_none();
    let mut i = start + line[start..].iter().take_while(|&&b| b == b' ').count();
    if line.get(i) != Some(&b'"') {
        return rest_plain(i).then_some(None);
    }
    let (mut close, mut backslash) = string_end(line, i)?;
    if line.get(close) == Some(&b':') {
        // A key; its value follows `": "`.
        if line.get(close + 1) != Some(&b' ') {
            return None;
        }
        i = close + 2;
        if line.get(i) != Some(&b'"') {
            return rest_plain(i).then_some(None);
        }
        (close, backslash) = string_end(line, i)?;
    }
    rest_plain(close).then_some(Some((i, close, backslash)))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use serde_json::{Value, json};

    use super::super::rewrite::{Swap, Swaps, write_escaped};

    fn swaps(keys: &[(&str, bool)]) -> BTreeMap<String, Swap> {
        keys.iter()
            .enumerate()
            .map(|(n, &(k, substring))| {
                let swap = Swap {
                    sub: format!("${{S{n}}}"),
                    flow: None,
                    substring,
                };
                (k.to_owned(), swap)
            })
            .collect()
    }

    /// The pretty JSON of `v` gives the same edits, the same substitutions and the same
    /// template bytes by the emitted path as by the checking pass.
    fn same_as_scan(swaps: &Swaps<'_>, v: &Value) {
        let text = serde_json::to_string_pretty(v).expect("serializes") + "\n";
        let (mut a, mut b) = (BTreeSet::new(), BTreeSet::new());
        let fast = swaps.emitted(&text, &mut a).expect("emitted layout");
        let checked = swaps.scan(&text, &mut b).expect("JSON");
        assert_eq!(a, b, "{text}");
        let (mut x, mut y) = (String::new(), String::new());
        write_escaped(&mut x, &text, &fast);
        write_escaped(&mut y, &text, &checked);
        assert_eq!(x, y, "{text}");
    }

    #[test]
    fn finds_what_the_checking_pass_finds() {
        let map = swaps(&[
            ("arn:aws:connect:x:1:instance/i/queue/q", true),
            ("arn:aws:connect:x:1:instance/i/queue/q/long", true),
            ("arn:aws:lambda:x:1:function:f", true),
            ("+81312345678", false),
            ("yes", false),
            ("1", false),
        ]);
        let swaps = Swaps::new(&map);
        let arn = "arn:aws:connect:x:1:instance/i/queue/q";
        let values = [
            json!({}),
            json!([]),
            json!("arn:aws:lambda:x:1:function:f"),
            json!({
                "Version": "2019-10-30",
                "StartAction": "${a}",
                "Actions": [
                    {"Identifier": "a", "Parameters": {"QueueId": arn, "Text": "say ${x} \"hi\"\n\u{1}"}},
                    {"Identifier": "b", "Parameters": {"QueueId": format!("{arn}/long/x"), "Phone": "+81312345678", "Other": "+81312345678 1"}},
                    {"Identifier": "${k}", "Parameters": {arn: [arn, 1, 2.5, -3, true, null, {}, [], "yes", "1", "yes!"]}},
                    {"Identifier": "c", "Parameters": {"Text": format!("日本語 ${{a}}\\ \t {arn}"), "Key: \"x\"": "\": arn:aws:lambda:x:1:function:f"}},
                    {"${k}": "${v}", "arn:aws:lambda:x:1:function:f": {"arn:aws:lambda:x:1:function:f": "v"}},
                ],
                "Metadata": {"x": {"y": 1.0e-7, "z": [[arn], [[["${"]]]]}}
            }),
        ];
        for v in &values {
            same_as_scan(&swaps, v);
        }
        // Without environment values, only `${` is searched for.
        let none = BTreeMap::new();
        let empty = Swaps::new(&none);
        for v in &values {
            same_as_scan(&empty, v);
        }
    }

    /// Values that JSON escapes cannot be found in the text as they are: the caller checks
    /// the text instead.
    #[test]
    fn values_with_escaped_characters_are_not_searched() {
        for key in ["a\"b", "a\\b", "tab\there", ""] {
            let map = swaps(&[(key, true), ("arn:x", true)]);
            let swaps = Swaps::new(&map);
            assert!(
                swaps.emitted("{}\n", &mut BTreeSet::new()).is_none(),
                "{key:?}"
            );
        }
    }

    /// A line holding a match but not laid out as serde_json writes is not guessed at.
    #[test]
    fn other_layouts_are_refused() {
        let map = swaps(&[("arn:x", true)]);
        let swaps = Swaps::new(&map);
        for text in [
            "{\"a\":\"arn:x\"}",
            "{\n  \"a\" : \"arn:x\"\n}",
            "{\n  \"a\": \"arn:x\n}",
        ] {
            assert!(
                swaps.emitted(text, &mut BTreeSet::new()).is_none(),
                "{text:?}"
            );
        }
        assert!(
            swaps
                .emitted("{\n  \"a\": 1\n}", &mut BTreeSet::new())
                .is_some_and(|e| e.is_empty())
        );
        // Text that breaks the promise gives a wrong string, never a panic.
        for text in ["\"\\é\"", "[\"\\", "日本\"\\\u{1}", "\"", "\\"] {
            let edits = swaps
                .emitted(text, &mut BTreeSet::new())
                .unwrap_or_default();
            write_escaped(&mut String::new(), text, &edits);
        }
    }
}
