//! `dialect import`: exported Connect flows to `.dial`.

use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::connect::{equivalent, import_flow};
use dialect_compiler::lower::{Placeholders, lower};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;

use crate::harness::{dialect, dialect_in, repo};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/connect-flows"
);

#[test]
fn a_corpus_flow_decompiles_to_readable_source_that_checks_clean() {
    let file = format!("{CORPUS}/analytics__SimpleInboundFlow.json");
    if !std::path::Path::new(&file).is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "corpus missing at {CORPUS}"
        );
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("simple.dial");
    let r = dialect(&["import", &file, "--out", &out.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let source = std::fs::read_to_string(&out).expect("written");
    insta::assert_snapshot!("simple_inbound_flow_decompiled", source);
    // It compiles: no diagnostic from the front end. (The graph checks do have findings on
    // this export, such as prompts without an error branch; they are the flow's, not ours.)
    let r = dialect(&["check", &out.to_string_lossy(), "--format", "json"]);
    let front_end: Vec<String> = crate::harness::json_codes(&r.stdout)
        .into_iter()
        .filter(|c| !c.starts_with('L'))
        .collect();
    assert_eq!(front_end, Vec::<String>::new(), "{}", r.stdout);
    assert!(r.stdout.contains("L003"), "{}", r.stdout);
}

/// `dialect import` of a built flow, checked to compile back to an equivalent flow.
fn decompile_built(built: &std::path::Path, name: &str) -> String {
    let json = built.join("flows").join(format!("{name}.json"));
    let out = built.join(format!("{name}.dial"));
    let r = dialect(&[
        "import",
        &json.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(r.code, 0, "{name}: {}{}", r.stdout, r.stderr);
    let source = std::fs::read_to_string(&out).expect("written");
    let (original, diags) = import_flow(FileId(0), &std::fs::read_to_string(&json).expect("built"));
    let original = original.unwrap_or_else(|| panic!("{name} imports: {diags:#?}"));
    let loader = MemoryLoader::new().with("imported.dial", source.clone());
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["imported.dial".into()],
            environments: vec![],
        },
    );
    let errors: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{source}");
    let lowered = lower(&project.model, &Placeholders);
    let rebuilt = &lowered.flows[0].flow;
    if let Err(e) = equivalent(&original, rebuilt) {
        panic!("{name}: not equivalent after decompile and compile: {e}\n{source}");
    }
    assert_eq!(rebuilt.actions.len(), original.actions.len(), "{name}");
    source
}

/// The shipped flows, built and decompiled, come back equivalent; the order flows' re-prompts
/// (whose messages err to the flow's `on error`) are written as `retry 2 saying …` again.
#[test]
fn built_shipped_flows_decompile_with_their_reprompts_as_retries() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let built = tmp.path().join("built");
    let r = dialect_in(
        &repo(),
        &[
            "build",
            "flows/",
            "--env",
            "dev",
            "--out",
            &built.to_string_lossy(),
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let mut names: Vec<String> = std::fs::read_dir(built.join("flows"))
        .expect("built flows")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        let source = decompile_built(&built, name);
        // Every Connect loop of a shipped flow is one of its retries, and every loop of
        // prompts a `repeat`.
        assert!(!source.contains("connect \"Loop\""), "{name}\n{source}");
        assert!(
            !source.contains("connect \"MessageParticipantIteratively\""),
            "{name}\n{source}"
        );
        if name == "OrdersQueue" {
            assert!(
                source.contains("    repeat \"<speak>お待たせしております。")
                    && source.contains(
                        "\", \"<speak><break time='10s'/></speak>\" {\n      every 60s -> offer\n"
                    ),
                "{source}"
            );
        }
        // `take_order`'s `no match -> retry 2 saying …` (the bot step is a `connect` step), and
        // the re-prompt the two inputs of `keypad_product` share.
        let (apology, no_entry) = match name.as_str() {
            "PhoneOrder" => (
                "申し訳ございません。もう一度お話しください。",
                "入力が確認できませんでした。",
            ),
            "PhoneOrderEn" => (
                "Sorry, I didn't catch that.",
                "Sorry, we didn't receive your entry.",
            ),
            _ => continue,
        };
        for line in [
            "\n  on error -> tech_trouble\n".to_owned(),
            format!("NoMatchingCondition -> retry 2 saying \"{apology}\" then keypad_product"),
            format!("InputTimeLimitExceeded -> retry 1 saying \"{no_entry}\" then to_agent"),
            "press 2 -> retry 1 then to_agent".to_owned(),
            "timeout -> retry 1 then polite_end".to_owned(),
        ] {
            assert!(source.contains(&line), "{name}: {line}\n{source}");
        }
        // The re-prompts are no steps of their own.
        for text in [apology, no_entry] {
            assert!(
                !source.contains(&format!("say \"{text}\"")),
                "{name}\n{source}"
            );
        }
        // `keypad_product` is one step again: both inputs retry it with one re-prompt.
        assert_eq!(
            source.matches(&format!("saying \"{no_entry}\"")).count(),
            2,
            "{name}\n{source}"
        );
    }
}

#[test]
fn broken_json_gets_a_diagnostic_with_its_location() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("broken.json");
    std::fs::write(&file, "{\"Version\": \"2019-10-30\", \"Actions\": [}").expect("write");
    let r = dialect(&["import", &file.to_string_lossy()]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("I00"), "{}", r.stderr);
    assert!(r.stderr.contains("broken.json:1:"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let r = dialect(&["import", "no/such/flow.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
}

#[test]
fn a_corpus_bot_export_decompiles_to_a_bot_that_checks_clean() {
    let zip = format!(
        "{}/../shared/corpus/lex-bots/amazon-connect-interactive-message-chat-infra-lex-v2__InteractiveMessageBot/exports/InteractiveMessageBot_LEX_V2.zip",
        env!("CARGO_MANIFEST_DIR")
    );
    if !std::path::Path::new(&zip).is_file() {
        assert!(std::env::var_os("CI").is_none(), "corpus missing: {zip}");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("bot.dial");
    let r = dialect(&["import", &zip, "--out", &out.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let source = std::fs::read_to_string(&out).expect("written");
    assert!(source.contains("bot InteractiveMessageBot {"), "{source}");
    assert!(source.contains("intent "), "{source}");
    let r = dialect(&["check", &out.to_string_lossy(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}
