//! Pruning a bot's old versions (pure): which numbered versions a deploy deletes so that each bot
//! keeps only its newest few. Lex V2 allows [`MAX_BOT_VERSIONS`] versions per bot (a quota that
//! cannot be raised), and every deploy of a changed bot makes one, so without pruning a team
//! that deploys on every merge reaches it and every deploy after that fails.
//!
//! Never deleted: `DRAFT` (not a numbered version), a version any alias points to (after the
//! alias `dialect` has moved), and the newest ones. The deletions run last, after the flows are
//! written; only when the bot is already at the quota are the oldest unused versions deleted
//! before `CreateBotVersion`, to make room for the new one.

use std::collections::BTreeMap;

use crate::snapshot::LiveBot;

/// Lex V2's quota of versions per bot ("Versions per bot", not adjustable).
pub const MAX_BOT_VERSIONS: usize = 100;

/// How many versions a deploy keeps by default: the one the alias uses and two before it, to
/// point the alias back by hand if a release goes wrong.
pub const DEFAULT_KEEP_BOT_VERSIONS: u8 = 3;

/// What to delete of one bot's versions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruning {
    /// Deleted before `CreateBotVersion` so the new version fits under the quota, oldest first.
    pub before: Vec<u64>,
    /// Deleted at the end of the run, oldest first.
    pub after: Vec<u64>,
    /// The existing versions kept as the newest, newest first.
    pub kept: Vec<u64>,
    /// Older versions kept because aliases use them: the version and the aliases' names.
    pub held: Vec<(u64, Vec<String>)>,
}

/// The versions of `bot` to delete so that it keeps its `keep` newest (at least 1; the new
/// version counts when `versioning`, i.e. when the deploy makes one and moves the alias
/// `dialect` to it).
#[must_use]
pub fn prune(bot: &LiveBot, versioning: bool, keep: usize) -> Pruning {
    let keep = keep.max(1);
    // The versions aliases will use once the deploy is done.
    let mut in_use: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let aliases = bot
        .other_aliases
        .iter()
        .chain(bot.alias.iter().filter(|_| !versioning));
    for a in aliases {
        if let Some(v) = a.version.as_deref().and_then(|v| v.parse().ok()) {
            in_use.entry(v).or_default().push(a.name.clone());
        }
    }
    let newest = if versioning { keep - 1 } else { keep };
    let split = bot.versions.len().saturating_sub(newest);
    let (older, kept) = bot.versions.split_at(split);
    let mut out = Pruning {
        kept: kept.iter().rev().copied().collect(),
        ..Pruning::default()
    };
    for v in older {
        match in_use.get(v) {
            Some(names) => out.held.push((*v, names.clone())),
            None => out.after.push(*v),
        }
    }
    if versioning && bot.versions.len() >= MAX_BOT_VERSIONS {
        // Until it moves, the alias `dialect` still uses its version.
        let current: Option<u64> = bot
            .alias
            .as_ref()
            .and_then(|a| a.version.as_deref())
            .and_then(|v| v.parse().ok());
        let need = bot.versions.len() + 1 - MAX_BOT_VERSIONS;
        let early: Vec<u64> = out
            .after
            .iter()
            .copied()
            .filter(|v| Some(*v) != current)
            .take(need)
            .collect();
        out.after.retain(|v| !early.contains(v));
        out.before = early;
    }
    out
}

/// The reason of a deletion at the end of the run: `keeps the 3 newest versions (the new one,
/// 7 and 6); no alias uses it`.
#[must_use]
pub fn reason(p: &Pruning, versioning: bool, keep: usize) -> String {
    let mut kept: Vec<String> = Vec::new();
    if versioning {
        kept.push("the new one".to_owned());
    }
    kept.extend(p.kept.iter().map(u64::to_string));
    format!(
        "keeps the {keep} newest version{} ({}); no alias uses it",
        if keep == 1 { "" } else { "s" },
        and_list(&kept)
    )
}

/// The reason of a deletion before `CreateBotVersion`.
#[must_use]
pub fn room_reason() -> String {
    format!(
        "makes room for the new version (Lex allows {MAX_BOT_VERSIONS} versions per bot); no alias uses it"
    )
}

/// The note for older versions kept because an alias uses them.
#[must_use]
pub fn held_note(bot: &str, held: &[(u64, Vec<String>)], keep: usize) -> Option<String> {
    if held.is_empty() {
        return None;
    }
    let parts: Vec<String> = held
        .iter()
        .map(|(v, names)| {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("{v} (alias {})", and_list(&names))
        })
        .collect();
    Some(format!(
        "bot `{bot}`: kept although older than the {keep} newest, as an alias uses {}: {}",
        if held.len() == 1 { "it" } else { "them" },
        and_list(&parts)
    ))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex_api::AliasSummary;
    use crate::snapshot::ALIAS;

    fn alias(name: &str, version: &str) -> AliasSummary {
        AliasSummary {
            name: name.to_owned(),
            id: format!("id-{name}"),
            description: None,
            version: Some(version.to_owned()),
        }
    }

    fn bot(
        versions: std::ops::RangeInclusive<u64>,
        dialect: &str,
        others: &[(&str, &str)],
    ) -> LiveBot {
        LiveBot {
            name: "Orders".to_owned(),
            id: "BOTID".to_owned(),
            alias: Some(alias(ALIAS, dialect)),
            alias_arn: None,
            other_aliases: others.iter().map(|(n, v)| alias(n, v)).collect(),
            versions: versions.collect(),
        }
    }

    #[test]
    fn a_new_version_counts_among_the_kept_and_the_old_alias_version_may_go() {
        let p = prune(&bot(1..=5, "5", &[]), true, 3);
        assert_eq!(p.kept, [5, 4]);
        assert_eq!(p.after, [1, 2, 3]);
        assert!(p.before.is_empty() && p.held.is_empty());
        assert_eq!(
            reason(&p, true, 3),
            "keeps the 3 newest versions (the new one, 5 and 4); no alias uses it"
        );
    }

    #[test]
    fn without_a_new_version_the_alias_version_is_kept_wherever_it_is() {
        // The alias was pointed back at 2 by hand.
        let p = prune(&bot(1..=6, "2", &[("TestBotAlias", "DRAFT")]), false, 3);
        assert_eq!(p.kept, [6, 5, 4]);
        assert_eq!(p.after, [1, 3]);
        assert_eq!(p.held, [(2, vec![ALIAS.to_owned()])]);
    }

    #[test]
    fn versions_other_aliases_use_are_never_deleted() {
        let p = prune(&bot(1..=4, "4", &[("prod", "1"), ("beta", "1")]), true, 1);
        assert!(p.kept.is_empty());
        assert_eq!(p.after, [2, 3, 4]);
        assert_eq!(p.held, [(1, vec!["prod".to_owned(), "beta".to_owned()])]);
        assert_eq!(
            held_note("Orders", &p.held, 1).unwrap(),
            "bot `Orders`: kept although older than the 1 newest, as an alias uses it: 1 (alias `prod` and `beta`)"
        );
    }

    #[test]
    fn nothing_to_delete_when_there_are_few_versions() {
        assert_eq!(
            prune(&bot(1..=2, "2", &[]), true, 3),
            Pruning {
                kept: vec![2, 1],
                ..Pruning::default()
            }
        );
        assert_eq!(
            prune(&bot(1..=3, "3", &[]), false, 3).after,
            Vec::<u64>::new()
        );
    }

    #[test]
    fn at_the_quota_the_oldest_unused_version_goes_before_the_new_one_is_made() {
        // 100 versions; the alias uses 1 (rolled back by hand), `prod` uses 2.
        let p = prune(&bot(1..=100, "1", &[("prod", "2")]), true, 3);
        assert_eq!(p.before, [3]);
        assert_eq!(p.after.first(), Some(&1));
        assert_eq!(p.after.len(), 96);
        assert!(!p.after.contains(&3));
    }
}
