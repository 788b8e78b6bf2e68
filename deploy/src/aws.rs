//! [`ConnectApi`] over the AWS SDK's Connect client, for one instance.

use aws_sdk_connect::Client;
use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_connect::types::ContactFlowType;

use crate::api::{ApiError, ConnectApi, Created, Summary};

/// The Connect client and the instance it deploys to.
#[derive(Debug, Clone)]
pub struct Aws {
    pub connect: Client,
    pub instance_id: String,
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
}
