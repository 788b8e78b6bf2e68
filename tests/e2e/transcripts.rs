//! Golden transcripts: the calls of the scenarios issue 7 names, as `dialect test --transcripts`
//! prints them, kept as reviewed insta snapshots. A change in what the caller hears, which
//! step runs or which service is called shows here as a diff, even when the test's own
//! expectations still pass.

use crate::harness::{dialect_in, repo};

/// The scenarios of issue 7, by test name.
const GOLDEN: &[&str] = &[
    "a happy order by voice",
    "out of stock: the alternative is taken",
    "the stock service times out: technical trouble",
    "the SMS service fails: an agent takes over",
    "caller ID withheld: the mobile number is typed",
    "the bot misunderstands twice: the keypad takes over",
    "a public holiday: closed with the holiday message",
    "the year-end closure",
    "the emergency message is on",
    "the orders queue is at capacity: high volume",
    "a re-order is accepted and charged",
    "consent refused: no call, an e-mail task instead",
    "a voicemail gets a short message",
    "an attention customer reaches the high-skill queue with a whisper",
];

/// Each test's transcript in the output of `dialect test --transcripts`, by name.
fn transcripts(stdout: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("test ")
            .and_then(|l| l.strip_suffix(" ... ok"))
        {
            out.push((name.to_owned(), String::new()));
        } else if let Some((_, text)) = out.last_mut()
            && let Some(body) = line.strip_prefix("    ")
        {
            text.push_str(body);
            text.push('\n');
        }
    }
    out
}

#[test]
fn the_scenarios_of_issue_7_keep_their_transcripts() {
    let r = dialect_in(&repo(), &["test", "flows/", "--transcripts"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let all = transcripts(&r.stdout);
    for name in GOLDEN {
        let found: Vec<&(String, String)> = all.iter().filter(|(n, _)| n == name).collect();
        assert_eq!(found.len(), 1, "exactly one test is named {name:?}");
        let text = &found[0].1;
        assert!(text.starts_with("flow "), "{name}: {text}");
        let slug: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        insta::assert_snapshot!(format!("transcript_{slug}"), text);
    }
}
