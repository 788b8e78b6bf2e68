//! The Lex conversation of `ConnectParticipantWithLexBot`: recognition, slot elicitation,
//! confirmation, then the branch on the intent.

use dialect_compiler::connect::ErrorType;

use super::{Ctl, Session};
use crate::nlu::{self, confirm};
use crate::program::{Op, PromptExpr};
use crate::script::Step;
use crate::trace::{Event, InputKind, Observer};
use crate::world::Channel;

impl<'a> Session<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lex<O: Observer>(
        &mut self,
        op: &'a Op,
        prompt: &PromptExpr,
        bot: Option<u32>,
        bot_label: &str,
        script: &[Step],
        cursor: &mut usize,
        obs: &mut O,
    ) -> Ctl {
        let program = self.program;
        self.prompt(prompt, obs);
        if O::EVENTS {
            obs.event(Event::Listen(InputKind::Lex(bot_label.to_owned())));
        }
        let step = match Self::listen(script, cursor, obs) {
            Ok(s) => s,
            Err(o) => return Ctl::End(o),
        };
        if *step == Step::Silent && self.world.channel == Channel::Chat {
            return Self::fail(op, &ErrorType::InputTimeLimitExceeded, obs);
        }
        let text = match step {
            Step::Say(t) | Step::Press(t) => t.as_str(),
            Step::Silent | Step::HangUp => "",
        };
        let model = bot.and_then(|b| program.bots.get(b as usize));
        let Some((b, model)) = bot.zip(model) else {
            // No bot in the program: the caller's words are matched against the intent names
            // the flow branches on.
            let said = nlu::normalize::normalize(text);
            let hit = op
                .conds
                .iter()
                .find(|c| !said.is_empty() && nlu::normalize::normalize(&c.operand) == said)
                .map_or("FallbackIntent", |c| c.operand.as_str());
            if O::EVENTS {
                obs.event(Event::Recognized(hit.to_owned(), Vec::new(), 100));
            }
            return Self::result(op, hit, obs);
        };
        let lang = self.st.language.get().or(self.world.locale.as_deref());
        let Some(li) = model.locale(lang).and_then(|l| {
            model
                .locales
                .iter()
                .position(|x| std::ptr::eq(x, l))
                .and_then(|i| u32::try_from(i).ok())
        }) else {
            return Self::fail(op, &ErrorType::NoMatchingError, obs);
        };
        let locale = &model.locales[li as usize];
        self.st.lex = Some((b, li));
        locale.recognize(text, &mut self.st.nlu, &mut self.st.rec);
        self.st.lex_state = "ReadyForFulfillment";
        self.st.confirmation = "None";
        if let Some(intent) = self.st.rec.intent.and_then(|i| locale.intents.get(i)) {
            self.st.rec.slots.resize(intent.slots.len(), None);
            // Elicit the missing required slots, in priority order.
            for &si in &intent.order {
                let Some(slot) = intent.slots.get(si) else {
                    continue;
                };
                if !slot.required || self.st.rec.slots[si].is_some() {
                    continue;
                }
                let mut filled = false;
                for _ in 0..=slot.max_retries {
                    if O::EVENTS {
                        let p = slot.prompt.as_deref().unwrap_or(&slot.name);
                        obs.event(Event::BotPrompt(nlu::fill_prompt(
                            p,
                            intent,
                            &self.st.rec.slots,
                        )));
                    }
                    let step = match Self::listen(script, cursor, obs) {
                        Ok(s) => s,
                        Err(o) => return Ctl::End(o),
                    };
                    if let Step::Say(t) | Step::Press(t) = step
                        && let Some(v) = locale.resolve_slot(slot, t, &mut self.st.nlu)
                    {
                        self.st.rec.slots[si] = Some(v);
                        filled = true;
                        break;
                    }
                }
                if !filled {
                    self.st.lex_state = "Failed";
                    break;
                }
            }
            if let (Some(question), "ReadyForFulfillment") =
                (&intent.confirmation, self.st.lex_state)
            {
                let mut answer = None;
                for _ in 0..3 {
                    if O::EVENTS {
                        obs.event(Event::BotPrompt(nlu::fill_prompt(
                            question,
                            intent,
                            &self.st.rec.slots,
                        )));
                    }
                    let step = match Self::listen(script, cursor, obs) {
                        Ok(s) => s,
                        Err(o) => return Ctl::End(o),
                    };
                    if let Step::Say(t) | Step::Press(t) = step {
                        answer = confirm::classify(t);
                        if answer.is_some() {
                            break;
                        }
                    }
                }
                match answer {
                    Some(confirm::Answer::Yes) => self.st.confirmation = "Confirmed",
                    Some(confirm::Answer::No) => {
                        self.st.confirmation = "Denied";
                        self.st.lex_state = "Failed";
                        if let (true, Some(d)) = (O::EVENTS, &intent.declination) {
                            obs.event(Event::BotPrompt(d.clone()));
                        }
                    }
                    None => self.st.lex_state = "Failed",
                }
                if O::EVENTS {
                    obs.event(Event::Confirmation(self.st.confirmation.to_owned()));
                }
            }
        }
        let name = locale.intent_name(self.st.rec.intent);
        if O::EVENTS {
            let slots = self
                .st
                .rec
                .intent
                .and_then(|i| locale.intents.get(i))
                .map(|intent| {
                    intent
                        .slots
                        .iter()
                        .zip(&self.st.rec.slots)
                        .filter_map(|(s, v)| v.as_ref().map(|v| (s.name.clone(), v.clone())))
                        .collect()
                })
                .unwrap_or_default();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let pct = (self.st.rec.confidence * 100.0).round() as u32;
            obs.event(Event::Recognized(name.to_owned(), slots, pct));
        }
        Self::result(op, name, obs)
    }
}
