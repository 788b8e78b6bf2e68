//! `dialect check` on fixtures: each bad input gives the expected codes (from the fixture's
//! `// expect:` header, independent of rendering) and a reviewed snapshot of the human output;
//! each construct fixture checks clean.

use crate::harness::{dialect, dialect_in, fixtures, json_codes, repo, stable};

/// Codes listed on the fixture's first line: `// expect: P001 R003`.
fn expected_codes(path: &str) -> Vec<String> {
    let bytes = std::fs::read(fixtures().join(path)).expect("fixture exists");
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next().unwrap_or_default();
    first
        .strip_prefix("// expect:")
        .map(|c| c.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn check_fixture(name: &str, expected_exit: i32) {
    let path = format!("check/{name}.dial");
    let json = dialect(&["check", &path, "--format", "json"]);
    let mut got = json_codes(&json.stdout);
    got.sort();
    let mut want = expected_codes(&path);
    want.sort();
    assert_eq!(got, want, "codes for {path}; output:\n{}", json.stdout);
    assert_eq!(json.code, expected_exit, "exit code for {path}");
    let human = dialect(&["check", &path]);
    assert_eq!(human.code, expected_exit);
    assert!(human.stderr.is_empty(), "stderr: {}", human.stderr);
    let source =
        String::from_utf8_lossy(&std::fs::read(fixtures().join(&path)).unwrap_or_default())
            .into_owned();
    insta::assert_snapshot!(
        name,
        format!(
            "----- SOURCE {path}\n{source}\n----- OUTPUT\n{}",
            stable(&human.stdout)
        )
    );
}

macro_rules! bad_input {
    ($($name:ident => $exit:expr),* $(,)?) => {$(
        #[test]
        fn $name() {
            check_fixture(stringify!($name), $exit);
        }
    )*};
}

bad_input! {
    unknown_keyword => 1,
    impossible_fault => 1,
    bad_transfer_number_expectation => 1,
    unclosed_block => 1,
    bad_escape => 1,
    unterminated_string => 1,
    missing_target => 1,
    missing_reprompt => 1,
    misplaced_repeat => 1,
    duplicate_step => 1,
    duplicate_definition => 1,
    undefined_reference => 1,
    wrong_kind_of_reference => 1,
    unknown_outcome => 1,
    use_missing_file => 1,
    non_utf8 => 1,
    many_errors => 1,
    connect_parameters_not_json => 1,
    connect_unknown_type => 0,
}

#[test]
fn empty_file_is_a_warning() {
    let r = dialect(&["check", "check/empty_file.dial", "--format", "json"]);
    assert_eq!(json_codes(&r.stdout), ["P006"]);
    assert_eq!(r.code, 0, "warnings alone do not fail");
    let denied = dialect(&["check", "check/empty_file.dial", "--deny", "warnings"]);
    assert_eq!(denied.code, 1, "--deny warnings fails on a warning");
    insta::assert_snapshot!("empty_file", stable(&denied.stdout));
}

#[test]
fn unreadable_file() {
    let r = dialect(&["check", "check/no-such-file.dial", "--format", "json"]);
    assert_eq!(json_codes(&r.stdout), ["F001"]);
    assert_eq!(r.code, 1);
}

#[test]
fn json_diagnostics_have_the_documented_fields() {
    let r = dialect(&[
        "check",
        "check/undefined_reference.dial",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let d = &v[0];
    for key in [
        "code", "severity", "message", "file", "line", "column", "span", "help",
    ] {
        assert!(!d[key].is_null(), "missing {key} in {d}");
    }
    assert_eq!(d["file"], "check/undefined_reference.dial");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 10);
    let text = std::fs::read_to_string(fixtures().join("check/undefined_reference.dial")).unwrap();
    let (s, e) = (
        d["span"]["start"].as_u64().unwrap() as usize,
        d["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "ReserveStok");
}

/// A construct fixture shows syntax: it must parse, resolve and lower with no diagnostic.
/// Graph findings (`L…`: a demo step with no error branch, say) are the business of the check
/// fixtures under `tests/fixtures/checks/`, so they are left out here.
macro_rules! clean {
    ($($name:ident => $path:expr),* $(,)?) => {$(
        #[test]
        fn $name() {
            let r = dialect(&["check", $path, "--format", "json", "--deny", "warnings"]);
            let front_end: Vec<String> = json_codes(&r.stdout)
                .into_iter()
                .filter(|c| !c.starts_with('L'))
                .collect();
            assert_eq!(front_end, Vec::<String>::new(), "{}", r.stdout);
        }
    )*};
}

mod constructs {
    use super::*;
    clean! {
        flow_settings => "parse/flow_settings.dial",
        say_ssml_and_text_blocks => "parse/say_ssml_and_text_blocks.dial",
        ask_bot => "parse/ask_bot.dial",
        bot_locales => "parse/bot_locales.dial",
        menu => "parse/menu.dial",
        input => "parse/input.dial",
        call_and_branch => "parse/call_and_branch.dial",
        set => "parse/set.dial",
        hours_and_calendar => "parse/hours_and_calendar.dial",
        queues_and_transfers => "parse/queues_and_transfers.dial",
        modules => "parse/modules.dial",
        outbound => "parse/outbound.dial",
        transfer_flow_kinds => "parse/transfer_flow_kinds.dial",
        unicode_names => "parse/unicode_names.dial",
        use_files => "parse/use_files",
        environment => "parse/environment",
        connect => "parse/connect.dial",
        scenario_tests => "parse/scenario_tests.dial",
        retry_reprompt => "parse/retry_reprompt.dial",
        repeat_prompts => "parse/repeat_prompts.dial",
    }
}

#[test]
fn environment_missing_a_value_fails() {
    let dir = std::env::temp_dir().join(format!("dialect-env-{}", std::process::id()));
    let envs = dir.join("environments");
    std::fs::create_dir_all(&envs).unwrap();
    std::fs::write(dir.join("dialect.toml"), "[project]\nname = \"t\"\n").unwrap();
    std::fs::write(
        dir.join("main.dial"),
        "flow Main { start { call Stock hang up } }\nintegration Stock { lambda \"stock\" }\n",
    )
    .unwrap();
    std::fs::write(
        envs.join("prod.toml"),
        "[lambdas]\nother = \"arn:aws:lambda:ap-northeast-1:123456789012:function:x\"\n",
    )
    .unwrap();
    let r = dialect(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json_codes(&r.stdout), ["E001"]);
    assert_eq!(r.code, 1);
    let unknown = dialect(&["check", dir.to_str().unwrap(), "--env", "staging"]);
    assert_eq!(unknown.code, 2, "an unknown --env is a usage error");
    assert!(
        unknown.stderr.contains("no environment `staging`"),
        "{}",
        unknown.stderr
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dialect(&["check"]).code, 2);
    assert_eq!(dialect(&["frobnicate"]).code, 2);
    assert_eq!(dialect(&["check", "parse", "--format", "xml"]).code, 2);
}

/// The README's main job: the shipped flows check clean, warnings included.
#[test]
fn shipped_flows_check_clean() {
    let r = dialect_in(
        &repo(),
        &["check", "flows/", "--deny", "warnings", "--format", "json"],
    );
    assert_eq!(json_codes(&r.stdout), Vec::<String>::new(), "{}", r.stdout);
    assert_eq!(r.code, 0);
}
