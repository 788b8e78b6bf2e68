//! `test "..." { ... }`: scenario tests, following the `test_*` rules of `dialect.pest`.

use super::Parser;
use crate::syntax::ast::{Expect, Ident, MockBehavior, QueueFact, TestDecl, TestMember, Value};

/// The words of the grammar's `test_keyword` rule: a queue fact never starts with one.
const TEST_KEYWORDS: [&str; 10] = [
    "expect", "caller", "at", "mock", "queue", "profile", "flow", "check", "fail", "agent",
];

impl Parser<'_> {
    /// `test_decl = { kw_test ~ string ~ lbrace ~ test_member* ~ rbrace? }`
    pub(super) fn test_decl(&mut self) -> Option<TestDecl> {
        let (start, _) = self.kw("test")?;
        self.skip();
        let name = self.string()?;
        self.skip();
        self.byte(b'{')?;
        let members = self.many(Self::test_member);
        self.close_block()?;
        Some(TestDecl {
            name,
            members,
            span: self.span(start, self.pos),
        })
    }

    /// `test_member`: each line starts with its own keyword.
    fn test_member(&mut self) -> Option<TestMember> {
        let start = self.pos;
        match self.word() {
            "flow" => self.attempt(|p| {
                p.kw("flow")?;
                p.skip();
                Some(TestMember::Flow(p.name()?))
            }),
            "at" => self.attempt(|p| {
                p.kw("at")?;
                p.skip();
                let date = p.date()?;
                p.skip();
                let time = p.time()?;
                p.skip();
                let zone = p.attempt(|p| {
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
                if p.bailed {
                    return None;
                }
                Some(TestMember::At {
                    date,
                    time,
                    zone,
                    span: p.span(start, p.pos),
                })
            }),
            "caller" => self.attempt(|p| {
                p.kw("caller")?;
                p.skip();
                let member = match p.word() {
                    "number" => {
                        p.kw("number")?;
                        p.skip();
                        TestMember::CallerNumber(p.string()?)
                    }
                    "withheld" => {
                        p.kw("withheld")?;
                        TestMember::Withheld(p.span(start, p.pos))
                    }
                    "says" => {
                        p.kw("says")?;
                        p.skip();
                        TestMember::Says(p.text()?)
                    }
                    "presses" => {
                        p.kw("presses")?;
                        p.skip();
                        TestMember::Presses(p.string()?)
                    }
                    "is" | "silent" => {
                        if p.kw("is").is_some() {
                            p.skip();
                        }
                        p.kw("silent")?;
                        TestMember::Silent(p.span(start, p.pos))
                    }
                    "hangs" => {
                        p.kw("hangs")?;
                        p.skip();
                        p.kw("up")?;
                        TestMember::HangsUp(p.span(start, p.pos))
                    }
                    _ => return None,
                };
                Some(member)
            }),
            "mock" => self.attempt(|p| {
                p.kw("mock")?;
                p.skip();
                let integration = p.name()?;
                p.skip();
                let behavior = if p.kw("returns").is_some() {
                    p.skip();
                    if p.kw("malformed").is_some() {
                        MockBehavior::Malformed
                    } else {
                        MockBehavior::Returns(p.args()?)
                    }
                } else {
                    p.kw("fails")?;
                    p.skip();
                    if p.kw("timeout").is_some() {
                        MockBehavior::TimesOut
                    } else {
                        MockBehavior::Fails
                    }
                };
                Some(TestMember::Mock {
                    integration,
                    behavior,
                    span: p.span(start, p.pos),
                })
            }),
            "queue" => self.attempt(|p| {
                p.kw("queue")?;
                p.skip();
                let queue = p.name()?;
                p.skip();
                let mut facts = vec![p.queue_fact()?];
                facts.extend(p.many(Self::queue_fact));
                if p.bailed {
                    return None;
                }
                Some(TestMember::Queue {
                    queue,
                    facts,
                    span: p.span(start, p.pos),
                })
            }),
            "profile" => self.attempt(|p| {
                p.kw("profile")?;
                p.skip();
                let (fields, multiple) = if p.kw("none").is_some() {
                    (None, false)
                } else if p.kw("multiple").is_some() {
                    (None, true)
                } else {
                    (Some(p.args()?), false)
                };
                Some(TestMember::Profile {
                    fields,
                    multiple,
                    span: p.span(start, p.pos),
                })
            }),
            "check" => self.attempt(|p| {
                p.kw("check")?;
                p.skip();
                p.kw("call")?;
                p.skip();
                let mut words = vec![p.name()?];
                p.skip();
                if !TEST_KEYWORDS.contains(&p.word())
                    && let Some(w) = p.attempt(Self::name)
                {
                    words.push(w);
                }
                Some(TestMember::CallStatus(words, p.span(start, p.pos)))
            }),
            "agent" => self.attempt(|p| {
                p.kw("agent")?;
                p.skip();
                p.kw("answers")?;
                p.skip();
                p.kw("after")?;
                p.skip();
                let d = p.duration()?;
                Some(TestMember::AgentAnswers(d, p.span(start, p.pos)))
            }),
            "fail" => self.attempt(|p| {
                p.kw("fail")?;
                p.skip();
                let (s, e) = p.action_ref_range()?;
                let action = p.ident(s, e);
                p.skip();
                let flow = p.attempt(|p| {
                    p.kw("in")?;
                    p.skip();
                    p.name()
                });
                p.skip();
                let error = p.attempt(|p| {
                    p.kw("with")?;
                    p.skip();
                    p.name()
                });
                Some(TestMember::Fail {
                    action,
                    flow,
                    error,
                    span: p.span(start, p.pos),
                })
            }),
            "expect" => self.attempt(|p| {
                p.kw("expect")?;
                p.skip();
                let no = p.kw("no").is_some();
                if no {
                    p.skip();
                }
                let expect = p.expectation()?;
                let expect = if no {
                    Expect::No(Box::new(expect))
                } else {
                    expect
                };
                Some(TestMember::Expect(expect, p.span(start, p.pos)))
            }),
            _ => None,
        }
    }

    /// `queue_fact = { kw_full | (!test_keyword ~ name ~ (duration | int)) }`
    fn queue_fact(&mut self) -> Option<QueueFact> {
        let start = self.pos;
        if let Some((s, e)) = self.kw("full") {
            return Some(QueueFact::Full(self.span(s, e)));
        }
        if TEST_KEYWORDS.contains(&self.word()) {
            return None;
        }
        self.attempt(|p| {
            let name = p.name()?;
            p.skip();
            let (value, duration) = match p.attempt(Self::duration) {
                Some(d) => (d.millis / 1000, true),
                None if p.bailed => return None,
                None => (u64::from(p.int()?.value), false),
            };
            Some(QueueFact::Metric {
                name,
                value,
                duration,
                span: p.span(start, p.pos),
            })
        })
    }

    /// The part of `test_expect` after `expect`.
    fn expectation(&mut self) -> Option<Expect> {
        Some(match self.word() {
            "say" => {
                self.kw("say")?;
                self.skip();
                let containing = self.kw("containing").is_some();
                if containing {
                    self.skip();
                }
                Expect::Say {
                    text: self.text()?,
                    containing,
                }
            }
            "transfer" => {
                self.kw("transfer")?;
                self.skip();
                if self.kw("to").is_some() {
                    self.skip();
                }
                if self.kw("queue").is_some() {
                    self.skip();
                    let queue = self.name()?;
                    self.skip();
                    let whisper = self.attempt(|p| {
                        p.kw("whisper")?;
                        p.skip();
                        p.name()
                    });
                    Expect::TransferQueue { queue, whisper }
                } else if self.kw("number").is_some() {
                    self.skip();
                    Expect::TransferNumber(if self.peek() == Some(b'$') {
                        Value::Reference(self.reference()?)
                    } else {
                        Value::Text(self.string()?)
                    })
                } else {
                    self.kw("flow")?;
                    self.skip();
                    Expect::TransferFlow(self.name()?)
                }
            }
            "call" => {
                self.kw("call")?;
                self.skip();
                let integration = self.name()?;
                self.skip();
                let args = self.attempt(Self::args).unwrap_or_default();
                if self.bailed {
                    return None;
                }
                Expect::Call { integration, args }
            }
            "intent" => {
                self.kw("intent")?;
                self.skip();
                Expect::Intent(self.name()?)
            }
            "hang" => {
                self.kw("hang")?;
                self.skip();
                self.kw("up")?;
                Expect::HangUp
            }
            "end" => {
                self.kw("end")?;
                Expect::End
            }
            "return" => {
                self.kw("return")?;
                self.skip();
                let outcome = if TEST_KEYWORDS.contains(&self.word()) || self.word() == "from" {
                    None
                } else {
                    self.attempt(Self::name)
                };
                if outcome.is_some() {
                    self.skip();
                }
                let module = self.attempt(|p| {
                    p.kw("from")?;
                    p.skip();
                    p.name()
                });
                Expect::Return { outcome, module }
            }
            _ if self.peek() == Some(b'$') => {
                let reference = self.reference()?;
                self.skip();
                self.lit("=")?;
                self.skip();
                Expect::Attribute {
                    reference,
                    value: self.value()?,
                }
            }
            _ => return None,
        })
    }
}
