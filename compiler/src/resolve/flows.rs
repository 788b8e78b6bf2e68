//! Flows, steps, statements and their outcomes.
//!
//! Each statement kind has a fixed set of outcomes, split into *results* (an unwritten result
//! falls through to the next statement) and *errors* (an unwritten error goes to the flow's
//! `on error` step). See GRAMMAR.md, "Meaning".

use std::collections::hash_map::Entry;

use super::Resolver;
use super::decls::{check_lambda_timeout, invalid_setting, missing, voice};
use super::model::*;
use super::names::{DeclKind, did_you_mean};
use super::refs::{attr_ref, prompt, value, writable_ref};
use crate::diagnostics::{Diagnostic, codes};
use crate::hash::FastMap;
use crate::span::{FileId, Span};
use crate::syntax::ast::{self, CompareOp, PatternValue};

/// Step name → index of its first definition, for one flow.
type StepIndex<'a> = FastMap<&'a str, usize>;

/// Flow-level context while resolving steps.
struct FlowCx<'a> {
    file: FileId,
    kind: FlowKind,
    /// Step names in order of definition (for "did you mean").
    step_names: &'a [(String, Span)],
    /// Step name → index of its first definition.
    step_index: &'a StepIndex<'a>,
}

impl Resolver<'_> {
    /// First pass over a flow: its kind and step names (needed before other flows refer to it).
    pub(crate) fn flow_kind(&mut self, d: &ast::FlowDecl) -> FlowKind {
        let mut kind = None::<(FlowKind, Span)>;
        for s in &d.settings {
            if let ast::FlowSetting::Kind {
                kind: k,
                qualifier,
                span,
            } = s
            {
                let q = qualifier.as_ref().map(|q| q.text.as_str());
                let resolved = match (k.text.as_str(), q) {
                    ("inbound", None) => Some(FlowKind::Inbound),
                    ("outbound", None) => Some(FlowKind::Outbound),
                    ("whisper", None | Some("agent")) => Some(FlowKind::AgentWhisper),
                    ("whisper", Some("customer")) => Some(FlowKind::CustomerWhisper),
                    ("whisper", Some("outbound")) => Some(FlowKind::OutboundWhisper),
                    ("queue", None) => Some(FlowKind::CustomerQueue),
                    ("hold", None | Some("customer")) => Some(FlowKind::CustomerHold),
                    ("hold", Some("agent")) => Some(FlowKind::AgentHold),
                    ("transfer", Some("agent")) => Some(FlowKind::AgentTransfer),
                    ("transfer", Some("queue")) => Some(FlowKind::QueueTransfer),
                    ("module", None) => Some(FlowKind::Module),
                    _ => None,
                };
                match resolved {
                    Some(r) => {
                        if let Some((_, prev)) = kind {
                            self.diags.push(
                                Diagnostic::new(
                                    codes::DUPLICATE_SETTING,
                                    "the flow kind is given twice",
                                )
                                .with_label(*span, "second `kind`")
                                .with_secondary(prev, "first `kind`")
                                .with_help("a flow has one kind; remove one line"),
                            );
                        }
                        kind = Some((r, *span));
                    }
                    None => {
                        let written = match q {
                            Some(q) => format!("{} {q}", k.text),
                            None => k.text.to_string(),
                        };
                        self.diags.push(invalid_setting(
                            k.span.to(qualifier.as_ref().map_or(k.span, |q| q.span)),
                            "flow kind",
                            &written,
                            &[
                                "inbound",
                                "outbound",
                                "whisper",
                                "whisper customer",
                                "whisper outbound",
                                "queue",
                                "hold",
                                "hold agent",
                                "transfer agent",
                                "transfer queue",
                                "module",
                            ],
                        ));
                    }
                }
            }
        }
        kind.map_or(FlowKind::Inbound, |k| k.0)
    }

    pub(crate) fn flow(&mut self, file: FileId, d: &ast::FlowDecl, kind: FlowKind) -> Flow {
        let mut step_names: Vec<(String, Span)> = Vec::with_capacity(d.steps.len());
        let mut step_index = StepIndex::with_capacity_and_hasher(d.steps.len(), Default::default());
        for (k, s) in d.steps.iter().enumerate() {
            let first = match step_index.entry(s.name.text.as_str()) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(k);
                    None
                }
            };
            if let Some(prev) = first.map(|f| step_names[f].1) {
                self.diags.push(
                    Diagnostic::new(
                        codes::DUPLICATE_STEP,
                        format!("step `{}` is defined twice", s.name.text),
                    )
                    .with_label(s.name.span, "second definition")
                    .with_secondary(prev, "first definition")
                    .with_help("step names must be unique within a flow; rename one of them"),
                );
            }
            step_names.push((s.name.text.to_string(), s.name.span));
        }
        if d.steps.is_empty() {
            self.diags.push(missing(
                d.name.span,
                &format!("flow `{}` has no steps", d.name.text),
                "add a step: `start { say \"...\" hang up }`",
            ));
        }
        let cx = FlowCx {
            file,
            kind,
            step_names: &step_names,
            step_index: &step_index,
        };
        let mut flow = Flow {
            name: d.name.text.to_string(),
            name_span: d.name.span,
            span: d.span,
            file,
            kind,
            voice: None,
            description: None,
            logging: None,
            on_error: None,
            returns: Vec::new(),
            steps: Vec::with_capacity(d.steps.len()),
        };
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for s in &d.settings {
            let key = match s {
                ast::FlowSetting::Kind { .. } => continue,
                ast::FlowSetting::Voice(..) => "voice",
                ast::FlowSetting::OnError(..) => "on error",
                ast::FlowSetting::Description(..) => "description",
                ast::FlowSetting::Logging(..) => "logging",
                ast::FlowSetting::Returns(..) => "returns",
            };
            if let Some((_, prev)) = seen.iter().find(|(k, _)| *k == key) {
                self.diags.push(
                    Diagnostic::new(codes::DUPLICATE_SETTING, format!("`{key}` is given twice"))
                        .with_label(s.span(), "second setting")
                        .with_secondary(*prev, "first setting")
                        .with_help("keep one of them"),
                );
                continue;
            }
            seen.push((key, s.span()));
            match s {
                ast::FlowSetting::Voice(v, _) => flow.voice = Some(voice(v, &mut self.diags)),
                ast::FlowSetting::OnError(t, _) => {
                    flow.on_error = t.as_ref().and_then(|t| self.target(&cx, t))
                }
                ast::FlowSetting::Description(t, _) => flow.description = Some(t.value.clone()),
                ast::FlowSetting::Logging(l, _) => {
                    flow.logging = match l.text.as_str() {
                        "on" => Some(true),
                        "off" => Some(false),
                        other => {
                            self.diags.push(invalid_setting(
                                l.span,
                                "logging setting",
                                other,
                                &["on", "off"],
                            ));
                            None
                        }
                    };
                }
                ast::FlowSetting::Returns(names, span) => {
                    if kind != FlowKind::Module {
                        self.diags.push(
                            Diagnostic::new(
                                codes::MISPLACED_STATEMENT,
                                "only modules declare `returns`",
                            )
                            .with_label(*span, "this flow is not a module")
                            .with_help("add `kind module`, or remove `returns`"),
                        );
                    }
                    flow.returns = names.iter().map(|n| n.text.to_string()).collect();
                }
                ast::FlowSetting::Kind { .. } => {}
            }
        }
        for s in &d.steps {
            let statements = self.statements(&cx, &flow.returns, &s.statements);
            flow.steps.push(Step {
                name: s.name.text.to_string(),
                name_span: s.name.span,
                span: s.span,
                statements,
            });
        }
        flow
    }

    fn target(&mut self, cx: &FlowCx<'_>, t: &ast::Target) -> Option<Target> {
        match t {
            ast::Target::Step(i) => self.step_ref(cx, i).map(Target::Step),
            ast::Target::Retry(r) => {
                let ast::Retry {
                    count,
                    saying,
                    then,
                    ..
                } = &**r;
                // Reported even when the step after `then` is unknown.
                let saying = saying
                    .as_ref()
                    .map(|t| Box::new(prompt(t, &mut self.diags)));
                if count.value == 0 || count.value > 100 {
                    self.diags.push(
                        Diagnostic::new(codes::INVALID_LITERAL, "a retry count must be between 1 and 100")
                            .with_label(count.span, "out of range")
                            .with_help("Connect loops at most 100 times; a caller rarely wants more than 2 or 3 retries"),
                    );
                }
                let then = self.step_ref(cx, then.as_ref()?)?;
                Some(Target::Retry {
                    count: count.value.clamp(1, 100),
                    then,
                    saying,
                })
            }
        }
    }

    fn step_ref(&mut self, cx: &FlowCx<'_>, i: &ast::Ident) -> Option<StepId> {
        if let Some(&p) = cx.step_index.get(i.text.as_str()) {
            return Some(StepId(u32::try_from(p).unwrap_or(u32::MAX)));
        }
        let mut d = Diagnostic::new(
            codes::UNDEFINED_REFERENCE,
            format!("no step named `{}` in this flow", i.text),
        )
        .with_label(i.span, "this step does not exist");
        d = match did_you_mean(&i.text, cx.step_names.iter().map(|(n, _)| n.as_str())) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("add a step `{} {{ ... }}` to this flow; steps of other flows are reached with `transfer to flow`", i.text)),
        };
        self.diags.push(d);
        None
    }

    fn statements(
        &mut self,
        cx: &FlowCx<'_>,
        returns: &[String],
        stmts: &[ast::Statement],
    ) -> Vec<Statement> {
        let mut out = Vec::with_capacity(stmts.len());
        let mut ended: Option<Span> = None;
        for s in stmts {
            if let Some(prev) = ended.take() {
                self.diags.push(
                    Diagnostic::new(codes::CODE_AFTER_END, format!("`{}` can never run", s.kind.keyword()))
                        .with_label(s.keyword_span, "unreachable statement")
                        .with_secondary(prev, "the step always ends here")
                        .with_help("move this statement before the one that ends the step, or into its own step"),
                );
            }
            let Some(action) = self.action(cx, s) else {
                continue;
            };
            let spec = OutcomeSpec::of(&action, returns, self.model_flows_returns(&action));
            let outcomes = self.outcomes(cx, s, &action, &spec);
            let leaves = action.always_leaves() || spec.results_closed(&outcomes);
            if leaves {
                ended = Some(s.keyword_span);
            }
            out.push(Statement {
                action,
                outcomes,
                span: s.span,
                keyword_span: s.keyword_span,
            });
        }
        out
    }

    /// The outcomes of a module that a `run` statement runs.
    fn model_flows_returns(&self, action: &Action) -> Option<Vec<String>> {
        match action {
            Action::RunModule { module, .. } => self.module_returns.get(module).cloned(),
            _ => None,
        }
    }

    fn misplaced(&mut self, span: Span, what: &str, help: &str) {
        self.diags.push(
            Diagnostic::new(codes::MISPLACED_STATEMENT, what.to_owned())
                .with_label(span, "not allowed here")
                .with_help(help.to_owned()),
        );
    }

    #[allow(clippy::too_many_lines)]
    fn action(&mut self, cx: &FlowCx<'_>, s: &ast::Statement) -> Option<Action> {
        use ast::StatementKind as K;
        let file = cx.file;
        Some(match &s.kind {
            K::Say { text } => Action::Say(prompt(text, &mut self.diags)),
            K::Ask {
                bot,
                prompt: p,
                timeout,
            } => {
                let sym = self.lookup(file, bot, &[DeclKind::Bot])?;
                Action::Ask {
                    bot: BotId(sym.index),
                    prompt: p.as_ref().map(|p| prompt(p, &mut self.diags)),
                    timeout_s: timeout.map(ast::Duration::seconds),
                }
            }
            K::Menu { prompt: p, timeout } => Action::Menu {
                prompt: prompt(p, &mut self.diags),
                timeout_s: timeout.map(ast::Duration::seconds),
            },
            K::Repeat { prompts } => {
                if !matches!(
                    cx.kind,
                    FlowKind::CustomerQueue | FlowKind::CustomerHold | FlowKind::AgentHold
                ) {
                    self.misplaced(
                        s.keyword_span,
                        &format!("`repeat` is not allowed in {} flows", cx.kind.as_dial()),
                        "prompts loop while someone waits: use `repeat` in a `kind queue` or `kind hold` flow",
                    );
                }
                Action::Repeat(prompts.iter().map(|p| prompt(p, &mut self.diags)).collect())
            }
            K::Input {
                into,
                prompt: p,
                options,
            } => {
                for r in &options.repeated {
                    self.diags.push(
                        Diagnostic::new(
                            codes::DUPLICATE_SETTING,
                            "an option of `input` is given twice",
                        )
                        .with_label(*r, "repeated option")
                        .with_help("keep one of them"),
                    );
                }
                let into = writable_ref(into, &mut self.diags)?;
                let phone = match &options.phone {
                    None => None,
                    Some((kind, cc)) => match (kind.text.as_str(), cc) {
                        ("e164", None) => Some(None),
                        ("local", Some(cc)) => Some(Some(cc.text.to_string())),
                        ("local", None) => {
                            self.diags.push(missing(
                                kind.span,
                                "`phone local` needs a country code",
                                "write `phone local JP` (ISO country code) or `phone e164`",
                            ));
                            None
                        }
                        (other, _) => {
                            self.diags.push(invalid_setting(
                                kind.span,
                                "phone number format",
                                other,
                                &["local", "e164"],
                            ));
                            None
                        }
                    },
                };
                if let Some(end) = &options.end_key
                    && (end.value.is_empty()
                        || end.value.len() > 5
                        || !end
                            .value
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == '*' || c == '#'))
                {
                    self.diags.push(
                        Diagnostic::new(
                            codes::INVALID_LITERAL,
                            "the end key must be 1 to 5 keypad keys",
                        )
                        .with_label(end.span, "not a keypad sequence")
                        .with_help("use keys from 0-9, `*` and `#`, for example `end \"#\"`"),
                    );
                }
                if let Some(m) = options.max_digits
                    && (m.value == 0 || m.value > 20)
                {
                    self.diags.push(
                        Diagnostic::new(
                            codes::INVALID_LITERAL,
                            "`max` digits must be between 1 and 20",
                        )
                        .with_label(m.span, "out of range")
                        .with_help(
                            "a phone number needs 11 digits in Japan; card numbers up to 19",
                        ),
                    );
                }
                if let Some(i) = options.interdigit
                    && i.seconds() > 20
                {
                    self.diags.push(
                        Diagnostic::new(
                            codes::INVALID_LITERAL,
                            "the time between digits must be between 1s and 20s",
                        )
                        .with_label(i.span, "out of range")
                        .with_help("Connect accepts 1 to 20 seconds"),
                    );
                }
                Action::Input(Box::new(InputSpec {
                    into,
                    prompt: prompt(p, &mut self.diags),
                    max_digits: options.max_digits.map(|m| m.value),
                    end_key: options.end_key.as_ref().map(|e| e.value.clone()),
                    timeout_s: options.timeout.map(ast::Duration::seconds),
                    interdigit_s: options.interdigit.map(ast::Duration::seconds),
                    phone,
                    encrypted: options
                        .encrypted
                        .as_ref()
                        .map(|k| k.as_ref().map(|k| k.text.to_string())),
                }))
            }
            K::Call {
                integration,
                args,
                timeout,
            } => {
                let sym = self.lookup(file, integration, &[DeclKind::Integration])?;
                check_lambda_timeout(*timeout, &mut self.diags);
                let args = self.args(args);
                Action::Call {
                    integration: IntegrationId(sym.index),
                    args,
                    timeout_s: timeout.map(ast::Duration::seconds),
                }
            }
            K::Set(k) => match k {
                ast::SetKind::Attributes(list) => {
                    let mut out = Vec::new();
                    for (r, v) in list {
                        if let (Some(r), Some(v)) =
                            (writable_ref(r, &mut self.diags), value(v, &mut self.diags))
                        {
                            out.push((r, v));
                        }
                    }
                    Action::SetAttributes(out)
                }
                ast::SetKind::Queue(q) => {
                    Action::SetQueue(QueueId(self.lookup(file, q, &[DeclKind::Queue])?.index))
                }
                ast::SetKind::Hook { words, flow } => {
                    let w: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                    let hook = match w.as_slice() {
                        ["queue"] | ["customer", "queue"] => Hook::CustomerQueue,
                        ["hold"] | ["customer", "hold"] => Hook::CustomerHold,
                        ["agent", "hold"] => Hook::AgentHold,
                        ["whisper"] | ["agent", "whisper"] => Hook::AgentWhisper,
                        ["customer", "whisper"] => Hook::CustomerWhisper,
                        _ => {
                            let span = words.first().map_or(s.span, |f| {
                                f.span.to(words.last().map_or(f.span, |l| l.span))
                            });
                            self.diags.push(invalid_setting(
                                span,
                                "flow hook",
                                &w.join(" "),
                                &[
                                    "queue",
                                    "hold",
                                    "agent hold",
                                    "agent whisper",
                                    "customer whisper",
                                ],
                            ));
                            return None;
                        }
                    };
                    let sym = self.lookup(file, flow, &[DeclKind::Flow])?;
                    Action::SetHook {
                        hook,
                        flow: FlowId(sym.index),
                    }
                }
                ast::SetKind::Voice(v) => Action::SetVoice(voice(v, &mut self.diags)),
                ast::SetKind::Priority(p) => Action::SetPriority(p.value),
            },
            K::Branch { value: v } => Action::Branch(value(v, &mut self.diags)?),
            K::Check { subject, name } => {
                let need_name = |this: &mut Self, what: &str| {
                    this.diags.push(missing(
                        subject.span,
                        &format!("`check {what}` needs a name"),
                        &format!("write `check {what} Name {{ ... }}`"),
                    ));
                };
                match subject.text.as_str() {
                    "hours" => Action::CheckHours(match name {
                        Some(n) => Some(HoursId(self.lookup(file, n, &[DeclKind::Hours])?.index)),
                        None => None,
                    }),
                    "calendar" => match name {
                        Some(n) => Action::CheckCalendar(CalendarId(
                            self.lookup(file, n, &[DeclKind::Calendar])?.index,
                        )),
                        None => {
                            need_name(self, "calendar");
                            return None;
                        }
                    },
                    "queue" | "staffing" => {
                        let q = match name {
                            Some(n) => {
                                Some(QueueId(self.lookup(file, n, &[DeclKind::Queue])?.index))
                            }
                            None => None,
                        };
                        if subject.text == "queue" {
                            Action::CheckQueue(q)
                        } else {
                            Action::CheckStaffing(q)
                        }
                    }
                    "call" => {
                        if cx.kind != FlowKind::Outbound {
                            self.misplaced(subject.span, "`check call` is only available in outbound flows", "the call status (answered, voicemail) exists only after `dial` in a `kind outbound` flow");
                        }
                        Action::CheckCall
                    }
                    other => {
                        self.diags.push(invalid_setting(
                            subject.span,
                            "thing to check",
                            other,
                            &["hours", "calendar", "queue", "staffing", "call"],
                        ));
                        return None;
                    }
                }
            }
            K::TransferQueue { queue, whisper } => {
                if !matches!(
                    cx.kind,
                    FlowKind::Inbound
                        | FlowKind::Outbound
                        | FlowKind::AgentTransfer
                        | FlowKind::QueueTransfer
                        | FlowKind::CustomerQueue
                        | FlowKind::Module
                ) {
                    self.misplaced(
                        s.keyword_span,
                        &format!(
                            "`transfer to queue` is not allowed in a {} flow",
                            cx.kind.as_dial()
                        ),
                        "transfer to a queue from an inbound, outbound or transfer flow",
                    );
                }
                let queue = match queue {
                    Some(q) => Some(QueueId(self.lookup(file, q, &[DeclKind::Queue])?.index)),
                    None => None,
                };
                let whisper = match whisper {
                    Some(w) => Some(FlowId(self.lookup(file, w, &[DeclKind::Flow])?.index)),
                    None => None,
                };
                Action::TransferQueue { queue, whisper }
            }
            K::TransferFlow { flow } => {
                let sym = self.lookup(file, flow, &[DeclKind::Flow])?;
                Action::TransferFlow(FlowId(sym.index))
            }
            K::TransferNumber { number, timeout } => {
                if timeout.is_some_and(|t| t.seconds() > 600) {
                    self.diags.push(
                        Diagnostic::new(
                            codes::INVALID_LITERAL,
                            "the connection timeout cannot exceed 600 seconds",
                        )
                        .with_label(timeout.map_or(s.span, |t| t.span), "too long")
                        .with_help("use at most `600s`"),
                    );
                }
                Action::TransferNumber {
                    number: value(number, &mut self.diags)?,
                    timeout_s: timeout.map(ast::Duration::seconds),
                }
            }
            K::TransferAgent => {
                if !matches!(cx.kind, FlowKind::AgentTransfer | FlowKind::QueueTransfer) {
                    self.misplaced(
                        s.keyword_span,
                        "`transfer to agent` is only allowed in transfer flows",
                        "use it in a `kind transfer agent` or `kind transfer queue` flow",
                    );
                }
                Action::TransferAgent
            }
            K::Run { module, args } => {
                let sym = self.lookup(file, module, &[DeclKind::Module])?;
                let args = self.args(args);
                Action::RunModule {
                    module: FlowId(sym.index),
                    args,
                }
            }
            K::Callback(o) => {
                for r in &o.repeated {
                    self.diags.push(
                        Diagnostic::new(
                            codes::DUPLICATE_SETTING,
                            "an option of `callback` is given twice",
                        )
                        .with_label(*r, "repeated option")
                        .with_help("keep one of them"),
                    );
                }
                let queue = match &o.queue {
                    Some(q) => Some(QueueId(self.lookup(file, q, &[DeclKind::Queue])?.index)),
                    None => None,
                };
                for d in [o.delay, o.retry_every].into_iter().flatten() {
                    if d.seconds() > 259_200 {
                        self.diags.push(
                            Diagnostic::new(
                                codes::INVALID_LITERAL,
                                "callback delays cannot exceed 3 days",
                            )
                            .with_label(d.span, "too long")
                            .with_help("use at most `3d`"),
                        );
                    }
                }
                Action::Callback(Box::new(CallbackSpec {
                    queue,
                    number: o.number.as_ref().and_then(|r| attr_ref(r, &mut self.diags)),
                    delay_s: o.delay.map(ast::Duration::seconds),
                    attempts: o.attempts.map(|a| a.value),
                    retry_every_s: o.retry_every.map(ast::Duration::seconds),
                }))
            }
            K::HangUp => Action::HangUp,
            K::Return { outcome } => {
                if cx.kind != FlowKind::Module {
                    self.misplaced(s.keyword_span, "`return` is only allowed in modules", "end an inbound flow with `hang up` or a transfer; `return` ends a `kind module` flow");
                }
                if let Some(o) = outcome {
                    let returns = &self.current_returns;
                    if !returns.iter().any(|r| *r == o.text) {
                        let mut d = Diagnostic::new(
                            codes::UNKNOWN_OUTCOME,
                            format!("this module does not declare the outcome `{}`", o.text),
                        )
                        .with_label(o.span, "not in `returns`");
                        d = match did_you_mean(&o.text, returns.iter().map(String::as_str)) {
                            Some(x) => d.with_help(format!("did you mean `{x}`?")),
                            None => d.with_help(format!(
                                "declare it in the module: `returns {}`",
                                o.text
                            )),
                        };
                        self.diags.push(d);
                    }
                } else if !self.current_returns.is_empty() {
                    self.diags.push(missing(
                        s.keyword_span,
                        "`return` must name one of the module's outcomes",
                        &format!("write `return {}`", self.current_returns[0]),
                    ));
                }
                Action::Return(outcome.as_ref().map(|o| o.text.to_string()))
            }
            K::End => {
                if !cx.kind.is_event_flow() {
                    self.misplaced(s.keyword_span, &format!("`end` is not allowed in {} flows", cx.kind.as_dial()), "`end` ends whisper, queue and hold flows; use `hang up` or a transfer here");
                }
                Action::End
            }
            K::Dial { caller_id, timeout } => {
                if cx.kind != FlowKind::Outbound {
                    self.misplaced(
                        s.keyword_span,
                        "`dial` is only allowed in outbound flows",
                        "add `kind outbound` to the flow",
                    );
                }
                let caller_id = match caller_id {
                    Some(v) => Some(value(v, &mut self.diags)?),
                    None => None,
                };
                Action::Dial {
                    caller_id,
                    timeout_s: timeout.map(ast::Duration::seconds),
                }
            }
            K::LookupProfile { by } => {
                let by = match by {
                    Some((k, v)) => {
                        const KEYS: [&str; 5] = ["phone", "email", "account", "profile", "name"];
                        if !KEYS.contains(&k.text.as_str()) {
                            self.diags.push(invalid_setting(
                                k.span,
                                "profile search key",
                                &k.text,
                                &KEYS,
                            ));
                        }
                        Some((k.text.to_string(), value(v, &mut self.diags)?))
                    }
                    None => None,
                };
                Action::LookupProfile { by }
            }
            K::Distribute => Action::Distribute,
            K::Connect {
                type_name,
                parameters,
            } => self.connect_action(type_name, parameters)?,
            K::Goto { target } => Action::Goto(self.target(cx, target.as_ref()?)?),
        })
    }

    /// `connect "Type" "{json}"`: the type is kept as written (a warning when Connect does not
    /// know it); the parameters must be a JSON object.
    fn connect_action(&mut self, type_name: &ast::Text, parameters: &ast::Text) -> Option<Action> {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&parameters.value);
        let parameters = match parsed {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                self.diags.push(
                    Diagnostic::new(codes::INVALID_CONNECT_PARAMETERS, "the parameters of a Connect action must be a JSON object")
                        .with_label(parameters.span, "not a JSON object")
                        .with_help("write the `Parameters` object of the action, for example `\"{}\"` or `\"{\\\"Text\\\": \\\"Hello\\\"}\"`"),
                );
                return None;
            }
            Err(e) => {
                self.diags.push(
                    Diagnostic::new(
                        codes::INVALID_CONNECT_PARAMETERS,
                        format!("the parameters are not valid JSON: {e}"),
                    )
                    .with_label(parameters.span, "invalid JSON")
                    .with_help(
                        "a text block (`\"\"\"...\"\"\"`) holds JSON without escaping its quotes",
                    ),
                );
                return None;
            }
        };
        let name = type_name.value.clone();
        if crate::connect::ActionType::from_name(&name).is_none() {
            let known = crate::connect::ActionType::ALL.iter().map(|t| t.name());
            let mut d = Diagnostic::new(
                codes::UNKNOWN_CONNECT_ACTION,
                format!("`{name}` is not a Connect action type Dialect knows"),
            )
            .with_label(type_name.span, "unknown action type");
            d = match did_you_mean(&name, known) {
                Some(s) => d.with_help(format!("did you mean `{s}`? The action is kept as written")),
                None => d.with_help("the action is kept as written; Connect rejects unknown types when the flow is published"),
            };
            self.diags.push(d);
        }
        Some(Action::Connect {
            type_name: name,
            parameters,
        })
    }

    fn args(&mut self, args: &[ast::Arg]) -> Vec<(String, ValueRef)> {
        let mut out: Vec<(String, ValueRef)> = Vec::with_capacity(args.len());
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for a in args {
            if let Some((_, prev)) = seen.iter().find(|(n, _)| *n == a.name.text) {
                self.diags.push(
                    Diagnostic::new(
                        codes::DUPLICATE_SETTING,
                        format!("argument `{}` is given twice", a.name.text),
                    )
                    .with_label(a.name.span, "second value")
                    .with_secondary(*prev, "first value")
                    .with_help("keep one of them"),
                );
                continue;
            }
            seen.push((&a.name.text, a.name.span));
            if let Some(v) = value(&a.value, &mut self.diags) {
                out.push((a.name.text.to_string(), v));
            }
        }
        out
    }

    fn outcomes(
        &mut self,
        cx: &FlowCx<'_>,
        s: &ast::Statement,
        action: &Action,
        spec: &OutcomeSpec,
    ) -> Vec<Outcome> {
        let mut out: Vec<Outcome> = Vec::with_capacity(s.outcomes.len());
        if spec.results.is_empty()
            && spec.errors.is_empty()
            && !s.outcomes.is_empty()
            && !spec.open_results
        {
            let first = &s.outcomes[0];
            self.diags.push(
                Diagnostic::new(codes::UNKNOWN_OUTCOME, format!("`{}` has no outcomes", s.kind.keyword()))
                    .with_label(first.pattern.span, "nothing can lead here")
                    .with_help("remove the outcome; put what should happen next in a following statement or `-> step`"),
            );
            return out;
        }
        for o in &s.outcomes {
            let Some(kind) = self.classify(action, spec, &o.pattern, cx.kind) else {
                continue;
            };
            // Shares of `distribute` may repeat (`50% 50%`); every other outcome is unique.
            // A loop is interrupted at one frequency: two `every` outcomes are one too many.
            let every = |k: &OutcomeKind| matches!(k, OutcomeKind::Every(_));
            if let Some(prev) = out.iter().find(|p| {
                (p.kind == kind || every(&p.kind) && every(&kind))
                    && !matches!(kind, OutcomeKind::Percent(_))
            }) {
                let message = if every(&kind) {
                    "`every` is written twice: the prompts are interrupted at one frequency"
                        .to_owned()
                } else {
                    format!("outcome `{}` is written twice", kind.as_dial())
                };
                self.diags.push(
                    Diagnostic::new(codes::DUPLICATE_OUTCOME, message)
                        .with_label(o.pattern.span, "second time")
                        .with_secondary(prev.span, "first time")
                        .with_help("only the first would ever be taken; remove one"),
                );
                continue;
            }
            let Some(t) = o.target.as_ref().and_then(|t| self.target(cx, t)) else {
                continue;
            };
            out.push(Outcome {
                kind,
                target: t,
                span: o.pattern.span,
            });
        }
        if matches!(action, Action::Distribute) {
            let total: u32 = out
                .iter()
                .filter_map(|o| {
                    if let OutcomeKind::Percent(p) = o.kind {
                        Some(p)
                    } else {
                        None
                    }
                })
                .sum();
            if total != 100 {
                self.diags.push(
                    Diagnostic::new(
                        codes::INVALID_LITERAL,
                        format!("the shares of `distribute` add up to {total}%, not 100%"),
                    )
                    .with_label(s.keyword_span, "shares must add up to 100%")
                    .with_help("adjust the percentages so that every call goes somewhere"),
                );
            }
        }
        if matches!(
            action,
            Action::Menu { .. } | Action::Branch(_) | Action::Distribute
        ) && s.outcomes.is_empty()
        {
            self.diags.push(missing(
                s.keyword_span,
                &format!("`{}` has no outcomes", s.kind.keyword()),
                "list where each choice goes, for example `{ press 1 -> order }`",
            ));
        }
        out
    }

    /// Classifies a written pattern for this statement; reports `R005` when it does not fit.
    #[allow(clippy::too_many_lines)]
    fn classify(
        &mut self,
        action: &Action,
        spec: &OutcomeSpec,
        p: &ast::Pattern,
        cx_kind: FlowKind,
    ) -> Option<OutcomeKind> {
        // One word is the common case; only several words need joining.
        let words: std::borrow::Cow<'_, str> = match p.words.as_slice() {
            [w] => std::borrow::Cow::Borrowed(w.text.as_str()),
            _ => std::borrow::Cow::Owned(p.words_text()),
        };
        let value_text = |v: &PatternValue| match v {
            PatternValue::Text(t) => t.value.clone(),
            PatternValue::Number(n, _) => n.clone(),
            PatternValue::Duration(d) => (d.millis / 1000).to_string(),
            PatternValue::Percent(n, _) => n.to_string(),
            PatternValue::Key(k, _) => k.to_string(),
        };
        let kind: Option<OutcomeKind> = match (action, &*words, p.op, &p.value) {
            // Generic words that several statements share.
            (_, w, None, None) if spec.accepts_word(w) => Some(word_kind(w, action)),
            (Action::Ask { bot, .. }, w, None, None)
                if w.starts_with("intent ") && p.words.len() == 2 =>
            {
                let name = &p.words[1];
                let bot = &self.model.bots.get(bot.index());
                let known = |b: &Bot| {
                    b.locales
                        .iter()
                        .any(|l| l.intents.iter().any(|i| i.name == name.text))
                };
                if let Some(b) = bot.filter(|b| !known(b)) {
                    let names = b.intent_names();
                    let mut d = Diagnostic::new(
                        codes::UNDEFINED_REFERENCE,
                        format!("bot `{}` has no intent `{}`", b.name, name.text),
                    )
                    .with_label(name.span, "unknown intent")
                    .with_secondary(b.name_span, "bot declared here");
                    d = match did_you_mean(&name.text, names.iter().copied()) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help(format!(
                            "the bot's intents are {}",
                            names
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    };
                    self.diags.push(d);
                    return None;
                }
                Some(OutcomeKind::Intent(name.text.to_string()))
            }
            (Action::Menu { .. }, "press", None, Some(v)) => {
                let k = match v {
                    PatternValue::Key(k, _) => Some(*k),
                    PatternValue::Number(n, _) if n.len() == 1 => n.chars().next(),
                    _ => None,
                };
                match k {
                    Some(k) => Some(OutcomeKind::Key(k)),
                    None => {
                        self.diags.push(
                            Diagnostic::new(codes::INVALID_LITERAL, "a menu option is a single keypad key")
                                .with_label(v.span(), "not a single key")
                                .with_help("use one of 0-9, `*` or `#`; for longer input use `input $attr \"...\"`"),
                        );
                        return None;
                    }
                }
            }
            (Action::Branch(_), "", None, Some(PatternValue::Text(t))) => {
                Some(OutcomeKind::Equals(t.value.clone()))
            }
            (Action::Branch(_), "", Some((CompareOp::Eq, _)), Some(v)) => {
                Some(OutcomeKind::Equals(value_text(v)))
            }
            (Action::Branch(_), "", None, Some(v @ PatternValue::Number(..))) => {
                Some(OutcomeKind::Equals(value_text(v)))
            }
            (Action::Branch(_), "contains", None, Some(v)) => {
                Some(OutcomeKind::Contains(value_text(v)))
            }
            (Action::Branch(_), "starts with", None, Some(v)) => {
                Some(OutcomeKind::StartsWith(value_text(v)))
            }
            (Action::Branch(_), "ends with", None, Some(v)) => {
                Some(OutcomeKind::EndsWith(value_text(v)))
            }
            (Action::Branch(_), "", Some((CompareOp::Ne, span)), _) => {
                self.diags.push(
                    Diagnostic::new(codes::UNKNOWN_OUTCOME, "`branch` cannot test for inequality")
                        .with_label(span, "`!=` is not a branch condition")
                        .with_help("Connect compares for equality; list the equal cases first and use `else` for the rest"),
                );
                return None;
            }
            (Action::Branch(_), "", Some((op, _)), Some(v @ PatternValue::Number(..))) => {
                Some(OutcomeKind::Compare(op, value_text(v)))
            }
            (Action::Branch(v), "withheld", None, None) => {
                if !matches!(
                    v,
                    ValueRef::Ref(AttrRef {
                        namespace: Namespace::Caller,
                        ..
                    })
                ) {
                    self.diags.push(
                        Diagnostic::new(
                            codes::UNKNOWN_OUTCOME,
                            "`withheld` only applies to the caller's number",
                        )
                        .with_label(p.span, "the branched value is not `$caller.number`")
                        .with_help("write `branch $caller.number { withheld -> ... }`"),
                    );
                    return None;
                }
                Some(OutcomeKind::Withheld)
            }
            (Action::CheckCalendar(_), "", None, Some(PatternValue::Text(t))) => {
                Some(OutcomeKind::Reason(t.value.clone()))
            }
            (Action::CheckQueue(_), w @ ("waiting" | "wait"), Some((op, span)), Some(v)) => {
                if matches!(op, CompareOp::Eq | CompareOp::Ne) {
                    self.diags.push(
                        Diagnostic::new(
                            codes::UNKNOWN_OUTCOME,
                            "queue metrics are compared with `>` or `<`",
                        )
                        .with_label(span, "not a supported comparison")
                        .with_help("write for example `waiting > 20` or `wait > 3m`"),
                    );
                    return None;
                }
                let metric = if w == "waiting" {
                    QueueMetric::ContactsInQueue
                } else {
                    QueueMetric::OldestContactAge
                };
                Some(OutcomeKind::Metric(metric, op, value_text(v)))
            }
            (Action::Repeat(_), "every", None, Some(PatternValue::Duration(d))) => {
                if d.millis % 1000 != 0 || d.millis == 0 {
                    self.diags.push(
                        Diagnostic::new(
                            codes::INVALID_LITERAL,
                            "prompts are interrupted after a whole number of seconds",
                        )
                        .with_label(p.span, "not a whole number of seconds")
                        .with_help("write for example `every 60s` or `every 2m`"),
                    );
                    return None;
                }
                if cx_kind != FlowKind::CustomerQueue {
                    self.misplaced(
                        p.span,
                        "only a queue flow can interrupt its prompts",
                        "Connect interrupts looping prompts in customer queue flows only; remove `every` here",
                    );
                    return None;
                }
                Some(OutcomeKind::Every(d.millis / 1000))
            }
            (Action::Distribute, "", None, Some(PatternValue::Percent(n, _))) => {
                Some(OutcomeKind::Percent(*n))
            }
            (Action::Connect { .. }, "next", None, None) => Some(OutcomeKind::ConnectNext),
            (Action::Connect { .. }, w, None, None)
                if p.words.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                Some(OutcomeKind::ConnectError(w.to_owned()))
            }
            (Action::Connect { .. }, w, None, Some(v))
                if p.words.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                Some(OutcomeKind::ConnectCondition(w.to_owned(), value_text(v)))
            }
            _ => None,
        };
        if kind.is_none() {
            let written = if p.words.is_empty() && p.value.is_none() {
                String::from("(nothing)")
            } else {
                self.model_text(p)
            };
            let allowed = spec.describe();
            let mut d = Diagnostic::new(
                codes::UNKNOWN_OUTCOME,
                format!("`{}` cannot produce the outcome `{written}`", spec.keyword),
            )
            .with_label(p.span, "unknown outcome");
            let plain: Vec<&str> = spec.words().collect();
            d = match did_you_mean(&words, plain.iter().copied()) {
                Some(s) if !words.is_empty() => d.with_help(format!(
                    "did you mean `{s}`? `{}` can produce {allowed}",
                    spec.keyword
                )),
                _ => d.with_help(format!("`{}` can produce {allowed}", spec.keyword)),
            };
            self.diags.push(d);
        }
        kind
    }

    fn model_text(&self, p: &ast::Pattern) -> String {
        self.sources.slice(p.span).to_owned()
    }
}

fn word_kind(w: &str, action: &Action) -> OutcomeKind {
    if matches!(action, Action::RunModule { .. }) && w != "error" {
        return if w == "ok" {
            OutcomeKind::Ok
        } else {
            OutcomeKind::Module(w.to_owned())
        };
    }
    match w {
        "ok" => OutcomeKind::Ok,
        "error" => OutcomeKind::Error,
        "timeout" => OutcomeKind::Timeout,
        "invalid" => OutcomeKind::Invalid,
        "no match" => OutcomeKind::NoMatch,
        "else" => OutcomeKind::Else,
        "open" => OutcomeKind::Open,
        "closed" => OutcomeKind::Closed,
        "holiday" => OutcomeKind::Holiday,
        "closure" => OutcomeKind::Closure,
        "full" => OutcomeKind::Full,
        "failed" => OutcomeKind::Failed,
        "not dialable" => OutcomeKind::NotDialable,
        "found" => OutcomeKind::Found,
        "not found" => OutcomeKind::NotFound,
        "multiple" => OutcomeKind::Multiple,
        other => match action {
            Action::CheckStaffing(_) => OutcomeKind::Staffing(other.to_owned()),
            Action::CheckCall => OutcomeKind::CallStatus(other.to_owned()),
            _ => OutcomeKind::Module(other.to_owned()),
        },
    }
}

/// The outcomes a statement can produce.
pub(crate) struct OutcomeSpec {
    pub keyword: &'static str,
    /// Plain-word results (`open`, `found`) and descriptions of patterned ones.
    pub results: &'static [&'static str],
    pub module_results: Vec<String>,
    pub errors: &'static [&'static str],
    /// Results written as patterns (intents, keys, values, percentages).
    pub open_results: bool,
    /// How patterned results are written, for help texts.
    pub pattern_help: &'static str,
}

impl OutcomeSpec {
    pub(crate) fn of(
        action: &Action,
        _current_returns: &[String],
        module_returns: Option<Vec<String>>,
    ) -> OutcomeSpec {
        let (keyword, results, errors, open, pattern_help): (
            &'static str,
            &'static [&'static str],
            &'static [&'static str],
            bool,
            &'static str,
        ) = match action {
            Action::Say(_) => ("say", &[], &["error"], false, ""),
            Action::Ask { .. } => (
                "ask",
                &["no match"],
                &["timeout", "error"],
                true,
                "`intent Name`",
            ),
            Action::Repeat(_) => ("repeat", &[], &["error"], true, "`every 60s`"),
            Action::Menu { .. } => (
                "menu",
                &[],
                &["timeout", "invalid", "error"],
                true,
                "`press 1`",
            ),
            Action::Input(spec) => (
                "input",
                &["ok"],
                if spec.phone.is_some() {
                    &["timeout", "invalid", "error"]
                } else {
                    &["timeout", "error"]
                },
                false,
                "",
            ),
            Action::Call { .. } => ("call", &["ok"], &["error"], false, ""),
            Action::SetAttributes(_) | Action::SetQueue(_) | Action::SetHook { .. } => {
                ("set", &[], &["error"], false, "")
            }
            Action::SetVoice(_) | Action::SetPriority(_) => ("set", &[], &[], false, ""),
            Action::Branch(_) => (
                "branch",
                &["else"],
                &[],
                true,
                "`\"value\"`, `contains \"x\"`, `starts with \"x\"`, `ends with \"x\"`, `> 5`, `<= 5`, `withheld`",
            ),
            Action::CheckHours(_) => ("check hours", &["open", "closed"], &["error"], false, ""),
            Action::CheckCalendar(_) => (
                "check calendar",
                &["open", "holiday", "closure"],
                &["error"],
                true,
                "`\"reason text\"`",
            ),
            Action::CheckQueue(_) => (
                "check queue",
                &["else"],
                &["error"],
                true,
                "`waiting > 20`, `wait > 3m`",
            ),
            Action::CheckStaffing(_) => (
                "check staffing",
                &["available", "staffed", "online", "else"],
                &["error"],
                false,
                "",
            ),
            Action::CheckCall => (
                "check call",
                &["answered", "voicemail beep", "voicemail", "not detected"],
                &["error"],
                false,
                "",
            ),
            Action::TransferQueue { .. } => {
                ("transfer to queue", &[], &["full", "error"], false, "")
            }
            Action::TransferFlow(_) => ("transfer to flow", &[], &["error"], false, ""),
            Action::TransferNumber { .. } => (
                "transfer to number",
                &[],
                &["failed", "timeout", "error"],
                false,
                "",
            ),
            Action::RunModule { .. } => ("run module", &[], &["error"], false, ""),
            Action::Callback(_) => (
                "callback",
                &["ok"],
                &["invalid", "not dialable", "error"],
                false,
                "",
            ),
            Action::Dial { .. } => ("dial", &["ok"], &["error"], false, ""),
            Action::LookupProfile { .. } => (
                "lookup profile",
                &["found", "not found", "multiple"],
                &["error"],
                false,
                "",
            ),
            Action::Distribute => ("distribute", &[], &[], true, "`50%`"),
            Action::Connect { .. } => (
                "connect",
                &[],
                &[],
                true,
                "`next`, an error type (`NoMatchingError`), a condition (`Equals \"1\"`)",
            ),
            Action::TransferAgent
            | Action::HangUp
            | Action::Return(_)
            | Action::End
            | Action::Goto(_) => {
                let kw = match action {
                    Action::TransferAgent => "transfer to agent",
                    Action::HangUp => "hang up",
                    Action::Return(_) => "return",
                    Action::End => "end",
                    _ => "->",
                };
                (kw, &[], &[], false, "")
            }
        };
        let module_results = if matches!(action, Action::RunModule { .. }) {
            match module_returns {
                Some(r) if !r.is_empty() => r,
                _ => vec!["ok".to_owned()],
            }
        } else {
            Vec::new()
        };
        OutcomeSpec {
            keyword,
            results,
            module_results,
            errors,
            open_results: open,
            pattern_help,
        }
    }

    fn accepts_word(&self, w: &str) -> bool {
        self.results.contains(&w)
            || self.errors.contains(&w)
            || self.module_results.iter().any(|m| m == w)
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.results
            .iter()
            .copied()
            .chain(self.errors.iter().copied())
            .chain(self.module_results.iter().map(String::as_str))
    }

    pub(crate) fn describe(&self) -> String {
        let mut items: Vec<String> = self.words().map(|w| format!("`{w}`")).collect();
        if !self.pattern_help.is_empty() {
            items.insert(0, self.pattern_help.to_owned());
        }
        if items.is_empty() {
            "no outcomes".to_owned()
        } else {
            items.join(", ")
        }
    }

    /// True when the written outcomes leave no result to fall through to the next statement.
    pub(crate) fn results_closed(&self, written: &[Outcome]) -> bool {
        let has = |k: &OutcomeKind| written.iter().any(|o| &o.kind == k);
        match self.keyword {
            "menu" | "distribute" => !written.is_empty(),
            "connect" => has(&OutcomeKind::ConnectNext),
            "ask" => has(&OutcomeKind::NoMatch),
            "branch" | "check queue" => has(&OutcomeKind::Else),
            "check staffing" => has(&OutcomeKind::Else),
            "check calendar" => {
                has(&OutcomeKind::Open)
                    && (has(&OutcomeKind::Holiday)
                        || written
                            .iter()
                            .any(|o| matches!(o.kind, OutcomeKind::Reason(_))))
                    && has(&OutcomeKind::Closure)
            }
            "check call" => ["answered", "voicemail beep", "voicemail", "not detected"]
                .iter()
                .all(|s| has(&OutcomeKind::CallStatus((*s).to_owned()))),
            "run module" => self.module_results.iter().all(|m| {
                if m == "ok" {
                    has(&OutcomeKind::Ok)
                } else {
                    has(&OutcomeKind::Module(m.clone()))
                }
            }),
            _ => {
                !self.results.is_empty()
                    && self
                        .results
                        .iter()
                        .all(|r| has(&word_kind(r, &Action::Distribute)))
            }
        }
    }
}
