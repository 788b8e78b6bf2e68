//! Old bot versions: deploys in a row prune each bot to its newest `--keep-bot-versions`, after
//! the flows are written; a version another alias uses survives; `--plan` lists the deletions;
//! an unchanged redeploy deletes nothing; a failed deletion is a warning and the next deploy
//! retries it; a bot at Lex's quota gets room before its new version. And the alias enables
//! every locale of the bot.

use dialect_deploy::Outcome;
use dialect_deploy::artifacts::Artifacts;
use dialect_deploy::execute::Report;
use dialect_deploy::plan::Plan;
use dialect_deploy::render::render_plan;

use crate::bots::{ROLE, build_with};
use crate::fake::Fake;
use crate::{api, deploy_keeping, lines};

/// One bot in two locales, and a flow whose prompt changes with the bot (so a deploy of a new
/// release writes the bot and the flow).
fn release(n: u32) -> Artifacts {
    let source = format!(
        r#"bot Orders {{
  locale en_US
  locale ja_JP
  intent OrderProduct {{
    utterance "I want to order {n}"
  }}
}}

flow Main {{
  kind inbound
  on error -> bye

  start {{
    ask Orders "Release {n}: what would you like?" {{
      intent OrderProduct -> bye
      no match            -> bye
    }}
  }}

  bye {{
    hang up
  }}
}}
"#
    );
    build_with(
        &source,
        &format!("[connect]\nregion = \"ap-northeast-1\"\n[lex]\nrole = \"{ROLE}\"\n"),
    )
}

async fn run(fake: &Fake, a: &Artifacts, keep: usize) -> Report {
    match deploy_keeping(&api(fake), a, false, keep).await {
        Outcome::Ran(_, report) => report,
        other => panic!("expected a run, got {other:?}"),
    }
}

async fn plan(fake: &Fake, a: &Artifacts, keep: usize) -> Plan {
    match deploy_keeping(&api(fake), a, true, keep).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected a plan, got {other:?}"),
    }
}

fn versions(fake: &Fake) -> Vec<u64> {
    fake.state().lex.bots[0].version_numbers()
}

/// `n` releases in a row, each deployed completely.
async fn releases(fake: &Fake, n: u32, keep: usize) {
    for i in 1..=n {
        let report = run(fake, &release(i), keep).await;
        assert!(report.is_complete(), "{}", report.render());
    }
    fake.take_calls();
}

#[tokio::test]
async fn deploys_in_a_row_keep_the_newest_versions_and_delete_the_rest_last() {
    let fake = Fake::default();
    let mut seen = Vec::new();
    for i in 1..=5 {
        let report = run(&fake, &release(i), 3).await;
        assert!(report.is_complete(), "{}", report.render());
        seen.push(versions(&fake));
        let got = lines(&fake);
        if i == 4 {
            // The deletion comes after the alias moved and the flow was written.
            assert_eq!(
                &got[got.len() - 3..],
                [
                    "UpdateBotAlias Orders dialect 4 en_US:enabled,ja_JP:enabled",
                    "UpdateContactFlowContent Main",
                    "DeleteBotVersion Orders 1",
                ]
            );
        }
    }
    assert_eq!(
        seen,
        [
            vec![1],
            vec![1, 2],
            vec![1, 2, 3],
            vec![2, 3, 4],
            vec![3, 4, 5]
        ]
    );
    let st = fake.state();
    let bot = &st.lex.bots[0];
    assert_eq!(bot.aliases[0].2, "5");
    // Every locale of the bot is enabled on the alias (the update sends them again).
    assert_eq!(
        bot.alias_locales["ALIAS00001"],
        ["en_US:enabled", "ja_JP:enabled"]
    );
}

#[tokio::test]
async fn a_version_another_alias_uses_is_never_deleted() {
    let fake = Fake::default();
    releases(&fake, 2, 3).await;
    // Someone points an alias of their own at version 1.
    fake.state().lex.bots[0].aliases.push((
        "PRODALIAS1".to_owned(),
        "prod".to_owned(),
        "1".to_owned(),
        String::new(),
    ));
    let p = plan(&fake, &release(3), 1).await;
    assert_eq!(
        p.notes,
        [
            "bot `Orders`: kept although older than the 1 newest, as an alias uses it: 1 (alias `prod`)"
        ]
    );
    let report = run(&fake, &release(3), 1).await;
    assert!(report.is_complete(), "{}", report.render());
    let got = lines(&fake);
    assert_eq!(got.last().unwrap(), "DeleteBotVersion Orders 2");
    assert!(!got.contains(&"DeleteBotVersion Orders 1".to_owned()));
    assert_eq!(versions(&fake), [1, 3]);
}

#[tokio::test]
async fn the_plan_lists_the_deletions_and_writes_nothing() {
    let fake = Fake::default();
    releases(&fake, 3, 3).await;
    let p = plan(&fake, &release(4), 2).await;
    assert_eq!(p.deletions(), 2);
    assert_eq!(
        lines(&fake),
        [
            "ListBots",
            "ListBotAliases Orders",
            "ListBotVersions Orders",
            "ListBots (connect)",
            "ListContactFlows",
            "DescribeContactFlow Main",
        ]
    );
    assert_eq!(versions(&fake), [1, 2, 3]);
    insta::assert_snapshot!("bot_versions_plan", render_plan(&p));
}

#[tokio::test]
async fn an_unchanged_redeploy_makes_no_version_and_deletes_nothing() {
    let fake = Fake::default();
    releases(&fake, 4, 3).await;
    let p = plan(&fake, &release(4), 3).await;
    assert!(p.is_noop(), "{}", render_plan(&p));
    assert!(
        !lines(&fake)
            .iter()
            .any(|l| !l.starts_with("List") && !l.starts_with("Describe"))
    );
    assert_eq!(versions(&fake), [2, 3, 4]);
    // Keeping fewer is honoured without a new release: the extra versions go, the alias's stays.
    let report = run(&fake, &release(4), 1).await;
    assert!(report.is_complete(), "{}", report.render());
    let writes: Vec<String> = lines(&fake)
        .into_iter()
        .filter(|l| !l.starts_with("List") && !l.starts_with("Describe"))
        .collect();
    assert_eq!(
        writes,
        ["DeleteBotVersion Orders 2", "DeleteBotVersion Orders 3"]
    );
    assert_eq!(versions(&fake), [4]);
}

#[tokio::test]
async fn a_failed_deletion_is_a_warning_and_the_next_deploy_retries_it() {
    let fake = Fake::default();
    releases(&fake, 3, 3).await;
    // Release 4 writes: import, 2 builds, version, alias, flow; then deletes 1 and 2. The first
    // deletion fails.
    fake.state().fail_write_from_now(7);
    let report = run(&fake, &release(4), 2).await;
    assert!(report.is_complete(), "{}", report.render());
    assert_eq!(report.cleanup_failed.len(), 1);
    insta::assert_snapshot!("bot_versions_failed_delete", report.render());
    let got = lines(&fake);
    assert_eq!(
        &got[got.len() - 2..],
        ["DeleteBotVersion Orders 1", "DeleteBotVersion Orders 2"]
    );
    assert_eq!(versions(&fake), [1, 3, 4]);
    // The next deploy, of the same release, only finishes the clean-up.
    let report = run(&fake, &release(4), 2).await;
    assert!(report.is_complete(), "{}", report.render());
    assert!(report.cleanup_failed.is_empty());
    assert_eq!(report.applied.len(), 1);
    assert_eq!(versions(&fake), [3, 4]);
}

#[tokio::test]
async fn a_bot_at_the_version_quota_gets_room_before_its_new_version() {
    let fake = Fake::default();
    releases(&fake, 1, 3).await;
    {
        // 100 versions (made before deploys pruned), the alias at the newest.
        let mut st = fake.state();
        let bot = &mut st.lex.bots[0];
        let zip = bot.versions[&1].clone();
        for v in 2..=100 {
            bot.versions.insert(v, zip.clone());
        }
        bot.last_version = 100;
        bot.aliases[0].2 = "100".to_owned();
    }
    let report = run(&fake, &release(2), 3).await;
    assert!(report.is_complete(), "{}", report.render());
    let got = lines(&fake);
    let at = |l: &str| got.iter().position(|g| g == l).unwrap();
    // Version 1 goes first, so that Lex takes the new version 101.
    assert!(
        at("DeleteBotVersion Orders 1") < at("CreateBotVersion Orders en_US<-DRAFT,ja_JP<-DRAFT")
    );
    assert!(at("UpdateContactFlowContent Main") < at("DeleteBotVersion Orders 2"));
    assert_eq!(versions(&fake), [99, 100, 101]);
}
