//! The Amazon Connect flow language: a typed, loss-free model (the IR), import from JSON and
//! emit to JSON.

pub mod codes;
