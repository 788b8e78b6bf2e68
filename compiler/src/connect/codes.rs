//! Diagnostic codes of the Connect importer (`I001`–`I099`).

crate::define_codes! {}
