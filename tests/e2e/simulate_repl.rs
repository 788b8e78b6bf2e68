//! `dialect simulate` as a REPL: piped lines (plain reading) and a pseudo-terminal (line
//! editing), both through the shipped order flow.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::harness::{Run, repo};

/// The order flow's world lines for a happy order.
const EMERGENCY_OFF: &str = "EmergencyStatus={\"active\":\"false\"}";

/// Runs `dialect simulate ARGS` in the repository with `input` piped to standard input.
fn simulate_piped(args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dialect"))
        .arg("simulate")
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dialect binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("it ends");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The position of `needle` in `hay` at or after `from`, or a failure showing `hay`.
fn after(hay: &str, from: usize, needle: &str) -> usize {
    match hay[from..].find(needle) {
        Some(i) => from + i + needle.len(),
        None => panic!("{needle:?} not found after byte {from} in:\n{hay}"),
    }
}

#[test]
fn piped_lines_play_a_call_with_world_commands() {
    let input = "\
羽毛布団を2つください
/mock ReserveStock returns { status: \"reserved\", orderId: \"A1001\", productName: \"羽毛布団\" }
/mock SendPaymentLink returns { status: \"sent\" }
はい
/restart
/at 2027-01-01 10:00 Asia/Tokyo
";
    let r = simulate_piped(&["flows/order/order.dial", "--mock", EMERGENCY_OFF], input);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let o = &r.stdout;
    let mut at = after(o, 0, "Calling flow PhoneOrder.");
    at = after(
        o,
        at,
        "world: mock EmergencyStatus returns { active: \"false\" }",
    );
    // Steps are shown with the action, and prompts in full.
    at = after(o, at, "step PhoneOrder/greet MessageParticipant");
    at = after(o, at, "ご注文センターでございます");
    at = after(o, at, "listen bot \"OrderBot\"");
    at = after(o, at, "caller says \"羽毛布団を2つください\"");
    at = after(o, at, "bot says \"羽毛布団を2点でよろしいですか?");
    at = after(o, at, "world: mock ReserveStock returns");
    at = after(o, at, "caller says \"はい\"");
    at = after(
        o,
        at,
        "-> returned {\"status\":\"reserved\",\"orderId\":\"A1001\"",
    );
    at = after(o, at, "お支払い用のリンクを、SMSでお送りしました");
    at = after(o, at, "end: disconnected");
    at = after(o, at, "--- the call again ---");
    // New Year's Eve: the holiday closure decides, and what was shown no longer holds.
    at = after(o, at, "world: at 2027-01-01 10:00 Asia/Tokyo");
    at = after(
        o,
        at,
        "--- in this world the call so far goes differently; from the start ---",
    );
    at = after(o, at, "closed (年末年始休業)");
    after(o, at, "end: disconnected");
    // Mocks mid-call are replays that leave the part shown unchanged: shown once.
    assert_eq!(o.matches("ご注文センターでございます").count(), 2, "{o}");
}

#[test]
fn refused_piped_lines_fail_the_run_and_say_why() {
    let input = "/mock NoSuchThing fails\n/press one\n/fly\n";
    let r = simulate_piped(&["flows/order/order.dial"], input);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("no integration named `NoSuchThing`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("`/press` takes keys"), "{}", r.stdout);
    assert!(r.stdout.contains("unknown command `/fly`"), "{}", r.stdout);
    assert!(
        r.stderr.contains("3 lines of the input could not be used"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_flow_is_chosen_by_name_or_the_flows_are_listed() {
    let r = simulate_piped(&["flows/", "--flow", "Nope"], "");
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("no flow named `Nope`; the flows are: "),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("PhoneOrder"), "{}", r.stderr);
    // Keys at a keypad prompt are pressed; the end of input ends the session cleanly.
    let r = simulate_piped(&["flows/", "--flow", "TechnicalTrouble"], "1\n");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("listen keypad\ncaller presses \"1\""),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("end: transferred to queue \"Support\""),
        "{}",
        r.stdout
    );
}

/// How rexpect shows `text`: it reads the terminal byte by byte, each byte as a `char`.
#[cfg(unix)]
fn raw(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// A person at a terminal: the greeting, an order, the confirmation, the end.
#[cfg(unix)]
#[test]
fn a_terminal_session_plays_a_short_call() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dialect"));
    cmd.args([
        "simulate",
        "flows/order/order.dial",
        "--mock",
        EMERGENCY_OFF,
    ])
    .current_dir(repo())
    .env("NO_COLOR", "1")
    .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawned in a pty");
    p.exp_string(&raw("ご注文センターでございます"))
        .expect("the greeting");
    p.exp_string("caller says> ")
        .expect("the prompt for speech");
    // Each line is typed at a prompt, as a person would (rustyline drops keys typed ahead).
    p.send_line("/steps off").expect("typed");
    p.exp_string("caller says> ")
        .expect("the prompt after a command");
    p.send_line("羽毛布団を2つください").expect("typed");
    p.exp_string(&raw("羽毛布団を2点でよろしいですか"))
        .expect("the confirmation question");
    p.exp_string("caller says> ").expect("the prompt again");
    p.send_line("/mock ReserveStock returns { status: \"reserved\", orderId: \"A7\", productName: \"羽毛布団\" }")
        .expect("typed");
    p.exp_string("world: mock ReserveStock")
        .expect("the mock taken");
    p.exp_string("caller says> ")
        .expect("the prompt after a world line");
    p.send_line("はい").expect("typed");
    p.exp_string("confirmation Confirmed").expect("confirmed");
    p.exp_string(&raw("羽毛布団を2点、お取り置きいたしました"))
        .expect("reserved");
    p.exp_string("end: ").expect("the end of the call");
    p.exp_string("call ended> ")
        .expect("the prompt after the call");
    p.send_line("/quit").expect("typed");
    p.exp_eof().expect("the REPL exits");
    let status = p.process_mut().wait().expect("exit status");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
        "{status:?}"
    );
}
