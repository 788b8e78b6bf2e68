//! [`Operator`]: the operators of condition branches (`Transitions.Conditions[].Condition`).

use std::fmt;

/// A condition operator. Each takes one string operand.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operator {
    /// The result equals the operand (text comparison).
    Equals,
    /// The result starts with the operand.
    TextStartsWith,
    /// The result ends with the operand.
    TextEndsWith,
    /// The result contains the operand.
    TextContains,
    /// The result is a number greater than the operand.
    NumberGreaterThan,
    /// The result is a number greater than or equal to the operand.
    NumberGreaterOrEqualTo,
    /// The result is a number less than the operand. (The `DistributeByPercentage` doc spells it
    /// `NumericLessThan`; exports use this name, and the doc spelling is kept as `Other`.)
    NumberLessThan,
    /// The result is a number less than or equal to the operand.
    NumberLessOrEqualTo,
    /// Any other name, kept as written.
    Other(String),
}

impl Operator {
    /// Every known operator (not `Other`).
    pub const KNOWN: &'static [Operator] = &[
        Operator::Equals,
        Operator::TextStartsWith,
        Operator::TextEndsWith,
        Operator::TextContains,
        Operator::NumberGreaterThan,
        Operator::NumberGreaterOrEqualTo,
        Operator::NumberLessThan,
        Operator::NumberLessOrEqualTo,
    ];

    /// The name as written in flow JSON.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Operator::Equals => "Equals",
            Operator::TextStartsWith => "TextStartsWith",
            Operator::TextEndsWith => "TextEndsWith",
            Operator::TextContains => "TextContains",
            Operator::NumberGreaterThan => "NumberGreaterThan",
            Operator::NumberGreaterOrEqualTo => "NumberGreaterOrEqualTo",
            Operator::NumberLessThan => "NumberLessThan",
            Operator::NumberLessOrEqualTo => "NumberLessOrEqualTo",
            Operator::Other(s) => s,
        }
    }

    /// The operator a name denotes; unknown names become [`Operator::Other`].
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        Self::KNOWN
            .iter()
            .find(|o| o.name() == name)
            .cloned()
            .unwrap_or_else(|| Operator::Other(name.to_owned()))
    }

    /// Whether the operator compares numbers.
    #[must_use]
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Operator::NumberGreaterThan
                | Operator::NumberGreaterOrEqualTo
                | Operator::NumberLessThan
                | Operator::NumberLessOrEqualTo
        )
    }

    /// Whether this is one of the known names.
    #[must_use]
    pub fn is_known(&self) -> bool {
        !matches!(self, Operator::Other(_))
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
