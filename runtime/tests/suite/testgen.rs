//! Explored paths as scenario tests (`testgen`): the world and caller a path needs, and the
//! expectations read from its call.

use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::source::MemoryLoader;
use dialect_runtime::explore::{ExploreOptions, explore};
use dialect_runtime::testgen::{self, PlanLine};
use dialect_runtime::{Trace, project};

const FLOW: &str = r#"
hours Office {
  timezone Asia/Tokyo
  mon-fri 9:00-18:00
}

integration Status {
  lambda "status-fn"
  returns mode
}

queue Help {
  hours Office
}

flow Small {
  kind inbound
  on error -> bye

  start {
    check hours Office { closed -> closed_now }
    call Status {} { error -> menu }
    branch $result.mode {
      "quiet" -> bye
      else    -> menu
    }
  }

  menu {
    menu "1 for help" {
      press 1 -> help
      timeout -> bye
    }
  }

  help {
    transfer to queue Help { full -> bye }
  }

  closed_now {
    say "We are closed."
    hang up
  }

  bye {
    say "Goodbye."
    hang up
  }
}
"#;

fn model() -> dialect_compiler::resolve::Model {
    let loader = MemoryLoader::new().with("small.dial", FLOW);
    let p = analyze(
        &loader,
        &Options {
            roots: vec!["small.dial".to_owned()],
            environments: Vec::new(),
        },
    );
    assert!(!p.diagnostics.has_errors(), "{:?}", p.diagnostics);
    p.model
}

/// Every covering path as a rendered plan (no expectations yet), by name.
fn plans() -> Vec<testgen::TestPlan> {
    let m = model();
    let program = project::program(&m);
    let world = project::world(&m);
    let f = program.flow_named("Small").expect("flow");
    let x = explore(&program, f, ExploreOptions::default());
    let chosen = x.covering_paths();
    chosen
        .iter()
        .map(|&i| testgen::plan(&m, &program, &world, f, &x.paths[i]))
        .collect()
}

fn find<'a>(plans: &'a [testgen::TestPlan], name: &str) -> &'a testgen::TestPlan {
    plans.iter().find(|p| p.name == name).unwrap_or_else(|| {
        let names: Vec<_> = plans.iter().map(|p| p.name.as_str()).collect();
        panic!("no plan {name:?} in {names:#?}")
    })
}

#[test]
fn a_path_becomes_the_world_and_caller_that_drive_it() {
    let plans = plans();
    for p in &plans {
        assert!(p.problems.is_empty(), "{}: {:?}", p.name, p.problems);
    }
    // Hours closed: a time when the office is closed.
    let closed = find(
        &plans,
        "explored: start closed -> closed_now-2 (disconnect)",
    );
    assert_eq!(
        closed.render(),
        "test \"explored: start closed -> closed_now-2 (disconnect)\" {\n  flow Small\n  at 2026-11-24 20:00 Asia/Tokyo\n}\n"
    );
    // A branch on an integration's result: the mock returns the value that takes it.
    let quiet = find(
        &plans,
        "explored: start open, start-3 = quiet -> bye-2 (disconnect)",
    );
    assert_eq!(
        quiet.render(),
        "test \"explored: start open, start-3 = quiet -> bye-2 (disconnect)\" {\n  flow Small\n  mock Status returns { mode: \"quiet\" }\n}\n"
    );
    // The integration fails; the caller presses 1 and the queue is full.
    let all: Vec<String> = plans.iter().map(testgen::TestPlan::render).collect();
    assert!(
        all.iter().any(|t| t.contains("  mock Status fails\n")),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|t| t.contains("  queue Help full\n") && t.contains("  caller presses \"1\"\n")),
        "{all:#?}"
    );
    // A service error: a `fail` line.
    assert!(
        plans
            .iter()
            .any(|p| p.render().contains("  fail bye in Small\n")),
        "{plans:#?}"
    );
}

#[test]
fn expectations_come_from_the_call_and_the_test_runs_green() {
    let m = model();
    let program = project::program(&m);
    let world = project::world(&m);
    let f = program.flow_named("Small").expect("flow");
    let x = explore(&program, f, ExploreOptions::default());
    let path = x
        .paths
        .iter()
        .find(|p| {
            testgen::plan(&m, &program, &world, f, p).name
                == "explored: start open, start-3 else, menu timeout -> bye-2 (disconnect)"
        })
        .expect("the timeout path");
    let plan = testgen::plan(&m, &program, &world, f, path);
    assert_eq!(
        plan.lines,
        [PlanLine::Caller(dialect_runtime::Step::Silent)]
    );
    // Run the call the plan describes and read what happened.
    let mut w = world.clone();
    w.lambdas.clear();
    let trace: Trace =
        dialect_runtime::run_flow(&program, &w, f, &dialect_runtime::Script::new().silent());
    let done = testgen::with_expectations(&plan, &trace, &m);
    assert_eq!(
        done.lines,
        [
            PlanLine::SayContaining("1 for help".to_owned()),
            PlanLine::Caller(dialect_runtime::Step::Silent),
            PlanLine::SayContaining("Goodbye.".to_owned()),
            PlanLine::HangUp,
        ]
    );
}

#[test]
fn prompt_prefixes_and_strings_are_safe_to_write() {
    assert_eq!(
        testgen::prompt_prefix(
            "<speak>お電話ありがとうございます。<break time='300ms'/>またね</speak>"
        ),
        Some("お電話ありがとうございます。".to_owned())
    );
    assert_eq!(
        testgen::prompt_prefix("Your order {$orderId} is ready"),
        Some("Your order".to_owned())
    );
    assert_eq!(testgen::prompt_prefix("<speak></speak>"), None);
    assert_eq!(
        testgen::quote("a \"b\" {c}\\"),
        "\"a \\\"b\\\" \\{c\\}\\\\\""
    );
}
