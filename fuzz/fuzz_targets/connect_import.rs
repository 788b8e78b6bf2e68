//! Any bytes as exported Connect flow JSON: import, emit, graph checks, decompile, rendering.
//! The pipeline is `dialect_compiler::robustness::connect_json`, which the regression tests share.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dialect_compiler::robustness::connect_json(data);
});
