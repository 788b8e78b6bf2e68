//! Every corpus flow loads, runs and is explored without a panic; the table of results is kept
//! as a snapshot. A few flows have asserted transcripts.

use std::fmt::Write as _;
use std::path::Path;

use dialect_compiler::connect::import_flow;
use dialect_compiler::span::FileId;
use dialect_runtime::{ExploreOptions, Program, Script, World, explore, run};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/connect-flows"
);

/// `(file stem, text)` of every corpus flow, sorted; `None` when the corpus is not checked out
/// (a failure under CI).
fn corpus() -> Option<Vec<(String, String)>> {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the Connect corpus is missing at {CORPUS}"
        );
        eprintln!("notice: {CORPUS} not found; skipping");
        return None;
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("corpus dir").flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            out.push((
                stem.unwrap_or_default(),
                std::fs::read_to_string(&p).expect("read"),
            ));
        }
    }
    out.sort();
    Some(out)
}

fn program(stem: &str, text: &str) -> Program {
    let (flow, diags) = import_flow(FileId(0), text);
    let flow = flow.unwrap_or_else(|| panic!("{stem} does not import: {diags:?}"));
    Program::from_flow(stem, &flow)
}

#[test]
fn every_corpus_flow_runs_and_is_explored() {
    let Some(files) = corpus() else { return };
    assert_eq!(files.len(), 58);
    let scripts = [
        Script::new(),
        Script::new()
            .press("1")
            .say("yes")
            .press("1234#")
            .silent()
            .say("agent"),
        Script::new().silent().silent().silent().hang_up(),
    ];
    let mut table = String::from(
        "flow | actions | default call | paths | stranded | truncated | explored branches\n",
    );
    for (stem, text) in &files {
        let p = program(stem, text);
        let mut first = None;
        for s in &scripts {
            let t = run(&p, &World::default(), s);
            let o = t.outcome().cloned().expect("every call ends");
            first.get_or_insert(o);
        }
        let x = explore(&p, 0, ExploreOptions::default());
        let cov = x.coverage(&p);
        let totals = cov.flows[0].totals();
        let _ = writeln!(
            table,
            "{stem} | {} | {} | {} | {} | {} | {}/{}",
            p.flows[0].ops.len(),
            first.map(|o| o.label()).unwrap_or_default(),
            x.paths.len(),
            x.stranded().count(),
            x.truncated,
            totals.branches.0,
            totals.branches.1,
        );
    }
    insta::assert_snapshot!("corpus_table", table);
}

#[test]
fn corpus_transcripts() {
    let Some(files) = corpus() else { return };
    let get = |name: &str| {
        files
            .iter()
            .find(|(s, _)| s == name)
            .map(|(s, t)| program(s, t))
            .expect("corpus flow")
    };
    // A queue transfer with staffing checks.
    let p = get("gm__default_queue_transfer");
    let t = run(&p, &World::default(), &Script::new());
    insta::assert_snapshot!("default_queue_transfer", t.render_with(true));
    // The same flow once the contact has a working queue: staffed, so it is transferred.
    let w = World {
        queue: Some("support".to_owned()),
        ..World::default()
    };
    let t = run(&p, &w, &Script::new());
    insta::assert_snapshot!("default_queue_transfer_with_queue", t.render());
    // A DTMF survey: keys drive the attributes.
    let p = get("surveys__2-Simple_Survey_Example");
    let t = run(
        &p,
        &World::default(),
        &Script::new().press("5").press("3").press("1"),
    );
    insta::assert_snapshot!("simple_survey", t.render());
    // Closed hours on an inbound flow.
    let p = get("gm__00_mainpatient_flow_in_open");
    let w = World {
        unknown_hours_open: false,
        ..World::default()
    };
    let t = run(&p, &w, &Script::new().press("1"));
    insta::assert_snapshot!("mainpatient_closed", t.render());
}

/// A small deterministic generator (no dependency needed for this).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let n = u64::try_from(items.len()).unwrap_or(1).max(1);
        &items[usize::try_from(self.next() % n).unwrap_or(0)]
    }
}

#[test]
fn random_callers_and_worlds_never_crash_a_corpus_flow() {
    use dialect_runtime::coverage::{Both, Coverage};
    use dialect_runtime::mocks::LambdaBehavior;
    use dialect_runtime::world::Channel;
    use dialect_runtime::{Session, Step, Trace};

    let Some(files) = corpus() else { return };
    let says = [
        "yes",
        "no",
        "agent",
        "はい",
        "いいえ",
        "",
        "１２３",
        "二十五",
        "$.Attributes.x",
        "{",
        "\u{0}",
    ];
    let keys = [
        "1",
        "2",
        "9",
        "#",
        "*",
        "",
        "0901234567#",
        "123456789012345678901234567890",
    ];
    let behaviors = [
        LambdaBehavior::default(),
        LambdaBehavior::Fails("x".into()),
        LambdaBehavior::TimesOut,
        LambdaBehavior::Malformed("<".into()),
        LambdaBehavior::Returns(serde_json::json!([1, 2])),
        LambdaBehavior::Returns(serde_json::json!({"a": {"b": 1}, "statusCode": 200, "ok": true})),
    ];
    let mut rng = Rng(0x5eed);
    for (stem, text) in &files {
        let p = program(stem, text);
        for _ in 0..8 {
            let w = World {
                caller: (!rng.next().is_multiple_of(3)).then(|| "+819012345678".to_owned()),
                channel: if rng.next().is_multiple_of(4) {
                    Channel::Chat
                } else {
                    Channel::Voice
                },
                unknown_hours_open: rng.next().is_multiple_of(2),
                default_lambda: rng.pick(&behaviors).clone(),
                agent_answers_after_s: rng.next() % 120,
                third_party_failure: (rng.next().is_multiple_of(3))
                    .then(|| "CallFailed".to_owned()),
                ..World::default()
            };
            let mut session = Session::new(&p, &w);
            for _ in 0..4 {
                let steps: Vec<Step> = (0..rng.next() % 8)
                    .map(|_| match rng.next() % 5 {
                        0 => Step::Say((*rng.pick(&says)).to_owned()),
                        1 | 2 => Step::Press((*rng.pick(&keys)).to_owned()),
                        3 => Step::Silent,
                        _ => Step::HangUp,
                    })
                    .collect();
                let mut obs = Both(Trace::default(), Coverage::new(&p));
                let o = session.run(0, &steps, &mut obs);
                assert_eq!(obs.0.outcome(), Some(&o), "{stem}");
                assert_eq!(obs.1.calls, 1);
            }
        }
    }
}
