//! Single values of a bot definition: a literal of the expected type, or anything else kept as
//! written (a CloudFormation intrinsic function such as `{"Ref": "BotName"}`, or a scalar of
//! another type).
//!
//! CloudFormation templates put intrinsic functions where Lex expects a plain string, number or
//! boolean (`Name: !Sub "${AWS::StackName}-bot"`, `VoiceId: !Ref Voice`), and YAML sometimes
//! turns a slot value into a number. [`Scalar`] keeps both cases without losing them; export
//! zips always give [`Scalar::Lit`].

use std::fmt;

use serde_json::Value;

/// A value of type `T`, or a JSON value kept verbatim because it is not a `T`.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<T> {
    /// A value of the expected type.
    Lit(T),
    /// Anything else, written back unchanged: an intrinsic function (`{"Ref": …}`,
    /// `{"Fn::Sub": …}`, …), a number where a string is expected, an integer where a fraction
    /// is expected, or an enumeration value Dialect does not know.
    Raw(Value),
}

/// A string-valued property: a name, a description, a message, an utterance, an ARN.
pub type Text = Scalar<String>;

impl<T> Scalar<T> {
    /// The literal, if this is one.
    #[must_use]
    pub fn lit(&self) -> Option<&T> {
        match self {
            Scalar::Lit(v) => Some(v),
            Scalar::Raw(_) => None,
        }
    }

    /// Whether the value is a CloudFormation intrinsic function (`Ref`, `Fn::…`, `Condition`).
    #[must_use]
    pub fn is_intrinsic(&self) -> bool {
        matches!(self, Scalar::Raw(v) if is_intrinsic(v))
    }
}

impl Text {
    /// The string, if this is a literal.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        self.lit().map(String::as_str)
    }
}

impl Scalar<f64> {
    /// The number, also when it was written as an integer (kept as [`Scalar::Raw`] so that it is
    /// written back as an integer).
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Lit(v) => Some(*v),
            Scalar::Raw(v) => v.as_f64(),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Scalar::Lit(s.to_owned())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Scalar::Lit(s)
    }
}

impl From<bool> for Scalar<bool> {
    fn from(b: bool) -> Self {
        Scalar::Lit(b)
    }
}

impl From<u32> for Scalar<u32> {
    fn from(n: u32) -> Self {
        Scalar::Lit(n)
    }
}

impl From<f64> for Scalar<f64> {
    fn from(n: f64) -> Self {
        Scalar::Lit(n)
    }
}

impl<T: fmt::Display> fmt::Display for Scalar<T> {
    /// Literals as themselves; `{"Ref": "X"}` as `!Ref X`; `{"Fn::Sub": "s"}` as `!Sub "s"`;
    /// anything else as compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Lit(v) => v.fmt(f),
            Scalar::Raw(v) => f.write_str(&display_raw(v)),
        }
    }
}

/// How a raw value reads in a message: `!Ref X`, `!Sub "…"`, `!GetAtt A.B`, or compact JSON.
#[must_use]
pub fn display_raw(v: &Value) -> String {
    if let Value::Object(m) = v
        && m.len() == 1
        && let Some((k, inner)) = m.iter().next()
    {
        let tag = if k == "Ref" || k == "Condition" {
            k.as_str()
        } else {
            k.strip_prefix("Fn::").unwrap_or("")
        };
        if !tag.is_empty() {
            return match inner {
                Value::String(s) if tag == "Ref" || tag == "Condition" => format!("!{tag} {s}"),
                Value::Array(parts) if tag == "GetAtt" && parts.iter().all(Value::is_string) => {
                    let parts: Vec<&str> = parts.iter().filter_map(Value::as_str).collect();
                    format!("!GetAtt {}", parts.join("."))
                }
                other => format!("!{tag} {other}"),
            };
        }
    }
    v.to_string()
}

/// Whether a JSON value is a CloudFormation intrinsic function or condition reference: an
/// object with the single key `Ref`, `Condition` or `Fn::…`.
#[must_use]
pub fn is_intrinsic(v: &Value) -> bool {
    match v {
        Value::Object(m) if m.len() == 1 => m
            .keys()
            .next()
            .is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::")),
        _ => false,
    }
}

/// A type that a [`Scalar`] can hold: how it is read from and written to JSON.
pub trait ScalarKind: Sized {
    /// What the type is called in messages: `a string`, `an integer`, `one of Required, Optional`.
    const EXPECTED: &'static str;

    /// The literal, if `v` has exactly this type (and, for enumerations, a known value).
    fn from_json(v: &Value) -> Option<Self>;

    /// The literal as JSON.
    fn to_json(&self) -> Value;

    /// Whether `v` has the right JSON type but a value outside the known set or range (kept
    /// raw with a warning).
    fn is_unknown_value(v: &Value) -> bool {
        let _ = v;
        false
    }

    /// Whether `v` is of the right JSON type for this kind at all (used for the `Raw` decisions).
    fn json_type_matches(v: &Value) -> bool;
}

impl ScalarKind for String {
    const EXPECTED: &'static str = "a string";
    fn from_json(v: &Value) -> Option<Self> {
        v.as_str().map(str::to_owned)
    }
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn json_type_matches(v: &Value) -> bool {
        v.is_string()
    }
}

impl ScalarKind for bool {
    const EXPECTED: &'static str = "a boolean";
    fn from_json(v: &Value) -> Option<Self> {
        v.as_bool()
    }
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn json_type_matches(v: &Value) -> bool {
        v.is_boolean()
    }
}

impl ScalarKind for u32 {
    const EXPECTED: &'static str = "an integer";
    fn from_json(v: &Value) -> Option<Self> {
        v.as_u64().and_then(|n| u32::try_from(n).ok())
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
    fn is_unknown_value(v: &Value) -> bool {
        v.is_number() && Self::from_json(v).is_none()
    }
    fn json_type_matches(v: &Value) -> bool {
        v.is_number()
    }
}

impl ScalarKind for f64 {
    const EXPECTED: &'static str = "a number";
    /// Only fractions: an integer such as `1` stays [`Scalar::Raw`] so it is written back as `1`
    /// and not `1.0`.
    fn from_json(v: &Value) -> Option<Self> {
        if v.is_f64() { v.as_f64() } else { None }
    }
    fn to_json(&self) -> Value {
        serde_json::Number::from_f64(*self).map_or(Value::Null, Value::Number)
    }
    fn json_type_matches(v: &Value) -> bool {
        v.is_number()
    }
}

/// Declares a string enumeration with its exact spellings in export files and CloudFormation.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling in export files and CloudFormation.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value spelled `s`, if any.
            #[must_use]
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::lex::scalar::ScalarKind for $name {
            const EXPECTED: &'static str = concat!("one of:", $(" ", $text),+);
            fn from_json(v: &serde_json::Value) -> Option<Self> {
                v.as_str().and_then($name::parse)
            }
            fn to_json(&self) -> serde_json::Value {
                serde_json::Value::String(self.as_str().to_owned())
            }
            fn is_unknown_value(v: &serde_json::Value) -> bool {
                v.as_str().is_some_and(|s| $name::parse(s).is_none())
            }
            fn json_type_matches(v: &serde_json::Value) -> bool {
                v.is_string()
            }
        }

        impl From<$name> for $crate::lex::scalar::Scalar<$name> {
            fn from(v: $name) -> Self {
                $crate::lex::scalar::Scalar::Lit(v)
            }
        }
    };
}
pub(crate) use string_enum;

impl<T: ScalarKind> Scalar<T> {
    /// The value as JSON: the literal, or the raw value unchanged.
    #[must_use]
    pub fn to_json(&self) -> Value {
        match self {
            Scalar::Lit(v) => v.to_json(),
            Scalar::Raw(v) => v.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn raw_values_display_like_yaml_short_forms() {
        assert_eq!(display_raw(&json!({"Ref": "X"})), "!Ref X");
        assert_eq!(
            display_raw(&json!({"Fn::GetAtt": ["A", "Arn"]})),
            "!GetAtt A.Arn"
        );
        assert_eq!(
            display_raw(&json!({"Fn::Sub": "a-${B}"})),
            "!Sub \"a-${B}\""
        );
        assert_eq!(display_raw(&json!(12)), "12");
        assert!(is_intrinsic(&json!({"Fn::If": ["c", 1, 2]})));
        assert!(!is_intrinsic(&json!({"Ref": "X", "b": 1})));
    }

    #[test]
    fn integers_are_not_fractions() {
        assert_eq!(f64::from_json(&json!(0.4)), Some(0.4));
        assert_eq!(f64::from_json(&json!(1)), None);
        assert_eq!(Scalar::<f64>::Raw(json!(1)).as_f64(), Some(1.0));
        assert_eq!(u32::from_json(&json!(-1)), None);
        assert!(u32::is_unknown_value(&json!(-1)));
    }
}
