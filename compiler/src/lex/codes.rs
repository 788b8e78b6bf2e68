//! Diagnostic codes of the Lex importer (`I100`–`I199`).

crate::define_codes! {}
