//! Parameters of participant actions: prompts, input, Lex, views, third-party transfer.

use indexmap::IndexMap;
use serde_json::Value;

use super::{CallerId, Media, impl_prompt};
use crate::connect::json::json_struct;
use crate::connect::scalar::Scalar;

json_struct! {
    /// `MessageParticipant` (Play prompt).
    pub struct MessageParticipant {
        /// `Text`: text to speech or a chat message (static or dynamic).
        "Text" => text: Scalar,
        /// `SSML`: text to speech with SSML markup (voice only).
        "SSML" => ssml: Scalar,
        /// `PromptId`: a prompt by ID or ARN (voice only).
        "PromptId" => prompt_id: Scalar,
        /// `Media`: an audio file in S3.
        "Media" => media: Media,
    }
}

json_struct! {
    /// `GetParticipantInput` (Get customer input with DTMF, or Store customer input).
    pub struct GetParticipantInput {
        /// `Text` prompt.
        "Text" => text: Scalar,
        /// `SSML` prompt.
        "SSML" => ssml: Scalar,
        /// `PromptId` prompt.
        "PromptId" => prompt_id: Scalar,
        /// `Media` prompt.
        "Media" => media: Media,
        /// `InputTimeLimitSeconds`: seconds to wait for the first digit.
        "InputTimeLimitSeconds" => input_time_limit_seconds: Scalar,
        /// `StoreInput`: `"True"` stores the digits in `$.StoredCustomerInput`; `"False"`
        /// branches on the pressed digit.
        "StoreInput" => store_input: Scalar,
        /// `InputValidation`: required when `StoreInput` is true.
        "InputValidation" => input_validation: InputValidation,
        /// `InputEncryption`: only with `CustomValidation`.
        "InputEncryption" => input_encryption: InputEncryption,
        /// `DTMFConfiguration`: terminator, cancel key, interdigit timeout.
        "DTMFConfiguration" => dtmf_configuration: DtmfConfiguration,
    }
}

impl GetParticipantInput {
    /// `InputTimeLimitSeconds` as a number.
    #[must_use]
    pub fn input_time_limit_seconds(&self) -> Option<u32> {
        self.input_time_limit_seconds
            .as_ref()
            .and_then(Scalar::as_u32)
    }

    /// Whether the input is stored (`StoreInput` `"True"`); absent or unreadable means false.
    #[must_use]
    pub fn stores_input(&self) -> bool {
        self.store_input
            .as_ref()
            .and_then(Scalar::as_bool)
            .unwrap_or(false)
    }

    /// Whether the stored input is validated as a phone number.
    #[must_use]
    pub fn validates_phone_number(&self) -> bool {
        self.input_validation
            .as_ref()
            .is_some_and(|v| v.phone_number_validation.is_some())
    }
}

json_struct! {
    /// `InputValidation` of `GetParticipantInput`: one of the two kinds.
    pub struct InputValidation {
        /// `PhoneNumberValidation`: the input must be a phone number.
        "PhoneNumberValidation" => phone_number_validation: PhoneNumberValidation,
        /// `CustomValidation`: the input is up to `MaximumLength` digits.
        "CustomValidation" => custom_validation: CustomValidation,
    }
}

json_struct! {
    /// `PhoneNumberValidation`.
    pub struct PhoneNumberValidation {
        /// `NumberFormat`: `Local` or `E164`.
        "NumberFormat" => number_format: Scalar,
        /// `CountryCode`: for `Local` numbers, e.g. `US`.
        "CountryCode" => country_code: Scalar,
    }
}

json_struct! {
    /// `CustomValidation`.
    pub struct CustomValidation {
        /// `MaximumLength`: the most digits accepted.
        "MaximumLength" => maximum_length: Scalar,
    }
}

json_struct! {
    /// `InputEncryption`: encrypts stored input with a customer key.
    pub struct InputEncryption {
        /// `EncryptionKeyId`.
        "EncryptionKeyId" => encryption_key_id: Scalar,
        /// `Key`: the public key (PEM).
        "Key" => key: Scalar,
    }
}

json_struct! {
    /// `DTMFConfiguration` of `GetParticipantInput`.
    pub struct DtmfConfiguration {
        /// `InputTerminationSequence`: up to 5 digits that end the input, e.g. `#`.
        "InputTerminationSequence" => input_termination_sequence: Scalar,
        /// `DisableCancelKey`: `"True"` / `"False"`.
        "DisableCancelKey" => disable_cancel_key: Scalar,
        /// `InterdigitTimeLimitSeconds`: 1–20.
        "InterdigitTimeLimitSeconds" => interdigit_time_limit_seconds: Scalar,
    }
}

json_struct! {
    /// `ConnectParticipantWithLexBot` (Get customer input with Lex).
    pub struct ConnectParticipantWithLexBot {
        /// `Text` prompt.
        "Text" => text: Scalar,
        /// `SSML` prompt.
        "SSML" => ssml: Scalar,
        /// `PromptId` prompt.
        "PromptId" => prompt_id: Scalar,
        /// `Media` prompt.
        "Media" => media: Media,
        /// `LexV2Bot`: a Lex V2 bot alias.
        "LexV2Bot" => lex_v2_bot: LexV2Bot,
        /// `LexBot`: a Lex V1 bot (end of support in 2025).
        "LexBot" => lex_bot: LexBot,
        /// `LexSessionAttributes`: session attributes passed to the bot.
        "LexSessionAttributes" => lex_session_attributes: IndexMap<String, Scalar>,
        /// `LexInitializationData` (chat only). The doc syntax misspells it
        /// `LexInitilizationData`; that spelling stays in `extra`.
        "LexInitializationData" => lex_initialization_data: LexInitializationData,
        /// `LexTimeoutSeconds` (chat only).
        "LexTimeoutSeconds" => lex_timeout_seconds: LexTimeoutSeconds,
    }
}

json_struct! {
    /// `LexV2Bot`.
    pub struct LexV2Bot {
        /// `AliasArn`: the bot alias ARN (static or a JSONPath).
        "AliasArn" => alias_arn: Scalar,
    }
}

json_struct! {
    /// `LexBot` (Lex V1).
    pub struct LexBot {
        /// `Name`.
        "Name" => name: Scalar,
        /// `Region`.
        "Region" => region: Scalar,
        /// `Alias`.
        "Alias" => alias: Scalar,
    }
}

json_struct! {
    /// `LexInitializationData`.
    pub struct LexInitializationData {
        /// `InitialMessage`.
        "InitialMessage" => initial_message: Scalar,
    }
}

json_struct! {
    /// `LexTimeoutSeconds`.
    pub struct LexTimeoutSeconds {
        /// `Text`: the chat timeout in seconds.
        "Text" => text: Scalar,
    }
}

json_struct! {
    /// `DisconnectParticipant` (Disconnect / hang up): no parameters.
    pub struct DisconnectParticipant {}
}

json_struct! {
    /// `MessageParticipantIteratively` (Loop prompts).
    pub struct MessageParticipantIteratively {
        /// `Messages`: the prompts, played in turn.
        "Messages" => messages: Vec<Message>,
        /// `InterruptFrequencySeconds`: interrupt every N seconds (takes `MessagesInterrupted`).
        "InterruptFrequencySeconds" => interrupt_frequency_seconds: Scalar,
    }
}

impl MessageParticipantIteratively {
    /// `InterruptFrequencySeconds` as a number.
    #[must_use]
    pub fn interrupt_frequency_seconds(&self) -> Option<u32> {
        self.interrupt_frequency_seconds
            .as_ref()
            .and_then(Scalar::as_u32)
    }
}

json_struct! {
    /// One message of `MessageParticipantIteratively`.
    pub struct Message {
        /// `Text` prompt.
        "Text" => text: Scalar,
        /// `SSML` prompt.
        "SSML" => ssml: Scalar,
        /// `PromptId` prompt.
        "PromptId" => prompt_id: Scalar,
        /// `Media` prompt.
        "Media" => media: Media,
    }
}

impl_prompt!(
    MessageParticipant,
    GetParticipantInput,
    ConnectParticipantWithLexBot,
    Message
);

json_struct! {
    /// `ShowView` (step-by-step guides; chat/agent workspace).
    pub struct ShowView {
        /// `ViewResource`: the view and its version.
        "ViewResource" => view_resource: ViewResource,
        /// `InvocationTimeLimitSeconds`: how long to wait for the user.
        "InvocationTimeLimitSeconds" => invocation_time_limit_seconds: Scalar,
        /// `ViewData`: the view's inputs (free-form).
        "ViewData" => view_data: IndexMap<String, Value>,
        /// `SensitiveDataConfiguration`.
        "SensitiveDataConfiguration" => sensitive_data_configuration: SensitiveDataConfiguration,
    }
}

impl ShowView {
    /// `InvocationTimeLimitSeconds` as a number.
    #[must_use]
    pub fn invocation_time_limit_seconds(&self) -> Option<u32> {
        self.invocation_time_limit_seconds
            .as_ref()
            .and_then(Scalar::as_u32)
    }
}

json_struct! {
    /// `ViewResource` of `ShowView`.
    pub struct ViewResource {
        /// `Id`: a view ID or ARN (`form`, `confirmation`, …).
        "Id" => id: Scalar,
        /// `Version`: e.g. `Latest`.
        "Version" => version: Scalar,
    }
}

json_struct! {
    /// `SensitiveDataConfiguration` of `ShowView`.
    pub struct SensitiveDataConfiguration {
        /// `HideResponseOn`: e.g. `["TRANSCRIPT"]`.
        "HideResponseOn" => hide_response_on: Vec<Scalar>,
    }
}

json_struct! {
    /// `TransferParticipantToThirdParty` (Transfer to phone number).
    pub struct TransferParticipantToThirdParty {
        /// `ThirdPartyPhoneNumber`: E.164 or a JSONPath.
        "ThirdPartyPhoneNumber" => third_party_phone_number: Scalar,
        /// `ThirdPartyConnectionTimeLimitSeconds`: the name exports use.
        "ThirdPartyConnectionTimeLimitSeconds" => third_party_connection_time_limit_seconds: Scalar,
        /// `ThirdPartyConnectionTimeoutSeconds`: the name the docs use (0–600).
        "ThirdPartyConnectionTimeoutSeconds" => third_party_connection_timeout_seconds: Scalar,
        /// `ContinueFlowExecution`: `"True"` to resume the flow after the call.
        "ContinueFlowExecution" => continue_flow_execution: Scalar,
        /// `ThirdPartyDTMFDigits`: digits sent after connecting (≤50 of `0-9 , * #`).
        "ThirdPartyDTMFDigits" => third_party_dtmf_digits: Scalar,
        /// `CallerId`.
        "CallerId" => caller_id: CallerId,
    }
}

impl TransferParticipantToThirdParty {
    /// The connection timeout in seconds, under either spelling (exports' first).
    #[must_use]
    pub fn connection_timeout_seconds(&self) -> Option<u32> {
        self.third_party_connection_time_limit_seconds
            .as_ref()
            .or(self.third_party_connection_timeout_seconds.as_ref())
            .and_then(Scalar::as_u32)
    }

    /// Whether the flow continues after the transfer; absent or unreadable means false.
    #[must_use]
    pub fn continues_flow(&self) -> bool {
        self.continue_flow_execution
            .as_ref()
            .and_then(Scalar::as_bool)
            .unwrap_or(false)
    }
}
