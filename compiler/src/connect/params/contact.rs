//! Parameters of contact actions: attributes, queues, hooks, recording, routing, tasks, cases.

use indexmap::IndexMap;
use serde_json::Value;

use super::CallerId;
use crate::connect::json::json_struct;
use crate::connect::scalar::Scalar;

json_struct! {
    /// `UpdateContactAttributes` (Set contact attributes).
    pub struct UpdateContactAttributes {
        /// `Attributes`: name → value (static or dynamic). All-or-nothing; ≤32 KB in total.
        "Attributes" => attributes: IndexMap<String, Scalar>,
        /// `TargetContact`: `Current` or `Related`.
        "TargetContact" => target_contact: Scalar,
    }
}

json_struct! {
    /// `UpdateContactTargetQueue` (Set working queue).
    pub struct UpdateContactTargetQueue {
        /// `QueueId`: a queue ID/ARN or a single JSONPath.
        "QueueId" => queue_id: Scalar,
        /// `AgentId`: an agent ID/ARN (the agent's queue) or a single JSONPath.
        "AgentId" => agent_id: Scalar,
    }
}

json_struct! {
    /// `TransferContactToQueue` (Transfer to queue): no parameters; uses the working queue.
    pub struct TransferContactToQueue {}
}

json_struct! {
    /// `DequeueContactAndTransferToQueue` (Transfer to queue, inside a customer-queue flow).
    pub struct DequeueContactAndTransferToQueue {
        /// `QueueId`.
        "QueueId" => queue_id: Scalar,
        /// `AgentId`.
        "AgentId" => agent_id: Scalar,
    }
}

json_struct! {
    /// `TransferContactToAgent` (Transfer to agent): no parameters; ends the flow.
    pub struct TransferContactToAgent {}
}

json_struct! {
    /// `UpdateContactEventHooks` (Set customer queue / hold / whisper / event flow).
    pub struct UpdateContactEventHooks {
        /// `EventHooks`: exactly one `{Hook: flowArn}` entry. Hooks: `CustomerQueue`,
        /// `CustomerHold`, `CustomerWhisper`, `AgentHold`, `AgentWhisper`, `CustomerRemaining`,
        /// `DefaultAgentUI`, `DisconnectAgentUI`, `PauseContact`, `ResumeContact`.
        "EventHooks" => event_hooks: IndexMap<String, Scalar>,
    }
}

impl UpdateContactEventHooks {
    /// The hooks the service knows.
    pub const HOOKS: &'static [&'static str] = &[
        "CustomerQueue",
        "CustomerHold",
        "CustomerWhisper",
        "AgentHold",
        "AgentWhisper",
        "CustomerRemaining",
        "DefaultAgentUI",
        "DisconnectAgentUI",
        "PauseContact",
        "ResumeContact",
    ];

    /// The (first) hook and the flow it sets.
    #[must_use]
    pub fn hook(&self) -> Option<(&str, &Scalar)> {
        self.event_hooks
            .as_ref()?
            .first()
            .map(|(k, v)| (k.as_str(), v))
    }
}

json_struct! {
    /// `UpdateContactCallbackNumber` (Set callback number).
    pub struct UpdateContactCallbackNumber {
        /// `CallbackNumber`: a single JSONPath, e.g. `$.StoredCustomerInput`.
        "CallbackNumber" => callback_number: Scalar,
    }
}

json_struct! {
    /// `UpdateContactRecordingBehavior` (Set recording and analytics behavior).
    pub struct UpdateContactRecordingBehavior {
        /// `RecordingBehavior`.
        "RecordingBehavior" => recording_behavior: RecordingBehavior,
        /// `AnalyticsBehavior` (Contact Lens).
        "AnalyticsBehavior" => analytics_behavior: AnalyticsBehavior,
    }
}

json_struct! {
    /// `RecordingBehavior`.
    pub struct RecordingBehavior {
        /// `RecordedParticipants`: `Agent`, `Customer` (empty stops recording).
        "RecordedParticipants" => recorded_participants: Vec<Scalar>,
        /// `IVRRecordingBehavior`: `Enabled` / `Disabled`.
        "IVRRecordingBehavior" => ivr_recording_behavior: Scalar,
        /// `ScreenRecordedParticipants`: e.g. `["Agent"]`.
        "ScreenRecordedParticipants" => screen_recorded_participants: Vec<Scalar>,
    }
}

json_struct! {
    /// `AnalyticsBehavior`.
    pub struct AnalyticsBehavior {
        /// `Enabled`: `"True"` / `"False"`.
        "Enabled" => enabled: Scalar,
        /// `AnalyticsLanguage`: e.g. `en-US`.
        "AnalyticsLanguage" => analytics_language: Scalar,
        /// `AnalyticsRedactionBehavior`: `Enabled` / `Disabled`.
        "AnalyticsRedactionBehavior" => analytics_redaction_behavior: Scalar,
        /// `AnalyticsRedactionResults`: e.g. `RedactedAndOriginal`.
        "AnalyticsRedactionResults" => analytics_redaction_results: Scalar,
        /// `AnalyticsMode`: `PostCall` / `RealTime` (older form).
        "AnalyticsMode" => analytics_mode: Scalar,
        /// `ChannelConfiguration`: per-channel modes (newer form; free-form).
        "ChannelConfiguration" => channel_configuration: Value,
    }
}

json_struct! {
    /// `UpdateContactRecordingAndAnalyticsBehavior`: the newer per-channel variant. Its
    /// per-channel objects are kept in `extra` as written.
    pub struct UpdateContactRecordingAndAnalyticsBehavior {}
}

json_struct! {
    /// `UpdateContactTextToSpeechVoice` (Set voice).
    pub struct UpdateContactTextToSpeechVoice {
        /// `TextToSpeechVoice`: e.g. `Joanna` (the default).
        "TextToSpeechVoice" => text_to_speech_voice: Scalar,
        /// `TextToSpeechEngine`: e.g. `Neural`.
        "TextToSpeechEngine" => text_to_speech_engine: Scalar,
        /// `TextToSpeechStyle`: `None`, `Conversational` or `Newscaster`.
        "TextToSpeechStyle" => text_to_speech_style: Scalar,
    }
}

json_struct! {
    /// `UpdateContactMediaStreamingBehavior` (Start / stop media streaming).
    pub struct UpdateContactMediaStreamingBehavior {
        /// `MediaStreamingState`: `Enabled` / `Disabled`.
        "MediaStreamingState" => media_streaming_state: Scalar,
        /// `MediaStreamType`: `Audio`.
        "MediaStreamType" => media_stream_type: Scalar,
        /// `Participants`.
        "Participants" => participants: Vec<MediaStreamingParticipant>,
    }
}

json_struct! {
    /// One entry of `Participants` of `UpdateContactMediaStreamingBehavior`.
    pub struct MediaStreamingParticipant {
        /// `ParticipantType`: `Customer`.
        "ParticipantType" => participant_type: Scalar,
        /// `MediaDirections`: `To`, `From`.
        "MediaDirections" => media_directions: Vec<Scalar>,
    }
}

json_struct! {
    /// `UpdateContactRoutingBehavior` (Change routing priority / age).
    pub struct UpdateContactRoutingBehavior {
        /// `QueuePriority`: an integer; lower is routed sooner.
        "QueuePriority" => queue_priority: Scalar,
        /// `QueueTimeAdjustmentSeconds`: added to the contact's age in queue.
        "QueueTimeAdjustmentSeconds" => queue_time_adjustment_seconds: Scalar,
    }
}

impl UpdateContactRoutingBehavior {
    /// `QueuePriority` as a number.
    #[must_use]
    pub fn queue_priority(&self) -> Option<i64> {
        self.queue_priority.as_ref().and_then(Scalar::as_i64)
    }
}

json_struct! {
    /// `UpdateRoutingCriteria` (Set routing criteria).
    pub struct UpdateRoutingCriteria {
        /// `RoutingCriteria`: `{Steps: [...]}` (kept as written).
        "RoutingCriteria" => routing_criteria: Value,
    }
}

json_struct! {
    /// `UpdatePreviousContactParticipantState` (Hold customer or agent).
    pub struct UpdatePreviousContactParticipantState {
        /// `PreviousContactParticipantState`: `AgentOnHold`, `CustomerOnHold` or `OffHold`.
        "PreviousContactParticipantState" => previous_contact_participant_state: Scalar,
    }
}

json_struct! {
    /// `UpdateContactData`: contact properties and the Voice ID switches.
    pub struct UpdateContactData {
        /// `Name`.
        "Name" => name: Scalar,
        /// `Description`.
        "Description" => description: Scalar,
        /// `LanguageCode`: e.g. `en-US`.
        "LanguageCode" => language_code: Scalar,
        /// `CustomerId`.
        "CustomerId" => customer_id: Scalar,
        /// `References`: name → `{Value, Type}`.
        "References" => references: IndexMap<String, Value>,
        /// `IsVoiceIdStreamingEnabled`.
        "IsVoiceIdStreamingEnabled" => is_voice_id_streaming_enabled: Scalar,
        /// `IsVoiceAuthenticationEnabled`.
        "IsVoiceAuthenticationEnabled" => is_voice_authentication_enabled: Scalar,
        /// `IsFraudDetectionEnabled`.
        "IsFraudDetectionEnabled" => is_fraud_detection_enabled: Scalar,
        /// `VoiceAuthenticationThreshold`.
        "VoiceAuthenticationThreshold" => voice_authentication_threshold: Scalar,
        /// `VoiceAuthenticationResponseTime`.
        "VoiceAuthenticationResponseTime" => voice_authentication_response_time: Scalar,
        /// `FraudDetectionThreshold`.
        "FraudDetectionThreshold" => fraud_detection_threshold: Scalar,
        /// `TargetContact`: `Current` or `Related`.
        "TargetContact" => target_contact: Scalar,
    }
}

json_struct! {
    /// `CompleteOutboundCall` (Call phone number).
    pub struct CompleteOutboundCall {
        /// `CallerId`.
        "CallerId" => caller_id: CallerId,
        /// `VoiceConnector`: kept as written.
        "VoiceConnector" => voice_connector: Value,
        /// `ConnectionTimeLimitSeconds`: 1–600.
        "ConnectionTimeLimitSeconds" => connection_time_limit_seconds: Scalar,
    }
}

json_struct! {
    /// `InvokeFlowModule` (Invoke module).
    pub struct InvokeFlowModule {
        /// `FlowModuleId`: a module ID/ARN or a JSONPath.
        "FlowModuleId" => flow_module_id: Scalar,
    }
}

json_struct! {
    /// `EndFlowModuleExecution` (Return): no parameters.
    pub struct EndFlowModuleExecution {}
}

json_struct! {
    /// `CreateTask`.
    pub struct CreateTask {
        /// `ContactFlowId`: the flow the task runs.
        "ContactFlowId" => contact_flow_id: Scalar,
        /// `Name`.
        "Name" => name: Scalar,
        /// `Description`.
        "Description" => description: Scalar,
        /// `Attributes`: name → value.
        "Attributes" => attributes: IndexMap<String, Scalar>,
        /// `References`: name → `{Value, Type}`.
        "References" => references: IndexMap<String, Value>,
        /// `DelaySeconds`: 1–518400.
        "DelaySeconds" => delay_seconds: Scalar,
        /// `ScheduledTime`.
        "ScheduledTime" => scheduled_time: Scalar,
        /// `TaskTemplateId`.
        "TaskTemplateId" => task_template_id: Scalar,
    }
}

json_struct! {
    /// `CreateCase`.
    pub struct CreateCase {
        /// `CaseTemplateId`.
        "CaseTemplateId" => case_template_id: Scalar,
        /// `LinkContactToCase`: `"true"` / `"false"` (lowercase in exports).
        "LinkContactToCase" => link_contact_to_case: Scalar,
        /// `CaseRequestFields`: field → value.
        "CaseRequestFields" => case_request_fields: IndexMap<String, Scalar>,
        /// `CustomerId`.
        "CustomerId" => customer_id: Scalar,
    }
}

json_struct! {
    /// `GetCase`.
    pub struct GetCase {
        /// `LinkContactToCase`: `"true"` / `"false"`.
        "LinkContactToCase" => link_contact_to_case: Scalar,
        /// `GetLastUpdatedCase`: `"true"` / `"false"`.
        "GetLastUpdatedCase" => get_last_updated_case: Scalar,
        /// `CaseRequestFields`: search fields.
        "CaseRequestFields" => case_request_fields: IndexMap<String, Scalar>,
        /// `CaseResponseFields`: fields to read into `$.Case`.
        "CaseResponseFields" => case_response_fields: Vec<Scalar>,
        /// `CustomerId`.
        "CustomerId" => customer_id: Scalar,
    }
}

json_struct! {
    /// `UpdateCase`.
    pub struct UpdateCase {
        /// `CaseId`.
        "CaseId" => case_id: Scalar,
        /// `LinkContactToCase`.
        "LinkContactToCase" => link_contact_to_case: Scalar,
        /// `CaseRequestFields`: field → new value.
        "CaseRequestFields" => case_request_fields: IndexMap<String, Scalar>,
    }
}

json_struct! {
    /// `TagContact`.
    pub struct TagContact {
        /// `Tags`: key → value.
        "Tags" => tags: IndexMap<String, Scalar>,
    }
}

json_struct! {
    /// `UnTagContact`.
    pub struct UnTagContact {
        /// `TagKeys`.
        "TagKeys" => tag_keys: Vec<Scalar>,
    }
}

json_struct! {
    /// `CreateWisdomSession`.
    pub struct CreateWisdomSession {
        /// `WisdomAssistantArn`.
        "WisdomAssistantArn" => wisdom_assistant_arn: Scalar,
    }
}

json_struct! {
    /// `StartOutboundChatContact` (SMS): parameters kept as written.
    pub struct StartOutboundChatContact {}
}

json_struct! {
    /// `ResumeContact`: parameters kept as written.
    pub struct ResumeContact {}
}

json_struct! {
    /// `UpdateContactMediaProcessing`: parameters kept as written.
    pub struct UpdateContactMediaProcessing {}
}
