//! Differential tests: the fast parser against the pest grammar.
//!
//! The property, for every input: either the fast path declines (`None`), or pest parses the
//! file without a diagnostic and builds an equal tree (spans included). On top of that, the
//! fast path must accept every clean file we ship or generate, so it is not quietly always
//! falling back.
//!
//! Inputs: every `.dial` file under `flows/` and `tests/fixtures/`, generated projects of
//! several sizes, and deterministic mutations of all of them (deleted, duplicated, swapped and
//! truncated lines and tokens, inserted whitespace, comments and punctuation, Japanese text).

use std::path::{Path, PathBuf};

use crate::generate;
use crate::span::FileId;
use crate::syntax::{parse, parse_pest};

/// What one comparison found.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    inputs: usize,
    /// Files pest parses without a diagnostic.
    clean: usize,
    /// Files the fast path accepted (all of them clean, or the test fails).
    fast: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.inputs += other.inputs;
        self.clean += other.clean;
        self.fast += other.fast;
    }
}

/// Compares both parsers on `text`; panics with the input on any difference.
fn compare(text: &str) -> Tally {
    let file = FileId(3);
    let pest = parse_pest(file, text);
    let fast = super::parse(file, text);
    let clean = pest.diagnostics.is_empty();
    if let Some(ast) = &fast {
        assert!(
            clean,
            "the fast path accepted a file that pest reports:\n{text}\n{:#?}",
            pest.diagnostics
        );
        if *ast != pest.ast {
            panic!(
                "the fast path built a different tree for:\n{text}\n{}",
                first_difference(&format!("{:#?}", pest.ast), &format!("{ast:#?}"))
            );
        }
    }
    // The public entry point gives exactly pest's result either way.
    let both = parse(file, text);
    assert_eq!(
        both.ast, pest.ast,
        "syntax::parse differs from pest for:\n{text}"
    );
    assert_eq!(
        both.diagnostics.len(),
        pest.diagnostics.len(),
        "syntax::parse diagnostics differ for:\n{text}"
    );
    Tally {
        inputs: 1,
        clean: usize::from(clean),
        fast: usize::from(fast.is_some()),
    }
}

/// The first differing line of two debug dumps, with some context.
fn first_difference(pest: &str, fast: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (pest.lines().collect(), fast.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(12);
    format!(
        "--- pest\n{}\n--- fast\n{}",
        a[from..(at + 3).min(a.len())].join("\n"),
        b[from..(at + 3).min(b.len())].join("\n")
    )
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn dial_files(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            dial_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "dial") {
            // Non-UTF-8 fixtures never reach the parser.
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push((p, text));
            }
        }
    }
}

/// Every `.dial` file of the repository's flows and fixtures.
fn corpus() -> Vec<(PathBuf, String)> {
    let root = repo_root();
    let mut files = Vec::new();
    dial_files(&root.join("flows"), &mut files);
    dial_files(&root.join("tests/fixtures"), &mut files);
    assert!(files.len() >= 20, "the corpus was not found under {root:?}");
    files
}

/// A small generated project: its files, as text.
fn generated(steps: usize) -> Vec<String> {
    generate::project(steps)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn every_clean_corpus_file_takes_the_fast_path() {
    let mut t = Tally::default();
    for (path, text) in corpus() {
        let one = compare(&text);
        assert_eq!(
            one.clean,
            one.fast,
            "pest parses {} cleanly but the fast path declined it",
            path.display()
        );
        t.add(one);
    }
    assert!(t.fast > 20, "{t:?}");
}

#[test]
fn generated_projects_take_the_fast_path() {
    for steps in [30, 250, 1_300] {
        for text in generated(steps) {
            let t = compare(&text);
            assert_eq!(
                t.fast, 1,
                "the fast path declined a generated file:\n{text}"
            );
        }
    }
}

#[test]
fn odd_inputs() {
    for text in [
        "",
        " ",
        "\u{FEFF}",
        "\u{FEFF}flow A { start { hang up } }",
        "\u{3000}flow A {\u{3000}start { hang up } }",
        "// only a comment",
        "/* unclosed comment",
        "flow A { start { hang up } } /* trailing",
        "flow",
        "flow A",
        "flow A {",
        "flow A { start {",
        "flow A { start { say \"x",
        "flow A { start { say \"x\\",
        "flow A { start { say \"\"\"x",
        "flow A { start { say \"\"\"x\\",
        "flow A { start { say \"\"\"\"\"\" } }",
        "flow A { start { say \"\"\"\n  a\n    b\n  \"\"\" } }",
        "flow A { start { set $a = \"\"\"x\"\"\" } }",
        "flow A { start { -> } }",
        "flow A { start { -> retry 2 then } }",
        "flow A { start { -> retry 99999999999 then x } }",
        "flow A { start { -> retry 2 saying then b } b { hang up } }",
        "flow A { start { -> retry 2 saying } }",
        "flow A { start { -> retry 2 saying \"x\" } }",
        "flow A { start { -> retry 2 saying \"x\" then } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 saying \"x\" b } } b { hang up } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 saying \"x\"\n invalid -> b } } b { hang up } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 saying b } } b { hang up } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 b } } b { hang up } }",
        "flow A { start { -> retry 2 saying \"x then b } b { hang up } }",
        "flow A { start { -> retry 2 saying \"x\\q\" then b } b { hang up } }",
        "flow A { start { -> retry 2 saying \"\"\"x then b } b { hang up } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 times saying \"x{$a}\" then b } } b { hang up } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 saying /* c */ \"\"\"\n  x\n  \"\"\" // c\n then b } } b { hang up } }",
        "flow A { start { menu \"m\" { timeout -> retry 2 saying\n\"x\"\nthen b } } b { hang up } }",
        "flow A { start { menu \"m\" { press 1 -> } } }",
        "flow A { start { distribute { 150% -> a } } a { hang up } }",
        "flow A { start { distribute { 50% -> a 50% -> a } } a { hang up } }",
        "flow A { start { call X timeout 0s } }",
        "flow A { start { call X timeout 99999999999999999999d } }",
        "flow 受付 { 開始 { say \"こんにちは{お名前}様\" -> 終了 } 終了 { hang up } }",
        "flow A { start { say \"a\\u{3042}\\n\" } }",
        "flow A { start { say \"a\\q\" } }",
        "flow A { start { say \"{\" say \"}\" say \"{a\\\"}\" } }",
        "hours H { timezone Asia/Tokyo mon-fri 09:00-18:00, 19:00-24:00 sat closed }",
        "hours H { mon 25:00-26:00 }",
        "calendar C { 2026-02-29 holiday }",
        "calendar C { 2027-01-03 .. 2026-12-29 closure \"x\" }",
        "queue Q",
        "queue Q {",
        "queue Q { hours H description \"x\" }",
        "}",
        "{",
        "\"",
        "$",
        "->",
        "→",
        "flow A { start { say \"x\" → b } b { end flow } }",
        "bot B { locale ja_JP intent I { utterance \"x\" } locale en_US intent J { utterance \"y\" } }",
        "bot B { description \"d\" locale ja_JP { description \"l\" } }",
        "flow A { start { input $x \"p\" max 4 digits max 5 end \"#\" end flow } }",
        "flow A { start { callback queue Q queue R after 10m every 5m attempts 3 } }",
        "flow A { start { check call no answer -> a } a { hang up } }",
        "flow A { start { return ok } }",
        "flow A { start { return b { } } }",
        "flow A { start { set queue flow F } }",
        "flow A { start { set $a = 1, $b = 2s, $c = -1.5, $d = true, $e = $f.g } }",
        "flow A { start { set $a = 0s } }",
        "flow A { start { set $.Attributes.x = 1 } }",
        "flow A { start { set $a. = 1 } }",
    ] {
        compare(text);
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations

/// A fixed-seed generator (64-bit LCG): the same mutants on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next()).unwrap_or(0) % n
        }
    }
}

/// Pieces worth inserting: whitespace and comments (which move spans but keep files clean),
/// punctuation the grammar cares about, keywords, literals and Japanese text.
const INSERTS: [&str; 41] = [
    " ",
    "\n",
    "\t",
    "\r\n",
    "\u{3000}",
    "\u{FEFF}",
    "/* c */",
    "// c\n",
    "/*",
    "{",
    "}",
    "\"",
    "\"\"\"",
    "\\",
    "->",
    "→",
    ",",
    ":",
    "=",
    ".",
    "..",
    "$",
    "%",
    "-",
    "*",
    "#",
    "0",
    "99999999999",
    "1s",
    "say",
    "end",
    "flow",
    "queue",
    "whisper",
    "retry",
    "saying",
    "timeout",
    "x",
    "受付",
    "ご注文",
    "{Product}",
];

/// Byte offsets of char boundaries, so every mutant is valid UTF-8.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Offsets where a token starts or ends (a change of character class), which is where
/// whitespace and comments can go without changing tokens.
fn token_edges(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut prev = None;
    for (i, c) in text.char_indices() {
        let class = if c.is_whitespace() {
            0
        } else if c.is_alphanumeric() || c == '_' {
            1
        } else {
            2 + u32::from(c).min(200)
        };
        if prev.is_some_and(|p| p != class) {
            out.push(i);
        }
        prev = Some(class);
    }
    out.push(text.len());
    out
}

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let b = boundaries(text);
    let pick = |rng: &mut Lcg| b[rng.below(b.len())];
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + 16);
    match rng.below(9) {
        // Delete a short range.
        0 => {
            let a = pick(rng);
            let end = b.iter().copied().find(|&x| x >= a + 1 + rng.below(12));
            let e = end.unwrap_or(text.len());
            out.push_str(&text[..a]);
            out.push_str(&text[e..]);
        }
        // Truncate.
        1 => out.push_str(&text[..pick(rng)]),
        // Duplicate a line.
        2 if !lines.is_empty() => {
            let k = rng.below(lines.len());
            for (i, l) in lines.iter().enumerate() {
                out.push_str(l);
                if i == k {
                    out.push_str(l);
                }
            }
        }
        // Delete a line.
        3 if !lines.is_empty() => {
            let k = rng.below(lines.len());
            for (i, l) in lines.iter().enumerate() {
                if i != k {
                    out.push_str(l);
                }
            }
        }
        // Swap two lines.
        4 if lines.len() > 1 => {
            let (x, y) = (rng.below(lines.len()), rng.below(lines.len()));
            let mut ls = lines.clone();
            ls.swap(x, y);
            out.extend(ls);
        }
        // Swap two whitespace-separated tokens.
        5 => {
            let words: Vec<&str> = text.split(' ').collect();
            let mut ws = words.clone();
            let (x, y) = (rng.below(ws.len()), rng.below(ws.len()));
            ws.swap(x, y);
            out.push_str(&ws.join(" "));
        }
        // Whitespace or a comment between tokens: files stay clean, spans move.
        6 | 7 => {
            let edges = token_edges(text);
            let at = edges[rng.below(edges.len())];
            let ins = INSERTS[rng.below(8)];
            out.push_str(&text[..at]);
            out.push_str(ins);
            out.push_str(&text[at..]);
        }
        // Anything anywhere.
        _ => {
            let at = pick(rng);
            out.push_str(&text[..at]);
            out.push_str(INSERTS[rng.below(INSERTS.len())]);
            out.push_str(&text[at..]);
        }
    }
    out
}

/// `DIALECT_FAST_MUTANTS=N` multiplies the number of mutants (for long one-off runs).
fn scale() -> usize {
    std::env::var("DIALECT_FAST_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

fn mutants_of(texts: &[String], per_file: usize, seed: u64) -> Tally {
    let per_file = per_file * scale();
    let mut rng = Lcg(seed ^ scale() as u64);
    let mut t = Tally::default();
    for text in texts {
        let mut current = text.clone();
        for i in 0..per_file {
            // Mostly single mutations of the original, sometimes a chain of them.
            if i % 4 == 0 {
                current.clone_from(text);
            }
            current = mutate(&current, &mut rng);
            let one = compare(&current);
            if one.clean > one.fast && std::env::var_os("DIALECT_SHOW_DECLINED").is_some() {
                eprintln!("declined clean mutant:\n{current}\n-----");
            }
            t.add(one);
        }
    }
    t
}

#[test]
fn mutated_corpus_files_agree() {
    let texts: Vec<String> = corpus().into_iter().map(|(_, t)| t).collect();
    let t = mutants_of(&texts, 160, 0x5eed);
    eprintln!("mutated corpus: {t:?}");
    assert!(t.inputs > 5_000, "{t:?}");
    // Clean mutants must be common, or the test proves little; the fast path must take
    // (nearly) all of them.
    assert!(t.clean * 8 > t.inputs, "{t:?}");
    assert!(t.fast * 100 >= t.clean * 99, "{t:?}");
}

#[test]
fn mutated_generated_files_agree() {
    let texts = generated(120);
    let t = mutants_of(&texts, 40, 0xd1a1);
    eprintln!("mutated generated files: {t:?}");
    assert!(t.clean * 8 > t.inputs, "{t:?}");
    assert!(t.fast * 100 >= t.clean * 99, "{t:?}");
}

/// Strings made of grammar pieces and random characters: no panic, and the property holds.
#[test]
fn random_token_soup_agrees() {
    let mut rng = Lcg(0x50_0b);
    let extra = [
        'a', 'Z', '_', '1', ' ', '\n', '\t', 'ー', '\u{3000}', '\u{7f}', '😀', '→',
    ];
    let mut t = Tally::default();
    for _ in 0..1_500 {
        let mut s = String::new();
        for _ in 0..rng.below(40) {
            if rng.below(3) == 0 {
                s.push(extra[rng.below(extra.len())]);
            } else {
                s.push_str(INSERTS[rng.below(INSERTS.len())]);
                s.push(' ');
            }
        }
        t.add(compare(&s));
    }
    assert_eq!(t.inputs, 1_500);
}

/// Every statement form, followed by every kind of separator: the trailing whitespace and
/// comments that pest folds into spans must be folded the same way.
#[test]
fn every_statement_form_with_every_separator() {
    const STATEMENTS: [&str; 44] = [
        "say \"hello\"",
        "say \"\"\"\n    two\n      lines\n    \"\"\"",
        "say \"<speak>hi</speak>\" error -> b",
        "ask Bot",
        "ask Bot \"p\"",
        "ask Bot \"p\" timeout 5s",
        "ask Bot \"p\" { intent A -> b no match -> retry 2 times then b }",
        "ask Bot intent A -> b",
        "menu \"m\" { press 1 -> b press * -> b timeout -> b }",
        "menu \"m\" timeout 8s press 1 -> b",
        "input $x \"p\"",
        "input $x \"p\" max 11 digits end \"#\" timeout 8s interdigit 2s",
        "input $x \"p\" max 4 phone local JP encrypted with Key ok -> b",
        "input $x \"p\" phone e164 encrypted",
        "call I",
        "call I { a: 1, b: \"x\" c: $y, } timeout 3s { ok -> b error -> b }",
        "call I {} ok -> b",
        "set $a = 1",
        "set $a = 1, $b = $c.d, $e = 2m",
        "set queue Q",
        "set voice ja-JP Kazuha neural",
        "set voice en_US Joanna",
        "set priority 2",
        "set agent whisper flow W",
        "set customer queue flow W",
        "branch $x { \"a\" -> b contains \"z\" -> b > 5 -> b else -> b }",
        "branch $caller.number withheld -> b else -> b",
        "check hours H { open -> b closed -> b }",
        "check call",
        "check queue Q waiting > 20 -> b",
        "transfer to queue",
        "transfer to queue Q",
        "transfer to queue Q whisper W { full -> b }",
        "transfer to queue whisper W",
        "transfer to flow F",
        "transfer to number \"+81\" timeout 30s",
        "transfer to agent",
        "run module M { a: 1 } open -> b",
        "run M",
        "callback queue Q number $caller.number after 10m attempts 3 every 5m",
        "hang up",
        "return",
        "return open",
        "end flow",
    ];
    const MORE: [&str; 10] = [
        "end",
        "menu \"m\" { timeout -> retry 2 saying \"again\" then b }",
        "menu \"m\" timeout -> retry 1 times saying \"<speak>again</speak>\" then b",
        "ask Bot \"p\" no match -> retry 2 saying \"\"\"\n      sorry\n      \"\"\" then b",
        "-> retry 1 saying \"again {$x}\" then b",
        "dial from \"+81\" timeout 30s { no answer -> b }",
        "dial",
        "lookup profile by phone $caller.number { found -> b }",
        "lookup profile",
        "distribute { 50% -> b 50% -> b }",
    ];
    const SEPARATORS: [&str; 8] = [
        "\n",
        " ",
        "\n  // comment\n",
        " /* c */ ",
        "\u{3000}",
        "\r\n\t",
        "\n\n",
        "/*a*//*b*/\n",
    ];
    let mut accepted = 0;
    for stmt in STATEMENTS.iter().chain(&MORE) {
        for sep in SEPARATORS {
            for after in ["}", "-> b }", "hang up }"] {
                let text = format!(
                    "flow F {{{sep}start {{{sep}{stmt}{sep}{after}{sep}b {{ hang up{sep}}}{sep}}}{sep}"
                );
                let t = compare(&text);
                assert_eq!(t.clean, t.fast, "declined a clean file:\n{text}");
                accepted += t.fast;
            }
        }
    }
    assert!(accepted > 1_000, "{accepted}");
}

/// Declarations other than flows, with separators and comments between members.
#[test]
fn declarations_with_separators() {
    const DECLS: [&str; 12] = [
        "use \"a.dial\"",
        "integration I { lambda \"l\" timeout 4s returns a, b description \"d\" }",
        "integration I { returns a }",
        "queue Q",
        "queue Q { hours H description \"\"\"\n  d\n  \"\"\" }",
        "hours H { timezone Asia/Tokyo mon-fri 09:00-18:00 sat, sun closed closed on C, D }",
        "hours H { timezone \"Asia/Tokyo\" mon 9:00-12:00, 13:00-24:00 description \"d\" }",
        "calendar C { 2026-01-01 holiday \"元日\" 2026-12-29 .. 2027-01-03 closure \"年末年始\" 2026-05-05 }",
        "calendar C { description \"d\" 2028-02-29 }",
        "bot B { locale ja_JP voice ja-JP Kazuha confidence 0.4 intent A { utterance \"{P}を\" slot P: T ask \"?\" optional } slot type T { resolution top \"a\" = \"b\", \"c\" \"d\" } }",
        "bot B { description \"x\" locale ja_JP { intent A { utterance \"a\" confirm \"c\" decline \"d\" description \"e\" slot N: AMAZON.Number required } } locale en_US { } }",
        "bot B { locale ja_JP intent A { utterance \"a\" } locale en_US intent B { utterance \"b\" } }",
    ];
    let mut accepted = 0;
    for decl in DECLS {
        for sep in ["\n", " ", " // c\n", "/**/", "\u{FEFF}"] {
            let spaced = decl.replace(' ', sep);
            for text in [decl.to_owned(), spaced] {
                let text = format!("{text}{sep}flow F {{ s {{ hang up }} }}");
                let t = compare(&text);
                assert_eq!(t.clean, t.fast, "declined a clean file:\n{text}");
                accepted += t.fast;
            }
        }
    }
    assert!(accepted >= 100, "{accepted}");
}
