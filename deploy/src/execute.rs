//! The executor: performs a plan's operations in order through [`ConnectApi`] and [`LexApi`]
//! (waiting for Lex's asynchronous steps through [`Poll`]), recording each one applied. The first
//! failure stops the run; the [`Report`] says what was applied and what was not. Clean-ups (the
//! deletions of old bot versions at the end) are the exception: the deploy is complete when they
//! run, so a failed one is reported as a warning and the others still run. Nothing is kept
//! between runs: a rerun reads the instance again and plans only what is still missing or
//! different (a deletion that failed included).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::api::{ApiError, ConnectApi};
use crate::artifacts::{self, Artifacts, Kind};
use crate::lex_api::{ImportSpec, LexApi};
use crate::plan::{BotStep, Content, Op, Plan, placeholder_content};
use crate::poll::{Poll, Sleeper};
use crate::snapshot::{ALIAS, Snapshot};

/// One applied operation and what it gave (the ARN of a written flow; for bot steps the bot id,
/// the version or the alias ARN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub op: Op,
    pub arn: String,
}

/// The outcome of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub applied: Vec<Applied>,
    /// The failure and the operations not applied (the failed one first).
    pub failed: Option<(ApiError, Vec<Op>)>,
    /// Clean-ups that failed (without stopping the run), with their errors.
    pub cleanup_failed: Vec<(Op, ApiError)>,
}

impl Report {
    /// Whether every operation was applied, clean-ups aside: what the build needs is in the
    /// instance.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.failed.is_none()
    }

    /// The report as printed after a run.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        let total = self.applied.len()
            + self.cleanup_failed.len()
            + self.failed.as_ref().map_or(0, |(_, rest)| rest.len());
        match &self.failed {
            None if self.cleanup_failed.is_empty() => {
                let _ = writeln!(out, "Applied {total} operation{}:", plural(total));
            }
            None => {
                let _ = writeln!(
                    out,
                    "Applied {} of {total} operation{}; the deploy is complete, but not its clean-up:",
                    self.applied.len(),
                    plural(total)
                );
            }
            Some((e, _)) => {
                let _ = writeln!(out, "error: {e}");
                let _ = writeln!(
                    out,
                    "Applied {} of {total} operation{} before the failure:",
                    self.applied.len(),
                    plural(total)
                );
            }
        }
        for (i, a) in self.applied.iter().enumerate() {
            let _ = writeln!(out, "  {:>2}. {}  ->  {}", i + 1, a.op.summary(), a.arn);
        }
        if !self.cleanup_failed.is_empty() {
            let _ = writeln!(out, "Clean-up that failed ({}):", self.cleanup_failed.len());
            for (op, e) in &self.cleanup_failed {
                let _ = writeln!(out, "  warning: {}: {e}", op.summary());
            }
            out.push_str(
                "The next deploy tries these again. Lex allows 100 versions per bot: once a bot has them all, its deploys fail.\n",
            );
        }
        if let Some((_, rest)) = &self.failed {
            let _ = writeln!(out, "Not applied ({}):", rest.len());
            for (i, op) in rest.iter().enumerate() {
                let mark = if i == 0 { "  (failed)" } else { "" };
                let _ = writeln!(
                    out,
                    "  {:>2}. {}{mark}",
                    self.applied.len() + i + 1,
                    op.summary()
                );
            }
            out.push_str(
                "Run the same command again to continue: it reads the instance again and plans only what is left.\n",
            );
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What the run knows of each bot: ids and ARNs read or returned so far.
#[derive(Debug, Default)]
struct Bots {
    ids: BTreeMap<String, String>,
    alias_ids: BTreeMap<String, String>,
    arns: BTreeMap<String, String>,
    versions: BTreeMap<String, String>,
}

/// Performs `plan` (made from `artifacts` and `snapshot`), stopping at the first failure.
pub async fn execute(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
    snapshot: &Snapshot,
    plan: &Plan,
    poll: &Poll<impl Sleeper>,
) -> Report {
    let mut bots = Bots::default();
    for b in &snapshot.bots {
        bots.ids.insert(b.name.clone(), b.id.clone());
        if let (Some(alias), Some(arn)) = (&b.alias, &b.alias_arn) {
            bots.alias_ids.insert(b.name.clone(), alias.id.clone());
            bots.arns.insert(b.name.clone(), arn.clone());
        }
    }
    let mut ids: BTreeMap<String, String> = snapshot
        .flows
        .iter()
        .map(|f| (f.name.clone(), f.id.clone()))
        .collect();
    let mut arns: BTreeMap<String, String> = snapshot
        .flows
        .iter()
        .map(|f| (f.name.clone(), f.arn.clone()))
        .collect();
    let mut report = Report {
        applied: Vec::new(),
        failed: None,
        cleanup_failed: Vec::new(),
    };
    for (i, op) in plan.ops.iter().enumerate() {
        let result = match op {
            Op::Bot { name, step, .. } => {
                apply_bot(api, artifacts, name, step, &mut bots, poll).await
            }
            _ => apply(api, artifacts, op, &mut ids, &mut arns, &bots.arns).await,
        };
        match result {
            Ok(arn) => report.applied.push(Applied {
                op: op.clone(),
                arn,
            }),
            Err(e) if op.is_cleanup() => report.cleanup_failed.push((op.clone(), e)),
            Err(e) => {
                report.failed = Some((e, plan.ops[i..].to_vec()));
                break;
            }
        }
    }
    report
}

async fn apply(
    api: &impl ConnectApi,
    artifacts: &Artifacts,
    op: &Op,
    ids: &mut BTreeMap<String, String>,
    arns: &mut BTreeMap<String, String>,
    bot_arns: &BTreeMap<String, String>,
) -> Result<String, ApiError> {
    let Some(a) = artifacts.flow(op.name()) else {
        return Err(internal(
            op,
            "the plan names a flow the build does not have",
        ));
    };
    let content = |arns: &BTreeMap<String, String>| -> Result<String, ApiError> {
        let text = artifacts::resolve(&a.content, arns, bot_arns);
        let missing = artifacts::flow_tokens(&text)
            .into_iter()
            .chain(artifacts::bot_tokens(&text))
            .next();
        match missing {
            Some(missing) => Err(internal(
                op,
                &format!("`{missing}` has no ARN yet (the plan's order is wrong)"),
            )),
            None => Ok(text),
        }
    };
    match op {
        Op::Create {
            kind,
            name,
            content: c,
            ..
        } => {
            let text = match c {
                Content::Final => content(arns)?,
                Content::Placeholder => placeholder_content(*kind, &a.flow_type),
            };
            let description = a.description.as_deref();
            let created = match kind {
                Kind::Flow => {
                    api.create_flow(name, &a.flow_type, description, &text)
                        .await?
                }
                Kind::Module => api.create_module(name, description, &text).await?,
            };
            ids.insert(name.clone(), created.id);
            arns.insert(name.clone(), created.arn.clone());
            Ok(created.arn)
        }
        Op::Update { kind, name, .. } => {
            let text = content(arns)?;
            let Some(id) = ids.get(name) else {
                return Err(internal(op, "no id for this flow"));
            };
            match kind {
                Kind::Flow => api.update_flow_content(id, &text).await?,
                Kind::Module => api.update_module_content(id, &text).await?,
            }
            Ok(arns.get(name).cloned().unwrap_or_default())
        }
        Op::Bot { .. } => Err(internal(op, "a bot step is not a flow write")),
    }
}

/// One step of deploying the bot `name`; returns what it gave (bot id, version, alias ARN).
async fn apply_bot(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
    name: &str,
    step: &BotStep,
    bots: &mut Bots,
    poll: &Poll<impl Sleeper>,
) -> Result<String, ApiError> {
    let fail = |operation: &'static str, message: &str| ApiError {
        operation,
        message: format!("{operation} `{name}`: {message}"),
    };
    let Some(b) = artifacts.bot(name) else {
        return Err(fail(
            "StartImport",
            "the plan names a bot the build does not have",
        ));
    };
    let hash = b.hash(artifacts.lex_role.as_deref().unwrap_or_default());
    let description = format!("Deployed by dialect deploy; definition {hash}");
    let id = |bots: &Bots, op: &'static str| {
        bots.ids
            .get(name)
            .cloned()
            .ok_or_else(|| fail(op, "no bot id (the import did not run)"))
    };
    match step {
        BotStep::Import { .. } => {
            let upload = api.create_upload_url().await?;
            api.upload(&upload.url, &b.zip).await?;
            let spec = ImportSpec {
                bot_name: name,
                role_arn: artifacts.lex_role.as_deref().unwrap_or_default(),
                child_directed: b.child_directed,
                idle_session_ttl: b.idle_session_ttl,
            };
            api.start_import(&upload.import_id, &spec).await?;
            let what = format!("the import of bot `{name}`");
            let bot_id = poll
                .until_done("DescribeImport", &what, || {
                    api.describe_import(&upload.import_id)
                })
                .await?
                .ok_or_else(|| fail("DescribeImport", "the completed import names no bot"))?;
            bots.ids.insert(name.to_owned(), bot_id.clone());
            Ok(bot_id)
        }
        BotStep::Build { locale } => {
            let bot_id = id(bots, "BuildBotLocale")?;
            api.build_bot_locale(&bot_id, locale).await?;
            let what = format!("the build of bot `{name}` locale {locale}");
            poll.until_done("DescribeBotLocale", &what, || {
                api.describe_bot_locale(&bot_id, locale)
            })
            .await?;
            Ok(format!("{locale} built"))
        }
        BotStep::Version => {
            let bot_id = id(bots, "CreateBotVersion")?;
            let version = api.create_bot_version(&bot_id, &b.locales).await?;
            let what = format!("version {version} of bot `{name}`");
            poll.until_done("DescribeBotVersion", &what, || {
                api.describe_bot_version(&bot_id, &version)
            })
            .await?;
            bots.versions.insert(name.to_owned(), version.clone());
            Ok(format!("version {version}"))
        }
        BotStep::CreateAlias | BotStep::UpdateAlias => {
            let op = if *step == BotStep::CreateAlias {
                "CreateBotAlias"
            } else {
                "UpdateBotAlias"
            };
            let bot_id = id(bots, op)?;
            let version = bots
                .versions
                .get(name)
                .cloned()
                .ok_or_else(|| fail(op, "no new version (CreateBotVersion did not run)"))?;
            let alias_id = match (step, bots.alias_ids.get(name)) {
                (BotStep::UpdateAlias, Some(alias_id)) => {
                    api.update_bot_alias(
                        &bot_id,
                        alias_id,
                        ALIAS,
                        &version,
                        &b.locales,
                        &description,
                    )
                    .await?;
                    alias_id.clone()
                }
                (BotStep::UpdateAlias, None) => return Err(fail(op, "no alias id")),
                _ => {
                    api.create_bot_alias(&bot_id, ALIAS, &version, &b.locales, &description)
                        .await?
                }
            };
            let arn = api.alias_arn(&bot_id, &alias_id);
            bots.alias_ids.insert(name.to_owned(), alias_id);
            bots.arns.insert(name.to_owned(), arn.clone());
            Ok(arn)
        }
        BotStep::Associate => {
            let arn = bots
                .arns
                .get(name)
                .cloned()
                .ok_or_else(|| fail("AssociateBot", "no alias ARN"))?;
            api.associate_lex_bot(&arn).await?;
            Ok(arn)
        }
        BotStep::DeleteVersion { version, .. } => {
            let bot_id = id(bots, "DeleteBotVersion")?;
            api.delete_bot_version(&bot_id, &version.to_string())
                .await?;
            Ok(format!("version {version} deleted"))
        }
    }
}

fn internal(op: &Op, message: &str) -> ApiError {
    ApiError {
        operation: op.api(),
        message: format!("{} `{}`: {message}", op.api(), op.name()),
    }
}
