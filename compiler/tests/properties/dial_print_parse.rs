//! `.dial` print then parse: a generated source, formatted by `dialect fmt`'s formatter, parses
//! to the same tree (spans aside); formatting again changes nothing; the fast parser and pest
//! build the same tree for the source and for its formatted text.
//!
//! Sources are generated from a small model of a flow (steps, statements, outcomes pointing at
//! other steps) printed with random layout: indentation, blank lines, trailing spaces, tabs and
//! comments wherever the grammar allows them.

use dialect_compiler::format::{format, shape};
use dialect_compiler::generate;
use dialect_compiler::span::FileId;
use dialect_compiler::syntax::{parse, parse_fast, parse_pest};
use proptest::prelude::*;

const TEXTS: [&str; 7] = [
    "ようこそ。",
    "Hello, world",
    "ご注文は1を、オペレーターは0を押してください。",
    "quote \\\" inside",
    "<speak>少々お待ちください<break time='200ms'/></speak>",
    "$.Attributes.name 様",
    "",
];

#[derive(Debug, Clone)]
enum Stmt {
    Say(usize),
    Set(usize, usize),
    Menu {
        text: usize,
        keys: Vec<(u8, usize)>,
        retry: Option<(u8, usize, Saying)>,
    },
    Branch(usize, Vec<(usize, usize)>, usize),
    Goto(usize),
    HangUp,
}

/// The re-prompt of a retry: none, a string, or a text block; optionally on a line of its own.
#[derive(Debug, Clone)]
enum Saying {
    None,
    Text(usize, bool),
    Block(usize, bool),
}

fn saying() -> impl Strategy<Value = Saying> {
    prop_oneof![
        Just(Saying::None),
        (any::<usize>(), prop::bool::weighted(0.2)).prop_map(|(t, b)| Saying::Text(t, b)),
        (any::<usize>(), any::<bool>()).prop_map(|(t, b)| Saying::Block(t, b)),
    ]
}

#[derive(Debug, Clone)]
struct Layout {
    indent: usize,
    blank: bool,
    comment: bool,
    trailing: bool,
    tab: bool,
}

fn stmt() -> impl Strategy<Value = Stmt> {
    prop_oneof![
        any::<usize>().prop_map(Stmt::Say),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Stmt::Set(a, t)),
        (
            any::<usize>(),
            prop::collection::vec((0u8..10, any::<usize>()), 1..4),
            prop::option::of((1u8..4, any::<usize>(), saying())),
        )
            .prop_map(|(text, keys, retry)| Stmt::Menu { text, keys, retry }),
        (
            any::<usize>(),
            prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
            any::<usize>()
        )
            .prop_map(|(a, cases, other)| Stmt::Branch(a, cases, other)),
        any::<usize>().prop_map(Stmt::Goto),
        Just(Stmt::HangUp),
    ]
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        0usize..7,
        any::<bool>(),
        prop::bool::weighted(0.2),
        any::<bool>(),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(indent, blank, comment, trailing, tab)| Layout {
            indent,
            blank,
            comment,
            trailing,
            tab,
        })
}

type Step = (Vec<(Stmt, Layout)>, Layout);

fn flow() -> impl Strategy<Value = (usize, Option<usize>, Vec<Step>)> {
    let step = (prop::collection::vec((stmt(), layout()), 1..4), layout());
    (
        0usize..3,
        prop::option::of(any::<usize>()),
        prop::collection::vec(step, 1..6),
    )
}

const FLOW_NAMES: [&str; 3] = ["Main", "注文受付", "Order2"];
const ATTRS: [&str; 3] = ["choice", "顧客区分", "x_1"];

/// Prints the generated flow with its random layout.
fn source(name: usize, on_error: Option<usize>, steps: &[Step]) -> String {
    let n = steps.len();
    let step = |i: usize| {
        if i.is_multiple_of(n) {
            "start".to_owned()
        } else {
            format!("step_{}", i % n)
        }
    };
    let mut o = String::new();
    let line = |o: &mut String, l: &Layout, depth: usize, text: &str| {
        if l.blank {
            o.push('\n');
        }
        if l.comment {
            o.push_str(&" ".repeat(depth * 2));
            o.push_str("// メモ: generated\n");
        }
        if l.tab {
            o.push('\t');
        }
        o.push_str(&" ".repeat(depth * 2 + l.indent));
        o.push_str(text);
        if l.trailing {
            o.push_str("   ");
        }
        o.push('\n');
    };
    let plain = Layout {
        indent: 0,
        blank: false,
        comment: false,
        trailing: false,
        tab: false,
    };
    line(&mut o, &plain, 0, &format!("flow {} {{", FLOW_NAMES[name]));
    if let Some(t) = on_error {
        line(&mut o, &plain, 1, &format!("on error -> {}", step(t)));
    }
    for (i, (stmts, l)) in steps.iter().enumerate() {
        line(&mut o, l, 1, &format!("{} {{", step(i)));
        for (s, l) in stmts {
            match s {
                Stmt::Say(t) => line(&mut o, l, 2, &format!("say \"{}\"", TEXTS[t % TEXTS.len()])),
                Stmt::Set(a, t) => line(
                    &mut o,
                    l,
                    2,
                    &format!(
                        "set ${} = \"{}\"",
                        ATTRS[a % ATTRS.len()],
                        TEXTS[t % TEXTS.len()]
                    ),
                ),
                Stmt::Menu { text, keys, retry } => {
                    line(
                        &mut o,
                        l,
                        2,
                        &format!("menu \"{}\" timeout 8s {{", TEXTS[text % TEXTS.len()]),
                    );
                    let mut seen = [false; 10];
                    for (k, t) in keys {
                        if !std::mem::replace(&mut seen[usize::from(*k)], true) {
                            line(&mut o, l, 3, &format!("press {k} -> {}", step(*t)));
                        }
                    }
                    if let Some((count, t, saying)) = retry {
                        let (text, newline) = match saying {
                            Saying::None => (String::new(), false),
                            Saying::Text(x, nl) => {
                                (format!("saying \"{}\" ", TEXTS[x % TEXTS.len()]), *nl)
                            }
                            // The empty text too: a block holding only a line of spaces.
                            Saying::Block(x, nl) => (
                                format!(
                                    "saying \"\"\"\n{}  {}\n{}  \"\"\" ",
                                    " ".repeat(6),
                                    TEXTS[x % TEXTS.len()],
                                    " ".repeat(6)
                                ),
                                *nl,
                            ),
                        };
                        let text = if newline {
                            format!("\n{}{text}", " ".repeat(8))
                        } else {
                            text
                        };
                        line(
                            &mut o,
                            l,
                            3,
                            &format!("timeout -> retry {count} {text}then {}", step(*t)),
                        );
                    }
                    line(&mut o, l, 2, "}");
                }
                Stmt::Branch(a, cases, other) => {
                    line(
                        &mut o,
                        l,
                        2,
                        &format!("branch ${} {{", ATTRS[a % ATTRS.len()]),
                    );
                    for (k, (v, t)) in cases.iter().enumerate() {
                        line(&mut o, l, 3, &format!("\"v{k}_{}\" -> {}", v % 5, step(*t)));
                    }
                    line(&mut o, l, 3, &format!("else -> {}", step(*other)));
                    line(&mut o, l, 2, "}");
                }
                Stmt::Goto(t) => line(&mut o, l, 2, &format!("-> {}", step(*t))),
                Stmt::HangUp => line(&mut o, l, 2, "hang up"),
            }
        }
        line(&mut o, l, 1, "}");
    }
    line(&mut o, &plain, 0, "}");
    o
}

/// Both parsers build the same tree whenever the fast one accepts the text.
fn parsers_agree(text: &str) -> Result<(), TestCaseError> {
    let pest = parse_pest(FileId(0), text);
    prop_assert!(
        pest.diagnostics.is_empty(),
        "{:#?}\n{text}",
        pest.diagnostics
    );
    if let Some(fast) = parse_fast(FileId(0), text) {
        prop_assert!(fast == pest.ast, "the parsers differ on:\n{text}");
    }
    Ok(())
}

fn print_then_parse(text: &str) -> Result<(), TestCaseError> {
    parsers_agree(text)?;
    let formatted = format(text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    parsers_agree(&formatted)?;
    prop_assert_eq!(
        shape(&parse(FileId(0), &formatted).ast),
        shape(&parse(FileId(0), text).ast),
        "formatting changed the tree of:\n{}",
        text
    );
    let again = format(&formatted).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again, formatted, "formatting is not idempotent");
    Ok(())
}

proptest! {
    #![proptest_config(crate::config(192))]

    #[test]
    fn format_then_parse_keeps_generated_flows((name, on_error, steps) in flow()) {
        print_then_parse(&source(name, on_error, &steps))?;
    }
}

proptest! {
    #![proptest_config(crate::config(8))]

    /// The benchmark projects with other seeds: every file, a few hundred lines each.
    #[test]
    fn format_then_parse_keeps_generated_projects(seed in any::<u64>()) {
        for (_, text) in generate::project_seeded(80, seed) {
            print_then_parse(&text)?;
        }
    }
}
