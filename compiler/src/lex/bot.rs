//! The bot: its settings and its locales (`<BotName>/Bot.json` in an export, the `Properties`
//! of an `AWS::Lex::Bot` resource in CloudFormation), plus what an export zip holds besides.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Extra;
use super::locale::BotLocale;
use super::read::{Obj, Reader, check_unique, index_path, key_path};
use super::scalar::{Scalar, Text};
use super::style::KeyStyle;
use super::write::{Out, WriteJson};

const NAME: (&str, &str) = ("name", "Name");
const IDENTIFIER: (&str, &str) = ("identifier", "");
const VERSION: (&str, &str) = ("version", "");
const DESCRIPTION: (&str, &str) = ("description", "Description");
const ROLE_ARN: (&str, &str) = ("", "RoleArn");
const DATA_PRIVACY: (&str, &str) = ("dataPrivacy", "DataPrivacy");
const CHILD_DIRECTED: (&str, &str) = ("childDirected", "ChildDirected");
const TTL: (&str, &str) = ("idleSessionTTLInSeconds", "IdleSessionTTLInSeconds");
const LOCALES: (&str, &str) = ("", "BotLocales");
const LOCALE_ID: (&str, &str) = ("identifier", "LocaleId");

/// CloudFormation properties that have no place in an export's `Bot.json`.
const CFN_ONLY: &[&str] = &[
    "BotLocales",
    "RoleArn",
    "BotTags",
    "TestBotAliasTags",
    "TestBotAliasSettings",
    "AutoBuildBotLocales",
    "BotFileS3Location",
    "BotType",
    "BotMembers",
    "Replication",
];

/// The COPPA flag: `dataPrivacy` / `DataPrivacy`.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPrivacy {
    /// `childDirected` / `ChildDirected` (required).
    pub child_directed: Scalar<bool>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl DataPrivacy {
    /// The setting for a bot that is or is not directed at children under 13.
    #[must_use]
    pub fn new(child_directed: bool) -> Self {
        Self {
            child_directed: Scalar::Lit(child_directed),
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let child_directed = o.req::<bool>(r, CHILD_DIRECTED);
        Some(Self {
            child_directed: child_directed?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for DataPrivacy {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(CHILD_DIRECTED, &self.child_directed);
        out.finish(&self.extra, &[])
    }
}

/// How an export zip was laid out, beyond the bot itself, so that it can be written back the
/// same way. Empty for bots that did not come from a zip.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZipLayout {
    /// The folder every entry is under: `""` in real exports, `"Folder/"` when someone zipped
    /// the folder that holds the export.
    pub root: String,
    /// The bot's folder when it is not the bot's name (one real export has `DemoBot/` for the
    /// bot `JavaLambdaBot`).
    pub bot_folder: Option<String>,
    /// The manifest's file name when it is not `Manifest.json` (the docs write
    /// `manifest.json`).
    pub manifest_file: Option<String>,
    /// The manifest's content; `None` writes the standard
    /// `{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}`.
    pub manifest: Option<Value>,
    /// Files that are not part of the layout, by their full path in the zip, written back
    /// unchanged.
    pub other_files: BTreeMap<String, Vec<u8>>,
}

/// An Amazon Lex V2 bot.
#[derive(Debug, Clone, PartialEq)]
pub struct Bot {
    /// `name` / `Name` (required).
    pub name: Text,
    /// `identifier`: the bot ID of the exporting bot (export files only).
    pub identifier: Option<String>,
    /// `version`: `DRAFT` in exports (export files only).
    pub version: Option<String>,
    /// `description` / `Description`.
    pub description: Option<Text>,
    /// `RoleArn`: the IAM role Lex runs as (CloudFormation only; an import takes it as a
    /// parameter).
    pub role_arn: Option<Text>,
    /// `dataPrivacy` / `DataPrivacy` (required).
    pub data_privacy: DataPrivacy,
    /// `idleSessionTTLInSeconds` / `IdleSessionTTLInSeconds`: 60–86400 (required).
    pub idle_session_ttl_in_seconds: Scalar<u32>,
    /// The locales: one folder each in an export, `BotLocales` in CloudFormation.
    pub locales: Vec<BotLocale>,
    /// Keys not modelled (`errorLogSettings`; in CloudFormation `BotTags`,
    /// `AutoBuildBotLocales`, `TestBotAliasSettings`, …), as written.
    pub extra: Extra,
    /// The spelling of every `extra` map, `conversation_flow` and `custom_vocabulary` in this
    /// bot: the format it was imported from ([`KeyStyle::Export`] for new bots).
    pub key_style: KeyStyle,
    /// The layout of the zip it was imported from.
    pub zip: ZipLayout,
}

impl Bot {
    /// A bot with the required settings and no locales.
    #[must_use]
    pub fn new(
        name: impl Into<Text>,
        child_directed: bool,
        idle_session_ttl_in_seconds: u32,
    ) -> Self {
        Self {
            name: name.into(),
            identifier: None,
            version: None,
            description: None,
            role_arn: None,
            data_privacy: DataPrivacy::new(child_directed),
            idle_session_ttl_in_seconds: Scalar::Lit(idle_session_ttl_in_seconds),
            locales: Vec::new(),
            extra: Extra::new(),
            key_style: KeyStyle::Export,
            zip: ZipLayout::default(),
        }
    }

    /// The locale with this id (`en_US`).
    #[must_use]
    pub fn locale(&self, locale_id: &str) -> Option<&BotLocale> {
        self.locales
            .iter()
            .find(|l| l.locale_id.as_str() == Some(locale_id))
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let name = o.req::<String>(r, NAME);
        let identifier = o.opt_string(r, IDENTIFIER);
        let version = o.opt_string(r, VERSION);
        let description = o.opt::<String>(r, DESCRIPTION);
        let role_arn = o.opt::<String>(r, ROLE_ARN);
        let data_privacy = o.req_obj(r, DATA_PRIVACY, DataPrivacy::read);
        let idle_session_ttl_in_seconds = o.req::<u32>(r, TTL);
        let locales = o.vec(r, LOCALES, BotLocale::read);
        let base = key_path(o.path(), r.style.pick(LOCALES));
        let ids = locales
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    l.locale_id.to_string(),
                    r.file.clone(),
                    key_path(&index_path(&base, i), r.style.pick(LOCALE_ID)),
                )
            })
            .collect();
        check_unique(r, "locales of one bot", ids);
        Some(Self {
            name: name?,
            identifier,
            version,
            description,
            role_arn,
            data_privacy: data_privacy?,
            idle_session_ttl_in_seconds: idle_session_ttl_in_seconds?,
            locales,
            extra: o.finish(),
            key_style: r.style,
            zip: ZipLayout::default(),
        })
    }
}

impl WriteJson for Bot {
    /// `Bot.json` (without locales) for an export; the resource's `Properties` (everything
    /// nested) for CloudFormation.
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(NAME, &self.name);
        out.opt_string(IDENTIFIER, self.identifier.as_ref());
        out.opt_string(VERSION, self.version.as_ref());
        out.opt(DESCRIPTION, self.description.as_ref());
        out.opt(ROLE_ARN, self.role_arn.as_ref());
        out.obj(DATA_PRIVACY, &self.data_privacy);
        out.scalar(TTL, &self.idle_session_ttl_in_seconds);
        if !self.locales.is_empty() {
            out.list(LOCALES, &self.locales);
        }
        out.finish(&self.extra, CFN_ONLY)
    }
}
