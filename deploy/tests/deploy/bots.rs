//! Bots in the deploy: a project with one bot and one flow that uses it. The exact Lex and
//! Connect calls of a first deploy, a no-op redeploy, a changed utterance, and a failure in the
//! middle of the bot steps with its report and the resume.

use dialect_compiler::compile::{self, Options};
use dialect_compiler::project::{ChecksConfig, parse_environment};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::SourceFile;
use dialect_deploy::Outcome;
use dialect_deploy::artifacts::{Artifacts, artifacts};
use dialect_deploy::render::render_plan;

use crate::fake::Fake;
use crate::fake_lex::LEX_ARN;
use crate::{api, deploy, lines};

pub const ROLE: &str = "arn:aws:iam::123456789012:role/dialect-lex";

fn project(utterance: &str) -> String {
    format!(
        r#"bot Orders {{
  locale en_US
  intent OrderProduct {{
    utterance "{utterance}"
  }}
}}

flow Main {{
  kind inbound
  on error -> bye

  start {{
    ask Orders "What would you like?" {{
      intent OrderProduct -> bye
      no match            -> bye
    }}
  }}

  bye {{
    hang up
  }}
}}
"#
    )
}

pub fn build_with(source: &str, env_text: &str) -> Artifacts {
    let loader = MemoryLoader::new().with("main.dial", source);
    let mut p = compile::analyze(
        &loader,
        &Options {
            roots: vec!["main.dial".to_owned()],
            environments: Vec::new(),
        },
    );
    assert!(!p.diagnostics.has_errors(), "{:?}", p.diagnostics);
    let file = p
        .sources
        .add(SourceFile::new("environments/test.toml", env_text));
    let env = parse_environment("test", file, env_text).unwrap();
    let (a, _) = artifacts(&p.model, &p.sources, &env, &ChecksConfig::default())
        .unwrap_or_else(|d| panic!("build failed: {d:?}"));
    a
}

pub fn build(utterance: &str) -> Artifacts {
    build_with(
        &project(utterance),
        &format!("[connect]\nregion = \"ap-northeast-1\"\n[lex]\nrole = \"{ROLE}\"\n"),
    )
}

const ALIAS_ARN: &str = "arn:aws:lex:ap-northeast-1:123456789012:bot-alias/BOTID00001/ALIAS00001";

/// Every call of a first deploy of the bot, from the upload to the association.
const BOT_WRITES: [&str; 12] = [
    "CreateUploadUrl",
    "PUT https://upload.test/import-1",
    "StartImport Orders Overwrite arn:aws:iam::123456789012:role/dialect-lex",
    "DescribeImport Orders",
    "DescribeImport Orders",
    "BuildBotLocale Orders DRAFT en_US",
    "DescribeBotLocale Orders",
    "DescribeBotLocale Orders",
    "CreateBotVersion Orders en_US<-DRAFT",
    "DescribeBotVersion Orders 1",
    "DescribeBotVersion Orders 1",
    "CreateBotAlias Orders dialect 1 en_US:enabled",
];

const READS: [&str; 6] = [
    "ListBots",
    "ListBotAliases Orders",
    "ListBotVersions Orders",
    "ListBots (connect)",
    "ListContactFlows",
    "DescribeContactFlow Main",
];

async fn run(fake: &Fake, a: &Artifacts) -> dialect_deploy::execute::Report {
    match deploy(&api(fake), a, false).await {
        Outcome::Ran(_, report) => report,
        other => panic!("expected a run, got {other:?}"),
    }
}

#[tokio::test]
async fn first_deploy_deploys_the_bot_then_the_flow_with_its_alias_arn() {
    let fake = Fake::default();
    let a = build("I want to order");
    let report = run(&fake, &a).await;
    assert!(report.is_complete(), "{}", report.render());
    let calls = fake.take_calls();
    let got: Vec<&str> = calls.iter().map(|c| c.line.as_str()).collect();
    let mut want = vec!["ListBots", "ListBots (connect)", "ListContactFlows"];
    want.extend(BOT_WRITES);
    want.push(&*Box::leak(
        format!("AssociateBot {ALIAS_ARN}").into_boxed_str(),
    ));
    want.push("CreateContactFlow Main CONTACT_FLOW");
    assert_eq!(got, want);
    // The zip uploaded is the build's, and it is what version 1 holds.
    let st = fake.state();
    assert_eq!(
        st.lex.uploads["https://upload.test/import-1"],
        a.bots[0].zip
    );
    assert_eq!(
        st.lex.bots[0].versions.values().collect::<Vec<_>>(),
        [&a.bots[0].zip]
    );
    // The alias carries the content hash.
    let alias = &st.lex.bots[0].aliases[0];
    assert!(alias.3.contains(&a.bots[0].hash(ROLE)), "{}", alias.3);
    assert_eq!(st.associated, [ALIAS_ARN]);
    // The flow uses the alias the deploy made, not the environment's.
    let flow = calls.last().unwrap().content.clone().unwrap();
    assert!(flow.contains(&format!("\"{ALIAS_ARN}\"")), "{flow}");
    assert!(!flow.contains("dialect-deploy:"), "{flow}");
    assert!(LEX_ARN.starts_with("arn:aws:lex:"));
}

#[tokio::test]
async fn redeploying_the_same_bot_only_reads() {
    let fake = Fake::default();
    let a = build("I want to order");
    assert!(run(&fake, &a).await.is_complete());
    fake.take_calls();
    let plan = match deploy(&api(&fake), &a, false).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected nothing to do, got {other:?}"),
    };
    assert!(plan.is_noop());
    assert_eq!(lines(&fake), READS);
    insta::assert_snapshot!("bot_plan_noop", render_plan(&plan));
}

#[tokio::test]
async fn a_changed_utterance_rebuilds_the_bot_and_moves_its_alias_only() {
    let fake = Fake::default();
    assert!(run(&fake, &build("I want to order")).await.is_complete());
    fake.take_calls();
    let changed = build("I would like to order");
    let plan = match deploy(&api(&fake), &changed, true).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected a plan, got {other:?}"),
    };
    assert_eq!(lines(&fake), READS);
    insta::assert_snapshot!("bot_plan_changed_utterance", render_plan(&plan));
    let report = run(&fake, &changed).await;
    assert!(report.is_complete(), "{}", report.render());
    let mut want: Vec<String> = READS.iter().map(|s| (*s).to_owned()).collect();
    want.extend(
        [
            "CreateUploadUrl",
            "PUT https://upload.test/import-2",
            "StartImport Orders Overwrite arn:aws:iam::123456789012:role/dialect-lex",
            "DescribeImport Orders",
            "DescribeImport Orders",
            "BuildBotLocale Orders DRAFT en_US",
            "DescribeBotLocale Orders",
            "DescribeBotLocale Orders",
            "CreateBotVersion Orders en_US<-DRAFT",
            "DescribeBotVersion Orders 2",
            "DescribeBotVersion Orders 2",
            "UpdateBotAlias Orders dialect 2 en_US:enabled",
        ]
        .map(str::to_owned),
    );
    // No association (the alias ARN did not change) and no flow write.
    assert_eq!(lines(&fake), want);
    let st = fake.state();
    assert_eq!(st.lex.bots.len(), 1);
    assert_eq!(st.lex.bots[0].version_numbers(), [1, 2]);
    assert_eq!(st.lex.bots[0].aliases.len(), 1);
    assert_eq!(st.lex.bots[0].aliases[0].2, "2");
    assert!(
        st.lex.bots[0].aliases[0]
            .3
            .contains(&changed.bots[0].hash(ROLE))
    );
}

#[tokio::test]
async fn a_failure_in_the_bot_steps_reports_and_a_rerun_finishes_the_bot() {
    let fake = Fake::default();
    let a = build("I want to order");
    // The second write, BuildBotLocale, fails.
    fake.state().fail_on_write = Some(2);
    let report = run(&fake, &a).await;
    assert!(!report.is_complete());
    insta::assert_snapshot!("bot_report_failure", report.render());
    let got = lines(&fake);
    assert_eq!(got.last().unwrap(), "BuildBotLocale Orders DRAFT en_US");
    assert!(!got.iter().any(|l| l.starts_with("CreateContactFlow")));

    // The rerun: the bot exists without its alias, so it is imported and built again.
    fake.state().fail_on_write = None;
    let report = run(&fake, &a).await;
    assert!(report.is_complete(), "{}", report.render());
    insta::assert_snapshot!("bot_report_resume", report.render());
    let got = lines(&fake);
    assert_eq!(
        &got[..4],
        [
            "ListBots",
            "ListBotAliases Orders",
            "ListBotVersions Orders",
            "ListBots (connect)"
        ]
    );
    assert!(!got.iter().any(|l| l.starts_with("UpdateBotAlias")));
    assert!(got.contains(&"CreateBotAlias Orders dialect 1 en_US:enabled".to_owned()));
    assert_eq!(got.last().unwrap(), "CreateContactFlow Main CONTACT_FLOW");
    assert_eq!(fake.state().lex.bots.len(), 1);
    // And then nothing is left to do.
    match deploy(&api(&fake), &a, false).await {
        Outcome::Planned(plan) => assert!(plan.is_noop(), "{}", render_plan(&plan)),
        other => panic!("expected nothing to do, got {other:?}"),
    }
}

#[tokio::test]
async fn bots_without_a_lex_role_are_refused_before_any_read_is_written() {
    let fake = Fake::default();
    let a = build_with(
        &project("I want to order"),
        "[connect]\nregion = \"ap-northeast-1\"\n",
    );
    let problems = match deploy(&api(&fake), &a, false).await {
        Outcome::Invalid(problems) => problems,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("[lex] role"),
        "{}",
        problems[0].message
    );
    assert_eq!(
        lines(&fake),
        ["ListBots", "ListBots (connect)", "ListContactFlows"]
    );
}
