//! Action identifiers derived from flow and step names.
//!
//! A step's first action is named after the step (`greet`); the actions of its later statements
//! add the statement's position (`reserve-2`), and helper actions a role (`ask_mobile-store`,
//! `reserve-retry-1`). Step names are identifiers, which never contain `-`, so the generated
//! names cannot collide with a step's own name. When a name breaks Connect's identifier rules
//! (more than 50 characters, a forbidden name such as `toString`), the action gets a UUID v5
//! derived from the flow name and that readable name instead: still stable across builds.
//!
//! Identifiers are formatted straight into `CompactString`s: up to 24 bytes inline, so the
//! identifiers and targets of a large project (copied into every transition) mostly allocate
//! nothing.

use compact_str::{CompactString, format_compact};
use uuid::Uuid;

use crate::connect::is_valid_identifier;

/// The namespace of Dialect's derived UUIDs (a v5 UUID of the URL `https://dialect.dev/ids`).
const NAMESPACE: Uuid = Uuid::from_bytes([
    0x4b, 0x0e, 0x5a, 0x53, 0x8f, 0x55, 0x5b, 0x1c, 0x9a, 0x3d, 0x6e, 0x0f, 0x2b, 0x8c, 0x71, 0x42,
]);

/// Makes identifiers for the actions of one flow.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    flow: String,
}

impl Ids {
    pub(crate) fn new(flow: &str) -> Self {
        Self {
            flow: flow.to_owned(),
        }
    }

    /// The identifier for the readable name `base`: `base` itself when Connect accepts it,
    /// otherwise a UUID derived from the flow and `base`.
    pub(crate) fn make(&self, base: &str) -> CompactString {
        if is_valid_identifier(base) {
            base.into()
        } else {
            self.uuid(base)
        }
    }

    /// [`make`](Self::make) for a name built for the purpose: kept without a copy.
    pub(crate) fn make_owned(&self, base: CompactString) -> CompactString {
        if is_valid_identifier(&base) {
            base
        } else {
            self.uuid(&base)
        }
    }

    fn uuid(&self, base: &str) -> CompactString {
        stable_uuid(&format!("{}/{base}", self.flow)).into()
    }

    /// The first action of statement `index` (0-based) of `step`.
    pub(crate) fn statement(&self, step: &str, index: usize) -> CompactString {
        if index == 0 {
            self.make(step)
        } else {
            self.make_owned(format_compact!("{step}-{}", index + 1))
        }
    }

    /// A helper action of a statement: `step-2-store`, `step-store` for the first statement.
    pub(crate) fn helper(&self, step: &str, index: usize, role: &str) -> CompactString {
        if index == 0 {
            self.make_owned(format_compact!("{step}-{role}"))
        } else {
            self.make_owned(format_compact!("{step}-{}-{role}", index + 1))
        }
    }
}

/// A UUID v5 of `name` in Dialect's namespace, as Connect writes UUIDs (lowercase, hyphenated).
#[must_use]
pub fn stable_uuid(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_names_are_kept_and_bad_ones_become_stable_uuids() {
        let ids = Ids::new("PhoneOrder");
        assert_eq!(ids.statement("greet", 0), "greet");
        assert_eq!(ids.statement("greet", 2), "greet-3");
        assert_eq!(ids.helper("ask_mobile", 0, "store"), "ask_mobile-store");
        assert_eq!(ids.helper("ask", 1, "store"), "ask-2-store");
        assert_eq!(ids.statement("受付", 0), "受付");
        let forbidden = ids.statement("toString", 0);
        assert_eq!(forbidden.len(), 36);
        assert_eq!(forbidden, Ids::new("PhoneOrder").statement("toString", 0));
        assert_ne!(forbidden, Ids::new("Other").statement("toString", 0));
        let long = "a".repeat(60);
        assert_eq!(ids.statement(&long, 0).len(), 36);
    }
}
