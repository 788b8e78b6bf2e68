//! Emit: [`Flow`] → flow-language JSON text.
//!
//! The output is deterministic: keys in the order of exports (`Version`, `StartAction`,
//! `Metadata`, `Actions`, `Settings`; in actions `Identifier`, `Type`, `Parameters`,
//! `Transitions`), unknown keys after the known ones in their original order, two-space
//! indentation like console exports, and a final newline.

use super::flow::Flow;

/// Writes a flow as pretty JSON. For an imported flow the result equals the imported text as a
/// JSON value. The model serializes itself straight to text, without an intermediate `Value`.
#[must_use]
pub fn emit_flow(flow: &Flow) -> String {
    // Serializing cannot fail: all keys are strings and numbers are finite.
    let mut out = serde_json::to_string_pretty(flow).unwrap_or_default();
    out.push('\n');
    out
}
