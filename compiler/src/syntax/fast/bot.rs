//! Bots: locales (block and flat forms), slot types and intents.

use super::Parser;
use crate::span::Span;
use crate::syntax::ast::{
    BotDecl, Ident, IntentDecl, LocaleDecl, SlotDecl, SlotTypeDecl, SlotValue, Text, Voice,
};

/// A member of a bot or a locale block, before the flat form is sorted out.
enum Member {
    LocaleBlock(LocaleDecl),
    LocaleSetting(Ident),
    Voice(Voice),
    Confidence(String, Span),
    Description(Text),
    SlotType(SlotTypeDecl),
    Intent(IntentDecl),
}

fn empty_locale(span: Span) -> LocaleDecl {
    LocaleDecl {
        locale: None,
        voice: None,
        confidence: None,
        description: None,
        slot_types: Vec::new(),
        intents: Vec::new(),
        span,
    }
}

impl Parser<'_> {
    /// `bot_decl = { kw_bot ~ name ~ lbrace ~ bot_member* ~ rbrace? }`. The flat form is
    /// sorted into locales exactly as the pest builder does.
    pub(super) fn bot_decl(&mut self) -> Option<BotDecl> {
        let (start, _) = self.kw("bot")?;
        self.skip();
        let name = self.name()?;
        self.skip();
        self.byte(b'{')?;
        let members = self.many(Self::bot_member);
        self.close_block()?;
        let span = self.span(start, self.pos);

        let mut description = None;
        let mut locales = Vec::new();
        let mut flat = empty_locale(span);
        let mut flat_used = false;
        for m in members {
            match m {
                Member::LocaleBlock(l) => locales.push(l),
                Member::LocaleSetting(n) => {
                    if flat.locale.is_some() {
                        locales.push(std::mem::replace(&mut flat, empty_locale(span)));
                    }
                    flat.locale = Some(n);
                    flat_used = true;
                }
                Member::Description(t) => {
                    // A description in the flat form describes the bot (and the locale).
                    description = Some(t.clone());
                    flat.description = Some(t);
                }
                other => {
                    flat_used = true;
                    locale_member(&mut flat, other);
                }
            }
        }
        if flat_used {
            locales.insert(0, flat);
        }
        Some(BotDecl {
            name,
            description,
            locales,
            span,
        })
    }

    /// `bot_member = _{ locale_block | locale_setting | locale_member }`
    fn bot_member(&mut self) -> Option<Member> {
        if self.word() == "locale" {
            let block = self.attempt(|p| {
                let (start, _) = p.kw("locale")?;
                p.skip();
                let (ls, le) = p.locale_range()?;
                let locale = p.ident(ls, le);
                p.skip();
                p.byte(b'{')?;
                let mut l = empty_locale(p.span(start, start));
                l.locale = Some(locale);
                for m in p.many(Self::locale_member) {
                    locale_member(&mut l, m);
                }
                p.close_block()?;
                l.span = p.span(start, p.pos);
                Some(l)
            });
            if let Some(l) = block {
                return Some(Member::LocaleBlock(l));
            }
            if self.bailed {
                return None;
            }
            let setting = self.attempt(|p| {
                p.kw("locale")?;
                p.skip();
                let (ls, le) = p.locale_range()?;
                Some(p.ident(ls, le))
            });
            if let Some(n) = setting {
                return Some(Member::LocaleSetting(n));
            }
        }
        self.locale_member()
    }

    /// `locale_member = _{ voice_setting | confidence_setting | description_setting |
    /// slot_type_decl | intent_decl | block_junk }`
    fn locale_member(&mut self) -> Option<Member> {
        match self.word() {
            "voice" => self.attempt(|p| {
                p.kw("voice")?;
                p.voice_rest().map(Member::Voice)
            }),
            // `confidence_setting = { kw_confidence ~ number }`
            "confidence" => self.attempt(|p| {
                p.kw("confidence")?;
                p.skip();
                let (s, e) = p.number_range()?;
                Some(Member::Confidence(
                    p.text.get(s..e)?.to_owned(),
                    p.span(s, e),
                ))
            }),
            "description" => self
                .attempt(Self::description_setting)
                .map(|(t, _)| Member::Description(t)),
            "slot" => self.attempt(Self::slot_type_decl).map(Member::SlotType),
            "intent" => self.attempt(Self::intent_decl).map(Member::Intent),
            _ => None,
        }
    }

    /// `slot_type_decl = { kw_slot ~ kw_type ~ name ~ lbrace ~ slot_type_member* ~ rbrace? }`
    fn slot_type_decl(&mut self) -> Option<SlotTypeDecl> {
        let (start, _) = self.kw("slot")?;
        self.skip();
        self.kw("type")?;
        self.skip();
        let name = self.name()?;
        self.skip();
        self.byte(b'{')?;
        let mut d = SlotTypeDecl {
            name,
            values: Vec::new(),
            resolution: None,
            span: self.span(start, start),
        };
        self.many(|p| {
            // `resolution_setting = { kw_resolution ~ name }`
            if p.word() == "resolution"
                && let Some(n) = p.attempt(|p| {
                    p.kw("resolution")?;
                    p.skip();
                    p.name()
                })
            {
                d.resolution = Some(n);
                return Some(());
            }
            // `slot_value = { string ~ ("=" ~ string ~ ("," ~ string)*)? }`
            let value = p.string()?;
            p.skip();
            let synonyms = p
                .attempt(|p| {
                    p.byte(b'=')?;
                    p.skip();
                    let mut list = vec![p.string()?];
                    list.extend(p.many(|p| {
                        p.byte(b',')?;
                        p.skip();
                        p.string()
                    }));
                    Some(list)
                })
                .unwrap_or_default();
            if p.bailed {
                return None;
            }
            d.values.push(SlotValue { value, synonyms });
            Some(())
        });
        self.close_block()?;
        d.span = self.span(start, self.pos);
        Some(d)
    }

    /// `intent_decl = { kw_intent ~ name ~ lbrace ~ intent_member* ~ rbrace? }`
    fn intent_decl(&mut self) -> Option<IntentDecl> {
        let (start, _) = self.kw("intent")?;
        self.skip();
        let name = self.name()?;
        self.skip();
        self.byte(b'{')?;
        let mut d = IntentDecl {
            name,
            utterances: Vec::new(),
            slots: Vec::new(),
            confirm: None,
            decline: None,
            description: None,
            span: self.span(start, start),
        };
        self.many(|p| {
            let word = p.word();
            let kw = match word {
                "utterance" | "confirm" | "decline" | "description" => word,
                "slot" => {
                    let s = p.attempt(Self::slot_decl)?;
                    d.slots.push(s);
                    return Some(());
                }
                _ => return None,
            };
            let t = p.attempt(|p| {
                p.kw(kw)?;
                p.skip();
                p.text()
            })?;
            match kw {
                "utterance" => d.utterances.push(t),
                "confirm" => d.confirm = Some(t),
                "decline" => d.decline = Some(t),
                _ => d.description = Some(t),
            }
            Some(())
        });
        self.close_block()?;
        d.span = self.span(start, self.pos);
        Some(d)
    }

    /// `slot_decl = { kw_slot ~ name ~ ":" ~ type_name ~ slot_option* }` with
    /// `slot_option = { kw_ask ~ text | kw_optional | kw_required }`
    fn slot_decl(&mut self) -> Option<SlotDecl> {
        let (start, _) = self.kw("slot")?;
        self.skip();
        let name = self.name()?;
        self.skip();
        self.byte(b':')?;
        self.skip();
        let (ts, te) = self.type_name_range()?;
        let type_name = self.ident(ts, te);
        let mut prompt = None;
        let mut required = true;
        self.many(|p| match p.word() {
            "ask" => {
                let t = p.attempt(|p| {
                    p.kw("ask")?;
                    p.skip();
                    p.text()
                })?;
                prompt = Some(t);
                Some(())
            }
            "optional" => {
                p.kw("optional")?;
                required = false;
                Some(())
            }
            "required" => {
                p.kw("required")?;
                required = true;
                Some(())
            }
            _ => None,
        });
        if self.bailed {
            return None;
        }
        Some(SlotDecl {
            name,
            type_name,
            prompt,
            required,
            span: self.span(start, self.pos),
        })
    }
}

/// One member of a locale, as the builder's `locale_member` records it.
fn locale_member(l: &mut LocaleDecl, m: Member) {
    match m {
        Member::Voice(v) => l.voice = Some(v),
        Member::Confidence(n, s) => l.confidence = Some((n, s)),
        Member::Description(t) => l.description = Some(t),
        Member::SlotType(s) => l.slot_types.push(s),
        Member::Intent(i) => l.intents.push(i),
        Member::LocaleBlock(_) | Member::LocaleSetting(_) => {}
    }
}
