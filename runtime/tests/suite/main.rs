//! The runtime's behaviour tests, in one binary to keep link time down: the interpreter on
//! hand-built flows, utterance understanding, exploration and coverage, and the corpus of real
//! flows and bots. (`alloc.rs` is separate: it replaces the global allocator.)

mod common;
mod corpus;
mod explore;
mod lex_corpus;
mod nlu;
mod sim;
mod testgen;
