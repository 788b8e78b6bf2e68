//! Import then emit is the identity on generated flows (compared as JSON values).

use dialect_compiler::connect::{emit_flow, import_flow};
use dialect_compiler::diagnostics::Severity;
use dialect_compiler::span::FileId;
use proptest::prelude::*;
use serde_json::Value;

use crate::flows::{flow_json, flow_spec};

proptest! {
    #![proptest_config(crate::config(128))]

    #[test]
    fn import_then_emit_is_identity(spec in flow_spec(24, false)) {
        let input = flow_json(&spec);
        let text = serde_json::to_string_pretty(&input).expect("JSON");
        let (flow, diags) = import_flow(FileId(0), &text);
        let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:#?}\n{text}");
        let flow = flow.expect("a flow when there is no error");
        let text = emit_flow(&flow);
        // The hand-written emitter writes the bytes of the model's `Serialize`.
        let pretty = serde_json::to_string_pretty(&flow).expect("serialize") + "\n";
        prop_assert_eq!(&text, &pretty);
        let emitted: Value = serde_json::from_str(&text).expect("emitted JSON");
        prop_assert_eq!(emitted, input);
    }
}
