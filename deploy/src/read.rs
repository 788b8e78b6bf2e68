//! Reading the instance: the project's bots (with the deploy's alias and whether Connect knows
//! it, their other aliases and their versions), and the project's flows and modules, found by name, with their content. Only reads; the
//! planner gets the result.

use std::collections::BTreeMap;

use crate::api::{ApiError, ConnectApi, Summary};
use crate::artifacts::{Artifacts, Kind};
use crate::lex_api::LexApi;
use crate::snapshot::{ALIAS, LiveBot, LiveFlow, Snapshot};

/// Lists the account's bots (and the aliases and versions of the project's ones) and the instance's bot
/// associations, then the instance's flows and modules, and describes those named like an
/// artifact of the same kind.
///
/// # Errors
/// The first failed call.
pub async fn read_snapshot(
    api: &(impl ConnectApi + LexApi),
    artifacts: &Artifacts,
) -> Result<Snapshot, ApiError> {
    let mut snapshot = Snapshot::default();
    if !artifacts.bots.is_empty() {
        let mut live = api.list_bots().await?;
        live.sort_by(|a, b| a.name.cmp(&b.name));
        for b in live
            .into_iter()
            .filter(|b| artifacts.bot(&b.name).is_some())
        {
            let (mut ours, other_aliases): (Vec<_>, Vec<_>) = api
                .list_bot_aliases(&b.id)
                .await?
                .into_iter()
                .partition(|a| a.name == ALIAS);
            let alias = ours.pop();
            let alias_arn = alias.as_ref().map(|a| api.alias_arn(&b.id, &a.id));
            // Numbered versions only: anything else (never expected) is never deleted.
            let mut versions: Vec<u64> = api
                .list_bot_versions(&b.id)
                .await?
                .iter()
                .filter_map(|v| v.parse().ok())
                .collect();
            versions.sort_unstable();
            versions.dedup();
            snapshot.bots.push(LiveBot {
                name: b.name,
                id: b.id,
                alias,
                alias_arn,
                other_aliases,
                versions,
            });
        }
        snapshot.associated = api.list_lex_bots().await?.into_iter().collect();
    }
    let wanted = |kind: Kind| -> BTreeMap<&str, ()> {
        artifacts
            .flows
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| (f.name.as_str(), ()))
            .collect()
    };
    for kind in [Kind::Module, Kind::Flow] {
        let names = wanted(kind);
        if names.is_empty() {
            continue;
        }
        let listed = match kind {
            Kind::Module => api.list_modules().await?,
            Kind::Flow => api.list_flows().await?,
        };
        let mut by_name: BTreeMap<String, Vec<Summary>> = BTreeMap::new();
        for s in listed
            .into_iter()
            .filter(|s| names.contains_key(s.name.as_str()))
        {
            by_name.entry(s.name.clone()).or_default().push(s);
        }
        for (name, mut found) in by_name {
            if found.len() > 1 {
                snapshot.ambiguous.push((kind, name));
                continue;
            }
            let Some(s) = found.pop() else { continue };
            let content = match kind {
                Kind::Module => api.describe_module(&s.id).await?,
                Kind::Flow => api.describe_flow(&s.id).await?,
            };
            snapshot.flows.push(LiveFlow {
                name,
                kind,
                id: s.id,
                arn: s.arn,
                flow_type: s.flow_type,
                content,
            });
        }
    }
    Ok(snapshot)
}
