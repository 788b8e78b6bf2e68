//! Project configuration: the project file `dialect.toml` and the environment files
//! (`environments/dev.toml`, …) that map logical names to ARNs and values.
//!
//! Only text comes in (the CLI reads the files); malformed files give `F003`/`F004` diagnostics
//! with the span TOML reports.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, Span};

/// `dialect.toml`
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProjectFile {
    #[serde(default)]
    pub project: ProjectSection,
    /// `[checks]`: severities, allowed findings and check settings.
    #[serde(default)]
    pub checks: ChecksConfig,
}

/// The level a project gives a check in `[checks]`: `L003 = "allow"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CheckLevel {
    /// The check does not run.
    Allow,
    /// Reported as info; never blocks.
    Info,
    /// Reported as a warning; blocks only with `--deny warnings`.
    Warning,
    /// Reported as an error; blocks.
    Error,
}

impl CheckLevel {
    /// The spelling in `dialect.toml`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CheckLevel::Allow => "allow",
            CheckLevel::Info => "info",
            CheckLevel::Warning => "warning",
            CheckLevel::Error => "error",
        }
    }
}

/// One `[[checks.allow]]` entry: a finding of `code` on one step (or action) that the team has
/// reviewed and accepts, with the reason written down.
///
/// ```toml
/// [[checks.allow]]
/// code = "L005"
/// flow = "order"          # optional: any flow when absent
/// step = "confirm-menu"   # a step name or an action identifier
/// reason = "the caller can always press 0 for an agent"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowEntry {
    /// The check code (`L005`).
    pub code: String,
    /// The flow name; any flow when absent.
    #[serde(default)]
    pub flow: Option<String>,
    /// The step name or action identifier.
    pub step: String,
    /// Why the finding is acceptable. Mandatory and not empty.
    pub reason: String,
}

/// The default name of the customer attribute that records consent to outbound calls.
pub const DEFAULT_CONSENT_ATTRIBUTE: &str = "Ok_to_call";

/// `[checks]` of `dialect.toml`.
///
/// ```toml
/// [checks]
/// L003 = "error"                      # per-check level: allow | info | warning | error
/// L009 = "allow"
/// consent_attribute = "Ok_to_call"    # what the outbound consent check (L010) looks for
///
/// [[checks.allow]]                    # accept one finding on one step, with a reason
/// code = "L005"
/// step = "confirm-menu"
/// reason = "the caller can always press 0 for an agent"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "toml::Table")]
pub struct ChecksConfig {
    /// Code id (upper case) → level.
    pub levels: BTreeMap<String, CheckLevel>,
    /// The consent attribute name (default [`DEFAULT_CONSENT_ATTRIBUTE`]).
    pub consent_attribute: String,
    /// Accepted findings.
    pub allow: Vec<AllowEntry>,
}

impl Default for ChecksConfig {
    fn default() -> Self {
        Self {
            levels: BTreeMap::new(),
            consent_attribute: DEFAULT_CONSENT_ATTRIBUTE.to_owned(),
            allow: Vec::new(),
        }
    }
}

impl ChecksConfig {
    /// The level configured for a code, if any.
    #[must_use]
    pub fn level(&self, code: &str) -> Option<CheckLevel> {
        self.levels.get(code).copied()
    }
}

impl TryFrom<toml::Table> for ChecksConfig {
    type Error = String;

    fn try_from(table: toml::Table) -> Result<Self, String> {
        let mut out = ChecksConfig::default();
        for (key, value) in table {
            match key.as_str() {
                "consent_attribute" => match value {
                    toml::Value::String(s) if !s.trim().is_empty() => out.consent_attribute = s,
                    _ => {
                        return Err(
                            "`checks.consent_attribute` must be a non-empty string".to_owned()
                        );
                    }
                },
                "allow" => {
                    let entries: Vec<AllowEntry> =
                        value.try_into().map_err(|e: toml::de::Error| {
                            format!("in `[[checks.allow]]`: {}", e.message())
                        })?;
                    for e in &entries {
                        if e.reason.trim().is_empty() {
                            return Err(format!(
                                "`[[checks.allow]]` for {} on `{}` needs a `reason`",
                                e.code, e.step
                            ));
                        }
                        if crate::checks::code(&e.code).is_none() {
                            return Err(format!(
                                "`[[checks.allow]]` names `{}`, which is not a check code",
                                e.code
                            ));
                        }
                    }
                    out.allow = entries;
                }
                code => {
                    let Some(c) = crate::checks::code(code) else {
                        return Err(format!(
                            "unknown key `{code}` in `[checks]`: expected a check code (L001…), `consent_attribute` or `allow`"
                        ));
                    };
                    let level = match value.as_str() {
                        Some("allow") => CheckLevel::Allow,
                        Some("info") => CheckLevel::Info,
                        Some("warning") => CheckLevel::Warning,
                        Some("error") => CheckLevel::Error,
                        _ => {
                            return Err(format!(
                                "`checks.{code}` must be \"allow\", \"info\", \"warning\" or \"error\""
                            ));
                        }
                    };
                    out.levels.insert(c.id().to_owned(), level);
                }
            }
        }
        Ok(out)
    }
}

/// `[project]`
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProjectSection {
    #[serde(default)]
    pub name: Option<String>,
    /// Folder of the environment files, relative to `dialect.toml`.
    #[serde(default = "default_environments")]
    pub environments: String,
}

impl Default for ProjectSection {
    fn default() -> Self {
        Self {
            name: None,
            environments: default_environments(),
        }
    }
}

fn default_environments() -> String {
    "environments".to_owned()
}

/// The sections of an environment file. Each maps a logical name to a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EnvSection {
    Queues,
    Lambdas,
    Bots,
    Flows,
    Hours,
    PhoneNumbers,
    Prompts,
    Keys,
    /// The public-key certificates (PEM) of the `[keys]`, by the same names.
    KeyCertificates,
    Values,
}

impl EnvSection {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            EnvSection::Queues => "queues",
            EnvSection::Lambdas => "lambdas",
            EnvSection::Bots => "bots",
            EnvSection::Flows => "flows",
            EnvSection::Hours => "hours",
            EnvSection::PhoneNumbers => "phone_numbers",
            EnvSection::Prompts => "prompts",
            EnvSection::Keys => "keys",
            EnvSection::KeyCertificates => "key_certificates",
            EnvSection::Values => "values",
        }
    }
}

/// `[connect]`
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConnectSection {
    pub instance_arn: Option<String>,
    pub region: Option<String>,
}

/// `[lex]`: what `dialect deploy` needs to create the project's Lex V2 bots.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LexSection {
    /// The IAM role Lex V2 runs the bots with (`CreateBot`/`StartImport` `roleArn`).
    pub role: Option<String>,
}

/// One environment file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentFile {
    #[serde(default)]
    pub connect: ConnectSection,
    #[serde(default)]
    pub lex: LexSection,
    #[serde(default)]
    pub queues: BTreeMap<String, String>,
    #[serde(default)]
    pub lambdas: BTreeMap<String, String>,
    #[serde(default)]
    pub bots: BTreeMap<String, String>,
    #[serde(default)]
    pub flows: BTreeMap<String, String>,
    #[serde(default)]
    pub hours: BTreeMap<String, String>,
    #[serde(default)]
    pub phone_numbers: BTreeMap<String, String>,
    #[serde(default)]
    pub prompts: BTreeMap<String, String>,
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    #[serde(default)]
    pub key_certificates: BTreeMap<String, String>,
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

impl EnvironmentFile {
    #[must_use]
    pub fn section(&self, s: EnvSection) -> &BTreeMap<String, String> {
        match s {
            EnvSection::Queues => &self.queues,
            EnvSection::Lambdas => &self.lambdas,
            EnvSection::Bots => &self.bots,
            EnvSection::Flows => &self.flows,
            EnvSection::Hours => &self.hours,
            EnvSection::PhoneNumbers => &self.phone_numbers,
            EnvSection::Prompts => &self.prompts,
            EnvSection::Keys => &self.keys,
            EnvSection::KeyCertificates => &self.key_certificates,
            EnvSection::Values => &self.values,
        }
    }

    /// Looks a logical name up in a section.
    #[must_use]
    pub fn get(&self, s: EnvSection, name: &str) -> Option<&str> {
        self.section(s).get(name).map(String::as_str)
    }
}

/// A loaded environment: its name (the file stem) and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    pub file: FileId,
    pub values: EnvironmentFile,
}

fn toml_diag(
    code: crate::diagnostics::Code,
    file: FileId,
    err: &toml::de::Error,
    what: &str,
    help: &str,
) -> Diagnostic {
    let span = err
        .span()
        .map_or(Span::point(file, 0), |r| Span::new(file, r.start, r.end));
    let msg = err
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .to_owned();
    Diagnostic::new(code, format!("invalid {what}: {msg}"))
        .with_label(span, msg)
        .with_help(help.to_owned())
}

/// Parses an environment file.
///
/// # Errors
/// A diagnostic (`F003`) when the text is not a valid environment file.
pub fn parse_environment(name: &str, file: FileId, text: &str) -> Result<Environment, Diagnostic> {
    toml::from_str::<EnvironmentFile>(text).map(|values| Environment { name: name.to_owned(), file, values }).map_err(|e| {
        toml_diag(
            codes::INVALID_ENVIRONMENT,
            file,
            &e,
            "environment file",
            "sections are [connect] (instance_arn, region), [lex] (role), [queues], [lambdas], [bots], [flows], [hours], [phone_numbers], [prompts], [keys], [key_certificates] and [values]; each value is a string",
        )
    })
}

/// Parses `dialect.toml`.
///
/// # Errors
/// A diagnostic (`F004`) when the text is not a valid project file.
pub fn parse_project_file(file: FileId, text: &str) -> Result<ProjectFile, Diagnostic> {
    toml::from_str::<ProjectFile>(text).map_err(|e| {
        toml_diag(
            codes::INVALID_PROJECT_FILE,
            file,
            &e,
            "project file",
            "`dialect.toml` has a `[project]` table with `name` and `environments`, and a `[checks]` table (see `docs/checks/README.md`)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_round_trip() {
        let env = parse_environment(
            "dev",
            FileId(0),
            "[queues]\nOrders = \"arn:q\"\n[lambdas]\nx = \"arn:l\"\n",
        )
        .unwrap();
        assert_eq!(env.values.get(EnvSection::Queues, "Orders"), Some("arn:q"));
        assert_eq!(env.values.get(EnvSection::Lambdas, "y"), None);
    }

    #[test]
    fn bad_environment_points_at_the_value() {
        let text = "[queues]\nOrders = 42\n";
        let d = parse_environment("dev", FileId(0), text).unwrap_err();
        assert_eq!(d.code, codes::INVALID_ENVIRONMENT);
        let s = d.primary_span().unwrap();
        assert_eq!(&text[s.range()], "42");
    }

    #[test]
    fn unknown_section_is_rejected() {
        let d = parse_environment("dev", FileId(0), "[queuez]\n").unwrap_err();
        assert!(d.message.contains("queuez"), "{}", d.message);
    }

    #[test]
    fn checks_section() {
        let text = "[checks]\nL003 = \"allow\"\nl001 = \"warning\"\nconsent_attribute = \"okToCall\"\n\n[[checks.allow]]\ncode = \"L005\"\nstep = \"menu\"\nreason = \"press 0 for an agent\"\n";
        let pf = parse_project_file(FileId(0), text).unwrap();
        assert_eq!(pf.checks.level("L003"), Some(CheckLevel::Allow));
        assert_eq!(pf.checks.level("L001"), Some(CheckLevel::Warning));
        assert_eq!(pf.checks.consent_attribute, "okToCall");
        assert_eq!(pf.checks.allow[0].step, "menu");
        assert_eq!(
            ProjectFile::default().checks.consent_attribute,
            "Ok_to_call"
        );
    }

    #[test]
    fn bad_checks_sections() {
        for bad in [
            "[checks]\nL003 = \"loud\"\n",
            "[checks]\nX003 = \"allow\"\n",
            "[checks]\nL999 = \"allow\"\n",
            "[[checks.allow]]\ncode = \"L005\"\nstep = \"menu\"\nreason = \"\"\n",
            "[[checks.allow]]\ncode = \"L005\"\nstep = \"menu\"\n",
        ] {
            let d = parse_project_file(FileId(0), bad).unwrap_err();
            assert_eq!(d.code, codes::INVALID_PROJECT_FILE, "{bad}");
        }
    }
}
