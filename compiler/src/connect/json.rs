//! Conversion between the IR and `serde_json::Value`, with JSON paths for errors.
//!
//! Every part of the model implements [`FromJson`] (strict about JSON kinds, keeps unknown keys)
//! and [`ToJson`] (writes back exactly what was read). A failed conversion returns a
//! [`ShapeError`] that names the [`JsonPath`] of the offending value, so the importer can point
//! at it in the text (see [`super::locate`]).

use std::fmt;

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A key of an object.
    Key(String),
    /// An index into an array.
    Index(usize),
}

/// A path from the document root to a value, displayed as `Actions[3].Transitions.Errors[0]`.
///
/// Keys that are not plain words (letters, digits, `_`, `-`) are displayed quoted:
/// `Parameters.Attributes["customer name"]`. The root itself displays as `(root)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonPath(Vec<PathSegment>);

impl JsonPath {
    /// The document root.
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by an object key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.push_key(key);
        p
    }

    /// This path extended by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut p = self.clone();
        p.push_index(index);
        p
    }

    /// Appends an object key in place.
    pub fn push_key(&mut self, key: &str) {
        self.0.push(PathSegment::Key(key.to_owned()));
    }

    /// Appends an array index in place.
    pub fn push_index(&mut self, index: usize) {
        self.0.push(PathSegment::Index(index));
    }

    /// Removes the last segment.
    pub fn pop(&mut self) -> Option<PathSegment> {
        self.0.pop()
    }

    /// The path without its last segment (the root stays the root).
    #[must_use]
    pub fn parent(&self) -> Self {
        let mut p = self.clone();
        p.0.pop();
        p
    }

    #[must_use]
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    #[must_use]
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The last segment if it is a key.
    #[must_use]
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(PathSegment::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// Parses the display form back (`Actions[3].Transitions`, `a["b c"]`). Returns `None` for
    /// malformed text. Mainly for tests and tools.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut out = Self::root();
        if text == "(root)" {
            return Some(out);
        }
        let mut rest = text;
        let mut first = true;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('[') {
                let end = if r.starts_with('"') {
                    quoted_end(r)? + 1
                } else {
                    r.find(']')?
                };
                let inner = r.get(..end)?;
                if inner.starts_with('"') {
                    out.push_key(&serde_json::from_str::<String>(inner).ok()?);
                } else {
                    out.push_index(inner.parse().ok()?);
                }
                rest = r.get(end..)?.strip_prefix(']')?;
            } else {
                let r = if first { rest } else { rest.strip_prefix('.')? };
                let end = r.find(['.', '[']).unwrap_or(r.len());
                if end == 0 {
                    return None;
                }
                out.push_key(r.get(..end)?);
                rest = r.get(end..)?;
            }
            first = false;
        }
        Some(out)
    }
}

/// Byte index of the closing quote of a JSON string starting at `s[0] == '"'`.
fn quoted_end(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSegment::Key(k) if is_plain_key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                PathSegment::Key(k) => {
                    let quoted = serde_json::to_string(k).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")?;
                }
                PathSegment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A value did not have the shape the model expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// Where the value is; for a missing key, the path the key would have.
    pub path: JsonPath,
    pub kind: ShapeErrorKind,
}

/// What is wrong at a [`ShapeError`]'s path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeErrorKind {
    /// The value has the wrong JSON kind.
    WrongType {
        /// What was expected: `a string`, `an object`, …
        expected: &'static str,
        /// What was found: `an array`, `null`, …
        found: &'static str,
    },
    /// A required key is absent.
    MissingKey,
}

impl ShapeError {
    /// `found` has the wrong kind.
    #[must_use]
    pub fn new(path: &JsonPath, expected: &'static str, found: &Value) -> Self {
        Self {
            path: path.clone(),
            kind: ShapeErrorKind::WrongType {
                expected,
                found: kind_name(found),
            },
        }
    }

    /// The key `key` of the object at `path` is missing.
    #[must_use]
    pub fn missing(path: &JsonPath, key: &str) -> Self {
        Self {
            path: path.key(key),
            kind: ShapeErrorKind::MissingKey,
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ShapeErrorKind::WrongType { expected, found } => {
                write!(f, "`{}` must be {expected}, found {found}", self.path)
            }
            ShapeErrorKind::MissingKey => {
                let key = self.path.last_key().unwrap_or_default();
                if self.path.parent().is_root() {
                    write!(f, "missing key `{key}`")
                } else {
                    write!(f, "missing key `{key}` in `{}`", self.path.parent())
                }
            }
        }
    }
}

/// `an object`, `a string`, … for messages.
#[must_use]
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a model value from JSON. Implementations are strict about JSON kinds and keep keys
/// they do not know.
pub trait FromJson: Sized {
    /// # Errors
    /// When `value` (at `path`) or one of its parts has the wrong JSON kind.
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError>;
}

/// Writes a model value back to JSON, reproducing what [`FromJson`] read.
pub trait ToJson {
    fn to_json(&self) -> Value;
}

/// Every model type serializes itself (in the key order of exports); `to_json` is that, as a
/// [`Value`]. Emit streams the same serialization straight to text.
impl<T: serde::Serialize + ?Sized> ToJson for T {
    fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl FromJson for Value {
    fn from_json(value: &Value, _path: &mut JsonPath) -> Result<Self, ShapeError> {
        Ok(value.clone())
    }
}

/// Large action parameters are boxed in [`ActionKind`](super::ActionKind) so that an action
/// is the size of the common small ones.
impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        T::from_json(value, path).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        let Value::Array(items) = value else {
            return Err(ShapeError::new(path, "an array", value));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            path.push_index(i);
            let r = T::from_json(item, path);
            path.pop();
            out.push(r?);
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for IndexMap<String, T> {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        let Value::Object(map) = value else {
            return Err(ShapeError::new(path, "an object", value));
        };
        let mut out = IndexMap::with_capacity(map.len());
        for (k, v) in map {
            path.push_key(k);
            let r = T::from_json(v, path);
            path.pop();
            out.insert(k.clone(), r?);
        }
        Ok(out)
    }
}

/// The value of a required key of `map` (the object at `path`).
pub(crate) fn required<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    path: &JsonPath,
) -> Result<&'a Value, ShapeError> {
    map.get(key).ok_or_else(|| ShapeError::missing(path, key))
}

/// `value` (at `path`) as an object.
pub(crate) fn object<'a>(
    value: &'a Value,
    path: &JsonPath,
) -> Result<&'a Map<String, Value>, ShapeError> {
    value
        .as_object()
        .ok_or_else(|| ShapeError::new(path, "an object", value))
}

/// `value` (at `path`) as a string.
pub(crate) fn string(value: &Value, path: &JsonPath) -> Result<String, ShapeError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| ShapeError::new(path, "a string", value))
}

/// The required string under `key` of `map` (the object at `path`).
pub(crate) fn required_string(
    map: &Map<String, Value>,
    key: &str,
    path: &JsonPath,
) -> Result<String, ShapeError> {
    string(required(map, key, path)?, &path.key(key))
}

/// The optional string under `key` of `map` (the object at `path`).
pub(crate) fn optional_string(
    map: &Map<String, Value>,
    key: &str,
    path: &JsonPath,
) -> Result<Option<String>, ShapeError> {
    map.get(key).map(|v| string(v, &path.key(key))).transpose()
}

/// The entries of `map` whose keys are not in `known`, in their original order.
pub(crate) fn extra_keys(map: &Map<String, Value>, known: &[&str]) -> super::Extra {
    map.iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Declares a parameter struct: every named key is an optional typed field, every other key is
/// kept in `extra`. Emits keys in declaration order, then the extra keys in their original order:
/// through `Serialize`, and by hand for `emit_flow` (`emit::WriteJson`, the same bytes).
macro_rules! json_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $key:literal => $field:ident : $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: Option<$ty>,
            )*
            /// Keys this model does not name, kept as written.
            pub extra: $crate::connect::Extra,
        }

        impl $name {
            /// The JSON keys this struct names.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// No key is set.
            #[must_use]
            pub fn is_empty(&self) -> bool {
                self.extra.is_empty() $(&& self.$field.is_none())*
            }
        }

        impl $crate::connect::json::FromJson for $name {
            fn from_json(
                value: &::serde_json::Value,
                path: &mut $crate::connect::json::JsonPath,
            ) -> Result<Self, $crate::connect::json::ShapeError> {
                let ::serde_json::Value::Object(map) = value else {
                    return Err($crate::connect::json::ShapeError::new(path, "an object", value));
                };
                #[allow(unused_mut)]
                let mut out = Self::default();
                for (key, item) in map {
                    $(
                        if key == $key {
                            path.push_key(key);
                            let r = <$ty as $crate::connect::json::FromJson>::from_json(item, path);
                            path.pop();
                            out.$field = Some(r?);
                            continue;
                        }
                    )*
                    out.extra.insert(key.clone(), item.clone());
                }
                Ok(out)
            }
        }

        impl $crate::connect::emit::WriteJson for $name {
            fn write_json(
                &self,
                w: &mut $crate::connect::emit::Writer,
            ) -> ::std::io::Result<()> {
                #[allow(unused_mut)]
                let mut any = false;
                w.open(b'{');
                $(
                    if let Some(v) = &self.$field {
                        w.key(&mut any, $key.as_bytes());
                        $crate::connect::emit::WriteJson::write_json(v, w)?;
                    }
                )*
                w.extra(&mut any, &self.extra)?;
                w.close(b'}', any);
                Ok(())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                #[allow(unused_mut)]
                let mut map = s.serialize_map(None)?;
                $(
                    if let Some(v) = &self.$field {
                        map.serialize_entry($key, v)?;
                    }
                )*
                for (k, v) in &self.extra {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    };
}

pub(crate) use json_struct;
