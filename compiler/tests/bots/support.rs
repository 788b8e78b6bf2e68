//! Loading the shipped project from disk, and placeholder flow content.

use std::path::{Path, PathBuf};

use dialect_compiler::cfn::{FlowContent, FlowInput};
use dialect_compiler::compile::{Options, Project, analyze};
use dialect_compiler::project::{EnvSection, Environment};
use dialect_compiler::resolve::{Action, Flow, Model};
use dialect_compiler::source::{LoadError, SourceLoader};
use serde_json::{Value, json};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Reads files relative to the repository root.
pub struct DiskLoader;

impl SourceLoader for DiskLoader {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        let p = repo().join(path);
        if p.is_dir() {
            return Err(LoadError::IsDirectory);
        }
        std::fs::read(&p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound,
            _ => LoadError::Other(e.to_string()),
        })
    }
}

fn dial_files(dir: &Path, rel: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if path.is_dir() {
            dial_files(&path, &format!("{rel}/{name}"), out);
        } else if name.ends_with(".dial") {
            out.push(format!("{rel}/{name}"));
        }
    }
}

/// `flows/` with its environments, analyzed; panics on any error.
pub fn shipped_project() -> Project {
    let mut roots = Vec::new();
    dial_files(&repo().join("flows"), "flows", &mut roots);
    let environments = ["dev", "prod"]
        .iter()
        .map(|e| ((*e).to_owned(), format!("flows/environments/{e}.toml")))
        .collect();
    let p = analyze(
        &DiskLoader,
        &Options {
            roots,
            environments,
        },
    );
    let errors: Vec<String> = p
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.code.id(), d.message))
        .collect();
    assert!(
        errors.is_empty(),
        "the shipped project has errors: {errors:#?}"
    );
    p
}

/// Flow content standing in for the Connect emitter's output: one action per bot, queue,
/// hours, Lambda and module reference of the flow, with the environment's ARNs, then a
/// disconnect. Swap this function for the real emitter when it lands.
pub fn placeholder_flows(model: &Model, env: &Environment) -> Vec<FlowInput> {
    model
        .flows
        .iter()
        .map(|f| FlowInput {
            name: f.name.clone(),
            kind: f.kind,
            description: f.description.clone(),
            content: FlowContent::Json(placeholder_content(model, f, env)),
            span: Some(f.name_span),
        })
        .collect()
}

fn placeholder_content(model: &Model, f: &Flow, env: &Environment) -> Value {
    let arn = |s: EnvSection, n: &str| env.values.get(s, n).unwrap_or_default().to_owned();
    let mut actions = Vec::new();
    for step in &f.steps {
        for st in &step.statements {
            let (ty, params) = match &st.action {
                Action::Ask { bot, .. } => (
                    "ConnectParticipantWithLexBot",
                    json!({"Text": "…", "LexV2Bot": {"AliasArn": arn(EnvSection::Bots, &model.bot(*bot).name)}}),
                ),
                Action::Call { integration, .. } => (
                    "InvokeLambdaFunction",
                    json!({"LambdaFunctionARN": arn(EnvSection::Lambdas, &model.integration(*integration).lambda), "InvocationTimeLimitSeconds": "8"}),
                ),
                Action::TransferQueue { queue: Some(q), .. } | Action::SetQueue(q) => (
                    "UpdateContactTargetQueue",
                    json!({"QueueId": arn(EnvSection::Queues, &model.queue(*q).name)}),
                ),
                Action::CheckHours(Some(h)) => (
                    "CheckHoursOfOperation",
                    json!({"HoursOfOperationId": arn(EnvSection::Hours, &model.hours_of(*h).name)}),
                ),
                Action::RunModule { module, .. } => (
                    "InvokeFlowModule",
                    json!({"FlowModuleId": arn(EnvSection::Flows, &model.flow(*module).name)}),
                ),
                Action::TransferFlow(to) => (
                    "TransferToFlow",
                    json!({"ContactFlowId": arn(EnvSection::Flows, &model.flow(*to).name)}),
                ),
                _ => continue,
            };
            actions.push((ty, params));
        }
    }
    let n = actions.len();
    let mut out: Vec<Value> = actions
        .into_iter()
        .enumerate()
        .map(|(i, (ty, params))| {
            let next = if i + 1 < n { format!("a{}", i + 1) } else { "end".to_owned() };
            json!({"Identifier": format!("a{i}"), "Type": ty, "Parameters": params,
                   "Transitions": {"NextAction": next, "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}})
        })
        .collect();
    out.push(json!({"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}));
    let start = if n > 0 { "a0" } else { "end" };
    json!({"Version": "2019-10-30", "StartAction": start, "Actions": out})
}
