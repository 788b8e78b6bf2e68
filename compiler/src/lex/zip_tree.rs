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
use super::intent::Intent;
use super::locale::BotLocale;
use super::read::{Issue, Obj, Reader, check_unique};
use super::scalar::Text;
use super::slot::Slot;
use super::slot_type::SlotType;
use super::style::{KeyStyle, convert_value};
use super::write::{WriteJson, Writer};
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
    zip_tree_files(bot)
        .into_iter()
        .map(|(path, file)| (path, file.into_bytes()))
        .collect()
}

/// A file of an export being written: JSON, pretty-printed when it is written out, or bytes
/// kept as they were imported.
pub(crate) enum TreeFile {
    Json(Value),
    Bytes(Vec<u8>),
}

impl TreeFile {
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        match self {
            Self::Json(v) => pretty(&v),
            Self::Bytes(b) => b,
        }
    }
}

/// The files of [`emit_zip_tree`] before the JSON ones are written out, so that the tree the
/// console writes ([`super::emit_bot_tree`]) can complete them without parsing them again.
pub(crate) fn zip_tree_files(bot: &Bot) -> BTreeMap<String, TreeFile> {
    let w = Writer {
        to: KeyStyle::Export,
        from: bot.key_style,
    };
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
        TreeFile::Json(manifest),
    );
    let folder = bot
        .zip
        .bot_folder
        .clone()
        .unwrap_or_else(|| segment(&bot.name));
    let bot_dir = format!("{root}{folder}/");
    out.insert(
        format!("{bot_dir}Bot.json"),
        TreeFile::Json(bot.write_json(w)),
    );
    for l in &bot.locales {
        let dir = format!("{bot_dir}BotLocales/{}/", segment(&l.locale_id));
        out.insert(
            format!("{dir}BotLocale.json"),
            TreeFile::Json(l.write_json(w)),
        );
        if let Some(v) = &l.custom_vocabulary {
            let v = convert_value(v, w.from, w.to).unwrap_or(Value::Null);
            out.insert(
                format!("{dir}CustomVocabulary/CustomVocabulary.json"),
                TreeFile::Json(v),
            );
        }
        for t in &l.slot_types {
            out.insert(
                format!("{dir}SlotTypes/{}/SlotType.json", segment(&t.name)),
                TreeFile::Json(t.write_json(w)),
            );
        }
        for i in &l.intents {
            let idir = format!("{dir}Intents/{}/", segment(&i.name));
            out.insert(
                format!("{idir}Intent.json"),
                TreeFile::Json(i.write_json(w)),
            );
            if let Some(v) = &i.conversation_flow {
                let v = convert_value(v, w.from, w.to).unwrap_or(Value::Null);
                out.insert(format!("{idir}ConversationFlow.json"), TreeFile::Json(v));
            }
            for s in &i.slots {
                out.insert(
                    format!("{idir}Slots/{}/Slot.json", segment(&s.name)),
                    TreeFile::Json(s.write_json(w)),
                );
            }
        }
    }
    for (p, bytes) in &bot.zip.other_files {
        out.entry(p.clone())
            .or_insert_with(|| TreeFile::Bytes(bytes.clone()));
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
