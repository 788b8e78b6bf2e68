//! Writing the model as JSON values in either spelling.
//!
//! An [`Out`] builds one object: the typed fields first (only those that are set), then the
//! entries of the `extra` map that are not already written. When the extra map was read in the
//! other spelling it is translated (see [`super::style`]).

use serde_json::{Map, Value};

use super::Extra;
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
    fn write_json(&self, w: Writer) -> Value;
}

/// One JSON object being written.
pub(crate) struct Out {
    w: Writer,
    map: Map<String, Value>,
}

impl Out {
    pub(crate) fn new(w: Writer) -> Self {
        Self { w, map: Map::new() }
    }

    /// Writes `v` under the key's spelling in the target format (nothing when it has none).
    pub(crate) fn put(&mut self, key: Key, v: Value) {
        let k = self.w.to.pick(key);
        if !k.is_empty() {
            self.map.insert(k.to_owned(), v);
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
        let j = v.write_json(self.w);
        self.put(key, j);
    }

    /// An optional object (nothing when `None`).
    pub(crate) fn opt_obj<X: WriteJson>(&mut self, key: Key, v: Option<&X>) {
        if let Some(v) = v {
            self.obj(key, v);
        }
    }

    /// A required list of objects.
    pub(crate) fn list<X: WriteJson>(&mut self, key: Key, v: &[X]) {
        let items = v.iter().map(|x| x.write_json(self.w)).collect();
        self.put(key, Value::Array(items));
    }

    /// An optional list of objects (nothing when `None`).
    pub(crate) fn opt_list<X: WriteJson>(&mut self, key: Key, v: Option<&Vec<X>>) {
        if let Some(v) = v {
            self.list(key, v);
        }
    }

    /// The object: typed fields, then the extra entries not written yet. `cross_drop` lists
    /// extra keys (in the extra spelling) that have no place in the other format.
    pub(crate) fn finish(mut self, extra: &Extra, cross_drop: &[&str]) -> Value {
        if self.w.from == self.w.to {
            for (k, v) in extra {
                if !self.map.contains_key(k) {
                    self.map.insert(k.clone(), v.clone());
                }
            }
        } else {
            let mut rest = Map::new();
            for (k, v) in extra {
                if !cross_drop.contains(&k.as_str()) {
                    rest.insert(k.clone(), v.clone());
                }
            }
            for (k, v) in convert_object(&rest, self.w.from, self.w.to) {
                if !self.map.contains_key(&k) {
                    self.map.insert(k, v);
                }
            }
        }
        Value::Object(self.map)
    }
}
