//! `dialect test`: scenario tests run in the simulator, with coverage and JUnit output.

use crate::harness::{dialect, dialect_in, fixtures, json_codes, repo};

#[test]
fn passing_tests_report_ok_and_coverage() {
    let r = dialect(&["test", "parse/scenario_tests.dial", "--coverage"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    for name in [
        "a VIP caller reaches support",
        "the queue is full",
        "the lookup fails",
        "the welcome prompt cannot be played",
        "the support transfer errors",
        "the backup line takes the call",
    ] {
        assert!(
            r.stdout.contains(&format!("test {name} ... ok")),
            "{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.contains("test result: ok. 6 passed; 0 failed"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Line "), "coverage table: {}", r.stdout);
    // Not every error branch is taken (`fail` lines cover some), so coverage is below 100%.
    let r = dialect(&["test", "parse/scenario_tests.dial", "--min-coverage", "100"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("is below --min-coverage 100%"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_failing_test_shows_the_transcript_and_writes_junit() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let junit = tmp.path().join("junit.xml");
    let r = dialect(&[
        "test",
        "test/failing.dial",
        "--filter",
        "a test that",
        "--junit",
        &junit.to_string_lossy(),
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("test a test that fails ... FAILED"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("---- a test that fails (test/failing.dial:4:6) ----"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("- say \"Goodbye.\""), "{}", r.stdout);
    assert!(r.stdout.contains("say \"Sorry, goodbye.\""), "{}", r.stdout);
    let xml = std::fs::read_to_string(&junit).expect("junit written");
    assert!(
        xml.contains("<testsuite name=\"dialect\" tests=\"1\" failures=\"1\">"),
        "{xml}"
    );
    assert!(xml.contains("<failure message="), "{xml}");
    assert!(fixtures().join("test/failing.dial").is_file());
}

/// `expect no …` fails when what it rules out happens in its stretch of the call, and the diff
/// shows the event next to the negated expectation.
#[test]
fn a_negative_expectation_fails_when_it_happens() {
    let r = dialect(&["test", "test/failing.dial", "--filter", "what must not"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("test hearing what must not be said ... FAILED"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("expected no say containing \"Sorry\", but it happened"),
        "{}",
        r.stdout
    );
    let lines: Vec<&str> = r.stdout.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| *l == "- no say containing \"Sorry\"")
        .unwrap_or_else(|| panic!("no negated line: {}", r.stdout));
    assert_eq!(lines[at + 1], "+ say \"Sorry, goodbye.\"", "{}", r.stdout);
    // The other lines of the test still match: only the negative one fails.
    assert!(!r.stdout.contains("expected say"), "{}", r.stdout);
    assert!(!r.stdout.contains("expected hang up"), "{}", r.stdout);
}

#[test]
fn a_project_without_tests_is_a_usage_error() {
    let r = dialect(&["test", "parse/menu.dial"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("no `test"), "{}", r.stderr);
}

/// Issue 7: the shipped scenario tests take 100% of the branches and error branches of every
/// shipped flow.
#[test]
fn the_shipped_flows_are_fully_covered() {
    let r = dialect_in(
        &repo(),
        &["test", "flows/", "--coverage", "--min-coverage", "100"],
    );
    let stdout = &r.stdout;
    assert_eq!(r.code, 0, "{stdout}{}", r.stderr);
    assert!(stdout.contains("(100.0%)"), "{stdout}");
    let flows: Vec<&str> = stdout
        .lines()
        .filter(|l| l.ends_with('%') && !l.starts_with("branches"))
        .collect();
    assert_eq!(
        flows.len(),
        10,
        "one coverage line per shipped flow: {stdout}"
    );
    for line in flows {
        assert!(line.ends_with("100.0%"), "{line}");
    }
}

#[test]
fn the_shipped_scenario_tests_pass() {
    let r = dialect_in(&repo(), &["test", "flows/", "--coverage"]);
    let stdout = &r.stdout;
    assert_eq!(r.code, 0, "{stdout}");
    assert!(stdout.contains("0 failed"), "{stdout}");
    for flow in [
        "PhoneOrder",
        "CustomerRouting",
        "HighVolume",
        "Reorder",
        "OpeningChecks",
    ] {
        assert!(
            stdout.contains(&format!("\n{flow} ")),
            "no coverage line for {flow}: {stdout}"
        );
    }
}

#[test]
fn the_coverage_file_feeds_the_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let cov = tmp.path().join("coverage.json");
    let r = dialect_in(
        &repo(),
        &["test", "flows/", "--coverage-out", &cov.to_string_lossy()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = dialect_compiler::diagram::coverage::parse(
        &std::fs::read_to_string(&cov).expect("written"),
    )
    .expect("a coverage file");
    let order = &file.flows["PhoneOrder"];
    assert!(order.step_hits("greet") > 0);
    assert!(order.step_hits("take_order") > 0);
    assert!(
        order
            .edges
            .iter()
            .any(|e| e.from == "take_order" && e.to == "spoken_order" && e.hits > 0)
    );
    assert!(file.transcripts.iter().any(|t| {
        t.name == "a happy order by voice"
            && t.lines
                .iter()
                .any(|l| l.who == "caller" && l.text.contains("羽毛布団"))
    }));
    let report = tmp.path().join("report");
    let r = dialect_in(
        &repo(),
        &[
            "report",
            "flows/",
            "--out",
            &report.to_string_lossy(),
            "--coverage",
            &cov.to_string_lossy(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(report.join("flows/PhoneOrder.html")).expect("page");
    assert!(
        page.contains("class=\"coverage-summary\">Coverage: steps "),
        "no coverage summary"
    );
    assert!(
        page.contains("dg-hit") && page.contains("dg-miss"),
        "no coverage overlay"
    );
    assert!(page.contains("a happy order by voice"), "no transcript");
}

#[test]
fn explore_walks_every_path_of_a_shipped_flow() {
    let run = |flow: &str| dialect_in(&repo(), &["explore", "flows/", "--flow", flow]);
    let r = run("Reorder");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.starts_with("Reorder: "), "{}", r.stdout);
    assert!(
        r.stdout.contains(", 0 stranded, branches 101/101,"),
        "{}",
        r.stdout
    );
    let r = run("OpeningChecks");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("0 stranded"), "{}", r.stdout);
}

#[test]
fn explore_reports_a_flow_that_strands_the_caller() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("dead_end.dial");
    std::fs::write(
        &file,
        "flow Main {\n  kind inbound\n  start {\n    menu \"Press 1.\" { press 1 -> done }\n  }\n  done { hang up }\n}\n",
    )
    .expect("write");
    let r = dialect(&["explore", &file.to_string_lossy()]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("STRANDED"), "{}", r.stdout);
    assert!(
        r.stdout.contains("caller:") || r.stdout.contains("world:"),
        "{}",
        r.stdout
    );
}

/// `expect return`: a test that starts in a module says what it returns, a flow test says what
/// a module it runs returns (`from`), and a wrong outcome fails with the return that happened.
#[test]
fn expect_return_checks_what_a_module_returns() {
    let r = dialect(&["test", "test/module_return.dial"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    for ok in [
        "test the module lets a known number in ... ok",
        "test the module shuts out a withheld number ... ok",
        "test the flow runs the module first ... ok",
        "test a wrong return fails ... FAILED",
    ] {
        assert!(r.stdout.contains(ok), "{ok}: {}", r.stdout);
    }
    assert!(
        r.stdout
            .contains("expected return closed from \"Checks\", but it did not happen"),
        "{}",
        r.stdout
    );
    let lines: Vec<&str> = r.stdout.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"+ return open from \"Checks\""),
        "{}",
        r.stdout
    );
}

/// A test file run from its own folder, whose flows `use` files through `..`: every file is
/// loaded once, whichever route reaches it (`hours.dial` and `../common/hours.dial`).
#[test]
fn a_file_reached_by_two_routes_loads_once() {
    let common = repo().join("flows/common");
    let r = dialect_in(&common, &["check", "hours.test.dial"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("0 errors, 0 warnings"), "{all}");
    let r = dialect_in(&common, &["test", "hours.test.dial"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(" passed; 0 failed"), "{}", r.stdout);
}

/// `expect return` names an outcome the module has, and a module: each mistake is reported
/// where it is written, and no test runs.
#[test]
fn expect_return_of_what_no_module_returns_is_reported() {
    let r = dialect(&[
        "check",
        "test/module_return_errors.dial",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        json_codes(&r.stdout),
        ["R005", "R004", "R004"],
        "{}",
        r.stdout
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let d = &v[0];
    assert_eq!(d["message"], "module `Checks` has no outcome `opne`");
    assert_eq!(d["line"], 6);
    assert_eq!(d["help"], "did you mean `open`?");
    assert_eq!(
        v[1]["message"],
        "`expect return` needs a module, and `Front` is a flow"
    );
    assert_eq!(v[1]["line"], 11);
    assert_eq!(v[2]["line"], 16);
    let t = dialect(&["test", "test/module_return_errors.dial"]);
    assert_eq!(t.code, 1, "{}{}", t.stdout, t.stderr);
    assert!(t.stderr.contains("no test ran"), "{}", t.stderr);
}
