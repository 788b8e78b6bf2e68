//! Understanding what a caller says, the way a Lex V2 bot does, deterministically.
//!
//! A bot is compiled once into a [`BotModel`]: per locale, each intent's sample utterances
//! become [`Pattern`]s (literal pieces and slot references, normalised), each slot knows its
//! type (custom values and synonyms with their resolution strategy, or a built-in type).
//! [`LocaleModel::recognize`] then:
//!
//! 1. tries every utterance as an exact pattern (slots capture the text between literals and
//!    must be valid values of their type): confidence 1.0, or 0.9 when an expand-values slot
//!    took a value that is not in its list;
//! 2. otherwise spots slot values in the text (values and synonyms, numbers) and compares the
//!    rest with each utterance by character-bigram similarity (Dice), scaled by 0.95;
//! 3. returns the best intent (ties: the first in the bot's order) if it reaches the locale's
//!    `nluConfidenceThreshold`, else the fallback intent.
//!
//! Numbers are understood as digits, full-width digits, kanji numerals and English words
//! ([`numbers`]); yes and no in both languages ([`confirm`]).

pub mod confirm;
mod matcher;
pub mod normalize;
pub mod numbers;

use dialect_compiler::lex::{Bot, BotLocale, Intent, ResolutionStrategy, SlotConstraint};

pub use matcher::Scratch;

/// A custom slot value: the canonical value and every normalised form (value and synonyms).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueModel {
    /// The value as the bot defines it.
    pub canonical: String,
    /// The value and its synonyms, normalised.
    pub forms: Vec<Vec<char>>,
}

/// The type of a slot.
#[derive(Debug, Clone, PartialEq)]
pub enum SlotKind {
    /// A custom slot type.
    Custom {
        /// Its values.
        values: Vec<ValueModel>,
        /// `TOP_RESOLUTION` returns the canonical value and accepts nothing else;
        /// `ORIGINAL_VALUE` returns what was said and also accepts other text.
        restrict: bool,
    },
    /// `AMAZON.Number`.
    Number,
    /// `AMAZON.AlphaNumeric`.
    AlphaNumeric,
    /// `AMAZON.Confirmation`.
    Confirmation,
    /// Any other built-in type: accepts any text.
    Any,
}

/// A slot of an intent.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotModel {
    /// Its name.
    pub name: String,
    /// Its type.
    pub kind: SlotKind,
    /// Lex elicits it when missing.
    pub required: bool,
    /// The elicitation prompt.
    pub prompt: Option<String>,
    /// Retries before giving up.
    pub max_retries: u32,
}

/// A piece of a sample utterance.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternPiece {
    /// Literal text, normalised.
    Lit(Vec<char>),
    /// A slot reference (index into the intent's slots).
    Slot(usize),
}

/// A compiled sample utterance.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The pieces.
    pub pieces: Vec<PatternPiece>,
    /// Sorted character bigrams of the utterance with each slot as one marker character.
    pub bigrams: Vec<(char, char)>,
}

/// An intent.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentModel {
    /// Its name.
    pub name: String,
    /// Its sample utterances.
    pub patterns: Vec<Pattern>,
    /// Its slots.
    pub slots: Vec<SlotModel>,
    /// Slot indices in elicitation order.
    pub order: Vec<usize>,
    /// The confirmation prompt, when confirmation is active.
    pub confirmation: Option<String>,
    /// What the bot says when the caller declines.
    pub declination: Option<String>,
    /// Whether this is the fallback intent.
    pub is_fallback: bool,
}

/// One locale of a bot.
#[derive(Debug, Clone, PartialEq)]
pub struct LocaleModel {
    /// `ja_JP`, `en_US`, …
    pub id: String,
    /// The confidence below which the fallback intent is returned.
    pub threshold: f64,
    /// The intents, in the bot's order.
    pub intents: Vec<IntentModel>,
}

/// A compiled bot.
#[derive(Debug, Clone, PartialEq)]
pub struct BotModel {
    /// The bot's name.
    pub name: String,
    /// Alias ARNs that flows use to reach it.
    pub aliases: Vec<String>,
    /// Its locales.
    pub locales: Vec<LocaleModel>,
}

/// What the bot understood.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recognition {
    /// The intent (index in the locale), `None` for the fallback.
    pub intent: Option<usize>,
    /// Confidence, 0–1.
    pub confidence: f64,
    /// Slot values, one per slot of the intent.
    pub slots: Vec<Option<String>>,
    /// Strings kept for reuse, so that a warm recognition allocates nothing.
    spare: Vec<String>,
}

impl Recognition {
    /// Forgets the result, keeping the buffers.
    pub fn clear(&mut self) {
        self.intent = None;
        self.confidence = 0.0;
        for s in self.slots.drain(..).flatten() {
            self.spare.push(s);
        }
    }

    /// An empty string, reused if possible.
    fn fresh(&mut self) -> String {
        let mut s = self.spare.pop().unwrap_or_default();
        s.clear();
        s
    }
}

fn first_message(groups: &[dialect_compiler::lex::MessageGroup]) -> Option<String> {
    groups
        .first()
        .and_then(|g| g.message.text())
        .and_then(|t| t.as_str())
        .map(str::to_owned)
}

impl BotModel {
    /// Compiles a bot.
    #[must_use]
    pub fn compile(bot: &Bot, aliases: Vec<String>) -> Self {
        Self {
            name: bot.name.as_str().unwrap_or_default().to_owned(),
            aliases,
            locales: bot.locales.iter().map(compile_locale).collect(),
        }
    }

    /// The locale for a language code (`ja-JP` or `ja_JP`), else the first.
    #[must_use]
    pub fn locale(&self, code: Option<&str>) -> Option<&LocaleModel> {
        let same = |a: &str, b: &str| {
            a.len() == b.len()
                && a.bytes().zip(b.bytes()).all(|(x, y)| {
                    let norm = |c: u8| {
                        if c == b'-' {
                            b'_'
                        } else {
                            c.to_ascii_lowercase()
                        }
                    };
                    norm(x) == norm(y)
                })
        };
        code.and_then(|c| self.locales.iter().find(|l| same(&l.id, c)))
            .or_else(|| self.locales.first())
    }
}

fn compile_locale(l: &BotLocale) -> LocaleModel {
    LocaleModel {
        id: l.locale_id.as_str().unwrap_or_default().to_owned(),
        threshold: l.nlu_confidence_threshold.as_f64().unwrap_or(0.4),
        intents: l.intents.iter().map(|i| compile_intent(i, l)).collect(),
    }
}

fn slot_kind(type_name: &str, locale: &BotLocale) -> SlotKind {
    match type_name {
        "AMAZON.Number" => SlotKind::Number,
        "AMAZON.AlphaNumeric" => SlotKind::AlphaNumeric,
        "AMAZON.Confirmation" => SlotKind::Confirmation,
        other => match locale.slot_type(other) {
            Some(t) => {
                let values = t
                    .values
                    .iter()
                    .flatten()
                    .filter_map(|v| {
                        let canonical = v.sample_value.value.as_str()?.to_owned();
                        let mut forms = vec![normalize::normalize(&canonical).chars().collect()];
                        for s in v.synonyms.iter().flatten() {
                            if let Some(s) = s.value.as_str() {
                                forms.push(normalize::normalize(s).chars().collect());
                            }
                        }
                        forms.retain(|f: &Vec<char>| !f.is_empty());
                        Some(ValueModel { canonical, forms })
                    })
                    .collect();
                let restrict = t
                    .value_selection
                    .as_ref()
                    .and_then(|v| v.resolution_strategy.lit())
                    .is_some_and(|s| *s == ResolutionStrategy::TopResolution);
                SlotKind::Custom { values, restrict }
            }
            None => SlotKind::Any,
        },
    }
}

fn compile_intent(intent: &Intent, locale: &BotLocale) -> IntentModel {
    let slots: Vec<SlotModel> = intent
        .slots
        .iter()
        .map(|s| {
            let ve = &s.value_elicitation;
            SlotModel {
                name: s.name.as_str().unwrap_or_default().to_owned(),
                kind: slot_kind(s.slot_type_name.as_str().unwrap_or_default(), locale),
                required: ve.slot_constraint.lit() == Some(&SlotConstraint::Required),
                prompt: ve
                    .prompt
                    .as_ref()
                    .and_then(|p| first_message(&p.message_groups)),
                max_retries: ve
                    .prompt
                    .as_ref()
                    .and_then(|p| p.max_retries.lit().copied())
                    .unwrap_or(2),
            }
        })
        .collect();
    let order = intent
        .slot_order()
        .into_iter()
        .filter_map(|n| {
            slots
                .iter()
                .position(|s| Some(s.name.as_str()) == n.as_str())
        })
        .collect();
    let patterns = intent
        .sample_utterances
        .iter()
        .flatten()
        .filter_map(|u| u.utterance.as_str())
        .map(|u| compile_pattern(u, &slots))
        .collect();
    let active = |a: Option<&dialect_compiler::lex::Scalar<bool>>| {
        a.and_then(|s| s.lit().copied()).unwrap_or(true)
    };
    let (confirmation, declination) = match &intent.confirmation {
        Some(c) if active(c.is_active.as_ref()) => (
            first_message(&c.prompt.message_groups),
            c.declination_response
                .as_ref()
                .and_then(|r| first_message(&r.message_groups)),
        ),
        _ => (None, None),
    };
    IntentModel {
        name: intent.name.as_str().unwrap_or_default().to_owned(),
        patterns,
        slots,
        order,
        confirmation,
        declination,
        is_fallback: intent.is_fallback(),
    }
}

/// The marker character standing for slot `i` in bigrams.
fn marker(i: usize) -> char {
    char::from_u32(0xE000 + u32::try_from(i % 0x1000).unwrap_or(0)).unwrap_or('\u{E000}')
}

fn compile_pattern(text: &str, slots: &[SlotModel]) -> Pattern {
    let mut pieces = Vec::new();
    let mut skeleton = Vec::new();
    let mut rest = text;
    let mut lit = String::new();
    while let Some(open) = rest.find('{') {
        lit.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            lit.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = after[..close].trim();
        if let Some(i) = slots.iter().position(|s| s.name == name) {
            let l: Vec<char> = normalize::normalize(&lit).chars().collect();
            skeleton.extend(&l);
            if !l.is_empty() {
                pieces.push(PatternPiece::Lit(l));
            }
            lit.clear();
            pieces.push(PatternPiece::Slot(i));
            skeleton.push(marker(i));
        } else {
            lit.push_str(&rest[open..open + 1 + close + 1]);
        }
        rest = &after[close + 1..];
    }
    lit.push_str(rest);
    let l: Vec<char> = normalize::normalize(&lit).chars().collect();
    skeleton.extend(&l);
    if !l.is_empty() {
        pieces.push(PatternPiece::Lit(l));
    }
    let mut bigrams = Vec::new();
    matcher::bigrams_into(&skeleton, &mut bigrams);
    Pattern { pieces, bigrams }
}

impl LocaleModel {
    /// The fallback intent's name (`FallbackIntent` when the bot has none).
    #[must_use]
    pub fn fallback_name(&self) -> &str {
        self.intents
            .iter()
            .find(|i| i.is_fallback)
            .map_or("FallbackIntent", |i| i.name.as_str())
    }

    /// The name of a recognised intent (the fallback for `None`).
    #[must_use]
    pub fn intent_name(&self, intent: Option<usize>) -> &str {
        intent
            .and_then(|i| self.intents.get(i))
            .map_or_else(|| self.fallback_name(), |i| i.name.as_str())
    }

    /// Understands `text`. `scratch` and `out` are reused between calls (no allocation once
    /// warm on the exact-match path).
    pub fn recognize(&self, text: &str, scratch: &mut Scratch, out: &mut Recognition) {
        matcher::recognize(self, text, scratch, out);
    }

    /// The value of one slot from an answer to its elicitation prompt.
    #[must_use]
    pub fn resolve_slot(
        &self,
        slot: &SlotModel,
        text: &str,
        scratch: &mut Scratch,
    ) -> Option<String> {
        matcher::resolve_slot(slot, text, scratch)
    }
}

/// Replaces `{Slot}` references in a bot prompt with the slot values.
#[must_use]
pub fn fill_prompt(template: &str, intent: &IntentModel, values: &[Option<String>]) -> String {
    let mut out = template.to_owned();
    for (i, s) in intent.slots.iter().enumerate() {
        let v = values.get(i).and_then(Option::as_deref).unwrap_or("");
        out = out.replace(&format!("{{{}}}", s.name), v);
    }
    out
}
