//! What exists in the instance, as read before planning: the project's flows and modules found
//! by name, with their content.

use crate::artifacts::Kind;

/// A flow or module of the instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveFlow {
    pub name: String,
    pub kind: Kind,
    pub id: String,
    pub arn: String,
    /// The Connect flow type; `None` for modules.
    pub flow_type: Option<String>,
    /// The flow JSON as Connect returns it.
    pub content: String,
}

/// The instance as the planner sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The flows and modules whose names are the project's, sorted by kind and name.
    pub flows: Vec<LiveFlow>,
    /// Names that more than one flow (or module) of the instance has: the deploy cannot tell
    /// which to update.
    pub ambiguous: Vec<(Kind, String)>,
}

impl Snapshot {
    /// The live flow or module named `name`.
    #[must_use]
    pub fn flow(&self, kind: Kind, name: &str) -> Option<&LiveFlow> {
        self.flows.iter().find(|f| f.kind == kind && f.name == name)
    }
}
