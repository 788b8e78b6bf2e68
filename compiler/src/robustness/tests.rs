//! Inputs the fuzz targets found or that sit at their edges, replayed through the same
//! pipelines in the normal test suite. A crash the fuzzer finds is added here with its minimized
//! input (`fuzz/artifacts/TARGET/crash-*`, after `cargo fuzz tmin`) and a line saying what
//! broke.

use super::{connect_json, dial_source, lex_bot, tree};

#[test]
fn edges_of_dial_sources() {
    for input in [
        &b""[..],
        b"\xff\xfe not UTF-8",
        b"flow",
        b"flow F {",
        b"flow F { step s { say \"\\u{ZZ}\" } }",
        b"\xEF\xBB\xBFflow F { start { hang up } }",
        "flow 流れ { start { say \"こんにちは\" -> 行く } }".as_bytes(),
    ] {
        dial_source(input);
    }
}

#[test]
fn edges_of_connect_json() {
    for input in [
        &b""[..],
        b"\xff",
        b"null",
        b"{}",
        b"{\"Version\":\"2019-10-30\",\"StartAction\":\"x\",\"Actions\":[]}",
        b"{\"Version\":\"2019-10-30\",\"StartAction\":\"a\",\"Actions\":[{\"Identifier\":\"a\",\"Type\":\"DisconnectParticipant\",\"Parameters\":{},\"Transitions\":{\"NextAction\":\"a\"}}]}",
        b"[1,2,{\"Actions\":7}]",
    ] {
        connect_json(input);
    }
}

#[test]
fn edges_of_lex_bots() {
    for input in [
        &b""[..],
        b"PK\x03\x04 truncated",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        b"Resources:\n  B:\n    Type: AWS::Lex::Bot\n    Properties: !Ref X\n",
        b"{\"Resources\":{\"B\":{\"Type\":\"AWS::Lex::Bot\",\"Properties\":{\"BotLocales\":[{}]}}}}",
        b"=== Manifest.json\n{}\n=== B/Bot.json\n{\"name\":1}\n",
    ] {
        lex_bot(input);
    }
}

#[test]
fn tree_sections_become_files() {
    let t = tree("=== Manifest.json\n{}\n=== B/Bot.json\n{\"name\":\"B\"}\n");
    let paths: Vec<&str> = t.keys().map(String::as_str).collect();
    assert_eq!(paths, ["B/Bot.json", "Manifest.json"]);
    assert_eq!(t["Manifest.json"], b"{}\n");
    assert_eq!(tree("{}").keys().collect::<Vec<_>>(), ["Bot/Bot.json"]);
}

/// The `=== PATH` form `scripts/fuzz-seed` writes unzipped exports in reads back as the same bot,
/// so those seeds reach the bot reader and not only its error paths.
#[test]
fn an_export_written_as_sections_imports_back() {
    use crate::compile::{Options, analyze};
    use crate::lex::{BotOptions, emit_zip_tree, import_zip_tree, lower_bot};
    use crate::source::MemoryLoader;

    let files = crate::generate::project(1);
    let mut loader = MemoryLoader::new();
    for (p, t) in &files {
        loader.insert(p, t.as_str());
    }
    let roots = files.iter().map(|(p, _)| p.clone()).collect();
    let project = analyze(
        &loader,
        &Options {
            roots,
            environments: Vec::new(),
        },
    );
    let bot = lower_bot(&project.model.bots[0], &BotOptions::default()).bot;
    let mut text = String::new();
    for (path, bytes) in emit_zip_tree(&bot) {
        text.push_str(&format!("=== {path}\n"));
        text.push_str(std::str::from_utf8(&bytes).expect("the export is JSON"));
        text.push('\n');
    }
    let (back, diags) = import_zip_tree(&tree(&text));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(back.expect("a bot").name, bot.name);
    lex_bot(text.as_bytes());
}
