//! The two spellings of a bot: export files (`camelCase`, `messageGroupsList`, `buttonsList`,
//! maps for session attributes) and CloudFormation (`PascalCase`, `Buttons`, lists of
//! `{Key, Value}`), and the translation of unmodelled values between them.
//!
//! Every `extra` map of a [`super::Bot`] uses the spelling named by [`super::Bot::key_style`]
//! (the format it was imported from). Emitting in the same format writes them back unchanged;
//! emitting in the other format translates them with [`convert_value`], which knows the
//! differences listed in the reference (§A.11) and is otherwise a change of the first letter's
//! case. Intrinsic functions are copied unchanged.

use serde_json::{Map, Value};

use super::scalar::is_intrinsic;

/// Which format's key names a value uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyStyle {
    /// Export zip files: `name`, `messageGroupsList`, `isActive`, `buttonsList`.
    #[default]
    Export,
    /// CloudFormation `AWS::Lex::Bot` properties: `Name`, `MessageGroupsList`, `IsActive`,
    /// `Buttons`.
    CloudFormation,
}

/// A property's key in both formats; `""` when the format has no such key.
pub(crate) type Key = (&'static str, &'static str);

impl KeyStyle {
    /// The key of `key` in this format (`""` when the format has none).
    pub(crate) fn pick(self, key: Key) -> &'static str {
        match self {
            KeyStyle::Export => key.0,
            KeyStyle::CloudFormation => key.1,
        }
    }
}

/// Keys whose spelling differs by more than the case of the first letter: (export, CFN).
const SPECIAL_KEYS: &[(&str, &str)] = &[
    ("dtmfSpecification", "DTMFSpecification"),
    ("ssmlMessage", "SSMLMessage"),
    ("buttonsList", "Buttons"),
];

/// Objects whose keys are data (retry names, slot names), not property names.
const VERBATIM_KEY_MAPS: &[&str] = &[
    "promptAttemptsSpecification",
    "PromptAttemptsSpecification",
    "slotSpecifications",
    "SlotSpecifications",
];

/// The key `k` (spelled in `from`) spelled in `to`.
#[must_use]
pub fn convert_key(k: &str, from: KeyStyle, to: KeyStyle) -> String {
    match (from, to) {
        (KeyStyle::Export, KeyStyle::CloudFormation) => {
            if let Some((_, cfn)) = SPECIAL_KEYS.iter().find(|(e, _)| *e == k) {
                return (*cfn).to_owned();
            }
            change_first(k, char::to_ascii_uppercase)
        }
        (KeyStyle::CloudFormation, KeyStyle::Export) => {
            if let Some((e, _)) = SPECIAL_KEYS.iter().find(|(_, c)| *c == k) {
                return (*e).to_owned();
            }
            change_first(k, char::to_ascii_lowercase)
        }
        _ => k.to_owned(),
    }
}

fn change_first(k: &str, f: fn(&char) -> char) -> String {
    let mut chars = k.chars();
    match chars.next() {
        Some(c) => std::iter::once(f(&c)).chain(chars).collect(),
        None => String::new(),
    }
}

/// `v` (spelled in `from`) spelled in `to`. `None` when the value has no place in `to`: export
/// files write `null` for unset keys, CloudFormation leaves them out.
#[must_use]
pub fn convert_value(v: &Value, from: KeyStyle, to: KeyStyle) -> Option<Value> {
    if from == to || is_intrinsic(v) {
        return Some(v.clone());
    }
    match v {
        Value::Null if to == KeyStyle::CloudFormation => None,
        Value::Array(items) => Some(Value::Array(
            items
                .iter()
                .map(|i| convert_value(i, from, to).unwrap_or(Value::Null))
                .collect(),
        )),
        Value::Object(m) => Some(Value::Object(convert_object(m, from, to))),
        other => Some(other.clone()),
    }
}

/// Converts every entry of an object, applying the structural differences of dialog states.
#[must_use]
pub fn convert_object(m: &Map<String, Value>, from: KeyStyle, to: KeyStyle) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in m {
        if let Some((nk, nv)) = convert_entry(k, v, from, to) {
            out.insert(nk, nv);
        }
    }
    out
}

fn convert_entry(k: &str, v: &Value, from: KeyStyle, to: KeyStyle) -> Option<(String, Value)> {
    let nk = convert_key(k, from, to);
    if is_intrinsic(v) {
        return Some((nk, v.clone()));
    }
    if VERBATIM_KEY_MAPS.contains(&k)
        && let Value::Object(m) = v
    {
        let inner = m
            .iter()
            .filter_map(|(ik, iv)| convert_value(iv, from, to).map(|x| (ik.clone(), x)))
            .collect();
        return Some((nk, Value::Object(inner)));
    }
    match (from, k, v) {
        // Dialog state: `sessionAttributes: {k: v}` <-> `SessionAttributes: [{Key, Value}]`.
        (KeyStyle::Export, "sessionAttributes", Value::Object(m)) => {
            let list = m
                .iter()
                .map(|(ak, av)| {
                    let mut e = Map::new();
                    e.insert("Key".into(), Value::String(ak.clone()));
                    if !av.is_null() {
                        e.insert("Value".into(), av.clone());
                    }
                    Value::Object(e)
                })
                .collect();
            Some((nk, Value::Array(list)))
        }
        (KeyStyle::CloudFormation, "SessionAttributes", Value::Array(items)) => {
            match pairs(items, "Key", "Value") {
                Some(m) => Some((nk, Value::Object(m))),
                None => convert_value(v, from, to).map(|x| (nk, x)),
            }
        }
        // Dialog state intent: `slots: {name: override}` <-> `Slots: [{SlotName, SlotValueOverride}]`.
        (KeyStyle::Export, "slots", Value::Object(m)) => {
            let list = m
                .iter()
                .map(|(sk, sv)| {
                    let mut e = Map::new();
                    e.insert("SlotName".into(), Value::String(sk.clone()));
                    if let Some(o) = convert_value(sv, from, to) {
                        e.insert("SlotValueOverride".into(), o);
                    }
                    Value::Object(e)
                })
                .collect();
            Some((nk, Value::Array(list)))
        }
        (KeyStyle::CloudFormation, "Slots", Value::Array(items)) => {
            match pairs(items, "SlotName", "SlotValueOverride") {
                Some(m) => {
                    let m = m
                        .into_iter()
                        .map(|(sk, sv)| (sk, convert_value(&sv, from, to).unwrap_or(Value::Null)))
                        .collect();
                    Some((nk, Value::Object(m)))
                }
                None => convert_value(v, from, to).map(|x| (nk, x)),
            }
        }
        _ => convert_value(v, from, to).map(|x| (nk, x)),
    }
}

/// A list of `{key: string, value: any}` objects as a map, if it is exactly that (no other
/// keys, no repeated names).
fn pairs(items: &[Value], key: &str, value: &str) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    for item in items {
        let o = item.as_object()?;
        if o.keys().any(|k| k != key && k != value) {
            return None;
        }
        let name = o.get(key)?.as_str()?;
        if out
            .insert(
                name.to_owned(),
                o.get(value).cloned().unwrap_or(Value::Null),
            )
            .is_some()
        {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_translate_both_ways() {
        for (e, c) in [
            ("messageGroupsList", "MessageGroupsList"),
            ("isActive", "IsActive"),
            ("buttonsList", "Buttons"),
            ("ssmlMessage", "SSMLMessage"),
            ("dtmfSpecification", "DTMFSpecification"),
            ("idleSessionTTLInSeconds", "IdleSessionTTLInSeconds"),
        ] {
            assert_eq!(
                convert_key(e, KeyStyle::Export, KeyStyle::CloudFormation),
                c
            );
            assert_eq!(
                convert_key(c, KeyStyle::CloudFormation, KeyStyle::Export),
                e
            );
        }
    }

    #[test]
    fn dialog_states_change_shape_and_nulls_disappear() {
        let zip = json!({
            "dialogAction": {"type": "StartIntent", "slotToElicit": null},
            "intent": {"name": "Order", "slots": {"size": {"shape": "Scalar", "value": {"interpretedValue": "L"}}}},
            "sessionAttributes": {"a": "1"},
            "promptAttemptsSpecification": {"Initial": {"allowInterrupt": true}}
        });
        let cfn = convert_value(&zip, KeyStyle::Export, KeyStyle::CloudFormation).unwrap();
        assert_eq!(
            cfn,
            json!({
                "DialogAction": {"Type": "StartIntent"},
                "Intent": {"Name": "Order", "Slots": [{"SlotName": "size", "SlotValueOverride": {"Shape": "Scalar", "Value": {"InterpretedValue": "L"}}}]},
                "SessionAttributes": [{"Key": "a", "Value": "1"}],
                "PromptAttemptsSpecification": {"Initial": {"AllowInterrupt": true}}
            })
        );
        let back = convert_value(&cfn, KeyStyle::CloudFormation, KeyStyle::Export).unwrap();
        let mut expected = zip;
        expected["dialogAction"]
            .as_object_mut()
            .unwrap()
            .remove("slotToElicit");
        assert_eq!(back, expected);
    }

    #[test]
    fn intrinsics_are_copied() {
        let v = json!({"VoiceId": {"Ref": "Voice"}});
        assert_eq!(
            convert_value(&v, KeyStyle::CloudFormation, KeyStyle::Export).unwrap(),
            json!({"voiceId": {"Ref": "Voice"}})
        );
    }
}
