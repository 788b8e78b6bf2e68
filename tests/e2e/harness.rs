//! Running the `dialect` binary from the fixtures folder.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The output of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `tests/fixtures`, the working directory of every run, so printed paths are short and stable.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository root: the working directory of runs on the shipped flows.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `dialect ARGS...` in `tests/fixtures`.
pub fn dialect(args: &[&str]) -> Run {
    dialect_in(&fixtures(), args)
}

/// Runs `dialect ARGS...` in `cwd`.
pub fn dialect_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dialect"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the dialect binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Replaces the timing in the summary line so snapshots are stable.
pub fn stable(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        if let (true, Some(i)) = (line.starts_with("Checked "), line.rfind(" in ")) {
            out.push_str(&line[..i]);
            out.push_str(" in [TIME]");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The codes of a `--format json` run, in output order.
pub fn json_codes(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("valid JSON output");
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}
