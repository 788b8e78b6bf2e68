//! Values and prompts as Connect parameter text.
//!
//! A reference inside text becomes its JSONPath (`$.External.productName`). Connect reads a
//! path embedded in text up to the first character that cannot be part of a name, and Japanese
//! text gives it none: `{$quantity}点` would read an attribute called `quantity点`. So when a
//! letter, digit or any non-ASCII character follows a reference, its last segment is written in
//! the bracket form Connect documents for special names (`$.Attributes.['quantity']点`).

use super::externals::{ExternalKind, Externals};
use crate::resolve::{AttrRef, Prompt, PromptPart, ValueRef};

/// Text for a prompt or a value with placeholders.
pub(crate) fn prompt_text(p: &Prompt, ext: &dyn Externals) -> String {
    if let [PromptPart::Literal(s)] = p.parts.as_slice() {
        return s.clone();
    }
    let literal: usize = p
        .parts
        .iter()
        .map(|part| match part {
            PromptPart::Literal(s) => s.len(),
            PromptPart::Ref(r) => r.connect.len() + 4,
            _ => 16,
        })
        .sum();
    let mut out = String::with_capacity(literal);
    for (i, part) in p.parts.iter().enumerate() {
        match part {
            PromptPart::Literal(s) => out.push_str(s),
            PromptPart::Ref(r) => {
                let next = p.parts.get(i + 1).and_then(|n| match n {
                    PromptPart::Literal(s) => s.chars().next(),
                    // Another placeholder right after: its `$` ends this path.
                    _ => None,
                });
                push_embedded_path(&mut out, &r.connect, next);
            }
            PromptPart::Env(n) => out.push_str(&env_value(n, ext)),
            PromptPart::Slot(s) => {
                out.push('{');
                out.push_str(s);
                out.push('}');
            }
        }
    }
    out
}

/// `path` as written inside text followed by `next`.
#[cfg(test)]
pub(crate) fn embedded_path(path: &str, next: Option<char>) -> String {
    let mut out = String::new();
    push_embedded_path(&mut out, path, next);
    out
}

/// Appends `path` as written inside text followed by `next` to `out`.
fn push_embedded_path(out: &mut String, path: &str, next: Option<char>) {
    let continues = next.is_some_and(|c| c.is_alphanumeric() || c == '_' || !c.is_ascii());
    let dot = path.rfind('.').filter(|&d| d > 1);
    match dot {
        Some(dot) if continues && path.starts_with("$.") => {
            out.push_str(&path[..dot]);
            out.push_str(".['");
            out.push_str(&path[dot + 1..]);
            out.push_str("']");
        }
        _ => out.push_str(path),
    }
}

/// A value as one parameter string.
pub(crate) fn value_text(v: &ValueRef, ext: &dyn Externals) -> String {
    match v {
        ValueRef::Text(p) => prompt_text(p, ext),
        ValueRef::Ref(r) => r.connect.clone(),
        ValueRef::Number(n) => n.clone(),
        ValueRef::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        ValueRef::Duration(ms) => {
            if ms % 1000 == 0 {
                (ms / 1000).to_string()
            } else {
                format!("{}", *ms as f64 / 1000.0)
            }
        }
        ValueRef::Env(n) => env_value(n, ext),
    }
}

/// `$env.NAME`, or a visible placeholder when the environment lacks it (already reported).
pub(crate) fn env_value(name: &str, ext: &dyn Externals) -> String {
    external(ext, ExternalKind::Value, name)
}

/// An outside value, or `<missing:NAME>` (the environment check has reported it).
pub(crate) fn external(ext: &dyn Externals, kind: ExternalKind, name: &str) -> String {
    ext.lookup(kind, name)
        .unwrap_or_else(|| format!("<missing:{name}>"))
}

/// The key of a contact attribute (`$.Attributes.mobile` → `mobile`), or of a flow attribute.
pub(crate) fn attribute_key(r: &AttrRef) -> &str {
    r.connect
        .strip_prefix("$.Attributes.")
        .or_else(|| r.connect.strip_prefix("$.FlowAttributes."))
        .unwrap_or(&r.dial)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_followed_by_name_characters_uses_the_bracket_form() {
        assert_eq!(
            embedded_path("$.Attributes.quantity", Some('点')),
            "$.Attributes.['quantity']"
        );
        assert_eq!(
            embedded_path("$.External.name", Some('s')),
            "$.External.['name']"
        );
        assert_eq!(
            embedded_path("$.Attributes.quantity", Some(' ')),
            "$.Attributes.quantity"
        );
        assert_eq!(
            embedded_path("$.Attributes.quantity", Some('<')),
            "$.Attributes.quantity"
        );
        assert_eq!(
            embedded_path("$.Attributes.quantity", None),
            "$.Attributes.quantity"
        );
    }
}
