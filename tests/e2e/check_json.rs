//! `dialect check` on Amazon Connect flow JSON: import, graph checks, every output format,
//! the summary line and the `[checks]` settings of `dialect.toml`.

use crate::harness::{dialect, json_codes, stable};

#[test]
fn a_failing_flow_file() {
    let path = "checks/L003-missing-error-branch.fail.json";
    let r = dialect(&["check", path, "--format", "json"]);
    assert_eq!(json_codes(&r.stdout), ["L003"]);
    assert_eq!(r.code, 1);
    let human = dialect(&["check", path]);
    assert_eq!(human.code, 1);
    assert!(human.stderr.is_empty(), "{}", human.stderr);
    insta::assert_snapshot!("json_missing_error_branch", stable(&human.stdout));
}

#[test]
fn a_clean_flow_file_passes_with_deny_warnings() {
    let r = dialect(&[
        "check",
        "checks/L008-queue-without-hours-check.pass.json",
        "--deny",
        "warnings",
    ]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        stable(&r.stdout)
            .contains("Checked 1 file (1 flow, 8 steps): 0 errors, 0 warnings in [TIME]"),
        "{}",
        r.stdout
    );
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let path = "checks/L004-unreachable-action.fail.json";
    assert_eq!(dialect(&["check", path]).code, 0);
    assert_eq!(dialect(&["check", path, "--deny", "warnings"]).code, 1);
}

#[test]
fn a_folder_of_flows() {
    let r = dialect(&["check", "checks", "--format", "json"]);
    assert_eq!(r.code, 1);
    let mut codes = json_codes(&r.stdout);
    codes.dedup();
    for c in ["L001", "L008", "L015"] {
        assert!(codes.iter().any(|x| x == c), "{c} in {codes:?}");
    }
    let human = dialect(&["check", "checks"]);
    let last = stable(&human.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(last.starts_with("Checked 34 files (34 flows, "), "{last}");
}

#[test]
fn sarif_and_github_formats() {
    let path = "checks/L014-keypad-option-conflict.fail.json";
    let r = dialect(&["check", path, "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "L014");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        path
    );
    assert_eq!(r.code, 0, "warnings only");

    let g = dialect(&["check", path, "--format", "github"]);
    let lines: Vec<&str> = g.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", g.stdout);
    assert!(
        lines[0].starts_with(&format!(
            "::warning file={path},line=9,col=21,endLine=9,endColumn=27,title=L014 keypad-option-conflict::"
        )),
        "{}",
        lines[0]
    );
}

#[test]
fn checks_settings_in_dialect_toml() {
    // L004 is raised to an error; the finding on `holiday` is allowed with a reason, the one
    // on `closure` is not.
    let r = dialect(&["check", "checks/config", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let items = v.as_array().expect("array");
    assert_eq!(items.len(), 1, "{}", r.stdout);
    assert_eq!(items[0]["code"], "L004");
    assert_eq!(items[0]["severity"], "error");
    assert_eq!(items[0]["file"], "checks/config/raised.json");
    assert_eq!(r.code, 1);
}

#[test]
fn invalid_json_is_reported_not_fatal() {
    let r = dialect(&["check", "checks/no-such-flow.json", "--format", "json"]);
    assert_eq!(json_codes(&r.stdout), ["F001"]);
    assert_eq!(r.code, 1);
}

#[test]
fn explain_prints_a_check_page() {
    let r = dialect(&["explain", "L002"]);
    assert_eq!(r.code, 0);
    for part in [
        "L002 no-path-to-end",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        assert!(r.stdout.contains(part), "{part} in {}", r.stdout);
    }
    let by_name = dialect(&["explain", "retry-without-cap"]);
    assert!(by_name.stdout.starts_with("L006 retry-without-cap"));
}
