//! One renderer per output format. Rendering never happens in analysis code.

mod github;
mod human;
mod json;
mod sarif;

pub use github::render_github;
pub use human::{HumanRenderer, render_plain};
pub use json::{JsonDiagnostic, render_json, to_json_diagnostics};
pub use sarif::{SARIF_SCHEMA, render_sarif};
