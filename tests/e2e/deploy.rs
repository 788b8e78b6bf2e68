//! `dialect deploy`: runs the `dialect-deploy` program found next to `dialect` (or on PATH)
//! with the same arguments, or says how to build it. A copy of `dialect` in a temporary folder
//! controls what is next to it.

use std::path::Path;
use std::process::Command;

/// Runs `cmd`. An executable written a moment ago can still be open for writing in a child
/// that another test thread forked meanwhile (`ETXTBSY`, "text file busy"); that passes once
/// the child has exec'd, so try again a few times.
fn output(cmd: &mut Command) -> std::process::Output {
    for _ in 0..50 {
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other.expect("the command runs"),
        }
    }
    panic!("the executable stayed busy")
}

fn copy_of_dialect(dir: &Path) -> std::path::PathBuf {
    let exe = dir.join(format!("dialect{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_dialect"), &exe).unwrap();
    exe
}

#[test]
fn deploy_without_the_deploy_program_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let exe = copy_of_dialect(dir.path());
    let out = output(
        Command::new(exe)
            .args([
                "deploy",
                "flows",
                "--env",
                "dev",
                "--instance-id",
                "x",
                "--plan",
            ])
            .env("PATH", dir.path()),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cargo build --release -p dialect-deploy"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn deploy_runs_the_program_next_to_dialect_with_the_same_arguments() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let exe = copy_of_dialect(dir.path());
    let fake = dir.path().join("dialect-deploy");
    std::fs::write(&fake, "#!/bin/sh\nprintf '%s|' \"$@\"\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = output(
        Command::new(exe)
            .args(["deploy", "flows", "--env", "dev", "--plan", "--help"])
            .env("PATH", ""),
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "flows|--env|dev|--plan|--help|"
    );
}
