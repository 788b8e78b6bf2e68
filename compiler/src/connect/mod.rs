//! The Amazon Connect flow language: a typed, loss-free model (the IR), import from JSON and
//! emit to JSON.
//!
//! - [`Flow`] → [`Action`]s, each an [`ActionKind`] (type + typed parameters from [`params`])
//!   and [`Transitions`] ([`ErrorBranch`]es with an [`ErrorType`], [`Condition`]s with an
//!   [`Operator`]). Scalars are [`Scalar`]s that keep their written form (`"8"`, `"True"`).
//!   Every unknown key is kept in an [`Extra`] map and unknown types in [`ActionKind::Unknown`], so
//!   import → emit reproduces the document as JSON.
//! - [`import_flow`] reads text and reports problems as [`Diagnostic`](crate::diagnostics::Diagnostic)s
//!   (codes `I001`–`I012` in [`codes`]), labelled at the offending value.
//! - [`emit_flow`] writes pretty, deterministic JSON.
//! - Data tables for checks and the simulator are methods on [`ActionType`] and [`Action`]
//!   (`possible_errors`, `is_terminal`, `allowed_operators`, `allowed_in`, …); service limits
//!   and identifier rules are in [`limits`].

mod action;
pub mod codes;
mod emit;
mod equivalence;
mod error_type;
mod extra;
mod flow;
mod flow_type;
mod import;
pub mod json;
pub mod legacy;
pub mod limits;
pub mod locate;
mod operator;
pub mod params;
mod scalar;
mod tables;
mod transitions;

pub use action::{Action, ActionKind, ActionType};
/// Identifiers, transition targets and condition operands: up to 24 bytes inline, so the
/// millions of short names of a large project's IR need no allocation each.
pub use compact_str::CompactString;
pub use emit::emit_flow;
pub use equivalence::equivalent;
pub use error_type::ErrorType;
pub use extra::Extra;
pub use flow::{Flow, Layout, Metadata, ModuleSettings, ModuleTransition, Position};
pub use flow_type::FlowType;
pub use import::import_flow;
pub use json::{JsonPath, PathSegment};
pub use limits::{is_valid_identifier, validate_identifier};
pub use operator::Operator;
pub use scalar::Scalar;
pub use tables::{Results, SuccessPath};
pub use transitions::{Branch, Condition, ErrorBranch, Operand, Transitions};
