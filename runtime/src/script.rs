//! The scripted caller: what the caller does each time the flow waits for them.

/// One thing the caller does when the flow waits for input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Speaks (or types, on chat).
    Say(String),
    /// Presses keys (DTMF), for example `1` or `09012345678#`.
    Press(String),
    /// Stays silent until the input times out.
    Silent,
    /// Hangs up.
    HangUp,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Say(t) => write!(f, "says {t:?}"),
            Step::Press(d) => write!(f, "presses {d:?}"),
            Step::Silent => f.write_str("stays silent"),
            Step::HangUp => f.write_str("hangs up"),
        }
    }
}

/// The caller's steps, in order. When they run out while the flow waits, the run stops with
/// [`Outcome::ScriptEnded`](crate::trace::Outcome::ScriptEnded).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    /// The steps.
    pub steps: Vec<Step>,
}

impl Script {
    /// No steps.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds "caller says".
    #[must_use]
    pub fn say(mut self, text: impl Into<String>) -> Self {
        self.steps.push(Step::Say(text.into()));
        self
    }

    /// Adds "caller presses".
    #[must_use]
    pub fn press(mut self, digits: impl Into<String>) -> Self {
        self.steps.push(Step::Press(digits.into()));
        self
    }

    /// Adds "caller stays silent".
    #[must_use]
    pub fn silent(mut self) -> Self {
        self.steps.push(Step::Silent);
        self
    }

    /// Adds "caller hangs up".
    #[must_use]
    pub fn hang_up(mut self) -> Self {
        self.steps.push(Step::HangUp);
        self
    }
}
