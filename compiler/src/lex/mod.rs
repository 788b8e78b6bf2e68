//! Amazon Lex V2 bots: a typed model, import from the export formats and emit.
//!
//! Two formats describe the same bot (see `shared/reference/lex-v2-bot-format.md`):
//!
//! * the export zip ("LexJson"): `Manifest.json`, `<Bot>/Bot.json`,
//!   `BotLocales/<locale>/BotLocale.json`, `Intents/<name>/Intent.json`,
//!   `Intents/<name>/Slots/<slot>/Slot.json`, `SlotTypes/<name>/SlotType.json`, in
//!   `camelCase`;
//! * CloudFormation: the `Properties` of an `AWS::Lex::Bot` resource, everything nested, in
//!   `PascalCase`, with intrinsic functions (`!Ref`, `!Sub`, …) anywhere.
//!
//! ```text
//! zip bytes --read_zip--> BTreeMap<path, bytes> --import_zip_tree--> Bot --emit_zip_tree--> BTreeMap --write_zip--> bytes
//! template text --import_cfn_template--> Vec<CfnBot> ; Bot --bot_to_cfn_properties--> serde_json::Value
//! Bot --bot_cfn_properties_text--> the same properties as template text (crate::cfn)
//! ```
//!
//! The model types ([`Bot`], [`BotLocale`], [`Intent`], [`Slot`], [`SlotType`], messages)
//! have typed fields for what Dialect needs and an `extra` map for everything else, so an
//! imported bot written back in its own format gives the same JSON values. Single values are
//! [`Scalar`]s: a literal, or an intrinsic function kept as written.
//!
//! From `.dial` ([`lower`], [`checks`], [`decompile`]):
//!
//! ```text
//! resolve::Model --lower_bots--> Vec<LoweredBot> + L1xx diagnostics ; Bot --emit_bot_tree/emit_bot_zip--> export
//! Bot --decompile_bot--> .dial text
//! ```
//!
//! Importers never panic and return `(Option<_>, Vec<Diagnostic>)`: the bot is `Some` exactly
//! when no diagnostic is an error (warnings are allowed). Codes are in [`codes`] (`I100`–`I199`).
//! Nothing here reads files; the caller passes bytes and text.

pub mod checks;
pub mod codes;
pub mod decompile;
pub mod lower;
pub mod spans;

mod bot;
mod cfn;
mod console_json;
mod dialog;
mod intent;
mod locale;
mod message;
mod read;
mod scalar;
mod slot;
mod slot_type;
mod style;
mod utterance;
mod write;
mod yaml;
mod zip_file;
mod zip_tree;

/// The unmodelled keys of an object, in their original order and spelling.
pub type Extra = indexmap::IndexMap<String, serde_json::Value>;

pub use bot::{Bot, DataPrivacy, ZipLayout};
pub(crate) use cfn::bot_cfn_properties_text;
pub use cfn::{
    CfnBot, bot_to_cfn_properties, cfn_bot_resource, import_cfn_template, parse_cfn_template,
};
pub use decompile::{Decompiled, decompile_bot};
pub use dialog::{
    DialogCodeHook, FulfillmentCodeHook, InitialResponseSetting, IntentClosingSetting,
    IntentConfirmationSetting,
};
pub use intent::{FALLBACK_INTENT, Intent, SlotPriority};
pub use locale::{BotLocale, VoiceSettings};
pub use lower::{BotOptions, LoweredBot, emit_bot_tree, emit_bot_zip, lower_bot, lower_bots};
pub use message::{
    Button, ImageResponseCard, Message, MessageGroup, MessageSelectionStrategy,
    PromptSpecification, ResponseSpecification, TextValue,
};
pub use scalar::{Scalar, ScalarKind, Text, display_raw, is_intrinsic};
pub use slot::{Slot, SlotConstraint, ValueElicitationSetting};
pub use slot_type::{ResolutionStrategy, SlotType, SlotTypeValue, ValueSelectionSetting};
pub use spans::BotSpans;
pub use style::{KeyStyle, convert_key, convert_value};
pub use utterance::SampleUtterance;
pub use zip_file::{emit_zip, import_zip, read_zip, write_zip};
pub use zip_tree::{DEFAULT_MANIFEST, emit_zip_tree, import_zip_tree};
