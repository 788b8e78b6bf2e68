//! `L012 invalid-ssml`: SSML prompts that are not well-formed or use unknown tags.

use super::{Context, Finding};
use crate::connect::Action;

crate::define_codes! {
    /// ## What it does
    /// Checks every `SSML` prompt: it must be one `<speak>` element, well-formed (every tag
    /// closed in order, attribute values quoted, `&` written as `&amp;` and `<` as `&lt;`),
    /// and use only tags that Amazon Polly supports in Amazon Connect (`speak`, `break`,
    /// `emphasis`, `lang`, `mark`, `p`, `phoneme`, `prosody`, `s`, `say-as`, `sub`, `w`,
    /// `amazon:effect`, `amazon:domain`, `amazon:auto-breaths`, `amazon:breath`). A prompt that
    /// is a single reference (`$.External.message`) is only known at run time and is skipped.
    /// It also flags `Text` prompts that start with `<speak>`: text prompts are spoken as
    /// plain text, so the markup is not interpreted.
    ///
    /// ## Why is this bad?
    /// Invalid SSML makes text to speech fail, and the action takes its error branch: the
    /// caller hears nothing, or the error message, instead of the greeting.
    ///
    /// ## Example
    /// ```json
    /// "SSML": "<speak>Fish & chips<break time=500ms></speak>"
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "SSML": "<speak>Fish &amp; chips<break time=\"500ms\"/></speak>"
    /// ```
    INVALID_SSML = "L012" "invalid-ssml" Check Error "an SSML prompt is malformed";
}

const TAGS: &[&str] = &[
    "speak",
    "break",
    "emphasis",
    "lang",
    "mark",
    "p",
    "phoneme",
    "prosody",
    "s",
    "say-as",
    "sub",
    "w",
    "amazon:effect",
    "amazon:domain",
    "amazon:auto-breaths",
    "amazon:breath",
];

/// The text of SSML without its tags (entities are left as written).
#[must_use]
pub fn strip_tags(ssml: &str) -> String {
    let mut out = String::with_capacity(ssml.len());
    let mut in_tag = false;
    for c in ssml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The first problem of an SSML document, as a sentence.
///
/// # Errors
/// A sentence saying what is wrong and where (byte offset).
pub fn validate(ssml: &str) -> Result<(), String> {
    let text = ssml.trim();
    if !text.starts_with("<speak") {
        return Err("SSML must start with `<speak>`".to_owned());
    }
    let b = text.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut closed_root = false;
    while i < b.len() {
        match b[i] {
            b'<' => {
                if closed_root {
                    return Err(format!("text after `</speak>` at offset {i}"));
                }
                let Some(end) = find_tag_end(text, i + 1) else {
                    return Err(format!("tag at offset {i} is not closed with `>`"));
                };
                let inner = &text[i + 1..end];
                if let Some(name) = inner.strip_prefix('/') {
                    let name = name.trim();
                    match stack.pop() {
                        Some(open) if open == name => {
                            if stack.is_empty() {
                                closed_root = true;
                            }
                        }
                        Some(open) => {
                            return Err(format!("`</{name}>` at offset {i} closes `<{open}>`"));
                        }
                        None => return Err(format!("`</{name}>` at offset {i} closes nothing")),
                    }
                } else if inner.starts_with('!') || inner.starts_with('?') {
                    // Comments and processing instructions are allowed.
                } else {
                    let self_closing = inner.ends_with('/');
                    let body = inner.strip_suffix('/').unwrap_or(inner);
                    let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
                    let name = &body[..name_end];
                    if !TAGS.contains(&name) {
                        return Err(format!("unknown tag `<{name}>` at offset {i}"));
                    }
                    if stack.is_empty() && name != "speak" {
                        return Err(format!("`<{name}>` at offset {i} is outside `<speak>`"));
                    }
                    check_attributes(&body[name_end..], name)?;
                    if !self_closing {
                        stack.push(name);
                    } else if stack.is_empty() {
                        closed_root = true;
                    }
                }
                i = end + 1;
            }
            b'&' => {
                let rest = &text[i..];
                let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| rest.starts_with(e))
                    || numeric_entity(rest);
                if !ok {
                    return Err(format!("`&` at offset {i} must be written `&amp;`"));
                }
                i += 1;
            }
            c => {
                if closed_root && !c.is_ascii_whitespace() {
                    return Err(format!("text after `</speak>` at offset {i}"));
                }
                i += 1;
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("`<{open}>` is never closed"));
    }
    Ok(())
}

/// The `>` that ends a tag starting at `from`, skipping quoted attribute values.
fn find_tag_end(text: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (j, &c) in text.as_bytes().iter().enumerate().skip(from) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'<') => return None,
            (None, b'>') => return Some(j),
            _ => {}
        }
    }
    None
}

fn numeric_entity(rest: &str) -> bool {
    let Some(body) = rest.strip_prefix("&#") else {
        return false;
    };
    let Some(end) = body.find(';') else {
        return false;
    };
    let digits = &body[..end];
    !digits.is_empty()
        && (digits.chars().all(|c| c.is_ascii_digit())
            || digits
                .strip_prefix('x')
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit())))
}

/// `name="value"` pairs separated by spaces.
fn check_attributes(mut s: &str, tag: &str) -> Result<(), String> {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(());
        }
        let Some(eq) = s.find('=') else {
            return Err(format!(
                "attribute `{}` of `<{tag}>` has no value",
                s.trim()
            ));
        };
        let name = s[..eq].trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("malformed attribute in `<{tag}>`"));
        }
        let rest = s[eq + 1..].trim_start();
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return Err(format!("the value of `{name}` in `<{tag}>` must be quoted"));
        };
        let Some(close) = rest[1..].find(q) else {
            return Err(format!("the value of `{name}` in `<{tag}>` is not closed"));
        };
        s = &rest[close + 2..];
    }
}

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    for (key, text) in super::prompts(action) {
        let problem = match key {
            // A single reference (`$.External.message`) is only known at run time.
            "SSML" if text.starts_with("$.") && !text.contains(char::is_whitespace) => None,
            "SSML" => validate(text).err(),
            _ if text.trim_start().starts_with("<speak") => Some(
                "a `Text` prompt that starts with `<speak>` is read out literally, tags and all"
                    .to_owned(),
            ),
            _ => None,
        };
        let Some(problem) = problem else {
            continue;
        };
        let help = if key == "SSML" {
            "fix the markup; Amazon Connect speaks SSML with Amazon Polly, which rejects malformed documents"
        } else {
            "put the markup under `SSML` instead of `Text` (in `.dial`: `say ssml \"…\"`)"
        };
        out.push(
            cx.finding(
                INVALID_SSML,
                u,
                a,
                format!("invalid SSML in {}: {problem}", cx.describe(u, a)),
                format!("this action's {key} prompt"),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssml_validation() {
        for ok in [
            "<speak>Hello</speak>",
            "<speak>Fish &amp; chips<break time=\"500ms\"/></speak>",
            " <speak><prosody rate='slow'>ゆっくり</prosody> <say-as interpret-as=\"digits\">123</say-as></speak> ",
            "<speak><amazon:effect name=\"whispered\">psst</amazon:effect>&#12354;&#x3042;</speak>",
        ] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
        for bad in [
            "Hello",
            "<speak>Fish & chips</speak>",
            "<speak><break time=500ms/></speak>",
            "<speak><prosody rate=\"slow\">x</speak>",
            "<speak><blink>x</blink></speak>",
            "<speak>x",
            "<speak>x</speak>tail",
            "<speak>x</p></speak>",
            "<speak><break time=\"1s\"</speak>",
        ] {
            assert!(validate(bad).is_err(), "{bad}");
        }
        assert_eq!(strip_tags("<speak>a<break/>b</speak>"), "ab");
    }
}
