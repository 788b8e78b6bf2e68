//! Graph and lint checks, one file each (see CONTRIBUTING.md, "Adding a check").

use crate::diagnostics::Code;

/// The codes of every check, gathered for the code table.
pub static ALL_CODES: &[Code] = &[];
