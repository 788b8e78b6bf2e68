//! `dialect import`: exported Connect flows to `.dial`.

use crate::harness::dialect;

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
