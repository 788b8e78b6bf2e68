//! `$` references and text with placeholders.

use super::model::{AttrRef, Namespace, Prompt, PromptPart, ValueRef};
use super::names::did_you_mean;
use crate::diagnostics::{Diagnostic, codes};
use crate::span::Span;
use crate::syntax::ast::{Reference, Text, TextSegment, Value};

const NAMESPACES: &[&str] = &[
    "caller", "system", "result", "slot", "intent", "input", "profile", "queue", "flow", "metrics",
    "env",
];

/// Customer Profiles standard fields; anything else is a custom attribute.
const PROFILE_FIELDS: &[&str] = &[
    "ProfileId",
    "FirstName",
    "MiddleName",
    "LastName",
    "AccountNumber",
    "PhoneNumber",
    "MobilePhoneNumber",
    "HomePhoneNumber",
    "BusinessPhoneNumber",
    "EmailAddress",
    "PersonalEmailAddress",
    "BusinessEmailAddress",
    "BirthDate",
    "Gender",
    "PartyType",
    "BusinessName",
    "AdditionalInformation",
];

/// What a reference resolves to: a readable value or an environment name.
pub(crate) enum Resolved {
    Attr(AttrRef),
    Env(String),
}

/// Resolves `$path` (without the `$`). Reports `R009` and returns `None` for unknown namespaces.
pub(crate) fn resolve_path(
    path: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<Resolved> {
    if let Some(raw) = path.strip_prefix('.') {
        return Some(Resolved::Attr(AttrRef {
            namespace: Namespace::Raw,
            dial: path.to_owned(),
            connect: format!("$.{raw}"),
            span,
        }));
    }
    let mut parts = path.splitn(2, '.');
    let head = parts.next().unwrap_or_default();
    let rest = parts.next();
    let attr = |namespace, connect: String| {
        Some(Resolved::Attr(AttrRef {
            namespace,
            dial: path.to_owned(),
            connect,
            span,
        }))
    };
    let need_field = |diags: &mut Vec<Diagnostic>, ns: &str, example: &str| {
        diags.push(
            Diagnostic::new(codes::UNKNOWN_NAMESPACE, format!("`${ns}` needs a field"))
                .with_label(span, "which field?")
                .with_help(format!("write for example `${ns}.{example}`")),
        );
        None
    };
    match (head, rest) {
        ("caller", Some("number")) => attr(Namespace::Caller, "$.CustomerEndpoint.Address".into()),
        ("caller", Some(f)) => unknown_field(span, "caller", f, &["number"], diags),
        ("system", Some(f)) => {
            let connect = match f {
                "number" => "$.SystemEndpoint.Address",
                "contact_id" => "$.ContactId",
                "channel" => "$.Channel",
                "language" => "$.LanguageCode",
                "initial_contact_id" => "$.InitialContactId",
                _ => {
                    return unknown_field(
                        span,
                        "system",
                        f,
                        &[
                            "number",
                            "contact_id",
                            "channel",
                            "language",
                            "initial_contact_id",
                        ],
                        diags,
                    );
                }
            };
            attr(Namespace::System, connect.into())
        }
        ("result", Some(f)) => attr(Namespace::Result, format!("$.External.{f}")),
        ("slot", Some(f)) => attr(Namespace::Slot, format!("$.Lex.Slots.{f}")),
        ("intent", None) => attr(Namespace::Intent, "$.Lex.IntentName".into()),
        ("input", None) => attr(Namespace::Input, "$.StoredCustomerInput".into()),
        ("profile", Some(f)) => {
            let connect = if PROFILE_FIELDS.contains(&f) {
                format!("$.Customer.{f}")
            } else {
                format!("$.Customer.Attributes.{f}")
            };
            attr(Namespace::Profile, connect)
        }
        ("queue", Some(f)) => {
            let connect = match f {
                "name" => "$.Queue.Name",
                "arn" => "$.Queue.ARN",
                "outbound_caller_id" => "$.Queue.OutboundCallerId.Address",
                _ => {
                    return unknown_field(
                        span,
                        "queue",
                        f,
                        &["name", "arn", "outbound_caller_id"],
                        diags,
                    );
                }
            };
            attr(Namespace::Queue, connect.into())
        }
        ("flow", Some(f)) => attr(Namespace::Flow, format!("$.FlowAttributes.{f}")),
        ("metrics", Some(f)) => attr(Namespace::Metrics, format!("$.Metrics.Queue.{f}")),
        ("env", Some(f)) => Some(Resolved::Env(f.to_owned())),
        ("caller", None) => need_field(diags, "caller", "number"),
        ("system", None) => need_field(diags, "system", "number"),
        ("result", None) => need_field(diags, "result", "status"),
        ("slot", None) => need_field(diags, "slot", "Product"),
        ("profile", None) => need_field(diags, "profile", "Ok_to_call"),
        ("queue", None) => need_field(diags, "queue", "name"),
        ("flow", None) => need_field(diags, "flow", "name"),
        ("metrics", None) => need_field(diags, "metrics", "ContactsInQueue"),
        ("env", None) => need_field(diags, "env", "MainLine"),
        (h, None) if !h.is_empty() => attr(Namespace::Attribute, format!("$.Attributes.{h}")),
        (h, Some(_)) => {
            let mut d = Diagnostic::new(
                codes::UNKNOWN_NAMESPACE,
                format!("unknown namespace `${h}`"),
            )
            .with_label(span, "not a known namespace");
            d = match did_you_mean(h, NAMESPACES.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `${s}`?")),
                None => d.with_help(format!(
                    "namespaces are {}; a contact attribute is a plain `$name`",
                    NAMESPACES
                        .iter()
                        .map(|n| format!("`${n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            diags.push(d);
            None
        }
        _ => None,
    }
}

fn unknown_field(
    span: Span,
    ns: &str,
    f: &str,
    fields: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Option<Resolved> {
    let mut d = Diagnostic::new(
        codes::UNKNOWN_NAMESPACE,
        format!("`${ns}` has no field `{f}`"),
    )
    .with_label(span, "unknown field");
    d = match did_you_mean(f, fields.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `${ns}.{s}`?")),
        None => d.with_help(format!(
            "`${ns}` has {}",
            fields
                .iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    diags.push(d);
    None
}

/// A reference that must be readable (not `$env`).
pub(crate) fn attr_ref(r: &Reference, diags: &mut Vec<Diagnostic>) -> Option<AttrRef> {
    match resolve_path(&r.path, r.span, diags)? {
        Resolved::Attr(a) => Some(a),
        Resolved::Env(_) => {
            diags.push(
                Diagnostic::new(
                    codes::MISPLACED_STATEMENT,
                    "an environment value cannot be used here",
                )
                .with_label(r.span, "`$env` values are fixed at build time")
                .with_help("use a contact attribute (`$name`) here"),
            );
            None
        }
    }
}

/// A reference that is written to (`set $x = ...`, `input $x`): only contact attributes and
/// flow attributes can be set.
pub(crate) fn writable_ref(r: &Reference, diags: &mut Vec<Diagnostic>) -> Option<AttrRef> {
    let a = attr_ref(r, diags)?;
    let writable = matches!(a.namespace, Namespace::Attribute | Namespace::Flow)
        || (a.namespace == Namespace::Raw
            && (a.connect.starts_with("$.Attributes.")
                || a.connect.starts_with("$.FlowAttributes.")));
    if !writable {
        diags.push(
            Diagnostic::new(
                codes::MISPLACED_STATEMENT,
                format!("`${}` cannot be set", a.dial),
            )
            .with_label(r.span, "this value is read-only")
            .with_help(
                "set a contact attribute (`$name`) or a flow attribute (`$flow.name`) instead",
            ),
        );
        return None;
    }
    if a.namespace == Namespace::Attribute
        && !a
            .dial
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        diags.push(
            Diagnostic::new(
                codes::INVALID_SETTING,
                format!("`${}` is not a valid contact attribute name", a.dial),
            )
            .with_label(
                r.span,
                "Connect attribute keys use only A-Z, a-z, 0-9, `_` and `-`",
            )
            .with_help("rename the attribute with ASCII letters, digits, `_` or `-`"),
        );
        return None;
    }
    Some(a)
}

/// A value in an assignment, argument or branch.
pub(crate) fn value(v: &Value, diags: &mut Vec<Diagnostic>) -> Option<ValueRef> {
    Some(match v {
        Value::Text(t) => {
            let p = prompt(t, diags);
            if let [PromptPart::Ref(r)] = p.parts.as_slice() {
                ValueRef::Ref(r.clone())
            } else {
                ValueRef::Text(p)
            }
        }
        Value::Reference(r) => match resolve_path(&r.path, r.span, diags)? {
            Resolved::Attr(a) => ValueRef::Ref(a),
            Resolved::Env(n) => ValueRef::Env(n),
        },
        Value::Number(n, _) => ValueRef::Number(n.clone()),
        Value::Bool(b, _) => ValueRef::Bool(*b),
        Value::Duration(d) => ValueRef::Duration(d.millis),
    })
}

/// Text said in a flow: placeholders must be `{$reference}`.
pub(crate) fn prompt(t: &Text, diags: &mut Vec<Diagnostic>) -> Prompt {
    let mut parts = Vec::new();
    for seg in &t.segments {
        match seg {
            TextSegment::Literal(s) => parts.push(PromptPart::Literal(s.clone())),
            TextSegment::Placeholder { name, span } => {
                if let Some(path) = name.strip_prefix('$') {
                    match resolve_path(path, *span, diags) {
                        Some(Resolved::Attr(a)) => parts.push(PromptPart::Ref(a)),
                        Some(Resolved::Env(n)) => parts.push(PromptPart::Env(n)),
                        None => parts.push(PromptPart::Literal(format!("{{{name}}}"))),
                    }
                } else {
                    diags.push(
                        Diagnostic::new(codes::UNKNOWN_NAMESPACE, format!("`{{{name}}}` in a prompt must be a `$` reference"))
                            .with_label(*span, "not a reference")
                            .with_help(format!("write `{{${name}}}` for a contact attribute, `{{$slot.{name}}}` for a slot, or `\\{{{name}\\}}` for literal braces")),
                    );
                    parts.push(PromptPart::Literal(format!("{{{name}}}")));
                }
            }
        }
    }
    Prompt {
        parts,
        ssml: t.is_ssml(),
        span: t.span,
    }
}

/// Text in a bot (utterances, slot prompts, confirmation): placeholders are slot names.
pub(crate) fn bot_text(t: &Text, slots: &[&str], diags: &mut Vec<Diagnostic>) -> Prompt {
    let mut parts = Vec::new();
    for seg in &t.segments {
        match seg {
            TextSegment::Literal(s) => parts.push(PromptPart::Literal(s.clone())),
            TextSegment::Placeholder { name, span } => {
                if slots.contains(&name.as_str()) {
                    parts.push(PromptPart::Slot(name.clone()));
                } else {
                    let mut d = Diagnostic::new(
                        codes::UNDEFINED_REFERENCE,
                        format!("no slot named `{name}` in this intent"),
                    )
                    .with_label(*span, "this slot is not declared");
                    d = match did_you_mean(name, slots.iter().copied()) {
                        Some(s) => d.with_help(format!("did you mean `{{{s}}}`?")),
                        None => d.with_help(format!(
                            "declare it with `slot {name}: TYPE ask \"...\"` in the intent"
                        )),
                    };
                    diags.push(d);
                    parts.push(PromptPart::Literal(format!("{{{name}}}")));
                }
            }
        }
    }
    Prompt {
        parts,
        ssml: t.is_ssml(),
        span: t.span,
    }
}
