//! `dialect build`: the shipped flows build, deterministically, to JSON Connect accepts; errors
//! write nothing.

use std::collections::BTreeMap;
use std::path::Path;

use dialect_compiler::connect::{Flow, emit_flow, import_flow};
use dialect_compiler::span::FileId;

use crate::harness::{dialect, dialect_in, repo};

/// Runs `dialect build` with `args` in `cwd`; returns (exit code, stdout, stderr).
fn build_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let all: Vec<&str> = std::iter::once("build")
        .chain(args.iter().copied())
        .collect();
    let r = dialect_in(cwd, &all);
    (r.code, r.stdout, r.stderr)
}

/// Every file under `dir`, by relative path.
pub(crate) fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).expect("under base");
                out.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    std::fs::read(&p).expect("readable"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn build_shipped(out: &Path, cwd: &Path, flows: &str) -> BTreeMap<String, Vec<u8>> {
    let out_s = out.to_string_lossy().into_owned();
    let (code, stdout, stderr) = build_in(cwd, &[flows, "--env", "dev", "--out", &out_s]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("Built 9 flows, 1 module and 2 bots"),
        "{stdout}"
    );
    files(out)
}

#[test]
fn shipped_flows_build_byte_identical_from_any_working_directory() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let a = build_shipped(&tmp.path().join("a"), &repo(), "flows/");
    let flows_abs = repo().join("flows");
    let b = build_shipped(
        &tmp.path().join("b"),
        tmp.path(),
        &flows_abs.to_string_lossy(),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between the two builds");
    }
    // Building again over an earlier build replaces it.
    let again = build_shipped(&tmp.path().join("a"), &repo(), "flows/");
    assert_eq!(again, a);
    // The earlier build is deleted whole (subfolders included), and nothing temporary is left.
    for leftover in [".a.dialect-old", ".a.dialect-tmp"] {
        assert!(!tmp.path().join(leftover).exists(), "{leftover} was left");
    }
    assert!(a.contains_key("modules/OpeningChecks.json"));
    assert!(a.contains_key("flows/PhoneOrder.json"));
    assert!(a.contains_key("manifest.json"));
    assert!(a.contains_key("bots/OrderBot.zip"));
    assert!(a.contains_key("bots/OrderBot/Manifest.json"));
    assert!(a.contains_key("cloudformation/template.json"));
}

/// One line per action: identifier, type and where each branch goes. Reviewable in a snapshot,
/// unlike the full JSON.
fn structure(flow: &Flow) -> String {
    let mut s = format!("start {}\n", flow.start_action);
    for a in &flow.actions {
        s.push_str(&format!("{} {}", a.identifier, a.type_name()));
        let t = &a.transitions;
        if let Some(n) = &t.next_action {
            s.push_str(&format!(" | next {n}"));
        }
        for c in &t.conditions {
            s.push_str(&format!(
                " | {} {:?} {}",
                c.operator.name(),
                c.operand_text().unwrap_or_default(),
                c.next_action
            ));
        }
        for e in &t.errors {
            s.push_str(&format!(" | {} {}", e.error_type.name(), e.next_action));
        }
        s.push('\n');
    }
    s
}

#[test]
fn shipped_flows_build_to_json_that_imports_back_unchanged() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let built = build_shipped(&tmp.path().join("out"), &repo(), "flows/");
    let mut all = String::new();
    for (path, bytes) in &built {
        if !(path.starts_with("flows/") || path.starts_with("modules/")) {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        let (flow, diags) = import_flow(FileId(0), &text);
        assert!(diags.is_empty(), "{path}: {diags:#?}");
        let flow = flow.expect("imports");
        assert_eq!(emit_flow(&flow), text, "{path} does not round-trip");
        assert!(flow.actions.len() <= 250, "{path}");
        let ids: std::collections::BTreeSet<_> =
            flow.actions.iter().map(|a| a.identifier.as_str()).collect();
        assert_eq!(
            ids.len(),
            flow.actions.len(),
            "{path} has duplicate identifiers"
        );
        assert!(ids.contains(flow.start_action.as_str()), "{path}");
        for a in &flow.actions {
            let t = &a.transitions;
            for target in t
                .next_action
                .iter()
                .chain(t.conditions.iter().map(|c| &c.next_action))
                .chain(t.errors.iter().map(|e| &e.next_action))
            {
                assert!(
                    ids.contains(target.as_str()),
                    "{path}: {} -> {target}",
                    a.identifier
                );
            }
        }
        all.push_str(&format!("== {path}\n{}\n", structure(&flow)));
    }
    insta::assert_snapshot!("shipped_flows_structure", all);
}

#[test]
fn a_missing_environment_value_fails_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let r = dialect(&[
        "build",
        "build/missing_env",
        "--env",
        "dev",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("E001"), "{}", r.stderr);
    assert!(r.stderr.contains("`Orders`"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn exceeding_a_connect_limit_fails_and_writes_nothing() {
    // 260 steps of one `say` each: more actions than a Connect flow may have (250).
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut src = String::from("flow Long {\n  kind inbound\n  on error -> s260\n");
    for i in 0..260 {
        src.push_str(&format!("  s{i} {{ say \"{i}\" -> s{} }}\n", i + 1));
    }
    src.push_str("  s260 { hang up }\n}\n");
    let file = tmp.path().join("long.dial");
    std::fs::write(&file, src).expect("write");
    let out = tmp.path().join("out");
    let r = dialect(&[
        "build",
        &file.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON diagnostics");
    let codes: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["L015"]);
    assert!(r.stdout.contains("261"), "{}", r.stdout);
    assert!(!out.exists());
}

#[test]
fn a_folder_that_is_not_a_build_is_never_replaced() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("precious");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("notes.txt"), "keep me").expect("write");
    let r = dialect(&[
        "build",
        &repo().join("flows").to_string_lossy(),
        "--env",
        "dev",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("is not the output of an earlier build"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).expect("kept"),
        "keep me"
    );
    assert_eq!(files(&out).len(), 1);
}

#[test]
fn several_environments_need_a_choice() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let r = dialect(&[
        "build",
        &repo().join("flows").to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("choose one with `--env NAME`"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
}
