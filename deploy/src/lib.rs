//! `dialect-deploy`: puts a build of a Dialect project into an Amazon Connect instance.
//!
//! ```text
//! Model ──artifacts::artifacts──▶ Artifacts (flow JSON with tokens for the project's own ARNs,
//!                                            bot import zips)
//! ConnectApi + LexApi ──read::read_snapshot──▶ Snapshot (the project's bots, flows and modules
//!                                                        found by name)
//! Artifacts + Snapshot ──plan::plan (pure)──▶ Plan (ordered ops with reasons, step-level diffs)
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
pub mod read;
pub mod render;
pub mod snapshot;

use api::{ApiError, ConnectApi};
use artifacts::Artifacts;
use execute::Report;
use lex_api::LexApi;
use plan::{Invalid, Plan};
use poll::{Poll, Sleeper};

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

/// Reads the instance, plans, and (unless `plan_only`) applies the plan, waiting for Lex with
/// the default [`Poll`] (real pauses).
pub async fn deploy(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
    plan_only: bool,
) -> Outcome {
    deploy_with(api, artifacts, plan_only, &Poll::default()).await
}

/// [`deploy`], waiting for Lex with `poll`.
pub async fn deploy_with(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
    plan_only: bool,
    poll: &Poll<impl Sleeper>,
) -> Outcome {
    let snapshot = match read::read_snapshot(api, artifacts).await {
        Ok(s) => s,
        Err(e) => return Outcome::ReadFailed(e),
    };
    let plan = match plan::plan(artifacts, &snapshot) {
        Ok(p) => p,
        Err(problems) => return Outcome::Invalid(problems),
    };
    if plan_only || plan.is_noop() {
        return Outcome::Planned(plan);
    }
    let report = execute::execute(api, artifacts, &snapshot, &plan, poll).await;
    Outcome::Ran(plan, report)
}
