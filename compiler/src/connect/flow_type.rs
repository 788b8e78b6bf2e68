//! [`FlowType`]: the kinds of flow (the API `Type`) plus flow modules.

use std::fmt;

/// The kind of a flow. Decides which actions are allowed (see
/// [`ActionType::allowed_in`](super::ActionType::allowed_in)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlowType {
    /// `CONTACT_FLOW`: an inbound flow, the first flow a contact runs.
    ContactFlow,
    /// `CUSTOMER_QUEUE`: runs while the customer waits in a queue.
    CustomerQueue,
    /// `CUSTOMER_HOLD`: runs while the customer is on hold.
    CustomerHold,
    /// `CUSTOMER_WHISPER`: played to the customer just before the agent joins.
    CustomerWhisper,
    /// `AGENT_HOLD`: runs while the agent is on hold.
    AgentHold,
    /// `AGENT_WHISPER`: played to the agent just before the customer joins.
    AgentWhisper,
    /// `OUTBOUND_WHISPER`: played to the customer on an outbound call before connecting.
    OutboundWhisper,
    /// `AGENT_TRANSFER`: a transfer-to-agent (quick connect) flow.
    AgentTransfer,
    /// `QUEUE_TRANSFER`: a transfer-to-queue (quick connect) flow.
    QueueTransfer,
    /// `CAMPAIGN`: an outbound campaign flow.
    Campaign,
    /// A flow module (a separate `ContactFlowModule` resource, with `Settings`).
    Module,
}

impl FlowType {
    /// Every flow type.
    pub const ALL: &'static [FlowType] = &[
        FlowType::ContactFlow,
        FlowType::CustomerQueue,
        FlowType::CustomerHold,
        FlowType::CustomerWhisper,
        FlowType::AgentHold,
        FlowType::AgentWhisper,
        FlowType::OutboundWhisper,
        FlowType::AgentTransfer,
        FlowType::QueueTransfer,
        FlowType::Campaign,
        FlowType::Module,
    ];

    /// The API / CloudFormation name (`CONTACT_FLOW`); `MODULE` for modules, which have no API
    /// type.
    #[must_use]
    pub fn api_name(self) -> &'static str {
        match self {
            FlowType::ContactFlow => "CONTACT_FLOW",
            FlowType::CustomerQueue => "CUSTOMER_QUEUE",
            FlowType::CustomerHold => "CUSTOMER_HOLD",
            FlowType::CustomerWhisper => "CUSTOMER_WHISPER",
            FlowType::AgentHold => "AGENT_HOLD",
            FlowType::AgentWhisper => "AGENT_WHISPER",
            FlowType::OutboundWhisper => "OUTBOUND_WHISPER",
            FlowType::AgentTransfer => "AGENT_TRANSFER",
            FlowType::QueueTransfer => "QUEUE_TRANSFER",
            FlowType::Campaign => "CAMPAIGN",
            FlowType::Module => "MODULE",
        }
    }

    /// The name the console writes in `Metadata.type` (`contactFlow`, `customerQueue`, …).
    #[must_use]
    pub fn metadata_name(self) -> &'static str {
        match self {
            FlowType::ContactFlow => "contactFlow",
            FlowType::CustomerQueue => "customerQueue",
            FlowType::CustomerHold => "customerHold",
            FlowType::CustomerWhisper => "customerWhisper",
            FlowType::AgentHold => "agentHold",
            FlowType::AgentWhisper => "agentWhisper",
            FlowType::OutboundWhisper => "outboundWhisper",
            FlowType::AgentTransfer => "agentTransfer",
            FlowType::QueueTransfer => "queueTransfer",
            FlowType::Campaign => "campaign",
            FlowType::Module => "module",
        }
    }

    /// Reads either the API name (`CUSTOMER_QUEUE`) or the metadata name (`customerQueue`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.api_name() == name || t.metadata_name() == name)
    }

    /// Whisper flows: customer, agent and outbound whisper.
    #[must_use]
    pub fn is_whisper(self) -> bool {
        matches!(
            self,
            FlowType::CustomerWhisper | FlowType::AgentWhisper | FlowType::OutboundWhisper
        )
    }

    /// Hold flows: customer and agent hold.
    #[must_use]
    pub fn is_hold(self) -> bool {
        matches!(self, FlowType::CustomerHold | FlowType::AgentHold)
    }

    /// Transfer flows: agent and queue transfer.
    #[must_use]
    pub fn is_transfer(self) -> bool {
        matches!(self, FlowType::AgentTransfer | FlowType::QueueTransfer)
    }

    /// Flows that behave like an inbound flow for the placement rules: inbound, campaign and
    /// modules [inferred: the reference gives no separate rules for campaigns and modules].
    #[must_use]
    pub fn is_inbound_like(self) -> bool {
        matches!(
            self,
            FlowType::ContactFlow | FlowType::Campaign | FlowType::Module
        )
    }
}

impl fmt::Display for FlowType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}
