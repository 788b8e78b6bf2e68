//! Integration (Lambda) mocks: what a function returns to the flow, or how it fails.

use serde_json::Value;

/// One answer of a mocked Lambda function.
#[derive(Debug, Clone, PartialEq)]
pub enum LambdaBehavior {
    /// Returns this JSON object (Connect reads it into `$.External`).
    Returns(Value),
    /// The function raises an error (the `NoMatchingError` branch).
    Fails(String),
    /// The function does not answer within `InvocationTimeLimitSeconds`.
    TimesOut,
    /// The function answers after `seconds`; a timeout if that is over the action's limit.
    Delayed {
        /// How long the function takes.
        seconds: f64,
        /// What it returns when in time.
        returns: Value,
    },
    /// The function answers with something Connect cannot read (not a JSON object, or a
    /// nested object where a flat string map is required): kept as raw text for the trace.
    Malformed(String),
}

impl Default for LambdaBehavior {
    fn default() -> Self {
        LambdaBehavior::Returns(Value::Object(serde_json::Map::new()))
    }
}

/// A mocked function: its answers in order, the last one repeating.
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaMock {
    /// The function: a name, or a full ARN. Matches an action's `LambdaFunctionARN` when equal,
    /// or when the ARN ends with `:function:<name>` (with or without a version or alias).
    pub function: String,
    /// The answers, one per invocation; the last repeats.
    pub answers: Vec<LambdaBehavior>,
}

impl LambdaMock {
    /// A function that always behaves the same.
    #[must_use]
    pub fn always(function: impl Into<String>, behavior: LambdaBehavior) -> Self {
        Self {
            function: function.into(),
            answers: vec![behavior],
        }
    }

    /// The answer to the `n`-th invocation (0-based) of this function in a call.
    #[must_use]
    pub fn answer(&self, n: usize) -> Option<&LambdaBehavior> {
        self.answers.get(n).or_else(|| self.answers.last())
    }

    /// Whether this mock stands for the function an action names.
    #[must_use]
    pub fn matches(&self, arn: &str) -> bool {
        if self.function == arn {
            return true;
        }
        let Some(rest) = arn.split(":function:").nth(1) else {
            return false;
        };
        let name = rest.split(':').next().unwrap_or(rest);
        name == self.function
    }
}
