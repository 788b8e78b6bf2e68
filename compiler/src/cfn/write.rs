//! Writing the template as JSON text, byte for byte what `serde_json::to_string_pretty` writes
//! for the same value (two-space indent, `": "` after keys, `{}` and `[]` when empty), without
//! building a `Value` for the flows.
//!
//! A flow's content is a string of the template (its compact JSON, inside `Fn::Sub` when it
//! refers to resources). The flow JSON text is written straight into the template, compact and
//! escaped ([`write_escaped`]), so that the tens of megabytes of flow JSON of a large project
//! are neither held in a `Value` tree nor copied through a buffer of their own.

use serde_json::{Map, Value};

use super::rewrite::{Edit, write_escaped};

/// One resource of the template, in the order resources are written.
pub(super) enum Resource<'t> {
    /// A resource kept as a value (the Lex role).
    Value(Value),
    /// A resource already written by [`Pretty`] at the indentation of a resource (`level` 2).
    Text(String),
    /// An `AWS::Connect::ContactFlow` or `ContactFlowModule`.
    Flow(FlowResource<'t>),
}

/// A flow resource: `Type`, then `Properties` (`InstanceArn`, `Name`, `Type`, `Description`,
/// then `Content`).
pub(super) struct FlowResource<'t> {
    pub ty: &'static str,
    /// The `Name` property.
    pub name: String,
    /// The `Type` property (flows; modules have none).
    pub flow_type: Option<&'static str>,
    /// The `Description` property.
    pub description: Option<String>,
    pub content: Content<'t>,
}

/// The `Content` of a flow: a string, written as `{"Fn::Sub": …}` when `sub` (it has `${…}`
/// references to resources and parameters).
pub(super) struct Content<'t> {
    pub sub: bool,
    pub body: Body<'t>,
    /// Replacements made, in order, in the body once written (escaped): rare (a reference that
    /// would be circular gets its ARN back; a string without references gets `${` back).
    pub fixes: Vec<(String, String)>,
}

/// What a flow's content string is made of.
pub(super) enum Body<'t> {
    /// The body of the string, already escaped.
    Escaped(String),
    /// Text that is not JSON: the string is the text.
    Raw(&'t str),
    /// Flow JSON text checked by [`super::rewrite::Swaps::scan`], which gave its edits: the
    /// string is its rewritten compact form.
    Json { text: &'t str, edits: Vec<Edit> },
}

impl Content<'_> {
    /// About the length of the escaped body (compact JSON is shorter than the pretty text).
    fn len(&self) -> usize {
        match &self.body {
            Body::Escaped(s) => s.len(),
            Body::Raw(t) | Body::Json { text: t, .. } => t.len() + t.len() / 8,
        }
    }

    /// Writes the escaped body.
    fn write(&self, out: &mut String) {
        let start = out.len();
        match &self.body {
            Body::Escaped(s) => out.push_str(s),
            Body::Raw(t) => escape_into(out, t),
            Body::Json { text, edits } => write_escaped(out, text, edits),
        }
        for (from, to) in &self.fixes {
            if out[start..].contains(from.as_str()) {
                let body = out.split_off(start);
                out.push_str(&body.replace(from.as_str(), to));
            }
        }
    }
}

/// The template's text, with a final newline.
pub(super) fn template(
    description: &str,
    params: &Map<String, Value>,
    resources: &[(String, Resource<'_>)],
) -> String {
    // The flows' content is nearly all of a large template: size the buffer for it once.
    let content: usize = resources
        .iter()
        .map(|(_, r)| match r {
            Resource::Flow(f) => f.content.len() + 512,
            Resource::Value(_) => 1024,
            Resource::Text(t) => t.len(),
        })
        .sum();
    let mut out = String::with_capacity(content + 4096);
    out.push_str("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Description\": ");
    string(&mut out, description);
    out.push_str(",\n  \"Parameters\": ");
    object(&mut out, params, 1);
    out.push_str(",\n  \"Resources\": ");
    if resources.is_empty() {
        out.push_str("{}");
    } else {
        out.push('{');
        for (i, (id, r)) in resources.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            indent(&mut out, 2);
            string(&mut out, id);
            out.push_str(": ");
            match r {
                Resource::Value(v) => value(&mut out, v, 2),
                Resource::Text(t) => out.push_str(t),
                Resource::Flow(f) => flow(&mut out, f),
            }
        }
        out.push_str("\n  }");
    }
    out.push_str("\n}\n");
    out
}

/// A flow resource at the indentation of a resource.
fn flow(out: &mut String, f: &FlowResource<'_>) {
    out.push_str("{\n      \"Type\": ");
    string(out, f.ty);
    out.push_str(",\n      \"Properties\": {\n        \"InstanceArn\": {\n          \"Ref\": ");
    string(out, super::INSTANCE);
    out.push_str("\n        },\n        \"Name\": ");
    string(out, &f.name);
    if let Some(t) = f.flow_type {
        out.push_str(",\n        \"Type\": ");
        string(out, t);
    }
    if let Some(d) = &f.description {
        out.push_str(",\n        \"Description\": ");
        string(out, d);
    }
    out.push_str(",\n        \"Content\": ");
    if f.content.sub {
        out.push_str("{\n          \"Fn::Sub\": \"");
        f.content.write(out);
        out.push_str("\"\n        }");
    } else {
        out.push('"');
        f.content.write(out);
        out.push('"');
    }
    out.push_str("\n      }\n    }");
}

/// Writes JSON a token at a time, laid out as `to_string_pretty` lays out the same value
/// nested `level` deep: the small resources are written this way rather than built as values,
/// written and freed.
pub(super) struct Pretty {
    out: String,
    level: usize,
    /// Per object or array open: whether it has an item yet.
    open: Vec<bool>,
    /// A key was written: the value follows it on its line.
    after_key: bool,
}

impl Pretty {
    pub fn new(level: usize) -> Self {
        Self {
            out: String::with_capacity(512),
            level,
            open: Vec::new(),
            after_key: false,
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// What goes before a value: nothing after a key, else the separator and indentation of
    /// a new item.
    fn item(&mut self) {
        if std::mem::take(&mut self.after_key) {
            return;
        }
        if let Some(has) = self.open.last_mut() {
            self.out.push_str(if *has { ",\n" } else { "\n" });
            *has = true;
            indent(&mut self.out, self.level + self.open.len());
        }
    }

    /// Opens an object (`{`) or an array (`[`).
    pub fn open(&mut self, bracket: char) -> &mut Self {
        self.item();
        self.out.push(bracket);
        self.open.push(false);
        self
    }

    /// Closes the object (`}`) or array (`]`) open last.
    pub fn close(&mut self, bracket: char) -> &mut Self {
        if self.open.pop() == Some(true) {
            self.out.push('\n');
            indent(&mut self.out, self.level + self.open.len());
        }
        self.out.push(bracket);
        self
    }

    /// A key of the object open last; its value comes next.
    pub fn key(&mut self, k: &str) -> &mut Self {
        self.item();
        string(&mut self.out, k);
        self.out.push_str(": ");
        self.after_key = true;
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.item();
        string(&mut self.out, s);
        self
    }

    /// A number or a boolean.
    pub fn raw(&mut self, v: impl std::fmt::Display) -> &mut Self {
        use std::fmt::Write as _;
        self.item();
        let _ = write!(self.out, "{v}");
        self
    }

    /// JSON text already laid out for this place (its lines indented for this depth).
    pub fn json(&mut self, text: &str) -> &mut Self {
        self.item();
        self.out.push_str(text);
        self
    }

    /// Room for `n` more bytes.
    pub fn reserve(&mut self, n: usize) {
        self.out.reserve(n);
    }

    /// `{"key": "value"}`.
    pub fn pair(&mut self, key: &str, v: &str) -> &mut Self {
        self.open('{').key(key).str(v).close('}')
    }
}

/// `v` as `to_string_pretty` writes it when it is nested `level` deep.
fn value(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Object(m) => object(out, m, level),
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, level + 1);
                value(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Value::String(s) => string(out, s),
        // Numbers, booleans, null and `[]` have one form.
        other => out.push_str(&other.to_string()),
    }
}

fn object(out: &mut String, m: &Map<String, Value>, level: usize) {
    if m.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in m.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        indent(out, level + 1);
        string(out, k);
        out.push_str(": ");
        value(out, v, level + 1);
    }
    out.push('\n');
    indent(out, level);
    out.push('}');
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// `s` as a JSON string literal, quotes included.
pub(super) fn string(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s);
    out.push('"');
}

/// The body of the JSON string literal of `s` (no quotes), escaped as serde_json escapes it:
/// `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`, everything
/// else as it is.
pub(super) fn escape_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(n) = bytes[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
    {
        i += n;
        let b = bytes[i];
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        // Only ASCII bytes are escaped, so `i` is a character boundary.
        out.push_str(&s[start..i]);
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The writer gives what `to_string_pretty` gives for the same template as a value.
    #[test]
    fn writes_what_serde_json_writes() {
        let text = "{\"a\":\"x \\\"q\\\" \\\\ ${!y}\",\"n\":[1,2.5,-3e-7,true,null,{},[]]}\u{1}\u{7f}\n\t日本";
        let props = json!({"InstanceArn": {"Ref": super::super::INSTANCE}, "Name": "N \"n\"", "Type": "CONTACT_FLOW", "Description": "d\n"});
        let Value::Object(props) = props else {
            unreachable!()
        };
        let flow = |ty, flow_type, description: Option<&str>, content| {
            Resource::Flow(FlowResource {
                ty,
                name: "N \"n\"".to_owned(),
                flow_type,
                description: description.map(str::to_owned),
                content,
            })
        };
        let mut escaped = String::new();
        escape_into(&mut escaped, text);
        let params =
            json!({"P": {"Type": "String", "Empty": {}, "List": [], "Deep": [[1], {"k": [{}]}]}});
        let Value::Object(params) = params else {
            unreachable!()
        };
        let mut c = Pretty::new(2);
        c.open('{').key("c").raw(1).close('}');
        let c_text = c.finish();
        let resources = vec![
            (
                "Role".to_owned(),
                Resource::Value(
                    json!({"Type": "R", "Properties": {"A": [1, {"b": "\u{8}\u{c}"}], "B": 0.4}}),
                ),
            ),
            (
                "AFlow".to_owned(),
                flow(
                    "AWS::Connect::ContactFlow",
                    Some("CONTACT_FLOW"),
                    Some("d\n"),
                    Content {
                        sub: true,
                        body: Body::Escaped(escaped),
                        fixes: Vec::new(),
                    },
                ),
            ),
            (
                "BFlow".to_owned(),
                flow(
                    "AWS::Connect::ContactFlowModule",
                    None,
                    None,
                    Content {
                        sub: false,
                        body: Body::Raw(text),
                        fixes: Vec::new(),
                    },
                ),
            ),
            ("CText".to_owned(), Resource::Text(c_text)),
        ];
        let mut a = props.clone();
        a.insert("Content".into(), json!({"Fn::Sub": text}));
        let mut b = props;
        b.remove("Type");
        b.remove("Description");
        b.insert("Content".into(), json!(text));
        let expected = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "d \"q\"",
            "Parameters": params,
            "Resources": {
                "Role": {"Type": "R", "Properties": {"A": [1, {"b": "\u{8}\u{c}"}], "B": 0.4}},
                "AFlow": {"Type": "AWS::Connect::ContactFlow", "Properties": a},
                "BFlow": {"Type": "AWS::Connect::ContactFlowModule", "Properties": b},
                "CText": {"c": 1},
            },
        });
        let mut want = serde_json::to_string_pretty(&expected).expect("serializes");
        want.push('\n');
        assert_eq!(template("d \"q\"", &params, &resources), want);
        let empty = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "",
            "Parameters": {},
            "Resources": {},
        });
        let mut want = serde_json::to_string_pretty(&empty).expect("serializes");
        want.push('\n');
        assert_eq!(template("", &Map::new(), &[]), want);
    }

    /// `Pretty` gives what `to_string_pretty` gives for the same value, at any depth.
    #[test]
    fn pretty_writes_what_serde_json_writes() {
        let mut p = Pretty::new(0);
        p.open('{').key("Type").str("T \"q\"");
        p.key("Properties").open('{');
        p.key("Ref").pair("Ref", "I\n");
        p.key("Empty").open('{').close('}');
        p.key("None").open('[').close(']');
        p.key("List").open('[');
        p.open('{')
            .key("Hours")
            .raw(9)
            .key("On")
            .raw(true)
            .close('}');
        p.str("s").raw(-1);
        p.open('[').open('[').close(']').close(']');
        p.close(']');
        p.key("Value").open('{').key("e").json("0.5").close('}');
        p.close('}').close('}');
        let want = json!({
            "Type": "T \"q\"",
            "Properties": {
                "Ref": {"Ref": "I\n"},
                "Empty": {},
                "None": [],
                "List": [{"Hours": 9, "On": true}, "s", -1, [[]]],
                "Value": {"e": 0.5},
            },
        });
        let want = serde_json::to_string_pretty(&want).expect("serializes");
        assert_eq!(p.finish(), want);
        // Nested deeper (as a resource is in a template), the lines are indented further.
        let mut p = Pretty::new(2);
        p.open('{').key("A").open('[').raw(1).close(']').close('}');
        assert_eq!(p.finish(), "{\n      \"A\": [\n        1\n      ]\n    }");
    }

    #[test]
    fn escapes_every_control_character_as_serde_json_does() {
        let all: String = (0u8..0x80).map(char::from).chain(['é', '日']).collect();
        let mut out = String::new();
        string(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).expect("serializes"));
    }
}
