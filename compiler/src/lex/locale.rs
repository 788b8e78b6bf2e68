//! Bot locales: one language of a bot, with its voice, its confidence threshold, and its own
//! intents and slot types (`BotLocales/<localeId>/BotLocale.json`, or `BotLocales[]` in
//! CloudFormation).

use serde_json::Value;

use super::Extra;
use super::intent::{self, Intent};
use super::read::{Obj, Reader, check_unique, index_path, key_path};
use super::scalar::{Scalar, Text};
use super::slot_type::{self, SlotType};
use super::write::{Out, WriteJson};

const LOCALE_ID: (&str, &str) = ("identifier", "LocaleId");
const NAME: (&str, &str) = ("name", "");
const DESCRIPTION: (&str, &str) = ("description", "Description");
const VOICE: (&str, &str) = ("voiceSettings", "VoiceSettings");
const THRESHOLD: (&str, &str) = ("nluConfidenceThreshold", "NluConfidenceThreshold");
const INTENTS: (&str, &str) = ("", "Intents");
const SLOT_TYPES: (&str, &str) = ("", "SlotTypes");
const VOCABULARY: (&str, &str) = ("", "CustomVocabulary");
const VOICE_ID: (&str, &str) = ("voiceId", "VoiceId");
const ENGINE: (&str, &str) = ("engine", "Engine");

/// The Amazon Polly voice of a locale: `voiceSettings` / `VoiceSettings`.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceSettings {
    /// `voiceId` / `VoiceId`: `Joanna`, `Kazuha`, … (required).
    pub voice_id: Text,
    /// `engine` / `Engine`: `standard`, `neural`, `long-form` or `generative`.
    pub engine: Option<Text>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl VoiceSettings {
    /// A voice, with the default engine.
    #[must_use]
    pub fn new(voice_id: impl Into<Text>) -> Self {
        Self {
            voice_id: voice_id.into(),
            engine: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let voice_id = o.req::<String>(r, VOICE_ID);
        let engine = o.opt::<String>(r, ENGINE);
        Some(Self {
            voice_id: voice_id?,
            engine,
            extra: o.finish(),
        })
    }
}

impl WriteJson for VoiceSettings {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(VOICE_ID, &self.voice_id);
        out.opt(ENGINE, self.engine.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// One locale of a bot.
#[derive(Debug, Clone, PartialEq)]
pub struct BotLocale {
    /// `identifier` in exports, `LocaleId` in CloudFormation: `en_US`, `ja_JP`, … (also the
    /// folder name).
    pub locale_id: Text,
    /// `name`: the display name, `English (US)` (export files only).
    pub name: Option<String>,
    /// `description` / `Description`.
    pub description: Option<Text>,
    /// `voiceSettings` / `VoiceSettings`.
    pub voice_settings: Option<VoiceSettings>,
    /// `nluConfidenceThreshold` / `NluConfidenceThreshold`: 0–1, usually 0.4 (required).
    pub nlu_confidence_threshold: Scalar<f64>,
    /// The intents: one folder each in an export, `Intents` in CloudFormation.
    pub intents: Vec<Intent>,
    /// The custom slot types: one folder each in an export, `SlotTypes` in CloudFormation.
    pub slot_types: Vec<SlotType>,
    /// `CustomVocabulary/CustomVocabulary.json` of an export, or `CustomVocabulary` in
    /// CloudFormation, in the bot's key style.
    pub custom_vocabulary: Option<Value>,
    /// Keys not modelled (speech and generative-AI settings, …), as written.
    pub extra: Extra,
}

impl BotLocale {
    /// A locale with a confidence threshold and nothing else.
    #[must_use]
    pub fn new(locale_id: impl Into<Text>, nlu_confidence_threshold: f64) -> Self {
        Self {
            locale_id: locale_id.into(),
            name: None,
            description: None,
            voice_settings: None,
            nlu_confidence_threshold: Scalar::Lit(nlu_confidence_threshold),
            intents: Vec::new(),
            slot_types: Vec::new(),
            custom_vocabulary: None,
            extra: Extra::new(),
        }
    }

    /// The intent with this name.
    #[must_use]
    pub fn intent(&self, name: &str) -> Option<&Intent> {
        self.intents.iter().find(|i| i.name.as_str() == Some(name))
    }

    /// The custom slot type with this name.
    #[must_use]
    pub fn slot_type(&self, name: &str) -> Option<&SlotType> {
        self.slot_types
            .iter()
            .find(|t| t.name.as_str() == Some(name))
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let locale_id = o.req::<String>(r, LOCALE_ID);
        let name = o.opt_string(r, NAME);
        let description = o.opt::<String>(r, DESCRIPTION);
        let voice_settings = o.opt_obj(r, VOICE, VoiceSettings::read);
        let nlu_confidence_threshold = o.req::<f64>(r, THRESHOLD);
        let slot_types = o.vec(r, SLOT_TYPES, SlotType::read);
        let intents = o.vec(r, INTENTS, Intent::read);
        let custom_vocabulary = o.opt_value(r, VOCABULARY);
        let lists = [
            (
                SLOT_TYPES,
                slot_type::NAME,
                slot_types
                    .iter()
                    .map(|t| t.name.to_string())
                    .collect::<Vec<_>>(),
                "slot types",
            ),
            (
                INTENTS,
                intent::NAME,
                intents.iter().map(|i| i.name.to_string()).collect(),
                "intents",
            ),
        ];
        for (key, name_key, names, what) in lists {
            let base = key_path(o.path(), r.style.pick(key));
            let items = names
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    (
                        n,
                        r.file.clone(),
                        key_path(&index_path(&base, i), r.style.pick(name_key)),
                    )
                })
                .collect();
            check_unique(r, &format!("{what} of one locale"), items);
        }
        Some(Self {
            locale_id: locale_id?,
            name,
            description,
            voice_settings,
            nlu_confidence_threshold: nlu_confidence_threshold?,
            intents,
            slot_types,
            custom_vocabulary,
            extra: o.finish(),
        })
    }
}

impl WriteJson for BotLocale {
    /// The locale object; in CloudFormation with intents, slot types and vocabulary nested, in
    /// an export without them (they are files of their own).
    fn write_fields(&self, out: &mut Out<'_>) {
        out.opt_string(NAME, self.name.as_ref());
        out.scalar(LOCALE_ID, &self.locale_id);
        out.opt(DESCRIPTION, self.description.as_ref());
        out.opt_obj(VOICE, self.voice_settings.as_ref());
        out.scalar(THRESHOLD, &self.nlu_confidence_threshold);
        if !self.slot_types.is_empty() {
            out.list(SLOT_TYPES, &self.slot_types);
        }
        if !self.intents.is_empty() {
            out.list(INTENTS, &self.intents);
        }
        out.opt_value(VOCABULARY, self.custom_vocabulary.as_ref());
        out.finish(&self.extra, &["Intents", "SlotTypes", "CustomVocabulary"])
    }
}
