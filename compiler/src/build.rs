//! `build`: a checked project → the files of a deployable build, in memory.
//!
//! ```text
//! flows/<Flow>.json               one Connect flow per flow (inbound, outbound, whisper, queue, hold, …)
//! modules/<Module>.json           one Connect flow module per module
//! bots/<Bot>/…                    the Lex V2 import format of each bot, as a folder …
//! bots/<Bot>.zip                  … and as the zip the Lex console imports
//! cloudformation/template.json    one stack: flows, modules, bots (version, alias, Connect
//!                                 association), queues, hours (also those derived from
//!                                 calendars), with parameters for the environment's values
//! manifest.json                   what was built: flows with their kind and Connect type, bots,
//!                                 the hours of operation derived from calendars, the environment
//! ```
//!
//! Pure: the CLI writes the files (all or nothing). The same project and environment give
//! byte-identical files. Nothing is produced when any diagnostic is an error, including the
//! service limits checked on the lowered flows.

use serde_json::{Map, Value, json};

use crate::cfn::{self, BundleOptions, FlowContent, FlowInput};
use crate::checks::check_units;
use crate::diagnostics::Diagnostics;
use crate::graph::FlowUnit;
use crate::lex::{self, BotOptions};
use crate::lower::{self, EnvExternals, LoweredFlow};
use crate::project::{ChecksConfig, Environment};
use crate::resolve::{FlowKind, Model};

/// The files of a build and what was found on the way.
#[derive(Debug, Default)]
pub struct BuildOutput {
    /// (path relative to the output folder, content), sorted by path. Empty when
    /// `diagnostics` has an error.
    pub files: Vec<(String, Vec<u8>)>,
    /// The lowered flows, with their names and kinds (also when there are errors). Their IR
    /// is released once emitted ([`LoweredFlow::release_ir`]: a 1M-step project would
    /// otherwise hold gigabytes of it next to the JSON); [`lower::lower`] gives the IR.
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

/// Lowers and emits every flow and bot of `model` with the values of `env`, runs the graph
/// checks (with `checks`, the project's `[checks]` settings) on the lowered flows, and bundles
/// everything in a CloudFormation template.
#[must_use]
pub fn build(model: &Model, env: &Environment, checks: &ChecksConfig) -> BuildOutput {
    let environment = env.name.as_str();
    let ext = EnvExternals(env);
    let mut lowered = lower::lower(model, &ext);
    let mut out = BuildOutput::default();
    out.diagnostics.extend(lowered.diagnostics);
    // The checks see the flows as units: lend them the lowered IR rather than copy it.
    let units: Vec<FlowUnit> = lowered
        .flows
        .iter_mut()
        .map(|f| FlowUnit::take_lowered(f, &ext))
        .collect();
    out.diagnostics.extend(check_units(&units, checks));
    for (unit, f) in units.into_iter().zip(&mut lowered.flows) {
        unit.return_to(f);
    }
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut flow_inputs = Vec::new();
    let mut flow_paths = Vec::new();
    for f in &mut lowered.flows {
        // The flow's JSON goes to the template first, then (moved, not copied) to its file.
        let json = lower::emit(f);
        flow_inputs.push(FlowInput {
            name: f.name.clone(),
            kind: f.kind,
            description: f.description.clone(),
            content: FlowContent::Emitted(json),
            span: Some(f.name_span),
        });
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
        flow_paths.push(path);
        f.release_ir();
    }
    let (bots, bot_diags) = lex::lower_bots(model, &BotOptions::default());
    out.diagnostics.extend(bot_diags);
    let mut bot_entries = Vec::new();
    for b in &bots {
        // One tree for the folder and the zip (`lex::emit_bot_zip` packs the same tree).
        let tree = lex::emit_bot_tree(&b.bot);
        let zip = format!("bots/{}.zip", b.name);
        files.push((zip.clone(), lex::write_zip(&tree).unwrap_or_default()));
        for (path, bytes) in tree {
            files.push((format!("bots/{}/{path}", b.name), bytes));
        }
        bot_entries.push(json!({
            "name": b.name,
            "locales": b.bot.locales.iter().map(|l| l.locale_id.to_string()).collect::<Vec<_>>(),
            "folder": format!("bots/{}", b.name),
            "zip": zip,
        }));
    }
    let options = BundleOptions {
        // Lex bot names are unique per account and region: one stack per environment.
        bot_name_prefix: format!("{environment}-"),
        ..BundleOptions::default()
    };
    // The hours derived from calendars go to the template and to the manifest.
    let derived = lower::derived_hours(model);
    let template =
        cfn::bundle_text_with_hours(model, &bots, &flow_inputs, &derived, Some(env), &options);
    out.diagnostics.extend(template.diagnostics);
    for (input, path) in flow_inputs.into_iter().zip(flow_paths) {
        if let FlowContent::Emitted(json) = input.content {
            files.push((path, json.into_bytes()));
        }
    }
    files.push((
        "cloudformation/template.json".to_owned(),
        template.text.into_bytes(),
    ));
    let hours: Vec<Value> = derived
        .iter()
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
        "bots": bot_entries,
        "derived_hours": hours,
        "cloudformation": "cloudformation/template.json",
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
