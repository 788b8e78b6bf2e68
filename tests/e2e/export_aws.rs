//! `dialect test --export-aws DIR`: the shipped tests in AWS's testing language.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::harness::{dialect_in, repo};

/// How many `test` blocks the shipped flows have (the `dialect test` summary of the same run).
fn shipped_test_count() -> usize {
    let r = dialect_in(&repo(), &["test", "flows/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .filter(|l| l.starts_with("test ") && l.ends_with(" ok"))
        .count()
}

/// The exported file of the test named `name`, found through the manifest.
fn file_of(out: &std::path::Path, name: &str) -> String {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    manifest["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|e| e["test"] == name)
        .and_then(|e| e["file"].as_str())
        .unwrap_or_else(|| panic!("{name:?} is not in the manifest"))
        .to_owned()
}

fn export(dir: &std::path::Path) -> crate::harness::Run {
    dialect_in(
        &repo(),
        &[
            "test",
            "flows/",
            "--export-aws",
            dir.to_str().expect("utf-8 path"),
        ],
    )
}

#[test]
fn every_shipped_test_is_exported_as_a_well_formed_test_case() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("aws");
    let r = export(&out);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let count = shipped_test_count();
    assert!(count > 0);
    assert!(
        r.stderr.contains(&format!("exported {count} tests to")),
        "{}",
        r.stderr
    );
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    let listed = manifest["tests"].as_array().expect("tests");
    assert_eq!(listed.len(), count);
    for entry in listed {
        let file = entry["file"].as_str().expect("file");
        let text = std::fs::read_to_string(out.join(file)).expect("the listed file exists");
        let case: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(case["Version"], "2025-06-21", "{file}");
        assert_eq!(case["Metadata"]["DialectTest"], entry["test"], "{file}");
        let obs = case["Observations"].as_array().expect("observations");
        assert_eq!(obs[0]["Event"]["Type"], "TestInitiated", "{file}");
        let ids: BTreeSet<&str> = obs
            .iter()
            .map(|o| o["Identifier"].as_str().expect("id"))
            .collect();
        assert_eq!(ids.len(), obs.len(), "{file}: observation ids are unique");
        let mut actions = BTreeSet::new();
        for o in obs {
            for a in o["Actions"].as_array().expect("actions") {
                assert!(
                    actions.insert(a["Identifier"].as_str().expect("id").to_owned()),
                    "{file}"
                );
            }
        }
        for (i, o) in obs.iter().enumerate() {
            assert_eq!(o["Event"]["Actor"], "System", "{file}");
            let acts = o["Actions"].as_array().expect("actions");
            for a in acts {
                let next = a["Transitions"]["NextAction"].as_str().expect("NextAction");
                assert!(next.is_empty() || actions.contains(next), "{file}: {next}");
            }
            match o["Transitions"]["NextObservations"].as_array() {
                Some(next) => {
                    assert_eq!(next.len(), 1, "{file}");
                    assert_eq!(
                        next[0],
                        obs[i + 1]["Identifier"],
                        "{file}: chained in order"
                    );
                }
                None => {
                    assert_eq!(i, obs.len() - 1, "{file}: only the last has no next");
                    let last = acts.last().expect("the last observation acts");
                    assert_eq!(last["Parameters"]["Command"]["Type"], "EndTest", "{file}");
                }
            }
        }
    }
    // Deterministic bytes: a second export is identical, and replaces the first whole.
    let again = tmp.path().join("again");
    assert_eq!(export(&again).code, 0);
    for entry in listed {
        let f = entry["file"].as_str().expect("file");
        assert_eq!(
            std::fs::read(out.join(f)).expect("first"),
            std::fs::read(again.join(f)).expect("second"),
            "{f}"
        );
    }
    assert_eq!(export(&out).code, 0, "an earlier export is replaced");
}

#[test]
fn lines_without_an_equivalent_are_reported_not_dropped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("aws");
    let r = export(&out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        &format!(
            "({}): at 2027-04-05 10:00 Asia/Tokyo: no equivalent",
            file_of(&out, "a happy order by voice")
        ),
        "expect intent OrderProduct: no equivalent",
        "expect call ReserveStock {…}: the payload is not checked",
        "caller withheld: no equivalent",
        "fail care_queue-2-whisper with NoMatchingError: no equivalent",
        "a caller line before any expected prompt",
    ] {
        assert!(
            r.stderr.contains(needle),
            "{needle:?} not in:\n{}",
            r.stderr
        );
    }
    // A folder that is not an earlier export is never replaced.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).expect("dir");
    std::fs::write(other.join("keep.txt"), "mine").expect("file");
    let r = export(&other);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(other.join("keep.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn the_happy_order_exports_as_reviewed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("aws");
    assert_eq!(export(&out).code, 0);
    let text =
        std::fs::read_to_string(out.join(file_of(&out, "a happy order by voice"))).expect("file");
    insta::assert_snapshot!(text);
}
