use super::ast::*;
use super::parse;
use crate::span::FileId;

fn ok(src: &str) -> Ast {
    let p = parse(FileId(0), src);
    assert!(
        p.diagnostics.is_empty(),
        "unexpected diagnostics for:\n{src}\n{:#?}",
        p.diagnostics
    );
    p.ast
}

fn codes(src: &str) -> Vec<&'static str> {
    parse(FileId(0), src)
        .diagnostics
        .iter()
        .map(|d| d.code.id())
        .collect()
}

#[test]
fn parses_the_sketch_flow() {
    let ast = ok(r#"
use "../common/hours.dial"
flow PhoneOrder {
  kind inbound
  voice ja-JP Kazuha neural
  on error -> tech_trouble
  start {
    run module OpeningChecks
      open   -> greet
      closed -> goodbye
  }
  greet {
    say "<speak>お電話ありがとうございます。</speak>"
    -> take_order
  }
  take_order {
    ask OrderBot "ご注文の商品と数量をお話しください。" {
      intent OrderProduct -> reserve
      intent TalkToAgent  -> tech_trouble
      no match            -> retry 2 then tech_trouble
    }
  }
  reserve {
    call ReserveStock { product: $slot.Product, quantity: $slot.Quantity } timeout 4s
    branch $result.status {
      "reserved"     -> goodbye
      else           -> tech_trouble
    }
  }
  goodbye { say "ありがとうございました。" hang up }
  tech_trouble { transfer to queue Orders whisper Why { full -> goodbye } }
}
"#);
    assert_eq!(ast.items.len(), 2);
    let Item::Flow(f) = &ast.items[1] else {
        panic!("not a flow")
    };
    assert_eq!(f.name.text, "PhoneOrder");
    assert_eq!(f.settings.len(), 3);
    assert_eq!(
        f.steps
            .iter()
            .map(|s| s.name.text.as_str())
            .collect::<Vec<_>>(),
        [
            "start",
            "greet",
            "take_order",
            "reserve",
            "goodbye",
            "tech_trouble"
        ]
    );
    let take = &f.steps[2].statements[0];
    assert_eq!(take.outcomes.len(), 3);
    assert_eq!(take.outcomes[2].pattern.words_text(), "no match");
    assert!(matches!(
        &take.outcomes[2].target,
        Some(Target::Retry(r)) if r.count.value == 2
    ));
    let StatementKind::Call { args, timeout, .. } = &f.steps[3].statements[0].kind else {
        panic!()
    };
    assert_eq!(args.len(), 2);
    assert_eq!(timeout.map(|t| t.millis), Some(4000));
    let StatementKind::TransferQueue { queue, whisper } = &f.steps[5].statements[0].kind else {
        panic!()
    };
    assert_eq!(queue.as_ref().map(|q| q.text.as_str()), Some("Orders"));
    assert_eq!(whisper.as_ref().map(|q| q.text.as_str()), Some("Why"));
}

#[test]
fn keywords_are_whole_words_and_not_reserved() {
    let ast = ok("flow F { check { -> saying } saying { say \"x\" -> check } }");
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    assert_eq!(f.steps[0].name.text, "check");
    assert_eq!(f.steps[1].name.text, "saying");
    assert!(matches!(
        f.steps[1].statements[0].kind,
        StatementKind::Say { .. }
    ));
}

#[test]
fn every_error_is_reported_in_one_run() {
    let c = codes(
        "flow F {\n  a {\n    sya \"x\"\n    say \"ok\"\n  }\n  b {\n    menu \"m\" { press 1 -> }\n  }\n}\nflwo G {}\n",
    );
    assert_eq!(c, ["P001", "P005", "P001"], "{c:?}");
}

#[test]
fn unclosed_blocks_are_reported_and_later_items_survive() {
    let p = parse(FileId(0), "flow F {\n  a { hang up }\n\nqueue Orders\n");
    let c: Vec<_> = p.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(c, ["P002"]);
    assert_eq!(
        p.ast.items.len(),
        2,
        "the queue after the unclosed flow is still parsed"
    );
}

#[test]
fn empty_file_warns() {
    assert_eq!(codes("  // nothing\n"), ["P006"]);
}

#[test]
fn bad_literals() {
    assert_eq!(codes("calendar C { 2026-02-30 \"x\" }"), ["P007"]);
    assert_eq!(codes("hours H { mon 25:00-26:00 }"), ["P007", "P007"]);
    assert_eq!(codes("integration I { lambda \"x\" timeout 0s }"), ["P007"]);
}

#[test]
fn bot_flat_and_block_forms() {
    let ast = ok(r#"
bot OrderBot {
  locale ja_JP
  slot type Product { "りんご" = "林檎", "アップル"  "みかん" }
  intent OrderProduct {
    utterance "{Product}を{Quantity}個ください"
    slot Product  : Product       ask "どの商品になさいますか?"
    slot Quantity : AMAZON.Number ask "いくつご注文されますか?" optional
    confirm "{Product}を{Quantity}個でよろしいですか?"
  }
}
bot Two { locale ja_JP { intent A { utterance "a" } } locale en_US { intent A { utterance "a" } } }
"#);
    let Item::Bot(b) = &ast.items[0] else {
        panic!()
    };
    assert_eq!(b.locales.len(), 1);
    assert_eq!(
        b.locales[0].locale.as_ref().map(|l| l.text.as_str()),
        Some("ja_JP")
    );
    assert_eq!(b.locales[0].slot_types[0].values[0].synonyms.len(), 2);
    let i = &b.locales[0].intents[0];
    assert_eq!(i.slots[1].type_name.text, "AMAZON.Number");
    assert!(!i.slots[1].required);
    assert_eq!(
        i.utterances[0]
            .placeholders()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        ["Product", "Quantity"]
    );
    let Item::Bot(b2) = &ast.items[1] else {
        panic!()
    };
    assert_eq!(b2.locales.len(), 2);
}

#[test]
fn hours_calendar_queue_integration() {
    let ast = ok(r#"
hours Business { timezone Asia/Tokyo  mon-fri 09:00-18:00  sat 10:00-12:00, 13:00-17:00  sun closed  closed on JapanHolidays }
calendar JapanHolidays {
  2027-01-01 holiday "元日"
  2026-12-29 .. 2027-01-03 closure "年末年始休業"
}
queue Orders { hours Business }
integration ReserveStock { lambda "order-reserve-stock" timeout 4s returns status, orderId }
"#);
    let Item::Hours(h) = &ast.items[0] else {
        panic!()
    };
    assert_eq!(
        h.timezone.as_ref().map(|t| t.text.as_str()),
        Some("Asia/Tokyo")
    );
    assert_eq!(h.rules.len(), 3);
    assert_eq!(h.rules[1].times.len(), 2);
    assert!(h.rules[2].times.is_empty());
    let Item::Calendar(c) = &ast.items[1] else {
        panic!()
    };
    assert_eq!(c.entries[1].to.to_string(), "2027-01-03");
    let Item::Integration(i) = &ast.items[3] else {
        panic!()
    };
    assert_eq!(i.returns.len(), 2);
}

#[test]
fn statements_of_every_kind() {
    let ast = ok(r##"
flow F {
  kind outbound
  s {
    input $phone "番号を入力してください" max 11 digits end "#" timeout 8s phone local JP { ok -> s  timeout -> s  invalid -> s }
    menu "1か2を押してください" timeout 5s { press 1 -> s  press # -> s  timeout -> retry 2 then s  invalid -> s }
    set $a = "x", $b = 2, $c = $caller.number
    set queue Orders
    set agent whisper flow W
    set voice en-US Joanna
    set priority 1
    check hours Business { open -> s  closed -> s }
    check queue Orders { waiting > 20 -> s  wait > 3m -> s  else -> s }
    callback queue Orders number $caller.number after 10m attempts 3 every 5m
    lookup profile by phone $caller.number { found -> s  not found -> s }
    dial from "+81312345678" timeout 30s
    check call { answered -> s  voicemail -> s }
    distribute { 20% -> s  80% -> s }
    transfer to number "+81312345678"
  }
  t { transfer to flow Other }
  u { run module M { a: 1 } -> s }
  v { return open }
  w { end }
  x { transfer to agent }
}
"##);
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    assert_eq!(f.steps[0].statements.len(), 15);
    let StatementKind::Input { options, .. } = &f.steps[0].statements[0].kind else {
        panic!()
    };
    assert_eq!(options.max_digits.map(|m| m.value), Some(11));
    assert_eq!(
        options.end_key.as_ref().map(|e| e.value.as_str()),
        Some("#")
    );
    assert_eq!(
        options
            .phone
            .as_ref()
            .and_then(|p| p.1.as_ref())
            .map(|c| c.text.as_str()),
        Some("JP")
    );
    let menu = &f.steps[0].statements[1];
    assert!(matches!(
        menu.outcomes[1].pattern.value,
        Some(PatternValue::Key('#', _))
    ));
    let StatementKind::Set(SetKind::Hook { words, flow }) = &f.steps[0].statements[4].kind else {
        panic!()
    };
    assert_eq!((words.len(), flow.text.as_str()), (2, "W"));
}

#[test]
fn multiline_text_and_comments() {
    let ast = ok(
        "/* block */ flow F { // line\n a { say \"\"\"\n   一行目\n   二行目\n   \"\"\" hang up } }",
    );
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    let StatementKind::Say { text } = &f.steps[0].statements[0].kind else {
        panic!()
    };
    assert_eq!(text.value, "一行目\n二行目");
}

/// A line of spaces in a text block is an empty line, however deep it is indented, so the text
/// does not change when the block moves (`dialect fmt`).
#[test]
fn lines_of_spaces_in_a_text_block_are_empty() {
    for (src, want) in [
        (
            "flow F { a { say \"\"\"\n   一行目\n        \n   二行目\n   \"\"\" } }",
            "一行目\n\n二行目",
        ),
        ("flow F { a { say \"\"\"\n  \n    \"\"\" } }", ""),
        ("flow F { a { say \"\"\"\n   a\n\t\n   \"\"\" } }", "a\n"),
    ] {
        let ast = ok(src);
        let Item::Flow(f) = &ast.items[0] else {
            panic!()
        };
        let StatementKind::Say { text } = &f.steps[0].statements[0].kind else {
            panic!()
        };
        assert_eq!(text.value, want, "{src:?}");
    }
}

#[test]
fn unicode_step_names() {
    let ast = ok("flow 注文 { 受付 { -> 終了 } 終了 { hang up } }");
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    assert_eq!(f.steps[1].name.text, "終了");
}

#[test]
fn a_statement_without_outcomes_does_not_swallow_the_next_one() {
    let ast = ok("flow F { a { say \"x\" run module M open -> a closed -> a } }");
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    let s = &f.steps[0].statements;
    assert_eq!(s.len(), 2, "{s:#?}");
    assert!(s[0].outcomes.is_empty());
    assert_eq!(s[1].outcomes.len(), 2);
}

/// The tree of a large project holds hundreds of thousands of statements and outcomes: a
/// large variant added inline would grow every one of them (box it instead).
#[test]
fn statements_and_outcomes_stay_small() {
    use std::mem::size_of;
    assert!(size_of::<Statement>() <= 184, "{}", size_of::<Statement>());
    assert!(size_of::<Outcome>() <= 152, "{}", size_of::<Outcome>());
    assert!(
        size_of::<crate::resolve::Statement>() <= 144,
        "{}",
        size_of::<crate::resolve::Statement>()
    );
}

#[test]
fn a_retry_with_a_reprompt() {
    let src = "flow F {\n  a {\n    menu \"m\" {\n      timeout -> retry 2 saying \"もう一度\" then b\n      invalid -> retry 1 times saying \"\"\"\n        <speak>again</speak>\n        \"\"\" then b\n    }\n    -> retry 3 then b\n  }\n  b { hang up }\n}\n";
    let ast = ok(src);
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    let st = &f.steps[0].statements;
    let Some(Target::Retry(r)) = &st[0].outcomes[0].target else {
        panic!("{:#?}", st[0].outcomes[0])
    };
    assert_eq!(r.count.value, 2);
    let saying = r.saying.as_ref().expect("the re-prompt");
    assert_eq!(saying.value, "もう一度");
    assert_eq!(&src[saying.span.range()], "\"もう一度\"");
    assert_eq!(&src[r.span.range()], "retry 2 saying \"もう一度\" then b");
    assert_eq!(r.then.as_ref().map(|t| t.text.as_str()), Some("b"));
    let Some(Target::Retry(r)) = &st[0].outcomes[1].target else {
        panic!()
    };
    let saying = r.saying.as_ref().expect("the re-prompt");
    assert!(saying.block && saying.is_ssml(), "{saying:#?}");
    assert_eq!(saying.value, "<speak>again</speak>");
    let StatementKind::Goto {
        target: Some(Target::Retry(r)),
    } = &st[1].kind
    else {
        panic!("{:#?}", st[1])
    };
    assert_eq!(r.saying, None);
}

#[test]
fn saying_without_text_is_reported() {
    let src = "flow F {\n  a {\n    menu \"m\" { timeout -> retry 2 saying then b }\n  }\n  b { hang up }\n}\n";
    let p = parse(FileId(0), src);
    let c: Vec<_> = p.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(c, ["P008"], "{:#?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!(&src[d.labels[0].span.range()], "saying");
    assert!(d.help.as_deref().is_some_and(|h| h.contains("saying")));
    // The retry itself is kept, without a re-prompt.
    let Item::Flow(f) = &p.ast.items[0] else {
        panic!()
    };
    let Some(Target::Retry(r)) = &f.steps[0].statements[0].outcomes[0].target else {
        panic!()
    };
    assert_eq!((r.count.value, r.saying.is_none()), (2, true));
    // `saying` is a keyword only inside a retry: a step may be called so.
    ok(
        "flow F { a { menu \"m\" { timeout -> retry 2 saying \"x\" then saying } } saying { hang up } }",
    );
}

#[test]
fn a_reprompt_without_then_is_reported_where_it_is() {
    // The step is there, `then` is not: the step is kept.
    let src = "flow F {\n  a {\n    menu \"m\" {\n      timeout -> retry 2 saying \"x\" b\n    }\n  }\n  b { hang up }\n}\n";
    let p = parse(FileId(0), src);
    let c: Vec<_> = p.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(c, ["P001"], "{:#?}", p.diagnostics);
    assert_eq!(&src[p.diagnostics[0].labels[0].span.range()], "b");
    let Item::Flow(f) = &p.ast.items[0] else {
        panic!()
    };
    let Some(Target::Retry(r)) = &f.steps[0].statements[0].outcomes[0].target else {
        panic!()
    };
    assert_eq!(r.then.as_ref().map(|t| t.text.as_str()), Some("b"));
    // No step either: the next outcome is not taken for it.
    let src = "flow F {\n  a {\n    menu \"m\" {\n      timeout -> retry 2 saying \"x\"\n      invalid -> b\n    }\n  }\n  b { hang up }\n}\n";
    let p = parse(FileId(0), src);
    let c: Vec<_> = p.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(c, ["P005"], "{:#?}", p.diagnostics);
    assert_eq!(
        &src[p.diagnostics[0].labels[0].span.range()],
        "retry 2 saying \"x\""
    );
    let Item::Flow(f) = &p.ast.items[0] else {
        panic!()
    };
    assert_eq!(f.steps[0].statements[0].outcomes.len(), 2);
}

/// `retry 2 b` and `retry 2` followed by the next outcome: read as a retry missing its
/// `then` (not as a step named `retry`), reported once where it is.
#[test]
fn a_retry_without_then_is_reported_where_it_is() {
    let src = "flow F {\n  a {\n    menu \"m\" {\n      press 1 -> retry 2 b\n    }\n  }\n  b { hang up }\n}\n";
    let p = parse(FileId(0), src);
    let c: Vec<_> = p.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(c, ["P001"], "{:#?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!(&src[d.labels[0].span.range()], "b");
    assert_eq!(
        d.help.as_deref(),
        Some("write `then b` after the count: `retry 2 then b`")
    );
    let Item::Flow(f) = &p.ast.items[0] else {
        panic!()
    };
    let Some(Target::Retry(r)) = &f.steps[0].statements[0].outcomes[0].target else {
        panic!()
    };
    assert_eq!(
        (r.count.value, r.then.as_ref().map(|t| t.text.as_str())),
        (2, Some("b"))
    );
    let src = "flow F {\n  a {\n    menu \"m\" {\n      press 1 -> retry 2\n      timeout -> b\n    }\n  }\n  b { hang up }\n}\n";
    let p = parse(FileId(0), src);
    let c: Vec<_> = p.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(c, ["P005"], "{:#?}", p.diagnostics);
    assert_eq!(&src[p.diagnostics[0].labels[0].span.range()], "retry 2");
    let Item::Flow(f) = &p.ast.items[0] else {
        panic!()
    };
    assert_eq!(f.steps[0].statements[0].outcomes.len(), 2);
}

#[test]
fn repeat_takes_a_list_of_prompts_over_several_lines() {
    let src = "flow Q {\n  kind queue\n  a {\n    repeat \"one\",\n      \"\"\"\n      two\n      \"\"\", \"<speak>three</speak>\" {\n      every 60s -> b\n    }\n  }\n  b { end }\n}\n";
    let ast = ok(src);
    let Item::Flow(f) = &ast.items[0] else {
        panic!()
    };
    let st = &f.steps[0].statements[0];
    let StatementKind::Repeat { prompts } = &st.kind else {
        panic!("{st:#?}")
    };
    let values: Vec<&str> = prompts.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values, ["one", "two", "<speak>three</speak>"]);
    assert_eq!(&src[prompts[0].span.range()], "\"one\"");
    assert_eq!(st.outcomes.len(), 1);
    assert_eq!(st.kind.keyword(), "repeat");
}

#[test]
fn repeat_without_a_prompt_is_reported() {
    assert_eq!(
        codes("flow Q {\n  kind queue\n  a {\n    repeat\n  }\n}\n"),
        ["P001"]
    );
    // A trailing comma leaves a prompt missing.
    assert!(!codes("flow Q {\n  kind queue\n  a {\n    repeat \"one\",\n  }\n}\n").is_empty());
}
