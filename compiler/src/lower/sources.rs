//! [`ActionSources`]: where each action of a flow came from, as tables aligned with
//! `Flow::actions` (entry `a` describes `flow.actions[a]`), not maps keyed by identifier.
//!
//! - A **span** per action: the `.dial` statement (or outcome, or flow name) it was lowered
//!   from, or for imported JSON the action's `Identifier` value.
//! - A **name** per action, or none: the `.dial` step it belongs to (none for a flow's opening
//!   actions), or the console's block label of an imported action. Each distinct name is kept
//!   once per flow (a step's actions share their step's entry; up to 24 bytes inline), and an
//!   action holds its index.
//!
//! Lowering fills the tables as it pushes actions, so no identifier is copied or searched;
//! the checks and the coverage file look actions up by index.

use crate::span::Span;
use compact_str::CompactString;

/// The source span and human name of each action of one flow, by action index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionSources {
    /// The span of each action, in `Flow::actions` order.
    spans: Vec<Span>,
    /// The name of each action, as an index into `names`.
    name_of: Vec<Option<u32>>,
    /// The flow's distinct names (steps or block labels).
    names: Vec<CompactString>,
}

impl ActionSources {
    /// Empty tables with room for `actions` actions.
    #[must_use]
    pub fn with_capacity(actions: usize) -> Self {
        Self {
            spans: Vec::with_capacity(actions),
            name_of: Vec::with_capacity(actions),
            names: Vec::new(),
        }
    }

    /// Adds a name for later actions to refer to (see [`push`](Self::push)), returning its
    /// index.
    pub fn add_name(&mut self, name: impl Into<CompactString>) -> u32 {
        self.names.push(name.into());
        u32::try_from(self.names.len() - 1).unwrap_or(u32::MAX)
    }

    /// The index of the last name added, if any.
    #[must_use]
    pub fn last_name(&self) -> Option<u32> {
        self.names
            .len()
            .checked_sub(1)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// Describes the next action: its span and the index of its name (from
    /// [`add_name`](Self::add_name)).
    pub fn push(&mut self, span: Span, name: Option<u32>) {
        self.spans.push(span);
        self.name_of.push(name);
    }

    /// How many actions are described.
    #[must_use]
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether no action is described (IR built in code, or a released flow).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The span of action `a`, if described.
    #[must_use]
    pub fn span(&self, a: usize) -> Option<Span> {
        self.spans.get(a).copied()
    }

    /// The name (step or block label) of action `a`, if it has one.
    #[must_use]
    pub fn name(&self, a: usize) -> Option<&str> {
        let i = (*self.name_of.get(a)?)?;
        self.names.get(i as usize).map(CompactString::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::FileId;

    #[test]
    fn actions_share_their_names_and_keep_their_spans() {
        let span = |s| Span::new(FileId(1), s, s + 1);
        let mut t = ActionSources::with_capacity(3);
        assert_eq!(t.last_name(), None);
        t.push(span(0), None);
        let greet = t.add_name("greet".to_owned());
        t.push(span(5), Some(greet));
        t.push(span(9), t.last_name());
        assert_eq!(t.len(), 3);
        assert_eq!(t.span(1), Some(span(5)));
        assert_eq!(t.span(3), None);
        assert_eq!(t.name(0), None);
        assert_eq!(t.name(1), Some("greet"));
        assert_eq!(t.name(2), Some("greet"));
        assert_eq!(t.name(7), None);
    }
}
