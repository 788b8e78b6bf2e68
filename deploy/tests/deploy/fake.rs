//! A Connect instance in memory, served through aws-smithy-mocks: every rule computes its
//! response from the shared state, so the real SDK client (serialisation of requests, parsing
//! of responses, error mapping) runs against it. Each call is logged with its important fields.

use std::sync::{Arc, Mutex, MutexGuard};

use aws_sdk_connect::Client;
use aws_sdk_connect::error::ErrorMetadata;
use aws_sdk_connect::operation::associate_bot::{AssociateBotError, AssociateBotOutput};
use aws_sdk_connect::operation::create_contact_flow::{
    CreateContactFlowError, CreateContactFlowOutput,
};
use aws_sdk_connect::operation::create_contact_flow_module::{
    CreateContactFlowModuleError, CreateContactFlowModuleOutput,
};
use aws_sdk_connect::operation::describe_contact_flow::DescribeContactFlowOutput;
use aws_sdk_connect::operation::describe_contact_flow_module::DescribeContactFlowModuleOutput;
use aws_sdk_connect::operation::list_bots::ListBotsOutput;
use aws_sdk_connect::operation::list_contact_flow_modules::ListContactFlowModulesOutput;
use aws_sdk_connect::operation::list_contact_flows::ListContactFlowsOutput;
use aws_sdk_connect::operation::update_contact_flow_content::{
    UpdateContactFlowContentError, UpdateContactFlowContentOutput,
};
use aws_sdk_connect::operation::update_contact_flow_module_content::{
    UpdateContactFlowModuleContentError, UpdateContactFlowModuleContentOutput,
};
use aws_sdk_connect::types::error::InvalidRequestException;
use aws_sdk_connect::types::{
    ContactFlow, ContactFlowModule, ContactFlowModuleSummary, ContactFlowSummary, ContactFlowType,
};
use aws_sdk_connect::types::{LexBotConfig, LexV2Bot, LexVersion};
use aws_smithy_mocks::{MockResponse, Rule, RuleMode, mock, mock_client};

pub const INSTANCE: &str = "11111111-2222-3333-4444-555555555555";
const INSTANCE_ARN: &str =
    "arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-3333-4444-555555555555";

/// A flow or module of the fake instance.
#[derive(Debug, Clone)]
pub struct Stored {
    pub module: bool,
    pub name: String,
    pub id: String,
    pub arn: String,
    pub flow_type: String,
    pub content: String,
}

/// One API call as the instance received it.
#[derive(Debug, Clone)]
pub struct Call {
    /// `CreateContactFlow Main CONTACT_FLOW`, `UpdateContactFlowContent Main`, …
    pub line: String,
    /// The content written, for writes.
    pub content: Option<String>,
}

#[derive(Debug, Default)]
pub struct State {
    pub flows: Vec<Stored>,
    /// The Lex account (see `fake_lex.rs`).
    pub lex: crate::fake_lex::LexState,
    /// The Lex V2 alias ARNs associated with the instance.
    pub associated: Vec<String>,
    pub calls: Vec<Call>,
    writes: usize,
    /// The write (1-based) that fails with `InvalidRequestException`.
    pub fail_on_write: Option<usize>,
}

impl State {
    fn by_id(&self, id: &str) -> Option<&Stored> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// Makes the `n`th write from now (1-based) fail.
    pub fn fail_write_from_now(&mut self, n: usize) {
        self.fail_on_write = Some(self.writes + n);
    }

    /// Counts a write; `true` when it is the one that must fail.
    pub fn write_fails(&mut self) -> bool {
        self.writes += 1;
        self.fail_on_write == Some(self.writes)
    }

    /// An `Update…Content` call of operation `op` on flow or module `id`: logged, then failed
    /// when it is the write chosen to fail (`true`), else stored.
    fn update_content(&mut self, op: &str, id: &str, content: &str) -> bool {
        let name = self.by_id(id).unwrap().name.clone();
        self.log(format!("{op} {name}"), Some(content));
        if self.write_fails() {
            return true;
        }
        let stored = stored_form(content);
        if let Some(f) = self.flows.iter_mut().find(|f| f.id == id) {
            f.content = stored;
        }
        false
    }

    pub fn log(&mut self, line: String, content: Option<&str>) {
        self.calls.push(Call {
            line,
            content: content.map(str::to_owned),
        });
    }

    fn create(&mut self, module: bool, name: &str, flow_type: &str, content: &str) -> Stored {
        let n = self.flows.iter().filter(|f| f.module == module).count() + 1;
        let (id, kind) = if module {
            (format!("module-{n}"), "flow-module")
        } else {
            (format!("flow-{n}"), "contact-flow")
        };
        let stored = Stored {
            module,
            name: name.to_owned(),
            arn: format!("{INSTANCE_ARN}/{kind}/{id}"),
            id,
            flow_type: flow_type.to_owned(),
            content: stored_form(content),
        };
        self.flows.push(stored.clone());
        stored
    }
}

/// Lists come in pages of [`PAGE`]; the token is the index of the next page's first item.
pub const PAGE: usize = 4;

pub fn page<'a, T>(all: &'a [T], token: Option<&str>) -> (&'a [T], Option<String>) {
    let start: usize = token.map_or(0, |t| t.parse().unwrap());
    let end = (start + PAGE).min(all.len());
    let next = (end < all.len()).then(|| end.to_string());
    (&all[start..end], next)
}

/// Connect gives content back in its own formatting: compact, as here.
fn stored_form(content: &str) -> String {
    serde_json::from_str::<serde_json::Value>(content)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| content.to_owned())
}

fn rejected(op: &str) -> ErrorMetadata {
    ErrorMetadata::builder()
        .code("InvalidRequestException")
        .message(format!("{op} rejected by the test"))
        .build()
}

fn invalid(op: &str) -> InvalidRequestException {
    InvalidRequestException::builder()
        .message(format!("{op} rejected by the test"))
        .meta(rejected(op))
        .build()
}

/// The fake instance and its state.
#[derive(Clone, Default)]
pub struct Fake {
    pub state: Arc<Mutex<State>>,
}

impl Fake {
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// The calls logged since the last `take_calls`.
    pub fn take_calls(&self) -> Vec<Call> {
        std::mem::take(&mut self.state().calls)
    }

    /// A Connect client whose every call this fake answers.
    pub fn client(&self) -> Client {
        let rules = self.rules();
        mock_client!(aws_sdk_connect, RuleMode::MatchAny, &rules)
    }

    fn rules(&self) -> Vec<Rule> {
        let s = self.state.clone();
        let list_flows = mock!(Client::list_contact_flows).then_compute_output(move |req| {
            assert_eq!(req.instance_id(), Some(INSTANCE));
            let mut st = s.lock().unwrap();
            st.log("ListContactFlows".to_owned(), None);
            let mut out = ListContactFlowsOutput::builder();
            let all: Vec<&Stored> = st.flows.iter().filter(|f| !f.module).collect();
            let (page, next) = page(&all, req.next_token());
            if let Some(t) = next {
                out = out.next_token(t);
            }
            for f in page {
                out = out.contact_flow_summary_list(
                    ContactFlowSummary::builder()
                        .id(&f.id)
                        .arn(&f.arn)
                        .name(&f.name)
                        .contact_flow_type(ContactFlowType::from(f.flow_type.as_str()))
                        .build(),
                );
            }
            out.build()
        });
        let s = self.state.clone();
        let list_modules =
            mock!(Client::list_contact_flow_modules).then_compute_output(move |req| {
                assert_eq!(req.instance_id(), Some(INSTANCE));
                let mut st = s.lock().unwrap();
                st.log("ListContactFlowModules".to_owned(), None);
                let mut out = ListContactFlowModulesOutput::builder();
                let all: Vec<&Stored> = st.flows.iter().filter(|f| f.module).collect();
                let (page, next) = page(&all, req.next_token());
                if let Some(t) = next {
                    out = out.next_token(t);
                }
                for f in page {
                    out = out.contact_flow_modules_summary_list(
                        ContactFlowModuleSummary::builder()
                            .id(&f.id)
                            .arn(&f.arn)
                            .name(&f.name)
                            .build(),
                    );
                }
                out.build()
            });
        let s = self.state.clone();
        let describe_flow = mock!(Client::describe_contact_flow).then_compute_output(move |req| {
            let mut st = s.lock().unwrap();
            let f = st.by_id(req.contact_flow_id().unwrap()).unwrap().clone();
            st.log(format!("DescribeContactFlow {}", f.name), None);
            DescribeContactFlowOutput::builder()
                .contact_flow(
                    ContactFlow::builder()
                        .id(&f.id)
                        .arn(&f.arn)
                        .name(&f.name)
                        .content(&f.content)
                        .build(),
                )
                .build()
        });
        let s = self.state.clone();
        let describe_module =
            mock!(Client::describe_contact_flow_module).then_compute_output(move |req| {
                let mut st = s.lock().unwrap();
                let f = st
                    .by_id(req.contact_flow_module_id().unwrap())
                    .unwrap()
                    .clone();
                st.log(format!("DescribeContactFlowModule {}", f.name), None);
                DescribeContactFlowModuleOutput::builder()
                    .contact_flow_module(
                        ContactFlowModule::builder()
                            .id(&f.id)
                            .arn(&f.arn)
                            .name(&f.name)
                            .content(&f.content)
                            .build(),
                    )
                    .build()
            });
        let s = self.state.clone();
        let create_flow = mock!(Client::create_contact_flow).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let name = req.name().unwrap();
            let ty = req.r#type().unwrap().as_str().to_owned();
            let content = req.content().unwrap();
            st.log(format!("CreateContactFlow {name} {ty}"), Some(content));
            if st.write_fails() {
                return MockResponse::Error(CreateContactFlowError::InvalidRequestException(
                    invalid("CreateContactFlow"),
                ));
            }
            let f = st.create(false, name, &ty, content);
            MockResponse::Output(
                CreateContactFlowOutput::builder()
                    .contact_flow_id(f.id)
                    .contact_flow_arn(f.arn)
                    .build(),
            )
        });
        let s = self.state.clone();
        let create_module =
            mock!(Client::create_contact_flow_module).then_compute_response(move |req| {
                let mut st = s.lock().unwrap();
                let name = req.name().unwrap();
                let content = req.content().unwrap();
                st.log(format!("CreateContactFlowModule {name}"), Some(content));
                if st.write_fails() {
                    return MockResponse::Error(
                        CreateContactFlowModuleError::InvalidRequestException(invalid(
                            "CreateContactFlowModule",
                        )),
                    );
                }
                let f = st.create(true, name, "", content);
                MockResponse::Output(
                    CreateContactFlowModuleOutput::builder()
                        .id(f.id)
                        .arn(f.arn)
                        .build(),
                )
            });
        let s = self.state.clone();
        let update_flow =
            mock!(Client::update_contact_flow_content).then_compute_response(move |req| {
                let (id, content) = (req.contact_flow_id().unwrap(), req.content().unwrap());
                if s.lock()
                    .unwrap()
                    .update_content("UpdateContactFlowContent", id, content)
                {
                    return MockResponse::Error(
                        UpdateContactFlowContentError::InvalidRequestException(invalid(
                            "UpdateContactFlowContent",
                        )),
                    );
                }
                MockResponse::Output(UpdateContactFlowContentOutput::builder().build())
            });
        let s = self.state.clone();
        let update_module = mock!(Client::update_contact_flow_module_content)
            .then_compute_response(move |req| {
                let (id, content) = (
                    req.contact_flow_module_id().unwrap(),
                    req.content().unwrap(),
                );
                if s.lock()
                    .unwrap()
                    .update_content("UpdateContactFlowModuleContent", id, content)
                {
                    return MockResponse::Error(
                        UpdateContactFlowModuleContentError::InvalidRequestException(invalid(
                            "UpdateContactFlowModuleContent",
                        )),
                    );
                }
                MockResponse::Output(UpdateContactFlowModuleContentOutput::builder().build())
            });
        let s = self.state.clone();
        let list_lex_bots = mock!(Client::list_bots).then_compute_output(move |req| {
            assert_eq!(req.instance_id(), Some(INSTANCE));
            assert_eq!(req.lex_version(), Some(&LexVersion::V2));
            let mut st = s.lock().unwrap();
            st.log("ListBots (connect)".to_owned(), None);
            let mut out = ListBotsOutput::builder();
            for arn in &st.associated {
                out = out.lex_bots(
                    LexBotConfig::builder()
                        .lex_v2_bot(LexV2Bot::builder().alias_arn(arn).build())
                        .build(),
                );
            }
            out.build()
        });
        let s = self.state.clone();
        let associate = mock!(Client::associate_bot).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let arn = req.lex_v2_bot().unwrap().alias_arn().unwrap().to_owned();
            st.log(format!("AssociateBot {arn}"), None);
            if st.write_fails() {
                return MockResponse::Error(AssociateBotError::InvalidRequestException(invalid(
                    "AssociateBot",
                )));
            }
            st.associated.push(arn);
            MockResponse::Output(AssociateBotOutput::builder().build())
        });
        vec![
            list_lex_bots,
            associate,
            list_flows,
            list_modules,
            describe_flow,
            describe_module,
            create_flow,
            create_module,
            update_flow,
            update_module,
        ]
    }
}
