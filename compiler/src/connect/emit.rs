//! Emit: [`Flow`] → flow-language JSON text.
//!
//! The output is deterministic: keys in the order of exports (`Version`, `StartAction`,
//! `Metadata`, `Actions`, `Settings`; in actions `Identifier`, `Type`, `Parameters`,
//! `Transitions`), unknown keys after the known ones in their original order, two-space
//! indentation like console exports, and a final newline.

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

use indexmap::IndexMap;
use serde_json::Value;

use super::action::{Action, Parameters};
use super::flow::{Flow, Layout, Metadata, Position};
use super::scalar::Scalar;
use super::transitions::{Condition, ErrorBranch, Operand, Transitions};

/// Bytes reserved per action before writing: a built flow takes about 800 (its `Metadata`
/// position included), so most flows are written without growing the buffer.
const BYTES_PER_ACTION: usize = 1024;

/// Writes a flow as pretty JSON: the bytes `serde_json::to_vec_pretty` gives for the flow's
/// `Serialize` (a test compares them), plus a final newline. For an imported flow the result
/// equals the imported text as a JSON value.
///
/// The flow, its actions, transitions and layout are written here by hand into one buffer
/// sized for the flow: keys as literal bytes, strings copied in one piece unless they need an
/// escape (serde_json looks up every byte of every string in its escape table). The parts
/// with many shapes (an action's `Parameters`, unknown keys, `Settings`, imported metadata)
/// go through `serde_json` with the same formatter, at the current indentation.
#[must_use]
pub fn emit_flow(flow: &Flow) -> String {
    let capacity = 512 + BYTES_PER_ACTION * flow.actions.len();
    let mut w = Writer {
        out: Vec::with_capacity(capacity),
        level: 0,
    };
    // Writing into memory cannot fail, and serializing cannot either: all keys are strings
    // and numbers are finite.
    if w.flow(flow).is_err() {
        return String::new();
    }
    w.out.push(b'\n');
    w.out.shrink_to_fit();
    // Everything written is UTF-8.
    String::from_utf8(w.out).unwrap_or_default()
}

/// The pretty JSON writer of [`emit_flow`]: `serde_json`'s pretty layout (two-space indents,
/// `": "` after keys, empty containers as `{}` and `[]`).
pub(crate) struct Writer {
    out: Vec<u8>,
    /// The indentation level of the container being written.
    level: usize,
}

impl Writer {
    /// A line break and the current indentation.
    fn line(&mut self) {
        match BREAK.get(..1 + 2 * self.level) {
            Some(piece) => self.out.extend_from_slice(piece),
            None => {
                self.out.push(b'\n');
                for _ in 0..self.level {
                    self.out.extend_from_slice(b"  ");
                }
            }
        }
    }

    pub(crate) fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
    }

    /// Closes a container; `any`: it has an entry.
    pub(crate) fn close(&mut self, bracket: u8, any: bool) {
        self.level -= 1;
        if any {
            self.line();
        }
        self.out.push(bracket);
    }

    /// Starts an entry of an array or object; `any` says whether one came before, and is set.
    pub(crate) fn item(&mut self, any: &mut bool) {
        if *any {
            self.out.push(b',');
        }
        *any = true;
        self.line();
    }

    /// Starts the entry `key` of an object (`key` needs no escape).
    pub(crate) fn key(&mut self, any: &mut bool, key: &[u8]) {
        self.item(any);
        self.out.push(b'"');
        self.out.extend_from_slice(key);
        self.out.extend_from_slice(b"\": ");
    }

    /// Starts the entry `key` of an object, `key` escaped as needed.
    pub(crate) fn any_key(&mut self, any: &mut bool, key: &str) -> io::Result<()> {
        self.item(any);
        self.string(key)?;
        self.out.extend_from_slice(b": ");
        Ok(())
    }

    /// A string, escaped as `serde_json` escapes (control characters, `"` and `\\`).
    pub(crate) fn string(&mut self, s: &str) -> io::Result<()> {
        if !needs_escape(s.as_bytes()) {
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
            Ok(())
        } else {
            serde_json::to_writer(&mut self.out, s).map_err(io::Error::from)
        }
    }

    /// Any value, through `serde_json` at the current indentation.
    pub(crate) fn value<T: Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        let pretty = Pretty {
            level: self.level,
            has_value: false,
        };
        v.serialize(&mut serde_json::Serializer::with_formatter(
            &mut self.out,
            pretty,
        ))
        .map_err(io::Error::from)
    }

    /// The unknown keys of an object, as written.
    pub(crate) fn extra(&mut self, any: &mut bool, extra: &super::Extra) -> io::Result<()> {
        for (k, v) in extra {
            self.any_key(any, k)?;
            self.value(v)?;
        }
        Ok(())
    }

    /// Keys in the order of `Flow`'s `Serialize`.
    fn flow(&mut self, flow: &Flow) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        self.key(&mut any, b"Version");
        self.string(&flow.version)?;
        self.key(&mut any, b"StartAction");
        self.string(&flow.start_action)?;
        if let Some(m) = &flow.metadata {
            self.key(&mut any, b"Metadata");
            self.metadata(m, &flow.actions)?;
        }
        self.key(&mut any, b"Actions");
        self.open(b'[');
        let mut item = false;
        for a in &flow.actions {
            self.item(&mut item);
            self.action(a)?;
        }
        self.close(b']', item);
        if let Some(st) = &flow.settings {
            self.key(&mut any, b"Settings");
            st.write_json(self)?;
        }
        self.extra(&mut any, &flow.extra)?;
        self.close(b'}', any);
        Ok(())
    }

    /// `Metadata`: the typed layout, then the entries (as `MetadataJson` writes it).
    fn metadata(&mut self, m: &Metadata, actions: &[Action]) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        if let Some(layout) = &m.layout {
            self.key(&mut any, b"entryPointPosition");
            self.position(layout.entry_point)?;
            if !layout.actions.is_empty() {
                self.key(&mut any, b"ActionMetadata");
                self.positions(layout, actions)?;
            }
        }
        for (k, v) in &m.entries {
            self.any_key(&mut any, k)?;
            self.value(v)?;
        }
        self.close(b'}', any);
        Ok(())
    }

    /// `ActionMetadata` of a layout: `{"<id>": {"position": {x, y}}, …}`.
    fn positions(&mut self, layout: &Layout, actions: &[Action]) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        for &(i, p) in &layout.actions {
            let id = actions
                .get(i as usize)
                .map_or("", |a| a.identifier.as_str());
            self.any_key(&mut any, id)?;
            let mut inner = false;
            self.open(b'{');
            self.key(&mut inner, b"position");
            self.position(p)?;
            self.close(b'}', inner);
        }
        self.close(b'}', any);
        Ok(())
    }

    fn position(&mut self, p: Position) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        self.key(&mut any, b"x");
        self.number(p.x)?;
        self.key(&mut any, b"y");
        self.number(p.y)?;
        self.close(b'}', any);
        Ok(())
    }

    /// A coordinate: whole numbers as integers, as the console writes them.
    fn number(&mut self, f: f64) -> io::Result<()> {
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            self.integer(f as i64);
            Ok(())
        } else if f.is_finite() {
            self.value(&f)
        } else {
            self.out.extend_from_slice(b"null");
            Ok(())
        }
    }

    /// An integer in decimal, as `serde_json` writes it (without the formatting machinery:
    /// a built flow has two coordinates per action).
    fn integer(&mut self, n: i64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.out.push(b'-');
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// Keys in the order of `Action`'s `Serialize`.
    fn action(&mut self, a: &Action) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        self.key(&mut any, b"Identifier");
        self.string(&a.identifier)?;
        self.key(&mut any, b"Type");
        self.string(a.type_name())?;
        if !(a.omit_empty_parameters && a.kind.parameters_empty()) {
            self.key(&mut any, b"Parameters");
            Parameters(&a.kind).write_json(self)?;
        }
        self.key(&mut any, b"Transitions");
        self.transitions(&a.transitions)?;
        self.extra(&mut any, &a.extra)?;
        self.close(b'}', any);
        Ok(())
    }

    fn transitions(&mut self, t: &Transitions) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        if let Some(n) = &t.next_action {
            self.key(&mut any, b"NextAction");
            self.string(n)?;
        }
        if !t.errors.is_empty() || t.write_empty_errors {
            self.key(&mut any, b"Errors");
            self.open(b'[');
            let mut item = false;
            for e in &t.errors {
                self.item(&mut item);
                self.error_branch(e)?;
            }
            self.close(b']', item);
        }
        if !t.conditions.is_empty() || t.write_empty_conditions {
            self.key(&mut any, b"Conditions");
            self.open(b'[');
            let mut item = false;
            for c in &t.conditions {
                self.item(&mut item);
                self.condition(c)?;
            }
            self.close(b']', item);
        }
        self.extra(&mut any, &t.extra)?;
        self.close(b'}', any);
        Ok(())
    }

    fn error_branch(&mut self, e: &ErrorBranch) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        self.key(&mut any, b"NextAction");
        self.string(&e.next_action)?;
        self.key(&mut any, b"ErrorType");
        self.string(e.error_type.name())?;
        self.extra(&mut any, &e.extra)?;
        self.close(b'}', any);
        Ok(())
    }

    fn condition(&mut self, c: &Condition) -> io::Result<()> {
        let mut any = false;
        self.open(b'{');
        self.key(&mut any, b"NextAction");
        self.string(&c.next_action)?;
        self.key(&mut any, b"Condition");
        let mut inner = false;
        self.open(b'{');
        self.key(&mut inner, b"Operator");
        self.string(c.operator.name())?;
        self.key(&mut inner, b"Operands");
        self.open(b'[');
        let mut item = false;
        for o in &c.operands {
            self.item(&mut item);
            match o {
                Operand::Text(t) => self.string(t)?,
                Operand::Other(v) => self.value(v)?,
            }
        }
        self.close(b']', item);
        self.extra(&mut inner, &c.condition_extra)?;
        self.close(b'}', inner);
        self.extra(&mut any, &c.extra)?;
        self.close(b'}', any);
        Ok(())
    }
}

/// Whether a string has a byte `serde_json` escapes: a control character, `"` or `\\`. Tested
/// 16 bytes at a time without stopping at each byte, which the compiler turns into vector
/// compares (most strings have nothing to escape).
fn needs_escape(bytes: &[u8]) -> bool {
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let mut chunks = bytes.chunks_exact(16);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &b| any | escaped(b)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| escaped(b))
}

/// A value [`Writer`] writes by hand: the same bytes as its `Serialize` through `serde_json`.
/// `json_struct!` implements it for the parameter structs.
pub(crate) trait WriteJson {
    fn write_json(&self, w: &mut Writer) -> io::Result<()>;
}

impl WriteJson for Scalar {
    fn write_json(&self, w: &mut Writer) -> io::Result<()> {
        match self {
            Scalar::String(s) => w.string(s),
            Scalar::Bool(b) => {
                w.out.extend_from_slice(if *b { b"true" } else { b"false" });
                Ok(())
            }
            Scalar::Number(_) => w.value(self),
        }
    }
}

impl WriteJson for Value {
    fn write_json(&self, w: &mut Writer) -> io::Result<()> {
        w.value(self)
    }
}

impl<T: WriteJson> WriteJson for Box<T> {
    fn write_json(&self, w: &mut Writer) -> io::Result<()> {
        (**self).write_json(w)
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) -> io::Result<()> {
        let mut any = false;
        w.open(b'[');
        for v in self {
            w.item(&mut any);
            v.write_json(w)?;
        }
        w.close(b']', any);
        Ok(())
    }
}

impl<T: WriteJson> WriteJson for IndexMap<String, T> {
    fn write_json(&self, w: &mut Writer) -> io::Result<()> {
        let mut any = false;
        w.open(b'{');
        for (k, v) in self {
            w.any_key(&mut any, k)?;
            v.write_json(w)?;
        }
        w.close(b'}', any);
        Ok(())
    }
}

/// A line break followed by the indentation of up to 32 levels.
const BREAK: &[u8; 65] = b"\n                                                                ";

/// `serde_json`'s `PrettyFormatter` with two-space indentation (the same bytes), writing each
/// line break with its indentation in one piece instead of one write per level: a large
/// project's flows have millions of lines, most of them five or more levels deep.
#[derive(Debug, Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn line<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        match BREAK.get(..1 + 2 * self.level) {
            Some(piece) => w.write_all(piece),
            None => {
                w.write_all(b"\n")?;
                for _ in 0..self.level {
                    w.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.line(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connect::{Layout, import_flow};
    use crate::span::FileId;

    /// What `emit_flow` must write: the model's `Serialize` through `serde_json`'s pretty writer.
    fn serde_pretty(flow: &Flow) -> String {
        serde_json::to_string_pretty(flow).expect("serialize") + "\n"
    }

    #[test]
    fn the_hand_writer_writes_what_serialize_writes() {
        // Escapes in every kind of string, numbers and booleans as scalars, unknown keys at
        // every level, an unknown action type, empty lists written, module settings, metadata.
        let text = r#"{
  "Version": "2019-10-30",
  "StartAction": "a\"1",
  "Metadata": {"entryPointPosition": {"x": 1.5, "y": -2}, "name": "tab\there", "odd": [1, {"k": null}]},
  "Actions": [
    {"Identifier": "a\"1", "Type": "MessageParticipant",
     "Parameters": {"Text": "line\nbreak \\ 点 \u0001", "Extra\u0002": {"deep": [true, 3.25]}},
     "Transitions": {"NextAction": "b", "Errors": [{"NextAction": "b", "ErrorType": "NoMatchingError", "x": 1}],
                     "Conditions": [], "Other": "o"}, "Note": "kept"},
    {"Identifier": "b", "Type": "GetParticipantInput",
     "Parameters": {"Text": "Press 1", "StoreInput": "False", "InputTimeLimitSeconds": 5,
                    "DTMFConfiguration": {"DisableCancelKey": false}},
     "Transitions": {"NextAction": "c",
       "Conditions": [{"NextAction": "c", "Condition": {"Operator": "Equals", "Operands": ["1", 2], "More": {}}, "Side": []}],
       "Errors": []}},
    {"Identifier": "c", "Type": "SomethingNew", "Parameters": {"Any": {"thing": ["at", "all\\"]}}, "Transitions": {}},
    {"Identifier": "d", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}
  ],
  "Settings": {"InputParameters": [], "OutputParameters": [{"Name": "x"}],
               "Transitions": [{"DisplayName": "Success", "ReferenceName": "Success", "Description": ""}]},
  "Top\"Level": {"a": []}
}"#;
        let (flow, diags) = import_flow(FileId(0), text);
        let flow = flow.unwrap_or_else(|| panic!("{diags:#?}"));
        assert_eq!(emit_flow(&flow), serde_pretty(&flow));

        // A compiler layout (positions by action index), fractional and whole coordinates.
        let mut laid_out = flow.clone();
        let metadata = laid_out.metadata.get_or_insert_with(Default::default);
        metadata.entries.shift_remove("entryPointPosition");
        metadata.layout = Some(Layout {
            entry_point: Position { x: 0.0, y: 40.0 },
            actions: vec![
                (0, Position { x: 240.5, y: 0.0 }),
                (1, Position { x: -3.0, y: 1e3 }),
                (
                    2,
                    Position {
                        x: -8.9e15,
                        y: 1234567890123.0,
                    },
                ),
                (3, Position { x: -0.0, y: 9.5e15 }),
                (9, Position { x: 1.0, y: 2.0 }),
            ],
        });
        assert_eq!(emit_flow(&laid_out), serde_pretty(&laid_out));

        // Nothing but the required keys.
        let bare = Flow::new("start");
        assert_eq!(emit_flow(&bare), serde_pretty(&bare));
    }

    #[test]
    fn needs_escape_finds_every_escaped_byte_at_every_position() {
        for len in [0, 1, 15, 16, 17, 40] {
            let plain = "é".repeat(len / 2) + &"a".repeat(len % 2);
            assert!(!needs_escape(plain.as_bytes()), "{plain:?}");
            for b in (0u8..0x20).chain([b'"', b'\\']) {
                for at in 0..plain.len() {
                    let mut bytes = plain.as_bytes().to_vec();
                    bytes[at] = b;
                    assert!(needs_escape(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn the_formatter_writes_what_serde_json_pretty_writes() {
        // Nesting deeper than the indentation piece, empty containers, escapes, numbers.
        let mut deep = serde_json::json!({"leaf": [1, 2.5, null, true, "x\"\n\u{1}", "点"]});
        for i in 0..40 {
            deep = serde_json::json!({ format!("k{i}"): [deep, {}, [], {"a": []}] });
        }
        for value in [
            deep,
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!(7),
        ] {
            let mut ours = Vec::new();
            value
                .serialize(&mut serde_json::Serializer::with_formatter(
                    &mut ours,
                    Pretty::default(),
                ))
                .expect("serialize");
            let theirs = serde_json::to_vec_pretty(&value).expect("serialize");
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
    }
}
