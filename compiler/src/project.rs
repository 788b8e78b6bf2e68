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

/// One environment file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentFile {
    #[serde(default)]
    pub connect: ConnectSection,
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
            "sections are [connect] (instance_arn, region), [queues], [lambdas], [bots], [flows], [hours], [phone_numbers], [prompts], [keys], [key_certificates] and [values]; each value is a string",
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
            "`dialect.toml` has a `[project]` table with `name` and `environments`",
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
}
