use std::path::{Path, PathBuf};

use super::{FormatError, format, shape};
use crate::span::FileId;
use crate::syntax;

fn dial_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            dial_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "dial") {
            out.push(p);
        }
    }
}

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    dial_files(&root.join("flows"), &mut files);
    dial_files(&root.join("tests/fixtures/parse"), &mut files);
    assert!(files.len() > 10, "the corpus was not found");
    files
}

/// A snapshot that reads on its own: the input, then what the formatter made of it.
fn both(src: &str, out: &str) -> String {
    format!("{src}\n==================== formatted ====================\n\n{out}")
}

/// Formats, and checks that formatting again changes nothing.
fn fmt(text: &str) -> String {
    match format(text) {
        Ok(s) => {
            assert_eq!(
                format(&s).ok().as_deref(),
                Some(s.as_str()),
                "not idempotent:\n{s}"
            );
            s
        }
        Err(e) => panic!("{e}: {e:?}"),
    }
}

#[test]
fn formatting_is_idempotent_and_keeps_the_tree() {
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let once = fmt(&text);
        let twice = fmt(&once);
        assert_eq!(once, twice, "not idempotent: {}", path.display());
        let before = syntax::parse(FileId(0), &text).ast;
        let after = syntax::parse(FileId(0), &once).ast;
        assert_eq!(shape(&before), shape(&after), "{}", path.display());
    }
}

/// Every other fixture (most have deliberate mistakes): those that parse format to a fixed
/// point with the same tree; those that do not are refused, never changed.
#[test]
fn every_fixture_formats_or_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut files = Vec::new();
    dial_files(&root, &mut files);
    let mut formatted = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        match format(&text) {
            Ok(once) => {
                formatted += 1;
                assert_eq!(
                    format(&once).ok().as_ref(),
                    Some(&once),
                    "{}",
                    path.display()
                );
                let before = syntax::parse(FileId(0), &text).ast;
                let after = syntax::parse(FileId(0), &once).ast;
                assert_eq!(shape(&before), shape(&after), "{}", path.display());
            }
            Err(FormatError::Syntax(d)) => assert!(!d.is_empty()),
            Err(e @ FormatError::Internal(_)) => panic!("{e}: {}", path.display()),
        }
    }
    assert!(formatted > 20, "only {formatted} fixtures formatted");
}

#[test]
fn shipped_flows_are_already_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../flows");
    let mut files = Vec::new();
    dial_files(&root, &mut files);
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let out = fmt(&text);
        if out != text {
            let diff: Vec<String> = text
                .lines()
                .zip(out.lines())
                .filter(|(a, b)| a != b)
                .take(5)
                .map(|(a, b)| format!("-{a}\n+{b}"))
                .collect();
            failures.push(format!(
                "{} is not formatted:\n{}",
                path.display(),
                diff.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parse_errors_are_refused_with_diagnostics() {
    match format("flow A {\n  start {\n    say \"hi\n  }\n}\n") {
        Err(FormatError::Syntax(d)) => assert!(!d.is_empty()),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// Cut files anywhere, and drop single lines: whatever still parses must format (never an
/// internal error) to a fixed point, and nothing may panic.
#[test]
fn cut_and_damaged_files_format_or_are_refused() {
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let len = text.len();
        let mut cuts: Vec<usize> = (1..24).map(|i| len * i / 24).collect();
        cuts.retain(|&c| text.is_char_boundary(c));
        let mut inputs: Vec<String> = cuts.iter().map(|&c| text[..c].to_owned()).collect();
        let lines: Vec<&str> = text.lines().collect();
        for skip in (0..lines.len()).step_by(7) {
            let mut l = lines.clone();
            l.remove(skip);
            inputs.push(l.join("\n"));
        }
        for input in inputs {
            match format(&input) {
                Ok(out) => {
                    assert_eq!(format(&out).ok(), Some(out.clone()), "{}", path.display());
                }
                Err(FormatError::Syntax(_)) => {}
                Err(e @ FormatError::Internal(_)) => {
                    panic!("{e} in {}:\n{input}", path.display());
                }
            }
        }
    }
}

#[test]
fn unicode_arrows_and_ideographic_spaces() {
    let out = fmt("flow 注文 {\u{3000}受付 { → 終了 }\n終了\u{3000}{ hang up } }\n");
    assert_eq!(
        out,
        "flow 注文 {\n  受付 {\n    → 終了\n  }\n  終了 {\n    hang up\n  }\n}\n"
    );
}

#[test]
fn never_panics_on_garbage() {
    for s in [
        "",
        "}",
        "{",
        "flow",
        "\"\"\"",
        "/*",
        "flow A { s { -> } }",
        "$",
        "→",
        "\u{3000}",
    ] {
        let _ = format(s);
    }
}

#[test]
fn messy_flow() {
    let src = r#"// top comment
flow   Messy{kind inbound
on error->bye
start{say "こんにちは" -> next}
  next {
      menu "1を押してください" timeout 8s { press 1 -> bye   timeout -> retry 2 then bye
   invalid->bye }
    call   Lookup{a:$x,b : "y"}{error->bye}
    branch $result.status {"ok"->bye   "長い値です"   -> bye else->bye}


    -> bye
  }
  bye { hang up }
}
"#;
    insta::assert_snapshot!(both(src, &fmt(src)));
}

#[test]
fn messy_declarations() {
    let src = r#"bot B{locale ja_JP
confidence 0.4
slot type Product{"羽毛布団"="羽毛ふとん","うもうぶとん" "青汁" = "あおじる"}
intent Order{utterance "{Product}をください"
slot Product:Product ask "商品は?"
slot Quantity:AMAZON.Number ask "数量は?" optional
slot Note : AMAZON.FreeFormInput}}
hours H{timezone Asia/Tokyo
mon - fri 9:00 - 18:00
sat 10:00-12:00, 13:00-17:00
sun closed
closed on C}
calendar C{2027-01-01 holiday "元日"  2026-12-29..2027-01-03 closure "年末年始"}
integration I{lambda "x" timeout 4s returns a,b}
queue Q{hours H}
queue R
"#;
    insta::assert_snapshot!(both(src, &fmt(src)));
}

#[test]
fn comments_stay_in_place() {
    let src = r#"/* header
   block */
flow A { // after the brace
  // before a step
  start {
    say "x" /* inline */ -> b   // trailing
    // dangling before the brace
  }
  b {
    branch $x {
      "a" -> start // one
      "longer" -> b       // two
      else -> b
    }
    hang up
  }
  // last comment of the flow
}
// end of file
"#;
    let out = fmt(src);
    for c in [
        "/* header\n   block */",
        "// after the brace",
        "// before a step",
        "/* inline */",
        "// trailing",
        "// dangling before the brace",
        "// one",
        "// two",
        "// last comment of the flow",
        "// end of file",
    ] {
        assert!(out.contains(c), "lost {c:?} in\n{out}");
    }
    insta::assert_snapshot!(both(src, &out));
}

#[test]
fn text_blocks_move_with_their_statement() {
    let src = "flow A {\nstart {\nsay \"\"\"\n        <speak>\n          こんにちは\n\n        </speak>\n        \"\"\"\nhang up\n}\n}\n";
    let out = fmt(src);
    insta::assert_snapshot!(both(src, &out));
}

/// A line of spaces in a text block is an empty line of the text: it is written without its
/// spaces, and a block of such lines only formats (it used to be an internal error, since its
/// text depended on the indentation).
#[test]
fn lines_of_spaces_in_a_text_block_are_written_empty() {
    let src = "flow A {\n  s {\n    say \"\"\"\n  \n    \"\"\"\n  }\n}\n";
    assert_eq!(
        fmt(src),
        "flow A {\n  s {\n    say \"\"\"\n\n      \"\"\"\n  }\n}\n"
    );
    let src =
        "flow A {\n  s {\n    say \"\"\"\n      a\n            \n      b\n      \"\"\"\n  }\n}\n";
    assert_eq!(
        fmt(src),
        "flow A {\n  s {\n    say \"\"\"\n      a\n\n      b\n      \"\"\"\n  }\n}\n"
    );
}

#[test]
fn a_retry_with_a_reprompt_is_spaced_like_any_target() {
    let src = "flow F {\n  a {\n    menu \"m\" {\n      press 1 ->  b\n      timeout->retry  2   saying   \"もう一度\"   then  b\n      invalid -> retry 1 times saying \"\"\"\n        again\n        \"\"\" then b\n    }\n  }\n  b { hang up }\n}\n";
    let want = "flow F {\n  a {\n    menu \"m\" {\n      press 1 -> b\n      timeout -> retry 2 saying \"もう一度\" then b\n      invalid -> retry 1 times saying \"\"\"\n        again\n        \"\"\" then b\n    }\n  }\n  b {\n    hang up\n  }\n}\n";
    assert_eq!(fmt(src), want);
}
