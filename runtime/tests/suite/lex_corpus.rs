//! The understanding of utterances on the real bots of the corpus: every sample utterance,
//! with its slots filled by a value of their type, must be understood as its own intent (or as
//! another intent that has the very same sample). The table is kept as a snapshot.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dialect_compiler::lex::{Bot, import_cfn_template, import_zip};
use dialect_runtime::nlu::{BotModel, PatternPiece, Recognition, Scratch, SlotKind};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/lex-bots");

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "zip" || e == "yaml" || e == "yml")
        {
            out.push(p);
        }
    }
}

fn bots(path: &Path) -> Vec<Bot> {
    if path.extension().is_some_and(|e| e == "zip") {
        let bytes = std::fs::read(path).expect("read");
        import_zip(&bytes).0.into_iter().collect()
    } else {
        let text = std::fs::read_to_string(path).expect("read");
        import_cfn_template(&text, None)
            .0
            .into_iter()
            .map(|b| b.bot)
            .collect()
    }
}

#[test]
fn corpus_bots_understand_their_own_samples() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the Lex corpus is missing"
        );
        return;
    }
    let mut paths = Vec::new();
    files(dir, &mut paths);
    let mut table = String::from("bot | locale | intents | samples | understood\n");
    let (mut total, mut good) = (0usize, 0usize);
    for path in &paths {
        for bot in bots(path) {
            let model = BotModel::compile(&bot, Vec::new());
            for locale in &model.locales {
                let (mut n, mut ok) = (0, 0);
                let mut scratch = Scratch::default();
                let mut rec = Recognition::default();
                for (ii, intent) in locale.intents.iter().enumerate() {
                    for p in &intent.patterns {
                        let mut text = String::new();
                        for piece in &p.pieces {
                            match piece {
                                PatternPiece::Lit(l) => text.extend(l.iter()),
                                PatternPiece::Slot(s) => {
                                    text.push_str(&match intent.slots.get(*s).map(|x| &x.kind) {
                                        Some(SlotKind::Custom { values, .. }) => {
                                            values.first().map_or_else(
                                                || "x".to_owned(),
                                                |v| v.canonical.clone(),
                                            )
                                        }
                                        Some(SlotKind::Confirmation) => "yes".to_owned(),
                                        Some(SlotKind::Number) => "2".to_owned(),
                                        _ => "abc".to_owned(),
                                    });
                                }
                            }
                        }
                        if text.is_empty() {
                            continue;
                        }
                        n += 1;
                        locale.recognize(&text, &mut scratch, &mut rec);
                        let same_sample = |i: usize| {
                            locale.intents.get(i).is_some_and(|other| {
                                other.patterns.iter().any(|q| q.pieces == p.pieces)
                            })
                        };
                        if rec.intent == Some(ii) || rec.intent.is_some_and(same_sample) {
                            ok += 1;
                        }
                    }
                }
                total += n;
                good += ok;
                let _ = writeln!(
                    table,
                    "{} | {} | {} | {n} | {ok}",
                    if model.name.is_empty() {
                        path.strip_prefix(dir)
                            .ok()
                            .and_then(|p| p.components().next())
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .unwrap_or_default()
                    } else {
                        model.name.clone()
                    },
                    locale.id,
                    locale.intents.len()
                );
            }
        }
    }
    insta::assert_snapshot!("lex_corpus_table", table);
    assert!(total > 100, "{total}");
    assert!(good * 100 >= total * 95, "{good}/{total}");
}
