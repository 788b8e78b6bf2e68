//! Intents: what a caller wants, recognised from sample utterances, with the slots to collect
//! and the conversation around them (`Intents/<name>/Intent.json` plus one `Slot.json` per
//! slot, or `BotLocales[].Intents[]` with nested `Slots` in CloudFormation).

use serde_json::Value;

use super::Extra;
use super::dialog::{
    DialogCodeHook, FulfillmentCodeHook, InitialResponseSetting, IntentClosingSetting,
    IntentConfirmationSetting,
};
use super::read::{Obj, Reader, check_unique, index_path, key_path};
use super::scalar::{Scalar, Text};
use super::slot::Slot;
use super::utterance::SampleUtterance;
use super::write::{Out, WriteJson};

pub(crate) const NAME: (&str, &str) = ("name", "Name");
const IDENTIFIER: (&str, &str) = ("identifier", "");
const DESCRIPTION: (&str, &str) = ("description", "Description");
const PARENT: (&str, &str) = ("parentIntentSignature", "ParentIntentSignature");
const UTTERANCES: (&str, &str) = ("sampleUtterances", "SampleUtterances");
const PRIORITIES: (&str, &str) = ("slotPriorities", "SlotPriorities");
const SLOTS: (&str, &str) = ("", "Slots");
const CONFIRMATION: (&str, &str) = ("intentConfirmationSetting", "IntentConfirmationSetting");
const CLOSING: (&str, &str) = ("intentClosingSetting", "IntentClosingSetting");
const INITIAL: (&str, &str) = ("initialResponseSetting", "InitialResponseSetting");
const DIALOG_HOOK: (&str, &str) = ("dialogCodeHook", "DialogCodeHook");
const FULFILLMENT_HOOK: (&str, &str) = ("fulfillmentCodeHook", "FulfillmentCodeHook");
const PRIORITY: (&str, &str) = ("priority", "Priority");
const SLOT_NAME: (&str, &str) = ("slotName", "SlotName");

/// The built-in parent of the intent every locale needs.
pub const FALLBACK_INTENT: &str = "AMAZON.FallbackIntent";

/// The place of a slot in the elicitation order: `{"priority": 1, "slotName": "CarType"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotPriority {
    /// `priority` / `Priority`: lower goes first.
    pub priority: Scalar<u32>,
    /// `slotName` / `SlotName`.
    pub slot_name: Text,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl SlotPriority {
    /// A priority entry.
    #[must_use]
    pub fn new(priority: u32, slot_name: impl Into<Text>) -> Self {
        Self {
            priority: Scalar::Lit(priority),
            slot_name: slot_name.into(),
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let priority = o.req::<u32>(r, PRIORITY);
        let slot_name = o.req::<String>(r, SLOT_NAME);
        Some(Self {
            priority: priority?,
            slot_name: slot_name?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for SlotPriority {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(PRIORITY, &self.priority);
        out.scalar(SLOT_NAME, &self.slot_name);
        out.finish(&self.extra, &[])
    }
}

/// One intent of a locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    /// `name` / `Name`: also the folder name, and what a Connect flow's conditions compare.
    pub name: Text,
    /// `identifier`: the 10-character ID of the exporting bot (`FALLBCKINT` for the fallback
    /// intent; export files only).
    pub identifier: Option<String>,
    /// `description` / `Description`.
    pub description: Option<Text>,
    /// `parentIntentSignature`: the built-in intent this one extends, e.g.
    /// [`FALLBACK_INTENT`].
    pub parent_intent_signature: Option<Text>,
    /// `sampleUtterances` / `SampleUtterances` (`null` for the fallback intent).
    pub sample_utterances: Option<Vec<SampleUtterance>>,
    /// The slots, in the order of the export's `slotPriorities` (exports) or as listed
    /// (CloudFormation).
    pub slots: Vec<Slot>,
    /// `slotPriorities` / `SlotPriorities`: the elicitation order, as written.
    pub slot_priorities: Option<Vec<SlotPriority>>,
    /// `intentConfirmationSetting` / `IntentConfirmationSetting`.
    pub confirmation: Option<IntentConfirmationSetting>,
    /// `intentClosingSetting` / `IntentClosingSetting`.
    pub closing: Option<IntentClosingSetting>,
    /// `initialResponseSetting` / `InitialResponseSetting`.
    pub initial_response: Option<InitialResponseSetting>,
    /// `dialogCodeHook` / `DialogCodeHook`.
    pub dialog_code_hook: Option<DialogCodeHook>,
    /// `fulfillmentCodeHook` / `FulfillmentCodeHook`.
    pub fulfillment_code_hook: Option<FulfillmentCodeHook>,
    /// `ConversationFlow.json` of an export (the visual builder's layout), in the bot's key
    /// style; CloudFormation has no such thing.
    pub conversation_flow: Option<Value>,
    /// Keys not modelled (contexts, Kendra / Q in Connect / Bedrock configurations, …), as
    /// written.
    pub extra: Extra,
}

impl Intent {
    /// An intent with a name and nothing else.
    #[must_use]
    pub fn new(name: impl Into<Text>) -> Self {
        Self {
            name: name.into(),
            identifier: None,
            description: None,
            parent_intent_signature: None,
            sample_utterances: None,
            slots: Vec::new(),
            slot_priorities: None,
            confirmation: None,
            closing: None,
            initial_response: None,
            dialog_code_hook: None,
            fulfillment_code_hook: None,
            conversation_flow: None,
            extra: Extra::new(),
        }
    }

    /// Whether this is the locale's fallback intent.
    #[must_use]
    pub fn is_fallback(&self) -> bool {
        self.parent_intent_signature.as_ref().and_then(Text::as_str) == Some(FALLBACK_INTENT)
    }

    /// The slot with this name.
    #[must_use]
    pub fn slot(&self, name: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.name.as_str() == Some(name))
    }

    /// Slot names in elicitation order: by `slotPriorities` (ties keep their order), then the
    /// slots that have no priority.
    #[must_use]
    pub fn slot_order(&self) -> Vec<&Text> {
        let mut prio: Vec<(u32, &Text)> = self
            .slot_priorities
            .iter()
            .flatten()
            .map(|p| (p.priority.lit().copied().unwrap_or(u32::MAX), &p.slot_name))
            .collect();
        prio.sort_by_key(|(n, _)| *n);
        let mut out: Vec<&Text> = prio.into_iter().map(|(_, n)| n).collect();
        for s in &self.slots {
            if !out.contains(&&s.name) {
                out.push(&s.name);
            }
        }
        out
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let name = o.req::<String>(r, NAME);
        let identifier = o.opt_string(r, IDENTIFIER);
        let description = o.opt::<String>(r, DESCRIPTION);
        let parent_intent_signature = o.opt::<String>(r, PARENT);
        let sample_utterances = o.opt_list(r, UTTERANCES, SampleUtterance::read);
        let slot_priorities = o.opt_list(r, PRIORITIES, SlotPriority::read);
        let slots = o.vec(r, SLOTS, Slot::read);
        let confirmation = o.opt_obj(r, CONFIRMATION, IntentConfirmationSetting::read);
        let closing = o.opt_obj(r, CLOSING, IntentClosingSetting::read);
        let initial_response = o.opt_obj(r, INITIAL, InitialResponseSetting::read);
        let dialog_code_hook = o.opt_obj(r, DIALOG_HOOK, DialogCodeHook::read);
        let fulfillment_code_hook = o.opt_obj(r, FULFILLMENT_HOOK, FulfillmentCodeHook::read);
        let slots_path = key_path(o.path(), r.style.pick(SLOTS));
        let names = slots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.name.to_string(),
                    r.file.clone(),
                    key_path(&index_path(&slots_path, i), r.style.pick(NAME)),
                )
            })
            .collect();
        check_unique(r, "slots of one intent", names);
        Some(Self {
            name: name?,
            identifier,
            description,
            parent_intent_signature,
            sample_utterances,
            slots,
            slot_priorities,
            confirmation,
            closing,
            initial_response,
            dialog_code_hook,
            fulfillment_code_hook,
            conversation_flow: None,
            extra: o.finish(),
        })
    }
}

impl WriteJson for Intent {
    /// The intent object; in CloudFormation with its slots nested, in an export without them
    /// (they are files of their own).
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(NAME, &self.name);
        out.opt_string(IDENTIFIER, self.identifier.as_ref());
        out.opt(DESCRIPTION, self.description.as_ref());
        out.opt(PARENT, self.parent_intent_signature.as_ref());
        out.opt_list(UTTERANCES, self.sample_utterances.as_ref());
        out.opt_obj(DIALOG_HOOK, self.dialog_code_hook.as_ref());
        out.opt_obj(FULFILLMENT_HOOK, self.fulfillment_code_hook.as_ref());
        out.opt_obj(CONFIRMATION, self.confirmation.as_ref());
        out.opt_obj(CLOSING, self.closing.as_ref());
        out.opt_obj(INITIAL, self.initial_response.as_ref());
        out.opt_list(PRIORITIES, self.slot_priorities.as_ref());
        if !self.slots.is_empty() {
            out.list(SLOTS, &self.slots);
        }
        out.finish(&self.extra, &["Slots"])
    }
}
