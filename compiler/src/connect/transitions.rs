//! [`Transitions`]: where an action goes next — `NextAction`, error branches and condition
//! branches.
//!
//! How a simulator picks the successor is in the reference (§3): on failure the `Errors` entry
//! of the specific error, else `NoMatchingError`; on a result the first true condition, else
//! `NoMatchingCondition`; otherwise `NextAction`. See
//! [`ActionType::next_action_is_fallback`](super::ActionType::next_action_is_fallback) for the
//! export quirk of `NextAction` on branching actions.

use compact_str::CompactString;
use serde_json::Value;

use super::error_type::ErrorType;
use super::extra::Extra;
use super::json::{
    FromJson, JsonPath, ShapeError, extra_keys, object, optional_string, required, required_string,
};
use super::operator::Operator;

/// The `Transitions` object of an action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transitions {
    /// `NextAction`: the default successor (see the module docs).
    pub next_action: Option<CompactString>,
    /// `Errors`: error branches, in order.
    pub errors: Vec<ErrorBranch>,
    /// `Conditions`: condition branches, in order; the first true one wins.
    pub conditions: Vec<Condition>,
    /// Write `"Errors": []` even when there are no error branches (exports often do).
    pub write_empty_errors: bool,
    /// Write `"Conditions": []` even when there are no condition branches.
    pub write_empty_conditions: bool,
    /// Keys this model does not name, kept as written.
    pub extra: Extra,
}

/// One entry of `Errors`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBranch {
    /// `ErrorType`.
    pub error_type: ErrorType,
    /// `NextAction`.
    pub next_action: CompactString,
    /// Other keys of the entry, kept as written.
    pub extra: Extra,
}

/// One entry of `Conditions`: `{NextAction, Condition: {Operator, Operands}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// `NextAction`.
    pub next_action: CompactString,
    /// `Condition.Operator`.
    pub operator: Operator,
    /// `Condition.Operands`: one string in every export.
    pub operands: Vec<Operand>,
    /// Other keys of the entry, kept as written.
    pub extra: Extra,
    /// Other keys of the inner `Condition` object, kept as written.
    pub condition_extra: Extra,
}

/// One operand of a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A string: the value compared with the action's result.
    Text(CompactString),
    /// Anything else (the docs allow nested condition objects; no export uses them), kept as
    /// written.
    Other(Value),
}

/// Which branch of [`Transitions`] a target belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Branch<'a> {
    /// `NextAction`.
    Next,
    /// `Errors[index]`, for `error_type`.
    Error {
        /// Position in `Errors`.
        index: usize,
        /// The branch's error type.
        error_type: &'a ErrorType,
    },
    /// `Conditions[index]`.
    Condition {
        /// Position in `Conditions`.
        index: usize,
    },
}

impl Branch<'_> {
    /// The JSON path of the branch's `NextAction`, given the path of the `Transitions` object.
    #[must_use]
    pub fn next_action_path(&self, transitions: &JsonPath) -> JsonPath {
        match self {
            Branch::Next => transitions.key("NextAction"),
            Branch::Error { index, .. } => {
                transitions.key("Errors").index(*index).key("NextAction")
            }
            Branch::Condition { index } => transitions
                .key("Conditions")
                .index(*index)
                .key("NextAction"),
        }
    }
}

impl Transitions {
    /// Transitions with only a `NextAction`.
    #[must_use]
    pub fn to(next_action: impl Into<CompactString>) -> Self {
        Self {
            next_action: Some(next_action.into()),
            ..Self::default()
        }
    }

    /// Adds an error branch.
    #[must_use]
    pub fn with_error(
        mut self,
        error_type: ErrorType,
        next_action: impl Into<CompactString>,
    ) -> Self {
        self.errors.push(ErrorBranch {
            error_type,
            next_action: next_action.into(),
            extra: Extra::new(),
        });
        self
    }

    /// Adds a condition branch with one string operand.
    #[must_use]
    pub fn with_condition(
        mut self,
        operator: Operator,
        operand: impl Into<CompactString>,
        next_action: impl Into<CompactString>,
    ) -> Self {
        self.conditions.push(Condition {
            next_action: next_action.into(),
            operator,
            operands: vec![Operand::Text(operand.into())],
            extra: Extra::new(),
            condition_extra: Extra::new(),
        });
        self
    }

    /// No `NextAction`, no branches (terminal actions are exported with `Transitions: {}`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.next_action.is_none() && self.errors.is_empty() && self.conditions.is_empty()
    }

    /// The target of the first error branch for `error_type`.
    #[must_use]
    pub fn error_target(&self, error_type: &ErrorType) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| &e.error_type == error_type)
            .map(|e| e.next_action.as_str())
    }

    /// Every target with its branch: `NextAction`, then errors, then conditions.
    pub fn targets(&self) -> impl Iterator<Item = (Branch<'_>, &str)> {
        let next = self.next_action.as_deref().map(|n| (Branch::Next, n));
        let errors = self.errors.iter().enumerate().map(|(index, e)| {
            (
                Branch::Error {
                    index,
                    error_type: &e.error_type,
                },
                e.next_action.as_str(),
            )
        });
        let conditions = self
            .conditions
            .iter()
            .enumerate()
            .map(|(index, c)| (Branch::Condition { index }, c.next_action.as_str()));
        next.into_iter().chain(errors).chain(conditions)
    }
}

impl Condition {
    /// The operand when there is exactly one and it is a string (every export).
    #[must_use]
    pub fn operand_text(&self) -> Option<&str> {
        match self.operands.as_slice() {
            [Operand::Text(s)] => Some(s),
            _ => None,
        }
    }
}

const TRANSITIONS_KEYS: &[&str] = &["NextAction", "Errors", "Conditions"];
const ERROR_KEYS: &[&str] = &["ErrorType", "NextAction"];
const CONDITION_KEYS: &[&str] = &["NextAction", "Condition"];
const CONDITION_INNER_KEYS: &[&str] = &["Operator", "Operands"];

impl FromJson for Transitions {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        let map = object(value, path)?;
        let mut out = Transitions {
            next_action: optional_string(map, "NextAction", path)?.map(CompactString::from),
            extra: extra_keys(map, TRANSITIONS_KEYS),
            ..Transitions::default()
        };
        if let Some(v) = map.get("Errors") {
            path.push_key("Errors");
            let r = Vec::<ErrorBranch>::from_json(v, path);
            path.pop();
            out.errors = r?;
            out.write_empty_errors = out.errors.is_empty();
        }
        if let Some(v) = map.get("Conditions") {
            path.push_key("Conditions");
            let r = Vec::<Condition>::from_json(v, path);
            path.pop();
            out.conditions = r?;
            out.write_empty_conditions = out.conditions.is_empty();
        }
        Ok(out)
    }
}

impl serde::Serialize for Transitions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        if let Some(n) = &self.next_action {
            map.serialize_entry("NextAction", n.as_str())?;
        }
        if !self.errors.is_empty() || self.write_empty_errors {
            map.serialize_entry("Errors", &self.errors)?;
        }
        if !self.conditions.is_empty() || self.write_empty_conditions {
            map.serialize_entry("Conditions", &self.conditions)?;
        }
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl FromJson for ErrorBranch {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        let map = object(value, path)?;
        Ok(ErrorBranch {
            error_type: ErrorType::from_name(&required_string(map, "ErrorType", path)?),
            next_action: required_string(map, "NextAction", path)?.into(),
            extra: extra_keys(map, ERROR_KEYS),
        })
    }
}

impl serde::Serialize for ErrorBranch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("NextAction", self.next_action.as_str())?;
        map.serialize_entry("ErrorType", self.error_type.name())?;
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl FromJson for Condition {
    fn from_json(value: &Value, path: &mut JsonPath) -> Result<Self, ShapeError> {
        let map = object(value, path)?;
        let next_action = required_string(map, "NextAction", path)?.into();
        let inner_path = path.key("Condition");
        let inner = object(required(map, "Condition", path)?, &inner_path)?;
        let operator = Operator::from_name(&required_string(inner, "Operator", &inner_path)?);
        let operands_path = inner_path.key("Operands");
        let operands = required(inner, "Operands", &inner_path)?;
        let Value::Array(items) = operands else {
            return Err(ShapeError::new(&operands_path, "an array", operands));
        };
        let operands = items
            .iter()
            .map(|o| match o {
                Value::String(s) => Operand::Text(s.as_str().into()),
                other => Operand::Other(other.clone()),
            })
            .collect();
        Ok(Condition {
            next_action,
            operator,
            operands,
            extra: extra_keys(map, CONDITION_KEYS),
            condition_extra: extra_keys(inner, CONDITION_INNER_KEYS),
        })
    }
}

impl serde::Serialize for Condition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        struct Inner<'a>(&'a Condition);
        impl serde::Serialize for Inner<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("Operator", self.0.operator.name())?;
                map.serialize_entry("Operands", &self.0.operands)?;
                for (k, v) in &self.0.condition_extra {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("NextAction", self.next_action.as_str())?;
        map.serialize_entry("Condition", &Inner(self))?;
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl serde::Serialize for Operand {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Operand::Text(t) => s.serialize_str(t),
            Operand::Other(v) => v.serialize(s),
        }
    }
}
