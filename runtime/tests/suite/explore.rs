//! Exhaustive exploration and coverage.

use crate::common::{flow, order_program, order_world};
use dialect_runtime::coverage::{Both, Coverage};
use dialect_runtime::explore::PathEnd;
use dialect_runtime::mocks::{LambdaBehavior, LambdaMock};
use dialect_runtime::{ExploreOptions, Program, Script, Session, Trace, explore};

#[test]
fn the_order_flow_has_no_stranded_path() {
    let p = order_program();
    let x = explore(&p, 0, ExploreOptions::default());
    assert!(!x.truncated);
    assert_eq!(x.stranded().count(), 0);
    let listing: String = x
        .paths
        .iter()
        .map(|path| x.render_path(&p, path) + "\n")
        .collect();
    insta::assert_snapshot!("order_paths", listing);
    let c = x.coverage(&p);
    let t = c.flows[0].totals();
    assert_eq!(t.branches.0, t.branches.1, "{:?}", c.flows[0].missed());
    // Deterministic, and the same on every core.
    assert_eq!(explore(&p, 0, ExploreOptions::default()), x);
    assert_eq!(
        dialect_runtime::explore_all(&p, ExploreOptions::default()),
        vec![x.clone()]
    );
}

const BROKEN: &str = r#"{
  "Version": "2019-10-30", "StartAction": "menu",
  "Actions": [
    {"Identifier": "menu", "Type": "GetParticipantInput", "Parameters": {"Text": "1 or 2", "StoreInput": "False"},
     "Transitions": {"NextAction": "one",
       "Conditions": [{"NextAction": "one", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                      {"NextAction": "ghost", "Condition": {"Operator": "Equals", "Operands": ["2"]}}],
       "Errors": [{"ErrorType": "InputTimeLimitExceeded", "NextAction": "loop"}]}},
    {"Identifier": "one", "Type": "InvokeLambdaFunction", "Parameters": {"LambdaFunctionARN": "f"}, "Transitions": {}},
    {"Identifier": "loop", "Type": "Loop", "Parameters": {"LoopCount": "2"},
     "Transitions": {"Conditions": [
        {"NextAction": "menu", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
        {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]}"#;

#[test]
fn stranded_paths_are_reported() {
    let p = Program::from_flow("broken", &flow(BROKEN));
    let x = explore(&p, 0, ExploreOptions::default());
    let stranded: Vec<String> = x.stranded().map(|s| x.render_path(&p, s)).collect();
    insta::assert_snapshot!("broken_stranded", stranded.join("\n"));
    let opts = ExploreOptions {
        unhandled_errors: true,
        ..ExploreOptions::default()
    };
    let y = explore(&p, 0, opts);
    assert!(y.stranded().count() > x.stranded().count());
    assert!(
        y.stranded().any(
            |s| matches!(&s.end, PathEnd::Stranded(m) if m.contains("NoMatchingError at `one`"))
        )
    );
    // The loop ran to its bound: three visits of the menu on the longest path.
    let longest = x.paths.iter().map(|p| p.steps.len()).max().unwrap_or(0);
    assert!(longest >= 7, "{longest}");
}

#[test]
fn coverage_over_many_calls() {
    let p = order_program();
    let mut w = order_world();
    let mut cov = Coverage::new(&p);
    let scripts = [
        Script::new()
            .press("1")
            .say("りんごを2個ください")
            .say("はい"),
        Script::new().press("2"),
        Script::new().press("9"),
        Script::new().silent(),
    ];
    {
        let mut s = Session::new(&p, &w);
        for sc in &scripts {
            s.run(0, &sc.steps, &mut cov);
        }
    }
    w.lambdas = vec![LambdaMock::always(
        "order-reserve-stock",
        LambdaBehavior::Fails("down".into()),
    )];
    let mut both = Both(Trace::default(), Coverage::new(&p));
    Session::new(&p, &w).run(0, &scripts[0].steps, &mut both);
    assert!(both.0.render().contains("failed \"down\""));
    cov.merge(&both.1);
    assert_eq!(cov.calls, 5);
    insta::assert_snapshot!(
        "order_coverage",
        format!("{}\n{}", cov.render(), cov.flows[0].missed().join("\n"))
    );
}

#[test]
fn explored_paths_replay_with_their_generated_inputs() {
    use dialect_runtime::trace::Event;
    let p = order_program();
    let w = order_world();
    let x = explore(&p, 0, ExploreOptions::default());
    // What order_world gives on its own.
    let satisfied = [
        "hours: Equals \"True\"",
        "check_status: Equals \"reserved\"",
        "check_number: TextStartsWith \"+\"",
    ];
    let mut replayed = 0;
    for path in &x.paths {
        let inputs = x.inputs(&p, path);
        if !inputs.world.iter().all(|n| satisfied.contains(&n.as_str())) {
            continue;
        }
        let t = dialect_runtime::run(&p, &w, &inputs.script);
        let visited: Vec<&str> = t
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Step(_, id, _) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let expected: Vec<&str> = path
            .steps
            .iter()
            .map(|s| p.flows[0].ops[s.action as usize].id.as_str())
            .collect();
        assert_eq!(
            visited,
            expected,
            "{}\n{}",
            x.render_path(&p, path),
            t.render()
        );
        replayed += 1;
    }
    assert!(replayed >= 3, "{replayed}");
    let cover = x.covering_paths();
    assert!(cover.len() < x.paths.len());
    let mut c = dialect_runtime::Coverage::new(&p);
    for &i in &cover {
        for s in &x.paths[i].steps {
            c.record(s.flow, s.action, s.taken);
        }
    }
    let all = x.coverage(&p);
    let branches_taken = |c: &dialect_runtime::Coverage| {
        c.flows[0]
            .actions
            .iter()
            .map(|a| {
                usize::from(a.next > 0)
                    + a.conditions.iter().filter(|&&n| n > 0).count()
                    + a.errors.iter().filter(|e| e.1 > 0).count()
            })
            .sum::<usize>()
    };
    let explored_only = {
        let mut e = dialect_runtime::Coverage::new(&p);
        for path in &x.paths {
            for s in &path.steps {
                e.record(s.flow, s.action, s.taken);
            }
        }
        e
    };
    assert_eq!(branches_taken(&c), branches_taken(&explored_only));
    assert!(branches_taken(&all) >= branches_taken(&c));
}
