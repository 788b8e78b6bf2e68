//! Declarations other than flows: integrations, queues, hours, calendars and bots.

use super::Resolver;
use super::model::{
    Bot, BotLocale, Calendar, CalendarEntry, Hours, Integration, Intent, Queue, Slot, SlotType,
    Voice,
};
use super::names::{DeclKind, did_you_mean};
use super::refs::bot_text;
use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, Span};
use crate::syntax::ast::{self, Ident};

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const LOCALES: &[&str] = &[
    "ja_JP", "en_US", "en_GB", "en_AU", "en_IN", "en_IE", "en_NZ", "en_ZA", "es_ES", "es_US",
    "es_419", "fr_FR", "fr_CA", "de_DE", "de_AT", "it_IT", "pt_BR", "pt_PT", "ko_KR", "zh_CN",
    "yue_HK", "ca_ES", "nl_NL", "fi_FI", "sv_SE", "no_NO", "da_DK", "pl_PL", "ar_AE", "hi_IN",
    "gsw_CH", "tr_TR",
];

pub(crate) fn invalid_setting(span: Span, what: &str, got: &str, allowed: &[&str]) -> Diagnostic {
    let mut d = Diagnostic::new(
        codes::INVALID_SETTING,
        format!("`{got}` is not a valid {what}"),
    )
    .with_label(span, format!("unknown {what}"));
    d = match did_you_mean(got, allowed.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!(
            "use one of: {}",
            allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    d
}

pub(crate) fn missing(span: Span, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new(codes::MISSING_REQUIRED, what.to_owned())
        .with_label(span, "declared here")
        .with_help(help.to_owned())
}

pub(crate) fn voice(v: &ast::Voice, diags: &mut Vec<Diagnostic>) -> Voice {
    if let Some(e) = &v.engine
        && !["neural", "standard", "generative", "long_form"].contains(&e.text.as_str())
    {
        diags.push(invalid_setting(
            e.span,
            "voice engine",
            &e.text,
            &["neural", "standard", "generative", "long_form"],
        ));
    }
    Voice {
        locale: v.locale.text.replace('_', "-"),
        name: v.name.text.to_string(),
        engine: v.engine.as_ref().map(|e| e.text.to_string()),
    }
}

impl Resolver<'_> {
    pub(crate) fn integration(&mut self, d: &ast::IntegrationDecl) -> Integration {
        let lambda = match &d.lambda {
            Some(l) if !l.value.trim().is_empty() => l.value.clone(),
            _ => {
                self.diags.push(missing(d.name.span, &format!("integration `{}` names no lambda", d.name.text), "add `lambda \"logical-name\"`; the environment file maps that name to the function ARN"));
                String::new()
            }
        };
        check_lambda_timeout(d.timeout, &mut self.diags);
        Integration {
            name: d.name.text.to_string(),
            name_span: d.name.span,
            span: d.span,
            lambda,
            timeout_s: d.timeout.map(ast::Duration::seconds),
            description: d.description.as_ref().map(|t| t.value.clone()),
            returns: d.returns.iter().map(|r| r.text.to_string()).collect(),
        }
    }

    pub(crate) fn queue(&mut self, file: FileId, d: &ast::QueueDecl) -> Queue {
        let hours = d
            .hours
            .as_ref()
            .and_then(|h| self.lookup(file, h, &[DeclKind::Hours]))
            .map(|s| super::model::HoursId(s.index));
        Queue {
            name: d.name.text.to_string(),
            name_span: d.name.span,
            span: d.span,
            hours,
            description: d.description.as_ref().map(|t| t.value.clone()),
        }
    }

    pub(crate) fn hours(&mut self, file: FileId, d: &ast::HoursDecl) -> Hours {
        let timezone = match &d.timezone {
            Some(tz) => {
                if jiff::tz::TimeZone::get(&tz.text).is_err() {
                    let d = Diagnostic::new(
                        codes::INVALID_SETTING,
                        format!("`{}` is not a known time zone", tz.text),
                    )
                    .with_label(tz.span, "not an IANA time zone name")
                    .with_help("use an IANA name such as `Asia/Tokyo` or `America/New_York`");
                    self.diags.push(d);
                }
                tz.text.to_string()
            }
            None => {
                self.diags.push(missing(
                    d.name.span,
                    &format!("hours `{}` has no time zone", d.name.text),
                    "add `timezone Asia/Tokyo` (an IANA time zone name)",
                ));
                String::new()
            }
        };
        let mut week: [Vec<(u16, u16)>; 7] = Default::default();
        let mut seen_days = [None::<Span>; 7];
        for rule in &d.rules {
            for (from, to) in &rule.days {
                let Some(a) = self.day(from) else { continue };
                let b = match to {
                    Some(t) => match self.day(t) {
                        Some(b) => b,
                        None => continue,
                    },
                    None => a,
                };
                let days: Vec<usize> = if a <= b {
                    (a..=b).collect()
                } else {
                    (a..7).chain(0..=b).collect()
                };
                for day in days {
                    if let Some(prev) = seen_days[day] {
                        self.diags.push(
                            Diagnostic::new(codes::DUPLICATE_SETTING, format!("`{}` is given two rules", DAYS[day]))
                                .with_label(rule.span, "second rule for this day")
                                .with_secondary(prev, "first rule")
                                .with_help("give each day one rule; list several time ranges with commas: `mon 09:00-12:00, 13:00-18:00`"),
                        );
                    }
                    seen_days[day] = Some(rule.span);
                    for (s, e) in &rule.times {
                        if e.minutes <= s.minutes {
                            self.diags.push(
                                Diagnostic::new(codes::INVALID_LITERAL, "the time range ends before it starts")
                                    .with_label(s.span.to(e.span), "empty or reversed range")
                                    .with_help("write the opening time first; ranges cannot cross midnight (split them at 24:00)"),
                            );
                            continue;
                        }
                        week[day].push((s.minutes, e.minutes));
                    }
                }
            }
        }
        let closed_on = d
            .closed_on
            .iter()
            .filter_map(|c| self.lookup(file, c, &[DeclKind::Calendar]))
            .map(|s| super::model::CalendarId(s.index))
            .collect();
        Hours {
            name: d.name.text.to_string(),
            name_span: d.name.span,
            span: d.span,
            timezone,
            week,
            closed_on,
            description: d.description.as_ref().map(|t| t.value.clone()),
        }
    }

    fn day(&mut self, i: &Ident) -> Option<usize> {
        let lower = i.text.to_lowercase();
        let key: String = lower.chars().take(3).collect();
        match DAYS.iter().position(|d| *d == key) {
            Some(p)
                if lower.len() == 3
                    || [
                        "monday",
                        "tuesday",
                        "wednesday",
                        "thursday",
                        "friday",
                        "saturday",
                        "sunday",
                    ]
                    .contains(&lower.as_str()) =>
            {
                Some(p)
            }
            _ => {
                self.diags
                    .push(invalid_setting(i.span, "weekday", &i.text, &DAYS));
                None
            }
        }
    }

    pub(crate) fn calendar(&mut self, d: &ast::CalendarDecl) -> Calendar {
        let mut entries: Vec<CalendarEntry> = Vec::new();
        for e in &d.entries {
            let closure = match &e.kind {
                None => false,
                Some(k) if k.text == "holiday" => false,
                Some(k) if k.text == "closure" => true,
                Some(k) => {
                    self.diags.push(invalid_setting(
                        k.span,
                        "calendar entry kind",
                        &k.text,
                        &["holiday", "closure"],
                    ));
                    false
                }
            };
            // A public holiday may fall inside a closure (New Year's Day in the year-end closure;
            // the closure wins); two holidays or two closures on one date are a mistake.
            if let Some(prev) = entries
                .iter()
                .find(|p| p.closure == closure && p.from <= e.to && e.from <= p.to)
            {
                self.diags.push(
                    Diagnostic::new(
                        codes::DUPLICATE_SETTING,
                        format!(
                            "two {} entries cover the same date",
                            if closure { "closure" } else { "holiday" }
                        ),
                    )
                    .with_label(e.span, "overlaps an earlier entry")
                    .with_secondary(prev.span, "earlier entry")
                    .with_help("each date may appear once; merge the entries or fix the dates"),
                );
            }
            entries.push(CalendarEntry {
                from: e.from,
                to: e.to,
                closure,
                reason: e.reason.as_ref().map(|r| r.value.clone()),
                span: e.span,
            });
        }
        if entries.is_empty() {
            self.diags.push(missing(
                d.name.span,
                &format!("calendar `{}` has no dates", d.name.text),
                "add entries such as `2027-01-01 holiday \"元日\"`",
            ));
        }
        Calendar {
            name: d.name.text.to_string(),
            name_span: d.name.span,
            span: d.span,
            entries,
            description: d.description.as_ref().map(|t| t.value.clone()),
        }
    }

    pub(crate) fn bot(&mut self, d: &ast::BotDecl) -> Bot {
        let mut locales: Vec<BotLocale> = Vec::new();
        if d.locales.is_empty() {
            self.diags.push(missing(
                d.name.span,
                &format!("bot `{}` has no locale", d.name.text),
                "add `locale ja_JP` (or `locale en_US { ... }` blocks)",
            ));
        }
        for l in &d.locales {
            let Some(loc) = &l.locale else {
                self.diags.push(missing(
                    d.name.span,
                    &format!("bot `{}` has intents but no `locale` line", d.name.text),
                    "start the bot with `locale ja_JP`",
                ));
                continue;
            };
            if !LOCALES.contains(&loc.text.as_str()) {
                let fixed = loc.text.replace('-', "_");
                let d = if LOCALES.contains(&fixed.as_str()) {
                    Diagnostic::new(
                        codes::INVALID_SETTING,
                        format!("bot locales are written with `_`: `{fixed}`"),
                    )
                    .with_label(loc.span, "Lex locale ids use an underscore")
                    .with_help(format!("write `{fixed}`"))
                } else {
                    invalid_setting(loc.span, "Lex locale", &loc.text, LOCALES)
                };
                self.diags.push(d);
            }
            if let Some(prev) = locales.iter().find(|p| p.locale == loc.text) {
                self.diags.push(
                    Diagnostic::new(
                        codes::DUPLICATE_STEP,
                        format!("locale `{}` is declared twice", loc.text),
                    )
                    .with_label(loc.span, "second declaration")
                    .with_secondary(prev.span, "first declaration")
                    .with_help("merge the two locale blocks"),
                );
            }
            locales.push(self.bot_locale(loc, l));
        }
        Bot {
            name: d.name.text.to_string(),
            name_span: d.name.span,
            span: d.span,
            description: d.description.as_ref().map(|t| t.value.clone()),
            locales,
        }
    }

    fn bot_locale(&mut self, loc: &Ident, l: &ast::LocaleDecl) -> BotLocale {
        let mut slot_types: Vec<SlotType> = Vec::new();
        for st in &l.slot_types {
            if let Some(prev) = slot_types.iter().find(|p| p.name == st.name.text) {
                self.diags
                    .push(dup(st.name.span, prev.span, "slot type", &st.name.text));
                continue;
            }
            let resolution = match &st.resolution {
                None => "original".to_owned(),
                Some(r) if ["original", "top", "concatenate"].contains(&r.text.as_str()) => {
                    r.text.to_string()
                }
                Some(r) => {
                    self.diags.push(invalid_setting(
                        r.span,
                        "slot resolution",
                        &r.text,
                        &["original", "top", "concatenate"],
                    ));
                    "original".to_owned()
                }
            };
            let mut values: Vec<(String, Vec<String>)> = Vec::new();
            let mut seen: Vec<(String, Span)> = Vec::new();
            for v in &st.values {
                for t in std::iter::once(&v.value).chain(&v.synonyms) {
                    if let Some((_, prev)) = seen.iter().find(|(s, _)| s == &t.value) {
                        self.diags
                            .push(dup(t.span, *prev, "slot value or synonym", &t.value));
                    }
                    seen.push((t.value.clone(), t.span));
                }
                values.push((
                    v.value.value.clone(),
                    v.synonyms.iter().map(|s| s.value.clone()).collect(),
                ));
            }
            if values.is_empty() {
                self.diags.push(missing(
                    st.name.span,
                    &format!("slot type `{}` has no values", st.name.text),
                    "add values such as `\"りんご\" = \"林檎\", \"アップル\"`",
                ));
            }
            slot_types.push(SlotType {
                name: st.name.text.to_string(),
                span: st.name.span,
                values,
                resolution,
            });
        }
        let mut intents: Vec<Intent> = Vec::new();
        for i in &l.intents {
            if let Some(prev) = intents.iter().find(|p| p.name == i.name.text) {
                self.diags
                    .push(dup(i.name.span, prev.name_span, "intent", &i.name.text));
                continue;
            }
            intents.push(self.intent(i, &slot_types));
        }
        let confidence = l.confidence.as_ref().and_then(|(c, span)| {
            let v = c.parse::<f64>().ok().filter(|v| (0.0..=1.0).contains(v));
            if v.is_none() {
                self.diags.push(
                    Diagnostic::new(
                        codes::INVALID_LITERAL,
                        "the confidence threshold must be between 0 and 1",
                    )
                    .with_label(*span, "out of range")
                    .with_help("Lex uses 0.40 by default; write for example `confidence 0.6`"),
                );
            }
            v
        });
        BotLocale {
            locale: loc.text.to_string(),
            span: loc.span,
            voice: l.voice.as_ref().map(|v| voice(v, &mut self.diags)),
            confidence,
            description: l.description.as_ref().map(|t| t.value.clone()),
            slot_types,
            intents,
        }
    }

    fn intent(&mut self, i: &ast::IntentDecl, slot_types: &[SlotType]) -> Intent {
        let mut slots: Vec<Slot> = Vec::new();
        for s in &i.slots {
            if let Some(prev) = slots.iter().find(|p| p.name == s.name.text) {
                self.diags
                    .push(dup(s.name.span, prev.span, "slot", &s.name.text));
                continue;
            }
            let builtin = s.type_name.text.starts_with("AMAZON.");
            if !builtin && !slot_types.iter().any(|t| t.name == s.type_name.text) {
                let mut d = Diagnostic::new(
                    codes::UNDEFINED_REFERENCE,
                    format!("no slot type named `{}`", s.type_name.text),
                )
                .with_label(
                    s.type_name.span,
                    "this slot type is not declared in this locale",
                );
                d = match did_you_mean(&s.type_name.text, slot_types.iter().map(|t| t.name.as_str()).chain(["AMAZON.Number", "AMAZON.Date", "AMAZON.Time", "AMAZON.PhoneNumber", "AMAZON.FirstName", "AMAZON.AlphaNumeric", "AMAZON.Confirmation"])) {
                    Some(c) => d.with_help(format!("did you mean `{c}`?")),
                    None => d.with_help(format!("declare `slot type {} {{ ... }}` in this locale, or use a built-in type such as `AMAZON.Number`", s.type_name.text)),
                };
                self.diags.push(d);
            }
            slots.push(Slot {
                name: s.name.text.to_string(),
                span: s.name.span,
                type_name: s.type_name.text.to_string(),
                builtin,
                prompt: None,
                required: s.required,
            });
        }
        let names: Vec<String> = slots.iter().map(|s| s.name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for (s, decl) in slots.iter_mut().zip(
            i.slots
                .iter()
                .filter(|d| names.contains(&d.name.text.as_str())),
        ) {
            s.prompt = decl
                .prompt
                .as_ref()
                .map(|p| bot_text(p, &names, &mut self.diags));
            if s.required && s.prompt.is_none() {
                self.diags.push(missing(
                    decl.span,
                    &format!("required slot `{}` has no prompt", s.name),
                    "add `ask \"...\"` so the bot can ask for it, or mark the slot `optional`",
                ));
            }
        }
        let utterances: Vec<_> = i
            .utterances
            .iter()
            .map(|u| bot_text(u, &names, &mut self.diags))
            .collect();
        if utterances.is_empty() {
            self.diags.push(missing(
                i.name.span,
                &format!("intent `{}` has no utterances", i.name.text),
                "add at least one `utterance \"...\"` the caller might say",
            ));
        }
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for u in &i.utterances {
            if let Some((_, prev)) = seen.iter().find(|(t, _)| *t == u.value) {
                self.diags.push(dup(u.span, *prev, "utterance", &u.value));
            }
            seen.push((&u.value, u.span));
        }
        Intent {
            name: i.name.text.to_string(),
            span: i.span,
            name_span: i.name.span,
            description: i.description.as_ref().map(|t| t.value.clone()),
            utterances,
            slots,
            confirm: i
                .confirm
                .as_ref()
                .map(|t| bot_text(t, &names, &mut self.diags)),
            decline: i
                .decline
                .as_ref()
                .map(|t| bot_text(t, &names, &mut self.diags)),
        }
    }
}

pub(crate) fn dup(span: Span, prev: Span, what: &str, name: &str) -> Diagnostic {
    Diagnostic::new(
        codes::DUPLICATE_STEP,
        format!("{what} `{name}` is defined twice"),
    )
    .with_label(span, "second definition")
    .with_secondary(prev, "first definition")
    .with_help(format!("rename or remove one of the two {what}s"))
}

/// Amazon Connect waits at most 8 seconds for a Lambda function; used for integration
/// declarations and `call ... timeout`.
pub(crate) fn check_lambda_timeout(timeout: Option<ast::Duration>, diags: &mut Vec<Diagnostic>) {
    if let Some(t) = timeout
        && t.seconds() > 8
    {
        diags.push(
            Diagnostic::new(
                codes::INVALID_SETTING,
                "an integration timeout cannot exceed 8 seconds",
            )
            .with_label(
                t.span,
                "Amazon Connect waits at most 8s for a Lambda function",
            )
            .with_help("use a timeout between 1s and 8s"),
        );
    }
}
