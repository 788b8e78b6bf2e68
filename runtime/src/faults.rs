//! Injected faults: an action that raises an error whenever it runs, as when the Connect
//! service behind it fails (a prompt that cannot be played, an attribute update refused, a
//! queue transfer that errors). Tests write them as `fail ACTION [in FLOW] [with ERROR]`.

use dialect_compiler::connect::ErrorType;

/// One action that fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The flow's name in the program.
    pub flow: String,
    /// The action's `Identifier`.
    pub action: String,
    /// The error it raises; it takes that error branch (or `NoMatchingError`'s, as Connect does).
    pub error: ErrorType,
}

impl Fault {
    /// A fault of `action` in `flow`.
    #[must_use]
    pub fn new(flow: impl Into<String>, action: impl Into<String>, error: ErrorType) -> Self {
        Self {
            flow: flow.into(),
            action: action.into(),
            error,
        }
    }
}
