//! The deploy against an in-memory Connect instance served through aws-smithy-mocks (see
//! `fake.rs`): the exact calls and request contents of a first deploy, a no-op redeploy, an
//! update of one flow, and a failure halfway with its report and the resume; `--plan` output
//! as snapshots.

mod bot_versions;
mod bots;
mod fake;
mod fake_lex;

use dialect_compiler::compile::{self, Options};
use dialect_compiler::project::{ChecksConfig, parse_environment};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::SourceFile;
use dialect_deploy::Outcome;
use dialect_deploy::artifacts::{Artifacts, artifacts};
use dialect_deploy::aws::Aws;
use dialect_deploy::poll::{Poll, Sleeper};
use dialect_deploy::render::render_plan;

use fake::{Fake, INSTANCE};

/// Never waits: the fake's asynchronous work is done on the second check anyway.
struct NoSleep;

impl Sleeper for NoSleep {
    async fn sleep(&self, _: std::time::Duration) {}
}

/// The deploy with polling that does not wait (3 checks at most), keeping 3 bot versions.
async fn deploy(api: &Aws, a: &Artifacts, plan_only: bool) -> Outcome {
    deploy_keeping(api, a, plan_only, 3).await
}

/// [`deploy`] with `--keep-bot-versions keep`.
async fn deploy_keeping(api: &Aws, a: &Artifacts, plan_only: bool, keep: usize) -> Outcome {
    let poll = Poll {
        sleeper: NoSleep,
        interval: std::time::Duration::from_secs(5),
        attempts: 3,
    };
    let options = dialect_deploy::Options {
        plan_only,
        keep_bot_versions: keep,
    };
    dialect_deploy::deploy_with(api, a, &options, &poll).await
}

/// A module, and two flows that transfer to each other (so one must be created as a
/// placeholder first); `overflow_text` is what `Overflow` says.
fn project(overflow_text: &str) -> String {
    format!(
        r#"flow Hours {{
  kind module
  returns open, closed
  on error -> let_in

  start {{
    say "Checking the hours."
    return open
  }}

  let_in {{
    return closed
  }}
}}

flow Main {{
  kind inbound
  on error -> bye

  start {{
    say "Welcome."
    run module Hours {{
      open   -> overflow
      closed -> bye
    }}
  }}

  overflow {{
    transfer to flow Overflow {{
      error -> bye
    }}
  }}

  bye {{
    hang up
  }}
}}

flow Overflow {{
  kind inbound
  on error -> bye

  start {{
    say "{overflow_text}"
    transfer to flow Main {{
      error -> bye
    }}
  }}

  bye {{
    hang up
  }}
}}
"#
    )
}

/// The artifacts of `source` for an environment without any flow ARNs: the deploy supplies them.
fn build(source: &str) -> Artifacts {
    let loader = MemoryLoader::new().with("main.dial", source);
    let mut p = compile::analyze(
        &loader,
        &Options {
            roots: vec!["main.dial".to_owned()],
            environments: Vec::new(),
        },
    );
    assert!(!p.diagnostics.has_errors(), "{:?}", p.diagnostics);
    let text = "[connect]\nregion = \"ap-northeast-1\"\n";
    let file = p
        .sources
        .add(SourceFile::new("environments/test.toml", text));
    let env = parse_environment("test", file, text).unwrap();
    let (a, warnings) = artifacts(&p.model, &p.sources, &env, &ChecksConfig::default())
        .unwrap_or_else(|d| panic!("build failed: {d:?}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    a
}

fn api(fake: &Fake) -> Aws {
    Aws {
        connect: fake.client(),
        instance_id: INSTANCE.to_owned(),
        lex: fake.lex_client(),
        uploader: fake.uploader(),
        lex_arn_prefix: fake_lex::LEX_ARN.to_owned(),
    }
}

fn lines(fake: &Fake) -> Vec<String> {
    fake.take_calls().into_iter().map(|c| c.line).collect()
}

const READS_EMPTY: [&str; 2] = ["ListContactFlowModules", "ListContactFlows"];
const READS_ALL: [&str; 5] = [
    "ListContactFlowModules",
    "DescribeContactFlowModule Hours",
    "ListContactFlows",
    "DescribeContactFlow Main",
    "DescribeContactFlow Overflow",
];
const ARN: &str =
    "arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-3333-4444-555555555555";

async fn first_deploy(fake: &Fake, a: &Artifacts) {
    match deploy(&api(fake), a, false).await {
        Outcome::Ran(_, report) => assert!(report.is_complete(), "{}", report.render()),
        other => panic!("expected a run, got {other:?}"),
    }
}

#[tokio::test]
async fn first_deploy_creates_module_placeholder_flows_then_fills_in() {
    let fake = Fake::default();
    let a = build(&project("All lines are busy."));
    first_deploy(&fake, &a).await;
    let calls = fake.take_calls();
    let got: Vec<&str> = calls.iter().map(|c| c.line.as_str()).collect();
    assert_eq!(
        got,
        [
            "ListContactFlowModules",
            "ListContactFlows",
            "CreateContactFlowModule Hours",
            "CreateContactFlow Overflow CONTACT_FLOW",
            "CreateContactFlow Main CONTACT_FLOW",
            "UpdateContactFlowContent Overflow",
        ]
    );
    let content = |i: usize| calls[i].content.clone().unwrap();
    // The module as built.
    assert!(content(2).contains("EndFlowModuleExecution"));
    assert!(content(2).contains("Checking the hours."));
    // Overflow first as a one-action placeholder, so that Main can refer to it.
    let placeholder: serde_json::Value = serde_json::from_str(&content(3)).unwrap();
    assert_eq!(placeholder["Actions"].as_array().unwrap().len(), 1);
    assert_eq!(placeholder["Actions"][0]["Type"], "DisconnectParticipant");
    // Main with the ARNs the instance gave the module and the placeholder.
    assert!(content(4).contains(&format!("\"{ARN}/flow-module/module-1\"")));
    assert!(content(4).contains(&format!("\"{ARN}/contact-flow/flow-1\"")));
    // Overflow filled in with Main's ARN.
    assert!(content(5).contains("All lines are busy."));
    assert!(content(5).contains(&format!("\"{ARN}/contact-flow/flow-2\"")));
    for c in &calls {
        let text = c.content.as_deref().unwrap_or_default();
        assert!(
            !text.contains("dialect-deploy:"),
            "a token was written: {text}"
        );
    }
    // Flows are created once each: the instance has three, by name.
    let names: Vec<String> = fake.state().flows.iter().map(|f| f.name.clone()).collect();
    assert_eq!(names, ["Hours", "Overflow", "Main"]);
}

#[tokio::test]
async fn redeploying_the_same_build_only_reads() {
    let fake = Fake::default();
    let a = build(&project("All lines are busy."));
    first_deploy(&fake, &a).await;
    fake.take_calls();
    let plan = match deploy(&api(&fake), &a, false).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected nothing to do, got {other:?}"),
    };
    assert!(plan.is_noop());
    assert_eq!(lines(&fake), READS_ALL);
    insta::assert_snapshot!("plan_noop", render_plan(&plan));
}

#[tokio::test]
async fn changing_one_flow_updates_only_that_flow_in_place() {
    let fake = Fake::default();
    first_deploy(&fake, &build(&project("All lines are busy."))).await;
    fake.take_calls();
    let changed = build(&project("Please hold, all lines are busy."));
    // `--plan` first: reads only, and shows the step that changed.
    let plan = match deploy(&api(&fake), &changed, true).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected a plan, got {other:?}"),
    };
    assert_eq!(lines(&fake), READS_ALL);
    insta::assert_snapshot!("plan_update_one_flow", render_plan(&plan));
    // Then the deploy: the same reads and one update, of the same flow id.
    match deploy(&api(&fake), &changed, false).await {
        Outcome::Ran(_, report) => assert!(report.is_complete()),
        other => panic!("expected a run, got {other:?}"),
    }
    let calls = fake.take_calls();
    let got: Vec<&str> = calls.iter().map(|c| c.line.as_str()).collect();
    let mut want = READS_ALL.to_vec();
    want.push("UpdateContactFlowContent Overflow");
    assert_eq!(got, want);
    let content = calls.last().unwrap().content.clone().unwrap();
    assert!(content.contains("Please hold, all lines are busy."));
    assert!(content.contains(&format!("\"{ARN}/contact-flow/flow-2\"")));
    assert_eq!(fake.state().flows.len(), 3);
}

#[tokio::test]
async fn a_failure_halfway_reports_and_a_rerun_does_only_the_rest() {
    let fake = Fake::default();
    let a = build(&project("All lines are busy."));
    // The plan of a first deploy, as `--plan` prints it.
    let plan = match deploy(&api(&fake), &a, true).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected a plan, got {other:?}"),
    };
    assert_eq!(lines(&fake), READS_EMPTY);
    insta::assert_snapshot!("plan_first_deploy", render_plan(&plan));

    // The third write (creating Main) fails.
    fake.state().fail_on_write = Some(3);
    let report = match deploy(&api(&fake), &a, false).await {
        Outcome::Ran(_, report) => report,
        other => panic!("expected a run, got {other:?}"),
    };
    assert!(!report.is_complete());
    assert_eq!(
        lines(&fake),
        [
            "ListContactFlowModules",
            "ListContactFlows",
            "CreateContactFlowModule Hours",
            "CreateContactFlow Overflow CONTACT_FLOW",
            "CreateContactFlow Main CONTACT_FLOW",
        ]
    );
    insta::assert_snapshot!("report_failure", report.render());

    // The rerun reads what now exists and does only the rest.
    fake.state().fail_on_write = None;
    let report = match deploy(&api(&fake), &a, false).await {
        Outcome::Ran(_, report) => report,
        other => panic!("expected a run, got {other:?}"),
    };
    assert!(report.is_complete(), "{}", report.render());
    assert_eq!(
        lines(&fake),
        [
            "ListContactFlowModules",
            "DescribeContactFlowModule Hours",
            "ListContactFlows",
            "DescribeContactFlow Overflow",
            "CreateContactFlow Main CONTACT_FLOW",
            "UpdateContactFlowContent Overflow",
        ]
    );
    insta::assert_snapshot!("report_resume", report.render());

    // And the result is the same as a deploy that never failed.
    let clean = Fake::default();
    first_deploy(&clean, &a).await;
    let contents = |f: &Fake| -> Vec<(String, String)> {
        let mut v: Vec<_> = f
            .state()
            .flows
            .iter()
            .map(|s| (s.name.clone(), s.content.clone()))
            .collect();
        v.sort();
        v
    };
    // Same ids too: in both runs Main was the second flow the instance created.
    assert_eq!(contents(&fake), contents(&clean));
    match deploy(&api(&fake), &a, false).await {
        Outcome::Planned(plan) => assert!(plan.is_noop()),
        other => panic!("expected nothing to do, got {other:?}"),
    }
}

#[tokio::test]
async fn plan_of_the_shipped_flows_on_an_empty_instance() {
    // The repository's own project, loaded from disk as the binary does.
    let (a, _, _) = match dialect_deploy::load::load(&["../flows".to_owned()], "dev") {
        Ok(x) => x,
        Err(e) => panic!("the shipped flows do not build: {e:?}"),
    };
    let fake = Fake::default();
    let plan = match deploy(&api(&fake), &a, true).await {
        Outcome::Planned(plan) => plan,
        other => panic!("expected a plan, got {other:?}"),
    };
    // The project's two bots are looked up first; the account has none yet.
    assert_eq!(
        lines(&fake),
        [
            "ListBots",
            "ListBots (connect)",
            "ListContactFlowModules",
            "ListContactFlows"
        ]
    );
    insta::assert_snapshot!("plan_shipped_flows", render_plan(&plan));
    // Applied, then planned again: nothing left to do.
    match deploy(&api(&fake), &a, false).await {
        Outcome::Ran(_, report) => assert!(report.is_complete(), "{}", report.render()),
        other => panic!("expected a run, got {other:?}"),
    }
    fake.take_calls();
    match deploy(&api(&fake), &a, false).await {
        Outcome::Planned(plan) => assert!(plan.is_noop(), "{}", render_plan(&plan)),
        other => panic!("expected nothing to do, got {other:?}"),
    }
    // Nine flows come in three pages of four, and every one is found.
    let reads = lines(&fake);
    let count = |op: &str| {
        reads
            .iter()
            .filter(|l| l.split(' ').next() == Some(op))
            .count()
    };
    assert_eq!(count("ListContactFlows"), 3);
    assert_eq!(count("DescribeContactFlow"), 9);
    assert_eq!(count("DescribeContactFlowModule"), 1);
    // Both bots are found with their alias, and their hashes match: only read.
    assert_eq!(count("ListBotAliases"), 2);
    assert!(!reads.iter().any(|l| l.starts_with("StartImport")));
}

#[tokio::test]
async fn a_build_the_instance_cannot_take_is_refused_before_any_write() {
    let fake = Fake::default();
    first_deploy(&fake, &build(&project("All lines are busy."))).await;
    // Someone made `Main` a customer queue flow in the console.
    fake.state()
        .flows
        .iter_mut()
        .find(|f| f.name == "Main")
        .unwrap()
        .flow_type = "CUSTOMER_QUEUE".to_owned();
    fake.take_calls();
    let problems = match deploy(&api(&fake), &build(&project("Changed.")), false).await {
        Outcome::Invalid(problems) => problems,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].name, "Main");
    assert_eq!(lines(&fake), READS_ALL);
}
