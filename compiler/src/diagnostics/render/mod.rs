//! One renderer per output format. Rendering never happens in analysis code.

mod human;
mod json;

pub use human::{HumanRenderer, render_plain};
pub use json::{JsonDiagnostic, render_json, to_json_diagnostics};
