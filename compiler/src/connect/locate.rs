//! Finds where a [`JsonPath`] is in the JSON text, for diagnostic labels.
//!
//! `serde_json::Value` forgets positions, so the importer parses twice: once into values, and,
//! only when it reports a problem, a small scan over the text that walks the path and returns
//! the byte range of the value. The scan is meant for text that `serde_json` already accepted;
//! on anything unexpected it gives up (returns less) instead of panicking. With duplicate keys it
//! picks the last one, as `serde_json` does.

use std::ops::Range;

use super::json::{JsonPath, PathSegment};

/// The result of [`locate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Byte range of the deepest value on the path that exists in the text.
    pub range: Range<usize>,
    /// How many segments of the path were found (`== path.segments().len()` when all were).
    pub depth: usize,
}

impl Located {
    /// Whether the whole path was found.
    #[must_use]
    pub fn is_complete(&self, path: &JsonPath) -> bool {
        self.depth == path.segments().len()
    }
}

/// Byte range of the value at `path` in `text`, or of its deepest existing ancestor. `None` when
/// not even the root value can be scanned.
#[must_use]
pub fn locate(text: &str, path: &JsonPath) -> Option<Located> {
    let mut sc = Scanner {
        b: text.as_bytes(),
        text,
        pos: 0,
    };
    sc.skip_ws();
    let mut start = sc.pos;
    let mut end = sc.skip_value()?;
    let mut depth = 0;
    for seg in path.segments() {
        sc.pos = start;
        let Some(child) = sc.find_child(seg) else {
            break;
        };
        sc.pos = child;
        let Some(child_end) = sc.skip_value() else {
            break;
        };
        start = child;
        end = child_end;
        depth += 1;
    }
    Some(Located {
        range: start..end,
        depth,
    })
}

/// Byte range of the key string (with its quotes) of the member `path` names, when the last
/// segment is an object key that exists.
#[must_use]
pub fn locate_key(text: &str, path: &JsonPath) -> Option<Range<usize>> {
    let Some(PathSegment::Key(key)) = path.segments().last() else {
        return None;
    };
    let parent = locate(text, &path.parent())?;
    if !parent.is_complete(&path.parent()) {
        return None;
    }
    let mut sc = Scanner {
        b: text.as_bytes(),
        text,
        pos: parent.range.start,
    };
    sc.find_member(key).map(|(k, _)| k)
}

/// For each element of the array at `array`, the byte range of the value at `inner` inside that
/// element (`None` where it is absent). One pass over the array, so callers that need a span
/// per action (the checks' [`FlowUnit`](crate::graph::FlowUnit)) stay linear in the text size.
/// Empty when the array cannot be found.
#[must_use]
pub fn locate_each(text: &str, array: &JsonPath, inner: &JsonPath) -> Vec<Option<Range<usize>>> {
    let Some(arr) = locate(text, array).filter(|l| l.is_complete(array)) else {
        return Vec::new();
    };
    let mut sc = Scanner {
        b: text.as_bytes(),
        text,
        pos: arr.range.start,
    };
    let mut out = Vec::new();
    if sc.peek() != Some(b'[') {
        return out;
    }
    sc.pos += 1;
    loop {
        sc.skip_ws();
        match sc.peek() {
            None | Some(b']') => return out,
            Some(b',') => {
                sc.pos += 1;
                continue;
            }
            Some(_) => {}
        }
        let element = sc.pos;
        let Some(element_end) = sc.skip_value() else {
            return out;
        };
        let mut inner_sc = Scanner {
            b: text.as_bytes(),
            text,
            pos: element,
        };
        let mut found = Some(element..element_end);
        for seg in inner.segments() {
            let Some(start) = inner_sc.find_child(seg) else {
                found = None;
                break;
            };
            inner_sc.pos = start;
            let Some(end) = inner_sc.skip_value() else {
                found = None;
                break;
            };
            inner_sc.pos = start;
            found = Some(start..end);
        }
        out.push(found);
        sc.pos = element_end;
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips a string starting at `pos` (on the quote); returns the position after it.
    fn skip_string(&mut self) -> Option<usize> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(self.pos);
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips the value starting at `pos`; returns the position after it.
    fn skip_value(&mut self) -> Option<usize> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(self.pos);
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
                (self.pos > start).then_some(self.pos)
            }
        }
    }

    /// With `pos` on a value, finds the start of the child that `seg` names.
    fn find_child(&mut self, seg: &PathSegment) -> Option<usize> {
        match seg {
            PathSegment::Key(k) => self.find_member(k).map(|(_, v)| v),
            PathSegment::Index(i) => self.find_element(*i),
        }
    }

    /// With `pos` on an object, the key range and value start of the last member named `key`.
    fn find_member(&mut self, key: &str) -> Option<(Range<usize>, usize)> {
        if self.peek() != Some(b'{') {
            return None;
        }
        self.pos += 1;
        let mut found = None;
        loop {
            self.skip_ws();
            match self.peek()? {
                b'}' => return found,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key_start = self.pos;
            let key_end = self.skip_string()?;
            let raw = self.text.get(key_start..key_end)?;
            let matches = if raw.contains('\\') {
                serde_json::from_str::<String>(raw).ok().as_deref() == Some(key)
            } else {
                raw.get(1..raw.len() - 1) == Some(key)
            };
            self.skip_ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_ws();
            if matches {
                found = Some((key_start..key_end, self.pos));
            }
            self.skip_value()?;
        }
    }

    /// With `pos` on an array, the start of element `index`.
    fn find_element(&mut self, index: usize) -> Option<usize> {
        if self.peek() != Some(b'[') {
            return None;
        }
        self.pos += 1;
        let mut n = 0;
        loop {
            self.skip_ws();
            match self.peek()? {
                b']' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if n == index {
                return Some(self.pos);
            }
            self.skip_value()?;
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice<'a>(text: &'a str, path: &str) -> &'a str {
        let p = JsonPath::parse(path).expect("path");
        let l = locate(text, &p).expect("locate");
        &text[l.range]
    }

    #[test]
    fn finds_nested_values() {
        let t = r#"{ "a": [1, {"b\"c": "x", "d": {"e": true}}], "a2": null, "d": 5 }"#;
        assert_eq!(slice(t, "a[0]"), "1");
        assert_eq!(slice(t, r#"a[1]["b\"c"]"#), r#""x""#);
        assert_eq!(slice(t, "a[1].d.e"), "true");
        assert_eq!(slice(t, "d"), "5");
        assert_eq!(slice(t, "(root)"), t.trim());
        let missing = locate(t, &JsonPath::parse("a[1].zz").expect("path")).expect("locate");
        assert_eq!(missing.depth, 2);
        assert_eq!(&t[missing.range], r#"{"b\"c": "x", "d": {"e": true}}"#);
        let k = locate_key(t, &JsonPath::parse("a[1].d").expect("path")).expect("key");
        assert_eq!(&t[k], r#""d""#);
    }

    #[test]
    fn last_duplicate_key_wins_and_garbage_does_not_panic() {
        assert_eq!(slice(r#"{"a": 1, "a": 2}"#, "a"), "2");
        for bad in ["", "{", "[1,", "{\"a\" 1}", "\"abc", "{\"a\":}"] {
            let _ = locate(bad, &JsonPath::parse("a[3].b").expect("path"));
        }
    }

    #[test]
    fn locate_each_finds_a_member_per_element() {
        let t = r#"{"Actions": [ {"Identifier": "a", "Type": "X"}, 5, {"Type": "Y", "Identifier": "b"} ]}"#;
        let got = locate_each(
            t,
            &JsonPath::parse("Actions").expect("path"),
            &JsonPath::parse("Identifier").expect("path"),
        );
        let texts: Vec<Option<&str>> = got.iter().map(|r| r.clone().map(|r| &t[r])).collect();
        assert_eq!(texts, [Some(r#""a""#), None, Some(r#""b""#)]);
        assert!(
            locate_each(
                "[",
                &JsonPath::parse("Actions").expect("path"),
                &JsonPath::root()
            )
            .is_empty()
        );
    }
}
