//! What exists in the instance, as read before planning: the project's flows and modules found
//! by name, with their content; the project's bots found by name, with the deploy's alias, their
//! other aliases and their versions.

use std::collections::BTreeSet;

use crate::artifacts::Kind;
use crate::lex_api::AliasSummary;

/// The alias of each bot the deploy writes and moves (flows use its ARN, which never changes).
pub const ALIAS: &str = "dialect";

/// A bot of the account whose name is the project's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveBot {
    pub name: String,
    pub id: String,
    /// The alias named [`ALIAS`], if the bot has it.
    pub alias: Option<AliasSummary>,
    /// Its ARN.
    pub alias_arn: Option<String>,
    /// The bot's other aliases (`TestBotAlias`, one a person made…): the versions they use are
    /// never deleted.
    pub other_aliases: Vec<AliasSummary>,
    /// The bot's numbered versions (not those being deleted), oldest first.
    pub versions: Vec<u64>,
}

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
    /// The project's bots that exist, sorted by name.
    pub bots: Vec<LiveBot>,
    /// The Lex V2 alias ARNs associated with the instance.
    pub associated: BTreeSet<String>,
}

impl Snapshot {
    /// The live flow or module named `name`.
    #[must_use]
    pub fn flow(&self, kind: Kind, name: &str) -> Option<&LiveFlow> {
        self.flows.iter().find(|f| f.kind == kind && f.name == name)
    }

    /// The live bot named `name`.
    #[must_use]
    pub fn bot(&self, name: &str) -> Option<&LiveBot> {
        self.bots.iter().find(|b| b.name == name)
    }
}
