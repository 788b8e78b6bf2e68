//! [`Externals`]: where lowering finds the values that live outside the project — the ARNs of
//! queues, Lambdas, bots, flows and hours, phone numbers, keys and plain values.
//!
//! `dialect build --env NAME` uses [`EnvExternals`] (the environment file). A CloudFormation
//! bundle can supply its own implementation that answers with `${...}` substitutions. Lowering
//! never reports a missing value itself: [`check_environment`](crate::compile::check_environment)
//! is the one place that does (`E001`), and the build stops before lowering when it has.

use crate::project::{EnvSection, Environment};

/// What kind of outside value a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExternalKind {
    Queue,
    Lambda,
    /// A Lex V2 bot alias.
    Bot,
    /// A flow or a flow module.
    Flow,
    /// Hours of operation, also the ones derived from calendars (`JapanHolidays:closure`).
    Hours,
    /// An encryption key id (`input ... encrypted with NAME`).
    Key,
    /// The certificate (PEM) of that key.
    KeyCertificate,
    /// `$env.NAME`: a phone number or another value.
    Value,
}

impl ExternalKind {
    /// The environment-file sections searched for this kind, in order.
    #[must_use]
    pub fn sections(self) -> &'static [EnvSection] {
        match self {
            ExternalKind::Queue => &[EnvSection::Queues],
            ExternalKind::Lambda => &[EnvSection::Lambdas],
            ExternalKind::Bot => &[EnvSection::Bots],
            ExternalKind::Flow => &[EnvSection::Flows],
            ExternalKind::Hours => &[EnvSection::Hours],
            ExternalKind::Key => &[EnvSection::Keys],
            ExternalKind::KeyCertificate => &[EnvSection::KeyCertificates],
            ExternalKind::Value => &[EnvSection::PhoneNumbers, EnvSection::Values],
        }
    }
}

/// Answers the outside values lowering needs.
pub trait Externals {
    /// The value of `name`, or `None` when it is not known.
    fn lookup(&self, kind: ExternalKind, name: &str) -> Option<String>;
}

/// The values of one environment file.
#[derive(Debug, Clone, Copy)]
pub struct EnvExternals<'a>(pub &'a Environment);

impl Externals for EnvExternals<'_> {
    fn lookup(&self, kind: ExternalKind, name: &str) -> Option<String> {
        kind.sections()
            .iter()
            .find_map(|s| self.0.values.get(*s, name))
            .map(str::to_owned)
    }
}

/// Symbolic values, `<kind:name>`, for previews and tests that have no environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placeholders;

impl Externals for Placeholders {
    fn lookup(&self, kind: ExternalKind, name: &str) -> Option<String> {
        let k = match kind {
            ExternalKind::Queue => "queue",
            ExternalKind::Lambda => "lambda",
            ExternalKind::Bot => "bot",
            ExternalKind::Flow => "flow",
            ExternalKind::Hours => "hours",
            ExternalKind::Key => "key",
            ExternalKind::KeyCertificate => "certificate",
            ExternalKind::Value => "env",
        };
        Some(format!("<{k}:{name}>"))
    }
}
