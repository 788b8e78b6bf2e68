//! Yes and no, in Japanese and English: the answer to a confirmation prompt and the values of
//! `AMAZON.Confirmation`.

/// A confirmation answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
}

const NO_JA: &[&str] = &[
    "いいえ",
    "いや",
    "違",
    "ちが",
    "だめ",
    "ダメ",
    "やめ",
    "止め",
    "けっこうです",
    "結構です",
    "キャンセル",
    "きゃんせる",
    "不要",
    "いらない",
    "要らない",
    "ノー",
    "のー",
];
const YES_JA: &[&str] = &[
    "はい",
    "ええ",
    "うん",
    "そうです",
    "そう",
    "お願い",
    "おねがい",
    "大丈夫",
    "だいじょうぶ",
    "いいです",
    "いいよ",
    "オッケー",
    "おっけー",
    "問題ない",
    "よろしい",
    "合って",
    "あって",
    "イエス",
    "いえす",
];
const NO_EN: &[&str] = &[
    "no",
    "nope",
    "nah",
    "not",
    "don't",
    "dont",
    "wrong",
    "incorrect",
    "cancel",
    "negative",
    "never",
];
const YES_EN: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "yup",
    "sure",
    "correct",
    "right",
    "ok",
    "okay",
    "affirmative",
    "absolutely",
    "definitely",
    "certainly",
    "please",
    "confirm",
];

/// Classifies an answer. Negative words win over positive ones (`no, that's not right`), so
/// `not correct` is no. `None` when the answer is neither.
#[must_use]
pub fn classify(text: &str) -> Option<Answer> {
    // No allocation: this runs on every confirmation of a simulated call. The commonest
    // answers are recognised before the general scan.
    match text.trim() {
        "はい" | "ええ" | "うん" | "yes" | "Yes" | "YES" => return Some(Answer::Yes),
        "いいえ" | "いや" | "no" | "No" | "NO" => return Some(Answer::No),
        _ => {}
    }
    let words = || {
        text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
    };
    let has_word = |list: &[&str]| words().any(|w| list.iter().any(|l| w.eq_ignore_ascii_case(l)));
    let has_sub = |list: &[&str]| list.iter().any(|s| text.contains(s));
    if has_word(NO_EN) || has_sub(NO_JA) {
        return Some(Answer::No);
    }
    if has_word(YES_EN) || has_sub(YES_JA) {
        return Some(Answer::Yes);
    }
    None
}

/// Like [`classify`], for text whose spaces were removed (`yeahsure`): English words are
/// looked for at the start.
#[must_use]
pub fn classify_compact(text: &str) -> Option<Answer> {
    let starts = |w: &&str| {
        text.get(..w.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(w))
    };
    classify(text).or_else(|| {
        if NO_EN.iter().any(starts) {
            Some(Answer::No)
        } else if YES_EN.iter().any(starts) {
            Some(Answer::Yes)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        for y in [
            "はい",
            "はい、お願いします",
            "ええ",
            "Yes",
            "yeah sure",
            "That's right",
            "OK",
        ] {
            assert_eq!(classify(y), Some(Answer::Yes), "{y}");
        }
        for n in [
            "いいえ",
            "違います",
            "いや、結構です",
            "No",
            "nope",
            "not correct",
            "cancel",
        ] {
            assert_eq!(classify(n), Some(Answer::No), "{n}");
        }
        for x in ["りんご", "maybe later", ""] {
            assert_eq!(classify(x), None, "{x}");
        }
    }
}
