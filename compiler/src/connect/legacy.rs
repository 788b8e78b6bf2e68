//! Names from the legacy console format (`{"modules": [...]}`) and common hand-written mistakes,
//! mapped to flow-language action types (reference §7). Used for help texts.

/// Legacy or mistaken type name → the flow-language type(s) to use instead.
pub const LEGACY_TYPES: &[(&str, &str)] = &[
    ("PlayPrompt", "MessageParticipant"),
    (
        "GetUserInput",
        "GetParticipantInput (DTMF) or ConnectParticipantWithLexBot (Lex)",
    ),
    (
        "StoreUserInput",
        "GetParticipantInput with StoreInput \"True\"",
    ),
    ("InvokeExternalResource", "InvokeLambdaFunction"),
    ("CheckAttribute", "Compare"),
    ("SetAttributes", "UpdateContactAttributes"),
    ("SetQueue", "UpdateContactTargetQueue"),
    (
        "Transfer",
        "TransferContactToQueue, TransferToFlow or TransferParticipantToThirdParty",
    ),
    ("TransferToQueue", "TransferContactToQueue"),
    ("SetLoggingBehavior", "UpdateFlowLoggingBehavior"),
    ("SetVoice", "UpdateContactTextToSpeechVoice"),
    ("SetRecordingBehavior", "UpdateContactRecordingBehavior"),
    ("SetEventHook", "UpdateContactEventHooks"),
    ("LoopPrompts", "MessageParticipantIteratively"),
    ("CheckStaffing", "CheckMetricData"),
    ("Resume", "EndFlowExecution"),
    ("Disconnect", "DisconnectParticipant"),
    ("StartMediaStreaming", "UpdateContactMediaStreamingBehavior"),
    ("StopMediaStreaming", "UpdateContactMediaStreamingBehavior"),
    ("UpdateRoutingPriority", "UpdateContactRoutingBehavior"),
];

/// The flow-language replacement for a legacy or mistaken type name.
#[must_use]
pub fn legacy_replacement(name: &str) -> Option<&'static str> {
    LEGACY_TYPES
        .iter()
        .find(|(legacy, _)| *legacy == name)
        .map(|(_, new)| *new)
}
