//! Any bytes as a `.dial` file: parsers (fast and pest must agree), resolver, lowering, graph checks, formatter, rendering.
//! The pipeline is `dialect_compiler::robustness::dial_source`, which the regression tests share.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dialect_compiler::robustness::dial_source(data);
});
