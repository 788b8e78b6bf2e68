//! [`Scalar`]: a parameter value kept in the exact form it was written.
//!
//! Console exports write every scalar as a string (`"8"`, `"True"`), but hand-written flows
//! sometimes use JSON numbers or booleans. The model keeps whichever form it read, so that emit
//! reproduces it, and offers typed readers (`as_u32`, `as_bool`, …) that accept either form.

use compact_str::{CompactString, ToCompactString};
use serde_json::{Number, Value};

use super::json::{FromJson, JsonPath, ShapeError};

/// A scalar parameter value, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// A JSON string: static text, a single JSONPath (`$.Attributes.x`) or text with embedded
    /// references. This is the form exports always use. Inline up to 24 bytes: most values
    /// (`"8"`, `"True"`, `"Current"`, attribute paths) need no allocation.
    String(CompactString),
    /// A JSON number (hand-written flows only).
    Number(Number),
    /// A JSON boolean (hand-written flows only).
    Bool(bool),
}

impl Scalar {
    /// A string value.
    #[must_use]
    pub fn string(s: impl Into<CompactString>) -> Self {
        Scalar::String(s.into())
    }

    /// An integer written the way exports do: as a string (`"8"`).
    #[must_use]
    pub fn integer(n: u64) -> Self {
        Scalar::String(n.to_compact_string())
    }

    /// A boolean written the way exports do: `"True"` / `"False"`.
    #[must_use]
    pub fn boolean(b: bool) -> Self {
        Scalar::String(CompactString::const_new(if b { "True" } else { "False" }))
    }

    /// A boolean written the way Cases parameters are exported: `"true"` / `"false"`.
    #[must_use]
    pub fn boolean_lowercase(b: bool) -> Self {
        Scalar::String(CompactString::const_new(if b { "true" } else { "false" }))
    }

    /// The string, if the value is a JSON string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as text, whatever its JSON form (`8`, `"8"` → `8`; `true` → `true`).
    #[must_use]
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Scalar::String(s) => std::borrow::Cow::Borrowed(s),
            Scalar::Number(n) => std::borrow::Cow::Owned(n.to_string()),
            Scalar::Bool(b) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }

    /// A non-negative integer: `"8"` or `8`. `None` for other text, references and fractions.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Scalar::String(s) => s.trim().parse().ok(),
            Scalar::Number(n) => n.as_u64(),
            Scalar::Bool(_) => None,
        }
    }

    /// [`as_u64`](Self::as_u64) narrowed to `u32`.
    #[must_use]
    pub fn as_u32(&self) -> Option<u32> {
        self.as_u64().and_then(|n| u32::try_from(n).ok())
    }

    /// A signed integer: `"-3"` or `-3`.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::String(s) => s.trim().parse().ok(),
            Scalar::Number(n) => n.as_i64(),
            Scalar::Bool(_) => None,
        }
    }

    /// A number: `"2.5"` or `2.5`.
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::String(s) => s.trim().parse().ok().filter(|f: &f64| f.is_finite()),
            Scalar::Number(n) => n.as_f64(),
            Scalar::Bool(_) => None,
        }
    }

    /// A boolean: `"True"`, `"true"`, `true` (and the `False` forms). `None` for anything else.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Scalar::String(s) => match s.as_str() {
                "True" | "true" | "TRUE" => Some(true),
                "False" | "false" | "FALSE" => Some(false),
                _ => None,
            },
            Scalar::Bool(b) => Some(*b),
            Scalar::Number(_) => None,
        }
    }

    /// The reference, when the whole value is a single JSONPath such as `$.Attributes.x`
    /// (the "static or single JSONPath" form).
    #[must_use]
    pub fn json_path(&self) -> Option<&str> {
        self.as_str()
            .filter(|s| s.starts_with("$.") && !s.contains(char::is_whitespace))
    }

    /// The value contains a reference (`$.` anywhere), so its value is only known at run time.
    #[must_use]
    pub fn is_dynamic(&self) -> bool {
        self.as_str().is_some_and(|s| s.contains("$."))
    }
}

impl From<&str> for Scalar {
    fn from(s: &str) -> Self {
        Scalar::String(s.into())
    }
}

impl From<String> for Scalar {
    fn from(s: String) -> Self {
        Scalar::String(s.into())
    }
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl FromJson for Scalar {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        match value {
            Value::String(s) => Ok(Scalar::String(s.as_str().into())),
            Value::Number(n) => Ok(Scalar::Number(n.clone())),
            Value::Bool(b) => Ok(Scalar::Bool(*b)),
            _ => Err(ShapeError::new(path, "a string", value)),
        }
    }
}

impl serde::Serialize for Scalar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::String(v) => s.serialize_str(v),
            Scalar::Number(n) => n.serialize(s),
            Scalar::Bool(b) => s.serialize_bool(*b),
        }
    }
}
