//! The file and its top-level declarations (bots are in `bot.rs`, flows in `flow.rs`).

use super::Parser;
use crate::syntax::ast::{
    CalendarDecl, CalendarEntry, HoursDecl, Ident, IntegrationDecl, Item, QueueDecl, UseDecl,
    WeeklyRule,
};

impl Parser<'_> {
    /// `file = { SOI ~ item* ~ EOI }`; anything left over would be junk.
    pub(super) fn file_items(&mut self) -> Option<Vec<Item>> {
        let items = self.many(Self::item);
        self.skip();
        if self.bailed || !self.at_end() {
            return self.bail();
        }
        Some(items)
    }

    /// `item`: every declaration starts with its own keyword.
    fn item(&mut self) -> Option<Item> {
        match self.word() {
            "use" => self.attempt(|p| {
                let (start, _) = p.kw("use")?;
                p.skip();
                let path = p.string()?;
                Some(Item::Use(UseDecl {
                    path,
                    span: p.span(start, p.pos),
                }))
            }),
            "flow" => self.attempt(Self::flow_decl).map(Item::Flow),
            "bot" => self.attempt(Self::bot_decl).map(Item::Bot),
            "integration" => self.attempt(Self::integration_decl).map(Item::Integration),
            "queue" => self.attempt(Self::queue_decl).map(Item::Queue),
            "hours" => self.attempt(Self::hours_decl).map(Item::Hours),
            "calendar" => self.attempt(Self::calendar_decl).map(Item::Calendar),
            "test" => self.attempt(Self::test_decl).map(Item::Test),
            _ => None,
        }
    }

    /// `kw ~ name ~ lbrace`: the head of a block declaration; returns where it starts.
    fn block_head(&mut self, kw: &str) -> Option<(usize, Ident)> {
        let (start, _) = self.kw(kw)?;
        self.skip();
        let name = self.name()?;
        self.skip();
        self.byte(b'{')?;
        Some((start, name))
    }

    /// `integration_decl = { kw_integration ~ name ~ lbrace ~ integration_member* ~ rbrace? }`
    fn integration_decl(&mut self) -> Option<IntegrationDecl> {
        let (start, name) = self.block_head("integration")?;
        let mut d = IntegrationDecl {
            name,
            lambda: None,
            timeout: None,
            description: None,
            returns: Vec::new(),
            span: self.span(start, start),
        };
        self.many(|p| match p.word() {
            "lambda" => p.attempt(|p| {
                p.kw("lambda")?;
                p.skip();
                d.lambda = Some(p.string()?);
                Some(())
            }),
            "timeout" => {
                d.timeout = Some(p.timeout_opt()?);
                Some(())
            }
            "description" => {
                d.description = Some(p.attempt(Self::description_setting)?.0);
                Some(())
            }
            "returns" => {
                d.returns.extend(p.attempt(Self::returns_setting)?.0);
                Some(())
            }
            _ => None,
        });
        self.close_block()?;
        d.span = self.span(start, self.pos);
        Some(d)
    }

    /// `queue_decl = { kw_queue ~ name ~ (lbrace ~ queue_member* ~ rbrace?)? }`
    fn queue_decl(&mut self) -> Option<QueueDecl> {
        let (start, _) = self.kw("queue")?;
        self.skip();
        let name = self.name()?;
        self.skip();
        let mut d = QueueDecl {
            name,
            hours: None,
            description: None,
            span: self.span(start, start),
        };
        if self.byte(b'{').is_some() {
            self.many(|p| match p.word() {
                "hours" => p.attempt(|p| {
                    p.kw("hours")?;
                    p.skip();
                    d.hours = Some(p.name()?);
                    Some(())
                }),
                "description" => {
                    d.description = Some(p.attempt(Self::description_setting)?.0);
                    Some(())
                }
                _ => None,
            });
            self.close_block()?;
        }
        d.span = self.span(start, self.pos);
        Some(d)
    }

    /// `hours_decl = { kw_hours ~ name ~ lbrace ~ hours_member* ~ rbrace? }`
    fn hours_decl(&mut self) -> Option<HoursDecl> {
        let (start, name) = self.block_head("hours")?;
        let mut d = HoursDecl {
            name,
            timezone: None,
            rules: Vec::new(),
            closed_on: Vec::new(),
            description: None,
            span: self.span(start, start),
        };
        self.many(|p| p.hours_member(&mut d));
        self.close_block()?;
        d.span = self.span(start, self.pos);
        Some(d)
    }

    /// `timezone_setting | closed_on_setting | weekly_rule | description_setting`
    fn hours_member(&mut self, d: &mut HoursDecl) -> Option<()> {
        let word = self.word();
        if word == "timezone" {
            // `timezone_setting = { kw_timezone ~ (string | tz_name) }`
            let tz = self.attempt(|p| {
                p.kw("timezone")?;
                p.skip();
                if p.peek() == Some(b'"') {
                    let t = p.string()?;
                    return Some(Ident {
                        text: t.value.into(),
                        span: t.span,
                    });
                }
                let (s, e) = p.tz_name_range()?;
                Some(p.ident(s, e))
            });
            if let Some(tz) = tz {
                d.timezone = Some(tz);
                return Some(());
            }
        } else if word == "closed" {
            // `closed_on_setting = { kw_closed ~ kw_on ~ name ~ ("," ~ name)* }`
            let names = self.attempt(|p| {
                p.kw("closed")?;
                p.skip();
                p.kw("on")?;
                p.skip();
                let mut names = vec![p.name()?];
                names.extend(p.comma_names());
                Some(names)
            });
            if let Some(names) = names {
                d.closed_on.extend(names);
                return Some(());
            }
        }
        if self.bailed {
            return None;
        }
        if let Some(rule) = self.attempt(Self::weekly_rule) {
            d.rules.push(rule);
            return Some(());
        }
        if self.bailed || self.word() != "description" {
            return None;
        }
        d.description = Some(self.attempt(Self::description_setting)?.0);
        Some(())
    }

    /// `weekly_rule = { day_range ~ ("," ~ day_range)* ~ (kw_closed | time_range ~ ("," ~
    /// time_range)*) }`
    fn weekly_rule(&mut self) -> Option<WeeklyRule> {
        let start = self.pos;
        let mut days = vec![self.day_range()?];
        days.extend(self.many(|p| {
            p.byte(b',')?;
            p.skip();
            p.day_range()
        }));
        self.skip();
        let mut times = Vec::new();
        if self.kw("closed").is_none() {
            times.push(self.time_pair()?);
            times.extend(self.many(|p| {
                p.byte(b',')?;
                p.skip();
                p.time_pair()
            }));
        }
        if self.bailed {
            return None;
        }
        Some(WeeklyRule {
            days,
            times,
            span: self.span(start, self.pos),
        })
    }

    /// `day_range = { name ~ ("-" ~ name)? }`
    fn day_range(&mut self) -> Option<(Ident, Option<Ident>)> {
        let from = self.name()?;
        self.skip();
        let to = self.attempt(|p| {
            p.byte(b'-')?;
            p.skip();
            p.name()
        });
        Some((from, to))
    }

    /// `time_range = { time ~ "-" ~ time }`
    fn time_pair(
        &mut self,
    ) -> Option<(crate::syntax::ast::TimeOfDay, crate::syntax::ast::TimeOfDay)> {
        self.attempt(|p| {
            let a = p.time()?;
            p.skip();
            p.byte(b'-')?;
            p.skip();
            let b = p.time()?;
            Some((a, b))
        })
    }

    /// `calendar_decl = { kw_calendar ~ name ~ lbrace ~ calendar_member* ~ rbrace? }`
    fn calendar_decl(&mut self) -> Option<CalendarDecl> {
        let (start, name) = self.block_head("calendar")?;
        let mut d = CalendarDecl {
            name,
            entries: Vec::new(),
            description: None,
            span: self.span(start, start),
        };
        self.many(|p| {
            if let Some(e) = p.attempt(Self::calendar_entry) {
                d.entries.push(e);
                return Some(());
            }
            if p.bailed || p.word() != "description" {
                return None;
            }
            d.description = Some(p.attempt(Self::description_setting)?.0);
            Some(())
        });
        self.close_block()?;
        d.span = self.span(start, self.pos);
        Some(d)
    }

    /// `calendar_entry = { date ~ (".." ~ date)? ~ name? ~ text? }`
    fn calendar_entry(&mut self) -> Option<CalendarEntry> {
        let start = self.pos;
        let from = self.date()?;
        self.skip();
        let to = self.attempt(|p| {
            p.lit("..")?;
            p.skip();
            p.date()
        });
        if self.bailed {
            return None;
        }
        self.skip();
        let kind = self.name();
        self.skip();
        let reason = self.attempt(Self::text);
        if self.bailed {
            return None;
        }
        let to = to.unwrap_or(from);
        if to < from {
            // `P006`: the range ends before it starts.
            return self.bail();
        }
        Some(CalendarEntry {
            from,
            to,
            kind,
            reason,
            span: self.span(start, self.pos),
        })
    }
}
