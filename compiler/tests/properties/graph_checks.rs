//! The importer, the graph checks and the decompiler never panic on generated graphs: random
//! transitions (forward, backward, to the same action), targets that do not exist, dropped
//! transitions, several flows checked together. Whatever the checks report must point into
//! the files they were given.

use dialect_compiler::checks::check_units;
use dialect_compiler::connect::import_flow;
use dialect_compiler::decompile::decompile;
use dialect_compiler::diagnostics::render::render_plain;
use dialect_compiler::graph::FlowUnit;
use dialect_compiler::project::ChecksConfig;
use dialect_compiler::span::{SourceFile, SourceMap};
use proptest::prelude::*;

use crate::flows::{flow_json, flow_spec};

proptest! {
    #![proptest_config(crate::config(96))]

    #[test]
    fn checks_never_panic_on_generated_graphs(
        specs in prop::collection::vec(flow_spec(16, true), 1..=3)
    ) {
        let mut sources = SourceMap::new();
        let mut units = Vec::new();
        let mut diags = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            let path = format!("flow{i}.json");
            let text = serde_json::to_string_pretty(&flow_json(spec)).expect("JSON");
            let file = sources.add(SourceFile::new(path.clone(), text.clone()));
            let (flow, d) = import_flow(file, &text);
            diags.extend(d);
            if let Some(flow) = flow {
                let _ = decompile(&flow, &format!("Flow{i}"));
                units.push(FlowUnit::from_json(file, &path, &text, flow));
            }
        }
        diags.extend(check_units(&units, &ChecksConfig::default()));
        for d in &diags {
            for l in &d.labels {
                let len = sources.get(l.span.file).text.len();
                prop_assert!(l.span.start <= l.span.end && l.span.end as usize <= len, "{d:?}");
            }
            let _ = render_plain(&sources, d);
        }
    }
}
