//! The Lex V2 side of the fake (bots, imports, locale builds, versions and their deletion,
//! aliases with their locale settings), served through
//! aws-smithy-mocks like the Connect side, sharing its state and call log; and the HTTP
//! connector that receives the zip uploads. Every asynchronous Lex operation reports itself
//! still running on its first check, so the deploy's polling is exercised.

use std::collections::BTreeMap;

use aws_sdk_lexmodelsv2::Client;
use aws_sdk_lexmodelsv2::error::ErrorMetadata;
use aws_sdk_lexmodelsv2::operation::build_bot_locale::{BuildBotLocaleError, BuildBotLocaleOutput};
use aws_sdk_lexmodelsv2::operation::create_bot_alias::{CreateBotAliasError, CreateBotAliasOutput};
use aws_sdk_lexmodelsv2::operation::create_bot_version::{
    CreateBotVersionError, CreateBotVersionOutput,
};
use aws_sdk_lexmodelsv2::operation::create_upload_url::CreateUploadUrlOutput;
use aws_sdk_lexmodelsv2::operation::delete_bot_version::{
    DeleteBotVersionError, DeleteBotVersionOutput,
};
use aws_sdk_lexmodelsv2::operation::describe_bot_locale::DescribeBotLocaleOutput;
use aws_sdk_lexmodelsv2::operation::describe_bot_version::DescribeBotVersionOutput;
use aws_sdk_lexmodelsv2::operation::describe_import::DescribeImportOutput;
use aws_sdk_lexmodelsv2::operation::list_bot_aliases::ListBotAliasesOutput;
use aws_sdk_lexmodelsv2::operation::list_bot_versions::ListBotVersionsOutput;
use aws_sdk_lexmodelsv2::operation::list_bots::ListBotsOutput;
use aws_sdk_lexmodelsv2::operation::start_import::{StartImportError, StartImportOutput};
use aws_sdk_lexmodelsv2::operation::update_bot_alias::{UpdateBotAliasError, UpdateBotAliasOutput};
use aws_sdk_lexmodelsv2::types::error::ValidationException;
use aws_sdk_lexmodelsv2::types::{
    BotAliasLocaleSettings, BotAliasSummary, BotLocaleStatus, BotStatus, BotSummary,
    BotVersionSummary, ImportStatus,
};
use aws_smithy_mocks::{MockResponse, Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, SharedHttpConnector,
};
use aws_smithy_runtime_api::http::{Request, Response, StatusCode};
use aws_smithy_types::body::SdkBody;

use crate::fake::{Fake, page};

pub const LEX_ARN: &str = "arn:aws:lex:ap-northeast-1:123456789012";

/// A bot of the fake account.
#[derive(Debug, Clone, Default)]
pub struct FakeBot {
    pub name: String,
    pub id: String,
    /// The zip last imported into the draft.
    pub draft: Vec<u8>,
    pub built: bool,
    /// The zip of each numbered version that exists.
    pub versions: BTreeMap<u64, Vec<u8>>,
    /// The last version number given (numbers are never reused).
    pub last_version: u64,
    /// Versions deleted: the fake lists them with the status `Deleting` for ever.
    pub deleting: Vec<u64>,
    /// (id, name, version, description)
    pub aliases: Vec<(String, String, String, String)>,
    /// The locales each alias enables, by alias id (`locale:enabled` or `locale:disabled`).
    pub alias_locales: BTreeMap<String, Vec<String>>,
}

impl FakeBot {
    /// The numbers of the versions that exist.
    pub fn version_numbers(&self) -> Vec<u64> {
        self.versions.keys().copied().collect()
    }
}

/// The Lex part of the fake's state.
#[derive(Debug, Default)]
pub struct LexState {
    pub bots: Vec<FakeBot>,
    /// Uploaded zips by URL.
    pub uploads: BTreeMap<String, Vec<u8>>,
    /// import id → (bot name, zip), once started.
    imports: BTreeMap<String, (String, Vec<u8>)>,
    /// How many times each asynchronous thing was checked.
    checks: BTreeMap<String, u32>,
    next_import: usize,
}

impl LexState {
    fn bot_mut(&mut self, id: &str) -> &mut FakeBot {
        self.bots.iter_mut().find(|b| b.id == id).unwrap()
    }

    /// `false` the first time `key` is checked, `true` afterwards.
    fn ready(&mut self, key: String) -> bool {
        let n = self.checks.entry(key).or_default();
        *n += 1;
        *n > 1
    }
}

/// The alias's locale settings as the fake keeps them, sorted.
fn locale_settings(
    settings: Option<&std::collections::HashMap<String, BotAliasLocaleSettings>>,
) -> Vec<String> {
    let mut out: Vec<String> = settings
        .into_iter()
        .flatten()
        .map(|(l, s)| {
            assert!(s.code_hook_specification().is_none(), "a code hook on {l}");
            format!("{l}:{}", if s.enabled() { "enabled" } else { "disabled" })
        })
        .collect();
    out.sort();
    out
}

fn invalid(op: &str) -> ValidationException {
    ValidationException::builder()
        .message(format!("{op} rejected by the test"))
        .meta(
            ErrorMetadata::builder()
                .code("ValidationException")
                .message(format!("{op} rejected by the test"))
                .build(),
        )
        .build()
}

/// Receives the PUT of a zip at an upload URL.
#[derive(Clone)]
struct Uploads(Fake);

impl std::fmt::Debug for Uploads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Uploads")
    }
}

impl HttpConnector for Uploads {
    fn call(&self, mut request: Request) -> HttpConnectorFuture {
        let mut st = self.0.state();
        assert_eq!(request.method(), "PUT");
        let url = request.uri().to_owned();
        let body = request.take_body().bytes().unwrap().to_vec();
        st.log(format!("PUT {url}"), None);
        st.lex.uploads.insert(url, body);
        HttpConnectorFuture::ready(Ok(Response::new(
            StatusCode::try_from(200).unwrap(),
            SdkBody::empty(),
        )))
    }
}

impl Fake {
    /// The connector that takes the uploads.
    pub fn uploader(&self) -> SharedHttpConnector {
        SharedHttpConnector::new(Uploads(self.clone()))
    }

    /// A Lex V2 client whose every call this fake answers.
    pub fn lex_client(&self) -> Client {
        let rules = self.lex_rules();
        mock_client!(aws_sdk_lexmodelsv2, RuleMode::MatchAny, &rules)
    }

    fn lex_rules(&self) -> Vec<Rule> {
        let s = self.state.clone();
        let list_bots = mock!(Client::list_bots).then_compute_output(move |_| {
            let mut st = s.lock().unwrap();
            st.log("ListBots".to_owned(), None);
            let mut out = ListBotsOutput::builder();
            for b in &st.lex.bots {
                out = out.bot_summaries(
                    BotSummary::builder()
                        .bot_id(&b.id)
                        .bot_name(&b.name)
                        .build(),
                );
            }
            out.build()
        });
        let s = self.state.clone();
        let list_aliases = mock!(Client::list_bot_aliases).then_compute_output(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let bot = st.lex.bot_mut(&id).clone();
            st.log(format!("ListBotAliases {}", bot.name), None);
            let mut out = ListBotAliasesOutput::builder().bot_id(&id);
            for (alias_id, name, version, description) in &bot.aliases {
                out = out.bot_alias_summaries(
                    BotAliasSummary::builder()
                        .bot_alias_id(alias_id)
                        .bot_alias_name(name)
                        .bot_version(version)
                        .description(description)
                        .build(),
                );
            }
            out.build()
        });
        let s = self.state.clone();
        let upload_url = mock!(Client::create_upload_url).then_compute_output(move |_| {
            let mut st = s.lock().unwrap();
            st.lex.next_import += 1;
            let id = format!("import-{}", st.lex.next_import);
            st.log("CreateUploadUrl".to_owned(), None);
            CreateUploadUrlOutput::builder()
                .import_id(&id)
                .upload_url(format!("https://upload.test/{id}"))
                .build()
        });
        let s = self.state.clone();
        let start_import = mock!(Client::start_import).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let import_id = req.import_id().unwrap().to_owned();
            let spec = req
                .resource_specification()
                .unwrap()
                .bot_import_specification()
                .unwrap();
            let name = spec.bot_name().to_owned();
            st.log(
                format!(
                    "StartImport {name} {} {}",
                    req.merge_strategy().unwrap().as_str(),
                    spec.role_arn()
                ),
                None,
            );
            if st.write_fails() {
                return MockResponse::Error(StartImportError::ValidationException(invalid(
                    "StartImport",
                )));
            }
            let zip = st.lex.uploads[&format!("https://upload.test/{import_id}")].clone();
            st.lex.imports.insert(import_id.clone(), (name, zip));
            MockResponse::Output(StartImportOutput::builder().import_id(import_id).build())
        });
        let s = self.state.clone();
        let describe_import = mock!(Client::describe_import).then_compute_output(move |req| {
            let mut st = s.lock().unwrap();
            let import_id = req.import_id().unwrap().to_owned();
            let (name, zip) = st.lex.imports[&import_id].clone();
            st.log(format!("DescribeImport {name}"), None);
            let out = DescribeImportOutput::builder().import_id(&import_id);
            if !st.lex.ready(import_id) {
                return out.import_status(ImportStatus::InProgress).build();
            }
            let n = st.lex.bots.len() + 1;
            let id = match st.lex.bots.iter_mut().find(|b| b.name == name) {
                Some(b) => {
                    b.draft = zip;
                    b.built = false;
                    b.id.clone()
                }
                None => {
                    let id = format!("BOTID{n:05}");
                    st.lex.bots.push(FakeBot {
                        name,
                        id: id.clone(),
                        draft: zip,
                        ..FakeBot::default()
                    });
                    id
                }
            };
            out.import_status(ImportStatus::Completed)
                .imported_resource_id(id)
                .build()
        });
        let s = self.state.clone();
        let build = mock!(Client::build_bot_locale).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let name = st.lex.bot_mut(&id).name.clone();
            st.log(
                format!(
                    "BuildBotLocale {name} {} {}",
                    req.bot_version().unwrap(),
                    req.locale_id().unwrap()
                ),
                None,
            );
            if st.write_fails() {
                return MockResponse::Error(BuildBotLocaleError::ValidationException(invalid(
                    "BuildBotLocale",
                )));
            }
            st.lex.checks.remove(&format!("build {id}"));
            MockResponse::Output(BuildBotLocaleOutput::builder().build())
        });
        let s = self.state.clone();
        let describe_locale = mock!(Client::describe_bot_locale).then_compute_output(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let name = st.lex.bot_mut(&id).name.clone();
            st.log(format!("DescribeBotLocale {name}"), None);
            let status = if st.lex.ready(format!("build {id}")) {
                st.lex.bot_mut(&id).built = true;
                BotLocaleStatus::Built
            } else {
                BotLocaleStatus::Building
            };
            DescribeBotLocaleOutput::builder()
                .bot_locale_status(status)
                .build()
        });
        let s = self.state.clone();
        let version = mock!(Client::create_bot_version).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let name = st.lex.bot_mut(&id).name.clone();
            let mut locales: Vec<String> = req
                .bot_version_locale_specification()
                .unwrap()
                .iter()
                .map(|(l, d)| format!("{l}<-{}", d.source_bot_version()))
                .collect();
            locales.sort();
            st.log(
                format!("CreateBotVersion {name} {}", locales.join(",")),
                None,
            );
            if st.write_fails() {
                return MockResponse::Error(CreateBotVersionError::ValidationException(invalid(
                    "CreateBotVersion",
                )));
            }
            let bot = st.lex.bot_mut(&id);
            assert!(bot.built, "a version of a draft that is not built");
            assert!(
                bot.versions.len() < 100,
                "Lex allows 100 versions per bot: CreateBotVersion would fail"
            );
            let draft = bot.draft.clone();
            bot.last_version += 1;
            let n = bot.last_version;
            bot.versions.insert(n, draft);
            MockResponse::Output(
                CreateBotVersionOutput::builder()
                    .bot_version(n.to_string())
                    .build(),
            )
        });
        let s = self.state.clone();
        let describe_version =
            mock!(Client::describe_bot_version).then_compute_output(move |req| {
                let mut st = s.lock().unwrap();
                let id = req.bot_id().unwrap().to_owned();
                let v = req.bot_version().unwrap().to_owned();
                let name = st.lex.bot_mut(&id).name.clone();
                st.log(format!("DescribeBotVersion {name} {v}"), None);
                let status = if st.lex.ready(format!("version {id} {v}")) {
                    BotStatus::Available
                } else {
                    BotStatus::Versioning
                };
                DescribeBotVersionOutput::builder()
                    .bot_status(status)
                    .build()
            });
        let s = self.state.clone();
        let create_alias = mock!(Client::create_bot_alias).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let name = st.lex.bot_mut(&id).name.clone();
            let alias = req.bot_alias_name().unwrap().to_owned();
            let version = req.bot_version().unwrap().to_owned();
            let locales = locale_settings(req.bot_alias_locale_settings());
            st.log(
                format!(
                    "CreateBotAlias {name} {alias} {version} {}",
                    locales.join(",")
                ),
                None,
            );
            if st.write_fails() {
                return MockResponse::Error(CreateBotAliasError::ValidationException(invalid(
                    "CreateBotAlias",
                )));
            }
            let alias_id = format!("ALIAS{}", &id[5..]);
            let description = req.description().unwrap().to_owned();
            let bot = st.lex.bot_mut(&id);
            bot.aliases
                .push((alias_id.clone(), alias, version, description));
            bot.alias_locales.insert(alias_id.clone(), locales);
            MockResponse::Output(
                CreateBotAliasOutput::builder()
                    .bot_alias_id(alias_id)
                    .build(),
            )
        });
        let s = self.state.clone();
        let update_alias = mock!(Client::update_bot_alias).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let name = st.lex.bot_mut(&id).name.clone();
            let version = req.bot_version().unwrap().to_owned();
            let locales = locale_settings(req.bot_alias_locale_settings());
            st.log(
                format!(
                    "UpdateBotAlias {name} {} {version} {}",
                    req.bot_alias_name().unwrap(),
                    locales.join(",")
                ),
                None,
            );
            if st.write_fails() {
                return MockResponse::Error(UpdateBotAliasError::ValidationException(invalid(
                    "UpdateBotAlias",
                )));
            }
            let alias_id = req.bot_alias_id().unwrap();
            let description = req.description().unwrap().to_owned();
            let bot = st.lex.bot_mut(&id);
            // The update replaces the alias's settings: locales not sent are not enabled.
            bot.alias_locales.insert(alias_id.to_owned(), locales);
            let a = bot.aliases.iter_mut().find(|a| a.0 == alias_id).unwrap();
            a.2 = version;
            a.3 = description;
            MockResponse::Output(UpdateBotAliasOutput::builder().build())
        });
        let s = self.state.clone();
        let list_versions = mock!(Client::list_bot_versions).then_compute_output(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let bot = st.lex.bot_mut(&id);
            let name = bot.name.clone();
            // DRAFT and versions being deleted are listed too; the deploy skips them.
            let mut all: Vec<(String, BotStatus)> =
                vec![("DRAFT".to_owned(), BotStatus::Available)];
            all.extend(
                bot.versions
                    .keys()
                    .map(|v| (v.to_string(), BotStatus::Available)),
            );
            all.extend(
                bot.deleting
                    .iter()
                    .map(|v| (v.to_string(), BotStatus::Deleting)),
            );
            // Newest first, as Lex sorts by default.
            all.sort_by_key(|(v, _)| std::cmp::Reverse(v.parse::<u64>().unwrap_or(0)));
            let (page, next) = page(&all, req.next_token());
            st.log(format!("ListBotVersions {name}"), None);
            let mut out = ListBotVersionsOutput::builder().bot_id(&id);
            if let Some(t) = next {
                out = out.next_token(t);
            }
            for (v, status) in page {
                out = out.bot_version_summaries(
                    BotVersionSummary::builder()
                        .bot_name(&name)
                        .bot_version(v)
                        .bot_status(status.clone())
                        .build(),
                );
            }
            out.build()
        });
        let s = self.state.clone();
        let delete_version = mock!(Client::delete_bot_version).then_compute_response(move |req| {
            let mut st = s.lock().unwrap();
            let id = req.bot_id().unwrap().to_owned();
            let v = req.bot_version().unwrap().to_owned();
            let name = st.lex.bot_mut(&id).name.clone();
            st.log(format!("DeleteBotVersion {name} {v}"), None);
            assert_eq!(req.skip_resource_in_use_check(), Some(false));
            if st.write_fails() {
                return MockResponse::Error(DeleteBotVersionError::ValidationException(invalid(
                    "DeleteBotVersion",
                )));
            }
            let bot = st.lex.bot_mut(&id);
            let n: u64 = v.parse().expect("only numbered versions are deleted");
            assert!(
                !bot.aliases.iter().any(|a| a.2 == v),
                "version {v} of {name} is in use by an alias"
            );
            assert!(bot.versions.remove(&n).is_some(), "no version {v}");
            bot.deleting.push(n);
            MockResponse::Output(
                DeleteBotVersionOutput::builder()
                    .bot_id(&id)
                    .bot_version(v)
                    .bot_status(BotStatus::Deleting)
                    .build(),
            )
        });
        vec![
            list_versions,
            delete_version,
            list_bots,
            list_aliases,
            upload_url,
            start_import,
            describe_import,
            build,
            describe_locale,
            version,
            describe_version,
            create_alias,
            update_alias,
        ]
    }
}
