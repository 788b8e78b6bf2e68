//! Exact pattern matching with slot captures, slot spotting and bigram similarity.

use super::confirm::{Answer, classify, classify_compact};
use super::normalize::{NChar, normalize, normalize_into, original};
use super::numbers::{find_number, parse_number, parse_words};
use super::{LocaleModel, PatternPiece, Recognition, SlotKind, SlotModel, marker};

/// Buffers reused between recognitions.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    chars: Vec<NChar>,
    plain: Vec<char>,
    masked: Vec<char>,
    bigrams: Vec<(char, char)>,
    caps: Vec<(usize, usize, usize)>,
    best_caps: Vec<(usize, usize, usize)>,
    spots: Vec<Option<String>>,
    spotted: Vec<bool>,
    text: String,
}

/// Sorted bigrams of `chars` with start and end markers.
pub(super) fn bigrams_into(chars: &[char], out: &mut Vec<(char, char)>) {
    out.clear();
    let mut prev = '\u{2}';
    for &c in chars {
        out.push((prev, c));
        prev = c;
    }
    out.push((prev, '\u{3}'));
    out.sort_unstable();
}

/// Dice similarity of two sorted bigram multisets.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let total = a.len() + b.len();
    if total == 0 {
        0.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let r = (2 * common) as f64 / total as f64;
        r
    }
}

/// Whether a captured text is a valid value of the slot; `exact` tells whether it is one of the
/// listed values (custom types) or a well-formed value (built-ins).
fn accepts(slot: &SlotModel, cap: &[char]) -> Option<bool> {
    match &slot.kind {
        SlotKind::Custom { values, restrict } => {
            let listed = values
                .iter()
                .any(|v| v.forms.iter().any(|f| f.as_slice() == cap));
            if listed {
                Some(true)
            } else if *restrict || cap.len() > 40 {
                None
            } else {
                Some(false)
            }
        }
        SlotKind::Number => {
            if cap.iter().all(char::is_ascii_digit) {
                return Some(true);
            }
            let s: String = cap.iter().collect();
            parse_number(&s).map(|_| true)
        }
        SlotKind::AlphaNumeric => cap
            .iter()
            .all(|c| c.is_ascii_alphanumeric())
            .then_some(true),
        SlotKind::Confirmation => {
            let s: String = cap.iter().collect();
            classify_compact(&s).map(|_| true)
        }
        SlotKind::Any => Some(true),
    }
}

/// The value a slot takes from a capture (`said` is the original text of the capture).
fn value_of(slot: &SlotModel, cap: &[char], said: &str, out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    match &slot.kind {
        SlotKind::Custom { values, restrict } => {
            let hit = values
                .iter()
                .find(|v| v.forms.iter().any(|f| f.as_slice() == cap));
            match hit {
                Some(v) if *restrict => out.push_str(&v.canonical),
                _ => out.push_str(said),
            }
        }
        SlotKind::Number => {
            let n = if cap.iter().all(char::is_ascii_digit) && !cap.is_empty() {
                cap.iter().try_fold(0u64, |n, c| {
                    n.checked_mul(10)?
                        .checked_add(u64::from(c.to_digit(10).unwrap_or(0)))
                })
            } else {
                let s: String = cap.iter().collect();
                parse_number(&s).or_else(|| parse_number(said))
            };
            match n {
                Some(n) => {
                    let _ = write!(out, "{n}");
                }
                None => out.push_str(said),
            }
        }
        SlotKind::Confirmation => match classify(said) {
            Some(Answer::Yes) => out.push_str("Yes"),
            Some(Answer::No) => out.push_str("No"),
            None => out.push_str(said),
        },
        SlotKind::AlphaNumeric | SlotKind::Any => out.push_str(said),
    }
}

fn value(slot: &SlotModel, cap: &[char], said: &str) -> String {
    let mut s = String::new();
    value_of(slot, cap, said, &mut s);
    s
}

/// Backtracking match of pattern pieces against `plain[pos..]`. Returns the number of inexact
/// slot values, or `None`.
fn match_here(
    pieces: &[PatternPiece],
    slots: &[SlotModel],
    plain: &[char],
    pos: usize,
    caps: &mut Vec<(usize, usize, usize)>,
    budget: &mut u32,
) -> Option<u32> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    match pieces.first() {
        None => (pos == plain.len()).then_some(0),
        Some(PatternPiece::Lit(l)) => {
            if plain.get(pos..)?.starts_with(l) {
                match_here(&pieces[1..], slots, plain, pos + l.len(), caps, budget)
            } else {
                None
            }
        }
        Some(PatternPiece::Slot(s)) => {
            let slot = slots.get(*s)?;
            let next_lit = match pieces.get(1) {
                Some(PatternPiece::Lit(l)) => Some(l),
                _ => None,
            };
            for end in pos + 1..=plain.len() {
                if let Some(l) = next_lit {
                    if !plain[end..].starts_with(l) {
                        continue;
                    }
                } else if pieces.len() == 1 && end != plain.len() {
                    continue;
                }
                let Some(exact) = accepts(slot, &plain[pos..end]) else {
                    continue;
                };
                caps.push((*s, pos, end));
                if let Some(n) = match_here(&pieces[1..], slots, plain, end, caps, budget) {
                    return Some(n + u32::from(!exact));
                }
                caps.pop();
            }
            None
        }
    }
}

/// Finds a slot's value inside longer text: the longest listed value or synonym, or a number.
/// Returns the character range.
fn spot(slot: &SlotModel, plain: &[char], text: &str) -> Option<(usize, usize)> {
    match &slot.kind {
        SlotKind::Custom { values, .. } => {
            let mut best: Option<(usize, usize)> = None;
            for f in values.iter().flat_map(|v| v.forms.iter()) {
                if f.is_empty() || f.len() > plain.len() {
                    continue;
                }
                if let Some(at) = plain.windows(f.len()).position(|w| w == f.as_slice()) {
                    let better =
                        best.is_none_or(|(s, e)| f.len() > e - s || (f.len() == e - s && at < s));
                    if better {
                        best = Some((at, at + f.len()));
                    }
                }
            }
            best
        }
        SlotKind::Number => find_number(plain).or_else(|| {
            // English number words: the longest run of words that reads as a number.
            let words: Vec<&str> = text.split_whitespace().collect();
            for len in (1..=words.len().min(6)).rev() {
                for start in 0..=words.len() - len {
                    let run = words[start..start + len].join(" ");
                    if parse_words(&run).is_some() {
                        let n: Vec<char> = normalize(&run).chars().collect();
                        if let Some(at) = plain
                            .windows(n.len().max(1))
                            .position(|w| w == n.as_slice())
                        {
                            return Some((at, at + n.len()));
                        }
                    }
                }
            }
            None
        }),
        SlotKind::Confirmation | SlotKind::AlphaNumeric | SlotKind::Any => None,
    }
}

pub(super) fn recognize(
    locale: &LocaleModel,
    text: &str,
    scratch: &mut Scratch,
    out: &mut Recognition,
) {
    out.clear();
    normalize_into(text, &mut scratch.chars);
    scratch.plain.clear();
    scratch.plain.extend(scratch.chars.iter().map(|c| c.c));
    if scratch.plain.is_empty() {
        return;
    }
    // 1. Exact patterns.
    let mut best: Option<(usize, f64)> = None;
    'intents: for (ii, intent) in locale.intents.iter().enumerate() {
        if intent.is_fallback {
            continue;
        }
        for p in &intent.patterns {
            scratch.caps.clear();
            let mut budget = 10_000;
            if let Some(inexact) = match_here(
                &p.pieces,
                &intent.slots,
                &scratch.plain,
                0,
                &mut scratch.caps,
                &mut budget,
            ) {
                let score = if inexact == 0 { 1.0 } else { 0.9 };
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((ii, score));
                    scratch.best_caps.clear();
                    scratch.best_caps.extend_from_slice(&scratch.caps);
                }
                if score >= 1.0 {
                    break 'intents;
                }
            }
        }
    }
    if let Some((ii, score)) = best {
        let intent = &locale.intents[ii];
        out.intent = Some(ii);
        out.confidence = score;
        out.slots.resize(intent.slots.len(), None);
        for &(s, from, to) in &scratch.best_caps {
            if let Some(slot) = intent.slots.get(s) {
                let said = original(text, &scratch.chars, from, to);
                let mut v = out.fresh();
                value_of(slot, &scratch.plain[from..to], said, &mut v);
                if let Some(old) = out.slots[s].replace(v) {
                    out.spare.push(old);
                }
            }
        }
        return;
    }
    // 2. Spot slots, compare the rest.
    let mut best: Option<(usize, f64)> = None;
    for (ii, intent) in locale.intents.iter().enumerate() {
        if intent.is_fallback || intent.patterns.is_empty() {
            continue;
        }
        mask(intent, text, scratch, false);
        bigrams_into(&scratch.masked, &mut scratch.bigrams);
        for p in &intent.patterns {
            // Half the evidence is the wording, half the slot values found in the text.
            let (mut found, mut total) = (0u32, 0u32);
            for piece in &p.pieces {
                if let PatternPiece::Slot(i) = piece {
                    total += 1;
                    found += u32::from(scratch.spotted.get(*i).copied().unwrap_or(false));
                }
            }
            let wording = dice(&scratch.bigrams, &p.bigrams);
            let score = if total == 0 {
                wording
            } else {
                0.5 * wording + 0.5 * f64::from(found) / f64::from(total)
            } * 0.95;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((ii, score));
            }
        }
    }
    if let Some((ii, score)) = best {
        out.confidence = score;
        if score >= locale.threshold {
            let intent = &locale.intents[ii];
            out.intent = Some(ii);
            mask(intent, text, scratch, true);
            out.slots.clear();
            out.slots.append(&mut scratch.spots);
        }
    }
}

/// Builds `scratch.masked`: the plain text with each spotted slot value replaced by its marker;
/// with `keep`, also records the values in `scratch.spots`.
fn mask(intent: &super::IntentModel, text: &str, scratch: &mut Scratch, keep: bool) {
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    for (si, slot) in intent.slots.iter().enumerate() {
        if let Some((s, e)) = spot(slot, &scratch.plain, text)
            && ranges.iter().all(|&(_, a, b)| e <= a || s >= b)
        {
            ranges.push((si, s, e));
        }
    }
    ranges.sort_by_key(|r| r.1);
    scratch.spotted.clear();
    scratch.spotted.resize(intent.slots.len(), false);
    for &(si, _, _) in &ranges {
        scratch.spotted[si] = true;
    }
    scratch.masked.clear();
    let mut pos = 0;
    for &(si, s, e) in &ranges {
        scratch.masked.extend_from_slice(&scratch.plain[pos..s]);
        scratch.masked.push(marker(si));
        pos = e;
    }
    scratch.masked.extend_from_slice(&scratch.plain[pos..]);
    if keep {
        scratch.spots.clear();
        scratch.spots.resize(intent.slots.len(), None);
        for &(si, s, e) in &ranges {
            if let Some(slot) = intent.slots.get(si) {
                let said = original(text, &scratch.chars, s, e);
                scratch.spots[si] = Some(value(slot, &scratch.plain[s..e], said));
            }
        }
    }
}

pub(super) fn resolve_slot(slot: &SlotModel, text: &str, scratch: &mut Scratch) -> Option<String> {
    normalize_into(text, &mut scratch.chars);
    scratch.plain.clear();
    scratch.plain.extend(scratch.chars.iter().map(|c| c.c));
    if scratch.plain.is_empty() {
        return None;
    }
    let whole = accepts(slot, &scratch.plain);
    if whole == Some(true) || (whole == Some(false) && spot(slot, &scratch.plain, text).is_none()) {
        return Some(value(slot, &scratch.plain, text.trim()));
    }
    let (s, e) = spot(slot, &scratch.plain, text)?;
    scratch.text.clear();
    scratch.text.push_str(original(text, &scratch.chars, s, e));
    Some(value(slot, &scratch.plain[s..e], &scratch.text))
}
