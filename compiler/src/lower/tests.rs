use super::*;
use crate::compile::{Options, analyze};
use crate::connect::{ActionKind, ErrorType, Operator};
use crate::diagnostics::Severity;
use crate::source::MemoryLoader;

fn lower_src(src: &str) -> (Lowered, crate::compile::Project) {
    let mut loader = MemoryLoader::default();
    loader.insert("main.dial", src);
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["main.dial".into()],
            environments: vec![],
        },
    );
    let errors: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (lower(&project.model, &Placeholders), project)
}

fn action<'a>(l: &'a Lowered, flow: &str, id: &str) -> &'a connect::Action {
    let f = l.flows.iter().find(|f| f.name == flow).expect("flow");
    f.flow.action(id).unwrap_or_else(|| {
        panic!(
            "no action {id}; have {:?}",
            f.flow
                .actions
                .iter()
                .map(|a| &a.identifier)
                .collect::<Vec<_>>()
        )
    })
}

#[test]
fn statements_fall_through_and_errors_go_to_on_error() {
    let (l, _) = lower_src(
        r#"
flow Main {
  kind inbound
  logging on
  on error -> oops
  start {
    say "hello"
    menu "press 1" timeout 8s { press 1 -> done  timeout -> retry 2 then oops }
  }
  done { hang up }
  oops { say "sorry" hang up }
}
"#,
    );
    let f = &l.flows[0];
    assert_eq!(f.flow.start_action, "flow-logging");
    assert_eq!(
        action(&l, "Main", "flow-logging")
            .transitions
            .next_action
            .as_deref(),
        Some("start")
    );
    let say = action(&l, "Main", "start");
    assert_eq!(say.transitions.next_action.as_deref(), Some("start-2"));
    assert_eq!(
        say.transitions.errors[0].error_type,
        ErrorType::NoMatchingError
    );
    assert_eq!(say.transitions.errors[0].next_action, "oops");
    let menu = action(&l, "Main", "start-2");
    assert_eq!(menu.transitions.conditions[0].operator, Operator::Equals);
    assert_eq!(menu.transitions.conditions[0].next_action, "done");
    let timeout = menu
        .transitions
        .errors
        .iter()
        .find(|e| e.error_type == ErrorType::InputTimeLimitExceeded)
        .expect("timeout branch");
    assert_eq!(timeout.next_action, "start-retry-1");
    let retry = action(&l, "Main", "start-retry-1");
    let ActionKind::Loop(p) = &retry.kind else {
        panic!("not a loop")
    };
    assert_eq!(p.loop_count.as_ref().and_then(|c| c.as_u32()), Some(2));
    let conds: Vec<(&str, &str)> = retry
        .transitions
        .conditions
        .iter()
        .map(|c| (c.operand_text().unwrap_or_default(), c.next_action.as_str()))
        .collect();
    assert_eq!(
        conds,
        [("ContinueLooping", "start"), ("DoneLooping", "oops")]
    );
    // Invalid keys are unwritten errors: the flow's `on error`.
    let invalid = menu
        .transitions
        .errors
        .iter()
        .find(|e| e.error_type == ErrorType::NoMatchingCondition)
        .expect("invalid branch");
    assert_eq!(invalid.next_action, "oops");
    assert_eq!(
        action(&l, "Main", "oops-2").type_name(),
        "DisconnectParticipant"
    );
}
