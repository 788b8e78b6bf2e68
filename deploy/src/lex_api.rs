//! The small interface the deploy needs from Lex V2 (model building): finding a bot and its
//! alias by name, importing the build's zip, building locales, versioning and moving the alias,
//! listing and deleting old versions.
//! [`crate::aws::Aws`] implements it over the SDK client; the planner never sees it.

use crate::api::ApiError;

/// A bot as `ListBots` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotSummary {
    pub name: String,
    pub id: String,
}

/// A bot alias as `ListBotAliases` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasSummary {
    pub name: String,
    pub id: String,
    /// The deploy keeps the content hash of the bot definition behind the alias here.
    pub description: Option<String>,
    pub version: Option<String>,
}

/// What `CreateUploadUrl` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadUrl {
    pub import_id: String,
    pub url: String,
}

/// The state of an asynchronous Lex operation (an import, a locale build, a version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Still running: the service's status word (`InProgress`, `Building`, `Versioning`…).
    Running(String),
    /// Finished; for an import, the id of the bot it wrote.
    Done(Option<String>),
    /// Failed: the status and the service's reasons.
    Failed(String),
}

/// What the import of a bot definition needs besides the zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSpec<'a> {
    pub bot_name: &'a str,
    pub role_arn: &'a str,
    pub child_directed: bool,
    pub idle_session_ttl: i32,
}

/// The Lex V2 operations of a deploy.
#[allow(async_fn_in_trait)] // used with concrete types on one thread; no `Send` bound needed
pub trait LexApi {
    /// Every bot of the account and region (all pages).
    async fn list_bots(&self) -> Result<Vec<BotSummary>, ApiError>;
    /// Every alias of the bot `bot_id` (all pages).
    async fn list_bot_aliases(&self, bot_id: &str) -> Result<Vec<AliasSummary>, ApiError>;
    /// `CreateUploadUrl`: where to put a zip to import.
    async fn create_upload_url(&self) -> Result<UploadUrl, ApiError>;
    /// Puts `zip` at the pre-signed `url` (HTTP PUT).
    async fn upload(&self, url: &str, zip: &[u8]) -> Result<(), ApiError>;
    /// `StartImport` of the uploaded zip as the bot `spec.bot_name`, overwriting its draft.
    async fn start_import(&self, import_id: &str, spec: &ImportSpec<'_>) -> Result<(), ApiError>;
    /// `DescribeImport`: the import's progress (`Done` carries the bot id).
    async fn describe_import(&self, import_id: &str) -> Result<Progress, ApiError>;
    /// `BuildBotLocale` of the draft.
    async fn build_bot_locale(&self, bot_id: &str, locale: &str) -> Result<(), ApiError>;
    /// `DescribeBotLocale` of the draft: `Done` once built.
    async fn describe_bot_locale(&self, bot_id: &str, locale: &str) -> Result<Progress, ApiError>;
    /// `CreateBotVersion` from the draft, for `locales`: the new version.
    async fn create_bot_version(
        &self,
        bot_id: &str,
        locales: &[String],
    ) -> Result<String, ApiError>;
    /// `DescribeBotVersion`: `Done` once available.
    async fn describe_bot_version(&self, bot_id: &str, version: &str)
    -> Result<Progress, ApiError>;
    /// `CreateBotAlias` pointing at `version`, with `locales` enabled (and no code hook): the
    /// alias id.
    async fn create_bot_alias(
        &self,
        bot_id: &str,
        name: &str,
        version: &str,
        locales: &[String],
        description: &str,
    ) -> Result<String, ApiError>;
    /// `UpdateBotAlias`: points the alias at `version`, with `locales` enabled (the update
    /// replaces the alias's settings, so they are sent every time).
    async fn update_bot_alias(
        &self,
        bot_id: &str,
        alias_id: &str,
        name: &str,
        version: &str,
        locales: &[String],
        description: &str,
    ) -> Result<(), ApiError>;
    /// `ListBotVersions` (all pages): the numbered versions of the bot that are not already
    /// being deleted, in any order (never `DRAFT`).
    async fn list_bot_versions(&self, bot_id: &str) -> Result<Vec<String>, ApiError>;
    /// `DeleteBotVersion` of a numbered version, letting Lex refuse one that an alias or a bot
    /// network still uses.
    async fn delete_bot_version(&self, bot_id: &str, version: &str) -> Result<(), ApiError>;
    /// The ARN of an alias (Lex returns ids only; the ARN is built from the region and the
    /// account).
    fn alias_arn(&self, bot_id: &str, alias_id: &str) -> String;
}
