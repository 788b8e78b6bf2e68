//! The export layout as a map from paths inside the zip to file contents: reading a bot from
//! it and writing a bot into it.
//!
//! ```text
//! Manifest.json
//! <Bot>/Bot.json
//! <Bot>/BotLocales/<locale>/BotLocale.json
//! <Bot>/BotLocales/<locale>/Intents/<intent>/Intent.json
//! <Bot>/BotLocales/<locale>/Intents/<intent>/ConversationFlow.json        (optional)
//! <Bot>/BotLocales/<locale>/Intents/<intent>/Slots/<slot>/Slot.json
//! <Bot>/BotLocales/<locale>/SlotTypes/<type>/SlotType.json
//! <Bot>/BotLocales/<locale>/CustomVocabulary/CustomVocabulary.json          (optional)
//! ```
//! All of it may sit in one more folder (a zipped export folder). Directory entries,
//! `__MACOSX/` and `.DS_Store` are ignored; other files are kept in [`ZipLayout::other_files`].

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::bot::{Bot, ZipLayout};
use super::codes;
use super::console_json::{file_bytes, file_defaults};
use super::intent::Intent;
use super::locale::BotLocale;
use super::read::{Issue, Obj, Reader, check_unique};
use super::scalar::Text;
use super::slot::Slot;
use super::slot_type::SlotType;
use super::style::{KeyStyle, convert_value};
use super::write::{Writer, write_text};
use crate::diagnostics::{Diagnostic, Severity};

/// The manifest real exports carry.
pub const DEFAULT_MANIFEST: &str =
    r#"{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}"#;

const MANIFEST: &str = "Manifest.json";

/// The files of one intent folder.
#[derive(Default)]
struct IntentFiles<'a> {
    intent: Option<&'a str>,
    flow: Option<&'a str>,
    slots: BTreeMap<&'a str, &'a str>,
}

/// The files of one locale folder.
#[derive(Default)]
struct LocaleFiles<'a> {
    locale: Option<&'a str>,
    vocabulary: Option<&'a str>,
    intents: BTreeMap<&'a str, IntentFiles<'a>>,
    slot_types: BTreeMap<&'a str, &'a str>,
}

/// Reads a bot from the files of an export (paths inside the zip). `Some` when there is no
/// error.
#[must_use]
pub fn import_zip_tree(files: &BTreeMap<String, Vec<u8>>) -> (Option<Bot>, Vec<Diagnostic>) {
    let mut r = Reader::new(KeyStyle::Export, "");
    let bot = read_tree(&mut r, files);
    finish(r.issues, bot)
}

pub(crate) fn finish<T>(issues: Vec<Issue>, value: Option<T>) -> (Option<T>, Vec<Diagnostic>) {
    let diags: Vec<Diagnostic> = issues.iter().map(Issue::to_diagnostic).collect();
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    (value.filter(|_| ok), diags)
}

fn ignored(path: &str) -> bool {
    path.ends_with('/')
        || path.starts_with("__MACOSX/")
        || path.rsplit('/').next() == Some(".DS_Store")
}

/// The folder part of a path, with its trailing `/` (`""` at the top).
fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

fn read_tree(r: &mut Reader, files: &BTreeMap<String, Vec<u8>>) -> Option<Bot> {
    let paths: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|p| !ignored(p))
        .collect();
    let manifests: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| {
            p.rsplit('/')
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case(MANIFEST))
        })
        .collect();
    let bot_files: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.ends_with("/Bot.json"))
        .collect();
    if manifests.len() > 1 {
        r.file = manifests[1].to_owned();
        r.issue(
            codes::UNSUPPORTED_LAYOUT,
            "",
            format!("the archive holds {} manifests", manifests.len()),
        );
        return None;
    }
    let root = match (manifests.first(), bot_files.first()) {
        (Some(m), _) => dir_of(m).to_owned(),
        (None, Some(b)) => {
            let bot_dir = dir_of(b);
            let root = dir_of(&bot_dir[..bot_dir.len() - 1]).to_owned();
            r.file = format!("{root}{MANIFEST}");
            r.issue(
                codes::MISSING_MANIFEST,
                "",
                "the export has no `Manifest.json`",
            );
            root
        }
        (None, None) => String::new(),
    };
    let bot_files: Vec<&str> = bot_files
        .into_iter()
        .filter(|p| {
            p.strip_prefix(root.as_str())
                .is_some_and(|rest| rest.matches('/').count() == 1)
        })
        .collect();
    let bot_path = match bot_files.as_slice() {
        [one] => *one,
        [] => {
            r.file = format!("{root}<Bot>/Bot.json");
            if paths.iter().any(|p| p.ends_with("/BotLocale.json")) {
                r.issue_help(
                    codes::UNSUPPORTED_LAYOUT,
                    "",
                    "this is a locale-only export (no `Bot.json`)",
                    "export the whole bot instead of one locale",
                );
            } else {
                r.issue(
                    codes::MISSING_FILE,
                    "",
                    "the export has no `<Bot>/Bot.json`",
                );
            }
            return None;
        }
        [_, second, ..] => {
            r.file = (*second).to_owned();
            r.issue(
                codes::UNSUPPORTED_LAYOUT,
                "",
                format!("the archive holds {} bots", bot_files.len()),
            );
            return None;
        }
    };
    let bot_dir = dir_of(bot_path).to_owned();
    let folder = bot_dir[root.len()..bot_dir.len() - 1].to_owned();

    let mut layout = ZipLayout {
        root: root.clone(),
        ..ZipLayout::default()
    };
    if let Some(m) = manifests.first() {
        let name = &m[root.len()..];
        if name != MANIFEST {
            layout.manifest_file = Some(name.to_owned());
        }
        if let Some(v) = parse_json(r, m, bytes(files, m)) {
            check_manifest(r, &v);
            let v = Value::Object(v);
            // The standard manifest is what an emitted export writes anyway.
            if serde_json::from_str::<Value>(DEFAULT_MANIFEST)
                .ok()
                .as_ref()
                != Some(&v)
            {
                layout.manifest = Some(v);
            }
        }
    }

    // Sort every other file into its place.
    let mut locales: BTreeMap<&str, LocaleFiles<'_>> = BTreeMap::new();
    for &p in &paths {
        if p == bot_path || manifests.contains(&p) {
            continue;
        }
        let placed = p
            .strip_prefix(bot_dir.as_str())
            .is_some_and(|rel| place(&mut locales, rel, p));
        if !placed {
            r.file = p.to_owned();
            r.issue(
                codes::UNKNOWN_FILE,
                "",
                "this file is not part of the Lex export layout; it is kept as it is",
            );
            layout
                .other_files
                .insert(p.to_owned(), bytes(files, p).to_vec());
        }
    }

    let bot_json = parse_json(r, bot_path, bytes(files, bot_path));
    let mut bot = bot_json.and_then(|m| Bot::read(r, Obj::new(&m, "")));
    let mut ids = Vec::new();
    let mut out_locales = Vec::new();
    for (id, lf) in &locales {
        let Some(path) = lf.locale else {
            r.file = format!("{bot_dir}BotLocales/{id}/BotLocale.json");
            r.issue(
                codes::MISSING_FILE,
                "",
                format!("locale folder `{id}` has no `BotLocale.json`"),
            );
            continue;
        };
        if let Some(locale) = read_locale(r, files, path, id, lf) {
            ids.push((
                locale.locale_id.to_string(),
                path.to_owned(),
                "identifier".to_owned(),
            ));
            out_locales.push(locale);
        }
    }
    check_unique(r, "locales of one bot", ids);
    if let Some(b) = &mut bot {
        if b.name.as_str() != Some(folder.as_str()) {
            layout.bot_folder = Some(folder);
        }
        b.locales = out_locales;
        b.zip = layout;
    }
    bot
}

/// Files a path relative to the bot folder; `false` when it has no place in the layout.
fn place<'a>(
    locales: &mut BTreeMap<&'a str, LocaleFiles<'a>>,
    rel: &'a str,
    full: &'a str,
) -> bool {
    let seg: Vec<&str> = rel.split('/').collect();
    let ["BotLocales", loc, rest @ ..] = seg.as_slice() else {
        return false;
    };
    let lf = locales.entry(loc).or_default();
    match rest {
        ["BotLocale.json"] => lf.locale = Some(full),
        ["CustomVocabulary", "CustomVocabulary.json"] => lf.vocabulary = Some(full),
        ["SlotTypes", name, "SlotType.json"] => {
            lf.slot_types.insert(name, full);
        }
        ["Intents", name, "Intent.json"] => lf.intents.entry(name).or_default().intent = Some(full),
        ["Intents", name, "ConversationFlow.json"] => {
            lf.intents.entry(name).or_default().flow = Some(full)
        }
        ["Intents", name, "Slots", slot, "Slot.json"] => {
            lf.intents.entry(name).or_default().slots.insert(slot, full);
        }
        _ => return false,
    }
    true
}

fn read_locale(
    r: &mut Reader,
    files: &BTreeMap<String, Vec<u8>>,
    path: &str,
    folder: &str,
    lf: &LocaleFiles<'_>,
) -> Option<BotLocale> {
    let m = parse_json(r, path, bytes(files, path));
    let mut locale = m.and_then(|m| BotLocale::read(r, Obj::new(&m, "")));
    if let Some(l) = &locale {
        name_check(r, &l.locale_id, folder, "identifier", "locale");
    }
    let mut slot_types = Vec::new();
    let mut names = Vec::new();
    for (folder, p) in &lf.slot_types {
        let m = parse_json(r, p, bytes(files, p));
        if let Some(t) = m.and_then(|m| SlotType::read(r, Obj::new(&m, ""))) {
            name_check(r, &t.name, folder, "name", "slot type");
            names.push((t.name.to_string(), (*p).to_owned(), "name".to_owned()));
            slot_types.push(t);
        }
    }
    check_unique(r, "slot types of one locale", names);
    let mut intents = Vec::new();
    let mut names = Vec::new();
    for (folder, inf) in &lf.intents {
        let Some(p) = inf.intent else {
            r.file = format!("{}Intents/{folder}/Intent.json", dir_of(path));
            r.issue(
                codes::MISSING_FILE,
                "",
                format!("intent folder `{folder}` has no `Intent.json`"),
            );
            continue;
        };
        if let Some(i) = read_intent(r, files, p, folder, inf) {
            names.push((i.name.to_string(), p.to_owned(), "name".to_owned()));
            intents.push(i);
        }
    }
    check_unique(r, "intents of one locale", names);
    let vocabulary = lf
        .vocabulary
        .and_then(|p| parse_json(r, p, bytes(files, p)))
        .map(Value::Object);
    if let Some(l) = &mut locale {
        l.intents = intents;
        l.slot_types = slot_types;
        l.custom_vocabulary = vocabulary;
    }
    locale
}

fn read_intent(
    r: &mut Reader,
    files: &BTreeMap<String, Vec<u8>>,
    path: &str,
    folder: &str,
    inf: &IntentFiles<'_>,
) -> Option<Intent> {
    let m = parse_json(r, path, bytes(files, path));
    let mut intent = m.and_then(|m| Intent::read(r, Obj::new(&m, "")));
    if let Some(i) = &intent {
        name_check(r, &i.name, folder, "name", "intent");
    }
    let mut slots = Vec::new();
    let mut names = Vec::new();
    for (folder, p) in &inf.slots {
        let m = parse_json(r, p, bytes(files, p));
        if let Some(s) = m.and_then(|m| Slot::read(r, Obj::new(&m, ""))) {
            name_check(r, &s.name, folder, "name", "slot");
            names.push((s.name.to_string(), (*p).to_owned(), "name".to_owned()));
            slots.push(s);
        }
    }
    check_unique(r, "slots of one intent", names);
    let flow = inf
        .flow
        .and_then(|p| parse_json(r, p, bytes(files, p)))
        .map(Value::Object);
    if let Some(i) = &mut intent {
        // Slots in elicitation order, then the others by folder name.
        let order: Vec<String> = i.slot_order().iter().map(|t| t.to_string()).collect();
        slots.sort_by_key(|s| {
            order
                .iter()
                .position(|n| *n == s.name.to_string())
                .unwrap_or(usize::MAX)
        });
        i.slots = slots;
        i.conversation_flow = flow;
    }
    intent
}

fn name_check(r: &mut Reader, name: &Text, folder: &str, key: &str, what: &str) {
    if name.as_str() != Some(folder) {
        r.issue_help(
            codes::NAME_MISMATCH,
            key,
            format!("the {what} in folder `{folder}` is named `{name}`"),
            "an emitted export names the folder after the name inside",
        );
    }
}

/// The content of a file listed in `files` (paths come from the map itself).
fn bytes<'f>(files: &'f BTreeMap<String, Vec<u8>>, path: &str) -> &'f [u8] {
    files.get(path).map_or(&[], Vec::as_slice)
}

/// Parses one file as a JSON object; reports and returns `None` otherwise.
fn parse_json(r: &mut Reader, path: &str, bytes: &[u8]) -> Option<Map<String, Value>> {
    r.file = path.to_owned();
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Some(m),
        Ok(other) => {
            r.issue(
                codes::MALFORMED_JSON,
                "",
                format!(
                    "the file must hold a JSON object, not {}",
                    super::read::kind_of(&other)
                ),
            );
            None
        }
        Err(e) => {
            r.issue(codes::MALFORMED_JSON, "", format!("not valid JSON: {e}"));
            None
        }
    }
}

fn check_manifest(r: &mut Reader, m: &Map<String, Value>) {
    let meta = m
        .get("metaData")
        .or_else(|| m.get("metadata"))
        .and_then(Value::as_object);
    let get = |k: &str| meta.and_then(|x| x.get(k)).and_then(Value::as_str);
    let format = get("fileFormat");
    let kind = get("resourceType");
    if !format.is_some_and(|f| f.eq_ignore_ascii_case("LexJson"))
        || !kind.is_some_and(|k| k.eq_ignore_ascii_case("BOT"))
    {
        r.issue(
            codes::UNEXPECTED_MANIFEST,
            "metaData",
            format!(
                "the manifest describes a `{}` export of a `{}`, not a `LexJson` export of a `BOT`",
                format.unwrap_or("?"),
                kind.unwrap_or("?")
            ),
        );
    }
}

/// Writes a bot as the files of an export: pretty-printed JSON (four-space indent, as the Lex
/// console writes), one file per bot, locale, intent, slot and custom slot type. Imported bots
/// come back in their own layout (root folder, bot folder name, manifest, other files).
///
/// Folder names are the resources' names; a name that is not a literal (a CloudFormation
/// expression) is written as its display form (`!Ref X`), and `/`, `\` and other characters
/// that cannot be in a file name become `_`.
#[must_use]
pub fn emit_zip_tree(bot: &Bot) -> BTreeMap<String, Vec<u8>> {
    zip_tree_files(bot, false)
}

/// The files of [`emit_zip_tree`]; with `console`, as the console writes them
/// ([`super::emit_bot_tree`]): every known key the bot leaves unset as `null` (see
/// [`super::console_json`]), also in the JSON files kept from an import.
pub(crate) fn zip_tree_files(bot: &Bot, console: bool) -> BTreeMap<String, Vec<u8>> {
    let w = Writer {
        to: KeyStyle::Export,
        from: bot.key_style,
    };
    // The keys a model file gets by its name, for the console.
    let defaults = |name: &str| if console { file_defaults(name) } else { None };
    let mut out = BTreeMap::new();
    let root = &bot.zip.root;
    let manifest = bot
        .zip
        .manifest
        .clone()
        .unwrap_or_else(|| serde_json::from_str(DEFAULT_MANIFEST).unwrap_or_default());
    out.insert(
        format!(
            "{root}{}",
            bot.zip.manifest_file.as_deref().unwrap_or(MANIFEST)
        ),
        pretty(&manifest),
    );
    let folder = bot
        .zip
        .bot_folder
        .clone()
        .unwrap_or_else(|| segment(&bot.name));
    let bot_dir = format!("{root}{folder}/");
    out.insert(
        format!("{bot_dir}Bot.json"),
        write_text(bot, w, defaults("Bot.json")),
    );
    for l in &bot.locales {
        let dir = format!("{bot_dir}BotLocales/{}/", segment(&l.locale_id));
        out.insert(
            format!("{dir}BotLocale.json"),
            write_text(l, w, defaults("BotLocale.json")),
        );
        if let Some(v) = &l.custom_vocabulary {
            let v = convert_value(v, w.from, w.to).unwrap_or(Value::Null);
            out.insert(
                format!("{dir}CustomVocabulary/CustomVocabulary.json"),
                pretty(&v),
            );
        }
        for t in &l.slot_types {
            out.insert(
                format!("{dir}SlotTypes/{}/SlotType.json", segment(&t.name)),
                write_text(t, w, defaults("SlotType.json")),
            );
        }
        for i in &l.intents {
            let idir = format!("{dir}Intents/{}/", segment(&i.name));
            out.insert(
                format!("{idir}Intent.json"),
                write_text(i, w, defaults("Intent.json")),
            );
            if let Some(v) = &i.conversation_flow {
                let v = convert_value(v, w.from, w.to).unwrap_or(Value::Null);
                out.insert(format!("{idir}ConversationFlow.json"), pretty(&v));
            }
            for s in &i.slots {
                out.insert(
                    format!("{idir}Slots/{}/Slot.json", segment(&s.name)),
                    write_text(s, w, defaults("Slot.json")),
                );
            }
        }
    }
    for (p, bytes) in &bot.zip.other_files {
        out.entry(p.clone()).or_insert_with(|| {
            let defaults = console
                .then(|| p.rsplit('/').next().and_then(file_defaults))
                .flatten();
            match defaults.map(|d| (d, serde_json::from_slice::<Value>(bytes))) {
                // A file kept from an import is completed too, when it is a JSON object.
                Some((d, Ok(v @ Value::Object(_)))) => file_bytes(&v, Some(d)),
                _ => bytes.clone(),
            }
        });
    }
    out
}

/// A name as one path segment.
fn segment(name: &Text) -> String {
    let s: String = name
        .to_string()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() || s == "." || s == ".." {
        "_".to_owned()
    } else {
        s
    }
}

/// JSON with a four-space indent.
pub(crate) fn pretty(v: &Value) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    if v.serialize(&mut ser).is_err() {
        // Serializing a `Value` into memory cannot fail; write nothing rather than half a file.
        buf.clear();
    }
    buf
}

#[cfg(test)]
mod tests {
    use serde_json::Map;

    use super::*;
    use crate::compile::{Options, analyze};
    use crate::lex::write::WriteJson;
    use crate::lex::{BotOptions, import_cfn_template, import_zip, lower_bots, write_zip};
    use crate::source::MemoryLoader;

    /// The tree as it was written before the text writer: every file a value, the console's
    /// nulls inserted into it, then pretty-printed.
    fn through_values(bot: &Bot, console: bool) -> BTreeMap<String, Vec<u8>> {
        fn fill_nested(m: &mut Map<String, Value>) {
            let defaults: &[(&str, &[&str])] = &[
                (
                    "message",
                    &[
                        "ssmlMessage",
                        "plainTextMessage",
                        "customPayload",
                        "imageResponseCard",
                    ],
                ),
                (
                    "valueElicitationSetting",
                    &[
                        "defaultValueSpecification",
                        "waitAndContinueSpecification",
                        "sampleUtterances",
                    ],
                ),
                (
                    "valueSelectionSetting",
                    &["regexFilter", "advancedRecognitionSetting"],
                ),
            ];
            for (key, nulls) in defaults {
                if let Some(Value::Object(inner)) = m.get_mut(*key) {
                    for n in *nulls {
                        inner.entry((*n).to_owned()).or_insert(Value::Null);
                    }
                }
            }
            for (list, key) in [
                ("messageGroupsList", "variations"),
                ("slotTypeValues", "synonyms"),
            ] {
                if let Some(Value::Array(items)) = m.get_mut(list) {
                    for item in items.iter_mut() {
                        if let Value::Object(item) = item {
                            item.entry(key).or_insert(Value::Null);
                        }
                    }
                }
            }
            for v in m.values_mut() {
                match v {
                    Value::Object(inner) => fill_nested(inner),
                    Value::Array(items) => {
                        for item in items {
                            if let Value::Object(inner) = item {
                                fill_nested(inner);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let w = Writer {
            to: KeyStyle::Export,
            from: bot.key_style,
        };
        let mut values: BTreeMap<String, Value> = BTreeMap::new();
        let bot_dir = format!(
            "{}{}/",
            bot.zip.root,
            bot.zip
                .bot_folder
                .clone()
                .unwrap_or_else(|| segment(&bot.name))
        );
        values.insert(format!("{bot_dir}Bot.json"), bot.write_json(w));
        for l in &bot.locales {
            let dir = format!("{bot_dir}BotLocales/{}/", segment(&l.locale_id));
            values.insert(format!("{dir}BotLocale.json"), l.write_json(w));
            for t in &l.slot_types {
                let p = format!("{dir}SlotTypes/{}/SlotType.json", segment(&t.name));
                values.insert(p, t.write_json(w));
            }
            for i in &l.intents {
                let idir = format!("{dir}Intents/{}/", segment(&i.name));
                values.insert(format!("{idir}Intent.json"), i.write_json(w));
                for s in &i.slots {
                    let p = format!("{idir}Slots/{}/Slot.json", segment(&s.name));
                    values.insert(p, s.write_json(w));
                }
            }
        }
        // The other files are not model files: the text writer leaves them to `pretty`.
        let mut tree = zip_tree_files(bot, console);
        for (path, mut v) in values {
            let name = path.rsplit('/').next().unwrap_or_default();
            if console
                && let Some(defaults) = file_defaults(name)
                && let Value::Object(m) = &mut v
            {
                for (k, d) in defaults {
                    if !m.contains_key(*k) {
                        m.insert((*k).to_owned(), d.clone());
                    }
                }
                fill_nested(m);
            }
            tree.insert(path, pretty(&v));
        }
        tree
    }

    fn generated_bots() -> Vec<Bot> {
        let files = crate::generate::project_seeded(3000, 11);
        let mut loader = MemoryLoader::new();
        for (path, text) in &files {
            loader.insert(path, text.as_str());
        }
        let options = Options {
            roots: files.into_iter().map(|(path, _)| path).collect(),
            environments: Vec::new(),
        };
        let project = analyze(&loader, &options);
        let (bots, _) = lower_bots(&project.model, &BotOptions::default());
        assert!(bots.len() > 3, "{} bots", bots.len());
        bots.into_iter().map(|b| b.bot).collect()
    }

    /// Generated bots, the same imported back from their zips (the console's nulls become
    /// extra keys) and from a template (extra maps in the other spelling).
    fn bot_variants() -> Vec<Bot> {
        let mut bots = generated_bots();
        // Imported back: the console's nulls are now the bots' extra keys.
        let imported: Vec<Bot> = bots
            .iter()
            .map(|b| {
                let zip = write_zip(&zip_tree_files(b, true)).expect("a zip");
                import_zip(&zip).0.expect("the emitted zip imports")
            })
            .collect();
        // Read from CloudFormation: extra maps in the other spelling.
        let mut template = Map::new();
        for (n, b) in bots.iter().enumerate() {
            let properties = crate::lex::bot_to_cfn_properties(b);
            template.insert(
                format!("Bot{n}"),
                serde_json::json!({"Type": "AWS::Lex::Bot", "Properties": properties}),
            );
        }
        let text = serde_json::json!({ "Resources": template }).to_string();
        let (from_cfn, diags) = import_cfn_template(&text, None);
        assert_eq!(from_cfn.len(), bots.len(), "{diags:#?}");
        bots.extend(imported);
        bots.extend(from_cfn.into_iter().map(|b| b.bot));
        bots
    }

    #[test]
    fn the_text_writer_writes_the_bytes_of_the_values() {
        let bots = bot_variants();
        for bot in &bots {
            for console in [false, true] {
                let text = zip_tree_files(bot, console);
                let values = through_values(bot, console);
                assert_eq!(
                    text.keys().collect::<Vec<_>>(),
                    values.keys().collect::<Vec<_>>()
                );
                for (path, bytes) in &text {
                    assert!(
                        *bytes == values[path],
                        "{path} (console {console}):\n{}\n---\n{}",
                        String::from_utf8_lossy(bytes),
                        String::from_utf8_lossy(&values[path])
                    );
                }
            }
        }
    }

    /// A bot's CloudFormation properties written as text, each value where it goes, are the
    /// bytes of the properties' value pretty-printed at that depth.
    #[test]
    fn cfn_properties_text_is_the_value_pretty_printed() {
        for bot in &bot_variants() {
            for level in [1, 4] {
                let fields = crate::lex::bot_cfn_properties_text(bot, level);
                let mut text = String::from("{");
                for (i, (k, v)) in fields.iter().enumerate() {
                    text.push_str(if i == 0 { "\n" } else { ",\n" });
                    text.push_str(&"  ".repeat(level));
                    text.push_str(&serde_json::to_string(k).expect("a key"));
                    text.push_str(": ");
                    text.push_str(v);
                }
                text.push('\n');
                text.push_str(&"  ".repeat(level - 1));
                text.push('}');
                let value = crate::lex::bot_to_cfn_properties(bot);
                let want = serde_json::to_string_pretty(&value)
                    .expect("serializes")
                    .replace('\n', &format!("\n{}", "  ".repeat(level - 1)));
                assert_eq!(text, want);
            }
        }
    }
}
