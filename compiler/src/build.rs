//! `build`: a checked project → the files of a deployable build, in memory.
//!
//! ```text
//! flows/<Flow>.json       one Connect flow per flow (inbound, outbound, whisper, queue, hold, …)
//! modules/<Module>.json   one Connect flow module per module
//! manifest.json           what was built: flows with their kind and Connect type, the hours of
//!                         operation derived from calendars, the environment used
//! ```
//!
//! Pure: the CLI writes the files (all or nothing). The same project and environment give
//! byte-identical files. Nothing is produced when any diagnostic is an error, including the
//! service limits checked on the lowered flows.

use serde_json::{Map, Value, json};

use crate::diagnostics::Diagnostics;
use crate::lower::{self, Externals, LoweredFlow};
use crate::resolve::{FlowKind, Model};

/// The files of a build and what was found on the way.
#[derive(Debug, Default)]
pub struct BuildOutput {
    /// (path relative to the output folder, content), sorted by path. Empty when
    /// `diagnostics` has an error.
    pub files: Vec<(String, Vec<u8>)>,
    /// The lowered flows (also when there are errors, for tools that want the IR).
    pub flows: Vec<LoweredFlow>,
    pub diagnostics: Diagnostics,
}

impl BuildOutput {
    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Where a flow's JSON goes in the build.
#[must_use]
pub fn flow_path(f: &LoweredFlow) -> String {
    if f.kind == FlowKind::Module {
        format!("modules/{}.json", f.name)
    } else {
        format!("flows/{}.json", f.name)
    }
}

/// Lowers and emits every flow of `model` with the values of `ext` (named `environment` in the
/// manifest).
#[must_use]
pub fn build(model: &Model, ext: &dyn Externals, environment: &str) -> BuildOutput {
    let lowered = lower::lower(model, ext);
    let mut out = BuildOutput::default();
    out.diagnostics.extend(lowered.diagnostics);
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for f in &lowered.flows {
        let (json, diags) = lower::emit(f);
        out.diagnostics.extend(diags);
        let path = flow_path(f);
        let mut e = Map::new();
        e.insert("name".into(), json!(f.name));
        e.insert("kind".into(), json!(f.kind.as_dial()));
        e.insert("type".into(), json!(f.flow_type.api_name()));
        e.insert("file".into(), json!(path));
        e.insert("actions".into(), json!(f.flow.actions.len()));
        if let Some(d) = &f.description {
            e.insert("description".into(), json!(d));
        }
        entries.push(Value::Object(e));
        files.push((path, json.into_bytes()));
    }
    let hours: Vec<Value> = lower::derived_hours(model)
        .into_iter()
        .map(|h| {
            json!({
                "name": h.name,
                "calendar": model.calendar(h.calendar).name,
                "timezone": h.timezone,
                "closed": h.closed.iter().map(|(from, to, reason)| {
                    let mut m = Map::new();
                    m.insert("from".into(), json!(from.to_string()));
                    m.insert("to".into(), json!(to.to_string()));
                    if let Some(r) = reason {
                        m.insert("reason".into(), json!(r));
                    }
                    Value::Object(m)
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let manifest = json!({
        "generator": "dialect",
        "environment": environment,
        "flows": entries,
        "derived_hours": hours,
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    files.push(("manifest.json".to_owned(), text.into_bytes()));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    out.flows = lowered.flows;
    out.diagnostics.sort();
    if !out.has_errors() {
        out.files = files;
    }
    out
}
