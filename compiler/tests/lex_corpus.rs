//! Round trips of the real Lex V2 bots in `shared/corpus/lex-bots/` through the `lex` model,
//! every import diagnostic on a failing input, and deterministic zips.
//!
//! Each corpus bot is imported without errors and written back in its own format; the result
//! must equal the original as JSON values (export files one by one, CloudFormation the
//! resource's `Properties`). When the corpus is missing the corpus tests print a notice and
//! pass, unless `CI` is set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dialect_compiler::diagnostics::{Diagnostic, Severity};
use dialect_compiler::lex::{
    self, Bot, BotLocale, Intent, KeyStyle, Message, MessageGroup, PromptSpecification,
    ResolutionStrategy, ResponseSpecification, Scalar, Slot, SlotConstraint, SlotType,
    SlotTypeValue, ValueElicitationSetting,
};
use dialect_compiler::span::FileId;
use serde_json::{Value, json};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/lex-bots");

/// The corpus folder, or `None` (with a notice) when it is missing outside CI.
fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(CORPUS);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the Lex corpus is missing at {CORPUS}"
    );
    eprintln!("note: the Lex corpus is missing at {CORPUS}; skipping");
    None
}

/// Every file under `dir`, by its path relative to `dir` with `/` separators.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>();
                out.insert(rel.join("/"), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn errors(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {} {:?}", d.code, d.message, d.notes))
        .collect()
}

/// The entries a comparison looks at: files only, without macOS litter.
fn files_only(tree: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&str, &[u8]> {
    tree.iter()
        .filter(|(p, _)| {
            !p.ends_with('/') && !p.starts_with("__MACOSX/") && !p.ends_with(".DS_Store")
        })
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect()
}

/// Same paths; JSON files equal as values, other files equal as bytes.
fn assert_same_tree(
    original: &BTreeMap<String, Vec<u8>>,
    emitted: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let a = files_only(original);
    let b = files_only(emitted);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: the emitted files differ"
    );
    for (path, bytes) in &a {
        let other = b[path];
        if path.ends_with(".json") {
            let x: Value = serde_json::from_slice(bytes).unwrap();
            let y: Value = serde_json::from_slice(other).unwrap();
            assert_eq!(x, y, "{what}: {path} differs");
        } else {
            assert_eq!(bytes, &other, "{what}: {path} differs");
        }
    }
}

/// Imports an export folder (and the zip beside it, if any) and writes it back.
fn check_export(tree_dir: &str, zip_file: Option<&str>, bot_name: &str) {
    let Some(corpus) = corpus() else { return };
    let original = read_tree(&corpus.join(tree_dir));
    let (bot, diags) = lex::import_zip_tree(&original);
    assert!(diags.is_empty(), "{tree_dir}: {diags:#?}");
    let bot = bot.expect("a bot without errors");
    assert_eq!(bot.name.as_str(), Some(bot_name));
    assert!(!bot.locales.is_empty());
    for l in &bot.locales {
        assert!(
            l.intents.iter().any(Intent::is_fallback),
            "{tree_dir}: locale {} has no fallback intent",
            l.locale_id
        );
    }
    assert_same_tree(&original, &lex::emit_zip_tree(&bot), tree_dir);

    if let Some(zip_file) = zip_file {
        let bytes = std::fs::read(corpus.join(zip_file)).unwrap();
        let (unpacked, diags) = lex::read_zip(&bytes);
        assert!(diags.is_empty(), "{diags:?}");
        let unpacked = unpacked.unwrap();
        assert_same_tree(&original, &unpacked, zip_file);
        let (from_zip, diags) = lex::import_zip(&bytes);
        assert!(
            errors(&diags).is_empty(),
            "{zip_file}: {:#?}",
            errors(&diags)
        );
        let from_zip = from_zip.unwrap();
        assert_eq!(
            from_zip, bot,
            "{zip_file}: the zip gives another bot than its folder"
        );
        let repacked = lex::emit_zip(&from_zip);
        let (again, _) = lex::read_zip(&repacked);
        assert_same_tree(&unpacked, &again.unwrap(), zip_file);
    }
}

/// Imports every bot of a template and checks each gives back its `Properties`.
fn check_template(file: &str, logical_ids: &[&str]) {
    let Some(corpus) = corpus() else { return };
    let text = std::fs::read_to_string(corpus.join(file)).unwrap();
    let (template, diags) = lex::parse_cfn_template(&text, None);
    assert!(diags.is_empty(), "{diags:?}");
    let template = template.unwrap();
    let (bots, diags) = lex::import_cfn_template(&text, Some(FileId(0)));
    assert!(diags.is_empty(), "{file}: {diags:#?}");
    let ids: Vec<&str> = bots.iter().map(|b| b.logical_id.as_str()).collect();
    assert_eq!(ids, logical_ids, "{file}");
    for b in &bots {
        assert_eq!(b.bot.key_style, KeyStyle::CloudFormation);
        let original = &template["Resources"][&b.logical_id];
        assert_eq!(
            lex::bot_to_cfn_properties(&b.bot),
            original["Properties"],
            "{file}: {} differs",
            b.logical_id
        );
        assert_eq!(
            &lex::cfn_bot_resource(b),
            original,
            "{file}: resource {} differs",
            b.logical_id
        );
        for l in &b.bot.locales {
            assert!(
                l.intents.iter().any(Intent::is_fallback),
                "{file}: a locale has no fallback intent"
            );
        }
    }
}

macro_rules! export_bots {
    ($($test:ident: $tree:literal, $zip:expr, $name:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check_export($tree, $zip, $name);
            }
        )*
    };
}

macro_rules! template_bots {
    ($($test:ident: $file:literal, [$($id:literal),*];)*) => {
        $(
            #[test]
            fn $test() {
                check_template($file, &[$($id),*]);
            }
        )*
    };
}

export_bots! {
    export_interactive_message_bot:
        "amazon-connect-interactive-message-chat-infra-lex-v2__InteractiveMessageBot/exports/InteractiveMessageBot_LEX_V2.zip.unzipped",
        Some("amazon-connect-interactive-message-chat-infra-lex-v2__InteractiveMessageBot/exports/InteractiveMessageBot_LEX_V2.zip"),
        "InteractiveMessageBot";
    export_movie_recommendations:
        "cloudacademy-aws-lexv2-chatbot__MovieRecommendations/lex", None, "MovieRecommendations";
    export_qic_test_bot:
        "lex-v2-bot-iac__qic-test-bot/bot-definition-final.zip.unzipped",
        Some("lex-v2-bot-iac__qic-test-bot/bot-definition-final.zip"),
        "qic-test-bot";
    export_demo_bot:
        "lexV2Demos__DemoBot/SampleLexV2BotExportJson.zip.unzipped",
        Some("lexV2Demos__DemoBot/SampleLexV2BotExportJson.zip"),
        "JavaLambdaBot";
    export_pizza_shop:
        "lexV2Demos__PizzaShop/pizza_demo/PizzaShopLexExport.zip.unzipped",
        Some("lexV2Demos__PizzaShop/pizza_demo/PizzaShopLexExport.zip"),
        "PizzaShop";
}

template_bots! {
    cfn_bedrock_kendra_chatbot: "amazon-bedrock-kendra-lex-chatbot__infrastructure/cloudformation/infrastructure.yaml", ["Chatbot"];
    cfn_connect_genai: "amazon-connect-with-amazon-lex-genai-capabilities__template/template.yaml", ["AmazonLexBot"];
    cfn_lex_web_ui: "aws-lex-web-ui__lexbot/templates/lexbot.yaml", ["OrderFlowersTemplateBot", "QBusinessBot"];
    cfn_chime_sma: "java-chime-voicesdk-sma__template/template.yaml", ["LexBotGPT"];
    cfn_connect_chatgpt: "java-connect-lex-chatgpt__template/template.yaml", ["LexBot"];
    cfn_starter_kit_japan: "sample-amazon-connect-customer-starter-kit-japan__phase3-lexbot/cfn_template/ac-pkg-phase3-lexbot.yaml", ["QiCLexBotOrchestration"];
}

#[test]
fn cfn_template_without_bots_warns() {
    let Some(corpus) = corpus() else { return };
    let file = "sample-amazon-connect-customer-starter-kit-japan__phase3-lexbot/cfn_template/ac-pkg-phase3-contactflow-stack.yaml";
    let text = std::fs::read_to_string(corpus.join(file)).unwrap();
    let (bots, diags) = lex::import_cfn_template(&text, None);
    assert!(bots.is_empty());
    assert_eq!(
        diags.iter().map(|d| d.code.id()).collect::<Vec<_>>(),
        ["I110"]
    );
}

#[test]
fn corpus_bots_convert_between_formats() {
    let Some(corpus) = corpus() else { return };
    // Export -> CloudFormation -> model: the typed view survives.
    let tree =
        read_tree(&corpus.join("lexV2Demos__PizzaShop/pizza_demo/PizzaShopLexExport.zip.unzipped"));
    let bot = lex::import_zip_tree(&tree).0.unwrap();
    let mut props = lex::bot_to_cfn_properties(&bot);
    props["RoleArn"] = json!({"Fn::GetAtt": ["Role", "Arn"]});
    let template =
        json!({"Resources": {"Pizza": {"Type": "AWS::Lex::Bot", "Properties": props}}}).to_string();
    let (bots, diags) = lex::import_cfn_template(&template, None);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    let cfn = &bots[0].bot;
    assert_eq!(cfn.name, bot.name);
    assert_eq!(
        cfn.idle_session_ttl_in_seconds,
        bot.idle_session_ttl_in_seconds
    );
    let intent = cfn.locales[0].intent("MakePizza").unwrap();
    assert_eq!(intent.slots.len(), 3);
    assert_eq!(
        intent
            .slot_order()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect::<Vec<_>>(),
        ["topping", "crust", "waitStop"]
    );
    let closing = intent
        .closing
        .as_ref()
        .unwrap()
        .closing_response
        .as_ref()
        .unwrap();
    assert_eq!(
        closing.message_groups[0].variations.as_ref().unwrap().len(),
        1
    );
    // No nulls and no export-only keys in CloudFormation.
    let text = props.to_string();
    assert!(
        !text.contains("null") && !text.contains("identifier") && !text.contains("\"version\""),
        "{text}"
    );
    assert!(text.contains("\"MessageGroupsList\"") && text.contains("\"PlainTextMessage\""));

    // CloudFormation -> export -> model.
    let text = std::fs::read_to_string(corpus.join("aws-lex-web-ui__lexbot/templates/lexbot.yaml"))
        .unwrap();
    let (bots, _) = lex::import_cfn_template(&text, None);
    let mut bot = bots[0].bot.clone();
    bot.name = "OrderFlowers".into();
    let tree = lex::emit_zip_tree(&bot);
    assert!(
        tree.contains_key(
            "OrderFlowers/BotLocales/en_US/Intents/OrderFlowers/Slots/FlowerType/Slot.json"
        ),
        "{:?}",
        tree.keys()
    );
    let bot_json: Value = serde_json::from_slice(&tree["OrderFlowers/Bot.json"]).unwrap();
    assert_eq!(
        bot_json,
        json!({"name": "OrderFlowers", "description": "-", "dataPrivacy": {"childDirected": false}, "idleSessionTTLInSeconds": 300})
    );
    let (back, diags) = lex::import_zip_tree(&tree);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    let back = back.unwrap();
    let slot = back.locales[0]
        .intent("OrderFlowers")
        .unwrap()
        .slot("PickupDate")
        .unwrap();
    assert_eq!(slot.slot_type_name.as_str(), Some("AMAZON.Date"));
    assert_eq!(
        back.locales[0].slot_types[0].values.as_ref().unwrap().len(),
        3
    );
}

// ---------------------------------------------------------------------------------------------
// Failing inputs: one or more per diagnostic code.

fn minimal_tree() -> BTreeMap<String, Vec<u8>> {
    let mut t = BTreeMap::new();
    let mut put = |p: &str, v: Value| {
        t.insert(p.to_owned(), serde_json::to_vec(&v).unwrap());
    };
    put(
        "Manifest.json",
        json!({"metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "BOT"}}),
    );
    put(
        "Shop/Bot.json",
        json!({"name": "Shop", "version": "DRAFT", "description": null, "identifier": "ABCDEFGHIJ",
        "idleSessionTTLInSeconds": 300, "dataPrivacy": {"childDirected": false}}),
    );
    put(
        "Shop/BotLocales/en_US/BotLocale.json",
        json!({"name": "English (US)", "identifier": "en_US", "version": null,
        "description": null, "voiceSettings": {"voiceId": "Joanna"}, "nluConfidenceThreshold": 0.4}),
    );
    put(
        "Shop/BotLocales/en_US/Intents/FallbackIntent/Intent.json",
        json!({"name": "FallbackIntent", "identifier": "FALLBCKINT",
        "parentIntentSignature": "AMAZON.FallbackIntent", "sampleUtterances": null, "slotPriorities": []}),
    );
    put(
        "Shop/BotLocales/en_US/Intents/Order/Intent.json",
        json!({"name": "Order", "identifier": "ORDER00001",
        "sampleUtterances": [{"utterance": "a {size} pizza"}], "slotPriorities": [{"priority": 1, "slotName": "size"}]}),
    );
    put(
        "Shop/BotLocales/en_US/Intents/Order/Slots/size/Slot.json",
        json!({"name": "size", "identifier": "SIZE000001",
        "slotTypeName": "Size", "valueElicitationSetting": {"slotConstraint": "Required", "promptSpecification": {
        "maxRetries": 2, "messageGroupsList": [{"message": {"plainTextMessage": {"value": "Which size?"}}}]}}}),
    );
    put(
        "Shop/BotLocales/en_US/SlotTypes/Size/SlotType.json",
        json!({"name": "Size", "identifier": "SIZETYPE01",
        "slotTypeValues": [{"sampleValue": {"value": "large"}, "synonyms": [{"value": "big"}]}],
        "valueSelectionSetting": {"resolutionStrategy": "TOP_RESOLUTION"}}),
    );
    t
}

fn edit(tree: &mut BTreeMap<String, Vec<u8>>, path: &str, f: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_slice(&tree[path]).unwrap();
    f(&mut v);
    tree.insert(path.to_owned(), serde_json::to_vec(&v).unwrap());
}

const CFN_BOT: &str = r#"
Resources:
  Bot:
    Type: AWS::Lex::Bot
    Properties:
      Name: !Sub "${AWS::StackName}-bot"
      RoleArn: !GetAtt Role.Arn
      DataPrivacy:
        ChildDirected: false
      IdleSessionTTLInSeconds: 300
      BotLocales:
        - LocaleId: en_US
          NluConfidenceThreshold: 0.4
          VoiceSettings:
            VoiceId: Joanna
          SlotTypes:
            - Name: Size
              SlotTypeValues:
                - SampleValue:
                    Value: large
              ValueSelectionSetting:
                ResolutionStrategy: TOP_RESOLUTION
          Intents:
            - Name: Order
              SampleUtterances:
                - Utterance: a pizza
            - Name: FallbackIntent
              ParentIntentSignature: AMAZON.FallbackIntent
"#;

/// The one diagnostic with `code`; fails when there is none.
fn find<'d>(diags: &'d [Diagnostic], code: &str) -> &'d Diagnostic {
    diags
        .iter()
        .find(|d| d.code.id() == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
}

fn note(d: &Diagnostic) -> String {
    d.notes.join("\n")
}

/// Runs each failing case and returns the codes it expects, checking code, path and outcome.
fn failing_cases() -> Vec<&'static str> {
    let mut seen = Vec::new();
    let mut zip_case =
        |code: &'static str, tree: BTreeMap<String, Vec<u8>>, path: &str, bot_expected: bool| {
            let (bot, diags) = lex::import_zip_tree(&tree);
            let d = find(&diags, code);
            assert!(
                note(d).contains(path),
                "{code}: `{path}` not in {:?} / {}",
                d.notes,
                d.message
            );
            assert_eq!(bot.is_some(), bot_expected, "{code}: {diags:#?}");
            seen.push(code);
        };

    let mut t = minimal_tree();
    t.insert("Shop/Bot.json".into(), b"{\"name\": \"Shop\",".to_vec());
    zip_case("I100", t, "in `Shop/Bot.json`", false);

    let mut t = minimal_tree();
    t.insert(
        "Shop/BotLocales/en_US/Intents/Order/Slots/size/Slot.json".into(),
        vec![0xff, 0xfe, b'{'],
    );
    zip_case("I100", t, "Slots/size/Slot.json", false);

    let mut t = minimal_tree();
    t.remove("Shop/BotLocales/en_US/Intents/Order/Intent.json");
    zip_case(
        "I103",
        t,
        "Shop/BotLocales/en_US/Intents/Order/Intent.json",
        false,
    );

    let mut t = minimal_tree();
    t.remove("Shop/BotLocales/en_US/BotLocale.json");
    zip_case("I103", t, "Shop/BotLocales/en_US/BotLocale.json", false);

    let mut t = minimal_tree();
    t.remove("Manifest.json");
    zip_case("I104", t, "Manifest.json", true);

    let mut t = minimal_tree();
    edit(&mut t, "Shop/BotLocales/en_US/BotLocale.json", |v| {
        v.as_object_mut().unwrap().remove("nluConfidenceThreshold");
    });
    zip_case(
        "I105",
        t,
        "in `Shop/BotLocales/en_US/BotLocale.json` at `(root)`",
        false,
    );

    let mut t = minimal_tree();
    edit(
        &mut t,
        "Shop/BotLocales/en_US/Intents/Order/Slots/size/Slot.json",
        |v| {
            v["valueElicitationSetting"]["promptSpecification"]["messageGroupsList"][0]["message"] =
                json!({"plainTextMessage": null});
        },
    );
    zip_case(
        "I105",
        t,
        "at `valueElicitationSetting.promptSpecification.messageGroupsList[0].message`",
        false,
    );

    let mut t = minimal_tree();
    edit(&mut t, "Shop/Bot.json", |v| {
        v["idleSessionTTLInSeconds"] = json!("300")
    });
    zip_case(
        "I106",
        t,
        "in `Shop/Bot.json` at `idleSessionTTLInSeconds`",
        false,
    );

    let mut t = minimal_tree();
    edit(
        &mut t,
        "Shop/BotLocales/en_US/Intents/Order/Intent.json",
        |v| v["sampleUtterances"] = json!({"utterance": "x"}),
    );
    zip_case("I106", t, "at `sampleUtterances`", false);

    let mut t = minimal_tree();
    t.insert("Shop/README.md".into(), b"notes".to_vec());
    zip_case("I107", t, "in `Shop/README.md`", true);

    let mut t = minimal_tree();
    let intent = t
        .remove("Shop/BotLocales/en_US/Intents/Order/Intent.json")
        .unwrap();
    t.insert(
        "Shop/BotLocales/en_US/Intents/Ordering/Intent.json".into(),
        intent,
    );
    let slot = t
        .remove("Shop/BotLocales/en_US/Intents/Order/Slots/size/Slot.json")
        .unwrap();
    t.insert(
        "Shop/BotLocales/en_US/Intents/Ordering/Slots/size/Slot.json".into(),
        slot,
    );
    zip_case(
        "I108",
        t,
        "in `Shop/BotLocales/en_US/Intents/Ordering/Intent.json` at `name`",
        true,
    );

    let mut t = minimal_tree();
    t.remove("Shop/Bot.json");
    zip_case("I109", t, "Bot.json", false);

    let mut t = minimal_tree();
    t.insert("Other/Bot.json".into(), t["Shop/Bot.json"].clone());
    zip_case("I109", t, "Bot.json", false);

    let mut t = minimal_tree();
    let intent = t["Shop/BotLocales/en_US/Intents/Order/Intent.json"].clone();
    t.insert(
        "Shop/BotLocales/en_US/Intents/Order2/Intent.json".into(),
        intent,
    );
    zip_case("I114", t, "Intents/Order2/Intent.json", false);

    let mut t = minimal_tree();
    edit(
        &mut t,
        "Shop/BotLocales/en_US/SlotTypes/Size/SlotType.json",
        |v| {
            v["valueSelectionSetting"]["resolutionStrategy"] = json!("OriginalValue");
        },
    );
    zip_case(
        "I115",
        t,
        "at `valueSelectionSetting.resolutionStrategy`",
        true,
    );

    let mut t = minimal_tree();
    edit(&mut t, "Manifest.json", |v| {
        v["metaData"]["resourceType"] = json!("BOTLOCALE")
    });
    zip_case("I116", t, "in `Manifest.json` at `metaData`", true);

    // Zip bytes.
    let (bot, diags) = lex::import_zip(b"PK\x03\x04 not really a zip");
    assert!(bot.is_none());
    assert_eq!(diags[0].code.id(), "I102");
    seen.push("I102");

    // CloudFormation.
    let mut cfn_case = |code: &'static str, text: String, path: &str, bots: usize| {
        let (found, diags) = lex::import_cfn_template(&text, Some(FileId(7)));
        let d = find(&diags, code);
        assert!(
            note(d).contains(path),
            "{code}: `{path}` not in {:?} / {}",
            d.notes,
            d.message
        );
        assert_eq!(found.len(), bots, "{code}: {diags:#?}");
        if code != "I110" && code != "I101" {
            let span = d
                .primary_span()
                .unwrap_or_else(|| panic!("{code} has no label"));
            assert_eq!(span.file, FileId(7));
            assert!(span.end > span.start, "{code}: empty label");
        }
        seen.push(code);
        (found, diags)
    };

    let (_, diags) = cfn_case("I101", "Resources:\n  Bot: [1, 2\n".into(), "template", 0);
    assert!(diags[0].primary_span().is_some());

    cfn_case(
        "I105",
        CFN_BOT.replace("          NluConfidenceThreshold: 0.4\n", ""),
        "at `Resources.Bot.Properties.BotLocales[0]`",
        0,
    );

    let (_, diags) = cfn_case(
        "I106",
        CFN_BOT.replace(
            "IdleSessionTTLInSeconds: 300",
            "IdleSessionTTLInSeconds: [300]",
        ),
        "at `Resources.Bot.Properties.IdleSessionTTLInSeconds`",
        0,
    );
    let span = find(&diags, "I106").primary_span().unwrap();
    let text = CFN_BOT.replace(
        "IdleSessionTTLInSeconds: 300",
        "IdleSessionTTLInSeconds: [300]",
    );
    assert_eq!(&text[span.range()], "[300]");

    cfn_case(
        "I110",
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n".into(),
        "at `Resources`",
        0,
    );

    let (found, _) = cfn_case(
        "I111",
        CFN_BOT.replace("Value: large", "Value: 8080"),
        "at `Resources.Bot.Properties.BotLocales[0].SlotTypes[0].SlotTypeValues[0].SampleValue.Value`",
        1,
    );
    assert_eq!(
        found[0].bot.locales[0].slot_types[0]
            .values
            .as_ref()
            .unwrap()[0]
            .sample_value
            .value,
        Scalar::Raw(json!(8080))
    );

    let text = CFN_BOT.replace(
        "          VoiceSettings:\n            VoiceId: Joanna\n",
        "          VoiceSettings: !If [Ja, {VoiceId: Kazuha}, {VoiceId: Joanna}]\n",
    );
    let (found, _) = cfn_case(
        "I112",
        text.clone(),
        "at `Resources.Bot.Properties.BotLocales[0].VoiceSettings`",
        1,
    );
    let template = lex::parse_cfn_template(&text, None).0.unwrap();
    assert_eq!(
        lex::bot_to_cfn_properties(&found[0].bot),
        template["Resources"]["Bot"]["Properties"]
    );
    assert!(found[0].bot.locales[0].voice_settings.is_none());

    let text = "Resources:\n  Bot:\n    Type: AWS::Lex::Bot\n    Properties:\n      Name: b\n      RoleArn: r\n      DataPrivacy: {ChildDirected: true}\n      IdleSessionTTLInSeconds: 300\n      BotFileS3Location: {S3Bucket: b, S3ObjectKey: k}\n";
    cfn_case(
        "I113",
        text.into(),
        "at `Resources.Bot.Properties.BotFileS3Location`",
        1,
    );

    cfn_case(
        "I114",
        CFN_BOT.replace("- Name: FallbackIntent", "- Name: Order"),
        "at `Resources.Bot.Properties.BotLocales[0].Intents[1].Name`",
        0,
    );

    cfn_case(
        "I115",
        CFN_BOT.replace(
            "ResolutionStrategy: TOP_RESOLUTION",
            "ResolutionStrategy: TopResolution",
        ),
        "ResolutionStrategy`",
        1,
    );

    seen
}

#[test]
fn every_import_code_has_a_failing_input() {
    let seen: std::collections::BTreeSet<&str> = failing_cases().into_iter().collect();
    let all: std::collections::BTreeSet<&str> = lex::codes::ALL.iter().map(|c| c.id()).collect();
    assert_eq!(seen, all, "codes without a failing input");
    for c in lex::codes::ALL {
        assert!(
            c.id().starts_with('I') && (100..200).contains(&c.id()[1..].parse::<u32>().unwrap()),
            "{}",
            c.id()
        );
        for part in ["## What it means", "## How to fix"] {
            assert!(c.info().doc.contains(part), "{} lacks {part}", c.id());
        }
    }
}

#[test]
fn garbage_never_panics() {
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"{}".to_vec(),
        b"null".to_vec(),
        b"[1,2,3]".to_vec(),
        b"{\"name\": 1, \"dataPrivacy\": [], \"idleSessionTTLInSeconds\": -5}".to_vec(),
        vec![0xff; 64],
    ];
    for bytes in &inputs {
        let _ = lex::import_zip(bytes);
        let mut tree = minimal_tree();
        for path in tree.keys().cloned().collect::<Vec<_>>() {
            let mut broken = tree.clone();
            broken.insert(path, bytes.clone());
            let (bot, diags) = lex::import_zip_tree(&broken);
            assert!(bot.is_none() || diags.iter().all(|d| d.severity != Severity::Error));
        }
        tree.clear();
        let _ = lex::import_zip_tree(&tree);
        let text = String::from_utf8_lossy(bytes);
        let _ = lex::import_cfn_template(&text, Some(FileId(0)));
    }
    for text in [
        "Resources: 3",
        "Resources:\n  B:\n    Type: AWS::Lex::Bot\n",
        "Resources:\n  B:\n    Type: AWS::Lex::Bot\n    Properties: !Ref X\n",
        "Resources:\n  B:\n    Type: AWS::Lex::Bot\n    Properties:\n      BotLocales: [1, {LocaleId: 2}, !If [a, b, c]]\n",
        "a: *unknown",
        "--- 1\n--- 2\n",
        "{\"Resources\": {\"B\": {\"Type\": \"AWS::Lex::Bot\", \"Properties\": {\"Name\": {\"Ref\": \"N\"}}}}}",
    ] {
        let (bots, diags) = lex::import_cfn_template(text, Some(FileId(0)));
        assert!(bots.is_empty(), "{text}");
        assert!(!diags.is_empty(), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Building and emitting a bot.

fn built_bot() -> Bot {
    let mut bot = Bot::new("Pizza", false, 300);
    let mut locale = BotLocale::new("ja_JP", 0.4);
    locale.slot_types.push(SlotType::new(
        "Crust",
        vec![
            SlotTypeValue::new("thin", ["薄い".to_owned()]),
            SlotTypeValue::new("deep dish", []),
        ],
        ResolutionStrategy::TopResolution,
    ));
    let mut order = Intent::new("OrderPizza");
    order.sample_utterances = Some(vec![lex::SampleUtterance::new("{crust} のピザ")]);
    let prompt = PromptSpecification::new(
        2,
        vec![MessageGroup::new(Message::ssml("<speak>生地は？</speak>"))],
    );
    order.slots.push(Slot::new(
        "crust",
        "Crust",
        ValueElicitationSetting::new(SlotConstraint::Required, Some(prompt)),
    ));
    order.slot_priorities = Some(vec![lex::SlotPriority::new(1, "crust")]);
    order.confirmation = Some(lex::IntentConfirmationSetting::new(
        PromptSpecification::new(
            1,
            vec![MessageGroup::new(Message::plain_text("よろしいですか？"))],
        ),
        Some(ResponseSpecification::new(vec![MessageGroup::new(
            Message::plain_text("取り消しました"),
        )])),
    ));
    locale.intents.push(order);
    let mut fallback = Intent::new("FallbackIntent");
    fallback.parent_intent_signature = Some(lex::FALLBACK_INTENT.into());
    locale.intents.push(fallback);
    bot.locales.push(locale);
    bot
}

#[test]
fn emitted_zips_are_deterministic_and_read_back() {
    let bot = built_bot();
    let a = lex::emit_zip(&bot);
    let b = lex::emit_zip(&bot);
    assert!(!a.is_empty());
    assert_eq!(a, b, "two zips of one bot differ");
    let (back, diags) = lex::import_zip(&a);
    assert!(diags.is_empty(), "{diags:#?}");
    // An export has no order of intents: they come back sorted by folder name.
    let mut sorted = bot.clone();
    sorted.locales[0]
        .intents
        .sort_by_key(|i| i.name.to_string());
    assert_eq!(back.as_ref(), Some(&sorted));
    assert_eq!(lex::emit_zip(&back.unwrap()), a);

    let (files, _) = lex::read_zip(&a);
    let files = files.unwrap();
    assert_eq!(
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "Manifest.json",
            "Pizza/Bot.json",
            "Pizza/BotLocales/ja_JP/BotLocale.json",
            "Pizza/BotLocales/ja_JP/Intents/FallbackIntent/Intent.json",
            "Pizza/BotLocales/ja_JP/Intents/OrderPizza/Intent.json",
            "Pizza/BotLocales/ja_JP/Intents/OrderPizza/Slots/crust/Slot.json",
            "Pizza/BotLocales/ja_JP/SlotTypes/Crust/SlotType.json",
        ]
    );
    let slot = std::str::from_utf8(
        &files["Pizza/BotLocales/ja_JP/Intents/OrderPizza/Slots/crust/Slot.json"],
    )
    .unwrap();
    assert!(slot.contains("\n    \"slotTypeName\": \"Crust\""), "{slot}");
    assert!(slot.contains("<speak>生地は？</speak>"));

    // The same bot in CloudFormation.
    let props = lex::bot_to_cfn_properties(&bot);
    assert_eq!(
        props["BotLocales"][0]["Intents"][0]["Slots"][0]["ValueElicitationSetting"]["PromptSpecification"]
            ["MessageGroupsList"][0]["Message"],
        json!({"SSMLMessage": {"Value": "<speak>生地は？</speak>"}})
    );
    assert_eq!(
        props["BotLocales"][0]["SlotTypes"][0]["SlotTypeValues"][0],
        json!({"SampleValue": {"Value": "thin"}, "Synonyms": [{"Value": "薄い"}]})
    );
    assert_eq!(
        props["BotLocales"][0]["Intents"][0]["IntentConfirmationSetting"]["DeclinationResponse"]["MessageGroupsList"]
            [0]["Message"]["PlainTextMessage"]["Value"],
        "取り消しました"
    );

    // A real export zipped again is deterministic too.
    if let Some(corpus) = corpus() {
        let bytes =
            std::fs::read(corpus.join("lexV2Demos__PizzaShop/pizza_demo/PizzaShopLexExport.zip"))
                .unwrap();
        let bot = lex::import_zip(&bytes).0.unwrap();
        let z1 = lex::emit_zip(&bot);
        assert_eq!(z1, lex::emit_zip(&bot));
        assert_eq!(lex::import_zip(&z1).0.as_ref(), Some(&bot));
    }
}
