//! Flows, their settings, steps and statements.

use super::Parser;
use crate::syntax::ast::{
    Arg, CallbackOptions, Duration, FlowDecl, FlowSetting, Ident, InputOptions, SetKind, Statement,
    StatementKind, Step, Voice,
};

/// `kind_qualifier` and `voice_engine` words.
const KIND_QUALIFIERS: [&str; 4] = ["agent", "customer", "outbound", "queue"];
const VOICE_ENGINES: [&str; 4] = ["neural", "standard", "generative", "long_form"];

enum Member {
    Setting(FlowSetting),
    Step(Step),
}

impl Parser<'_> {
    pub(super) fn name(&mut self) -> Option<Ident> {
        let (s, e) = self.name_range()?;
        Some(self.ident(s, e))
    }

    /// `flow_decl = { kw_flow ~ name ~ lbrace ~ flow_member* ~ rbrace? }`
    pub(super) fn flow_decl(&mut self) -> Option<FlowDecl> {
        let (start, _) = self.kw("flow")?;
        self.skip();
        let name = self.name()?;
        self.skip();
        self.byte(b'{')?;
        let mut settings = Vec::new();
        let mut steps = Vec::new();
        for m in self.many(Self::flow_member) {
            match m {
                Member::Setting(s) => settings.push(s),
                Member::Step(s) => steps.push(s),
            }
        }
        self.close_block()?;
        Some(FlowDecl {
            name,
            settings,
            steps,
            span: self.span(start, self.pos),
        })
    }

    /// `flow_member`: the settings (each starts with its own keyword), then `step_decl`.
    fn flow_member(&mut self) -> Option<Member> {
        let setting = match self.word() {
            "kind" => self.attempt(Self::kind_setting),
            "voice" => self.attempt(|p| {
                let (start, _) = p.kw("voice")?;
                let v = p.voice_rest()?;
                Some(FlowSetting::Voice(v, p.span(start, p.pos)))
            }),
            "on" => self.attempt(Self::on_error_setting),
            "description" => self.attempt(|p| {
                let (t, span) = p.description_setting()?;
                Some(FlowSetting::Description(t, span))
            }),
            "logging" => self.attempt(|p| {
                let (start, _) = p.kw("logging")?;
                p.skip();
                let n = p.name()?;
                Some(FlowSetting::Logging(n, p.span(start, p.pos)))
            }),
            "returns" => self.attempt(|p| {
                let (names, span) = p.returns_setting()?;
                Some(FlowSetting::Returns(names, span))
            }),
            _ => None,
        };
        if let Some(s) = setting {
            return Some(Member::Setting(s));
        }
        if self.bailed {
            return None;
        }
        self.attempt(Self::step_decl).map(Member::Step)
    }

    /// `kind_setting = { kw_kind ~ name ~ (kind_qualifier ~ !lbrace)? }`
    fn kind_setting(&mut self) -> Option<FlowSetting> {
        let (start, _) = self.kw("kind")?;
        self.skip();
        let kind = self.name()?;
        self.skip();
        let qualifier = self.attempt(|p| {
            let (s, e) = p.one_of(&KIND_QUALIFIERS)?;
            p.skip();
            (p.peek() != Some(b'{')).then(|| p.ident(s, e))
        });
        Some(FlowSetting::Kind {
            kind,
            qualifier,
            span: self.span(start, self.pos),
        })
    }

    /// After `voice` (in `voice_setting` and `set_voice`): `~ locale_name ~ name ~
    /// (voice_engine ~ !lbrace)?`.
    pub(super) fn voice_rest(&mut self) -> Option<Voice> {
        self.skip();
        let (ls, le) = self.locale_range()?;
        let locale = self.ident(ls, le);
        self.skip();
        let name = self.name()?;
        self.skip();
        let engine = self.attempt(|p| {
            let (s, e) = p.one_of(&VOICE_ENGINES)?;
            p.skip();
            (p.peek() != Some(b'{')).then(|| p.ident(s, e))
        });
        Some(Voice {
            locale,
            name,
            engine,
        })
    }

    /// `on_error_setting = { kw_on ~ kw_error ~ arrow_target }`
    fn on_error_setting(&mut self) -> Option<FlowSetting> {
        let (start, _) = self.kw("on")?;
        self.skip();
        self.kw("error")?;
        self.skip();
        let (target, _, end) = self.arrow_target()?;
        match target {
            Some(t) => Some(FlowSetting::OnError(Some(t), self.span(start, end))),
            None => self.bail(),
        }
    }

    /// `description_setting = { kw_description ~ text }`
    pub(super) fn description_setting(
        &mut self,
    ) -> Option<(crate::syntax::ast::Text, crate::span::Span)> {
        let (start, _) = self.kw("description")?;
        self.skip();
        let t = self.text()?;
        Some((t, self.span(start, self.pos)))
    }

    /// `returns_setting = { kw_returns ~ name ~ ("," ~ name)* }`
    pub(super) fn returns_setting(&mut self) -> Option<(Vec<Ident>, crate::span::Span)> {
        let (start, _) = self.kw("returns")?;
        self.skip();
        let mut names = vec![self.name()?];
        names.extend(self.comma_names());
        Some((names, self.span(start, self.pos)))
    }

    /// `~ ("," ~ name)*`
    pub(super) fn comma_names(&mut self) -> Vec<Ident> {
        self.many(|p| {
            p.byte(b',')?;
            p.skip();
            p.name()
        })
    }

    /// `step_decl = { name ~ lbrace ~ step_member* ~ rbrace? }`
    fn step_decl(&mut self) -> Option<Step> {
        let name = self.name()?;
        let start = name.span.start as usize;
        self.skip();
        self.byte(b'{')?;
        let statements = self.many(Self::statement);
        self.close_block()?;
        Some(Step {
            name,
            statements,
            span: self.span(start, self.pos),
        })
    }

    /// `statement`: every alternative but `goto_stmt` starts with its own keyword, so the word
    /// at the position picks the only one that can match.
    fn statement(&mut self) -> Option<Statement> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'-' | 0xE2)) {
            let (target, s, e) = self.attempt(Self::arrow_target)?;
            let Some(target) = target else {
                // `P005`: `->` with nothing after it.
                return self.bail();
            };
            return Some(Statement {
                kind: StatementKind::Goto {
                    target: Some(target),
                },
                outcomes: Vec::new(),
                span: self.span(s, e),
                keyword_span: self.span(s, e),
            });
        }
        let (kind, kw_end) = match self.word() {
            "say" => self.attempt(|p| {
                let kw = p.kw_then_skip("say")?;
                Some((StatementKind::Say { text: p.text()? }, kw))
            }),
            "ask" => self.attempt(Self::ask_stmt),
            "menu" => self.attempt(|p| {
                let kw = p.kw_then_skip("menu")?;
                let prompt = p.text()?;
                p.skip();
                let timeout = p.timeout_opt();
                Some((StatementKind::Menu { prompt, timeout }, kw))
            }),
            "repeat" => self.attempt(|p| {
                let kw = p.kw_then_skip("repeat")?;
                let mut prompts = vec![p.text()?];
                prompts.extend(p.many(|p| {
                    p.byte(b',')?;
                    p.skip();
                    p.text()
                }));
                Some((StatementKind::Repeat { prompts }, kw))
            }),
            "input" => self.attempt(Self::input_stmt),
            "call" => self.attempt(|p| {
                let kw = p.kw_then_skip("call")?;
                let integration = p.name()?;
                p.skip();
                let args = p.attempt(Self::args).unwrap_or_default();
                p.skip();
                let timeout = p.timeout_opt();
                Some((
                    StatementKind::Call {
                        integration,
                        args,
                        timeout,
                    },
                    kw,
                ))
            }),
            "set" => self.attempt(|p| {
                let kw = p.kw_then_skip("set")?;
                Some((StatementKind::Set(p.set_kind()?), kw))
            }),
            "branch" => self.attempt(|p| {
                let kw = p.kw_then_skip("branch")?;
                Some((StatementKind::Branch { value: p.value()? }, kw))
            }),
            "check" => self.attempt(Self::check_stmt),
            "transfer" => self.attempt(Self::transfer_stmt),
            "run" => self.attempt(|p| {
                let (_, mut kw) = p.kw("run")?;
                p.skip();
                if let Some((_, e)) = p.kw("module") {
                    kw = e;
                    p.skip();
                }
                let module = p.name()?;
                p.skip();
                let args = p.attempt(Self::args).unwrap_or_default();
                Some((StatementKind::Run { module, args }, kw))
            }),
            "callback" => self.attempt(Self::callback_stmt),
            "hang" => {
                let r = self.attempt(|p| {
                    p.kw_then_skip("hang")?;
                    let (_, e) = p.kw("up")?;
                    Some((StatementKind::HangUp, e))
                });
                return r.map(|(kind, e)| self.finish(kind, Vec::new(), start, e));
            }
            "return" => {
                let (_, kw) = self.kw("return")?;
                self.skip();
                let outcome = self.attempt(|p| {
                    let at_step_head = p.attempt(|p| {
                        p.name_range()?;
                        p.skip();
                        p.byte(b'{')
                    });
                    if at_step_head.is_some() || p.at_stmt_keyword() {
                        return None;
                    }
                    p.name()
                });
                let kind = StatementKind::Return { outcome };
                return Some(self.finish(kind, Vec::new(), start, kw));
            }
            "end" => {
                let (_, mut kw) = self.kw("end")?;
                self.skip();
                if let Some((_, e)) = self.kw("flow") {
                    kw = e;
                }
                return Some(self.finish(StatementKind::End, Vec::new(), start, kw));
            }
            "dial" => self.attempt(|p| {
                let (_, mut kw) = p.kw("dial")?;
                p.skip();
                let caller_id = p.attempt(|p| {
                    let (_, e) = p.kw("from")?;
                    p.skip();
                    Some((p.value()?, e))
                });
                let caller_id = caller_id.map(|(v, e)| {
                    kw = e;
                    v
                });
                p.skip();
                let timeout = p.timeout_opt();
                Some((StatementKind::Dial { caller_id, timeout }, kw))
            }),
            "lookup" => self.attempt(|p| {
                p.kw_then_skip("lookup")?;
                let (_, mut kw) = p.kw("profile")?;
                p.skip();
                let by = p.attempt(|p| {
                    let (_, e) = p.kw("by")?;
                    p.skip();
                    let name = p.name()?;
                    p.skip();
                    Some((name, p.value()?, e))
                });
                let by = by.map(|(n, v, e)| {
                    kw = e;
                    (n, v)
                });
                Some((StatementKind::LookupProfile { by }, kw))
            }),
            "connect" => self.attempt(|p| {
                let kw = p.kw_then_skip("connect")?;
                let type_name = p.string()?;
                p.skip();
                let parameters = p.text()?;
                Some((
                    StatementKind::Connect {
                        type_name,
                        parameters,
                    },
                    kw,
                ))
            }),
            "distribute" => {
                let r = self.attempt(|p| {
                    let kw = p.kw_then_skip("distribute")?;
                    // `outcomes` is required here; an empty match means no statement.
                    let save = p.pos;
                    let outcomes = p.outcomes_opt()?;
                    if outcomes.is_empty() && p.pos == save {
                        return None;
                    }
                    Some((outcomes, kw))
                });
                return r.map(|(o, kw)| self.finish(StatementKind::Distribute, o, start, kw));
            }
            _ => None,
        }?;
        // `~ outcomes?`
        self.skip();
        let outcomes = self.outcomes_opt()?;
        Some(self.finish(kind, outcomes, start, kw_end))
    }

    fn finish(
        &self,
        kind: StatementKind,
        outcomes: Vec<crate::syntax::ast::Outcome>,
        start: usize,
        kw_end: usize,
    ) -> Statement {
        Statement {
            kind,
            outcomes,
            span: self.span(start, self.pos),
            keyword_span: self.span(start, kw_end),
        }
    }

    /// A keyword and the skip after it; returns where the keyword ends.
    fn kw_then_skip(&mut self, kw: &str) -> Option<usize> {
        let (_, e) = self.kw(kw)?;
        self.skip();
        Some(e)
    }

    /// `timeout_opt?` after a skip.
    pub(super) fn timeout_opt(&mut self) -> Option<Duration> {
        self.attempt(|p| {
            p.kw("timeout")?;
            p.skip();
            p.duration()
        })
    }

    /// `ask_stmt = { kw_ask ~ name ~ text? ~ timeout_opt? ~ outcomes? }`
    fn ask_stmt(&mut self) -> Option<(StatementKind, usize)> {
        let kw = self.kw_then_skip("ask")?;
        let bot = self.name()?;
        self.skip();
        let prompt = self.attempt(Self::text);
        if self.bailed {
            return None;
        }
        self.skip();
        let timeout = self.timeout_opt();
        Some((
            StatementKind::Ask {
                bot,
                prompt,
                timeout,
            },
            kw,
        ))
    }

    /// `input_stmt = { kw_input ~ reference ~ text ~ input_option* ~ outcomes? }`
    fn input_stmt(&mut self) -> Option<(StatementKind, usize)> {
        let kw = self.kw_then_skip("input")?;
        let into = self.reference()?;
        self.skip();
        let prompt = self.text()?;
        let mut o = InputOptions::default();
        self.many(|p| p.attempt(|p| p.input_option(&mut o)));
        if self.bailed {
            return None;
        }
        Some((
            StatementKind::Input {
                into,
                prompt,
                options: Box::new(o),
            },
            kw,
        ))
    }

    /// One `input_option`, recorded as the builder does (a repeated option keeps the last
    /// value and remembers the span of the repetition).
    fn input_option(&mut self, o: &mut InputOptions) -> Option<()> {
        let start = self.pos;
        let repeated = match self.word() {
            // `max_digits_opt = { kw_max ~ int ~ kw_digits? }`
            "max" => {
                self.kw_then_skip("max")?;
                let v = self.int()?;
                self.skip();
                self.kw("digits");
                o.max_digits.replace(v).is_some()
            }
            // `end_key_opt = { kw_end ~ string }`
            "end" => {
                self.kw_then_skip("end")?;
                let t = self.string()?;
                o.end_key.replace(t).is_some()
            }
            "timeout" => {
                let d = self.timeout_opt()?;
                o.timeout.replace(d).is_some()
            }
            // `interdigit_opt = { kw_interdigit ~ duration }`
            "interdigit" => {
                self.kw_then_skip("interdigit")?;
                let d = self.duration()?;
                o.interdigit.replace(d).is_some()
            }
            // `phone_opt = { kw_phone ~ name ~ country_code? }`
            "phone" => {
                self.kw_then_skip("phone")?;
                let name = self.name()?;
                self.skip();
                let cc = self.country_code_range().map(|(s, e)| self.ident(s, e));
                o.phone.replace((name, cc)).is_some()
            }
            // `encrypt_opt = { kw_encrypted ~ (kw_with ~ name)? }`
            "encrypted" => {
                self.kw_then_skip("encrypted")?;
                let key = self.attempt(|p| {
                    p.kw_then_skip("with")?;
                    p.name()
                });
                o.encrypted.replace(key).is_some()
            }
            _ => return None,
        };
        if repeated {
            o.repeated.push(self.span(start, self.pos));
        }
        Some(())
    }

    /// `args = { lbrace ~ (arg ~ (","? ~ arg)* ~ ","?)? ~ rbrace }`
    pub(super) fn args(&mut self) -> Option<Vec<Arg>> {
        self.byte(b'{')?;
        self.skip();
        let args = self
            .attempt(|p| {
                let mut args = vec![p.arg()?];
                args.extend(p.many(|p| {
                    p.byte(b',');
                    p.skip();
                    p.arg()
                }));
                p.skip();
                p.byte(b',');
                Some(args)
            })
            .unwrap_or_default();
        if self.bailed {
            return None;
        }
        self.skip();
        self.byte(b'}')?;
        Some(args)
    }

    /// `arg = { name ~ ":" ~ value }`
    fn arg(&mut self) -> Option<Arg> {
        let name = self.name()?;
        self.skip();
        self.byte(b':')?;
        self.skip();
        let value = self.value()?;
        Some(Arg { name, value })
    }

    /// `(set_hook | set_queue | set_voice | set_priority | assignment ~ ("," ~ assignment)*)`
    fn set_kind(&mut self) -> Option<SetKind> {
        // `set_hook = { name ~ (!kw_flow ~ name)? ~ kw_flow ~ name }`
        let hook = self.attempt(|p| {
            let first = p.name()?;
            p.skip();
            let second = p.attempt(|p| {
                if p.at_kw("flow") {
                    return None;
                }
                p.name()
            });
            p.skip();
            p.kw("flow")?;
            p.skip();
            let flow = p.name()?;
            let mut words = vec![first];
            words.extend(second);
            Some(SetKind::Hook { words, flow })
        });
        if hook.is_some() {
            return hook;
        }
        let other = match self.word() {
            "queue" => self.attempt(|p| {
                p.kw_then_skip("queue")?;
                p.name().map(SetKind::Queue)
            }),
            "voice" => self.attempt(|p| {
                p.kw("voice")?;
                p.voice_rest().map(SetKind::Voice)
            }),
            "priority" => self.attempt(|p| {
                p.kw_then_skip("priority")?;
                p.int().map(SetKind::Priority)
            }),
            _ => None,
        };
        if other.is_some() || self.bailed {
            return other;
        }
        let mut list = vec![self.assignment()?];
        list.extend(self.many(|p| {
            p.byte(b',')?;
            p.skip();
            p.assignment()
        }));
        Some(SetKind::Attributes(list))
    }

    /// `assignment = { reference ~ "=" ~ value }`
    fn assignment(&mut self) -> Option<(crate::syntax::ast::Reference, crate::syntax::ast::Value)> {
        self.attempt(|p| {
            let r = p.reference()?;
            p.skip();
            p.byte(b'=')?;
            p.skip();
            Some((r, p.value()?))
        })
    }

    /// `check_stmt = { kw_check ~ name ~ (!stmt_keyword ~ name ~ !arrow)? ~ outcomes? }`
    fn check_stmt(&mut self) -> Option<(StatementKind, usize)> {
        let kw = self.kw_then_skip("check")?;
        let subject = self.name()?;
        self.skip();
        let name = self.attempt(|p| {
            if p.at_stmt_keyword() {
                return None;
            }
            let n = p.name()?;
            p.skip();
            (!p.at_arrow()).then_some(n)
        });
        Some((StatementKind::Check { subject, name }, kw))
    }

    fn at_arrow(&self) -> bool {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        rest.starts_with(b"->") || rest.starts_with("→".as_bytes())
    }

    /// `transfer_stmt = { kw_transfer ~ kw_to ~ (transfer_queue | transfer_flow |
    /// transfer_number | transfer_agent) ~ outcomes? }`
    fn transfer_stmt(&mut self) -> Option<(StatementKind, usize)> {
        self.kw_then_skip("transfer")?;
        let (_, kw) = self.kw("to")?;
        self.skip();
        let kind = match self.word() {
            // `transfer_queue = { kw_queue ~ (!kw_whisper ~ !stmt_keyword ~ name ~ !arrow)? ~
            // (kw_whisper ~ name)? }`
            "queue" => {
                self.kw_then_skip("queue")?;
                let queue = self.attempt(|p| {
                    if p.at_kw("whisper") || p.at_stmt_keyword() {
                        return None;
                    }
                    let n = p.name()?;
                    p.skip();
                    (!p.at_arrow()).then_some(n)
                });
                self.skip();
                let whisper = self.attempt(|p| {
                    p.kw_then_skip("whisper")?;
                    p.name()
                });
                StatementKind::TransferQueue { queue, whisper }
            }
            "flow" => {
                self.kw_then_skip("flow")?;
                StatementKind::TransferFlow { flow: self.name()? }
            }
            "number" => {
                self.kw_then_skip("number")?;
                let number = self.value()?;
                self.skip();
                let timeout = self.timeout_opt();
                StatementKind::TransferNumber { number, timeout }
            }
            "agent" => {
                self.kw("agent")?;
                StatementKind::TransferAgent
            }
            _ => return None,
        };
        Some((kind, kw))
    }

    /// `callback_stmt = { kw_callback ~ callback_option* ~ outcomes? }`
    fn callback_stmt(&mut self) -> Option<(StatementKind, usize)> {
        let (_, kw) = self.kw("callback")?;
        let mut o = CallbackOptions::default();
        self.many(|p| p.attempt(|p| p.callback_option(&mut o)));
        if self.bailed {
            return None;
        }
        Some((StatementKind::Callback(Box::new(o)), kw))
    }

    fn callback_option(&mut self, o: &mut CallbackOptions) -> Option<()> {
        let start = self.pos;
        let repeated = match self.word() {
            "queue" => {
                self.kw_then_skip("queue")?;
                let n = self.name()?;
                o.queue.replace(n).is_some()
            }
            "number" => {
                self.kw_then_skip("number")?;
                let r = self.reference()?;
                o.number.replace(r).is_some()
            }
            "after" => {
                self.kw_then_skip("after")?;
                let d = self.duration()?;
                o.delay.replace(d).is_some()
            }
            "attempts" => {
                self.kw_then_skip("attempts")?;
                let i = self.int()?;
                o.attempts.replace(i).is_some()
            }
            "every" => {
                self.kw_then_skip("every")?;
                let d = self.duration()?;
                o.retry_every.replace(d).is_some()
            }
            _ => return None,
        };
        if repeated {
            o.repeated.push(self.span(start, self.pos));
        }
        Some(())
    }
}
