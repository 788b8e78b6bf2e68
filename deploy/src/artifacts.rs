//! What a deploy writes: the build of the project, with every reference to a flow, module or
//! bot of the project left as a token until the instance gives it an ARN.
//!
//! The environment file's ARNs for the project's own flows and bots are placeholders written
//! before anything was deployed; the real ARNs are those of the instance, found by name (or
//! returned when the deploy creates them). So the build runs with an environment whose
//! `[flows]` and `[bots]` entries for the project's own names are tokens
//! (`dialect-deploy:flow:PhoneOrder`), and [`resolve`] swaps them for ARNs at the last moment.

use std::collections::{BTreeMap, BTreeSet};

use dialect_compiler::build;
use dialect_compiler::cfn;
use dialect_compiler::compile;
use dialect_compiler::diagnostics::Diagnostic;
use dialect_compiler::project::{ChecksConfig, Environment};
use dialect_compiler::resolve::{FlowKind, Model};
use dialect_compiler::span::SourceMap;

/// Whether an artifact is a flow or a flow module (they live in different Connect APIs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Sorted first: modules are written before the flows that run them.
    Module,
    Flow,
}

impl Kind {
    /// `module` or `flow`, as the plan prints it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Module => "module",
            Kind::Flow => "flow",
        }
    }
}

/// One flow or module to deploy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowArtifact {
    pub name: String,
    pub kind: Kind,
    /// The Connect flow type (`CONTACT_FLOW`, `CUSTOMER_QUEUE`, …); unused for modules.
    pub flow_type: String,
    pub description: Option<String>,
    /// The flow JSON, with [`flow_token`]s and [`bot_token`]s for the project's own names.
    pub content: String,
    /// The project's flows and modules this one refers to (from its tokens), sorted.
    pub flow_deps: BTreeSet<String>,
}

/// One Lex V2 bot to deploy: the import zip of the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotArtifact {
    pub name: String,
    pub locales: Vec<String>,
    pub zip: Vec<u8>,
    /// `Bot.json`'s `dataPrivacy.childDirected` (the import repeats it).
    pub child_directed: bool,
    /// `Bot.json`'s `idleSessionTTLInSeconds` (the import repeats it).
    pub idle_session_ttl: i32,
}

/// Everything a deploy writes, in the build's order (by name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Artifacts {
    pub flows: Vec<FlowArtifact>,
    pub bots: Vec<BotArtifact>,
    /// The environment's `[lex] role`: the IAM role the bots run with.
    pub lex_role: Option<String>,
}

/// What the deploy sets on a bot's alias besides its version, as part of the content hash.
const ALIAS_SETTINGS: &str = "alias: every locale enabled, no code hook";

impl BotArtifact {
    /// The content hash of what is deployed for this bot (its zip, the role it runs with, and
    /// the alias settings: every locale enabled), as kept in the description of its alias:
    /// `sha256:` and 64 hex digits. An alias deployed before its locales were enabled
    /// explicitly has another hash, so the next deploy moves it once more with the settings.
    #[must_use]
    pub fn hash(&self, role: &str) -> String {
        use sha2::Digest as _;
        let mut h = sha2::Sha256::new();
        h.update(&self.zip);
        h.update([0]);
        h.update(role.as_bytes());
        h.update([0]);
        h.update(ALIAS_SETTINGS.as_bytes());
        let digest = h.finalize();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }
}

impl Artifacts {
    /// The artifact named `name`.
    #[must_use]
    pub fn flow(&self, name: &str) -> Option<&FlowArtifact> {
        self.flows.iter().find(|f| f.name == name)
    }

    /// The bot named `name`.
    #[must_use]
    pub fn bot(&self, name: &str) -> Option<&BotArtifact> {
        self.bots.iter().find(|b| b.name == name)
    }
}

const FLOW_PREFIX: &str = "dialect-deploy:flow:";
const BOT_PREFIX: &str = "dialect-deploy:bot:";

/// The token standing for the ARN of the project's flow or module `name`.
#[must_use]
pub fn flow_token(name: &str) -> String {
    format!("{FLOW_PREFIX}{name}")
}

/// The token standing for the alias ARN of the project's bot `name`.
#[must_use]
pub fn bot_token(name: &str) -> String {
    format!("{BOT_PREFIX}{name}")
}

/// The names of the flows behind the flow tokens of `content`, sorted.
#[must_use]
pub fn flow_tokens(content: &str) -> BTreeSet<String> {
    tokens(content, FLOW_PREFIX)
}

/// The names of the bots behind the bot tokens of `content`, sorted.
#[must_use]
pub fn bot_tokens(content: &str) -> BTreeSet<String> {
    tokens(content, BOT_PREFIX)
}

fn tokens(content: &str, prefix: &str) -> BTreeSet<String> {
    let quoted = format!("\"{prefix}");
    content
        .match_indices(&quoted)
        .filter_map(|(i, _)| {
            let rest = &content[i + quoted.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

/// `content` with each flow token whose name `flows` knows, and each bot token whose name
/// `bots` knows, replaced by that value. Tokens are whole JSON strings, so a name is never
/// mistaken for the start of a longer one.
#[must_use]
pub fn resolve(
    content: &str,
    flows: &BTreeMap<String, String>,
    bots: &BTreeMap<String, String>,
) -> String {
    let mut out = content.to_owned();
    for (prefix, map) in [(FLOW_PREFIX, flows), (BOT_PREFIX, bots)] {
        for name in tokens(content, prefix) {
            if let Some(value) = map.get(&name) {
                let token = format!("\"{prefix}{name}\"");
                let json = serde_json::Value::String(value.clone()).to_string();
                out = out.replace(&token, &json);
            }
        }
    }
    out
}

/// Builds `model` for `env` (all checks, as `dialect build` does) with tokens for the project's
/// own flows, modules and bots, and returns what to deploy, or the diagnostics when the build is
/// not clean (errors only; warnings are returned with the artifacts).
///
/// # Errors
/// The diagnostics (all of them, sorted) when any is an error.
pub fn artifacts(
    model: &Model,
    sources: &SourceMap,
    env: &Environment,
    checks: &ChecksConfig,
) -> Result<(Artifacts, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut env = env.clone();
    for f in &model.flows {
        env.values.flows.insert(f.name.clone(), flow_token(&f.name));
    }
    // The project's bots are deployed too: flows get the alias ARN the deploy finds or makes.
    for b in &model.bots {
        env.values.bots.insert(b.name.clone(), bot_token(&b.name));
    }
    let mut diags = Vec::new();
    compile::check_environment(model, sources, &env, &mut diags);
    if diags.iter().any(is_error) {
        return Err(diags);
    }
    let output = build::build(model, &env, checks);
    // The CloudFormation template's own diagnostics (circular references between stack
    // resources, hours overrides) are about a way of deploying this one does not use: flows
    // that refer to each other get placeholders here.
    diags.extend(
        output
            .diagnostics
            .iter()
            .filter(|d| !cfn::ALL.iter().any(|c| c.id() == d.code.id()))
            .cloned(),
    );
    if output.has_errors() {
        return Err(diags);
    }
    let file = |path: &str| {
        output
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, bytes)| bytes.clone())
            .unwrap_or_default()
    };
    let flows = output
        .flows
        .iter()
        .map(|f| {
            let content = String::from_utf8(file(&build::flow_path(f))).unwrap_or_default();
            let kind = if f.kind == FlowKind::Module {
                Kind::Module
            } else {
                Kind::Flow
            };
            FlowArtifact {
                name: f.name.clone(),
                kind,
                flow_type: f.flow_type.api_name().to_owned(),
                description: f.description.clone(),
                flow_deps: flow_tokens(&content),
                content,
            }
        })
        .collect();
    let bots = model
        .bots
        .iter()
        .map(|b| {
            // `bots/<Bot>/<Bot>/Bot.json`, the bot's settings as the zip has them.
            let settings = output
                .files
                .iter()
                .find(|(p, _)| {
                    p.strip_prefix(&format!("bots/{}/", b.name))
                        .is_some_and(|rest| rest.ends_with("/Bot.json"))
                })
                .and_then(|(_, bytes)| serde_json::from_slice::<serde_json::Value>(bytes).ok())
                .unwrap_or_default();
            BotArtifact {
                name: b.name.clone(),
                locales: b.locales.iter().map(|l| l.locale.clone()).collect(),
                zip: file(&format!("bots/{}.zip", b.name)),
                child_directed: settings["dataPrivacy"]["childDirected"]
                    .as_bool()
                    .unwrap_or(false),
                idle_session_ttl: settings["idleSessionTTLInSeconds"]
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .unwrap_or(300),
            }
        })
        .collect();
    Ok((
        Artifacts {
            flows,
            bots,
            lex_role: env.values.lex.role.clone(),
        },
        diags,
    ))
}

fn is_error(d: &Diagnostic) -> bool {
    d.severity == dialect_compiler::diagnostics::Severity::Error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_whole_strings() {
        let content = r#"{"a":"dialect-deploy:flow:A","b":"dialect-deploy:flow:AB","c":"dialect-deploy:bot:Bot"}"#;
        assert_eq!(
            flow_tokens(content).into_iter().collect::<Vec<_>>(),
            ["A", "AB"]
        );
        let flows = BTreeMap::from([("A".to_owned(), "arn:a".to_owned())]);
        let bots = BTreeMap::from([("Bot".to_owned(), "arn:bot".to_owned())]);
        assert_eq!(
            resolve(content, &flows, &bots),
            r#"{"a":"arn:a","b":"dialect-deploy:flow:AB","c":"arn:bot"}"#
        );
    }
}
