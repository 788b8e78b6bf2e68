//! Where every name is defined and used, built from the syntax trees of one analysed project.
//!
//! Top-level names (flows, bots, integrations, queues, hours, calendars) are global to a
//! project; steps belong to their flow; intents, slots and slot types to their bot. The index is
//! a flat list of occurrences, so definition, references and rename are the same search.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use dialect_compiler::compile::Project;
use dialect_compiler::span::{FileId, Span};
use dialect_compiler::syntax::ast::{
    Arg, BotDecl, FlowDecl, FlowSetting, Item, SetKind, Statement, StatementKind, Target, Text,
    TextSegment, Value,
};

/// What a name names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A top-level declaration.
    Global(String),
    Step {
        flow: String,
        name: String,
    },
    Intent {
        bot: String,
        name: String,
    },
    SlotType {
        bot: String,
        name: String,
    },
    Slot {
        bot: String,
        name: String,
    },
}

/// What kind of top-level declaration a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalKind {
    Flow,
    Module,
    Bot,
    Integration,
    Queue,
    Hours,
    Calendar,
}

impl GlobalKind {
    pub fn word(self) -> &'static str {
        match self {
            GlobalKind::Flow => "flow",
            GlobalKind::Module => "module",
            GlobalKind::Bot => "bot",
            GlobalKind::Integration => "integration",
            GlobalKind::Queue => "queue",
            GlobalKind::Hours => "hours",
            GlobalKind::Calendar => "calendar",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Occurrence {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
    pub key: Key,
    pub def: bool,
}

/// A prompt (or other text) and where it is, for hover.
#[derive(Debug, Clone)]
pub struct TextSite {
    pub span: Span,
    pub what: &'static str,
    pub value: String,
    pub ssml: bool,
}

#[derive(Debug, Default)]
pub struct Index {
    pub occurrences: Vec<Occurrence>,
    pub globals: BTreeMap<String, GlobalKind>,
    /// Markdown shown on hover over a definition or a use.
    pub docs: HashMap<Key, String>,
    pub texts: Vec<TextSite>,
}

impl Index {
    pub fn build(project: &Project) -> Index {
        let mut ix = Index::default();
        // Definitions first: slot references need the bots' slots.
        let mut bot_slots: HashMap<String, Vec<String>> = HashMap::new();
        for f in &project.files {
            for item in &f.ast.items {
                if let Item::Bot(b) = item {
                    let slots = bot_slots.entry(b.name.text.to_string()).or_default();
                    for l in &b.locales {
                        for i in &l.intents {
                            slots.extend(i.slots.iter().map(|s| s.name.text.to_string()));
                        }
                    }
                }
            }
        }
        for f in &project.files {
            let text = &project.sources.get(f.file).text;
            let mut w = Walker {
                ix: &mut ix,
                file: f.file,
                text,
                bot_slots: &bot_slots,
                asked: Vec::new(),
            };
            for item in &f.ast.items {
                w.item(item);
            }
        }
        ix
    }

    /// The occurrence under a byte offset of a file.
    pub fn at(&self, file: FileId, offset: u32) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.file == file && o.start <= offset && offset <= o.end)
    }

    pub fn all_of<'a>(&'a self, key: &'a Key) -> impl Iterator<Item = &'a Occurrence> + 'a {
        self.occurrences.iter().filter(move |o| &o.key == key)
    }

    pub fn text_at(&self, file: FileId, offset: u32) -> Option<&TextSite> {
        self.texts.iter().find(|t| {
            t.span.file == file
                && t.span.start <= offset
                && offset < t.span.end.max(t.span.start + 1)
        })
    }
}

struct Walker<'a> {
    ix: &'a mut Index,
    file: FileId,
    text: &'a str,
    bot_slots: &'a HashMap<String, Vec<String>>,
    /// Bots asked in the current flow, for `$slot.X`.
    asked: Vec<String>,
}

impl Walker<'_> {
    fn occ(&mut self, span: Span, key: Key, def: bool) {
        self.ix.occurrences.push(Occurrence {
            file: self.file,
            start: span.start,
            end: span.end,
            key,
            def,
        });
    }

    /// A scenario test: its flow, integrations and queues are references.
    fn test(&mut self, t: &dialect_compiler::syntax::ast::TestDecl) {
        use dialect_compiler::syntax::ast::TestMember;
        for m in &t.members {
            match m {
                TestMember::Flow(n)
                | TestMember::Mock { integration: n, .. }
                | TestMember::Queue { queue: n, .. } => self.global(n, false),
                TestMember::Fail {
                    flow: Some(flow), ..
                } => self.global(flow, false),
                TestMember::Expect(e, _) => self.expectation(e),
                _ => {}
            }
        }
    }

    /// The flows, integrations and queues an `expect` line names (`expect no …` included).
    fn expectation(&mut self, e: &dialect_compiler::syntax::ast::Expect) {
        use dialect_compiler::syntax::ast::Expect;
        match e {
            Expect::TransferFlow(n) | Expect::Call { integration: n, .. } => self.global(n, false),
            Expect::TransferQueue { queue, whisper } => {
                self.global(queue, false);
                if let Some(w) = whisper {
                    self.global(w, false);
                }
            }
            Expect::Return {
                module: Some(m), ..
            } => self.global(m, false),
            Expect::No(inner) => self.expectation(inner),
            _ => {}
        }
    }

    fn global(&mut self, name: &dialect_compiler::syntax::ast::Ident, def: bool) {
        self.occ(name.span, Key::Global(name.text.to_string()), def);
    }

    fn define(
        &mut self,
        name: &dialect_compiler::syntax::ast::Ident,
        kind: GlobalKind,
        doc: String,
    ) {
        self.global(name, true);
        self.ix.globals.insert(name.text.to_string(), kind);
        self.ix
            .docs
            .entry(Key::Global(name.text.to_string()))
            .or_insert(doc);
    }

    fn text_site(&mut self, t: &Text, what: &'static str) {
        self.ix.texts.push(TextSite {
            span: t.span,
            what,
            value: t.value.clone(),
            ssml: t.is_ssml(),
        });
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Use(_) => {}
            Item::Test(t) => self.test(t),
            Item::Flow(f) => self.flow(f),
            Item::Bot(b) => self.bot(b),
            Item::Integration(i) => {
                let mut doc = format!("**integration** `{}`", i.name.text);
                if let Some(l) = &i.lambda {
                    let _ = write!(doc, "\n\nLambda `{}`", l.value);
                }
                if let Some(t) = &i.timeout {
                    let _ = write!(doc, ", timeout {} s", t.seconds());
                }
                if !i.returns.is_empty() {
                    let names: Vec<&str> = i.returns.iter().map(|r| r.text.as_str()).collect();
                    let _ = write!(doc, "\n\nreturns `{}`", names.join("`, `"));
                }
                if let Some(d) = &i.description {
                    let _ = write!(doc, "\n\n{}", d.value);
                }
                self.define(&i.name, GlobalKind::Integration, doc);
            }
            Item::Queue(q) => {
                let mut doc = format!("**queue** `{}`", q.name.text);
                if let Some(h) = &q.hours {
                    let _ = write!(doc, " (hours `{}`)", h.text);
                    self.global(h, false);
                }
                if let Some(d) = &q.description {
                    let _ = write!(doc, "\n\n{}", d.value);
                }
                self.define(&q.name, GlobalKind::Queue, doc);
            }
            Item::Hours(h) => {
                let mut doc = format!("**hours** `{}`", h.name.text);
                if let Some(tz) = &h.timezone {
                    let _ = write!(doc, " ({})", tz.text);
                }
                let body: Vec<&str> = h
                    .rules
                    .iter()
                    .map(|r| self.text[r.span.range()].trim())
                    .collect();
                if !body.is_empty() {
                    let _ = write!(doc, "\n\n```dial\n{}\n```", body.join("\n"));
                }
                if let Some(d) = &h.description {
                    let _ = write!(doc, "\n\n{}", d.value);
                }
                for c in &h.closed_on {
                    self.global(c, false);
                }
                self.define(&h.name, GlobalKind::Hours, doc);
            }
            Item::Calendar(c) => {
                let mut doc = format!(
                    "**calendar** `{}`: {} entr{}",
                    c.name.text,
                    c.entries.len(),
                    if c.entries.len() == 1 { "y" } else { "ies" }
                );
                if let Some(d) = &c.description {
                    let _ = write!(doc, "\n\n{}", d.value);
                }
                self.define(&c.name, GlobalKind::Calendar, doc);
            }
        }
    }

    fn flow(&mut self, f: &FlowDecl) {
        let flow = f.name.text.clone();
        let mut kind = "inbound".to_owned();
        let mut doc_extra = String::new();
        for s in &f.settings {
            match s {
                FlowSetting::Kind {
                    kind: k, qualifier, ..
                } => {
                    k.text.as_str().clone_into(&mut kind);
                    if let Some(q) = qualifier {
                        kind.push(' ');
                        kind.push_str(&q.text);
                    }
                }
                FlowSetting::Description(t, _) => {
                    let _ = write!(doc_extra, "\n\n{}", t.value);
                }
                FlowSetting::OnError(Some(t), _) => self.target(&flow, t),
                _ => {}
            }
        }
        let gk = if kind == "module" {
            GlobalKind::Module
        } else {
            GlobalKind::Flow
        };
        let doc = format!(
            "**flow** `{flow}` (kind {kind}, {} step{}){doc_extra}",
            f.steps.len(),
            if f.steps.len() == 1 { "" } else { "s" }
        );
        self.define(&f.name, gk, doc);
        self.asked = f
            .steps
            .iter()
            .flat_map(|s| &s.statements)
            .filter_map(|st| match &st.kind {
                StatementKind::Ask { bot, .. } => Some(bot.text.to_string()),
                _ => None,
            })
            .collect();
        for step in &f.steps {
            let key = Key::Step {
                flow: flow.to_string(),
                name: step.name.text.to_string(),
            };
            // Step documentation is made on hover (`step_doc`): most steps are never hovered.
            self.occ(step.name.span, key, true);
            for st in &step.statements {
                self.statement(&flow, st);
            }
        }
    }
}

/// The hover text of a step: its first prompt and where each outcome goes.
pub fn step_doc(text: &str, flow: &str, step: &dialect_compiler::syntax::ast::Step) -> String {
    {
        let mut doc = format!("**step** `{}` of flow `{flow}`", step.name.text);
        let prompt = step.statements.iter().find_map(|st| match &st.kind {
            StatementKind::Say { text } | StatementKind::Menu { prompt: text, .. } => Some(text),
            StatementKind::Ask {
                prompt: Some(text), ..
            }
            | StatementKind::Input { prompt: text, .. } => Some(text),
            _ => None,
        });
        if let Some(p) = prompt {
            let _ = write!(doc, "\n\n> {}", one_line(&p.value));
        }
        let mut outs = Vec::new();
        for st in &step.statements {
            for o in &st.outcomes {
                let pat = text[o.pattern.span.range()].trim().to_owned();
                let tgt = o
                    .target
                    .as_ref()
                    .map_or(String::new(), |t| text[t.span().range()].trim().to_owned());
                outs.push(format!("{:<10} {pat} -> {tgt}", st.kind.keyword()));
            }
            match &st.kind {
                StatementKind::Goto { target: Some(t) } => {
                    outs.push(format!("-> {}", text[t.span().range()].trim()));
                }
                StatementKind::HangUp
                | StatementKind::Return { .. }
                | StatementKind::End
                | StatementKind::TransferAgent
                | StatementKind::TransferFlow { .. }
                | StatementKind::TransferQueue { .. } => {
                    outs.push(
                        text[st.span.range()]
                            .lines()
                            .next()
                            .unwrap_or("")
                            .trim()
                            .to_owned(),
                    );
                }
                _ => {}
            }
        }
        if !outs.is_empty() {
            let _ = write!(doc, "\n\nOutcomes:\n```dial\n{}\n```", outs.join("\n"));
        }
        doc
    }
}

impl Walker<'_> {
    fn target(&mut self, flow: &str, t: &Target) {
        let name = match t {
            Target::Step(i) => Some(i),
            Target::Retry(r) => {
                if let Some(saying) = &r.saying {
                    self.prompt(flow, saying, "re-prompt");
                }
                r.then.as_ref()
            }
        };
        if let Some(i) = name {
            self.occ(
                i.span,
                Key::Step {
                    flow: flow.to_owned(),
                    name: i.text.to_string(),
                },
                false,
            );
        }
    }

    fn statement(&mut self, flow: &str, st: &Statement) {
        match &st.kind {
            StatementKind::Say { text } => self.prompt(flow, text, "say"),
            StatementKind::Ask { bot, prompt, .. } => {
                self.global(bot, false);
                if let Some(p) = prompt {
                    self.prompt(flow, p, "ask");
                }
                for o in &st.outcomes {
                    let w = &o.pattern.words;
                    if w.len() >= 2 && w[0].text == "intent" {
                        self.occ(
                            w[1].span,
                            Key::Intent {
                                bot: bot.text.to_string(),
                                name: w[1].text.to_string(),
                            },
                            false,
                        );
                    }
                }
            }
            StatementKind::Menu { prompt, .. } => self.prompt(flow, prompt, "menu"),
            StatementKind::Input { into, prompt, .. } => {
                self.reference(into);
                self.prompt(flow, prompt, "input");
            }
            StatementKind::Call {
                integration, args, ..
            } => {
                self.global(integration, false);
                self.args(flow, args);
            }
            StatementKind::Run { module, args } => {
                self.global(module, false);
                self.args(flow, args);
            }
            StatementKind::Set(s) => match s {
                SetKind::Attributes(list) => {
                    for (r, v) in list {
                        self.reference(r);
                        self.value(flow, v);
                    }
                }
                SetKind::Queue(q) => self.global(q, false),
                SetKind::Hook { flow: f, .. } => self.global(f, false),
                SetKind::Voice(_) | SetKind::Priority(_) => {}
            },
            StatementKind::Branch { value } => self.value(flow, value),
            StatementKind::Check { subject, name } => {
                if let Some(n) = name
                    && matches!(
                        subject.text.as_str(),
                        "hours" | "calendar" | "queue" | "staffing"
                    )
                {
                    self.global(n, false);
                }
            }
            StatementKind::TransferQueue { queue, whisper } => {
                for n in [queue, whisper].into_iter().flatten() {
                    self.global(n, false);
                }
            }
            StatementKind::TransferFlow { flow: f } => self.global(f, false),
            StatementKind::TransferNumber { number, .. } => self.value(flow, number),
            StatementKind::Callback(o) => {
                if let Some(q) = &o.queue {
                    self.global(q, false);
                }
                if let Some(r) = &o.number {
                    self.reference(r);
                }
            }
            StatementKind::Dial {
                caller_id: Some(v), ..
            } => self.value(flow, v),
            StatementKind::LookupProfile { by: Some((_, v)) } => self.value(flow, v),
            StatementKind::Goto { target: Some(t) } => self.target(flow, t),
            _ => {}
        }
        for o in &st.outcomes {
            if let Some(t) = &o.target {
                self.target(flow, t);
            }
        }
    }

    fn args(&mut self, flow: &str, args: &[Arg]) {
        for a in args {
            self.value(flow, &a.value);
        }
    }

    fn value(&mut self, flow: &str, v: &Value) {
        match v {
            Value::Reference(r) => self.reference(r),
            Value::Text(t) => self.prompt(flow, t, "text"),
            _ => {}
        }
    }

    fn prompt(&mut self, _flow: &str, t: &Text, what: &'static str) {
        self.text_site(t, what);
        for seg in &t.segments {
            if let TextSegment::Placeholder { name, span } = seg
                && let Some(path) = name.strip_prefix("$slot.")
            {
                let inner = self.name_in(*span, path);
                self.slot_ref(path, inner);
            }
        }
    }

    fn reference(&mut self, r: &dialect_compiler::syntax::ast::Reference) {
        if let Some(name) = r.path.strip_prefix("slot.") {
            let start = r.span.start + 1 + 5;
            let span = Span {
                file: r.span.file,
                start,
                end: start + u32::try_from(name.len()).unwrap_or(0),
            };
            self.slot_ref(name, span);
        }
    }

    fn slot_ref(&mut self, name: &str, span: Span) {
        let bot = self
            .asked
            .iter()
            .find(|b| {
                self.bot_slots
                    .get(*b)
                    .is_some_and(|s| s.iter().any(|n| n == name))
            })
            .or(self.asked.first())
            .cloned();
        if let Some(bot) = bot {
            self.occ(
                span,
                Key::Slot {
                    bot,
                    name: name.to_owned(),
                },
                false,
            );
        }
    }

    /// The span of `name` inside the placeholder `{ name }` at `span`.
    fn name_in(&self, span: Span, name: &str) -> Span {
        let hay = self.text.get(span.range()).unwrap_or("");
        let at = hay.find(name).unwrap_or(0);
        let start = span.start + u32::try_from(at).unwrap_or(0);
        Span {
            file: span.file,
            start,
            end: start + u32::try_from(name.len()).unwrap_or(0),
        }
    }

    fn bot(&mut self, b: &BotDecl) {
        let bot = b.name.text.clone();
        let locales: Vec<&str> = b
            .locales
            .iter()
            .filter_map(|l| l.locale.as_ref().map(|i| i.text.as_str()))
            .collect();
        let mut doc = format!("**bot** `{bot}` ({})", locales.join(", "));
        if let Some(d) = &b.description {
            let _ = write!(doc, "\n\n{}", d.value);
        }
        self.define(&b.name, GlobalKind::Bot, doc);
        for l in &b.locales {
            for st in &l.slot_types {
                let key = Key::SlotType {
                    bot: bot.to_string(),
                    name: st.name.text.to_string(),
                };
                self.occ(st.name.span, key.clone(), true);
                let values: Vec<&str> = st.values.iter().map(|v| v.value.value.as_str()).collect();
                self.ix.docs.entry(key).or_insert(format!(
                    "**slot type** `{}` of bot `{bot}`\n\n{}",
                    st.name.text,
                    values.join(", ")
                ));
            }
            for i in &l.intents {
                let key = Key::Intent {
                    bot: bot.to_string(),
                    name: i.name.text.to_string(),
                };
                self.occ(i.name.span, key.clone(), true);
                let mut doc = format!("**intent** `{}` of bot `{bot}`", i.name.text);
                if let Some(d) = &i.description {
                    let _ = write!(doc, "\n\n{}", d.value);
                }
                for u in i.utterances.iter().take(8) {
                    let _ = write!(doc, "\n- {}", u.value);
                }
                if i.utterances.len() > 8 {
                    let _ = write!(doc, "\n- … ({} utterances)", i.utterances.len());
                }
                self.ix.docs.entry(key).or_insert(doc);
                for s in &i.slots {
                    let key = Key::Slot {
                        bot: bot.to_string(),
                        name: s.name.text.to_string(),
                    };
                    self.occ(s.name.span, key.clone(), true);
                    let mut doc = format!(
                        "**slot** `{}`: `{}` of bot `{bot}`",
                        s.name.text, s.type_name.text
                    );
                    if let Some(p) = &s.prompt {
                        let _ = write!(doc, "\n\n> {}", one_line(&p.value));
                        self.text_site(p, "slot prompt");
                    }
                    self.ix.docs.entry(key).or_insert(doc);
                    if !s.type_name.text.starts_with("AMAZON.") {
                        self.occ(
                            s.type_name.span,
                            Key::SlotType {
                                bot: bot.to_string(),
                                name: s.type_name.text.to_string(),
                            },
                            false,
                        );
                    }
                }
                let texts = i
                    .utterances
                    .iter()
                    .chain(i.confirm.iter())
                    .chain(i.decline.iter());
                for t in texts {
                    self.text_site(t, "utterance");
                    for seg in &t.segments {
                        if let TextSegment::Placeholder { name, span } = seg
                            && !name.starts_with('$')
                        {
                            let inner = self.name_in(*span, name);
                            self.occ(
                                inner,
                                Key::Slot {
                                    bot: bot.to_string(),
                                    name: name.clone(),
                                },
                                false,
                            );
                        }
                    }
                }
            }
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
