//! A stable diagnostic code: `P001 unexpected-token`.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks `check` (exit 1) and `build`.
    Error,
    /// Reported; blocks only with `--deny warnings`.
    Warning,
    /// A hint or a note about the project; never blocks.
    Info,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The pipeline stage a code belongs to; the first letter of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Stage {
    /// `F`: reading files and project configuration.
    Files,
    /// `P`: parsing `.dial` text.
    Parse,
    /// `R`: name resolution and the meaning of declarations.
    Resolve,
    /// `L`: graph and lint checks.
    Check,
    /// `I`: importing Connect flow JSON and Lex bots.
    Import,
    /// `E`: lowering and emitting artifacts (service limits, environments).
    Emit,
    /// `S`: the simulator and scenario tests.
    Simulate,
}

/// Everything the project knows about one diagnostic code. Codes are never reused: a retired
/// code stays in the table (see `codes.rs`).
#[derive(Debug)]
pub struct CodeInfo {
    /// `P001`: a letter for the stage and three digits.
    pub id: &'static str,
    /// `unexpected-token`: kebab-case, names the pattern.
    pub name: &'static str,
    pub stage: Stage,
    pub severity: Severity,
    /// One line that says what the code is about.
    pub summary: &'static str,
    /// Markdown: what it means, why it matters, an example and how to fix it.
    pub doc: &'static str,
}

/// A reference to a code's entry in the table.
#[derive(Clone, Copy)]
pub struct Code(pub &'static CodeInfo);

impl Code {
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }
    #[must_use]
    pub fn severity(self) -> Severity {
        self.0.severity
    }
    #[must_use]
    pub fn info(self) -> &'static CodeInfo {
        self.0
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for Code {}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.id)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.id)
    }
}
