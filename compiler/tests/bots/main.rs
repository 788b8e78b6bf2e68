//! Bots and the CloudFormation bundle of the shipped project: lowering `flows/` bots to Lex,
//! the export tree and zip, the template checked by cfn-lint, and decompiling the corpus bots
//! back to `.dial`. One test binary for all of it, to keep link time down.

mod bundle;
mod decompile;
mod lower;
mod support;
