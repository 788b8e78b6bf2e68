//! The small interface the deploy needs from Amazon Connect: listing, reading and writing flows
//! and modules, and the Lex V2 bots associated with the instance. [`crate::aws::Aws`] implements it over the SDK clients; the planner never sees
//! it, the reader and the executor use it.

use std::fmt;

/// A flow or module as the list operations return it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    pub id: String,
    pub arn: String,
    /// The flow type; `None` for modules.
    pub flow_type: Option<String>,
}

/// What a create returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub arn: String,
}

/// A failed call: the API operation and the service's message (never credentials: the SDK's
/// error text holds the error code and message only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub operation: &'static str,
    pub message: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {}", self.operation, self.message)
    }
}

/// The Connect operations of a deploy, on one instance.
#[allow(async_fn_in_trait)] // used with concrete types on one thread; no `Send` bound needed
pub trait ConnectApi {
    /// Every contact flow of the instance (all pages).
    async fn list_flows(&self) -> Result<Vec<Summary>, ApiError>;
    /// Every flow module of the instance (all pages).
    async fn list_modules(&self) -> Result<Vec<Summary>, ApiError>;
    /// The content of the flow `id`.
    async fn describe_flow(&self, id: &str) -> Result<String, ApiError>;
    /// The content of the module `id`.
    async fn describe_module(&self, id: &str) -> Result<String, ApiError>;
    async fn create_flow(
        &self,
        name: &str,
        flow_type: &str,
        description: Option<&str>,
        content: &str,
    ) -> Result<Created, ApiError>;
    async fn update_flow_content(&self, id: &str, content: &str) -> Result<(), ApiError>;
    async fn create_module(
        &self,
        name: &str,
        description: Option<&str>,
        content: &str,
    ) -> Result<Created, ApiError>;
    async fn update_module_content(&self, id: &str, content: &str) -> Result<(), ApiError>;
    /// The alias ARNs of the Lex V2 bots associated with the instance (`ListBots`, all pages).
    async fn list_lex_bots(&self) -> Result<Vec<String>, ApiError>;
    /// `AssociateBot` with a Lex V2 alias ARN, so that flows may use it.
    async fn associate_lex_bot(&self, alias_arn: &str) -> Result<(), ApiError>;
}
