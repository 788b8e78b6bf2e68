//! Diagnostics: one owned type for every stage, a table of stable codes, and one renderer per
//! output format.
//!
//! Analysis code only builds [`Diagnostic`] values and pushes them into a [`Diagnostics`] sink;
//! it never renders and never decides an exit code. Renderers live in [`render`].

mod code;
pub mod codes;
mod diagnostic;
pub mod render;

pub use code::{Code, Severity, Stage};
pub use diagnostic::{Diagnostic, Diagnostics, Label};
