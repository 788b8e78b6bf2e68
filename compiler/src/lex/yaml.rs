//! CloudFormation template text (YAML or JSON) to a `serde_json::Value`, with the byte range
//! of every value for diagnostic labels.
//!
//! Short-form intrinsic functions become their long JSON form, as `cfn-flip` writes them:
//! `!Ref X` → `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`, `!Condition C` →
//! `{"Condition": "C"}`, any other `!Name v` → `{"Fn::Name": v}`.
//!
//! Scalars follow YAML 1.2 (`yes` is a string, `0x1F` a number), except that a plain number
//! with a leading zero (`012345678901`, an account ID) stays the string it was written as: YAML
//! 1.1 parsers, which CloudFormation tooling uses, do not read it as that number either.

use std::collections::HashMap;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Marker, Scalar as YScalar, YamlData};
use serde_json::{Map, Number, Value};

use super::read::{index_path, key_path};

/// A parsed template: the value, and where each JSON path is in the text.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub value: Value,
    /// Byte range of the value at each path (`""` is the root).
    pub spans: HashMap<String, Range<usize>>,
    /// Byte range of the key that introduces the value at each path.
    pub key_spans: HashMap<String, Range<usize>>,
}

impl Parsed {
    /// Where to point for a value: the value if it is on one line, else its key, else the
    /// first line of the value.
    pub(crate) fn locate(&self, text: &str, path: &str) -> Option<Range<usize>> {
        let v = self.spans.get(path).cloned();
        let one_line = |r: &Range<usize>| {
            text.get(r.clone())
                .is_some_and(|s| !s.trim_end().contains('\n'))
        };
        match v {
            Some(r) if one_line(&r) => Some(trim_end(text, r)),
            Some(r) => self.key_spans.get(path).cloned().or_else(|| {
                let end = text
                    .get(r.clone())
                    .and_then(|s| s.find('\n'))
                    .map_or(r.end, |n| r.start + n);
                Some(r.start..end)
            }),
            None => self.key_spans.get(path).cloned(),
        }
    }
}

fn trim_end(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    r.start..r.start + s.trim_end().len()
}

/// A parse failure: a message and where.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub message: String,
    pub at: Range<usize>,
}

/// Parses template text. JSON text (starting with `{`) is read by `serde_json` (exact JSON
/// semantics) and only located with the YAML parser.
pub(crate) fn parse_template(text: &str) -> Result<Parsed, ParseError> {
    let body = text.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('{') {
        let value: Value = serde_json::from_str(body).map_err(|e| ParseError {
            message: format!("not valid JSON: {e}"),
            at: offset_of_line_col(text, e.line(), e.column()),
        })?;
        let located = parse_yaml(text).unwrap_or_default();
        return Ok(Parsed {
            value,
            spans: located.spans,
            key_spans: located.key_spans,
        });
    }
    parse_yaml(text)
}

fn offset_of_line_col(text: &str, line: usize, col: usize) -> Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text
        .get(start..)
        .and_then(|t| t.lines().next())
        .unwrap_or("");
    let at = start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
    at..at
}

struct Cx<'t> {
    text: &'t str,
    /// Byte offset of each character index (and one past the end).
    offsets: Vec<usize>,
    out: Parsed,
    error: Option<ParseError>,
}

impl Cx<'_> {
    fn byte(&self, m: &Marker) -> usize {
        self.offsets
            .get(m.index())
            .copied()
            .unwrap_or(self.text.len())
    }

    fn range(&self, node: &MarkedYaml<'_>) -> Range<usize> {
        let start = self.byte(&node.span.start);
        let mut end = self.byte(&node.span.end);
        // Flow collections end before their closing bracket; take it in.
        let closing = match self.text.get(start..start + 1) {
            Some("[") => Some("]"),
            Some("{") => Some("}"),
            _ => None,
        };
        if let Some(c) = closing
            && self.text.get(end..end + 1) == Some(c)
        {
            end += 1;
        }
        start..end
    }

    fn fail(&mut self, at: Range<usize>, message: String) {
        if self.error.is_none() {
            self.error = Some(ParseError { message, at });
        }
    }
}

fn parse_yaml(text: &str) -> Result<Parsed, ParseError> {
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let docs = match MarkedYaml::load_from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let at = offsets
                .get(e.marker().index())
                .copied()
                .unwrap_or(text.len());
            return Err(ParseError {
                message: format!(
                    "not valid YAML: {} (line {}, column {})",
                    e.info(),
                    e.marker().line(),
                    e.marker().col() + 1
                ),
                at: at..at,
            });
        }
    };
    let mut cx = Cx {
        text,
        offsets,
        out: Parsed::default(),
        error: None,
    };
    match docs.as_slice() {
        [] => {
            return Err(ParseError {
                message: "the template is empty".into(),
                at: 0..0,
            });
        }
        [doc] => {
            let v = convert(&mut cx, doc, "");
            cx.out.value = v;
        }
        [_, second, ..] => {
            let at = cx.range(second);
            return Err(ParseError {
                message: "the template holds more than one YAML document".into(),
                at,
            });
        }
    }
    match cx.error {
        Some(e) => Err(e),
        None => Ok(cx.out),
    }
}

fn convert(cx: &mut Cx<'_>, node: &MarkedYaml<'_>, path: &str) -> Value {
    let range = cx.range(node);
    if !range.is_empty() || !cx.out.spans.contains_key(path) {
        cx.out.spans.insert(path.to_owned(), range.clone());
    }
    match &node.data {
        YamlData::Value(s) => scalar(cx, s, range),
        YamlData::Representation(s, _, _) => Value::String(s.to_string()),
        YamlData::Sequence(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, n)| convert(cx, n, &index_path(path, i)))
                .collect(),
        ),
        YamlData::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let Some(key) = key_string(cx, k) else {
                    let at = cx.range(k);
                    cx.fail(at, "a mapping key must be a plain value".into());
                    continue;
                };
                let child = key_path(path, &key);
                let krange = cx.range(k);
                cx.out.key_spans.insert(child.clone(), krange);
                let v = convert(cx, v, &child);
                out.insert(key, v);
            }
            Value::Object(out)
        }
        YamlData::Tagged(tag, inner) => {
            let name = tag.suffix.as_str();
            let key = if tag.handle == "!" && (name == "Ref" || name == "Condition") {
                name.to_owned()
            } else {
                format!("Fn::{name}")
            };
            let child = key_path(path, &key);
            let mut v = convert(cx, inner, &child);
            if cx.out.spans.get(&child).is_some_and(Range::is_empty) {
                // The parser gives tagged scalars no span of their own.
                cx.out.spans.insert(child.clone(), range.clone());
            }
            if key == "Fn::GetAtt"
                && let Value::String(s) = &v
                && let Some((res, attr)) = s.split_once('.')
            {
                v = Value::Array(vec![
                    Value::String(res.to_owned()),
                    Value::String(attr.to_owned()),
                ]);
            }
            let mut m = Map::new();
            m.insert(key, v);
            Value::Object(m)
        }
        YamlData::Alias(_) | YamlData::BadValue => {
            cx.fail(
                range,
                "a value cannot be read (an unknown alias, or a `!!type` tag that does not fit)"
                    .into(),
            );
            Value::Null
        }
    }
}

fn scalar(cx: &Cx<'_>, s: &YScalar<'_>, range: Range<usize>) -> Value {
    let source = cx.text.get(range).unwrap_or("").trim();
    match s {
        YScalar::Null => Value::Null,
        YScalar::Boolean(b) => Value::Bool(*b),
        YScalar::Integer(_) | YScalar::FloatingPoint(_) if leading_zero(source) => {
            Value::String(source.to_owned())
        }
        YScalar::Integer(i) => Value::Number(Number::from(*i)),
        YScalar::FloatingPoint(f) => Number::from_f64(f.into_inner())
            .map_or_else(|| Value::String(source.to_owned()), Value::Number),
        YScalar::String(s) => Value::String(s.to_string()),
    }
}

/// `012`, `-0012.5`: digits after a leading zero (not `0`, `0.5`, `0x1F`).
fn leading_zero(source: &str) -> bool {
    let digits = source.trim_start_matches(['-', '+']);
    let mut chars = digits.chars();
    chars.next() == Some('0') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

fn key_string(cx: &Cx<'_>, k: &MarkedYaml<'_>) -> Option<String> {
    match &k.data {
        YamlData::Value(YScalar::String(s)) => Some(s.to_string()),
        YamlData::Value(_) | YamlData::Representation(..) => {
            let r = cx.range(k);
            Some(cx.text.get(r).unwrap_or("").trim().to_owned())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_forms_become_long_forms() {
        let p = parse_template(
            "a: !GetAtt X.Arn\nb: !Sub \"x-${A}\"\nc: !If [c, !Ref Y, z]\nd: 012\ne: 0.40\n",
        )
        .unwrap();
        assert_eq!(
            p.value,
            json!({"a": {"Fn::GetAtt": ["X", "Arn"]}, "b": {"Fn::Sub": "x-${A}"},
                   "c": {"Fn::If": ["c", {"Ref": "Y"}, "z"]}, "d": "012", "e": 0.4})
        );
        let text = "a: !GetAtt X.Arn\n";
        let p = parse_template(text).unwrap();
        assert_eq!(&text[p.locate(text, "a").unwrap()], "!GetAtt X.Arn");
    }

    #[test]
    fn json_templates_are_read_as_json_and_located() {
        let text = "{\n  \"A\": {\"B\": [1, \"x\"]}\n}\n";
        let p = parse_template(text).unwrap();
        assert_eq!(p.value, json!({"A": {"B": [1, "x"]}}));
        assert_eq!(&text[p.locate(text, "A.B[1]").unwrap()], "\"x\"");
    }

    #[test]
    fn errors_have_positions() {
        let e = parse_template("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.message.contains("YAML"), "{}", e.message);
        let e = parse_template("{\"a\": }").unwrap_err();
        assert_eq!(e.at, 6..6);
    }
}
