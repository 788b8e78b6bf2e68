use super::*;
use crate::source::MemoryLoader;

fn run(files: &[(&str, &str)]) -> Project {
    let mut loader = MemoryLoader::new();
    for (p, t) in files {
        loader.insert(p, *t);
    }
    let roots = files
        .iter()
        .filter(|(p, _)| p.ends_with(".dial"))
        .map(|(p, _)| (*p).to_owned())
        .collect();
    let environments = files
        .iter()
        .filter(|(p, _)| p.ends_with(".toml"))
        .map(|(p, _)| {
            (
                p.trim_end_matches(".toml")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
                (*p).to_owned(),
            )
        })
        .collect();
    analyze(
        &loader,
        &Options {
            roots,
            environments,
        },
    )
}

fn codes(p: &Project) -> Vec<String> {
    p.diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.id(), d.message))
        .collect()
}

const GOOD: &str = r#"
flow Main {
  kind inbound
  on error -> trouble
  start {
    check hours Business { closed -> closed_msg }
    ask OrderBot "ご用件をどうぞ" {
      intent Order -> order
      no match -> retry 2 then trouble
    }
  }
  order {
    call Reserve { product: $slot.Product } timeout 4s
    branch $result.status { "reserved" -> bye  else -> trouble }
  }
  closed_msg { say "営業時間外です。" hang up }
  bye { say "ご注文番号は{$result.orderId}です。" hang up }
  trouble { transfer to queue Orders { full -> bye } }
}
bot OrderBot {
  locale ja_JP
  slot type Product { "りんご" = "林檎" }
  intent Order { utterance "{Product}をください" slot Product: Product ask "どれにしますか" }
}
integration Reserve { lambda "reserve" }
queue Orders { hours Business }
hours Business { timezone Asia/Tokyo  mon-fri 09:00-18:00 }
"#;

#[test]
fn a_good_project_resolves_cleanly() {
    let p = run(&[("main.dial", GOOD)]);
    assert!(p.diagnostics.is_empty(), "{:#?}", codes(&p));
    assert_eq!(p.model.flows.len(), 1);
    assert_eq!(p.model.flows[0].steps.len(), 5);
    let hours = &p.model.hours[0];
    assert_eq!(hours.week[0], vec![(540, 1080)]);
    assert!(hours.week[5].is_empty());
}

#[test]
fn undefined_step_suggests_the_closest() {
    let p = run(&[(
        "main.dial",
        "flow F { a { -> tak_order } take_order { hang up } }",
    )]);
    let d = &p.diagnostics.iter().next().unwrap();
    assert_eq!(d.code.id(), "R003");
    assert_eq!(d.help.as_deref(), Some("did you mean `take_order`?"));
}

#[test]
fn duplicates_point_at_both_sites() {
    let p = run(&[
        (
            "a.dial",
            "queue Orders\nflow F { a { hang up } a { hang up } }",
        ),
        ("b.dial", "queue Orders"),
    ]);
    let c = codes(&p);
    assert!(c.iter().any(|c| c.starts_with("R001")), "{c:?}");
    assert!(c.iter().any(|c| c.starts_with("R002")), "{c:?}");
    for d in p.diagnostics.iter() {
        assert_eq!(d.labels.len(), 2, "{d:?}");
    }
}

#[test]
fn wrong_kind_of_reference() {
    let p = run(&[(
        "a.dial",
        "queue Orders\nflow F { a { check hours Orders { open -> a closed -> a } } }",
    )]);
    assert_eq!(
        codes(&p),
        ["R004 `Orders` is a queue, not an hours declaration"]
    );
}

#[test]
fn names_in_other_files_need_use() {
    let p = run(&[
        ("flows/a.dial", "flow F { a { transfer to queue Orders } }"),
        ("flows/common/q.dial", "queue Orders"),
    ]);
    let d = p.diagnostics.iter().next().unwrap();
    assert_eq!(d.code.id(), "R003");
    assert_eq!(
        d.help.as_deref(),
        Some("add `use \"common/q.dial\"` at the top of this file")
    );
    let p = run(&[
        (
            "flows/a.dial",
            "use \"common/q.dial\"\nflow F { a { transfer to queue Orders } }",
        ),
        ("flows/common/q.dial", "queue Orders"),
    ]);
    assert!(p.diagnostics.is_empty(), "{:?}", codes(&p));
}

#[test]
fn missing_use_target_is_unreadable() {
    let p = run(&[("a.dial", "use \"nope.dial\"\nflow F { a { hang up } }")]);
    let d = p.diagnostics.iter().next().unwrap();
    assert_eq!(d.code.id(), "F001");
    assert!(d.primary_span().is_some());
}

#[test]
fn non_utf8_is_reported_with_offset() {
    let mut loader = MemoryLoader::new();
    loader.insert("a.dial", b"flow F { a { say \"\xff\" } }".to_vec());
    let p = analyze(
        &loader,
        &Options {
            roots: vec!["a.dial".into()],
            environments: vec![],
        },
    );
    let d = p.diagnostics.iter().next().unwrap();
    assert_eq!(d.code.id(), "F002");
    assert_eq!(d.primary_span().map(|s| s.start), Some(18));
}

#[test]
fn outcomes_are_checked_per_statement() {
    let p = run(&[(
        "a.dial",
        "flow F { a { menu \"m\" { press 1 -> a  tiemout -> a  open -> a } } }",
    )]);
    let c = codes(&p);
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(p.diagnostics.iter().any(|d| {
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `timeout`?"))
    }));
}

#[test]
fn statements_after_the_end_of_a_step() {
    let p = run(&[("a.dial", "flow F { a { hang up say \"x\" } }")]);
    assert_eq!(codes(&p), ["R008 `say` can never run"]);
    let p = run(&[(
        "a.dial",
        "flow F { a { branch $x { \"1\" -> a } say \"fallthrough is fine\" hang up } }",
    )]);
    assert!(p.diagnostics.is_empty(), "{:?}", codes(&p));
}

#[test]
fn unknown_intent_and_slot() {
    let p = run(&[(
        "a.dial",
        "flow F { a { ask B \"?\" { intent Ordr -> a } } }\nbot B { locale ja_JP intent Order { utterance \"{Prodct}\" } }",
    )]);
    let c = codes(&p);
    assert!(
        c.iter().any(|c| c == "R003 bot `B` has no intent `Ordr`"),
        "{c:?}"
    );
    assert!(
        c.iter()
            .any(|c| c == "R003 no slot named `Prodct` in this intent"),
        "{c:?}"
    );
}

#[test]
fn references_are_checked() {
    let p = run(&[(
        "a.dial",
        "flow F { a { set $x = $calller.number  set $caller.number = \"1\" hang up } }",
    )]);
    let c = codes(&p);
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.help.as_deref() == Some("did you mean `$caller`?"))
    );
}

#[test]
fn settings_are_validated() {
    let p = run(&[(
        "a.dial",
        "flow F { kind inbund a { hang up } }\nhours H { timezone Asia/Tokio mon-fry 09:00-10:00 }",
    )]);
    let c = codes(&p);
    assert_eq!(c.len(), 3, "{c:?}");
    assert!(c.iter().all(|c| c.starts_with("R007")), "{c:?}");
}

#[test]
fn environments_must_define_every_name() {
    let p = run(&[
        ("main.dial", GOOD),
        (
            "environments/dev.toml",
            "[lambdas]\nreserve = \"arn:aws:lambda:ap-northeast-1:123456789012:function:r\"\n[queues]\nOrders = \"arn:q\"\n[bots]\nOrderBot = \"arn:b\"\n",
        ),
    ]);
    let c = codes(&p);
    assert_eq!(
        c,
        ["E001 environment `dev` has no hours of operation `Business`"]
    );
}

#[test]
fn module_outcomes() {
    let p = run(&[(
        "a.dial",
        "flow M { kind module returns open, closed  a { return open } }\nflow F { a { run module M { open -> b  closd -> b } } b { hang up } }",
    )]);
    let c = codes(&p);
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(
        p.diagnostics
            .iter()
            .next()
            .unwrap()
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `closed`?")
    );
}

#[test]
fn calendar_overlaps() {
    let ok = run(&[(
        "a.dial",
        "calendar C { 2027-01-01 holiday \"元日\"  2026-12-29 .. 2027-01-03 closure \"年末年始\" }",
    )]);
    assert!(
        ok.diagnostics.is_empty(),
        "a holiday inside a closure is fine: {:?}",
        codes(&ok)
    );
    let bad = run(&[(
        "a.dial",
        "calendar C { 2027-01-01 \"元日\"  2027-01-01 \"元旦\" }",
    )]);
    assert_eq!(
        codes(&bad),
        ["R012 two holiday entries cover the same date"]
    );
}

/// A re-prompt can fail like any prompt, so a misspelt one is suggested; its loop cannot.
#[test]
fn a_misspelt_reprompt_fault_is_suggested() {
    let p = run(&[(
        "main.dial",
        r#"
flow Main {
  start {
    menu "m" { press 1 -> done  timeout -> retry 2 saying "again" then done }
  }
  done { hang up }
}
test "the re-prompt fails" {
  flow Main
  fail start-retry-1-sya
  expect hang up
}
"#,
    )]);
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code.id() == "R015")
        .expect("R015");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `start-retry-1-say`?")),
        "{d:#?}"
    );
}
