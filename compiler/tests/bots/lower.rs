//! The shipped bots lowered to Lex: export tree snapshots, byte-identical zips, a clean import
//! of what was emitted, and no bot check findings.

use std::collections::BTreeMap;

use dialect_compiler::lex::{self, BotOptions, emit_bot_tree, emit_bot_zip, lower_bots};
use serde_json::Value;

use crate::support::shipped_project;

fn tree_text(tree: &BTreeMap<String, Vec<u8>>) -> String {
    let mut s = String::new();
    for (path, bytes) in tree {
        s.push_str("=== ");
        s.push_str(path);
        s.push('\n');
        s.push_str(&String::from_utf8_lossy(bytes));
        s.push('\n');
    }
    s
}

fn as_values(tree: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Value> {
    tree.iter()
        .map(|(p, b)| (p.clone(), serde_json::from_slice(b).expect("JSON file")))
        .collect()
}

#[test]
fn shipped_bots_lower_cleanly_and_emit_both_forms() {
    let p = shipped_project();
    let (bots, diags) = lower_bots(&p.model, &BotOptions::default());
    assert!(diags.is_empty(), "{diags:#?}");
    let names: Vec<&str> = bots.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["OrderBot", "OrderBotEn"]);
    for b in &bots {
        let tree = emit_bot_tree(&b.bot);
        insta::assert_snapshot!(format!("export_{}", b.name), tree_text(&tree));

        // The zip is byte-identical across runs and holds the same files.
        let zip = emit_bot_zip(&b.bot);
        assert_eq!(
            zip,
            emit_bot_zip(
                &lex::lower_bot(
                    &p.model.bots[bots.iter().position(|x| x.name == b.name).unwrap_or(0)],
                    &BotOptions::default()
                )
                .bot
            )
        );
        let (files, d) = lex::read_zip(&zip);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(files.as_ref(), Some(&tree));

        // What was emitted imports without a diagnostic and writes back the same.
        let (again, d) = lex::import_zip(&zip);
        assert!(d.is_empty(), "{d:?}");
        let again = again.expect("the emitted zip imports");
        assert_eq!(as_values(&lex::emit_zip_tree(&again)), as_values(&tree));
    }
}

#[test]
fn the_order_bot_has_what_the_language_says() {
    let p = shipped_project();
    let (bots, _) = lower_bots(&p.model, &BotOptions::default());
    let ja = bots[0].bot.locale("ja_JP").expect("ja_JP");
    assert_eq!(ja.name.as_deref(), Some("Japanese (JP)"));
    let order = ja.intent("OrderProduct").expect("OrderProduct");
    assert_eq!(order.sample_utterances.as_ref().map(Vec::len), Some(12));
    assert_eq!(
        order
            .slot_order()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["Product", "Quantity"]
    );
    assert_eq!(
        order
            .slot("Quantity")
            .map(|s| s.slot_type_name.to_string())
            .as_deref(),
        Some("AMAZON.Number")
    );
    assert!(
        order
            .confirmation
            .as_ref()
            .is_some_and(|c| c.declination_response.is_some())
    );
    let product = ja.slot_type("Product").expect("Product");
    assert_eq!(product.values.as_ref().map(Vec::len), Some(8));
    let fallback: Vec<_> = ja.intents.iter().filter(|i| i.is_fallback()).collect();
    assert_eq!(fallback.len(), 1);
    assert_eq!(fallback[0].identifier.as_deref(), Some("FALLBCKINT"));
    assert!(bots[1].bot.locale("en_US").is_some());
}

/// The zips `build` writes: each unpacks to exactly the files of its folder, every entry
/// deflated, reads back to a bot that writes the same folder again (as JSON values: an
/// imported bot keeps the key order it was read in), and packing the folder again gives the
/// same bytes.
#[test]
fn every_built_zip_holds_its_folder_and_imports_back() {
    use std::io::Cursor;

    use dialect_compiler::build::build;

    let p = shipped_project();
    for env in &p.environments {
        let out = build(&p.model, env, &Default::default());
        assert!(!out.has_errors(), "{:#?}", out.diagnostics);
        let files: BTreeMap<&str, &[u8]> = out
            .files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
            .collect();
        let zips: Vec<&str> = files
            .keys()
            .copied()
            .filter(|p| p.starts_with("bots/") && p.ends_with(".zip"))
            .collect();
        assert_eq!(zips, ["bots/OrderBot.zip", "bots/OrderBotEn.zip"]);
        for zip in zips {
            let folder = format!("{}/", zip.trim_end_matches(".zip"));
            let expected: BTreeMap<String, Vec<u8>> = files
                .iter()
                .filter_map(|(path, bytes)| {
                    let rel = path.strip_prefix(folder.as_str())?;
                    Some((rel.to_owned(), bytes.to_vec()))
                })
                .collect();
            assert!(expected.len() > 5, "{zip}: {} files", expected.len());

            let (unpacked, d) = lex::read_zip(files[zip]);
            assert!(d.is_empty(), "{zip}: {d:?}");
            assert_eq!(unpacked.as_ref(), Some(&expected), "{zip}");
            let mut archive = zip::ZipArchive::new(Cursor::new(files[zip])).expect("a zip");
            for i in 0..archive.len() {
                let entry = archive.by_index(i).expect("an entry");
                assert_eq!(
                    entry.compression(),
                    zip::CompressionMethod::Deflated,
                    "{zip}: {:?}",
                    entry.name()
                );
            }

            let (bot, d) = lex::import_zip(files[zip]);
            assert!(d.is_empty(), "{zip}: {d:?}");
            let bot = bot.expect("the built zip imports");
            assert!(
                as_values(&emit_bot_tree(&bot)) == as_values(&expected),
                "{zip} imports to a different bot"
            );
            assert_eq!(lex::write_zip(&expected).ok().as_deref(), Some(files[zip]));
        }
    }
}
