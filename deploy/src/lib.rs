//! `dialect-deploy`: puts a build of a Dialect project into an Amazon Connect instance.
//!
//! ```text
//! Model ──artifacts::artifacts──▶ Artifacts (flow JSON with tokens for the project's own ARNs,
//!                                            bot import zips)
//! ConnectApi + LexApi ──read::read_snapshot──▶ Snapshot (the project's bots, flows and modules
//!                                                        found by name)
//! Artifacts + Snapshot ──plan::plan (pure, with prune::prune)──▶ Plan (ordered ops with
//!                                        reasons, step-level diffs, old bot versions to delete)
//! Plan ──execute::execute (through ConnectApi, LexApi, poll::Poll)──▶ Report (applied / not)
//! ```
//!
//! The only crate of the workspace that uses the AWS SDK; nothing depends on it, so the
//! everyday build never compiles the SDK. `dialect deploy` runs its binary.

pub mod api;
pub mod artifacts;
pub mod aws;
pub mod diff;
pub mod execute;
pub mod lex_api;
pub mod load;
pub mod plan;
pub mod poll;
pub mod prune;
pub mod read;
pub mod render;
pub mod snapshot;

use api::{ApiError, ConnectApi};
use artifacts::Artifacts;
use execute::Report;
use lex_api::LexApi;
use plan::{Invalid, Plan};
use poll::{Poll, Sleeper};

/// How a deploy runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `--plan`: read and plan, write nothing.
    pub plan_only: bool,
    /// `--keep-bot-versions`: how many of each bot's newest versions to keep (at least 1).
    pub keep_bot_versions: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            plan_only: false,
            keep_bot_versions: usize::from(prune::DEFAULT_KEEP_BOT_VERSIONS),
        }
    }
}

/// What a deploy run did.
#[derive(Debug)]
pub enum Outcome {
    /// `--plan`, or nothing to write: the plan, nothing written.
    Planned(Plan),
    /// The plan and what running it did.
    Ran(Plan, Report),
    /// The plan could not be made: nothing was written.
    Invalid(Vec<Invalid>),
    /// Reading the instance failed: nothing was written.
    ReadFailed(ApiError),
}

/// Reads the instance, plans, and (unless `options.plan_only`) applies the plan, waiting for
/// Lex with the default [`Poll`] (real pauses).
pub async fn deploy(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
    options: &Options,
) -> Outcome {
    deploy_with(api, artifacts, options, &Poll::default()).await
}

/// [`deploy`], waiting for Lex with `poll`.
pub async fn deploy_with(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
    options: &Options,
    poll: &Poll<impl Sleeper>,
) -> Outcome {
    let snapshot = match read::read_snapshot(api, artifacts).await {
        Ok(s) => s,
        Err(e) => return Outcome::ReadFailed(e),
    };
    let plan = match plan::plan(artifacts, &snapshot, options.keep_bot_versions) {
        Ok(p) => p,
        Err(problems) => return Outcome::Invalid(problems),
    };
    if options.plan_only || plan.is_noop() {
        return Outcome::Planned(plan);
    }
    let report = execute::execute(api, artifacts, &snapshot, &plan, poll).await;
    Outcome::Ran(plan, report)
}
