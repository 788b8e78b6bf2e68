//! `dialect fmt`: the shipped flows are canonical, `--check` lists what would change, files
//! with syntax errors are refused, and formatting never changes what `dialect build` emits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let r = crate::harness::dialect_in(cwd, args);
    (r.code, r.stdout, r.stderr)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("readable").flatten() {
        let p = e.path();
        let target = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).expect("copy");
        }
    }
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&p).expect("readable"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Undoes the layout of a file: no indentation, one space between the columns of aligned
/// lines, no blank lines. Text blocks are left alone (their indentation is their content).
fn mess_up(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if in_block {
            out.push_str(line);
        } else if !line.trim().is_empty() {
            let squeezed: Vec<&str> = if line.contains('"') || line.contains("//") {
                vec![line.trim()]
            } else {
                line.split_whitespace().collect()
            };
            out.push_str(&squeezed.join(" "));
        }
        if line.matches("\"\"\"").count() % 2 == 1 {
            in_block = !in_block;
        }
        out.push('\n');
    }
    out
}

#[test]
fn shipped_flows_are_formatted() {
    let (code, stdout, stderr) = run(&root(), &["fmt", "--check", "flows"]);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.is_empty());
}

#[test]
fn check_lists_files_that_would_change_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let messy = "flow A{start{say \"x\"\nhang up}}\n";
    std::fs::write(dir.path().join("a.dial"), messy).expect("write");
    std::fs::write(
        dir.path().join("b.dial"),
        "flow B {\n  start {\n    hang up\n  }\n}\n",
    )
    .expect("write");
    let (code, stdout, stderr) = run(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "a.dial\n");
    assert!(
        stderr.contains("1 of 2 files would be reformatted"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.dial"))
            .ok()
            .as_deref(),
        Some(messy)
    );

    let (code, _, stderr) = run(dir.path(), &["fmt", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.dial"))
            .ok()
            .as_deref(),
        Some("flow A {\n  start {\n    say \"x\"\n    hang up\n  }\n}\n")
    );
    let (code, _, _) = run(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(code, 0);
}

#[test]
fn files_with_syntax_errors_are_not_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = "flow A {\n  start {\n      say \"unterminated\n  }\n}\n";
    std::fs::write(dir.path().join("broken.dial"), broken).expect("write");
    let (code, _, stderr) = run(dir.path(), &["fmt", "broken.dial"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("P004"), "{stderr}");
    assert!(
        stderr.contains("not formatted because it has syntax errors"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.dial"))
            .ok()
            .as_deref(),
        Some(broken)
    );
}

#[test]
fn formatting_messy_flows_restores_them_and_builds_the_same_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let messy = dir.path().join("flows");
    copy_dir(&root().join("flows"), &messy);
    for (rel, bytes) in files(&messy) {
        if rel.ends_with(".dial") {
            let text = String::from_utf8(bytes).expect("UTF-8");
            std::fs::write(messy.join(&rel), mess_up(&text)).expect("write");
        }
    }
    let (code, _, stderr) = run(dir.path(), &["fmt", "flows"]);
    assert_eq!(code, 0, "{stderr}");
    // The shipped flows are canonical, so formatting the messed-up copy gives them back
    // (blank lines aside, which the mess removed and the formatter cannot invent).
    let original = files(&root().join("flows"));
    for (rel, bytes) in files(&messy) {
        if rel.ends_with(".dial") {
            let strip = |b: &[u8]| -> String {
                String::from_utf8_lossy(b)
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(strip(&bytes), strip(&original[&rel]), "{rel}");
        }
    }
    let out_a = dir.path().join("out-original");
    let out_b = dir.path().join("out-formatted");
    let flows = root().join("flows");
    let (a, _, err_a) = run(
        &root(),
        &[
            "build",
            &flows.to_string_lossy(),
            "--env",
            "dev",
            "--out",
            &out_a.to_string_lossy(),
        ],
    );
    let (b, _, err_b) = run(
        dir.path(),
        &[
            "build",
            "flows",
            "--env",
            "dev",
            "--out",
            &out_b.to_string_lossy(),
        ],
    );
    assert_eq!((a, b), (0, 0), "{err_a}\n{err_b}");
    assert_eq!(files(&out_a), files(&out_b));
}
