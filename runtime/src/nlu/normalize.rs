//! Text normalisation before matching: full-width ASCII to half-width, katakana to hiragana,
//! ASCII lower case, punctuation and spaces dropped. Each kept character remembers where it came
//! from in the original text, so a slot can return exactly what the caller said.

/// A normalised character and the byte range of the original it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NChar {
    /// The normalised character.
    pub c: char,
    /// Start of the original character (bytes).
    pub start: u32,
    /// End of the original character (bytes).
    pub end: u32,
}

/// Folds one character; `None` drops it.
#[must_use]
pub fn fold(c: char) -> Option<char> {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    };
    if c.is_whitespace() {
        return None;
    }
    if c.is_ascii_punctuation() && c != '+' && c != '#' && c != '*' && c != '%' {
        return None;
    }
    if matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '・'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '〜'
            | '…'
            | '‥'
            | '♪'
    ) {
        return None;
    }
    Some(c.to_ascii_lowercase())
}

/// Normalises `text` into `out` (cleared first; its capacity is reused).
pub fn normalize_into(text: &str, out: &mut Vec<NChar>) {
    out.clear();
    for (i, c) in text.char_indices() {
        if let Some(f) = fold(c) {
            out.push(NChar {
                c: f,
                start: u32::try_from(i).unwrap_or(u32::MAX),
                end: u32::try_from(i + c.len_utf8()).unwrap_or(u32::MAX),
            });
        }
    }
}

/// Normalises `text` to a plain string (for compiling utterances and slot values).
#[must_use]
pub fn normalize(text: &str) -> String {
    text.chars().filter_map(fold).collect()
}

/// The original text that the normalised characters `chars[from..to]` stand for.
#[must_use]
pub fn original<'t>(text: &'t str, chars: &[NChar], from: usize, to: usize) -> &'t str {
    if from >= to || to > chars.len() {
        return "";
    }
    let s = chars[from].start as usize;
    let e = chars[to - 1].end as usize;
    text.get(s..e).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_kana_case_and_punctuation() {
        assert_eq!(normalize("リンゴを２個、ください。"), "りんごを2個ください");
        assert_eq!(normalize("I'd like TWO apples!"), "idliketwoapples");
        assert_eq!(normalize("+81 90-1234"), "+81901234");
        let mut v = Vec::new();
        let t = "Ａ  りんご";
        normalize_into(t, &mut v);
        assert_eq!(original(t, &v, 1, 4), "りんご");
        assert_eq!(original(t, &v, 3, 1), "");
    }
}
