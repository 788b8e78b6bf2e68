//! [`ConnectApi`] over the AWS SDK's Connect client, for one instance, and [`LexApi`] over the
//! Lex V2 model building client (the zip upload goes through the SDK's own HTTP connector).

use aws_sdk_connect::Client;
use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_connect::types::{ContactFlowType, LexV2Bot, LexVersion};
use aws_sdk_lexmodelsv2::types::{
    BotAliasLocaleSettings, BotImportSpecification, BotLocaleStatus, BotStatus,
    BotVersionLocaleDetails, DataPrivacy, ImportResourceSpecification, ImportStatus, MergeStrategy,
};
use aws_smithy_runtime_api::client::http::{HttpConnector as _, SharedHttpConnector};
use aws_smithy_runtime_api::http::Request as HttpRequest;
use aws_smithy_types::body::SdkBody;

use crate::api::{ApiError, ConnectApi, Created, Summary};
use crate::lex_api::{AliasSummary, BotSummary, ImportSpec, LexApi, Progress, UploadUrl};

/// The clients and the instance a deploy writes to.
#[derive(Debug, Clone)]
pub struct Aws {
    pub connect: Client,
    pub instance_id: String,
    pub lex: aws_sdk_lexmodelsv2::Client,
    /// Puts bot zips at Lex's pre-signed upload URLs.
    pub uploader: SharedHttpConnector,
    /// `arn:PARTITION:lex:REGION:ACCOUNT`, the start of the bots' alias ARNs.
    pub lex_arn_prefix: String,
}

/// `arn:PARTITION:lex:REGION:ACCOUNT` for `region` and the partition and account of the role
/// (the bots live in the role's account), or `None` when `role` is not an ARN.
#[must_use]
pub fn lex_arn_prefix(role: &str, region: &str) -> Option<String> {
    let parts: Vec<&str> = role.split(':').collect();
    match parts.as_slice() {
        ["arn", partition, "iam", "", account, ..] => {
            Some(format!("arn:{partition}:lex:{region}:{account}"))
        }
        _ => None,
    }
}

const DRAFT: &str = "DRAFT";

/// An alias's settings for one locale: enabled, without a code hook (the language has no Lambda
/// code hooks for bots). The API does not document what an alias without settings for a locale
/// does, so every locale of the bot is enabled explicitly.
fn enabled() -> BotAliasLocaleSettings {
    BotAliasLocaleSettings::builder().enabled(true).build()
}

fn failure(status: &str, reasons: &[String]) -> Progress {
    if reasons.is_empty() {
        Progress::Failed(status.to_owned())
    } else {
        Progress::Failed(format!("{status}: {}", reasons.join("; ")))
    }
}

fn error<E>(operation: &'static str) -> impl FnOnce(E) -> ApiError
where
    E: ProvideErrorMetadata + std::error::Error,
{
    move |e| {
        let message = match (e.code(), e.message()) {
            (Some(code), Some(m)) => format!("{code}: {m}"),
            (Some(code), None) => code.to_owned(),
            _ => DisplayErrorContext(&e).to_string(),
        };
        ApiError { operation, message }
    }
}

fn missing(operation: &'static str, what: &str) -> ApiError {
    ApiError {
        operation,
        message: format!("the response has no {what}"),
    }
}

impl ConnectApi for Aws {
    async fn list_flows(&self) -> Result<Vec<Summary>, ApiError> {
        const OP: &str = "ListContactFlows";
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .connect
                .list_contact_flows()
                .instance_id(&self.instance_id)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(error(OP))?;
            out.extend(page.contact_flow_summary_list().iter().map(|s| Summary {
                name: s.name().unwrap_or_default().to_owned(),
                id: s.id().unwrap_or_default().to_owned(),
                arn: s.arn().unwrap_or_default().to_owned(),
                flow_type: s.contact_flow_type().map(|t| t.as_str().to_owned()),
            }));
            match page.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(out),
            }
        }
    }

    async fn list_modules(&self) -> Result<Vec<Summary>, ApiError> {
        const OP: &str = "ListContactFlowModules";
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .connect
                .list_contact_flow_modules()
                .instance_id(&self.instance_id)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(error(OP))?;
            out.extend(
                page.contact_flow_modules_summary_list()
                    .iter()
                    .map(|s| Summary {
                        name: s.name().unwrap_or_default().to_owned(),
                        id: s.id().unwrap_or_default().to_owned(),
                        arn: s.arn().unwrap_or_default().to_owned(),
                        flow_type: None,
                    }),
            );
            match page.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(out),
            }
        }
    }

    async fn describe_flow(&self, id: &str) -> Result<String, ApiError> {
        const OP: &str = "DescribeContactFlow";
        let out = self
            .connect
            .describe_contact_flow()
            .instance_id(&self.instance_id)
            .contact_flow_id(id)
            .send()
            .await
            .map_err(error(OP))?;
        out.contact_flow()
            .and_then(|f| f.content())
            .map(str::to_owned)
            .ok_or_else(|| missing(OP, "content"))
    }

    async fn describe_module(&self, id: &str) -> Result<String, ApiError> {
        const OP: &str = "DescribeContactFlowModule";
        let out = self
            .connect
            .describe_contact_flow_module()
            .instance_id(&self.instance_id)
            .contact_flow_module_id(id)
            .send()
            .await
            .map_err(error(OP))?;
        out.contact_flow_module()
            .and_then(|f| f.content())
            .map(str::to_owned)
            .ok_or_else(|| missing(OP, "content"))
    }

    async fn create_flow(
        &self,
        name: &str,
        flow_type: &str,
        description: Option<&str>,
        content: &str,
    ) -> Result<Created, ApiError> {
        const OP: &str = "CreateContactFlow";
        let out = self
            .connect
            .create_contact_flow()
            .instance_id(&self.instance_id)
            .name(name)
            .r#type(ContactFlowType::from(flow_type))
            .set_description(description.map(str::to_owned))
            .content(content)
            .send()
            .await
            .map_err(error(OP))?;
        match (out.contact_flow_id(), out.contact_flow_arn()) {
            (Some(id), Some(arn)) => Ok(Created {
                id: id.to_owned(),
                arn: arn.to_owned(),
            }),
            _ => Err(missing(OP, "id or ARN")),
        }
    }

    async fn update_flow_content(&self, id: &str, content: &str) -> Result<(), ApiError> {
        self.connect
            .update_contact_flow_content()
            .instance_id(&self.instance_id)
            .contact_flow_id(id)
            .content(content)
            .send()
            .await
            .map_err(error("UpdateContactFlowContent"))?;
        Ok(())
    }

    async fn create_module(
        &self,
        name: &str,
        description: Option<&str>,
        content: &str,
    ) -> Result<Created, ApiError> {
        const OP: &str = "CreateContactFlowModule";
        let out = self
            .connect
            .create_contact_flow_module()
            .instance_id(&self.instance_id)
            .name(name)
            .set_description(description.map(str::to_owned))
            .content(content)
            .send()
            .await
            .map_err(error(OP))?;
        match (out.id(), out.arn()) {
            (Some(id), Some(arn)) => Ok(Created {
                id: id.to_owned(),
                arn: arn.to_owned(),
            }),
            _ => Err(missing(OP, "id or ARN")),
        }
    }

    async fn update_module_content(&self, id: &str, content: &str) -> Result<(), ApiError> {
        self.connect
            .update_contact_flow_module_content()
            .instance_id(&self.instance_id)
            .contact_flow_module_id(id)
            .content(content)
            .send()
            .await
            .map_err(error("UpdateContactFlowModuleContent"))?;
        Ok(())
    }

    async fn list_lex_bots(&self) -> Result<Vec<String>, ApiError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .connect
                .list_bots()
                .instance_id(&self.instance_id)
                .lex_version(LexVersion::V2)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(error("ListBots"))?;
            out.extend(
                page.lex_bots()
                    .iter()
                    .filter_map(|b| b.lex_v2_bot().and_then(|v| v.alias_arn()))
                    .map(str::to_owned),
            );
            match page.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(out),
            }
        }
    }

    async fn associate_lex_bot(&self, alias_arn: &str) -> Result<(), ApiError> {
        self.connect
            .associate_bot()
            .instance_id(&self.instance_id)
            .lex_v2_bot(LexV2Bot::builder().alias_arn(alias_arn).build())
            .send()
            .await
            .map_err(error("AssociateBot"))?;
        Ok(())
    }
}

impl LexApi for Aws {
    async fn list_bots(&self) -> Result<Vec<BotSummary>, ApiError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .lex
                .list_bots()
                .set_next_token(token.take())
                .send()
                .await
                .map_err(error("ListBots"))?;
            out.extend(page.bot_summaries().iter().map(|b| BotSummary {
                name: b.bot_name().unwrap_or_default().to_owned(),
                id: b.bot_id().unwrap_or_default().to_owned(),
            }));
            match page.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(out),
            }
        }
    }

    async fn list_bot_aliases(&self, bot_id: &str) -> Result<Vec<AliasSummary>, ApiError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .lex
                .list_bot_aliases()
                .bot_id(bot_id)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(error("ListBotAliases"))?;
            out.extend(page.bot_alias_summaries().iter().map(|a| AliasSummary {
                name: a.bot_alias_name().unwrap_or_default().to_owned(),
                id: a.bot_alias_id().unwrap_or_default().to_owned(),
                description: a.description().map(str::to_owned),
                version: a.bot_version().map(str::to_owned),
            }));
            match page.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(out),
            }
        }
    }

    async fn create_upload_url(&self) -> Result<UploadUrl, ApiError> {
        const OP: &str = "CreateUploadUrl";
        let out = self
            .lex
            .create_upload_url()
            .send()
            .await
            .map_err(error(OP))?;
        match (out.import_id(), out.upload_url()) {
            (Some(id), Some(url)) => Ok(UploadUrl {
                import_id: id.to_owned(),
                url: url.to_owned(),
            }),
            _ => Err(missing(OP, "import id or upload URL")),
        }
    }

    async fn upload(&self, url: &str, zip: &[u8]) -> Result<(), ApiError> {
        const OP: &str = "upload of the bot zip";
        let fail = |message: String| ApiError {
            operation: OP,
            message,
        };
        let mut request = HttpRequest::new(SdkBody::from(zip.to_vec()));
        request.set_method("PUT").map_err(|e| fail(e.to_string()))?;
        request.set_uri(url).map_err(|e| fail(e.to_string()))?;
        request
            .headers_mut()
            .insert("content-length", zip.len().to_string());
        let response = self
            .uploader
            .call(request)
            .await
            .map_err(|e| fail(DisplayErrorContext(&e).to_string()))?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            // The URL is pre-signed: the error names the status only, never the URL.
            Err(fail(format!("HTTP status {}", status.as_u16())))
        }
    }

    async fn start_import(&self, import_id: &str, spec: &ImportSpec<'_>) -> Result<(), ApiError> {
        const OP: &str = "StartImport";
        let bot = BotImportSpecification::builder()
            .bot_name(spec.bot_name)
            .role_arn(spec.role_arn)
            .data_privacy(
                DataPrivacy::builder()
                    .child_directed(spec.child_directed)
                    .build(),
            )
            .idle_session_ttl_in_seconds(spec.idle_session_ttl)
            .build()
            .map_err(|e| ApiError {
                operation: OP,
                message: e.to_string(),
            })?;
        self.lex
            .start_import()
            .import_id(import_id)
            .resource_specification(
                ImportResourceSpecification::builder()
                    .bot_import_specification(bot)
                    .build(),
            )
            .merge_strategy(MergeStrategy::Overwrite)
            .send()
            .await
            .map_err(error(OP))?;
        Ok(())
    }

    async fn describe_import(&self, import_id: &str) -> Result<Progress, ApiError> {
        let out = self
            .lex
            .describe_import()
            .import_id(import_id)
            .send()
            .await
            .map_err(error("DescribeImport"))?;
        let status = out.import_status().map(|s| s.as_str().to_owned());
        Ok(match out.import_status() {
            Some(ImportStatus::Completed) => {
                Progress::Done(out.imported_resource_id().map(str::to_owned))
            }
            Some(ImportStatus::Failed | ImportStatus::Deleting) => {
                failure(&status.unwrap_or_default(), out.failure_reasons())
            }
            _ => Progress::Running(status.unwrap_or_default()),
        })
    }

    async fn build_bot_locale(&self, bot_id: &str, locale: &str) -> Result<(), ApiError> {
        self.lex
            .build_bot_locale()
            .bot_id(bot_id)
            .bot_version(DRAFT)
            .locale_id(locale)
            .send()
            .await
            .map_err(error("BuildBotLocale"))?;
        Ok(())
    }

    async fn describe_bot_locale(&self, bot_id: &str, locale: &str) -> Result<Progress, ApiError> {
        let out = self
            .lex
            .describe_bot_locale()
            .bot_id(bot_id)
            .bot_version(DRAFT)
            .locale_id(locale)
            .send()
            .await
            .map_err(error("DescribeBotLocale"))?;
        let status = out
            .bot_locale_status()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default();
        Ok(match out.bot_locale_status() {
            Some(BotLocaleStatus::Built) => Progress::Done(None),
            Some(
                BotLocaleStatus::Failed | BotLocaleStatus::NotBuilt | BotLocaleStatus::Deleting,
            ) => failure(&status, out.failure_reasons()),
            _ => Progress::Running(status),
        })
    }

    async fn create_bot_version(
        &self,
        bot_id: &str,
        locales: &[String],
    ) -> Result<String, ApiError> {
        const OP: &str = "CreateBotVersion";
        let mut req = self.lex.create_bot_version().bot_id(bot_id);
        for locale in locales {
            let details = BotVersionLocaleDetails::builder()
                .source_bot_version(DRAFT)
                .build()
                .map_err(|e| ApiError {
                    operation: OP,
                    message: e.to_string(),
                })?;
            req = req.bot_version_locale_specification(locale, details);
        }
        let out = req.send().await.map_err(error(OP))?;
        out.bot_version()
            .map(str::to_owned)
            .ok_or_else(|| missing(OP, "version"))
    }

    async fn describe_bot_version(
        &self,
        bot_id: &str,
        version: &str,
    ) -> Result<Progress, ApiError> {
        let out = self
            .lex
            .describe_bot_version()
            .bot_id(bot_id)
            .bot_version(version)
            .send()
            .await
            .map_err(error("DescribeBotVersion"))?;
        let status = out
            .bot_status()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default();
        Ok(match out.bot_status() {
            Some(BotStatus::Available) => Progress::Done(None),
            Some(BotStatus::Failed | BotStatus::Deleting) => {
                failure(&status, out.failure_reasons())
            }
            _ => Progress::Running(status),
        })
    }

    async fn create_bot_alias(
        &self,
        bot_id: &str,
        name: &str,
        version: &str,
        locales: &[String],
        description: &str,
    ) -> Result<String, ApiError> {
        const OP: &str = "CreateBotAlias";
        let mut req = self
            .lex
            .create_bot_alias()
            .bot_id(bot_id)
            .bot_alias_name(name)
            .bot_version(version)
            .description(description);
        for locale in locales {
            req = req.bot_alias_locale_settings(locale, enabled());
        }
        let out = req.send().await.map_err(error(OP))?;
        out.bot_alias_id()
            .map(str::to_owned)
            .ok_or_else(|| missing(OP, "alias id"))
    }

    async fn update_bot_alias(
        &self,
        bot_id: &str,
        alias_id: &str,
        name: &str,
        version: &str,
        locales: &[String],
        description: &str,
    ) -> Result<(), ApiError> {
        let mut req = self
            .lex
            .update_bot_alias()
            .bot_id(bot_id)
            .bot_alias_id(alias_id)
            .bot_alias_name(name)
            .bot_version(version)
            .description(description);
        for locale in locales {
            req = req.bot_alias_locale_settings(locale, enabled());
        }
        req.send().await.map_err(error("UpdateBotAlias"))?;
        Ok(())
    }

    async fn list_bot_versions(&self, bot_id: &str) -> Result<Vec<String>, ApiError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .lex
                .list_bot_versions()
                .bot_id(bot_id)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(error("ListBotVersions"))?;
            out.extend(
                page.bot_version_summaries()
                    .iter()
                    .filter(|v| v.bot_status() != Some(&BotStatus::Deleting))
                    .filter_map(|v| v.bot_version())
                    .filter(|v| *v != DRAFT)
                    .map(str::to_owned),
            );
            match page.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(out),
            }
        }
    }

    async fn delete_bot_version(&self, bot_id: &str, version: &str) -> Result<(), ApiError> {
        self.lex
            .delete_bot_version()
            .bot_id(bot_id)
            .bot_version(version)
            .skip_resource_in_use_check(false)
            .send()
            .await
            .map_err(error("DeleteBotVersion"))?;
        Ok(())
    }

    fn alias_arn(&self, bot_id: &str, alias_id: &str) -> String {
        format!("{}:bot-alias/{bot_id}/{alias_id}", self.lex_arn_prefix)
    }
}
