//! Custom slot types: the values a slot may take, their synonyms, and how Lex resolves what
//! the caller said (`SlotTypes/<name>/SlotType.json`, or `BotLocales[].SlotTypes[]` in
//! CloudFormation). Built-in types (`AMAZON.Number`, …) have no definition.

use super::Extra;
use super::message::TextValue;
use super::read::{Obj, Reader};
use super::scalar::{Scalar, Text, string_enum};
use super::write::{Out, WriteJson};

pub(crate) const NAME: (&str, &str) = ("name", "Name");
const IDENTIFIER: (&str, &str) = ("identifier", "");
const DESCRIPTION: (&str, &str) = ("description", "Description");
const PARENT: (&str, &str) = ("parentSlotTypeSignature", "ParentSlotTypeSignature");
const VALUES: (&str, &str) = ("slotTypeValues", "SlotTypeValues");
const SELECTION: (&str, &str) = ("valueSelectionSetting", "ValueSelectionSetting");
const STRATEGY: (&str, &str) = ("resolutionStrategy", "ResolutionStrategy");

string_enum! {
    /// What a slot of this type resolves to: `valueSelectionSetting.resolutionStrategy` (the
    /// API spells these `OriginalValue`, `TopResolution`, `Concatenation`; files do not).
    ResolutionStrategy {
        /// "Expand values": what the caller said, if it is similar to a value.
        OriginalValue = "ORIGINAL_VALUE",
        /// "Restrict to values and synonyms": the canonical value.
        TopResolution = "TOP_RESOLUTION",
        /// Multi-valued: the values concatenated.
        Concatenation = "CONCATENATION",
    }
}

/// One value of a slot type and its synonyms.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotTypeValue {
    /// `sampleValue` / `SampleValue`: `{"value": "thin crust"}` (1–140 characters).
    pub sample_value: TextValue,
    /// `synonyms` / `Synonyms`: more ways to say it.
    pub synonyms: Option<Vec<TextValue>>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl SlotTypeValue {
    /// A value with synonyms.
    #[must_use]
    pub fn new(value: impl Into<Text>, synonyms: impl IntoIterator<Item = String>) -> Self {
        let synonyms: Vec<TextValue> = synonyms.into_iter().map(TextValue::new).collect();
        Self {
            sample_value: TextValue::new(value),
            synonyms: if synonyms.is_empty() {
                None
            } else {
                Some(synonyms)
            },
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let sample_value = o.req_obj(r, ("sampleValue", "SampleValue"), TextValue::read);
        let synonyms = o.opt_list(r, ("synonyms", "Synonyms"), TextValue::read);
        Some(Self {
            sample_value: sample_value?,
            synonyms,
            extra: o.finish(),
        })
    }
}

impl WriteJson for SlotTypeValue {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.obj(("sampleValue", "SampleValue"), &self.sample_value);
        out.opt_list(("synonyms", "Synonyms"), self.synonyms.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// How values are selected: `valueSelectionSetting` / `ValueSelectionSetting`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueSelectionSetting {
    /// `resolutionStrategy` / `ResolutionStrategy` (required).
    pub resolution_strategy: Scalar<ResolutionStrategy>,
    /// Keys not modelled (`regexFilter`, `advancedRecognitionSetting`), as written.
    pub extra: Extra,
}

impl ValueSelectionSetting {
    /// A setting with only a resolution strategy.
    #[must_use]
    pub fn new(strategy: ResolutionStrategy) -> Self {
        Self {
            resolution_strategy: Scalar::Lit(strategy),
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let resolution_strategy = o.req(r, STRATEGY);
        Some(Self {
            resolution_strategy: resolution_strategy?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for ValueSelectionSetting {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(STRATEGY, &self.resolution_strategy);
        out.finish(&self.extra, &[])
    }
}

/// A custom slot type of one locale.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotType {
    /// `name` / `Name`: also the folder name in an export.
    pub name: Text,
    /// `identifier`: the 10-character ID of the exporting bot (export files only).
    pub identifier: Option<String>,
    /// `description` / `Description`.
    pub description: Option<Text>,
    /// `parentSlotTypeSignature`: `AMAZON.AlphaNumeric` for pattern types.
    pub parent_slot_type_signature: Option<Text>,
    /// `slotTypeValues` / `SlotTypeValues`.
    pub values: Option<Vec<SlotTypeValue>>,
    /// `valueSelectionSetting` / `ValueSelectionSetting` (always present in exports).
    pub value_selection: Option<ValueSelectionSetting>,
    /// Keys not modelled (`externalSourceSetting`, `compositeSlotTypeSetting`, …), as written.
    pub extra: Extra,
}

impl SlotType {
    /// A slot type with values and a resolution strategy.
    #[must_use]
    pub fn new(
        name: impl Into<Text>,
        values: Vec<SlotTypeValue>,
        strategy: ResolutionStrategy,
    ) -> Self {
        Self {
            name: name.into(),
            identifier: None,
            description: None,
            parent_slot_type_signature: None,
            values: Some(values),
            value_selection: Some(ValueSelectionSetting::new(strategy)),
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let name = o.req::<String>(r, NAME);
        let identifier = o.opt_string(r, IDENTIFIER);
        let description = o.opt::<String>(r, DESCRIPTION);
        let parent_slot_type_signature = o.opt::<String>(r, PARENT);
        let values = o.opt_list(r, VALUES, SlotTypeValue::read);
        let value_selection = o.opt_obj(r, SELECTION, ValueSelectionSetting::read);
        Some(Self {
            name: name?,
            identifier,
            description,
            parent_slot_type_signature,
            values,
            value_selection,
            extra: o.finish(),
        })
    }
}

impl WriteJson for SlotType {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(NAME, &self.name);
        out.opt_string(IDENTIFIER, self.identifier.as_ref());
        out.opt(DESCRIPTION, self.description.as_ref());
        out.opt_list(VALUES, self.values.as_ref());
        out.opt(PARENT, self.parent_slot_type_signature.as_ref());
        out.opt_obj(SELECTION, self.value_selection.as_ref());
        out.finish(&self.extra, &[])
    }
}
