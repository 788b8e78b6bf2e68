//! What each action does: one arm per kind of action.

use std::fmt::Write as _;

use dialect_compiler::connect::ErrorType;

use super::{Ctl, Session, splitmix};
use crate::profiles::Lookup;
use crate::program::{Op, OpKind, PhoneFormat, ProfileOp};
use crate::script::Step;
use crate::trace::{Event, InputKind, Observer, Outcome, Taken};
use crate::world::{Channel, QueueMetrics};

impl<'a> Session<'a> {
    #[allow(clippy::too_many_lines)]
    pub(super) fn exec<O: Observer>(
        &mut self,
        f: u32,
        pc: u32,
        op: &'a Op,
        script: &[Step],
        cursor: &mut usize,
        obs: &mut O,
    ) -> Ctl {
        let program = self.program;
        let world = self.world;
        match &op.kind {
            OpKind::Message(p) => {
                self.prompt(p, obs);
                Ctl::Take(Taken::Next)
            }
            OpKind::GetInput {
                prompt,
                store,
                max_length,
                phone,
                terminator,
                timeout,
            } => {
                if world.channel == Channel::Chat {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                }
                self.prompt(prompt, obs);
                if O::EVENTS {
                    obs.event(Event::Listen(if *store {
                        InputKind::StoredDigits
                    } else {
                        InputKind::Dtmf
                    }));
                }
                let _ = timeout;
                let step = match Self::listen(script, cursor, obs) {
                    Ok(s) => s,
                    Err(o) => return Ctl::End(o),
                };
                let Step::Press(keys) = step else {
                    return Self::fail(op, &ErrorType::InputTimeLimitExceeded, obs);
                };
                if !*store {
                    let Some(key) = keys.chars().next() else {
                        return Self::fail(op, &ErrorType::InputTimeLimitExceeded, obs);
                    };
                    let mut b = [0u8; 4];
                    return Self::result(op, key.encode_utf8(&mut b), obs);
                }
                let mut digits = keys.as_str();
                if !terminator.is_empty()
                    && let Some(at) = digits.find(terminator.as_str())
                {
                    digits = &digits[..at];
                }
                if let Some(max) = max_length {
                    let end = digits
                        .char_indices()
                        .nth(*max)
                        .map_or(digits.len(), |(i, _)| i);
                    digits = &digits[..end];
                }
                if digits.is_empty() {
                    return Self::fail(op, &ErrorType::InputTimeLimitExceeded, obs);
                }
                let value = match phone {
                    Some(fmt) => match e164(digits, fmt) {
                        Some(n) => std::borrow::Cow::Owned(n),
                        None => return Self::fail(op, &ErrorType::InvalidPhoneNumber, obs),
                    },
                    None => std::borrow::Cow::Borrowed(digits),
                };
                self.st.stored.put(&value);
                if O::EVENTS {
                    obs.event(Event::Stored(value.into_owned()));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::Lex {
                prompt,
                bot,
                bot_label,
            } => self.lex(op, prompt, *bot, bot_label, script, cursor, obs),
            OpKind::Disconnect => Ctl::End(Outcome::Disconnected),
            OpKind::EndFlow => Ctl::End(Outcome::FlowEnded),
            OpKind::EndModule => Ctl::Return,
            OpKind::ToAgent => Ctl::End(Outcome::TransferredToAgent),
            OpKind::LoopPrompts {
                prompts,
                interrupt_s,
            } => {
                if world.channel == Channel::Chat {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                }
                for p in prompts {
                    self.prompt(p, obs);
                }
                // Interrupted when the next interruption comes before the agent answers.
                match interrupt_s {
                    Some(f) if self.st.waited_s + f < world.agent_answers_after_s => {
                        self.st.waited_s += f;
                        Self::result(op, "MessagesInterrupted", obs)
                    }
                    _ => Ctl::End(Outcome::ConnectedToAgent),
                }
            }
            OpKind::SetAttributes(list) | OpKind::SetFlowAttributes(list) => {
                let flow_scope = matches!(op.kind, OpKind::SetFlowAttributes(_));
                let mut vals = std::mem::take(&mut self.st.vals);
                if vals.len() < list.len() {
                    vals.resize(list.len(), String::new());
                }
                for ((_, e), v) in list.iter().zip(vals.iter_mut()) {
                    v.clear();
                    self.eval(e, v);
                }
                for ((sym, _), v) in list.iter().zip(vals.iter_mut()) {
                    let slots = if flow_scope {
                        &mut self.st.flow_attrs
                    } else {
                        &mut self.st.attrs
                    };
                    if let Some(s) = slots.get_mut(sym.0 as usize) {
                        s.set = true;
                        std::mem::swap(&mut s.val, v);
                        if O::EVENTS {
                            let name = program.names.name(*sym).to_owned();
                            obs.event(if flow_scope {
                                Event::FlowAttributeSet(name, s.val.clone())
                            } else {
                                Event::AttributeSet(name, s.val.clone())
                            });
                        }
                    }
                }
                self.st.vals = vals;
                Ctl::Take(Taken::Next)
            }
            OpKind::SetQueue(e) => {
                let mut buf = std::mem::take(&mut self.st.buf);
                buf.clear();
                self.eval(e, &mut buf);
                let ctl = if buf.trim().is_empty() {
                    Self::fail(op, &ErrorType::NoMatchingError, obs)
                } else {
                    self.st.queue = world.queue(&buf);
                    self.st.queue_name.put(&buf);
                    if O::EVENTS {
                        let mut n = String::new();
                        self.queue_display(&mut n);
                        obs.event(Event::QueueSet(n));
                    }
                    Ctl::Take(Taken::Next)
                };
                self.st.buf = buf;
                ctl
            }
            OpKind::ToQueue | OpKind::Dequeue(_) => {
                if let OpKind::Dequeue(e) = &op.kind {
                    let name = self.eval_owned(e);
                    self.st.queue = world.queue(&name);
                    self.st.queue_name.put(&name);
                }
                if self.st.queue.is_none() && self.st.queue_name.get().is_none() {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                }
                if self
                    .st
                    .queue
                    .and_then(|i| world.queues.get(i))
                    .is_some_and(|q| q.at_capacity)
                {
                    return Self::fail(op, &ErrorType::QueueAtCapacity, obs);
                }
                let mut name = String::new();
                self.queue_display(&mut name);
                if O::EVENTS {
                    let hooks = self
                        .st
                        .hooks
                        .iter()
                        .filter(|(_, _, set)| *set)
                        .map(|(h, v, _)| ((*h).to_owned(), v.clone()))
                        .collect();
                    obs.event(Event::TransferToQueue(name.clone(), hooks));
                }
                Ctl::End(Outcome::TransferredToQueue(name))
            }
            OpKind::SetHook(hook, e) => {
                // Hook entries keep their strings from call to call (`set` says which are live).
                let at = match self
                    .st
                    .hooks
                    .iter()
                    .position(|(h, _, _)| *h == hook.as_str())
                {
                    Some(i) => i,
                    None => {
                        self.st.hooks.push((hook.as_str(), String::new(), false));
                        self.st.hooks.len() - 1
                    }
                };
                let mut v = std::mem::take(&mut self.st.hooks[at].1);
                v.clear();
                self.eval(e, &mut v);
                if O::EVENTS {
                    obs.event(Event::HookSet(hook.clone(), v.clone()));
                }
                self.st.hooks[at] = (hook.as_str(), v, true);
                Ctl::Take(Taken::Next)
            }
            OpKind::SetCallbackNumber(e) => {
                let n = self.eval_owned(e);
                if !is_e164(n.trim()) {
                    return Self::fail(op, &ErrorType::InvalidCallbackNumber, obs);
                }
                self.st.callback.put(n.trim());
                if O::EVENTS {
                    obs.event(Event::CallbackNumber(n));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::Compare(e) => {
                let mut buf = std::mem::take(&mut self.st.buf);
                buf.clear();
                self.eval(e, &mut buf);
                let ctl = Self::result(op, &buf, obs);
                self.st.buf = buf;
                ctl
            }
            OpKind::CheckHours(id) => {
                let mut buf = std::mem::take(&mut self.st.buf);
                buf.clear();
                let (open, reason) = match id {
                    Some(e) => {
                        self.eval(e, &mut buf);
                        match self.bound(f, pc) {
                            Some(i) => self
                                .hours
                                .get(i as usize)
                                .map_or((world.unknown_hours_open, None), |h| {
                                    (h.open, h.reason.as_deref())
                                }),
                            None => self.hours_status(&buf),
                        }
                    }
                    None => {
                        if self.st.queue_name.get().is_none() {
                            self.st.buf = buf;
                            return Self::fail(op, &ErrorType::NoMatchingError, obs);
                        }
                        let hours = self
                            .st
                            .queue
                            .and_then(|i| world.queues.get(i))
                            .and_then(|q| q.hours.as_deref());
                        match hours {
                            Some(h) => {
                                buf.push_str(h);
                                self.hours_status(h)
                            }
                            None => {
                                buf.push_str("working queue");
                                (world.unknown_hours_open, None)
                            }
                        }
                    }
                };
                if O::EVENTS {
                    obs.event(Event::Hours(buf.clone(), open, reason.map(str::to_owned)));
                }
                self.st.buf = buf;
                Self::result(op, if open { "True" } else { "False" }, obs)
            }
            OpKind::CheckMetric { metric, queue } => {
                let q = match queue {
                    Some(e) => world.queue(&self.eval_owned(e)),
                    None => {
                        if self.st.queue_name.get().is_none() {
                            return Self::fail(op, &ErrorType::NoMatchingError, obs);
                        }
                        self.st.queue
                    }
                };
                let m = q
                    .and_then(|i| world.queues.get(i))
                    .map_or_else(QueueMetrics::default, |q| q.metrics.clone());
                let Some(v) = m.get(metric) else {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                };
                let mut buf = std::mem::take(&mut self.st.buf);
                buf.clear();
                let _ = write!(buf, "{v}");
                if O::EVENTS {
                    let mut name = String::new();
                    match q.and_then(|i| world.queues.get(i)) {
                        Some(q) => name.push_str(&q.id),
                        None => self.queue_display(&mut name),
                    }
                    obs.event(Event::Metric(name, metric.clone(), buf.clone()));
                }
                let ctl = Self::result(op, &buf, obs);
                self.st.buf = buf;
                ctl
            }
            OpKind::GetMetrics(queue) => {
                let q = match queue {
                    Some(e) => world.queue(&self.eval_owned(e)),
                    None => self.st.queue,
                };
                self.st.metrics_queue = Some(q);
                if O::EVENTS {
                    let name = q
                        .and_then(|i| world.queues.get(i))
                        .map_or_else(String::new, |q| q.id.clone());
                    obs.event(Event::MetricsLoaded(name));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::Distribute => {
                self.st.rng = splitmix(self.st.rng);
                let n = self.st.rng % 100 + 1;
                let mut b = String::new();
                let _ = write!(b, "{n}");
                Self::result(op, &b, obs)
            }
            OpKind::Loop { count, slot } => {
                let mut buf = std::mem::take(&mut self.st.buf);
                buf.clear();
                self.eval(count, &mut buf);
                let n: u32 = buf.trim().parse().unwrap_or(0);
                self.st.buf = buf;
                let Some(c) = self.st.loops.get_mut(*slot as usize) else {
                    return Ctl::End(Outcome::RuntimeError("loop counter out of range".into()));
                };
                if *c < n {
                    *c += 1;
                    Self::result(op, "ContinueLooping", obs)
                } else {
                    *c = 0;
                    Self::result(op, "DoneLooping", obs)
                }
            }
            OpKind::Wait => Self::result(op, &world.wait_result, obs),
            OpKind::ToFlow(e) => {
                if let Some(nf) = self.bound(f, pc) {
                    if O::EVENTS {
                        obs.event(Event::TransferToFlow(self.eval_owned(e), true));
                    }
                    return Ctl::Jump(nf);
                }
                let name = self.eval_owned(e);
                if name.trim().is_empty() {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                }
                match program.flow_named(&name) {
                    Some(nf) => {
                        if O::EVENTS {
                            obs.event(Event::TransferToFlow(name, true));
                        }
                        Ctl::Jump(nf)
                    }
                    None => {
                        if O::EVENTS {
                            obs.event(Event::TransferToFlow(name.clone(), false));
                        }
                        Ctl::End(Outcome::TransferredToFlow(name))
                    }
                }
            }
            OpKind::InvokeModule(e) => {
                if let Some(m) = self.bound(f, pc) {
                    if O::EVENTS {
                        obs.event(Event::ModuleInvoked(program.flows[m as usize].name.clone()));
                    }
                    return Ctl::Call(m);
                }
                let name = self.eval_owned(e);
                match program.flow_named(&name) {
                    Some(m) => {
                        if O::EVENTS {
                            obs.event(Event::ModuleInvoked(program.flows[m as usize].name.clone()));
                        }
                        Ctl::Call(m)
                    }
                    None => {
                        if O::EVENTS {
                            obs.event(Event::RuntimeError(
                                op.id.clone(),
                                format!("module {name:?} is not part of the program"),
                            ));
                        }
                        Self::fail(op, &ErrorType::NoMatchingError, obs)
                    }
                }
            }
            OpKind::Lambda {
                function,
                timeout,
                params,
                json,
            } => self.lambda(f, pc, op, function, *timeout, params, *json, obs),
            OpKind::Callback { queue, delay } => {
                let number = self
                    .st
                    .callback
                    .get()
                    .map(str::to_owned)
                    .or_else(|| world.caller.clone());
                let Some(number) = number else {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                };
                let q = match queue {
                    Some(e) => self.eval_owned(e),
                    None => {
                        let mut n = String::new();
                        self.queue_display(&mut n);
                        n
                    }
                };
                if q.is_empty() {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                }
                if O::EVENTS {
                    obs.event(Event::Callback(q, number, self.eval_owned(delay)));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::Profile { op: kind, request } => {
                let req: Vec<(String, String)> = request
                    .iter()
                    .map(|(k, e)| (k.clone(), self.eval_owned(e)))
                    .collect();
                if *kind == ProfileOp::Write {
                    if O::EVENTS {
                        obs.event(Event::Profile(req, "written".to_owned()));
                    }
                    return Ctl::Take(Taken::Next);
                }
                let found = if req.iter().any(|(_, v)| v.is_empty()) {
                    Lookup::NoneFound
                } else {
                    world
                        .profiles
                        .lookup(req.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                };
                if O::EVENTS {
                    let r = match found {
                        Lookup::Found(row) => {
                            let id = world.profiles.field(row, "ProfileId").unwrap_or("");
                            format!("found {id}").trim_end().to_owned()
                        }
                        Lookup::NoneFound => "none found".to_owned(),
                        Lookup::MultipleFound => "multiple found".to_owned(),
                    };
                    obs.event(Event::Profile(req, r));
                }
                match found {
                    Lookup::Found(row) => {
                        self.st.customer = Some(row);
                        Ctl::Take(Taken::Next)
                    }
                    Lookup::NoneFound => Self::fail(op, &ErrorType::NoneFoundError, obs),
                    Lookup::MultipleFound => Self::fail(op, &ErrorType::MultipleFoundError, obs),
                }
            }
            OpKind::ThirdParty { number, continues } => {
                let n = self.eval_owned(number);
                if let Some(e) = &world.third_party_failure {
                    return Self::fail(op, &ErrorType::from_name(e), obs);
                }
                if O::EVENTS {
                    obs.event(Event::TransferToNumber(n.clone()));
                }
                if *continues {
                    Ctl::Take(Taken::Next)
                } else {
                    Ctl::End(Outcome::TransferredToNumber(n))
                }
            }
            OpKind::ShowView => {
                if world.channel == Channel::Voice {
                    return Self::fail(op, &ErrorType::NoMatchingError, obs);
                }
                Self::result(op, &world.view_result, obs)
            }
            OpKind::VoiceId => Self::result(op, &world.voice_id_result, obs),
            OpKind::OutboundStatus => Self::result(op, &world.outbound_call_status, obs),
            OpKind::SetLanguage(e) => {
                let l = self.eval_owned(e);
                self.st.language.put(&l);
                if O::EVENTS {
                    obs.event(Event::Action(
                        op.type_name.clone(),
                        vec![("LanguageCode".to_owned(), l)],
                    ));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::SetVoice(e) => {
                if O::EVENTS {
                    obs.event(Event::Action(
                        op.type_name.clone(),
                        vec![("Voice".to_owned(), self.eval_owned(e))],
                    ));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::Show(params) => {
                if O::EVENTS {
                    let p = params
                        .iter()
                        .map(|(k, e)| (k.clone(), self.eval_owned(e)))
                        .collect();
                    obs.event(Event::Action(op.type_name.clone(), p));
                }
                Ctl::Take(Taken::Next)
            }
            OpKind::Passive => Ctl::Take(Taken::Next),
            OpKind::Unsupported(t) => {
                let m = format!("the simulator cannot run actions of type {t:?}");
                if O::EVENTS {
                    obs.event(Event::RuntimeError(op.id.clone(), m.clone()));
                }
                Ctl::End(Outcome::RuntimeError(m))
            }
        }
    }

    /// Open or not, and the holiday that decided, for the hours a flow names.
    pub(super) fn hours_status(&self, id: &str) -> (bool, Option<&str>) {
        match self
            .world
            .hours
            .iter()
            .position(|h| crate::world::matches_id(&h.id, id))
        {
            Some(i) => (self.hours[i].open, self.hours[i].reason.as_deref()),
            None => (self.world.unknown_hours_open, None),
        }
    }
}

fn e164(digits: &str, format: &PhoneFormat) -> Option<String> {
    let d: String = digits.chars().filter(char::is_ascii_digit).collect();
    match format {
        PhoneFormat::E164 => (8..=15).contains(&d.len()).then(|| format!("+{d}")),
        PhoneFormat::Local(cc) => {
            let (code, lens): (&str, &[usize]) = match cc.to_ascii_uppercase().as_str() {
                "JP" => ("81", &[10, 11]),
                "US" | "CA" => ("1", &[10]),
                "GB" => ("44", &[10, 11]),
                "AU" => ("61", &[10]),
                "DE" => ("49", &[10, 11, 12]),
                "FR" => ("33", &[10]),
                "KR" => ("82", &[10, 11]),
                _ => return None,
            };
            if code == "1" && d.len() == 11 && d.starts_with('1') {
                return Some(format!("+{d}"));
            }
            if !lens.contains(&d.len()) {
                return None;
            }
            let national = d.strip_prefix('0').unwrap_or(&d);
            Some(format!("+{code}{national}"))
        }
    }
}

fn is_e164(n: &str) -> bool {
    n.strip_prefix('+')
        .is_some_and(|d| (8..=15).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()))
}
