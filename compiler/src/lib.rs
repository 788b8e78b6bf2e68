//! The Dialect compiler: the language and everything that reads or writes it.
//!
//! ```text
//! .dial text --syntax::parse--> Ast --resolve--> Model --lower--> connect::Flow (IR) --emit--> JSON
//!                                                  |                     ^
//!                                                  +--> checks           +-- connect::import (JSON)
//! ```
//!
//! The crate does no I/O: the caller (CLI, language server, tests) supplies files through
//! [`source::SourceLoader`]. See ARCHITECTURE.md for the invariants.

pub mod build;
pub mod cfn;
pub mod checks;
pub mod compile;
pub mod connect;
pub mod decompile;
pub mod diagnostics;
pub mod diagram;
pub mod format;
pub mod generate;
pub mod graph;
pub mod hash;
pub mod lex;
pub mod lower;
pub mod project;
pub mod resolve;
pub mod robustness;
pub mod source;
pub mod span;
pub mod syntax;
