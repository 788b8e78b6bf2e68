//! [`Action`], the catalogue of action types ([`ActionType`]) and their typed parameters
//! ([`ActionKind`]).
//!
//! One list below declares every action type of the reference (§5): its JSON name, its
//! [`ActionType`] variant and its parameter struct in [`params`](super::params). Types the model
//! does not know become [`ActionKind::Unknown`], with their parameters kept as raw JSON. The data
//! tables over these types (errors, terminal, conditions, placement) are in `tables.rs`.

use compact_str::CompactString;
use serde_json::Value;

use super::extra::Extra;
use super::json::{FromJson, JsonPath, ShapeError, ToJson};
use super::params::{self, CustomerProfileParams};
use super::transitions::Transitions;

macro_rules! catalogue {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident($params:ty) = $name:literal;
    )*) => {
        /// The type of an action (`Type`), for every type in the reference. Unknown types have no
        /// `ActionType`; see [`ActionKind::Unknown`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ActionType {
            $(
                $(#[doc = $doc])*
                $variant,
            )*
        }

        impl ActionType {
            /// Every known action type, in catalogue order.
            pub const ALL: &'static [ActionType] = &[$(ActionType::$variant),*];

            /// The `Type` string.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $(ActionType::$variant => $name,)*
                }
            }

            /// The action type a `Type` string names (exact, case-sensitive).
            #[must_use]
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some(ActionType::$variant),)*
                    _ => None,
                }
            }
        }

        /// An action's type together with its typed parameters.
        #[derive(Debug, Clone, PartialEq)]
        pub enum ActionKind {
            $(
                $(#[doc = $doc])*
                $variant($params),
            )*
            /// A type the model does not know, or a known type whose parameters did not have the
            /// expected shape (the importer reports that). Parameters are kept as written.
            Unknown {
                /// The `Type` string.
                type_name: String,
                /// The `Parameters` value (`{}` when absent).
                parameters: Value,
            },
        }

        impl ActionKind {
            /// The known type, also for an `Unknown` whose name is a known type.
            #[must_use]
            pub fn action_type(&self) -> Option<ActionType> {
                match self {
                    $(ActionKind::$variant(_) => Some(ActionType::$variant),)*
                    ActionKind::Unknown { type_name, .. } => ActionType::from_name(type_name),
                }
            }

            /// The `Type` string.
            #[must_use]
            pub fn type_name(&self) -> &str {
                match self {
                    $(ActionKind::$variant(_) => $name,)*
                    ActionKind::Unknown { type_name, .. } => type_name,
                }
            }

            /// A kind with empty parameters.
            #[must_use]
            pub fn empty(action_type: ActionType) -> Self {
                match action_type {
                    $(ActionType::$variant => ActionKind::$variant(<$params>::default()),)*
                }
            }

            /// Reads the parameters of an action of type `type_name`. Unknown types give
            /// `Unknown`.
            ///
            /// # Errors
            /// When the parameters of a known type do not have the expected shape.
            pub fn from_json(
                type_name: &str,
                parameters: &Value,
                path: &mut JsonPath,
            ) -> Result<Self, ShapeError> {
                match type_name {
                    $($name => <$params as FromJson>::from_json(parameters, path).map(ActionKind::$variant),)*
                    _ => Ok(ActionKind::Unknown {
                        type_name: type_name.to_owned(),
                        parameters: parameters.clone(),
                    }),
                }
            }

            /// The `Parameters` object.
            #[must_use]
            pub fn parameters_json(&self) -> Value {
                match self {
                    $(ActionKind::$variant(p) => p.to_json(),)*
                    ActionKind::Unknown { parameters, .. } => parameters.clone(),
                }
            }

            /// Whether the `Parameters` object is `{}`.
            #[must_use]
            pub fn parameters_empty(&self) -> bool {
                match self {
                    $(ActionKind::$variant(p) => p.is_empty(),)*
                    ActionKind::Unknown { parameters, .. } => {
                        matches!(parameters, Value::Object(m) if m.is_empty())
                    }
                }
            }
        }

        /// The `Parameters` of an action, serialized in place.
        pub(crate) struct Parameters<'a>(pub(crate) &'a ActionKind);

        impl super::emit::WriteJson for Parameters<'_> {
            fn write_json(&self, w: &mut super::emit::Writer) -> std::io::Result<()> {
                match self.0 {
                    $(ActionKind::$variant(p) => p.write_json(w),)*
                    ActionKind::Unknown { parameters, .. } => w.value(parameters),
                }
            }
        }

        impl serde::Serialize for Parameters<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self.0 {
                    $(ActionKind::$variant(p) => p.serialize(s),)*
                    ActionKind::Unknown { parameters, .. } => parameters.serialize(s),
                }
            }
        }
    };
}

// Parameter structs larger than `UpdateContactAttributes` (104 bytes; 168 before unknown keys
// became a one-pointer `Extra`) are boxed, the customer profile ones too: an enum is as large
// as its largest variant, and unboxed `GetParticipantInput` made every action 1,144 bytes (a
// million-step project lowers to millions of actions). Matching and field access are
// unchanged; building one takes `Box::new`.
catalogue! {
    // Participant actions.
    /// Play prompt: a text, SSML, prompt-library or S3 prompt. Errors: `NoMatchingError`.
    MessageParticipant(Box<params::MessageParticipant>) = "MessageParticipant";
    /// Get customer input (DTMF) or Store customer input. Branches on the pressed digit when
    /// `StoreInput` is false. Voice only.
    GetParticipantInput(Box<params::GetParticipantInput>) = "GetParticipantInput";
    /// Get customer input with a Lex bot; branches on the intent name.
    ConnectParticipantWithLexBot(Box<params::ConnectParticipantWithLexBot>) = "ConnectParticipantWithLexBot";
    /// Disconnect / hang up. Terminal.
    DisconnectParticipant(params::DisconnectParticipant) = "DisconnectParticipant";
    /// Loop prompts until interrupted (queue and hold flows).
    MessageParticipantIteratively(params::MessageParticipantIteratively) = "MessageParticipantIteratively";
    /// Show a view (step-by-step guides); branches on the user's action.
    ShowView(Box<params::ShowView>) = "ShowView";
    /// Transfer to a phone number.
    TransferParticipantToThirdParty(Box<params::TransferParticipantToThirdParty>) = "TransferParticipantToThirdParty";
    // Contact actions.
    /// Set contact attributes.
    UpdateContactAttributes(params::UpdateContactAttributes) = "UpdateContactAttributes";
    /// Set working queue.
    UpdateContactTargetQueue(params::UpdateContactTargetQueue) = "UpdateContactTargetQueue";
    /// Transfer to the working queue; success leaves the flow.
    TransferContactToQueue(params::TransferContactToQueue) = "TransferContactToQueue";
    /// Transfer to another queue from a customer-queue flow; success leaves the flow.
    DequeueContactAndTransferToQueue(params::DequeueContactAndTransferToQueue) = "DequeueContactAndTransferToQueue";
    /// Transfer to agent (transfer flows). Terminal.
    TransferContactToAgent(params::TransferContactToAgent) = "TransferContactToAgent";
    /// Set customer queue / hold / whisper / event flow.
    UpdateContactEventHooks(params::UpdateContactEventHooks) = "UpdateContactEventHooks";
    /// Set callback number.
    UpdateContactCallbackNumber(params::UpdateContactCallbackNumber) = "UpdateContactCallbackNumber";
    /// Set recording and analytics behavior.
    UpdateContactRecordingBehavior(Box<params::UpdateContactRecordingBehavior>) = "UpdateContactRecordingBehavior";
    /// Set recording and analytics behavior, newer per-channel variant.
    UpdateContactRecordingAndAnalyticsBehavior(params::UpdateContactRecordingAndAnalyticsBehavior) = "UpdateContactRecordingAndAnalyticsBehavior";
    /// Set voice.
    UpdateContactTextToSpeechVoice(params::UpdateContactTextToSpeechVoice) = "UpdateContactTextToSpeechVoice";
    /// Start / stop media streaming.
    UpdateContactMediaStreamingBehavior(params::UpdateContactMediaStreamingBehavior) = "UpdateContactMediaStreamingBehavior";
    /// Change routing priority / age.
    UpdateContactRoutingBehavior(params::UpdateContactRoutingBehavior) = "UpdateContactRoutingBehavior";
    /// Set routing criteria.
    UpdateRoutingCriteria(params::UpdateRoutingCriteria) = "UpdateRoutingCriteria";
    /// Hold customer or agent.
    UpdatePreviousContactParticipantState(params::UpdatePreviousContactParticipantState) = "UpdatePreviousContactParticipantState";
    /// Update contact data (name, language, Voice ID switches, …).
    UpdateContactData(Box<params::UpdateContactData>) = "UpdateContactData";
    /// Call phone number (outbound whisper / campaigns).
    CompleteOutboundCall(Box<params::CompleteOutboundCall>) = "CompleteOutboundCall";
    /// Invoke a flow module; continues at `NextAction` when the module returns.
    InvokeFlowModule(params::InvokeFlowModule) = "InvokeFlowModule";
    /// Return from a flow module. Terminal within the module.
    EndFlowModuleExecution(params::EndFlowModuleExecution) = "EndFlowModuleExecution";
    /// Create a task.
    CreateTask(Box<params::CreateTask>) = "CreateTask";
    /// Cases: create a case.
    CreateCase(Box<params::CreateCase>) = "CreateCase";
    /// Cases: get a case.
    GetCase(Box<params::GetCase>) = "GetCase";
    /// Cases: update a case.
    UpdateCase(Box<params::UpdateCase>) = "UpdateCase";
    /// Tag the contact.
    TagContact(params::TagContact) = "TagContact";
    /// Remove tags from the contact.
    UnTagContact(params::UnTagContact) = "UnTagContact";
    /// Create an Amazon Q in Connect (Wisdom) session.
    CreateWisdomSession(params::CreateWisdomSession) = "CreateWisdomSession";
    /// Start an outbound chat (SMS) contact.
    StartOutboundChatContact(params::StartOutboundChatContact) = "StartOutboundChatContact";
    /// Resume a paused contact.
    ResumeContact(params::ResumeContact) = "ResumeContact";
    /// Configure media processing of the contact.
    UpdateContactMediaProcessing(params::UpdateContactMediaProcessing) = "UpdateContactMediaProcessing";
    // Flow control actions.
    /// Check contact attributes: compares a value with each condition in turn.
    Compare(params::Compare) = "Compare";
    /// Check hours of operation: results `True` / `False`.
    CheckHoursOfOperation(params::CheckHoursOfOperation) = "CheckHoursOfOperation";
    /// Check staffing / queue status: compares a metric.
    CheckMetricData(params::CheckMetricData) = "CheckMetricData";
    /// Get queue metrics into `$.Metrics.*`.
    GetMetricData(params::GetMetricData) = "GetMetricData";
    /// Distribute by percentage: a random number 1–100 tested by `NumberLessThan` thresholds.
    DistributeByPercentage(params::DistributeByPercentage) = "DistributeByPercentage";
    /// Loop: `ContinueLooping` LoopCount times, then `DoneLooping`.
    Loop(params::Loop) = "Loop";
    /// Wait: `WaitCompleted` or the event that fired.
    Wait(params::Wait) = "Wait";
    /// Transfer to another flow; success leaves this flow.
    TransferToFlow(params::TransferToFlow) = "TransferToFlow";
    /// End flow / Resume (whisper, queue and hold flows). Terminal.
    EndFlowExecution(params::EndFlowExecution) = "EndFlowExecution";
    /// Set logging behavior.
    UpdateFlowLoggingBehavior(params::UpdateFlowLoggingBehavior) = "UpdateFlowLoggingBehavior";
    /// Set flow attributes (scoped to the current flow).
    UpdateFlowAttributes(params::UpdateFlowAttributes) = "UpdateFlowAttributes";
    /// Check Voice ID: branches on the enrollment / authentication / fraud result.
    CheckVoiceId(params::CheckVoiceId) = "CheckVoiceId";
    /// Start the Voice ID audio stream.
    StartVoiceIdStream(params::StartVoiceIdStream) = "StartVoiceIdStream";
    /// Check call progress (outbound campaigns).
    CheckOutboundCallStatus(params::CheckOutboundCallStatus) = "CheckOutboundCallStatus";
    // Interactions.
    /// Invoke an AWS Lambda function; the result goes to `$.External`.
    InvokeLambdaFunction(Box<params::InvokeLambdaFunction>) = "InvokeLambdaFunction";
    /// Create a callback contact (Transfer to queue in callback mode).
    CreateCallbackContact(Box<params::CreateCallbackContact>) = "CreateCallbackContact";
    /// Customer Profiles: get a profile.
    GetCustomerProfile(Box<CustomerProfileParams>) = "GetCustomerProfile";
    /// Customer Profiles: create a profile.
    CreateCustomerProfile(Box<CustomerProfileParams>) = "CreateCustomerProfile";
    /// Customer Profiles: update a profile.
    UpdateCustomerProfile(Box<CustomerProfileParams>) = "UpdateCustomerProfile";
    /// Customer Profiles: associate the contact with a profile.
    AssociateContactToCustomerProfile(Box<CustomerProfileParams>) = "AssociateContactToCustomerProfile";
    /// Customer Profiles: get a profile object.
    GetCustomerProfileObject(Box<CustomerProfileParams>) = "GetCustomerProfileObject";
    /// Customer Profiles: get calculated attributes.
    GetCalculatedAttributesForCustomerProfile(Box<CustomerProfileParams>) = "GetCalculatedAttributesForCustomerProfile";
}

impl std::fmt::Display for ActionType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One action of a flow: `{Identifier, Type, Parameters, Transitions}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// `Identifier`: unique in the flow (see [`validate_identifier`](super::validate_identifier)).
    pub identifier: CompactString,
    /// `Type` and `Parameters`.
    pub kind: ActionKind,
    /// `Transitions`.
    pub transitions: Transitions,
    /// Leave the `Parameters` key out when the parameters are empty. Exports do that for some
    /// parameterless actions (e.g. `TransferContactToQueue`); by default `{}` is written.
    pub omit_empty_parameters: bool,
    /// Other keys of the action object, kept as written.
    pub extra: Extra,
}

/// The keys of an action object that the model names.
pub(crate) const ACTION_KEYS: &[&str] = &["Identifier", "Type", "Parameters", "Transitions"];

impl Action {
    /// An action with the given identifier, kind and transitions.
    #[must_use]
    pub fn new(
        identifier: impl Into<CompactString>,
        kind: ActionKind,
        transitions: Transitions,
    ) -> Self {
        Self {
            identifier: identifier.into(),
            kind,
            transitions,
            omit_empty_parameters: false,
            extra: Extra::new(),
        }
    }

    /// The `Type` string.
    #[must_use]
    pub fn type_name(&self) -> &str {
        self.kind.type_name()
    }

    /// The known type (also for `Unknown` kinds whose name is known).
    #[must_use]
    pub fn action_type(&self) -> Option<ActionType> {
        self.kind.action_type()
    }
}

impl serde::Serialize for Action {
    /// Keys in the order of the AWS docs: `Identifier`, `Type`, `Parameters`, `Transitions`,
    /// then unknown keys.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("Identifier", self.identifier.as_str())?;
        map.serialize_entry("Type", self.type_name())?;
        if !(self.omit_empty_parameters && self.kind.parameters_empty()) {
            map.serialize_entry("Parameters", &Parameters(&self.kind))?;
        }
        map.serialize_entry("Transitions", &self.transitions)?;
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_stay_small() {
        // The largest unboxed parameters (104 bytes) plus transitions, identifier and extra
        // keys: 232 bytes. An unboxed `GetParticipantInput` made it 1,144; inline `IndexMap`s
        // for the unknown keys (72 bytes each, now a one-pointer `Extra`) made it 424.
        assert!(
            std::mem::size_of::<ActionKind>() <= 104,
            "ActionKind is {} bytes: box the parameter struct that grew",
            std::mem::size_of::<ActionKind>()
        );
        assert!(std::mem::size_of::<Action>() <= 232);
    }
}
