//! Writing text the `.dial` parser reads back to the same value.

/// A one-line string literal: `"..."` with `\"`, `\\`, `\n`, `\t`, `\r`, `\{`, `\}` and `\u{..}`
/// for other control characters.
#[must_use]
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// JSON text as a text block (`"""..."""`) whose value is exactly `json`: backslashes doubled,
/// braces inside JSON strings escaped (so they are never read as placeholders), and a quote
/// escaped where it would otherwise make `"""`. Multi-line JSON is indented by `indent`.
pub(crate) fn json_block(json: &str, indent: &str) -> String {
    let mut body = String::with_capacity(json.len() + 8);
    let mut in_string = false;
    let mut escaped = false;
    let mut prev = '\0';
    for c in json.chars() {
        let mut quote_escape = false;
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                quote_escape = prev == '"';
            }
        } else if c == '"' {
            in_string = true;
            quote_escape = prev == '"';
        }
        match c {
            '\\' => body.push_str("\\\\"),
            '{' if in_string => body.push_str("\\{"),
            '}' if in_string => body.push_str("\\}"),
            '"' if quote_escape => body.push_str("\\\""),
            '\n' => {
                body.push('\n');
                body.push_str(indent);
            }
            c => body.push(c),
        }
        prev = c;
    }
    if json.contains('\n') {
        format!("\"\"\"\n{indent}{body}\n{indent}\"\"\"")
    } else {
        format!("\"\"\"{body}\"\"\"")
    }
}

/// Whether `s` can be written as a name (`NAME` in GRAMMAR.md) and is not a keyword.
pub(crate) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&s)
}

/// Every keyword of the language: never used as a generated name, even where it would parse.
const KEYWORDS: &[&str] = &[
    "after",
    "agent",
    "ask",
    "attempts",
    "bot",
    "branch",
    "by",
    "calendar",
    "call",
    "callback",
    "check",
    "closed",
    "confidence",
    "confirm",
    "connect",
    "decline",
    "description",
    "dial",
    "digits",
    "distribute",
    "encrypted",
    "end",
    "error",
    "every",
    "false",
    "flow",
    "from",
    "hang",
    "hours",
    "input",
    "integration",
    "intent",
    "interdigit",
    "kind",
    "lambda",
    "locale",
    "logging",
    "lookup",
    "max",
    "menu",
    "module",
    "number",
    "on",
    "optional",
    "phone",
    "priority",
    "profile",
    "queue",
    "repeat",
    "required",
    "resolution",
    "retry",
    "return",
    "returns",
    "run",
    "say",
    "set",
    "slot",
    "then",
    "timeout",
    "times",
    "timezone",
    "to",
    "transfer",
    "true",
    "type",
    "up",
    "use",
    "utterance",
    "voice",
    "whisper",
    "with",
    "else",
    "next",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_the_parser_reads_specially() {
        assert_eq!(string("a\"b\\c{d}\n"), r#""a\"b\\c\{d\}\n""#);
        assert_eq!(string("注文"), "\"注文\"");
    }

    #[test]
    fn json_blocks_escape_backslashes_string_braces_and_triple_quotes() {
        assert_eq!(json_block(r#"{"a": "{x}"}"#, ""), r#""""{"a": "\{x\}"}""""#);
        assert_eq!(json_block(r#"{"a": "\"q"}"#, ""), r#""""{"a": "\\"q"}""""#);
        assert_eq!(json_block(r#"{"a": ""}"#, ""), r#""""{"a": "\"}""""#);
        assert_eq!(
            json_block("{\n  \"a\": 1\n}", "  "),
            "\"\"\"\n  {\n    \"a\": 1\n  }\n  \"\"\""
        );
    }

    #[test]
    fn names_are_identifiers_that_are_not_keywords() {
        assert!(is_name("greet"));
        assert!(is_name("受付"));
        assert!(is_name("_x1"));
        assert!(!is_name("1x"));
        assert!(!is_name("a-b"));
        assert!(!is_name("say"));
        assert!(!is_name(""));
    }
}
