//! The files of an export written as the Lex console writes them: JSON with a four-space
//! indent, and every known key the bot leaves unset present as `null` (`slotPriorities` as
//! `[]`), as in all real exports. The same writer, without the nulls and with a two-space
//! indent ([`Depth::template`]), writes a bot into a CloudFormation template.
//!
//! The keys a file lacks are appended as it is written, rather than inserted into its value
//! first: the bytes are those of `serde_json`'s pretty printer on the value with the keys
//! inserted (the tests hold them equal), without growing thousands of small maps.
//!
//! Where the nulls go:
//!
//! * at the top of `Bot.json`, `BotLocale.json`, `Intent.json`, `Slot.json` and
//!   `SlotType.json` ([`file_defaults`]);
//! * inside such a file, in the objects under `message`, `valueElicitationSetting` and
//!   `valueSelectionSetting`, in the items of `messageGroupsList` (`variations`) and of
//!   `slotTypeValues` (`synonyms`), at any depth reached through objects and lists of objects
//!   (not through a list inside a list).

use serde_json::Value;

/// One key written as `null` when missing, or with another value.
pub(crate) type KeyDefault = (&'static str, Value);

/// How deep a value is written: the indentation of its lines, and how much each level
/// nested inside it adds (four spaces in export files, two in a template).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Depth {
    spaces: usize,
    step: usize,
}

impl Depth {
    /// The top of an export file.
    pub(crate) const EXPORT: Self = Self { spaces: 0, step: 4 };

    /// `level` deep in a template (as `serde_json::to_string_pretty` indents).
    pub(crate) const fn template(level: usize) -> Self {
        Self {
            spaces: 2 * level,
            step: 2,
        }
    }

    /// One level deeper.
    pub(crate) const fn next(self) -> Self {
        Self {
            spaces: self.spaces + self.step,
            step: self.step,
        }
    }
}

static BOT: [KeyDefault; 1] = [("description", Value::Null)];

static LOCALE: [KeyDefault; 3] = [
    ("version", Value::Null),
    ("description", Value::Null),
    ("voiceSettings", Value::Null),
];

static INTENT: [KeyDefault; 12] = [
    ("description", Value::Null),
    ("parentIntentSignature", Value::Null),
    ("sampleUtterances", Value::Null),
    ("intentConfirmationSetting", Value::Null),
    ("intentClosingSetting", Value::Null),
    ("initialResponseSetting", Value::Null),
    ("inputContexts", Value::Null),
    ("outputContexts", Value::Null),
    ("kendraConfiguration", Value::Null),
    ("dialogCodeHook", Value::Null),
    ("fulfillmentCodeHook", Value::Null),
    ("slotPriorities", Value::Array(Vec::new())),
];

static SLOT: [KeyDefault; 3] = [
    ("description", Value::Null),
    ("obfuscationSetting", Value::Null),
    ("multipleValuesSetting", Value::Null),
];

static SLOT_TYPE: [KeyDefault; 2] = [
    ("description", Value::Null),
    ("parentSlotTypeSignature", Value::Null),
];

static MESSAGE: [KeyDefault; 4] = [
    ("ssmlMessage", Value::Null),
    ("plainTextMessage", Value::Null),
    ("customPayload", Value::Null),
    ("imageResponseCard", Value::Null),
];

static VALUE_ELICITATION: [KeyDefault; 3] = [
    ("defaultValueSpecification", Value::Null),
    ("waitAndContinueSpecification", Value::Null),
    ("sampleUtterances", Value::Null),
];

static VALUE_SELECTION: [KeyDefault; 2] = [
    ("regexFilter", Value::Null),
    ("advancedRecognitionSetting", Value::Null),
];

static MESSAGE_GROUP: [KeyDefault; 1] = [("variations", Value::Null)];

static SLOT_TYPE_VALUE: [KeyDefault; 1] = [("synonyms", Value::Null)];

/// The keys at the top of an export file named `name` (`Intent.json`, …); `None` for files
/// that are written as they are (the manifest, conversation flows, custom vocabularies).
pub(crate) fn file_defaults(name: &str) -> Option<&'static [KeyDefault]> {
    Some(match name {
        "Bot.json" => &BOT,
        "BotLocale.json" => &LOCALE,
        "Intent.json" => &INTENT,
        "Slot.json" => &SLOT,
        "SlotType.json" => &SLOT_TYPE,
        _ => return None,
    })
}

/// The keys of an object that is the value of `key`.
pub(crate) fn object_defaults(key: &str) -> &'static [KeyDefault] {
    match key {
        "message" => &MESSAGE,
        "valueElicitationSetting" => &VALUE_ELICITATION,
        "valueSelectionSetting" => &VALUE_SELECTION,
        _ => &[],
    }
}

/// The keys of each object in the list that is the value of `key`.
pub(crate) fn item_defaults(key: &str) -> &'static [KeyDefault] {
    match key {
        "messageGroupsList" => &MESSAGE_GROUP,
        "slotTypeValues" => &SLOT_TYPE_VALUE,
        _ => &[],
    }
}

/// A file's JSON: `defaults` (see [`file_defaults`]) and the nested nulls when given, else
/// plainly.
pub(crate) fn file_bytes(v: &Value, defaults: Option<&[KeyDefault]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    match (v, defaults) {
        (Value::Object(_), Some(d)) => write(&mut out, v, Depth::EXPORT, d, true),
        _ => write(&mut out, v, Depth::EXPORT, &[], false),
    }
    out
}

/// Writes `v` at `depth`. When `v` is an object, the `defaults` it lacks follow its own keys;
/// with `fill`, its children get theirs.
fn write(out: &mut Vec<u8>, v: &Value, depth: Depth, defaults: &[KeyDefault], fill: bool) {
    match v {
        Value::Object(m) => {
            let mut first = true;
            out.push(b'{');
            for (k, v) in m {
                entry(out, depth.next(), &mut first, k);
                child(out, k, v, depth.next(), fill);
            }
            for (k, d) in defaults {
                if !m.contains_key(*k) {
                    entry(out, depth.next(), &mut first, k);
                    write(out, d, depth.next(), &[], false);
                }
            }
            close(out, depth, first, b'}');
        }
        Value::Array(items) => {
            let mut first = true;
            out.push(b'[');
            for item in items {
                element(out, depth.next(), &mut first);
                write(out, item, depth.next(), &[], false);
            }
            close(out, depth, first, b']');
        }
        scalar => scalar_json(out, scalar),
    }
}

/// The value `v` of `key` at `depth`; with `fill`, with the nulls it gets there.
pub(crate) fn child(out: &mut Vec<u8>, key: &str, v: &Value, depth: Depth, fill: bool) {
    match v {
        Value::Object(_) if fill => write(out, v, depth, object_defaults(key), true),
        Value::Array(items) if fill => list(out, items, depth, item_defaults(key)),
        _ => write(out, v, depth, &[], false),
    }
}

/// A list whose object items get `defaults` and their nested nulls (other items are written
/// as they are).
fn list(out: &mut Vec<u8>, items: &[Value], depth: Depth, defaults: &[KeyDefault]) {
    let mut first = true;
    out.push(b'[');
    for item in items {
        element(out, depth.next(), &mut first);
        if item.is_object() {
            write(out, item, depth.next(), defaults, true);
        } else {
            write(out, item, depth.next(), &[], false);
        }
    }
    close(out, depth, first, b']');
}

/// The separator and indent before an element at `depth`.
pub(crate) fn element(out: &mut Vec<u8>, depth: Depth, first: &mut bool) {
    if !*first {
        out.push(b',');
    }
    *first = false;
    out.push(b'\n');
    indent(out, depth);
}

/// The separator, indent and key before a value at `depth`.
pub(crate) fn entry(out: &mut Vec<u8>, depth: Depth, first: &mut bool, key: &str) {
    element(out, depth, first);
    string(out, key);
    out.extend_from_slice(b": ");
}

/// The closing bracket of a list or object (`[]` and `{}` when empty).
pub(crate) fn close(out: &mut Vec<u8>, depth: Depth, empty: bool, bracket: u8) {
    if !empty {
        out.push(b'\n');
        indent(out, depth);
    }
    out.push(bracket);
}

fn indent(out: &mut Vec<u8>, depth: Depth) {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut n = depth.spaces;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.extend_from_slice(&SPACES[..k]);
        n -= k;
    }
}

fn string(out: &mut Vec<u8>, s: &str) {
    // Writing into memory cannot fail; serde_json escapes exactly as its pretty printer does.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn scalar_json(out: &mut Vec<u8>, v: &Value) {
    let _ = serde_json::to_writer(&mut *out, v);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::lex::zip_tree::pretty;

    /// What the printer must equal: the defaults inserted into the value, then pretty-printed.
    fn inserted(v: &Value, defaults: &[KeyDefault]) -> Vec<u8> {
        fn fill(m: &mut serde_json::Map<String, Value>) {
            let keys: Vec<String> = m.keys().cloned().collect();
            for k in keys {
                match m.get_mut(&k) {
                    Some(Value::Object(inner)) => {
                        for (d, dv) in object_defaults(&k) {
                            if !inner.contains_key(*d) {
                                inner.insert((*d).to_owned(), dv.clone());
                            }
                        }
                        fill(inner);
                    }
                    Some(Value::Array(items)) => {
                        for item in items {
                            if let Value::Object(inner) = item {
                                for (d, dv) in item_defaults(&k) {
                                    if !inner.contains_key(*d) {
                                        inner.insert((*d).to_owned(), dv.clone());
                                    }
                                }
                                fill(inner);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut v = v.clone();
        if let Value::Object(m) = &mut v {
            for (d, dv) in defaults {
                if !m.contains_key(*d) {
                    m.insert((*d).to_owned(), dv.clone());
                }
            }
            fill(m);
        }
        pretty(&v)
    }

    #[test]
    fn plain_values_print_as_serde_json_prints_them() {
        for v in [
            json!(null),
            json!([]),
            json!({}),
            json!({"a": [], "b": {}, "c": [[], [1, 2.5, -3]], "d": {"e": {"f": "x"}}}),
            json!([
                "\"quoted\"\n\ttab",
                "日本語",
                "\u{1}",
                1e300,
                true,
                false,
                null
            ]),
        ] {
            assert_eq!(file_bytes(&v, None), pretty(&v), "{v}");
        }
    }

    #[test]
    fn defaults_print_as_if_inserted_into_the_value() {
        let intent = json!({
            "name": "Order",
            "description": "kept",
            "intentConfirmationSetting": {
                "promptSpecification": {
                    "messageGroupsList": [
                        {"message": {"plainTextMessage": {"value": "Sure?"}}},
                        {"message": {}, "variations": [{"plainTextMessage": {"value": "v"}}]},
                        [{"message": {}}],
                        "text"
                    ]
                }
            },
            "extra": [{"valueSelectionSetting": {"resolutionStrategy": "X"}}],
            "nested": [[{"message": {}}]]
        });
        let slot_type = json!({
            "name": "Size",
            "slotTypeValues": [{"sampleValue": {"value": "S"}}, {"synonyms": []}],
            "valueSelectionSetting": {"regexFilter": {"pattern": "a"}}
        });
        let slot = json!({
            "name": "Size",
            "valueElicitationSetting": {"slotConstraint": "Required"}
        });
        for (name, v) in [
            ("Intent.json", &intent),
            ("SlotType.json", &slot_type),
            ("Slot.json", &slot),
            ("Bot.json", &json!({})),
            ("BotLocale.json", &json!({"version": "DRAFT"})),
        ] {
            let d = file_defaults(name).expect("a file with defaults");
            let got = file_bytes(v, Some(d));
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&inserted(v, d)),
                "{name}"
            );
        }
        // Something actually was added.
        let text =
            String::from_utf8(file_bytes(&intent, file_defaults("Intent.json"))).expect("UTF-8");
        assert!(text.contains("\"slotPriorities\": []"), "{text}");
        assert!(text.contains("\"ssmlMessage\": null"), "{text}");
        assert_eq!(text.matches("\"variations\": null").count(), 1, "{text}");
    }

    #[test]
    fn files_without_defaults_and_non_objects_are_written_plainly() {
        assert_eq!(file_defaults("Manifest.json"), None);
        let list = json!([{"message": {}}]);
        assert_eq!(
            file_bytes(&list, file_defaults("Intent.json")),
            pretty(&list)
        );
    }
}
