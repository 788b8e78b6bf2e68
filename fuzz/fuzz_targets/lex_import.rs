//! Any bytes as a Lex V2 bot: export zip, CloudFormation template, or unzipped export files.
//! The pipeline is `dialect_compiler::robustness::lex_bot`, which the regression tests share.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dialect_compiler::robustness::lex_bot(data);
});
