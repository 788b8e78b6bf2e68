//! Amazon Lex V2 bots: a typed model, import from the export formats and emit.

pub mod codes;
