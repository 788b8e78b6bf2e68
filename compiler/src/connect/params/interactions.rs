//! Parameters of interactions: Lambda, callbacks, Customer Profiles.

use indexmap::IndexMap;
use serde_json::Value;

use super::CallerId;
use crate::connect::json::json_struct;
use crate::connect::scalar::Scalar;

json_struct! {
    /// `InvokeLambdaFunction` (AWS Lambda function). The result goes to `$.External`.
    pub struct InvokeLambdaFunction {
        /// `LambdaFunctionARN`.
        "LambdaFunctionARN" => lambda_function_arn: Scalar,
        /// `InvocationTimeLimitSeconds`: 1–8, static.
        "InvocationTimeLimitSeconds" => invocation_time_limit_seconds: Scalar,
        /// `InvocationType`: `SYNCHRONOUS` / `ASYNCHRONOUS`.
        "InvocationType" => invocation_type: Scalar,
        /// `LambdaInvocationAttributes`: name → value sent to the function.
        "LambdaInvocationAttributes" => lambda_invocation_attributes: IndexMap<String, Scalar>,
        /// `ResponseValidation`.
        "ResponseValidation" => response_validation: ResponseValidation,
    }
}

impl InvokeLambdaFunction {
    /// `InvocationTimeLimitSeconds` as a number (`"8"` → 8).
    #[must_use]
    pub fn invocation_time_limit_seconds(&self) -> Option<u32> {
        self.invocation_time_limit_seconds
            .as_ref()
            .and_then(Scalar::as_u32)
    }
}

json_struct! {
    /// `ResponseValidation` of `InvokeLambdaFunction`.
    pub struct ResponseValidation {
        /// `ResponseType`: `STRING_MAP` or `JSON`.
        "ResponseType" => response_type: Scalar,
    }
}

json_struct! {
    /// `CreateCallbackContact` (Transfer to queue in callback mode).
    pub struct CreateCallbackContact {
        /// `InitialCallDelaySeconds`: ≤259200.
        "InitialCallDelaySeconds" => initial_call_delay_seconds: Scalar,
        /// `MaximumConnectionAttempts`.
        "MaximumConnectionAttempts" => maximum_connection_attempts: Scalar,
        /// `RetryDelaySeconds`: ≤259200.
        "RetryDelaySeconds" => retry_delay_seconds: Scalar,
        /// `QueueId`.
        "QueueId" => queue_id: Scalar,
        /// `AgentId`.
        "AgentId" => agent_id: Scalar,
        /// `ContactFlowId`: the outbound whisper flow of the callback.
        "ContactFlowId" => contact_flow_id: Scalar,
        /// `CallerId`.
        "CallerId" => caller_id: CallerId,
    }
}

json_struct! {
    /// The Customer Profiles actions (`GetCustomerProfile`, `CreateCustomerProfile`,
    /// `UpdateCustomerProfile`, `AssociateContactToCustomerProfile`, `GetCustomerProfileObject`,
    /// `GetCalculatedAttributesForCustomerProfile`).
    pub struct CustomerProfileParams {
        /// `ProfileRequestData`: field → value.
        "ProfileRequestData" => profile_request_data: IndexMap<String, Value>,
        /// `ProfileResponseData`: a list of field names in exports (an object in the docs).
        "ProfileResponseData" => profile_response_data: Value,
    }
}
