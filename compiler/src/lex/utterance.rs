//! Sample utterances: what a caller says to start an intent or fill a slot. Slot references
//! are written in braces with the slot's name: `book a {CarType} car`.

use super::Extra;
use super::read::{Obj, Reader};
use super::scalar::Text;
use super::write::{Out, WriteJson};

const UTTERANCE: (&str, &str) = ("utterance", "Utterance");

/// One sample utterance: `{"utterance": "…"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleUtterance {
    /// `utterance` / `Utterance` (at most 500 characters).
    pub utterance: Text,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl SampleUtterance {
    /// An utterance.
    #[must_use]
    pub fn new(text: impl Into<Text>) -> Self {
        Self {
            utterance: text.into(),
            extra: Extra::new(),
        }
    }

    /// The names of the slots the utterance refers to (`{Name}`), in order; none for a raw
    /// (CloudFormation expression) utterance.
    #[must_use]
    pub fn slot_references(&self) -> Vec<&str> {
        let Some(text) = self.utterance.as_str() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            out.push(&after[..close]);
            rest = &after[close + 1..];
        }
        out
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let utterance = o.req::<String>(r, UTTERANCE);
        Some(Self {
            utterance: utterance?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for SampleUtterance {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(UTTERANCE, &self.utterance);
        out.finish(&self.extra, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_slot_references() {
        let u = SampleUtterance::new("i want a {crust} pizza with {topping}");
        assert_eq!(u.slot_references(), vec!["crust", "topping"]);
        assert!(
            SampleUtterance::new("no slots {")
                .slot_references()
                .is_empty()
        );
    }
}
