//! Lowering the bots of a resolved project to Lex V2 bots, and writing them as real exports are
//! written.
//!
//! ```text
//! resolve::Model --lower_bots--> Vec<LoweredBot { name, lex::Bot, BotSpans }> + L1xx diagnostics
//! lex::Bot --emit_bot_tree--> BTreeMap<path, bytes> --emit_bot_zip--> zip bytes
//! ```
//!
//! What `.dial` says maps one to one: locales (voice, confidence, description), custom slot
//! types (values, synonyms, resolution strategy), intents (utterances with `{Slot}`
//! references, slots in declaration order with their prompts, confirmation and decline).
//! What `.dial` does not say gets the value the Lex console gives a new bot: not child
//! directed, a 300-second idle session, a 0.40 confidence threshold, two retries per prompt,
//! interruptions allowed, and a `FallbackIntent` in every locale that has none.
//!
//! Output is deterministic: locales, intents, slots and slot types keep their source order,
//! and the 10-character identifiers an export carries are derived from names.

use std::collections::BTreeMap;

use super::spans::BotSpans;
use super::zip_tree::zip_tree_files;
use super::{
    Bot, BotLocale, FALLBACK_INTENT, Intent, IntentConfirmationSetting, Message, MessageGroup,
    PromptSpecification, ResolutionStrategy, ResponseSpecification, SampleUtterance, Scalar, Slot,
    SlotConstraint, SlotPriority, SlotType, SlotTypeValue, ValueElicitationSetting, VoiceSettings,
    write_zip,
};
use crate::diagnostics::Diagnostic;
use crate::resolve::{self, Model, Prompt};

/// The name Lex gives the fallback intent of a new locale.
pub const FALLBACK_INTENT_NAME: &str = "FallbackIntent";

/// The fixed identifier of the fallback intent in every real export.
pub const FALLBACK_INTENT_ID: &str = "FALLBCKINT";

/// Settings a `.dial` bot does not spell out.
#[derive(Debug, Clone, PartialEq)]
pub struct BotOptions {
    /// `dataPrivacy.childDirected` (COPPA): `false` for a shopping line.
    pub child_directed: bool,
    /// `idleSessionTTLInSeconds` (60–86400).
    pub idle_session_ttl_in_seconds: u32,
    /// `nluConfidenceThreshold` of a locale that gives no `confidence`.
    pub default_confidence: f64,
    /// `maxRetries` of slot and confirmation prompts (0–5).
    pub max_retries: u32,
}

impl Default for BotOptions {
    fn default() -> Self {
        Self {
            child_directed: false,
            idle_session_ttl_in_seconds: 300,
            default_confidence: 0.4,
            max_retries: 2,
        }
    }
}

/// One bot of the project as Lex sees it, with the source spans of its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct LoweredBot {
    /// The bot's `.dial` name (also its Lex name).
    pub name: String,
    /// The Lex bot.
    pub bot: Bot,
    /// Where its parts are written, for diagnostics.
    pub spans: BotSpans,
}

/// Lowers every bot of the model, in declaration order, and checks them (codes `L100`–`L149`,
/// see [`super::checks`]). Run it on a model whose analysis has no errors: the resolver already
/// reports what it can see (unknown slots and slot types, missing prompts), and the checks would
/// repeat it.
#[must_use]
pub fn lower_bots(model: &Model, options: &BotOptions) -> (Vec<LoweredBot>, Vec<Diagnostic>) {
    let bots: Vec<LoweredBot> = model.bots.iter().map(|b| lower_bot(b, options)).collect();
    let mut diags = Vec::new();
    for b in &bots {
        diags.extend(super::checks::check_bot(&b.bot, &b.spans));
    }
    diags.extend(super::checks::check_model(model));
    (bots, diags)
}

/// Lowers one bot.
#[must_use]
pub fn lower_bot(b: &resolve::Bot, options: &BotOptions) -> LoweredBot {
    let mut spans = BotSpans::new(b.name_span);
    let mut bot = Bot::new(
        b.name.clone(),
        options.child_directed,
        options.idle_session_ttl_in_seconds,
    );
    bot.identifier = Some(derive_id(&[&b.name]));
    bot.version = Some("DRAFT".to_owned());
    bot.description = b.description.clone().map(Scalar::Lit);
    bot.locales.reserve_exact(b.locales.len());
    for l in &b.locales {
        spans.insert(l.locale.clone(), l.span);
        bot.locales
            .push(lower_locale(&b.name, l, options, &mut spans));
    }
    LoweredBot {
        name: b.name.clone(),
        bot,
        spans,
    }
}

fn lower_locale(
    bot: &str,
    l: &resolve::BotLocale,
    options: &BotOptions,
    spans: &mut BotSpans,
) -> BotLocale {
    let loc = &l.locale;
    let mut out = BotLocale::new(
        loc.clone(),
        l.confidence.unwrap_or(options.default_confidence),
    );
    out.name = locale_display_name(loc).map(str::to_owned);
    out.description = l.description.clone().map(Scalar::Lit);
    out.voice_settings = l.voice.as_ref().map(|v| {
        let mut s = VoiceSettings::new(v.name.clone());
        s.engine = v
            .engine
            .as_deref()
            .map(|e| Scalar::Lit(e.replace('_', "-")));
        s
    });
    out.slot_types.reserve_exact(l.slot_types.len());
    // One more for the fallback intent.
    out.intents.reserve_exact(l.intents.len() + 1);
    for t in &l.slot_types {
        let base = format!("{loc}/slot_type/{}", t.name);
        spans.insert(base.clone(), t.span);
        let values = t
            .values
            .iter()
            .map(|(v, syn)| SlotTypeValue::new(v.clone(), syn.iter().cloned()))
            .collect();
        let mut st = SlotType::new(t.name.clone(), values, resolution_strategy(&t.resolution));
        st.identifier = Some(derive_id(&[bot, loc, "slot_type", &t.name]));
        out.slot_types.push(st);
    }
    for i in &l.intents {
        out.intents.push(lower_intent(bot, loc, i, options, spans));
    }
    if !out.intents.iter().any(Intent::is_fallback) {
        out.intents.push(fallback_intent());
    }
    out
}

/// The `.dial` resolution (`original`, `top`, `concatenate`) as a Lex strategy.
#[must_use]
pub fn resolution_strategy(dial: &str) -> ResolutionStrategy {
    match dial {
        "top" => ResolutionStrategy::TopResolution,
        "concatenate" => ResolutionStrategy::Concatenation,
        _ => ResolutionStrategy::OriginalValue,
    }
}

/// The fallback intent Lex creates in a new locale.
#[must_use]
pub fn fallback_intent() -> Intent {
    let mut i = Intent::new(FALLBACK_INTENT_NAME);
    i.identifier = Some(FALLBACK_INTENT_ID.to_owned());
    i.description = Some(Scalar::Lit(
        "Default intent when no other intent matches".to_owned(),
    ));
    i.parent_intent_signature = Some(Scalar::Lit(FALLBACK_INTENT.to_owned()));
    i
}

fn lower_intent(
    bot: &str,
    loc: &str,
    i: &resolve::Intent,
    options: &BotOptions,
    spans: &mut BotSpans,
) -> Intent {
    let base = format!("{loc}/intent/{}", i.name);
    spans.insert(base.clone(), i.name_span);
    let mut out = Intent::new(i.name.clone());
    out.identifier = Some(derive_id(&[bot, loc, "intent", &i.name]));
    out.description = i.description.clone().map(Scalar::Lit);
    if !i.utterances.is_empty() {
        let mut list = Vec::with_capacity(i.utterances.len());
        for (n, u) in i.utterances.iter().enumerate() {
            spans.insert(format!("{base}/utterance/{n}"), u.span);
            list.push(SampleUtterance::new(u.display()));
        }
        out.sample_utterances = Some(list);
    }
    let mut priorities = Vec::with_capacity(i.slots.len());
    out.slots.reserve_exact(i.slots.len());
    for (n, s) in i.slots.iter().enumerate() {
        let sbase = format!("{base}/slot/{}", s.name);
        spans.insert(sbase.clone(), s.span);
        if let Some(p) = &s.prompt {
            spans.insert(format!("{sbase}/prompt"), p.span);
        }
        let constraint = if s.required {
            SlotConstraint::Required
        } else {
            SlotConstraint::Optional
        };
        let prompt = s.prompt.as_ref().map(|p| prompt_spec(p, options));
        let mut slot = Slot::new(
            s.name.clone(),
            s.type_name.clone(),
            ValueElicitationSetting::new(constraint, prompt),
        );
        slot.identifier = Some(derive_id(&[bot, loc, "intent", &i.name, "slot", &s.name]));
        out.slots.push(slot);
        priorities.push(SlotPriority::new(
            u32::try_from(n + 1).unwrap_or(u32::MAX),
            s.name.clone(),
        ));
    }
    if !priorities.is_empty() {
        out.slot_priorities = Some(priorities);
    }
    if let Some(c) = &i.confirm {
        spans.insert(format!("{base}/confirm"), c.span);
        let decline = i.decline.as_ref().map(|d| {
            spans.insert(format!("{base}/decline"), d.span);
            ResponseSpecification {
                allow_interrupt: Some(Scalar::Lit(true)),
                ..ResponseSpecification::new(vec![MessageGroup::new(message(d))])
            }
        });
        let mut setting = IntentConfirmationSetting::new(prompt_spec(c, options), decline);
        setting.is_active = Some(Scalar::Lit(true));
        out.confirmation = Some(setting);
    }
    out
}

/// A prompt as one message group with the project's retries; interruptions allowed.
fn prompt_spec(p: &Prompt, options: &BotOptions) -> PromptSpecification {
    let mut spec =
        PromptSpecification::new(options.max_retries, vec![MessageGroup::new(message(p))]);
    spec.allow_interrupt = Some(Scalar::Lit(true));
    spec
}

/// Plain text, or SSML when the text is `<speak>…</speak>`.
fn message(p: &Prompt) -> Message {
    // `{Slot}` references as Lex writes them; contact-attribute references cannot appear in
    // bot text (the resolver rejects them) and are kept as written.
    let text = p.display();
    if p.ssml {
        Message::ssml(text)
    } else {
        Message::plain_text(text)
    }
}

/// The display name Lex gives a locale (`BotLocale.json`'s `name`).
#[must_use]
pub fn locale_display_name(locale: &str) -> Option<&'static str> {
    Some(match locale {
        "ja_JP" => "Japanese (JP)",
        "en_US" => "English (US)",
        "en_GB" => "English (GB)",
        "en_AU" => "English (AU)",
        "en_IN" => "English (IN)",
        "en_IE" => "English (IE)",
        "en_NZ" => "English (NZ)",
        "en_ZA" => "English (ZA)",
        "es_ES" => "Spanish (ES)",
        "es_US" => "Spanish (US)",
        "es_419" => "Spanish (Latin America)",
        "fr_FR" => "French (FR)",
        "fr_CA" => "French (CA)",
        "de_DE" => "German (DE)",
        "de_AT" => "German (AT)",
        "it_IT" => "Italian (IT)",
        "pt_BR" => "Portuguese (BR)",
        "pt_PT" => "Portuguese (PT)",
        "ko_KR" => "Korean (KR)",
        "zh_CN" => "Chinese (CN)",
        "yue_HK" => "Cantonese (HK)",
        "ca_ES" => "Catalan (ES)",
        "nl_NL" => "Dutch (NL)",
        "fi_FI" => "Finnish (FI)",
        "sv_SE" => "Swedish (SE)",
        "no_NO" => "Norwegian (NO)",
        "da_DK" => "Danish (DK)",
        "pl_PL" => "Polish (PL)",
        "ar_AE" => "Arabic (AE)",
        "hi_IN" => "Hindi (IN)",
        "gsw_CH" => "Swiss German (CH)",
        "tr_TR" => "Turkish (TR)",
        _ => return None,
    })
}

/// A 10-character `[0-9A-Z]` identifier derived from names (FNV-1a, 64 bits), shaped like the
/// service-generated ones in real exports and stable across runs.
#[must_use]
pub fn derive_id(parts: &[&str]) -> String {
    const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, p) in parts.iter().enumerate() {
        if n > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut out = String::with_capacity(10);
    for _ in 0..10 {
        out.push(char::from(ALPHABET[usize::try_from(h % 36).unwrap_or(0)]));
        h /= 36;
        // 36^10 > 2^51: stir the hash again so the last characters are not always `0`.
        h ^= h.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    out
}

/// The export tree of a bot as the Lex console writes it: [`super::emit_zip_tree`], with every
/// known key that the bot leaves unset written as `null` (and `slotPriorities` as `[]`), as in
/// all real exports (see [`super::console_json`]).
#[must_use]
pub fn emit_bot_tree(bot: &Bot) -> BTreeMap<String, Vec<u8>> {
    zip_tree_files(bot, true)
}

/// The export zip of a bot: [`emit_bot_tree`] packed by [`write_zip`] (entries in path order,
/// fixed timestamps), so the same bot always gives the same bytes.
#[must_use]
pub fn emit_bot_zip(bot: &Bot) -> Vec<u8> {
    write_zip(&emit_bot_tree(bot)).unwrap_or_default()
}

/// The export zip's file name, as the console names it: `<Bot>-DRAFT-<id>-LexJson.zip`.
#[must_use]
pub fn export_file_name(bot: &Bot) -> String {
    let name = bot.name.to_string();
    let id = bot
        .identifier
        .clone()
        .unwrap_or_else(|| derive_id(&[&name]));
    format!("{name}-DRAFT-{id}-LexJson.zip")
}
