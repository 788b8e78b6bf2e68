//! Slots: the values an intent collects, each with a slot type and the prompt that elicits it
//! (`Intents/<intent>/Slots/<slot>/Slot.json`, or `Intents[].Slots[]` in CloudFormation).

use super::Extra;
use super::message::PromptSpecification;
use super::read::{Obj, Reader};
use super::scalar::{Scalar, Text, string_enum};
use super::utterance::SampleUtterance;
use super::write::{Out, WriteJson};

pub(crate) const NAME: (&str, &str) = ("name", "Name");
const IDENTIFIER: (&str, &str) = ("identifier", "");
const DESCRIPTION: (&str, &str) = ("description", "Description");
const SLOT_TYPE_NAME: (&str, &str) = ("slotTypeName", "SlotTypeName");
const ELICITATION: (&str, &str) = ("valueElicitationSetting", "ValueElicitationSetting");
const CONSTRAINT: (&str, &str) = ("slotConstraint", "SlotConstraint");
const PROMPT: (&str, &str) = ("promptSpecification", "PromptSpecification");
const UTTERANCES: (&str, &str) = ("sampleUtterances", "SampleUtterances");

string_enum! {
    /// Whether the intent needs the slot: `valueElicitationSetting.slotConstraint`.
    SlotConstraint {
        /// Lex elicits the slot before fulfilment.
        Required = "Required",
        /// Filled only if the caller says it.
        Optional = "Optional",
    }
}

/// How the slot's value is elicited: `valueElicitationSetting` / `ValueElicitationSetting`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueElicitationSetting {
    /// `slotConstraint` / `SlotConstraint` (required).
    pub slot_constraint: Scalar<SlotConstraint>,
    /// `promptSpecification` / `PromptSpecification`: the question (needed when required).
    pub prompt: Option<PromptSpecification>,
    /// `sampleUtterances` / `SampleUtterances`: slot-specific utterances (at most 10).
    pub sample_utterances: Option<Vec<SampleUtterance>>,
    /// Keys not modelled (`defaultValueSpecification`, `waitAndContinueSpecification`,
    /// `slotCaptureSetting`), as written.
    pub extra: Extra,
}

impl ValueElicitationSetting {
    /// A setting with a constraint and an optional prompt.
    #[must_use]
    pub fn new(constraint: SlotConstraint, prompt: Option<PromptSpecification>) -> Self {
        Self {
            slot_constraint: Scalar::Lit(constraint),
            prompt,
            sample_utterances: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let slot_constraint = o.req(r, CONSTRAINT);
        let prompt = o.opt_obj(r, PROMPT, PromptSpecification::read);
        let sample_utterances = o.opt_list(r, UTTERANCES, SampleUtterance::read);
        Some(Self {
            slot_constraint: slot_constraint?,
            prompt,
            sample_utterances,
            extra: o.finish(),
        })
    }
}

impl WriteJson for ValueElicitationSetting {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(CONSTRAINT, &self.slot_constraint);
        out.opt_obj(PROMPT, self.prompt.as_ref());
        out.opt_list(UTTERANCES, self.sample_utterances.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// One slot of an intent.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// `name` / `Name`: also the folder name and the `{name}` in utterances and prompts.
    pub name: Text,
    /// `identifier`: the 10-character ID of the exporting bot (export files only).
    pub identifier: Option<String>,
    /// `description` / `Description`.
    pub description: Option<Text>,
    /// `slotTypeName` / `SlotTypeName`: a custom slot type's name or a built-in such as
    /// `AMAZON.Number`.
    pub slot_type_name: Text,
    /// `valueElicitationSetting` / `ValueElicitationSetting` (required).
    pub value_elicitation: ValueElicitationSetting,
    /// Keys not modelled (`obfuscationSetting`, `multipleValuesSetting`, `subSlotSetting`), as
    /// written.
    pub extra: Extra,
}

impl Slot {
    /// A slot of the given type.
    #[must_use]
    pub fn new(
        name: impl Into<Text>,
        slot_type_name: impl Into<Text>,
        value_elicitation: ValueElicitationSetting,
    ) -> Self {
        Self {
            name: name.into(),
            identifier: None,
            description: None,
            slot_type_name: slot_type_name.into(),
            value_elicitation,
            extra: Extra::new(),
        }
    }

    /// Whether the slot's type is built in (`AMAZON.…`).
    #[must_use]
    pub fn has_builtin_type(&self) -> bool {
        self.slot_type_name
            .as_str()
            .is_some_and(|n| n.starts_with("AMAZON."))
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let name = o.req::<String>(r, NAME);
        let identifier = o.opt_string(r, IDENTIFIER);
        let description = o.opt::<String>(r, DESCRIPTION);
        let slot_type_name = o.req::<String>(r, SLOT_TYPE_NAME);
        let value_elicitation = o.req_obj(r, ELICITATION, ValueElicitationSetting::read);
        Some(Self {
            name: name?,
            identifier,
            description,
            slot_type_name: slot_type_name?,
            value_elicitation: value_elicitation?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for Slot {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(NAME, &self.name);
        out.opt_string(IDENTIFIER, self.identifier.as_ref());
        out.opt(DESCRIPTION, self.description.as_ref());
        out.scalar(SLOT_TYPE_NAME, &self.slot_type_name);
        out.obj(ELICITATION, &self.value_elicitation);
        out.finish(&self.extra, &[])
    }
}
