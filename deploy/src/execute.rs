//! The executor: performs a plan's operations in order through [`ConnectApi`], recording each
//! one applied. The first failure stops the run; the [`Report`] says what was applied and what
//! was not. Nothing is kept between runs: a rerun reads the instance again and plans only what
//! is still missing or different.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::api::{ApiError, ConnectApi};
use crate::artifacts::{self, Artifacts, Kind};
use crate::plan::{Content, Op, Plan, placeholder_content};
use crate::snapshot::Snapshot;

/// One applied operation and what it gave (the ARN of a created flow).
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
}

impl Report {
    /// Whether every operation was applied.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.failed.is_none()
    }

    /// The report as printed after a run.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        let total = self.applied.len() + self.failed.as_ref().map_or(0, |(_, rest)| rest.len());
        match &self.failed {
            None => {
                let _ = writeln!(out, "Applied {total} operation{}:", plural(total));
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

/// Performs `plan` (made from `artifacts` and `snapshot`), stopping at the first failure.
pub async fn execute(
    api: &impl ConnectApi,
    artifacts: &Artifacts,
    snapshot: &Snapshot,
    plan: &Plan,
) -> Report {
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
    };
    for (i, op) in plan.ops.iter().enumerate() {
        match apply(api, artifacts, op, &mut ids, &mut arns).await {
            Ok(arn) => report.applied.push(Applied {
                op: op.clone(),
                arn,
            }),
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
) -> Result<String, ApiError> {
    let Some(a) = artifacts.flow(op.name()) else {
        return Err(internal(
            op,
            "the plan names a flow the build does not have",
        ));
    };
    let content = |arns: &BTreeMap<String, String>| -> Result<String, ApiError> {
        let text = artifacts::resolve(&a.content, arns, &BTreeMap::new());
        match artifacts::flow_tokens(&text).into_iter().next() {
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
    }
}

fn internal(op: &Op, message: &str) -> ApiError {
    ApiError {
        operation: op.api(),
        message: format!("{} `{}`: {message}", op.api(), op.name()),
    }
}
