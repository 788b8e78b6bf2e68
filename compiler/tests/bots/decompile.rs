//! Every corpus bot decompiles to `.dial` that parses and resolves without errors, and lowers
//! back to a bot equal to the original in everything the language can express.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::lex::decompile::dial_name;
use dialect_compiler::lex::{
    self, Bot, BotOptions, Message, MessageGroup, SlotConstraint, decompile_bot, lower_bot,
};
use dialect_compiler::source::MemoryLoader;
use serde_json::{Value, json};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/lex-bots");

const TREES: &[&str] = &[
    "amazon-connect-interactive-message-chat-infra-lex-v2__InteractiveMessageBot/exports/InteractiveMessageBot_LEX_V2.zip.unzipped",
    "cloudacademy-aws-lexv2-chatbot__MovieRecommendations/lex",
    "lex-v2-bot-iac__qic-test-bot/bot-definition-final.zip.unzipped",
    "lexV2Demos__DemoBot/SampleLexV2BotExportJson.zip.unzipped",
    "lexV2Demos__PizzaShop/pizza_demo/PizzaShopLexExport.zip.unzipped",
];

const TEMPLATES: &[&str] = &[
    "amazon-bedrock-kendra-lex-chatbot__infrastructure/cloudformation/infrastructure.yaml",
    "amazon-connect-with-amazon-lex-genai-capabilities__template/template.yaml",
    "aws-lex-web-ui__lexbot/templates/lexbot.yaml",
    "java-chime-voicesdk-sma__template/template.yaml",
    "java-connect-lex-chatgpt__template/template.yaml",
    "sample-amazon-connect-customer-starter-kit-japan__phase3-lexbot/cfn_template/ac-pkg-phase3-lexbot.yaml",
];

fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("under root");
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(rel.join("/"), std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Every corpus bot with where it comes from.
fn corpus_bots() -> Vec<(String, Bot)> {
    let dir = PathBuf::from(CORPUS);
    assert!(dir.is_dir(), "the Lex corpus is missing at {CORPUS}");
    let mut out = Vec::new();
    for t in TREES {
        let (bot, diags) = lex::import_zip_tree(&read_tree(&dir.join(t)));
        out.push((
            (*t).to_owned(),
            bot.unwrap_or_else(|| panic!("{t}: {diags:?}")),
        ));
    }
    for t in TEMPLATES {
        let text = std::fs::read_to_string(dir.join(t)).expect("template");
        let (bots, diags) = lex::import_cfn_template(&text, None);
        assert!(!bots.is_empty(), "{t}: {diags:?}");
        for b in bots {
            out.push((format!("{t}#{}", b.logical_id), b.bot));
        }
    }
    out
}

fn first_text(groups: &[MessageGroup]) -> Option<String> {
    let m: &Message = &groups.first()?.message;
    m.plain_text
        .as_ref()
        .or(m.ssml.as_ref())
        .and_then(|t| t.value.as_str())
        .filter(|t| !t.trim().is_empty())
        .map(str::to_owned)
}

/// What `.dial` can say about a bot, as a JSON value with `.dial` names.
fn essence(bot: &Bot) -> Value {
    let mut locales = Vec::new();
    for l in &bot.locales {
        let mut types = Vec::new();
        let mut type_names = Vec::new();
        for t in &l.slot_types {
            let Some(values) = t.values.as_ref().filter(|v| !v.is_empty()) else {
                continue;
            };
            let mut seen: Vec<String> = Vec::new();
            let mut vals = Vec::new();
            for v in values {
                let value = v.sample_value.value.to_string();
                if seen.contains(&value) {
                    continue;
                }
                seen.push(value.clone());
                let mut syn = Vec::new();
                for s in v.synonyms.iter().flatten() {
                    let s = s.value.to_string();
                    if !seen.contains(&s) {
                        seen.push(s.clone());
                        syn.push(s);
                    }
                }
                vals.push(json!([value, syn]));
            }
            let strategy = t
                .value_selection
                .as_ref()
                .map(|v| v.resolution_strategy.to_string());
            let name = dial_name(&t.name.to_string());
            type_names.push(name.clone());
            types.push(json!({"name": name, "values": vals, "resolution": strategy.unwrap_or_else(|| "ORIGINAL_VALUE".into())}));
        }
        let mut intents = Vec::new();
        for i in &l.intents {
            if i.parent_intent_signature.is_some() {
                continue;
            }
            let utterances: Vec<String> = i
                .sample_utterances
                .iter()
                .flatten()
                .filter_map(|u| u.utterance.as_str())
                .filter(|u| !u.trim().is_empty())
                .map(str::to_owned)
                .collect();
            if utterances.is_empty() {
                continue;
            }
            let mut slots = Vec::new();
            let mut written: Vec<String> = Vec::new();
            for n in i.slot_order() {
                let Some(s) = i.slot(&n.to_string()) else {
                    continue;
                };
                if written.contains(&s.name.to_string()) {
                    continue;
                }
                let ty = if s.has_builtin_type() {
                    s.slot_type_name.to_string()
                } else {
                    dial_name(&s.slot_type_name.to_string())
                };
                if !s.has_builtin_type() && !type_names.contains(&ty) {
                    continue;
                }
                written.push(s.name.to_string());
                let v = &s.value_elicitation;
                let prompt = v
                    .prompt
                    .as_ref()
                    .and_then(|p| first_text(&p.message_groups));
                let required =
                    v.slot_constraint.lit() != Some(&SlotConstraint::Optional) && prompt.is_some();
                slots.push(json!({"name": dial_name(&s.name.to_string()), "type": ty, "prompt": prompt, "required": required}));
            }
            let confirm = i
                .confirmation
                .as_ref()
                .and_then(|c| first_text(&c.prompt.message_groups));
            let decline = i
                .confirmation
                .as_ref()
                .filter(|_| confirm.is_some())
                .and_then(|c| {
                    c.declination_response
                        .as_ref()
                        .and_then(|r| first_text(&r.message_groups))
                });
            let desc = i
                .description
                .as_ref()
                .and_then(|d| d.as_str())
                .filter(|d| !d.trim().is_empty());
            intents.push(json!({
                "name": dial_name(&i.name.to_string()), "description": desc, "utterances": utterances,
                "slots": slots, "confirm": confirm, "decline": decline,
            }));
        }
        let voice = l.voice_settings.as_ref().and_then(|v| v.voice_id.as_str());
        let desc = l
            .description
            .as_ref()
            .and_then(|d| d.as_str())
            .filter(|d| !d.trim().is_empty());
        locales.push(json!({
            "locale": l.locale_id.to_string(), "voice": voice, "description": desc,
            "confidence": l.nlu_confidence_threshold.as_f64(), "slot_types": types, "intents": intents,
        }));
    }
    json!({"name": dial_name(&bot.name.to_string()), "locales": locales})
}

#[test]
fn every_corpus_bot_decompiles_to_dial_that_resolves_and_lowers_back() {
    let bots = corpus_bots();
    assert!(bots.len() >= 11, "{} corpus bots", bots.len());
    let mut failures = Vec::new();
    for (origin, bot) in &bots {
        let d = decompile_bot(bot);
        assert_eq!(d, decompile_bot(bot), "{origin}: not deterministic");
        let loader = MemoryLoader::new().with("bot.dial", d.text.clone());
        let p = analyze(
            &loader,
            &Options {
                roots: vec!["bot.dial".into()],
                environments: Vec::new(),
            },
        );
        let errors: Vec<String> = p
            .diagnostics
            .iter()
            .filter(|x| x.is_error())
            .map(|x| format!("{} {}", x.code.id(), x.message))
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{origin}: {errors:#?}\n{}", d.text));
            continue;
        }
        let [model_bot] = p.model.bots.as_slice() else {
            failures.push(format!("{origin}: {} bots in the text", p.model.bots.len()));
            continue;
        };
        let lowered = lower_bot(model_bot, &BotOptions::default());
        let (want, got) = (essence(bot), essence(&lowered.bot));
        if want != got {
            failures.push(format!(
                "{origin}: lowers to another bot\nwant {}\n got {}",
                serde_json::to_string_pretty(&want).unwrap_or_default(),
                serde_json::to_string_pretty(&got).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_shipped_order_bot_decompiles_to_what_was_written() {
    let p = crate::support::shipped_project();
    let bot = lower_bot(&p.model.bots[0], &BotOptions::default()).bot;
    let d = decompile_bot(&bot);
    assert!(d.omitted.is_empty(), "{:?}", d.omitted);
    insta::assert_snapshot!("decompiled_OrderBot", d.text);
    let loader = MemoryLoader::new().with("bot.dial", d.text);
    let again = analyze(
        &loader,
        &Options {
            roots: vec!["bot.dial".into()],
            environments: Vec::new(),
        },
    );
    assert!(!again.diagnostics.has_errors());
    assert_eq!(
        essence(&lower_bot(&again.model.bots[0], &BotOptions::default()).bot),
        essence(&bot)
    );
}

#[test]
fn corpus_bots_pass_the_bot_checks() {
    use dialect_compiler::lex::BotSpans;
    use dialect_compiler::lex::checks::check_bot;
    use dialect_compiler::span::{FileId, Span};
    let mut found = Vec::new();
    for (origin, bot) in corpus_bots() {
        for d in check_bot(&bot, &BotSpans::new(Span::new(FileId(0), 0, 0))) {
            found.push(format!("{origin}: {} {}", d.code.id(), d.message));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
