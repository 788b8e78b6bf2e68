//! Behaviour of the interpreter on hand-built flows.

use crate::common::{flow, order_program, order_world};
use dialect_runtime::mocks::{LambdaBehavior, LambdaMock};
use dialect_runtime::profiles::Profiles;
use dialect_runtime::trace::{Event, LambdaResult, Outcome};
use dialect_runtime::world::Clock;
use dialect_runtime::{Program, Script, Session, Trace, World, run};

fn order(world: &World, script: Script) -> Trace {
    run(&order_program(), world, &script)
}

#[test]
fn a_caller_orders_two_apples() {
    let t = order(
        &order_world(),
        Script::new()
            .press("1")
            .say("りんごを2個ください")
            .say("はい"),
    );
    insta::assert_snapshot!(t.render(), @r#"
    flow "PhoneOrder"
    queue "Order"
    hours "order-hours" open
    say "<speak>お電話ありがとうございます。<break time='300ms'/>ご注文を承ります。</speak>"
    say "ご注文は1を、オペレーターは2を押してください。"
    listen keypad
    caller presses "1"
    say "ご注文の商品と数量をお話しください。"
    listen bot "OrderBot"
    caller says "りんごを2個ください"
    bot says "りんごを2個でよろしいですか?"
    caller says "はい"
    confirmation Confirmed
    intent OrderProduct {Product: "りんご", Quantity: "2"} (100%)
    call "arn:aws:lambda:ap-northeast-1:123:function:order-reserve-stock" {product: "りんご", quantity: "2", phone: "+819012345678"} -> returned {"status":"reserved","orderId":"A-1","count":2}
    set orderId = "A-1"
    set status = "reserved"
    set count = "2"
    say "お支払い用のリンクをSMSでお送りしました。ご利用ありがとうございました。"
    end: disconnected
    "#);
    // Numbers from a Lambda become strings in attributes.
    assert_eq!(t.attribute("count"), Some("2"));
    // The same events as JSON lines.
    let lines = t.to_json_lines();
    assert_eq!(lines.lines().count(), t.events.len());
    assert!(
        lines.contains(r#"{"event":"set","name":"count","value":"2"}"#),
        "{lines}"
    );
}

#[test]
fn slots_are_elicited_and_numbers_read_in_kanji_and_full_width() {
    let t = order(
        &order_world(),
        Script::new()
            .press("1")
            .say("みかんが欲しい")
            .say("十二個")
            .say("はい、お願いします"),
    );
    let prompts = t.prompts();
    assert!(prompts.contains(&"いくつご注文されますか?"), "{prompts:?}");
    assert!(
        prompts.contains(&"みかんを12個でよろしいですか?"),
        "{prompts:?}"
    );
    assert_eq!(t.outcome(), Some(&Outcome::Disconnected));

    let t = order(
        &order_world(),
        Script::new()
            .press("1")
            .say("林檎を３個ください")
            .say("はい"),
    );
    assert!(t.prompts().contains(&"りんごを3個でよろしいですか?"));
}

#[test]
fn a_partial_sentence_still_finds_the_intent() {
    let t = order(
        &order_world(),
        Script::new().press("1").say("アップルを二個").say("はい"),
    );
    assert!(
        t.events
            .iter()
            .any(|e| matches!(e, Event::Recognized(i, s, _)
            if i == "OrderProduct" && s.contains(&("Quantity".to_owned(), "2".to_owned())))),
        "{}",
        t.render()
    );
}

#[test]
fn nothing_understood_is_the_fallback_intent() {
    let t = order(&order_world(), Script::new().press("1").say("明日の天気は"));
    assert!(
        t.render().contains("intent FallbackIntent"),
        "{}",
        t.render()
    );
    assert!(
        t.render()
            .contains("error NoMatchingCondition at take_order")
    );
    assert_eq!(
        t.outcome(),
        Some(&Outcome::TransferredToQueue("Order".to_owned()))
    );
}

#[test]
fn the_stock_service_times_out_and_the_caller_reaches_an_agent_with_a_whisper() {
    let mut w = order_world();
    w.lambdas = vec![LambdaMock::always(
        "order-reserve-stock",
        LambdaBehavior::TimesOut,
    )];
    let t = order(&w, Script::new().press("1").say("みかんを1個").say("はい"));
    let r = t.render();
    assert!(r.contains("-> timed out after 4s"), "{r}");
    assert!(r.contains("say \"システムに問題が発生しました。担当者におつなぎします。\""));
    assert!(r.contains(
        "transfer queue \"Order\" with {AgentWhisper: \"arn:aws:connect:ap-northeast-1:123:instance/i/contact-flow/order-whisper\"}"
    ), "{r}");
}

#[test]
fn lambda_faults_fail_malformed_and_slow() {
    for (b, what) in [
        (LambdaBehavior::Fails("boom".into()), "failed \"boom\""),
        (
            LambdaBehavior::Malformed("<html>".into()),
            "malformed \"<html>\"",
        ),
        (
            LambdaBehavior::Returns(serde_json::json!({"nested": {"a": 1}})),
            "malformed \"not a flat string map",
        ),
        (
            LambdaBehavior::Delayed {
                seconds: 5.0,
                returns: serde_json::json!({}),
            },
            "timed out after 4s",
        ),
    ] {
        let mut w = order_world();
        w.lambdas = vec![LambdaMock::always("order-reserve-stock", b)];
        let t = order(
            &w,
            Script::new()
                .press("1")
                .say("りんごを2個ください")
                .say("はい"),
        );
        let r = t.render();
        assert!(r.contains(what), "{what}: {r}");
        assert!(r.contains("error NoMatchingError at reserve"), "{r}");
    }
}

#[test]
fn hours_closed_on_sunday_and_on_a_holiday() {
    let mut w = order_world();
    w.clock = Clock::at("2026-11-22 10:00", "Asia/Tokyo").expect("clock");
    let t = order(&w, Script::new());
    assert!(t.render().contains("hours \"order-hours\" closed"));
    assert!(t.prompts().contains(&"本日の受付は終了しました。"));

    let mut w = order_world();
    w.hours[0] = w.hours[0]
        .clone()
        .closed_on("2026-11-24".parse().expect("date"), "臨時休業");
    let t = order(&w, Script::new());
    assert!(t.render().contains("closed (臨時休業)"), "{}", t.render());
}

#[test]
fn withheld_number_is_asked_for_on_the_keypad_and_stored_in_e164() {
    let w = order_world().withheld();
    let t = order(
        &w,
        Script::new()
            .press("1")
            .say("りんごを2個ください")
            .say("はい")
            .press("09012345678#"),
    );
    let r = t.render();
    assert!(r.contains("phone: \"anonymous\""), "{r}");
    assert!(r.contains("stored \"+819012345678\""), "{r}");
    assert!(r.contains("say \"+819012345678 にお送りします。\""), "{r}");

    let t = order(
        &w,
        Script::new()
            .press("1")
            .say("りんごを2個ください")
            .say("はい")
            .press("123#"),
    );
    assert!(
        t.render()
            .contains("error InvalidPhoneNumber at ask_number")
    );
}

#[test]
fn keypad_timeouts_wrong_keys_hang_ups_and_script_end() {
    let w = order_world();
    let t = order(&w, Script::new().silent());
    assert!(t.render().contains("error InputTimeLimitExceeded at menu"));
    let t = order(&w, Script::new().press("9"));
    assert!(t.render().contains("error NoMatchingCondition at menu"));
    let t = order(&w, Script::new().say("one"));
    assert!(t.render().contains("error InputTimeLimitExceeded at menu"));
    let t = order(&w, Script::new().hang_up());
    assert_eq!(t.outcome(), Some(&Outcome::CallerHungUp));
    let t = order(&w, Script::new());
    assert_eq!(t.outcome(), Some(&Outcome::ScriptEnded));
}

#[test]
fn a_full_queue_takes_the_at_capacity_branch() {
    let mut w = order_world();
    w.queues[0].at_capacity = true;
    let t = order(&w, Script::new().press("2"));
    assert!(t.render().contains("error QueueAtCapacity at transfer"));
    assert!(
        t.prompts()
            .contains(&"ただいま電話が大変混み合っております。")
    );
}

#[test]
fn declining_the_confirmation_is_recorded() {
    let t = order(
        &order_world(),
        Script::new()
            .press("1")
            .say("りんごを2個ください")
            .say("いいえ"),
    );
    assert!(t.render().contains("confirmation Denied"));
}

const SMALL: &str = r#"{
  "Version": "2019-10-30", "StartAction": "a",
  "Actions": [
    {"Identifier": "a", "Type": "UpdateContactAttributes", "Parameters": {"Attributes": {"n": "0", "greeting": "Hi $.Attributes.name, welcome"}},
     "Transitions": {"NextAction": "loop", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "loop", "Type": "Loop", "Parameters": {"LoopCount": "2"},
     "Transitions": {"NextAction": "bye", "Conditions": [
        {"NextAction": "say", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
        {"NextAction": "mystery", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}}]}},
    {"Identifier": "say", "Type": "MessageParticipant", "Parameters": {"Text": "$.Attributes.greeting"}, "Transitions": {"NextAction": "loop"}},
    {"Identifier": "mystery", "Type": "SomethingNew", "Parameters": {}, "Transitions": {"NextAction": "bye"}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]}"#;

#[test]
fn loops_templates_and_unknown_types() {
    let p = Program::from_flow("small", &flow(SMALL));
    let mut w = World::default();
    w.attributes.insert("name".into(), "Hanako".into());
    let t = run(&p, &w, &Script::new());
    let r = t.render();
    assert_eq!(r.matches("say \"Hi Hanako, welcome\"").count(), 2, "{r}");
    assert!(r.contains("runtime error at mystery"), "{r}");
    assert!(matches!(t.outcome(), Some(Outcome::RuntimeError(_))));
}

const BROKEN: &str = r#"{
  "Version": "2019-10-30", "StartAction": "a",
  "Actions": [
    {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "x"}, "Transitions": {"NextAction": "ghost"}},
    {"Identifier": "b", "Type": "InvokeLambdaFunction", "Parameters": {"LambdaFunctionARN": "f"}, "Transitions": {"NextAction": "c"}},
    {"Identifier": "c", "Type": "MessageParticipant", "Parameters": {"Text": "y"}, "Transitions": {}}
  ]}"#;

#[test]
fn dangling_targets_and_missing_error_branches_strand_the_caller() {
    let f = flow(BROKEN);
    let p = Program::from_flow("broken", &f);
    let t = run(&p, &World::default(), &Script::new());
    assert!(
        matches!(t.outcome(), Some(Outcome::Stranded(m)) if m.contains("ghost")),
        "{t:?}"
    );
    let mut f2 = f.clone();
    f2.start_action = "b".into();
    let p = Program::from_flow("broken", &f2);
    let w = World::default().mock("f", LambdaBehavior::Fails("x".into()));
    let t = run(&p, &w, &Script::new());
    assert!(
        matches!(t.outcome(), Some(Outcome::Stranded(m)) if m.contains("no error branch")),
        "{t:?}"
    );
    let t = run(&p, &World::default(), &Script::new());
    assert!(
        matches!(t.outcome(), Some(Outcome::Stranded(m)) if m.contains("no next action")),
        "{t:?}"
    );
}

const MAIN: &str = r#"{
  "Version": "2019-10-30", "StartAction": "lookup",
  "Actions": [
    {"Identifier": "lookup", "Type": "GetCustomerProfile",
     "Parameters": {"ProfileRequestData": {"PhoneNumber": "$.CustomerEndpoint.Address"}, "ProfileResponseData": ["FirstName"]},
     "Transitions": {"NextAction": "check", "Errors": [{"ErrorType": "NoneFoundError", "NextAction": "module"}, {"ErrorType": "NoMatchingError", "NextAction": "module"}]}},
    {"Identifier": "check", "Type": "Compare", "Parameters": {"ComparisonValue": "$.Customer.Attributes.attention_customer"},
     "Transitions": {"NextAction": "module", "Conditions": [{"NextAction": "vip", "Condition": {"Operator": "TextContains", "Operands": ["trouble"]}}],
       "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "module"}]}},
    {"Identifier": "vip", "Type": "UpdateContactTargetQueue", "Parameters": {"QueueId": "high-skill"}, "Transitions": {"NextAction": "go"}},
    {"Identifier": "go", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "arn:aws:connect:x:1:instance/i/contact-flow/second"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "module", "Type": "InvokeFlowModule", "Parameters": {"FlowModuleId": "greeting-module"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]}"#;

const SECOND: &str = r#"{
  "Version": "2019-10-30", "StartAction": "w",
  "Actions": [
    {"Identifier": "w", "Type": "MessageParticipant", "Parameters": {"Text": "Hello $.Customer.FirstName"}, "Transitions": {"NextAction": "q"}},
    {"Identifier": "q", "Type": "TransferContactToQueue", "Transitions": {"NextAction": "x", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "x"}]}},
    {"Identifier": "x", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]}"#;

const MODULE: &str = r#"{
  "Version": "2019-10-30", "StartAction": "m",
  "Actions": [
    {"Identifier": "m", "Type": "MessageParticipant", "Parameters": {"Text": "from the module"}, "Transitions": {"NextAction": "r"}},
    {"Identifier": "r", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}
  ],
  "Settings": {"InputParameters": [], "OutputParameters": [], "Transitions": []}}"#;

#[test]
fn profiles_route_to_another_flow_and_modules_return() {
    let p = Program::builder()
        .flow("main", flow(MAIN))
        .flow("second", flow(SECOND))
        .flow_with_aliases("greeting", vec!["greeting-module".into()], flow(MODULE))
        .build();
    let w = World {
        profiles: Profiles::from_csv(
            "ProfileId,FirstName,PhoneNumber,Ok_to_call,attention_customer\n\
             p1,Hanako,+819012345678,yes,past trouble\n",
        )
        .expect("csv"),
        ..World::default()
    };
    let t = run(&p, &w, &Script::new());
    insta::assert_snapshot!(t.render(), @r#"
    flow "main"
    profile {PhoneNumber: "+819012345678"} -> found p1
    queue "high-skill"
    transfer flow "arn:aws:connect:x:1:instance/i/contact-flow/second"
    flow "second"
    say "Hello Hanako"
    transfer queue "high-skill"
    end: transferred to queue "high-skill"
    "#);
    let t = run(&p, &w.clone().withheld(), &Script::new());
    insta::assert_snapshot!(t.render(), @r#"
    flow "main"
    profile {PhoneNumber: "anonymous"} -> none found
    error NoneFoundError at lookup
    module "greeting"
    say "from the module"
    return from "greeting"
    end: disconnected
    "#);
}

#[test]
fn a_session_reuses_its_state_between_calls() {
    let p = order_program();
    let w = order_world();
    let mut s = Session::new(&p, &w);
    let steps = Script::new()
        .press("1")
        .say("りんごを2個ください")
        .say("はい")
        .steps;
    for _ in 0..3 {
        let o = s.run(0, &steps, &mut dialect_runtime::Quiet);
        assert_eq!(o, Outcome::Disconnected);
        assert_eq!(s.attribute("orderId"), Some("A-1"));
    }
    let o = s.run(
        0,
        &Script::new().press("2").steps,
        &mut dialect_runtime::Quiet,
    );
    assert_eq!(o, Outcome::TransferredToQueue("Order".into()));
    assert_eq!(s.attribute("orderId"), None);
    let _ = LambdaResult::TimedOut(1);
}

mod scenarios {
    use crate::common::{order_program, order_world};
    use dialect_runtime::expect::{Expectation as E, Line};
    use dialect_runtime::mocks::{LambdaBehavior, LambdaMock};
    use dialect_runtime::{Scenario, Step};

    fn say(t: &str) -> Step {
        Step::Say(t.to_owned())
    }

    #[test]
    fn the_sketch_scenario_passes() {
        let mut s = Scenario::new("a caller orders two apples");
        s.world = order_world();
        let s = s
            .expect(E::Say(
                "ご注文は1を、オペレーターは2を押してください。".into(),
            ))
            .caller(Step::Press("1".into()))
            .expect(E::Say("ご注文の商品と数量をお話しください。".into()))
            .caller(say("りんごを2個ください"))
            .expect(E::Say("りんごを2個でよろしいですか?".into()))
            .caller(say("はい"))
            .expect(E::Call {
                function: "order-reserve-stock".into(),
                payload: vec![
                    ("product".into(), "りんご".into()),
                    ("quantity".into(), "2".into()),
                ],
            })
            .expect(E::Attribute("orderId".into(), "A-1".into()))
            .expect(E::Say(
                "お支払い用のリンクをSMSでお送りしました。ご利用ありがとうございました。".into(),
            ))
            .expect(E::HangUp);
        let r = s.run(&order_program());
        assert!(r.passed, "{:?}\n{}", r.failures, r.diff);
    }

    #[test]
    fn a_failing_scenario_shows_a_readable_diff() {
        let mut s = Scenario::new("stock service times out");
        s.world = order_world();
        s.world.lambdas = vec![LambdaMock::always(
            "order-reserve-stock",
            LambdaBehavior::TimesOut,
        )];
        let s = s
            .caller(Step::Press("1".into()))
            .caller(say("みかんを1個"))
            .expect(E::Say("みかんを2個でよろしいですか?".into()))
            .caller(say("はい"))
            .expect(E::TransferQueue {
                queue: "order-queue".into(),
                whisper: Some("order-whisper".into()),
            });
        let r = s.run(&order_program());
        assert!(!r.passed);
        assert_eq!(r.failures.len(), 1, "{:?}", r.failures);
        insta::assert_snapshot!(r.diff, @r#"
          flow "PhoneOrder"
          queue "Order"
          hours "order-hours" open
          say "<speak>お電話ありがとうございます。<break time='300ms'/>ご注文を承ります。</speak>"
          say "ご注文は1を、オペレーターは2を押してください。"
          listen keypad
          caller presses "1"
          say "ご注文の商品と数量をお話しください。"
          listen bot "OrderBot"
          caller says "みかんを1個"
          bot says "みかんを1個でよろしいですか?"
        - say "みかんを2個でよろしいですか?"
        + bot says "みかんを1個でよろしいですか?"
          caller says "はい"
          confirmation Confirmed
          intent OrderProduct {Product: "みかん", Quantity: "1"} (75%)
          call "arn:aws:lambda:ap-northeast-1:123:function:order-reserve-stock" {product: "みかん", quantity: "1", phone: "+819012345678"} -> timed out after 4s
          error NoMatchingError at reserve
          say "システムに問題が発生しました。担当者におつなぎします。"
          hook AgentWhisper = "arn:aws:connect:ap-northeast-1:123:instance/i/contact-flow/order-whisper"
          transfer queue "Order" with {AgentWhisper: "arn:aws:connect:ap-northeast-1:123:instance/i/contact-flow/order-whisper"}
          end: transferred to queue "Order"
        "#);
        // A caller step after the call ended is reported.
        let s2 = Scenario {
            lines: vec![
                Line::Caller(Step::Press("2".into())),
                Line::Caller(say("hello")),
            ],
            ..s
        };
        let r = s2.run(&order_program());
        assert!(
            r.failures.iter().any(|f| f.contains("no longer waited")),
            "{:?}",
            r.failures
        );
    }

    /// `expect no …` looks at its stretch only (up to the caller's next step), does not move
    /// the position, and fails when what it rules out happens there.
    #[test]
    fn a_negative_expectation_holds_for_its_stretch() {
        let menu = "ご注文は1を、オペレーターは2を押してください。";
        let ask = "ご注文の商品と数量をお話しください。";
        let no = |e: E| E::Absent(Box::new(e));
        let mut base = Scenario::new("negative expectations");
        base.world = order_world();
        // Before the caller presses 1, the order question is not asked; after it, it is.
        let s = base
            .clone()
            .expect(no(E::Say(ask.into())))
            .expect(E::Say(menu.into()))
            .caller(Step::Press("1".into()))
            .expect(no(E::SayContaining("オペレーター".into())))
            .expect(E::Say(ask.into()));
        let r = s.run(&order_program());
        assert!(r.passed, "{:?}\n{}", r.failures, r.diff);
        // The same prompt ruled out in the stretch where it is said fails, with one failure.
        let s = base
            .expect(E::Say(menu.into()))
            .caller(Step::Press("1".into()))
            .expect(no(E::Say(ask.into())))
            .expect(E::Say(ask.into()));
        let r = s.run(&order_program());
        assert!(!r.passed);
        assert_eq!(
            r.failures,
            vec![format!("expected no say {ask:?}, but it happened")]
        );
        assert!(
            r.diff
                .contains(&format!("- no say {ask:?}\n+ say {ask:?}\n")),
            "{}",
            r.diff
        );
    }

    #[test]
    fn scenarios_run_in_parallel_and_merge_coverage() {
        let p = order_program();
        let mk = |name: &str, key: &str| {
            let mut s = Scenario::new(name);
            s.world = order_world();
            s.caller(Step::Press(key.into())).expect(E::TransferQueue {
                queue: "Order".into(),
                whisper: None,
            })
        };
        let all = vec![mk("agent", "2"), mk("wrong key", "7"), mk("timeout", "")];
        let (results, coverage) = dialect_runtime::expect::run_all(&p, &all);
        let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["agent", "wrong key", "timeout"]);
        assert!(results.iter().all(|r| r.passed), "{results:?}");
        assert_eq!(coverage.calls, 3);
        let menu = &coverage.flows[0].actions[4];
        assert_eq!(menu.id, "menu");
        assert_eq!(menu.hits, 3);
    }
}

const BUSY: &str = r#"{
  "Version": "2019-10-30", "StartAction": "q",
  "Actions": [
    {"Identifier": "q", "Type": "UpdateContactTargetQueue", "Parameters": {"QueueId": "sales"}, "Transitions": {"NextAction": "split"}},
    {"Identifier": "split", "Type": "DistributeByPercentage", "Parameters": {},
     "Transitions": {"NextAction": "b", "Conditions": [{"NextAction": "a", "Condition": {"Operator": "NumberLessThan", "Operands": ["50"]}}],
       "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "b"}]}},
    {"Identifier": "a", "Type": "UpdateContactAttributes", "Parameters": {"Attributes": {"group": "A"}}, "Transitions": {"NextAction": "busy"}},
    {"Identifier": "b", "Type": "UpdateContactAttributes", "Parameters": {"Attributes": {"group": "B"}}, "Transitions": {"NextAction": "busy"}},
    {"Identifier": "busy", "Type": "CheckMetricData", "Parameters": {"MetricType": "OldestContactInQueueAgeSeconds"},
     "Transitions": {"NextAction": "to_queue",
       "Conditions": [{"NextAction": "offer", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["300"]}}],
       "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "to_queue"}, {"ErrorType": "NoMatchingError", "NextAction": "to_queue"}]}},
    {"Identifier": "offer", "Type": "GetParticipantInput", "Parameters": {"Text": "Press 1 for a callback.", "StoreInput": "False"},
     "Transitions": {"NextAction": "to_queue", "Conditions": [{"NextAction": "number", "Condition": {"Operator": "Equals", "Operands": ["1"]}}],
       "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "to_queue"}, {"ErrorType": "InputTimeLimitExceeded", "NextAction": "to_queue"}, {"ErrorType": "NoMatchingError", "NextAction": "to_queue"}]}},
    {"Identifier": "number", "Type": "UpdateContactCallbackNumber", "Parameters": {"CallbackNumber": "$.CustomerEndpoint.Address"},
     "Transitions": {"NextAction": "callback", "Errors": [{"ErrorType": "InvalidCallbackNumber", "NextAction": "to_queue"}, {"ErrorType": "CallbackNumberNotDialable", "NextAction": "to_queue"}]}},
    {"Identifier": "callback", "Type": "CreateCallbackContact", "Parameters": {"InitialCallDelaySeconds": "5", "MaximumConnectionAttempts": "1", "RetryDelaySeconds": "600"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "to_queue"}]}},
    {"Identifier": "to_queue", "Type": "TransferContactToQueue", "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "QueueAtCapacity", "NextAction": "bye"}, {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]}"#;

#[test]
fn a_long_queue_offers_a_callback_and_distribution_is_deterministic() {
    use dialect_runtime::world::Queue;
    let p = Program::from_flow("busy", &flow(BUSY));
    let mut w = World::default();
    let mut q = Queue::new("sales");
    q.metrics.oldest_contact_age_seconds = 600;
    w.queues.push(q);
    let t = run(&p, &w, &Script::new().press("1"));
    let r = t.render();
    assert!(
        r.contains("metric \"sales\" OldestContactInQueueAgeSeconds = 600"),
        "{r}"
    );
    assert!(r.contains("callback number \"+819012345678\""), "{r}");
    assert!(
        r.contains("callback queue \"sales\" number \"+819012345678\" delay 5s"),
        "{r}"
    );
    assert_eq!(t.outcome(), Some(&Outcome::Disconnected));
    // Withheld number: no valid callback number, so the caller is queued.
    let t = run(&p, &w.clone().withheld(), &Script::new().press("1"));
    assert!(t.render().contains("error InvalidCallbackNumber at number"));
    // Short queue: straight to the queue.
    w.queues[0].metrics.oldest_contact_age_seconds = 10;
    let t = run(&p, &w, &Script::new());
    assert_eq!(
        t.outcome(),
        Some(&Outcome::TransferredToQueue("sales".into()))
    );
    // Percentages: both groups over many calls, the same sequence for the same seed.
    let groups = |w: &World| -> Vec<String> {
        let mut s = Session::new(&p, w);
        (0..200)
            .map(|_| {
                s.run(0, &[], &mut dialect_runtime::Quiet);
                s.attribute("group").unwrap_or_default().to_owned()
            })
            .collect()
    };
    let a = groups(&w);
    let share = a.iter().filter(|g| *g == "A").count();
    assert!((60..140).contains(&share), "{share}");
    assert_eq!(a, groups(&w));
}
