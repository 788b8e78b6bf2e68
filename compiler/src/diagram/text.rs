//! Text helpers shared by the renderers: display width, shortening, SSML stripping, escaping.
//!
//! Widths are estimated in columns (a CJK or full-width character counts two) because the SVG
//! layout has no font metrics; the estimate errs on the wide side so labels fit their boxes.

/// True for characters that take two columns (East Asian wide and full-width).
#[must_use]
pub fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x20000..=0x3FFFD)
}

/// The display width of `s` in columns.
#[must_use]
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// `s` cut to at most `cols` columns, with `…` when something was cut.
#[must_use]
pub fn shorten(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = if is_wide(c) { 2 } else { 1 };
        if w + cw + 1 > cols {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// The words of SSML without its tags (`<speak>a<break/>b</speak>` → `ab`), whitespace folded.
#[must_use]
pub fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    fold_whitespace(&out)
}

/// Runs of whitespace (line breaks included) become one space; the ends are trimmed.
#[must_use]
pub fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text safe inside XML and HTML content and attribute values. Characters XML 1.0 forbids
/// (most control characters) become U+FFFD so the document stays well-formed.
#[must_use]
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("ご注文"), 6);
        assert_eq!(width("１２"), 4);
    }

    #[test]
    fn shorten_respects_columns() {
        assert_eq!(shorten("hello", 5), "hello");
        assert_eq!(shorten("hello world", 6), "hello…");
        assert_eq!(shorten("お電話ありがとう", 7), "お電話…");
        assert_eq!(shorten("abc", 0), "…");
    }

    #[test]
    fn ssml_tags_are_removed() {
        assert_eq!(
            strip_tags("<speak>お電話<break time='300ms'/>ありがとう</speak>"),
            "お電話ありがとう"
        );
        assert_eq!(strip_tags("a < b"), "a");
    }

    #[test]
    fn xml_escapes_and_drops_control_characters() {
        assert_eq!(xml("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&#39;\u{FFFD}");
    }
}
