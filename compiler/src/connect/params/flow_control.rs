//! Parameters of flow-control actions: comparisons, hours, metrics, loops, waits, transfers.

use indexmap::IndexMap;

use crate::connect::json::json_struct;
use crate::connect::scalar::Scalar;

json_struct! {
    /// `Compare` (Check contact attributes).
    pub struct Compare {
        /// `ComparisonValue`: a single JSONPath; the conditions test its value.
        "ComparisonValue" => comparison_value: Scalar,
    }
}

json_struct! {
    /// `CheckHoursOfOperation`.
    pub struct CheckHoursOfOperation {
        /// `HoursOfOperationId`: when absent, the working queue's hours are used.
        "HoursOfOperationId" => hours_of_operation_id: Scalar,
    }
}

json_struct! {
    /// `CheckMetricData` (Check staffing / Check queue status).
    pub struct CheckMetricData {
        /// `MetricType`: `NumberOfAgentsAvailable`, `NumberOfAgentsStaffed`,
        /// `NumberOfAgentsOnline`, `OldestContactInQueueAgeSeconds` or `NumberOfContactsInQueue`.
        "MetricType" => metric_type: Scalar,
        /// `QueueId`: when absent, the working queue.
        "QueueId" => queue_id: Scalar,
        /// `AgentId`: an agent's queue.
        "AgentId" => agent_id: Scalar,
    }
}

impl CheckMetricData {
    /// Whether the metric counts agents (`NumberOfAgents*`), where the only condition allowed
    /// is `NumberGreaterThan "0"`.
    #[must_use]
    pub fn is_agent_metric(&self) -> bool {
        self.metric_type
            .as_ref()
            .and_then(Scalar::as_str)
            .is_some_and(|m| m.starts_with("NumberOfAgents"))
    }
}

json_struct! {
    /// `GetMetricData` (Get queue metrics): fills in `$.Metrics.*`.
    pub struct GetMetricData {
        /// `QueueId`.
        "QueueId" => queue_id: Scalar,
        /// `AgentId`.
        "AgentId" => agent_id: Scalar,
        /// `QueueChannel`: e.g. `Voice`, `Chat`.
        "QueueChannel" => queue_channel: Scalar,
    }
}

json_struct! {
    /// `DistributeByPercentage`: no parameters; the result is a random number 1–100.
    pub struct DistributeByPercentage {}
}

json_struct! {
    /// `Loop`.
    pub struct Loop {
        /// `LoopCount`: 0–100 (static or dynamic).
        "LoopCount" => loop_count: Scalar,
    }
}

impl Loop {
    /// `LoopCount` as a number (`None` when dynamic).
    #[must_use]
    pub fn loop_count(&self) -> Option<u32> {
        self.loop_count.as_ref().and_then(Scalar::as_u32)
    }
}

json_struct! {
    /// `Wait`.
    pub struct Wait {
        /// `TimeLimitSeconds`: the name exports use.
        "TimeLimitSeconds" => time_limit_seconds: Scalar,
        /// `TimeoutSeconds`: the name the docs use (≤604800).
        "TimeoutSeconds" => timeout_seconds: Scalar,
        /// `Events`: `CustomerReturned`, `BotParticipantDisconnected`.
        "Events" => events: Vec<Scalar>,
    }
}

impl Wait {
    /// The timeout in seconds under either spelling (exports' first); `None` when dynamic.
    #[must_use]
    pub fn timeout_seconds(&self) -> Option<u32> {
        self.time_limit_seconds
            .as_ref()
            .or(self.timeout_seconds.as_ref())
            .and_then(Scalar::as_u32)
    }
}

json_struct! {
    /// `TransferToFlow`.
    pub struct TransferToFlow {
        /// `ContactFlowId`: a flow ID/ARN or a single JSONPath.
        "ContactFlowId" => contact_flow_id: Scalar,
    }
}

json_struct! {
    /// `EndFlowExecution` (End flow / Resume): no parameters.
    pub struct EndFlowExecution {}
}

json_struct! {
    /// `UpdateFlowLoggingBehavior` (Set logging behavior).
    pub struct UpdateFlowLoggingBehavior {
        /// `FlowLoggingBehavior`: `Enabled` / `Disabled` (static).
        "FlowLoggingBehavior" => flow_logging_behavior: Scalar,
    }
}

json_struct! {
    /// `UpdateFlowAttributes`: attributes scoped to the current flow.
    pub struct UpdateFlowAttributes {
        /// `FlowAttributes`: name → `{Value}`.
        "FlowAttributes" => flow_attributes: IndexMap<String, FlowAttribute>,
    }
}

json_struct! {
    /// One flow attribute of `UpdateFlowAttributes`.
    pub struct FlowAttribute {
        /// `Value`.
        "Value" => value: Scalar,
    }
}

json_struct! {
    /// `CheckVoiceId`.
    pub struct CheckVoiceId {
        /// `CheckVoiceIdOption`: `enrollmentStatus`, `voiceAuthentication` or `fraudDetection`.
        "CheckVoiceIdOption" => check_voice_id_option: Scalar,
    }
}

json_struct! {
    /// `StartVoiceIdStream`: no parameters.
    pub struct StartVoiceIdStream {}
}

json_struct! {
    /// `CheckOutboundCallStatus` (outbound campaigns): parameters kept as written.
    pub struct CheckOutboundCallStatus {}
}
