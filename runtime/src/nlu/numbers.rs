//! Numbers as callers say them: digits (full-width digits are folded before), kanji numerals
//! (三, 十二, 二十五, 百, 三千五百, 一万) and English words (two, twenty five, a hundred).

/// The value of a kanji digit.
fn kanji_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壱' => 1,
        '二' | '弐' => 2,
        '三' | '参' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn kanji_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Whether `c` can be part of a kanji numeral.
#[must_use]
pub fn is_kanji_numeral(c: char) -> bool {
    kanji_digit(c).is_some() || kanji_unit(c).is_some() || c == '万'
}

/// Parses a whole kanji numeral: `二十五` → 25, `百` → 100, `三千五百` → 3500, `一二三` → 123.
#[must_use]
pub fn parse_kanji(s: &str) -> Option<u64> {
    if s.is_empty() || !s.chars().all(is_kanji_numeral) {
        return None;
    }
    // Digit-by-digit form (一二三) when there is no unit at all.
    if s.chars().all(|c| kanji_digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u64, |n, c| n.checked_mul(10)?.checked_add(kanji_digit(c)?));
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = kanji_digit(c) {
            if digit.is_some() {
                return None;
            }
            digit = Some(d);
        } else if let Some(u) = kanji_unit(c) {
            section = section.checked_add(digit.unwrap_or(1).checked_mul(u)?)?;
            digit = None;
        } else {
            // 万
            let part = section.checked_add(digit.unwrap_or(0))?;
            total = total.checked_add(part.max(1).checked_mul(10_000)?)?;
            section = 0;
            digit = None;
        }
    }
    total.checked_add(section)?.checked_add(digit.unwrap_or(0))
}

fn word_value(w: &str) -> Option<u64> {
    Some(match w {
        "zero" | "oh" => 0,
        "one" | "a" | "an" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "dozen" => 12,
        _ => return None,
    })
}

/// Parses English number words: `twenty five`, `twenty-five`, `a hundred`, `three thousand two
/// hundred`. `None` when any word is not a number word, or for a lone `a`.
#[must_use]
pub fn parse_words(s: &str) -> Option<u64> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() || (words.len() == 1 && matches!(words[0].as_str(), "a" | "an")) {
        return None;
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    for w in &words {
        match w.as_str() {
            "hundred" => current = current.max(1).checked_mul(100)?,
            "thousand" => {
                total = total.checked_add(current.max(1).checked_mul(1000)?)?;
                current = 0;
            }
            "million" => {
                total = total.checked_add(current.max(1).checked_mul(1_000_000)?)?;
                current = 0;
            }
            other => current = current.checked_add(word_value(other)?)?,
        }
    }
    total.checked_add(current)
}

/// Parses a number however it is written: digits, kanji or English words. Surrounding
/// whitespace is ignored; a trailing counter such as 個, つ or 本 is allowed after kanji or digits.
#[must_use]
pub fn parse_number(s: &str) -> Option<u64> {
    let s = s.trim();
    let folded: String = s.chars().filter_map(super::normalize::fold).collect();
    let core = folded.trim_end_matches(['個', 'つ', '本', '点', '枚', '台', '箱']);
    if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
        return core.parse().ok();
    }
    if let Some(n) = parse_kanji(core) {
        return Some(n);
    }
    // つ-counted native numbers: ひとつ, ふたつ, …
    let native = match folded.as_str() {
        "ひとつ" => Some(1),
        "ふたつ" => Some(2),
        "みっつ" => Some(3),
        "よっつ" => Some(4),
        "いつつ" => Some(5),
        "むっつ" => Some(6),
        "ななつ" => Some(7),
        "やっつ" => Some(8),
        "ここのつ" => Some(9),
        "とお" => Some(10),
        _ => None,
    };
    native.or_else(|| parse_words(s))
}

/// Finds the first number in normalised characters: a run of ASCII digits, else a run of kanji
/// numerals. Returns the range of characters.
#[must_use]
pub fn find_number(chars: &[char]) -> Option<(usize, usize)> {
    let run = |pred: &dyn Fn(char) -> bool| -> Option<(usize, usize)> {
        let start = chars.iter().position(|&c| pred(c))?;
        let len = chars[start..].iter().take_while(|&&c| pred(c)).count();
        Some((start, start + len))
    };
    run(&|c: char| c.is_ascii_digit()).or_else(|| run(&is_kanji_numeral))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_numerals() {
        for (s, n) in [
            ("三", 3),
            ("十", 10),
            ("十二", 12),
            ("二十五", 25),
            ("百", 100),
            ("百五", 105),
            ("三千五百", 3500),
            ("一万", 10_000),
            ("一二三", 123),
            ("〇", 0),
        ] {
            assert_eq!(parse_kanji(s), Some(n), "{s}");
        }
        assert_eq!(parse_kanji("三三十"), None);
        assert_eq!(parse_kanji(""), None);
    }

    #[test]
    fn any_form() {
        assert_eq!(parse_number("2"), Some(2));
        assert_eq!(parse_number("１２"), Some(12));
        assert_eq!(parse_number("二個"), Some(2));
        assert_eq!(parse_number("ふたつ"), Some(2));
        assert_eq!(parse_number("twenty five"), Some(25));
        assert_eq!(parse_number("twenty-five"), Some(25));
        assert_eq!(parse_number("a hundred"), Some(100));
        assert_eq!(parse_number("three thousand two hundred"), Some(3200));
        assert_eq!(parse_number("a"), None);
        assert_eq!(parse_number("apple"), None);
        assert_eq!(parse_number("99999999999999999999999"), None);
        let chars: Vec<char> = "りんごを十二個".chars().collect();
        assert_eq!(find_number(&chars), Some((4, 6)));
    }
}
