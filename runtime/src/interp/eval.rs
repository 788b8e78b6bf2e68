//! Reading contact data: JSONPath references and parameter values, as Connect resolves them.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Session, Slot};
use crate::expr::{Expr, Piece, Ref};
use crate::nlu;
use crate::world::{QueueMetrics, WITHHELD_ADDRESS};

impl<'a> Session<'a> {
    pub(super) fn read_ref(&self, r: &Ref, out: &mut String) {
        let st = &self.st;
        match r {
            Ref::Attribute(s) => {
                if let Some(v) = st.attrs.get(s.0 as usize).and_then(Slot::get) {
                    out.push_str(v);
                }
            }
            Ref::FlowAttribute(s) => {
                if let Some(v) = st.flow_attrs.get(s.0 as usize).and_then(Slot::get) {
                    out.push_str(v);
                }
            }
            Ref::External(path) => {
                let mut v = st.external;
                for seg in path.split('.') {
                    v = v.and_then(|x| x.get(seg));
                }
                if let Some(v) = v {
                    write_value(v, out);
                }
            }
            Ref::StoredInput => {
                if let Some(v) = st.stored.get() {
                    out.push_str(v);
                }
            }
            Ref::LexIntent => {
                if let Some(loc) = self.lex_locale() {
                    out.push_str(loc.intent_name(st.rec.intent));
                }
            }
            Ref::LexSlot(name) => {
                let intent = self
                    .lex_locale()
                    .and_then(|l| st.rec.intent.and_then(|i| l.intents.get(i)));
                if let Some(i) = intent.and_then(|m| m.slots.iter().position(|s| &s.name == name))
                    && let Some(Some(v)) = st.rec.slots.get(i)
                {
                    out.push_str(v);
                }
            }
            Ref::LexConfidence => {
                if st.lex.is_some() {
                    let _ = write!(out, "{:.2}", st.rec.confidence);
                }
            }
            Ref::LexOther(what) => match what.as_str() {
                "IntentState" | "DialogState" => out.push_str(st.lex_state),
                "ConfirmationState" => out.push_str(st.confirmation),
                _ => {}
            },
            Ref::LexSessionAttribute(_) | Ref::Other(_) => {}
            Ref::Customer(path) => {
                if let Some(row) = st.customer
                    && let Some(v) = self.world.profiles.field(row, path)
                {
                    out.push_str(v);
                }
            }
            Ref::Metric(path) => {
                let q = st
                    .metrics_queue
                    .flatten()
                    .and_then(|i| self.world.queues.get(i));
                let m = q.map_or_else(QueueMetrics::default, |q| q.metrics.clone());
                let v = if path.contains("Size") || path.contains("Contacts") {
                    Some(m.contacts_in_queue)
                } else if path.contains("Oldest") {
                    Some(m.oldest_contact_age_seconds)
                } else if path.contains("Available") {
                    Some(m.agents_available)
                } else if path.contains("Staffed") {
                    Some(m.agents_staffed)
                } else if path.contains("Online") {
                    Some(m.agents_online)
                } else {
                    None
                };
                if st.metrics_queue.is_some()
                    && let Some(v) = v
                {
                    let _ = write!(out, "{v}");
                }
            }
            // A withheld number reaches the flow as carriers present it.
            Ref::CustomerEndpoint => {
                out.push_str(self.world.caller.as_deref().unwrap_or(WITHHELD_ADDRESS));
            }
            Ref::SystemEndpoint => out.push_str(&self.world.dialled),
            Ref::Channel => out.push_str(self.world.channel.name()),
            Ref::ContactId => out.push_str(&self.world.contact_id),
            Ref::QueueName => self.queue_display(out),
            Ref::QueueArn => {
                if let Some(q) = st.queue.and_then(|i| self.world.queues.get(i)) {
                    out.push_str(&q.id);
                } else if let Some(n) = st.queue_name.get() {
                    out.push_str(n);
                }
            }
            Ref::LanguageCode => {
                if let Some(l) = st.language.get() {
                    out.push_str(l);
                } else if let Some(l) = &self.world.locale {
                    out.push_str(l);
                }
            }
        }
    }

    pub(super) fn queue_display(&self, out: &mut String) {
        if let Some(q) = self.st.queue.and_then(|i| self.world.queues.get(i)) {
            out.push_str(if q.name.is_empty() { &q.id } else { &q.name });
        } else if let Some(n) = self.st.queue_name.get() {
            out.push_str(n);
        }
    }

    pub(super) fn lex_locale(&self) -> Option<&'a nlu::LocaleModel> {
        let (b, l) = self.st.lex?;
        self.program.bots.get(b as usize)?.locales.get(l as usize)
    }

    pub(super) fn eval(&self, e: &Expr, out: &mut String) {
        match e {
            Expr::Static(s) => out.push_str(s),
            Expr::Ref(r) => self.read_ref(r, out),
            Expr::Template(pieces) => {
                for p in pieces {
                    match p {
                        Piece::Text(t) => out.push_str(t),
                        Piece::Ref(r) => self.read_ref(r, out),
                    }
                }
            }
        }
    }

    pub(super) fn eval_owned(&self, e: &Expr) -> String {
        let mut s = String::new();
        self.eval(e, &mut s);
        s
    }
}

pub(super) fn write_value(v: &Value, out: &mut String) {
    match v {
        Value::Null => {}
        Value::String(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}
