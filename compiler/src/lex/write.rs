//! Writing the model as JSON in either spelling: as values (CloudFormation, comparisons) or
//! straight as the text of an export file.
//!
//! An [`Out`] writes one object: the typed fields first (only those that are set), then the
//! entries of the `extra` map that are not already written. When the extra map was read in the
//! other spelling it is translated (see [`super::style`]).
//!
//! As a value, the fields are gathered in a list and become a [`Map`] once, at its final size
//! (objects here have a few to a few dozen keys: looking a key up in the list is cheaper than
//! hashing it into a growing map). As text ([`write_text`]), each field is written where it
//! goes, in the bytes `serde_json`'s pretty printer gives the value, with the nulls of
//! [`super::console_json`] when asked; a bot's tree is thousands of small objects, and this
//! skips building and dropping them (the tests hold both ways equal). A bot's CloudFormation
//! `Properties` are written as text the same way ([`write_fields_text`]), each top-level
//! field on its own so that the template can order them.

use std::ops::Range;

use serde_json::{Map, Value};

use super::Extra;
use super::console_json::{self, Depth, KeyDefault};
use super::scalar::{Scalar, ScalarKind};
use super::style::{Key, KeyStyle, convert_object};

/// Where a bot is being written to, and how its extra maps are spelled.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Writer {
    /// The format being written.
    pub to: KeyStyle,
    /// The spelling of the bot's extra maps ([`super::Bot::key_style`]).
    pub from: KeyStyle,
}

/// A part of the model that is written as one JSON object.
pub(crate) trait WriteJson {
    /// Writes the object's fields into `out`, ending with [`Out::finish`].
    fn write_fields(&self, out: &mut Out<'_>);

    /// The object as a JSON value.
    fn write_json(&self, w: Writer) -> Value {
        let mut out = Out {
            w,
            sink: Sink::Value(Vec::new()),
        };
        self.write_fields(&mut out);
        match out.sink {
            Sink::Value(fields) => Value::Object(fields.into_iter().collect()),
            Sink::Text(_) | Sink::Fields { .. } => Value::Null,
        }
    }
}

/// The object as the text of an export file (four-space indent). With `defaults` (see
/// [`console_json::file_defaults`]), the keys it lacks and the nested nulls are written too.
pub(crate) fn write_text<X: WriteJson>(
    x: &X,
    w: Writer,
    defaults: Option<&'static [KeyDefault]>,
) -> Vec<u8> {
    let mut buf = Vec::with_capacity(1024);
    let mut out = Out::text(
        w,
        &mut buf,
        Depth::EXPORT,
        defaults.unwrap_or(&[]),
        defaults.is_some(),
    );
    x.write_fields(&mut out);
    drop(out);
    buf
}

/// A top-level object written as text one field at a time ([`write_fields_text`]): each
/// field's value laid out at its place in the file, so that the caller can put the fields in
/// an order of its own.
#[derive(Debug, Default)]
pub(crate) struct FieldsText {
    /// The values' text, one after the other.
    pub text: String,
    /// The fields in order, each key once: the key and where its value is in `text`.
    pub fields: Vec<(String, Range<usize>)>,
}

impl FieldsText {
    /// The text of the value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| self.text.get(r.clone()).unwrap_or_default())
    }

    /// Every field, in order, as `(key, value text)`.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields
            .iter()
            .map(|(k, r)| (k.as_str(), self.text.get(r.clone()).unwrap_or_default()))
    }
}

/// The fields of `x` written as text, the values at `depth` (plain JSON: no nulls added). The
/// same fields, values and order as [`WriteJson::write_json`] gives, and each value's text is
/// what `serde_json`'s pretty printer writes for it there.
pub(crate) fn write_fields_text<X: WriteJson>(x: &X, w: Writer, depth: Depth) -> FieldsText {
    let mut buf = Vec::with_capacity(4096);
    let mut fields = Vec::new();
    let mut out = Out {
        w,
        sink: Sink::Fields {
            buf: &mut buf,
            depth,
            fields: &mut fields,
        },
    };
    x.write_fields(&mut out);
    // Every byte written comes from a `&str` or from serde_json's writer: valid UTF-8.
    let text = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    FieldsText { text, fields }
}

/// One JSON object being written.
pub(crate) struct Out<'a> {
    w: Writer,
    sink: Sink<'a>,
}

enum Sink<'a> {
    /// The fields so far, in order, each key once.
    Value(Vec<(String, Value)>),
    Text(Text<'a>),
    /// The fields of a top-level object, each value's text in `buf` (see [`FieldsText`]).
    Fields {
        buf: &'a mut Vec<u8>,
        /// The depth of the values.
        depth: Depth,
        fields: &'a mut Vec<(String, Range<usize>)>,
    },
}

/// Records that the value of `key` in a [`Sink::Fields`] is the text at `at`. A key written
/// again keeps its place and takes the new text, as `Map::insert` does.
fn set_field(fields: &mut Vec<(String, Range<usize>)>, key: &str, at: Range<usize>) {
    match fields.iter_mut().find(|(f, _)| f == key) {
        Some((_, r)) => *r = at,
        None => fields.push((key.to_owned(), at)),
    }
}

/// Writes the list `v` as text at `depth`, its objects with `defaults` (see [`Out::text`]).
fn list_text<X: WriteJson>(
    w: Writer,
    buf: &mut Vec<u8>,
    depth: Depth,
    defaults: &'static [KeyDefault],
    fill: bool,
    v: &[X],
) {
    buf.push(b'[');
    let mut empty = true;
    for x in v {
        console_json::element(buf, depth.next(), &mut empty);
        let mut child = Out::text(w, buf, depth.next(), defaults, fill);
        x.write_fields(&mut child);
    }
    console_json::close(buf, depth, empty, b']');
}

/// An object being written as text; its `{` is written.
struct Text<'a> {
    buf: &'a mut Vec<u8>,
    /// The depth of the object's brackets.
    depth: Depth,
    /// No field written yet.
    empty: bool,
    /// The typed keys written.
    written: Vec<&'static str>,
    /// The keys written last when missing, and which of them are written (a bit each: a
    /// file has at most a dozen).
    defaults: &'static [KeyDefault],
    present: u64,
    /// Whether nested objects get their nulls.
    fill: bool,
}

impl Text<'_> {
    /// The key of the next typed field. Each typed key is written once per object (a second
    /// write would have replaced the first in place in a value).
    fn typed_key(&mut self, key: &'static str) {
        debug_assert!(!self.written.contains(&key), "`{key}` written twice");
        self.written.push(key);
        self.key(key);
    }

    /// The separator, indent and key of the next field.
    fn key(&mut self, key: &str) {
        console_json::entry(self.buf, self.depth.next(), &mut self.empty, key);
        if let Some(i) = self.defaults.iter().position(|(d, _)| *d == key) {
            self.present |= 1 << i;
        }
    }

    /// A field holding `v`.
    fn field(&mut self, key: &str, v: &Value) {
        self.key(key);
        console_json::child(self.buf, key, v, self.depth.next(), self.fill);
    }
}

impl<'a> Out<'a> {
    fn text(
        w: Writer,
        buf: &'a mut Vec<u8>,
        depth: Depth,
        defaults: &'static [KeyDefault],
        fill: bool,
    ) -> Self {
        buf.push(b'{');
        Out {
            w,
            sink: Sink::Text(Text {
                buf,
                depth,
                empty: true,
                written: Vec::new(),
                defaults,
                present: 0,
                fill,
            }),
        }
    }

    /// Writes `v` under the key's spelling in the target format (nothing when it has none).
    pub(crate) fn put(&mut self, key: Key, v: Value) {
        let k = self.w.to.pick(key);
        if k.is_empty() {
            return;
        }
        match &mut self.sink {
            Sink::Value(fields) => match fields.iter_mut().find(|(f, _)| f == k) {
                // In its place, as `Map::insert` does.
                Some((_, old)) => *old = v,
                None => fields.push((k.to_owned(), v)),
            },
            Sink::Text(t) => {
                t.typed_key(k);
                console_json::child(t.buf, k, &v, t.depth.next(), t.fill);
            }
            Sink::Fields { buf, depth, fields } => {
                let start = buf.len();
                console_json::child(buf, k, &v, *depth, false);
                set_field(fields, k, start..buf.len());
            }
        }
    }

    /// A single value.
    pub(crate) fn scalar<T: ScalarKind>(&mut self, key: Key, v: &Scalar<T>) {
        self.put(key, v.to_json());
    }

    /// An optional single value (nothing when `None`).
    pub(crate) fn opt<T: ScalarKind>(&mut self, key: Key, v: Option<&Scalar<T>>) {
        if let Some(v) = v {
            self.scalar(key, v);
        }
    }

    /// An optional plain string (nothing when `None`).
    pub(crate) fn opt_string(&mut self, key: Key, v: Option<&String>) {
        if let Some(v) = v {
            self.put(key, Value::String(v.clone()));
        }
    }

    /// An optional value held in the bot's extra spelling (translated when needed).
    pub(crate) fn opt_value(&mut self, key: Key, v: Option<&Value>) {
        if let Some(v) = v {
            let v = match v {
                Value::Object(m) => Value::Object(convert_object(m, self.w.from, self.w.to)),
                other => other.clone(),
            };
            self.put(key, v);
        }
    }

    /// A required object.
    pub(crate) fn obj<X: WriteJson>(&mut self, key: Key, v: &X) {
        let w = self.w;
        match &mut self.sink {
            Sink::Value(_) => {
                let j = v.write_json(w);
                self.put(key, j);
            }
            Sink::Text(t) => {
                let k = w.to.pick(key);
                if k.is_empty() {
                    return;
                }
                t.typed_key(k);
                let defaults = if t.fill {
                    console_json::object_defaults(k)
                } else {
                    &[]
                };
                let mut child = Out::text(w, t.buf, t.depth.next(), defaults, t.fill);
                v.write_fields(&mut child);
            }
            Sink::Fields { buf, depth, fields } => {
                let k = w.to.pick(key);
                if k.is_empty() {
                    return;
                }
                let start = buf.len();
                let mut child = Out::text(w, buf, *depth, &[], false);
                v.write_fields(&mut child);
                set_field(fields, k, start..buf.len());
            }
        }
    }

    /// An optional object (nothing when `None`).
    pub(crate) fn opt_obj<X: WriteJson>(&mut self, key: Key, v: Option<&X>) {
        if let Some(v) = v {
            self.obj(key, v);
        }
    }

    /// A required list of objects.
    pub(crate) fn list<X: WriteJson>(&mut self, key: Key, v: &[X]) {
        let w = self.w;
        match &mut self.sink {
            Sink::Value(_) => {
                let items = v.iter().map(|x| x.write_json(w)).collect();
                self.put(key, Value::Array(items));
            }
            Sink::Text(t) => {
                let k = w.to.pick(key);
                if k.is_empty() {
                    return;
                }
                t.typed_key(k);
                let defaults = if t.fill {
                    console_json::item_defaults(k)
                } else {
                    &[]
                };
                list_text(w, t.buf, t.depth.next(), defaults, t.fill, v);
            }
            Sink::Fields { buf, depth, fields } => {
                let k = w.to.pick(key);
                if k.is_empty() {
                    return;
                }
                let start = buf.len();
                list_text(w, buf, *depth, &[], false, v);
                set_field(fields, k, start..buf.len());
            }
        }
    }

    /// An optional list of objects (nothing when `None`).
    pub(crate) fn opt_list<X: WriteJson>(&mut self, key: Key, v: Option<&Vec<X>>) {
        if let Some(v) = v {
            self.list(key, v);
        }
    }

    /// Ends the object: typed fields, then the extra entries not written yet. `cross_drop`
    /// lists extra keys (in the extra spelling) that have no place in the other format.
    pub(crate) fn finish(&mut self, extra: &Extra, cross_drop: &[&str]) {
        let w = self.w;
        if w.from == w.to {
            self.extras(extra);
        } else if !extra.is_empty() {
            let mut rest = Map::new();
            for (k, v) in extra {
                if !cross_drop.contains(&k.as_str()) {
                    rest.insert(k.clone(), v.clone());
                }
            }
            self.extras(&convert_object(&rest, w.from, w.to));
        } else {
            self.extras(std::iter::empty());
        }
    }

    /// Writes the extra `entries` (in the target spelling) whose keys are not written yet, then
    /// closes the object.
    fn extras<'e>(&mut self, entries: impl IntoIterator<Item = (&'e String, &'e Value)>) {
        match &mut self.sink {
            Sink::Value(fields) => {
                // Extra keys are unique: only the typed fields can hold one already.
                let typed = fields.len();
                for (k, v) in entries {
                    if !fields[..typed].iter().any(|(f, _)| f == k) {
                        fields.push((k.clone(), v.clone()));
                    }
                }
            }
            Sink::Text(t) => {
                for (k, v) in entries {
                    if !t.written.contains(&k.as_str()) {
                        t.field(k, v);
                    }
                }
                for (i, (k, v)) in t.defaults.iter().enumerate() {
                    if t.present & (1 << i) == 0 {
                        console_json::entry(t.buf, t.depth.next(), &mut t.empty, k);
                        console_json::child(t.buf, k, v, t.depth.next(), false);
                    }
                }
                console_json::close(t.buf, t.depth, t.empty, b'}');
            }
            Sink::Fields { buf, depth, fields } => {
                let typed = fields.len();
                for (k, v) in entries {
                    if !fields[..typed].iter().any(|(f, _)| f == k) {
                        let start = buf.len();
                        console_json::child(buf, k, v, *depth, false);
                        fields.push((k.clone(), start..buf.len()));
                    }
                }
            }
        }
    }
}
