//! The planner (pure): what to build and what exists → the ordered operations of a deploy, each
//! with its reason, and the step-level diff of each changed flow.
//!
//! Order: the project's bots first (import the definition, build each locale, make a version,
//! move the alias `dialect` to it, associate the alias with the instance), then modules before the flows that run them, every flow after the flows it refers to
//! (a topological order of the references, modules first on ties, then by name). A flow that
//! refers to one not written yet (a cycle, or a flow that transfers to itself) makes that one be
//! created first with placeholder content and filled in when its turn comes. Flows are matched
//! with the instance by name and updated in place; unchanged content means no operation, so a
//! second deploy of the same commit only reads. A bot is matched by name and left alone when
//! its alias carries the content hash of the build's definition (so it is only read); otherwise
//! it goes through every step again, which also finishes a bot an interrupted run left half done.
//! Last come the deletions of each bot's old versions beyond the newest `keep` ([`crate::prune`]):
//! after the flows, so a failed deletion never stops a flow from being written; only a bot at
//! Lex's version quota has its oldest unused versions deleted before `CreateBotVersion`.

use std::collections::{BTreeMap, BTreeSet};

use dialect_compiler::connect::limits::{MAX_CONTENT_CHARS, MAX_FLOW_NAME_CHARS};

use crate::artifacts::{self, Artifacts, BotArtifact, FlowArtifact, Kind};
use crate::diff;
use crate::prune;
use crate::snapshot::{ALIAS, Snapshot};

/// One step of deploying a bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BotStep {
    /// `CreateUploadUrl`, the upload of the zip, `StartImport` (overwriting the draft), and
    /// `DescribeImport` until it completes. `new`: the bot does not exist yet.
    Import { new: bool },
    /// `BuildBotLocale`, and `DescribeBotLocale` until it is built.
    Build { locale: String },
    /// `CreateBotVersion` from the draft, and `DescribeBotVersion` until it is available.
    Version,
    /// `CreateBotAlias` [`ALIAS`] at the new version, with the content hash.
    CreateAlias,
    /// `UpdateBotAlias` [`ALIAS`] to the new version, with the content hash.
    UpdateAlias,
    /// Connect's `AssociateBot` with the alias ARN.
    Associate,
    /// `DeleteBotVersion` of an old numbered version no alias uses. `room`: deleted before
    /// `CreateBotVersion` because the bot is at Lex's quota (a failure stops the run); otherwise
    /// a clean-up at the end of the run (a failure is reported, and the run goes on).
    DeleteVersion { version: u64, room: bool },
}

/// What an operation writes as a flow's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// The artifact's content (its tokens resolved when the operation runs).
    Final,
    /// A one-action flow that does nothing, so that other flows can refer to this one before
    /// its own content can be written.
    Placeholder,
}

/// One write, in plan order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `CreateContactFlow` or `CreateContactFlowModule`.
    Create {
        kind: Kind,
        name: String,
        content: Content,
        reason: String,
    },
    /// `UpdateContactFlowContent` or `UpdateContactFlowModuleContent`.
    Update {
        kind: Kind,
        name: String,
        reason: String,
    },
    /// A step of deploying the bot `name`.
    Bot {
        name: String,
        step: BotStep,
        reason: String,
    },
}

impl Op {
    /// The Connect API operation this performs.
    #[must_use]
    pub fn api(&self) -> &'static str {
        match self {
            Op::Create {
                kind: Kind::Flow, ..
            } => "CreateContactFlow",
            Op::Create {
                kind: Kind::Module, ..
            } => "CreateContactFlowModule",
            Op::Update {
                kind: Kind::Flow, ..
            } => "UpdateContactFlowContent",
            Op::Update {
                kind: Kind::Module, ..
            } => "UpdateContactFlowModuleContent",
            Op::Bot { step, .. } => match step {
                BotStep::Import { .. } => "StartImport",
                BotStep::Build { .. } => "BuildBotLocale",
                BotStep::Version => "CreateBotVersion",
                BotStep::CreateAlias => "CreateBotAlias",
                BotStep::UpdateAlias => "UpdateBotAlias",
                BotStep::Associate => "AssociateBot",
                BotStep::DeleteVersion { .. } => "DeleteBotVersion",
            },
        }
    }

    /// The name of the flow or module written.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Op::Create { name, .. } | Op::Update { name, .. } | Op::Bot { name, .. } => name,
        }
    }

    /// Why the plan has this operation.
    #[must_use]
    pub fn reason(&self) -> &str {
        match self {
            Op::Create { reason, .. } | Op::Update { reason, .. } | Op::Bot { reason, .. } => {
                reason
            }
        }
    }

    /// Whether this is a clean-up at the end of the run, whose failure does not stop it.
    #[must_use]
    pub fn is_cleanup(&self) -> bool {
        matches!(
            self,
            Op::Bot {
                step: BotStep::DeleteVersion { room: false, .. },
                ..
            }
        )
    }

    /// One line: `CreateContactFlow PhoneOrder (placeholder)`, `BuildBotLocale OrderBot ja_JP`,
    /// `DeleteBotVersion OrderBot 4`.
    #[must_use]
    pub fn summary(&self) -> String {
        let extra = match self {
            Op::Create {
                content: Content::Placeholder,
                ..
            } => " (placeholder)".to_owned(),
            Op::Bot { step, .. } => match step {
                BotStep::Import { new: true } => " (new bot)".to_owned(),
                BotStep::Build { locale } => format!(" {locale}"),
                BotStep::CreateAlias | BotStep::UpdateAlias => format!(" {ALIAS}"),
                BotStep::DeleteVersion { version, .. } => format!(" {version}"),
                _ => String::new(),
            },
            _ => String::new(),
        };
        format!("{} {}{extra}", self.api(), self.name())
    }
}

/// What the plan does with one artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Create,
    /// Updated; the step-level diff of its content (empty when the live content could not be
    /// compared, e.g. a placeholder created by an interrupted run).
    Update {
        diff: String,
    },
    Unchanged,
}

/// One artifact and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub name: String,
    pub flow_type: String,
    pub change: Change,
}

/// What the plan does with one bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotEntry {
    pub name: String,
    pub locales: Vec<String>,
    /// `Update` has an empty diff: the live definition is compared by its hash only.
    pub change: Change,
}

/// A deploy's plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Every bot, by name (they are written first).
    pub bots: Vec<BotEntry>,
    /// Every flow and module, in write order.
    pub entries: Vec<Entry>,
    /// The writes, in order.
    pub ops: Vec<Op>,
    /// What the deploy leaves to other means.
    pub notes: Vec<String>,
}

impl Plan {
    /// Whether the deploy writes nothing.
    #[must_use]
    pub fn is_noop(&self) -> bool {
        self.ops.is_empty()
    }

    /// How many old bot versions the plan deletes.
    #[must_use]
    pub fn deletions(&self) -> usize {
        self.ops
            .iter()
            .filter(|o| {
                matches!(
                    o,
                    Op::Bot {
                        step: BotStep::DeleteVersion { .. },
                        ..
                    }
                )
            })
            .count()
    }
}

/// Something that stops the deploy before its first write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub name: String,
    pub message: String,
}

/// Plans the deploy of `artifacts` onto the instance described by `snapshot`, keeping the
/// `keep` newest versions of each bot (at least 1).
///
/// # Errors
/// Every reason not to write anything: a name the instance has twice, a flow whose live type
/// differs (Connect cannot change a flow's type), names and contents over Connect's limits.
pub fn plan(artifacts: &Artifacts, snapshot: &Snapshot, keep: usize) -> Result<Plan, Vec<Invalid>> {
    validate(artifacts, snapshot)?;
    let order = write_order(&artifacts.flows);
    // ARNs known now: the live flows of the project. Created flows get theirs when they run.
    let live_arns: BTreeMap<String, String> = snapshot
        .flows
        .iter()
        .map(|f| (f.name.clone(), f.arn.clone()))
        .collect();
    let mut available: BTreeSet<String> = live_arns.keys().cloned().collect();
    let mut placeholders: BTreeSet<String> = BTreeSet::new();
    let preview = preview_arns(&live_arns, artifacts);
    let mut out = Plan::default();
    let mut bot_preview = BTreeMap::new();
    let mut cleanup = Vec::new();
    for b in &artifacts.bots {
        let arn = plan_bot(
            b,
            artifacts.lex_role.as_deref().unwrap_or_default(),
            snapshot,
            keep,
            &mut out,
            &mut cleanup,
        );
        bot_preview.insert(b.name.clone(), arn);
    }
    for a in order {
        let missing: Vec<&String> = a
            .flow_deps
            .iter()
            .filter(|d| !available.contains(*d))
            .collect();
        for dep in missing {
            let Some(d) = artifacts.flow(dep) else {
                continue;
            };
            out.ops.push(Op::Create {
                kind: d.kind,
                name: d.name.clone(),
                content: Content::Placeholder,
                reason: format!(
                    "new; {} `{}` refers to it before its content can be written",
                    a.kind.as_str(),
                    a.name
                ),
            });
            available.insert(d.name.clone());
            placeholders.insert(d.name.clone());
        }
        let change = if placeholders.contains(&a.name) {
            out.ops.push(Op::Update {
                kind: a.kind,
                name: a.name.clone(),
                reason: "fills in the placeholder created above".to_owned(),
            });
            Change::Create
        } else if let Some(live) = snapshot.flow(a.kind, &a.name) {
            let new = artifacts::resolve(&a.content, &preview, &bot_preview);
            if diff::same_content(&live.content, &new) {
                Change::Unchanged
            } else {
                out.ops.push(Op::Update {
                    kind: a.kind,
                    name: a.name.clone(),
                    reason: "content differs from the instance".to_owned(),
                });
                Change::Update {
                    diff: diff::step_diff(&a.name, &live.content, &new),
                }
            }
        } else {
            out.ops.push(Op::Create {
                kind: a.kind,
                name: a.name.clone(),
                content: Content::Final,
                reason: "not in the instance".to_owned(),
            });
            available.insert(a.name.clone());
            Change::Create
        };
        out.entries.push(Entry {
            kind: a.kind,
            name: a.name.clone(),
            flow_type: a.flow_type.clone(),
            change,
        });
    }
    out.ops.extend(cleanup);
    Ok(out)
}

/// Plans the steps of the bot `b` into `out`, and the deletions of its old versions at the end of
/// the run into `cleanup`; returns the alias ARN flows will use (the live one, or `(new bot alias
/// NAME)` for the preview of flow content).
fn plan_bot(
    b: &BotArtifact,
    role: &str,
    snapshot: &Snapshot,
    keep: usize,
    out: &mut Plan,
    cleanup: &mut Vec<Op>,
) -> String {
    let hash = b.hash(role);
    let live = snapshot.bot(&b.name);
    let alias = live.and_then(|l| l.alias.as_ref());
    let arn = live
        .and_then(|l| l.alias_arn.clone())
        .unwrap_or_else(|| format!("(new bot alias {})", b.name));
    let step = |step: BotStep, reason: &str| Op::Bot {
        name: b.name.clone(),
        step,
        reason: reason.to_owned(),
    };
    let current = alias.is_some_and(|a| {
        a.version.is_some() && a.description.as_deref().is_some_and(|d| d.contains(&hash))
    });
    let pruning = live.map(|l| prune::prune(l, !current, keep));
    let change = if current {
        Change::Unchanged
    } else {
        let (change, reason) = match (live, alias) {
            (None, _) => (Change::Create, "not in the account"),
            (Some(_), None) => (
                Change::Update {
                    diff: String::new(),
                },
                "the bot has no alias `dialect` (new, or an earlier deploy stopped before it)",
            ),
            (Some(_), Some(_)) => (
                Change::Update {
                    diff: String::new(),
                },
                "the definition differs from the one on alias `dialect` (content hash)",
            ),
        };
        out.ops.push(step(
            BotStep::Import {
                new: live.is_none(),
            },
            reason,
        ));
        for locale in &b.locales {
            out.ops.push(step(
                BotStep::Build {
                    locale: locale.clone(),
                },
                "the imported draft must be built",
            ));
        }
        for version in pruning.iter().flat_map(|p| &p.before) {
            out.ops.push(step(
                BotStep::DeleteVersion {
                    version: *version,
                    room: true,
                },
                &prune::room_reason(),
            ));
        }
        out.ops
            .push(step(BotStep::Version, "a version of the built draft"));
        if alias.is_some() {
            out.ops.push(step(
                BotStep::UpdateAlias,
                "moves the alias to the new version (its ARN stays the same)",
            ));
        } else {
            out.ops.push(step(
                BotStep::CreateAlias,
                "the alias flows use, at the new version",
            ));
        }
        change
    };
    let associated = live
        .and_then(|l| l.alias_arn.as_ref())
        .is_some_and(|a| snapshot.associated.contains(a));
    if !associated {
        out.ops.push(step(
            BotStep::Associate,
            "flows can only use a bot associated with the instance",
        ));
    }
    if let Some(p) = &pruning {
        let reason = prune::reason(p, !current, keep);
        for version in &p.after {
            cleanup.push(step(
                BotStep::DeleteVersion {
                    version: *version,
                    room: false,
                },
                &reason,
            ));
        }
        out.notes
            .extend(prune::held_note(&b.name, &p.held, keep.max(1)));
    }
    out.bots.push(BotEntry {
        name: b.name.clone(),
        locales: b.locales.clone(),
        change,
    });
    arn
}

/// ARNs for the preview of new content: live ones, and `(new flow NAME)` for the others so the
/// diff reads well.
fn preview_arns(
    live: &BTreeMap<String, String>,
    artifacts: &Artifacts,
) -> BTreeMap<String, String> {
    artifacts
        .flows
        .iter()
        .map(|f| {
            let arn = live
                .get(&f.name)
                .cloned()
                .unwrap_or_else(|| format!("(new {} {})", f.kind.as_str(), f.name));
            (f.name.clone(), arn)
        })
        .collect()
}

/// The artifacts in write order: each after the ones it refers to, modules first, then by name;
/// a cycle is broken at its first member in that order.
fn write_order(flows: &[FlowArtifact]) -> Vec<&FlowArtifact> {
    let names: BTreeSet<&str> = flows.iter().map(|f| f.name.as_str()).collect();
    let mut remaining: BTreeMap<(Kind, &str), &FlowArtifact> = flows
        .iter()
        .map(|f| ((f.kind, f.name.as_str()), f))
        .collect();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    while !remaining.is_empty() {
        let ready = remaining
            .iter()
            .find(|(_, f)| {
                f.flow_deps.iter().all(|d| {
                    d == &f.name || done.contains(d.as_str()) || !names.contains(d.as_str())
                })
            })
            .map(|(k, _)| *k);
        // A cycle: the first remaining one goes now, the others wait for it.
        let key = ready.unwrap_or_else(|| *remaining.keys().next().unwrap_or(&(Kind::Flow, "")));
        let Some(f) = remaining.remove(&key) else {
            break;
        };
        done.insert(f.name.as_str());
        out.push(f);
    }
    out
}

/// Lex V2's limit on a bot's name (and the pattern: letters and digits, single `_` or `-`
/// between them).
pub const MAX_BOT_NAME_CHARS: usize = 100;
/// Lex V2's limit on an imported zip (`StartImport`: 50 MB).
pub const MAX_BOT_ZIP_BYTES: usize = 50 * 1024 * 1024;

fn valid_lex_name(name: &str) -> bool {
    let mut prev_sep = true;
    for c in name.chars() {
        match c {
            '0'..='9' | 'a'..='z' | 'A'..='Z' => prev_sep = false,
            '_' | '-' if !prev_sep => prev_sep = true,
            _ => return false,
        }
    }
    !name.is_empty() && name.chars().count() <= MAX_BOT_NAME_CHARS
}

/// Whether `arn` is an IAM role ARN (`arn:PARTITION:iam::ACCOUNT:role/NAME`).
#[must_use]
pub fn valid_role_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(
        parts.as_slice(),
        ["arn", partition, "iam", "", account, resource]
            if !partition.is_empty()
                && account.len() == 12
                && account.chars().all(|c| c.is_ascii_digit())
                && resource.strip_prefix("role/").is_some_and(|r| !r.is_empty())
    )
}

fn validate_bots(artifacts: &Artifacts, problems: &mut Vec<Invalid>) {
    let Some(first) = artifacts.bots.first() else {
        return;
    };
    match artifacts.lex_role.as_deref() {
        None => problems.push(Invalid {
            name: first.name.clone(),
            message: "deploying a bot needs the IAM role Lex runs it with: add `[lex] role = \"arn:aws:iam::ACCOUNT:role/NAME\"` to the environment file".to_owned(),
        }),
        Some(role) if !valid_role_arn(role) => problems.push(Invalid {
            name: first.name.clone(),
            message: format!("the environment's `[lex] role` `{role}` is not an IAM role ARN (`arn:aws:iam::ACCOUNT:role/NAME`)"),
        }),
        Some(_) => {}
    }
    for b in &artifacts.bots {
        if !valid_lex_name(&b.name) {
            problems.push(Invalid {
                name: b.name.clone(),
                message: format!("Lex V2 bot names are 1 to {MAX_BOT_NAME_CHARS} letters and digits, with single `_` or `-` between them"),
            });
        }
        if b.locales.is_empty() {
            problems.push(Invalid {
                name: b.name.clone(),
                message: "the bot has no locale: Lex cannot build it".to_owned(),
            });
        }
        if b.zip.is_empty() || b.zip.len() > MAX_BOT_ZIP_BYTES {
            problems.push(Invalid {
                name: b.name.clone(),
                message: format!(
                    "the bot's import zip is {} bytes (Lex takes 1 to {MAX_BOT_ZIP_BYTES})",
                    b.zip.len()
                ),
            });
        }
    }
}

fn validate(artifacts: &Artifacts, snapshot: &Snapshot) -> Result<(), Vec<Invalid>> {
    let mut problems = Vec::new();
    validate_bots(artifacts, &mut problems);
    for (kind, name) in &snapshot.ambiguous {
        problems.push(Invalid {
            name: name.clone(),
            message: format!(
                "the instance has several {}s named `{name}`; rename or delete the extra ones",
                kind.as_str()
            ),
        });
    }
    for a in &artifacts.flows {
        if a.name.chars().count() > MAX_FLOW_NAME_CHARS {
            problems.push(Invalid {
                name: a.name.clone(),
                message: format!(
                    "the name is longer than Connect's {MAX_FLOW_NAME_CHARS} characters"
                ),
            });
        }
        if a.content.chars().count() > MAX_CONTENT_CHARS {
            problems.push(Invalid {
                name: a.name.clone(),
                message: format!(
                    "the content is {} characters, over Connect's {MAX_CONTENT_CHARS}",
                    a.content.chars().count()
                ),
            });
        }
        if let Some(live) = snapshot.flow(a.kind, &a.name)
            && let Some(t) = &live.flow_type
            && a.kind == Kind::Flow
            && *t != a.flow_type
        {
            problems.push(Invalid {
                name: a.name.clone(),
                message: format!(
                    "the instance's flow `{}` is of type {t}, the project's is {}; Connect cannot change a flow's type: rename one of them",
                    a.name, a.flow_type
                ),
            });
        }
        for dep in &a.flow_deps {
            if artifacts.flow(dep).is_none() {
                problems.push(Invalid {
                    name: a.name.clone(),
                    message: format!("refers to `{dep}`, which is not part of the project"),
                });
            }
        }
        for bot in artifacts::bot_tokens(&a.content) {
            if artifacts.bot(&bot).is_some() {
                continue;
            }
            problems.push(Invalid {
                name: a.name.clone(),
                message: format!("uses the bot `{bot}`, whose alias ARN is not known"),
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The placeholder content for a flow of `kind` and type `flow_type`: one action that ends it
/// (an action allowed in that type of flow).
#[must_use]
pub fn placeholder_content(kind: Kind, flow_type: &str) -> String {
    let action = match (kind, flow_type) {
        (Kind::Module, _) => "EndFlowModuleExecution",
        (_, "AGENT_WHISPER" | "CUSTOMER_WHISPER" | "OUTBOUND_WHISPER" | "CUSTOMER_QUEUE") => {
            "EndFlowExecution"
        }
        _ => "DisconnectParticipant",
    };
    format!(
        r#"{{"Version":"2019-10-30","StartAction":"placeholder","Actions":[{{"Identifier":"placeholder","Type":"{action}","Parameters":{{}},"Transitions":{{}}}}]}}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::artifacts::flow_token;
    use crate::snapshot::LiveFlow;

    fn flow(name: &str, refers_to: &[&str]) -> FlowArtifact {
        let refs: Vec<String> = refers_to
            .iter()
            .map(|r| format!("\"{}\"", flow_token(r)))
            .collect();
        let content = format!(r#"{{"Version":"2019-10-30","Refs":[{}]}}"#, refs.join(","));
        FlowArtifact {
            name: name.to_owned(),
            kind: Kind::Flow,
            flow_type: "CONTACT_FLOW".to_owned(),
            description: None,
            flow_deps: artifacts::flow_tokens(&content),
            content,
        }
    }

    fn live(name: &str, flow_type: &str, content: &str) -> LiveFlow {
        LiveFlow {
            name: name.to_owned(),
            kind: Kind::Flow,
            id: format!("id-{name}"),
            arn: format!("arn:{name}"),
            flow_type: Some(flow_type.to_owned()),
            content: content.to_owned(),
        }
    }

    fn summaries(plan: &Plan) -> Vec<String> {
        plan.ops.iter().map(Op::summary).collect()
    }

    #[test]
    fn a_flow_that_transfers_to_itself_is_created_as_a_placeholder_then_filled_in() {
        let a = Artifacts {
            flows: vec![flow("Loop", &["Loop"])],
            bots: Vec::new(),
            lex_role: None,
        };
        let plan = plan(&a, &Snapshot::default(), 3).unwrap();
        assert_eq!(
            summaries(&plan),
            [
                "CreateContactFlow Loop (placeholder)",
                "UpdateContactFlowContent Loop"
            ]
        );
    }

    #[test]
    fn flows_are_written_after_the_flows_they_refer_to() {
        let a = Artifacts {
            flows: vec![flow("A", &["C"]), flow("B", &[]), flow("C", &["B"])],
            bots: Vec::new(),
            lex_role: None,
        };
        let plan = plan(&a, &Snapshot::default(), 3).unwrap();
        assert_eq!(
            summaries(&plan),
            [
                "CreateContactFlow B",
                "CreateContactFlow C",
                "CreateContactFlow A"
            ]
        );
    }

    #[test]
    fn an_existing_flow_with_the_same_meaning_is_left_alone() {
        let a = Artifacts {
            flows: vec![flow("A", &["B"]), flow("B", &[])],
            bots: Vec::new(),
            lex_role: None,
        };
        // The live content of A refers to B's live ARN, with other formatting.
        let snapshot = Snapshot {
            flows: vec![
                live(
                    "A",
                    "CONTACT_FLOW",
                    r#"{ "Refs": ["arn:B"], "Version": "2019-10-30" }"#,
                ),
                live("B", "CONTACT_FLOW", r#"{"Version":"2019-10-30","Refs":[]}"#),
            ],
            ambiguous: Vec::new(),
            ..Snapshot::default()
        };
        let plan = plan(&a, &snapshot, 3).unwrap();
        assert!(plan.is_noop(), "{:?}", plan.ops);
        assert!(plan.entries.iter().all(|e| e.change == Change::Unchanged));
    }

    #[test]
    fn nothing_is_planned_when_the_instance_cannot_take_the_build() {
        let a = Artifacts {
            flows: vec![flow("A", &[]), flow("B", &[])],
            bots: Vec::new(),
            lex_role: None,
        };
        let snapshot = Snapshot {
            flows: vec![live("A", "CUSTOMER_QUEUE", "{}")],
            ambiguous: vec![(Kind::Flow, "B".to_owned())],
            ..Snapshot::default()
        };
        let problems = plan(&a, &snapshot, 3).unwrap_err();
        let names: Vec<&str> = problems.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["B", "A"]);
        assert!(problems[1].message.contains("type CUSTOMER_QUEUE"));
    }

    #[test]
    fn placeholders_use_an_action_the_flow_type_allows() {
        assert!(placeholder_content(Kind::Module, "").contains("EndFlowModuleExecution"));
        assert!(placeholder_content(Kind::Flow, "CUSTOMER_QUEUE").contains("EndFlowExecution"));
        assert!(placeholder_content(Kind::Flow, "CONTACT_FLOW").contains("DisconnectParticipant"));
    }
}
