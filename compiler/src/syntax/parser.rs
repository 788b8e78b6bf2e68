//! pest pairs → typed AST. The only file (with `recovery.rs`) that sees pest types.

use pest::Parser;
use pest::iterators::{Pair, Pairs};
use pest_derive::Parser;

use super::ast::*;
use super::recovery::{Context, junk_diagnostic};
use super::text::build_text;
use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, Span};

#[derive(Parser)]
#[grammar = "syntax/dialect.pest"]
pub(crate) struct DialectParser;

/// Parses one file. Never fails: problems become diagnostics and the tree keeps what parsed.
pub(crate) fn parse_file(file: FileId, text: &str) -> (Ast, Vec<Diagnostic>) {
    let mut b = Builder {
        file,
        text,
        diags: Vec::new(),
    };
    let items = match DialectParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let file_pair = pairs.next();
            file_pair
                .map(|p| b.items(p.into_inner()))
                .unwrap_or_default()
        }
        Err(e) => {
            // The junk rules make this unreachable in practice; keep a diagnostic anyway.
            let pos = match e.location {
                pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p,
            };
            b.diags.push(
                Diagnostic::new(codes::UNEXPECTED_TOKEN, "the file could not be parsed")
                    .with_label(Span::point(file, pos), "parsing stopped here"),
            );
            Vec::new()
        }
    };
    if items.is_empty() && b.diags.is_empty() {
        b.diags.push(
            Diagnostic::new(codes::EMPTY_FILE, "the file declares nothing")
                .with_label(Span::point(file, 0), "empty file")
                .with_help("add a `flow`, `bot`, `integration`, `queue`, `hours` or `calendar` declaration, or delete the file"),
        );
    }
    (Ast { file, items }, b.diags)
}

struct Builder<'t> {
    file: FileId,
    text: &'t str,
    diags: Vec<Diagnostic>,
}

type P<'i> = Pair<'i, Rule>;

impl<'t> Builder<'t> {
    fn span(&self, p: &P<'_>) -> Span {
        let s = p.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn ident(&self, p: &P<'_>) -> Ident {
        Ident {
            text: Name::new(p.as_str()),
            span: self.span(p),
        }
    }

    fn text(&mut self, p: &P<'_>) -> Text {
        build_text(self.file, p.as_str(), p.as_span().start(), &mut self.diags)
    }

    fn junk(&mut self, p: &P<'_>, ctx: Context) {
        let s = p.as_span();
        let d = junk_diagnostic(self.file, self.text, s.start(), s.end(), ctx);
        self.diags.push(d);
    }

    /// Reports `P002` when a block's closing brace is missing.
    fn check_closed(&mut self, block: &P<'_>, what: &str) {
        let mut open = None;
        let mut closed = false;
        for c in block.clone().into_inner() {
            match c.as_rule() {
                Rule::lbrace if open.is_none() => open = Some(self.span(&c)),
                Rule::rbrace => closed = true,
                _ => {}
            }
        }
        if let (Some(open), false) = (open, closed) {
            let end = block.as_span().end();
            self.diags.push(
                Diagnostic::new(codes::UNCLOSED_BLOCK, format!("unclosed {what}"))
                    .with_label(open, "this `{` is never closed")
                    .with_secondary(Span::point(self.file, end), "expected `}` here")
                    .with_help(format!("add `}}` to close the {what}")),
            );
        }
    }

    fn items(&mut self, pairs: Pairs<'_, Rule>) -> Vec<Item> {
        let mut items = Vec::new();
        for p in pairs {
            match p.as_rule() {
                Rule::use_decl => {
                    let span = self.span(&p);
                    if let Some(s) = p.into_inner().find(|c| c.as_rule() == Rule::string) {
                        let path = self.text(&s);
                        items.push(Item::Use(UseDecl { path, span }));
                    }
                }
                Rule::flow_decl => items.push(Item::Flow(self.flow(p))),
                Rule::bot_decl => items.push(Item::Bot(self.bot(p))),
                Rule::integration_decl => items.push(Item::Integration(self.integration(p))),
                Rule::queue_decl => items.push(Item::Queue(self.queue(p))),
                Rule::hours_decl => items.push(Item::Hours(self.hours(p))),
                Rule::calendar_decl => items.push(Item::Calendar(self.calendar(p))),
                Rule::test_decl => items.push(Item::Test(self.test(p))),
                Rule::item_junk => self.junk(&p, Context::TopLevel),
                _ => {}
            }
        }
        items
    }

    // -----------------------------------------------------------------------------------------
    // Flows and steps

    fn flow(&mut self, p: P<'_>) -> FlowDecl {
        self.check_closed(&p, "flow");
        let span = self.span(&p);
        let mut name = None;
        let mut settings = Vec::new();
        let mut steps = Vec::new();
        for c in p.into_inner() {
            let cspan = self.span(&c);
            match c.as_rule() {
                Rule::name if name.is_none() => name = Some(self.ident(&c)),
                Rule::kind_setting => {
                    let mut it = c
                        .into_inner()
                        .filter(|x| matches!(x.as_rule(), Rule::name | Rule::kind_qualifier));
                    if let Some(k) = it.next() {
                        let kind = self.ident(&k);
                        let qualifier = it.next().map(|q| self.ident(&q));
                        settings.push(FlowSetting::Kind {
                            kind,
                            qualifier,
                            span: cspan,
                        });
                    }
                }
                Rule::voice_setting => {
                    if let Some(v) = self.voice(c) {
                        settings.push(FlowSetting::Voice(v, cspan));
                    }
                }
                Rule::on_error_setting => {
                    let target = c
                        .into_inner()
                        .flat_map(arrow_target_inner)
                        .find(|x| x.as_rule() == Rule::target)
                        .map(|t| self.target(t));
                    if target.is_none() {
                        self.missing_target(cspan);
                    }
                    settings.push(FlowSetting::OnError(target, cspan));
                }
                Rule::description_setting => {
                    if let Some(t) = self.first_text(c) {
                        settings.push(FlowSetting::Description(t, cspan));
                    }
                }
                Rule::logging_setting => {
                    if let Some(n) = c.into_inner().find(|x| x.as_rule() == Rule::name) {
                        settings.push(FlowSetting::Logging(self.ident(&n), cspan));
                    }
                }
                Rule::returns_setting => {
                    let names = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(&n))
                        .collect();
                    settings.push(FlowSetting::Returns(names, cspan));
                }
                Rule::step_decl => steps.push(self.step(c)),
                Rule::block_junk => self.junk(&c, Context::Flow),
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| Ident {
            text: Name::default(),
            span,
        });
        FlowDecl {
            name,
            settings,
            steps,
            span,
        }
    }

    fn missing_target(&mut self, span: Span) {
        let arrow = self.text[span.range()].find("->").map_or(span, |i| {
            Span::new(
                self.file,
                span.start as usize + i,
                span.start as usize + i + 2,
            )
        });
        self.diags.push(
            Diagnostic::new(codes::MISSING_TARGET, "`->` has no target")
                .with_label(arrow, "expected a step name after this arrow")
                .with_help("name the step to go to, for example `-> goodbye`, or `-> retry 2 then to_agent`"),
        );
    }

    fn voice(&mut self, p: P<'_>) -> Option<Voice> {
        let mut locale = None;
        let mut name = None;
        let mut engine = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::locale_name => locale = Some(self.ident(&c)),
                Rule::name if name.is_none() => name = Some(self.ident(&c)),
                Rule::voice_engine => engine = Some(self.ident(&c)),
                _ => {}
            }
        }
        Some(Voice {
            locale: locale?,
            name: name?,
            engine,
        })
    }

    fn first_text(&mut self, p: P<'_>) -> Option<Text> {
        p.into_inner()
            .find(|x| matches!(x.as_rule(), Rule::string | Rule::text_block))
            .map(|t| self.text(&t))
    }

    fn step(&mut self, p: P<'_>) -> Step {
        self.check_closed(&p, "step");
        let span = self.span(&p);
        let mut name = None;
        let mut statements = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if name.is_none() => name = Some(self.ident(&c)),
                Rule::step_junk => self.junk(&c, Context::Step),
                Rule::lbrace | Rule::rbrace => {}
                _ => {
                    if let Some(s) = self.statement(c) {
                        statements.push(s);
                    }
                }
            }
        }
        let name = name.unwrap_or_else(|| Ident {
            text: Name::default(),
            span,
        });
        Step {
            name,
            statements,
            span,
        }
    }

    fn statement(&mut self, p: P<'_>) -> Option<Statement> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut outcomes = Vec::new();
        let mut parts: Vec<P<'_>> = Vec::new();
        for c in p.into_inner() {
            if c.as_rule() == Rule::outcomes {
                outcomes = self.outcomes(c);
            } else {
                parts.push(c);
            }
        }
        let keyword_span = keyword_span(self.file, &parts).unwrap_or(span);
        let kind = self.statement_kind(rule, parts, span)?;
        Some(Statement {
            kind,
            outcomes,
            span,
            keyword_span,
        })
    }

    #[allow(clippy::too_many_lines)]
    fn statement_kind(
        &mut self,
        rule: Rule,
        parts: Vec<P<'_>>,
        span: Span,
    ) -> Option<StatementKind> {
        let kind = match rule {
            Rule::say_stmt => StatementKind::Say {
                text: self.text_in(&parts)?,
            },
            Rule::ask_stmt => {
                let bot = self.ident(parts.iter().find(|x| x.as_rule() == Rule::name)?);
                let prompt = self.text_in(&parts);
                let timeout = self.timeout_in(&parts);
                StatementKind::Ask {
                    bot,
                    prompt,
                    timeout,
                }
            }
            Rule::menu_stmt => {
                let prompt = self.text_in(&parts)?;
                StatementKind::Menu {
                    prompt,
                    timeout: self.timeout_in(&parts),
                }
            }
            Rule::repeat_stmt => {
                let prompts = parts
                    .iter()
                    .filter(|x| matches!(x.as_rule(), Rule::string | Rule::text_block))
                    .map(|t| self.text(t))
                    .collect::<Vec<_>>();
                if prompts.is_empty() {
                    return None;
                }
                StatementKind::Repeat { prompts }
            }
            Rule::input_stmt => {
                let into = self.reference(parts.iter().find(|x| x.as_rule() == Rule::reference)?);
                let prompt = self.text_in(&parts)?;
                let options = Box::new(self.input_options(&parts));
                StatementKind::Input {
                    into,
                    prompt,
                    options,
                }
            }
            Rule::call_stmt => {
                let integration = self.ident(parts.iter().find(|x| x.as_rule() == Rule::name)?);
                let args = self.args_in(&parts);
                StatementKind::Call {
                    integration,
                    args,
                    timeout: self.timeout_in(&parts),
                }
            }
            Rule::set_stmt => StatementKind::Set(self.set_kind(parts)?),
            Rule::branch_stmt => {
                let v = parts.into_iter().find(|x| x.as_rule() == Rule::value)?;
                StatementKind::Branch {
                    value: self.value(v)?,
                }
            }
            Rule::check_stmt => {
                let mut names = parts.iter().filter(|x| x.as_rule() == Rule::name);
                let subject = self.ident(names.next()?);
                let name = names.next().map(|n| self.ident(n));
                StatementKind::Check { subject, name }
            }
            Rule::transfer_stmt => {
                let t = parts.into_iter().find(|x| {
                    matches!(
                        x.as_rule(),
                        Rule::transfer_queue
                            | Rule::transfer_flow
                            | Rule::transfer_number
                            | Rule::transfer_agent
                    )
                })?;
                match t.as_rule() {
                    Rule::transfer_queue => {
                        let mut queue = None;
                        let mut whisper = None;
                        let mut after_whisper = false;
                        for c in t.into_inner() {
                            match c.as_rule() {
                                Rule::kw_whisper => after_whisper = true,
                                Rule::name if after_whisper => whisper = Some(self.ident(&c)),
                                Rule::name => queue = Some(self.ident(&c)),
                                _ => {}
                            }
                        }
                        StatementKind::TransferQueue { queue, whisper }
                    }
                    Rule::transfer_flow => {
                        let f = t.into_inner().find(|x| x.as_rule() == Rule::name)?;
                        StatementKind::TransferFlow {
                            flow: self.ident(&f),
                        }
                    }
                    Rule::transfer_number => {
                        let inner: Vec<_> = t.into_inner().collect();
                        let v = inner.iter().find(|x| x.as_rule() == Rule::value)?.clone();
                        let timeout = self.timeout_in(&inner);
                        StatementKind::TransferNumber {
                            number: self.value(v)?,
                            timeout,
                        }
                    }
                    _ => StatementKind::TransferAgent,
                }
            }
            Rule::run_stmt => {
                let module = self.ident(parts.iter().find(|x| x.as_rule() == Rule::name)?);
                StatementKind::Run {
                    module,
                    args: self.args_in(&parts),
                }
            }
            Rule::callback_stmt => StatementKind::Callback(Box::new(self.callback_options(&parts))),
            Rule::hangup_stmt => StatementKind::HangUp,
            Rule::return_stmt => StatementKind::Return {
                outcome: parts
                    .iter()
                    .find(|x| x.as_rule() == Rule::name)
                    .map(|n| self.ident(n)),
            },
            Rule::end_stmt => StatementKind::End,
            Rule::dial_stmt => {
                let caller_id = match parts.iter().find(|x| x.as_rule() == Rule::value) {
                    Some(v) => Some(self.value(v.clone())?),
                    None => None,
                };
                StatementKind::Dial {
                    caller_id,
                    timeout: self.timeout_in(&parts),
                }
            }
            Rule::lookup_stmt => {
                let by_name = parts
                    .iter()
                    .find(|x| x.as_rule() == Rule::name)
                    .map(|n| self.ident(n));
                let by_value = match parts.iter().find(|x| x.as_rule() == Rule::value) {
                    Some(v) => self.value(v.clone()),
                    None => None,
                };
                StatementKind::LookupProfile {
                    by: by_name.zip(by_value),
                }
            }
            Rule::distribute_stmt => StatementKind::Distribute,
            Rule::connect_stmt => {
                let mut texts = parts
                    .iter()
                    .filter(|x| matches!(x.as_rule(), Rule::string | Rule::text_block));
                let type_name = texts.next().map(|t| self.text(t))?;
                let parameters = texts.next().map(|t| self.text(t))?;
                StatementKind::Connect {
                    type_name,
                    parameters,
                }
            }
            Rule::goto_stmt => {
                let target = parts
                    .into_iter()
                    .flat_map(arrow_target_inner)
                    .find(|x| x.as_rule() == Rule::target)
                    .map(|t| self.target(t));
                if target.is_none() {
                    self.missing_target(span);
                }
                StatementKind::Goto { target }
            }
            _ => return None,
        };
        Some(kind)
    }

    fn text_in(&mut self, parts: &[P<'_>]) -> Option<Text> {
        parts
            .iter()
            .find(|x| matches!(x.as_rule(), Rule::string | Rule::text_block))
            .map(|t| self.text(t))
    }

    fn timeout_in(&mut self, parts: &[P<'_>]) -> Option<Duration> {
        let t = parts.iter().find(|x| x.as_rule() == Rule::timeout_opt)?;
        let d = t
            .clone()
            .into_inner()
            .find(|x| x.as_rule() == Rule::duration)?;
        self.duration(&d)
    }

    fn args_in(&mut self, parts: &[P<'_>]) -> Vec<Arg> {
        let Some(args) = parts.iter().find(|x| x.as_rule() == Rule::args) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for a in args
            .clone()
            .into_inner()
            .filter(|x| x.as_rule() == Rule::arg)
        {
            let mut it = a.into_inner();
            let (Some(n), Some(v)) = (it.next(), it.next()) else {
                continue;
            };
            let name = self.ident(&n);
            if let Some(value) = self.value(v) {
                out.push(Arg { name, value });
            }
        }
        out
    }

    fn input_options(&mut self, parts: &[P<'_>]) -> InputOptions {
        let mut o = InputOptions::default();
        for p in parts {
            let span = self.span(p);
            let inner: Vec<_> = p.clone().into_inner().collect();
            let repeated = match p.as_rule() {
                Rule::max_digits_opt => {
                    let v = inner
                        .iter()
                        .find(|x| x.as_rule() == Rule::int)
                        .and_then(|i| self.int(i));
                    o.max_digits
                        .replace(v.unwrap_or(Int { value: 0, span }))
                        .is_some()
                }
                Rule::end_key_opt => {
                    let t = self.text_in(&inner);
                    match t {
                        Some(t) => o.end_key.replace(t).is_some(),
                        None => false,
                    }
                }
                Rule::timeout_opt => match self.timeout_in(std::slice::from_ref(p)) {
                    Some(d) => o.timeout.replace(d).is_some(),
                    None => false,
                },
                Rule::interdigit_opt => {
                    let d = inner
                        .iter()
                        .find(|x| x.as_rule() == Rule::duration)
                        .and_then(|d| self.duration(d));
                    match d {
                        Some(d) => o.interdigit.replace(d).is_some(),
                        None => false,
                    }
                }
                Rule::phone_opt => {
                    let name = inner
                        .iter()
                        .find(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(n));
                    let cc = inner
                        .iter()
                        .find(|x| x.as_rule() == Rule::country_code)
                        .map(|n| self.ident(n));
                    match name {
                        Some(n) => o.phone.replace((n, cc)).is_some(),
                        None => false,
                    }
                }
                Rule::encrypt_opt => {
                    let key = inner
                        .iter()
                        .find(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(n));
                    o.encrypted.replace(key).is_some()
                }
                _ => false,
            };
            if repeated {
                o.repeated.push(span);
            }
        }
        o
    }

    fn callback_options(&mut self, parts: &[P<'_>]) -> CallbackOptions {
        let mut o = CallbackOptions::default();
        for p in parts {
            let span = self.span(p);
            let inner: Vec<_> = p.clone().into_inner().collect();
            let repeated = match p.as_rule() {
                Rule::callback_queue => match inner.iter().find(|x| x.as_rule() == Rule::name) {
                    Some(n) => o.queue.replace(self.ident(n)).is_some(),
                    None => false,
                },
                Rule::callback_number => {
                    match inner.iter().find(|x| x.as_rule() == Rule::reference) {
                        Some(r) => o.number.replace(self.reference(r)).is_some(),
                        None => false,
                    }
                }
                Rule::callback_delay => match inner
                    .iter()
                    .find(|x| x.as_rule() == Rule::duration)
                    .and_then(|d| self.duration(d))
                {
                    Some(d) => o.delay.replace(d).is_some(),
                    None => false,
                },
                Rule::callback_retry => match inner
                    .iter()
                    .find(|x| x.as_rule() == Rule::duration)
                    .and_then(|d| self.duration(d))
                {
                    Some(d) => o.retry_every.replace(d).is_some(),
                    None => false,
                },
                Rule::callback_attempts => match inner
                    .iter()
                    .find(|x| x.as_rule() == Rule::int)
                    .and_then(|i| self.int(i))
                {
                    Some(i) => o.attempts.replace(i).is_some(),
                    None => false,
                },
                _ => false,
            };
            if repeated {
                o.repeated.push(span);
            }
        }
        o
    }

    fn set_kind(&mut self, parts: Vec<P<'_>>) -> Option<SetKind> {
        let mut assignments = Vec::new();
        for p in parts {
            match p.as_rule() {
                Rule::set_hook => {
                    let names: Vec<_> = p
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::name)
                        .collect();
                    let (flow, words) = names.split_last()?;
                    return Some(SetKind::Hook {
                        words: words.iter().map(|w| self.ident(w)).collect(),
                        flow: self.ident(flow),
                    });
                }
                Rule::set_queue => {
                    let n = p.into_inner().find(|x| x.as_rule() == Rule::name)?;
                    return Some(SetKind::Queue(self.ident(&n)));
                }
                Rule::set_voice => return self.voice(p).map(SetKind::Voice),
                Rule::set_priority => {
                    let i = p.into_inner().find(|x| x.as_rule() == Rule::int)?;
                    return self.int(&i).map(SetKind::Priority);
                }
                Rule::assignment => {
                    let mut it = p.into_inner();
                    let (Some(r), Some(v)) = (it.next(), it.next()) else {
                        continue;
                    };
                    let r = self.reference(&r);
                    if let Some(v) = self.value(v) {
                        assignments.push((r, v));
                    }
                }
                _ => {}
            }
        }
        Some(SetKind::Attributes(assignments))
    }

    // -----------------------------------------------------------------------------------------
    // Outcomes, targets, values

    fn outcomes(&mut self, p: P<'_>) -> Vec<Outcome> {
        self.check_closed(&p, "outcome list");
        let mut out = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::outcome => out.push(self.outcome(c)),
                Rule::outcome_junk => self.junk(&c, Context::Outcomes),
                _ => {}
            }
        }
        out
    }

    fn outcome(&mut self, p: P<'_>) -> Outcome {
        let span = self.span(&p);
        let mut pattern = None;
        let mut target = None;
        for c in p.into_inner().flat_map(arrow_target_inner) {
            match c.as_rule() {
                Rule::pattern => pattern = Some(self.pattern(c)),
                Rule::target => target = Some(self.target(c)),
                _ => {}
            }
        }
        if target.is_none() {
            self.missing_target(span);
        }
        let pattern = pattern.unwrap_or(Pattern {
            words: Vec::new(),
            op: None,
            value: None,
            span,
        });
        Outcome {
            pattern,
            target,
            span,
        }
    }

    fn pattern(&mut self, p: P<'_>) -> Pattern {
        // pest spans of rules ending in optional parts include trailing whitespace; trim it.
        let raw = p.as_str();
        let start = p.as_span().start();
        let span = Span::new(self.file, start, start + raw.trim_end().len());
        let mut words = Vec::new();
        let mut op = None;
        let mut value = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::pattern_word => words.push(self.ident(&c)),
                Rule::compare_op => {
                    let o = match c.as_str() {
                        ">=" => CompareOp::Ge,
                        "<=" => CompareOp::Le,
                        "!=" => CompareOp::Ne,
                        ">" => CompareOp::Gt,
                        "<" => CompareOp::Lt,
                        _ => CompareOp::Eq,
                    };
                    op = Some((o, self.span(&c)));
                }
                Rule::pattern_value => {
                    if let Some(v) = c.into_inner().next() {
                        value = self.pattern_value(&v);
                    }
                }
                _ => {}
            }
        }
        Pattern {
            words,
            op,
            value,
            span,
        }
    }

    fn pattern_value(&mut self, v: &P<'_>) -> Option<PatternValue> {
        let span = self.span(v);
        Some(match v.as_rule() {
            Rule::string => PatternValue::Text(Box::new(self.text(v))),
            Rule::number => PatternValue::Number(v.as_str().to_owned(), span),
            Rule::duration => PatternValue::Duration(self.duration(v)?),
            Rule::percent => {
                let n = v
                    .as_str()
                    .trim_end_matches('%')
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n <= 100);
                match n {
                    Some(n) => PatternValue::Percent(n, span),
                    None => {
                        self.invalid_literal(span, "a percentage must be between 0% and 100%");
                        return None;
                    }
                }
            }
            Rule::key_symbol => PatternValue::Key(v.as_str().chars().next()?, span),
            _ => return None,
        })
    }

    fn target(&mut self, p: P<'_>) -> Target {
        let span = self.span(&p);
        let Some(inner) = p.into_inner().next() else {
            return Target::Step(Ident {
                text: Name::default(),
                span,
            });
        };
        match inner.as_rule() {
            Rule::retry_target => {
                let rspan = self.span(&inner);
                let mut count = Int {
                    value: 0,
                    span: rspan,
                };
                // The retry as written, without the whitespace and comments pest keeps before
                // a missing step.
                let end = inner
                    .clone()
                    .into_inner()
                    .flatten()
                    .filter(|c| {
                        matches!(
                            c.as_rule(),
                            Rule::int
                                | Rule::kw_times
                                | Rule::kw_saying
                                | Rule::string
                                | Rule::text_block
                                | Rule::kw_then
                                | Rule::name
                        )
                    })
                    .map(|c| c.as_span().end())
                    .max()
                    .unwrap_or(rspan.end as usize);
                let written = Span::new(self.file, rspan.start as usize, end);
                let mut then = None;
                let mut saying = None;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::int => count = self.int(&c).unwrap_or(count),
                        Rule::name => then = Some(self.ident(&c)),
                        Rule::retry_saying => saying = self.retry_saying(&c),
                        Rule::retry_no_then => {
                            if let Some(n) = c.clone().into_inner().next() {
                                let step = self.ident(&n);
                                let help = if saying.is_some() {
                                    format!(
                                        "write `then {0}` after the re-prompt: `retry {1} saying \"…\" then {0}`",
                                        step.text, count.value
                                    )
                                } else {
                                    format!(
                                        "write `then {0}` after the count: `retry {1} then {0}`",
                                        step.text, count.value
                                    )
                                };
                                self.diags.push(
                                    Diagnostic::new(
                                        codes::UNEXPECTED_TOKEN,
                                        "`then` is missing before the step",
                                    )
                                    .with_label(step.span, "expected `then` before this step")
                                    .with_help(help),
                                );
                                then = Some(step);
                            }
                        }
                        _ => {}
                    }
                }
                if then.is_none() {
                    self.diags.push(
                        Diagnostic::new(codes::MISSING_TARGET, "`retry` has no step to go to when the retries run out")
                            .with_label(written, "expected `then step_name`")
                            .with_help("write where the call goes after the last retry, for example `retry 2 then to_agent`"),
                    );
                }
                Target::Retry(Box::new(Retry {
                    count,
                    saying,
                    then,
                    span: rspan,
                }))
            }
            _ => Target::Step(self.ident(&inner)),
        }
    }

    /// `saying "…"` in a retry: its text, or `P008` when it has none.
    fn retry_saying(&mut self, p: &P<'_>) -> Option<Text> {
        let mut keyword = self.span(p);
        for c in p.clone().into_inner() {
            match c.as_rule() {
                Rule::string | Rule::text_block => return Some(self.text(&c)),
                Rule::kw_saying => keyword = self.span(&c),
                _ => {}
            }
        }
        self.diags.push(
            Diagnostic::new(codes::MISSING_REPROMPT, "`saying` has no text")
                .with_label(keyword, "expected the re-prompt after `saying`")
                .with_help(
                    "write what the caller hears before each retry (`retry 2 saying \"…\" then to_agent`), or remove `saying`",
                ),
        );
        None
    }

    fn value(&mut self, p: P<'_>) -> Option<Value> {
        let inner = if p.as_rule() == Rule::value {
            p.into_inner().next()?
        } else {
            p
        };
        let span = self.span(&inner);
        Some(match inner.as_rule() {
            Rule::string | Rule::text_block => Value::Text(self.text(&inner)),
            Rule::reference => Value::Reference(self.reference(&inner)),
            Rule::number => Value::Number(inner.as_str().to_owned(), span),
            Rule::duration => Value::Duration(self.duration(&inner)?),
            Rule::kw_true => Value::Bool(true, span),
            Rule::kw_false => Value::Bool(false, span),
            _ => return None,
        })
    }

    fn reference(&self, p: &P<'_>) -> Reference {
        Reference {
            path: p.as_str()[1..].to_owned(),
            span: self.span(p),
        }
    }

    fn invalid_literal(&mut self, span: Span, why: &str) {
        self.diags.push(
            Diagnostic::new(codes::INVALID_LITERAL, why.to_owned())
                .with_label(span, "this value is not valid")
                .with_help(literal_help(why)),
        );
    }

    fn int(&mut self, p: &P<'_>) -> Option<Int> {
        let span = self.span(p);
        match p.as_str().parse::<u32>() {
            Ok(value) => Some(Int { value, span }),
            Err(_) => {
                self.invalid_literal(span, "this number is too large");
                None
            }
        }
    }

    fn duration(&mut self, p: &P<'_>) -> Option<Duration> {
        let span = self.span(p);
        let s = p.as_str();
        let unit_at = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (n, unit) = s.split_at(unit_at);
        let factor: u64 = match unit {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 86_400_000,
        };
        match n.parse::<u64>().ok().and_then(|n| n.checked_mul(factor)) {
            Some(millis) if millis > 0 => Some(Duration { millis, span }),
            Some(_) => {
                self.invalid_literal(span, "a duration must be longer than zero");
                None
            }
            None => {
                self.invalid_literal(span, "this duration is too long");
                None
            }
        }
    }

    fn date(&mut self, p: &P<'_>) -> Option<Date> {
        let span = self.span(p);
        let s = p.as_str();
        let year = s[0..4].parse::<u16>().ok()?;
        let month = s[5..7].parse::<u8>().ok()?;
        let day = s[8..10].parse::<u8>().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if days == 0 || day == 0 || day > days {
            self.invalid_literal(span, &format!("`{s}` is not a date"));
            return None;
        }
        Some(Date { year, month, day })
    }

    fn time(&mut self, p: &P<'_>) -> Option<TimeOfDay> {
        let span = self.span(p);
        let (h, m) = p.as_str().split_once(':')?;
        let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
        if h > 24 || m > 59 || (h == 24 && m > 0) {
            self.invalid_literal(span, &format!("`{}` is not a time of day", p.as_str()));
            return None;
        }
        Some(TimeOfDay {
            minutes: h * 60 + m,
            span,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Other declarations

    fn integration(&mut self, p: P<'_>) -> IntegrationDecl {
        self.check_closed(&p, "integration");
        let span = self.span(&p);
        let mut d = IntegrationDecl {
            name: Ident {
                text: Name::default(),
                span,
            },
            lambda: None,
            timeout: None,
            description: None,
            returns: Vec::new(),
            span,
        };
        let mut named = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if !named => {
                    d.name = self.ident(&c);
                    named = true;
                }
                Rule::lambda_setting => d.lambda = self.first_text(c),
                Rule::timeout_opt => d.timeout = self.timeout_in(std::slice::from_ref(&c)),
                Rule::description_setting => d.description = self.first_text(c),
                Rule::returns_setting => {
                    d.returns.extend(
                        c.into_inner()
                            .filter(|x| x.as_rule() == Rule::name)
                            .map(|n| self.ident(&n)),
                    );
                }
                Rule::block_junk => self.junk(&c, Context::Integration),
                _ => {}
            }
        }
        d
    }

    fn queue(&mut self, p: P<'_>) -> QueueDecl {
        self.check_closed(&p, "queue");
        let span = self.span(&p);
        let mut d = QueueDecl {
            name: Ident {
                text: Name::default(),
                span,
            },
            hours: None,
            description: None,
            span,
        };
        let mut named = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if !named => {
                    d.name = self.ident(&c);
                    named = true;
                }
                Rule::hours_ref => {
                    d.hours = c
                        .into_inner()
                        .find(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(&n))
                }
                Rule::description_setting => d.description = self.first_text(c),
                Rule::block_junk => self.junk(&c, Context::Queue),
                _ => {}
            }
        }
        d
    }

    fn hours(&mut self, p: P<'_>) -> HoursDecl {
        self.check_closed(&p, "hours");
        let span = self.span(&p);
        let mut d = HoursDecl {
            name: Ident {
                text: Name::default(),
                span,
            },
            timezone: None,
            rules: Vec::new(),
            closed_on: Vec::new(),
            description: None,
            span,
        };
        let mut named = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if !named => {
                    d.name = self.ident(&c);
                    named = true;
                }
                Rule::timezone_setting => {
                    if let Some(t) = c
                        .into_inner()
                        .find(|x| matches!(x.as_rule(), Rule::string | Rule::tz_name))
                    {
                        let text = if t.as_rule() == Rule::string {
                            self.text(&t).value
                        } else {
                            t.as_str().to_owned()
                        };
                        d.timezone = Some(Ident {
                            text: text.into(),
                            span: self.span(&t),
                        });
                    }
                }
                Rule::closed_on_setting => {
                    d.closed_on.extend(
                        c.into_inner()
                            .filter(|x| x.as_rule() == Rule::name)
                            .map(|n| self.ident(&n)),
                    );
                }
                Rule::weekly_rule => {
                    let rspan = self.span(&c);
                    let mut rule = WeeklyRule {
                        days: Vec::new(),
                        times: Vec::new(),
                        span: rspan,
                    };
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::day_range => {
                                let mut names =
                                    x.into_inner().filter(|n| n.as_rule() == Rule::name);
                                if let Some(from) = names.next() {
                                    let from = self.ident(&from);
                                    let to = names.next().map(|t| self.ident(&t));
                                    rule.days.push((from, to));
                                }
                            }
                            Rule::time_range => {
                                let times: Vec<_> = x
                                    .into_inner()
                                    .filter(|n| n.as_rule() == Rule::time)
                                    .collect();
                                if let [a, b] = times.as_slice()
                                    && let (Some(a), Some(b)) = (self.time(a), self.time(b))
                                {
                                    rule.times.push((a, b));
                                }
                            }
                            _ => {}
                        }
                    }
                    d.rules.push(rule);
                }
                Rule::description_setting => d.description = self.first_text(c),
                Rule::block_junk => self.junk(&c, Context::Hours),
                _ => {}
            }
        }
        d
    }

    fn calendar(&mut self, p: P<'_>) -> CalendarDecl {
        self.check_closed(&p, "calendar");
        let span = self.span(&p);
        let mut d = CalendarDecl {
            name: Ident {
                text: Name::default(),
                span,
            },
            entries: Vec::new(),
            description: None,
            span,
        };
        let mut named = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if !named => {
                    d.name = self.ident(&c);
                    named = true;
                }
                Rule::calendar_entry => {
                    let espan = self.span(&c);
                    let mut dates = Vec::new();
                    let mut kind = None;
                    let mut reason = None;
                    let mut ok = true;
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::date => match self.date(&x) {
                                Some(dt) => dates.push(dt),
                                None => ok = false,
                            },
                            Rule::name => kind = Some(self.ident(&x)),
                            Rule::string | Rule::text_block => reason = Some(self.text(&x)),
                            _ => {}
                        }
                    }
                    if let (true, Some(&from)) = (ok, dates.first()) {
                        let to = dates.get(1).copied().unwrap_or(from);
                        if to < from {
                            self.invalid_literal(espan, "the range ends before it starts");
                        } else {
                            d.entries.push(CalendarEntry {
                                from,
                                to,
                                kind,
                                reason,
                                span: espan,
                            });
                        }
                    }
                }
                Rule::description_setting => d.description = self.first_text(c),
                Rule::block_junk => self.junk(&c, Context::Calendar),
                _ => {}
            }
        }
        d
    }

    fn test(&mut self, p: P<'_>) -> TestDecl {
        self.check_closed(&p, "test");
        let span = self.span(&p);
        let mut d = TestDecl {
            name: Text {
                value: String::new(),
                segments: Vec::new(),
                span,
                block: false,
            },
            members: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            let cspan = self.span(&c);
            let member = match c.as_rule() {
                Rule::string => {
                    d.name = self.text(&c);
                    None
                }
                Rule::test_flow => c
                    .into_inner()
                    .find(|x| x.as_rule() == Rule::name)
                    .map(|n| TestMember::Flow(self.ident(&n))),
                Rule::test_at => self.test_at(c, cspan),
                Rule::test_caller => self.test_caller(c, cspan),
                Rule::test_mock => self.test_mock(c, cspan),
                Rule::test_fail => self.test_fail(c, cspan),
                Rule::test_queue => self.test_queue(c, cspan),
                Rule::test_profile => {
                    let parts: Vec<P<'_>> = c.into_inner().collect();
                    let has_args = parts.iter().any(|x| x.as_rule() == Rule::args);
                    let multiple = parts.iter().any(|x| x.as_rule() == Rule::kw_multiple);
                    Some(TestMember::Profile {
                        fields: has_args.then(|| self.args_in(&parts)),
                        multiple,
                        span: cspan,
                    })
                }
                Rule::test_agent => c
                    .into_inner()
                    .find(|x| x.as_rule() == Rule::duration)
                    .and_then(|d| self.duration(&d))
                    .map(|d| TestMember::AgentAnswers(d, cspan)),
                Rule::test_call_status => {
                    let words: Vec<Ident> = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(&n))
                        .collect();
                    Some(TestMember::CallStatus(words, cspan))
                }
                Rule::test_expect => self.test_expect(c, cspan),
                Rule::block_junk => {
                    self.junk(&c, Context::Test);
                    None
                }
                _ => None,
            };
            d.members.extend(member);
        }
        d
    }

    fn test_at(&mut self, c: P<'_>, span: Span) -> Option<TestMember> {
        let parts: Vec<P<'_>> = c.into_inner().collect();
        let date = self.date(parts.iter().find(|x| x.as_rule() == Rule::date)?)?;
        let time = self.time(parts.iter().find(|x| x.as_rule() == Rule::time)?)?;
        let zone = parts
            .iter()
            .find(|x| matches!(x.as_rule(), Rule::tz_name | Rule::string))
            .map(|z| {
                if z.as_rule() == Rule::string {
                    let t = self.text(z);
                    Ident {
                        text: t.value.into(),
                        span: t.span,
                    }
                } else {
                    self.ident(z)
                }
            });
        Some(TestMember::At {
            date,
            time,
            zone,
            span,
        })
    }

    fn test_caller(&mut self, c: P<'_>, span: Span) -> Option<TestMember> {
        let what = c.into_inner().find(|x| x.as_rule() != Rule::kw_caller)?;
        let rule = what.as_rule();
        let text = what
            .clone()
            .into_inner()
            .find(|x| matches!(x.as_rule(), Rule::string | Rule::text_block));
        Some(match rule {
            Rule::caller_number => TestMember::CallerNumber(self.text(&text?)),
            Rule::caller_withheld => TestMember::Withheld(span),
            Rule::caller_says => TestMember::Says(self.text(&text?)),
            Rule::caller_presses => TestMember::Presses(self.text(&text?)),
            Rule::caller_silent => TestMember::Silent(span),
            Rule::caller_hangs_up => TestMember::HangsUp(span),
            _ => return None,
        })
    }

    fn test_mock(&mut self, c: P<'_>, span: Span) -> Option<TestMember> {
        let parts: Vec<P<'_>> = c.into_inner().collect();
        let integration = self.ident(parts.iter().find(|x| x.as_rule() == Rule::name)?);
        let behavior = parts.iter().find_map(|x| match x.as_rule() {
            Rule::mock_returns => Some(x.clone()),
            Rule::mock_fails => Some(x.clone()),
            _ => None,
        })?;
        let inner: Vec<P<'_>> = behavior.clone().into_inner().collect();
        let behavior = match behavior.as_rule() {
            Rule::mock_returns if inner.iter().any(|x| x.as_rule() == Rule::kw_malformed) => {
                MockBehavior::Malformed
            }
            Rule::mock_returns => MockBehavior::Returns(self.args_in(&inner)),
            _ if inner.iter().any(|x| x.as_rule() == Rule::kw_timeout) => MockBehavior::TimesOut,
            _ => MockBehavior::Fails,
        };
        Some(TestMember::Mock {
            integration,
            behavior,
            span,
        })
    }

    /// `test_fail = { kw_fail ~ action_ref ~ (kw_in ~ name)? ~ (kw_with ~ name)? }`
    fn test_fail(&mut self, c: P<'_>, span: Span) -> Option<TestMember> {
        let mut action = None;
        let mut flow = None;
        let mut error = None;
        let mut after = Rule::kw_fail;
        for x in c.into_inner() {
            match x.as_rule() {
                Rule::action_ref => action = Some(self.ident(&x)),
                Rule::name if after == Rule::kw_in => flow = Some(self.ident(&x)),
                Rule::name => error = Some(self.ident(&x)),
                r => after = r,
            }
        }
        Some(TestMember::Fail {
            action: action?,
            flow,
            error,
            span,
        })
    }

    fn test_queue(&mut self, c: P<'_>, span: Span) -> Option<TestMember> {
        let mut queue = None;
        let mut facts = Vec::new();
        for x in c.into_inner() {
            match x.as_rule() {
                Rule::name => queue = Some(self.ident(&x)),
                Rule::queue_fact => {
                    let fspan = self.span(&x);
                    let inner: Vec<P<'_>> = x.into_inner().collect();
                    if inner.iter().any(|y| y.as_rule() == Rule::kw_full) {
                        facts.push(QueueFact::Full(fspan));
                        continue;
                    }
                    let Some(name) = inner.iter().find(|y| y.as_rule() == Rule::name) else {
                        continue;
                    };
                    let name = self.ident(name);
                    if let Some(d) = inner.iter().find(|y| y.as_rule() == Rule::duration) {
                        if let Some(d) = self.duration(d) {
                            facts.push(QueueFact::Metric {
                                name,
                                value: d.millis / 1000,
                                duration: true,
                                span: fspan,
                            });
                        }
                    } else if let Some(i) = inner.iter().find(|y| y.as_rule() == Rule::int)
                        && let Some(i) = self.int(i)
                    {
                        facts.push(QueueFact::Metric {
                            name,
                            value: u64::from(i.value),
                            duration: false,
                            span: fspan,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(TestMember::Queue {
            queue: queue?,
            facts,
            span,
        })
    }

    fn test_expect(&mut self, c: P<'_>, span: Span) -> Option<TestMember> {
        let mut no = false;
        let what = c.into_inner().find(|x| match x.as_rule() {
            Rule::kw_expect => false,
            Rule::kw_no => {
                no = true;
                false
            }
            _ => true,
        })?;
        let rule = what.as_rule();
        let parts: Vec<P<'_>> = what.into_inner().collect();
        let names: Vec<Ident> = parts
            .iter()
            .filter(|x| x.as_rule() == Rule::name)
            .map(|n| self.ident(n))
            .collect();
        let expect = match rule {
            Rule::expect_say => Expect::Say {
                text: self.text_in(&parts)?,
                containing: parts.iter().any(|x| x.as_rule() == Rule::kw_containing),
            },
            Rule::expect_transfer => {
                if parts.iter().any(|x| x.as_rule() == Rule::kw_queue) {
                    Expect::TransferQueue {
                        queue: names.first()?.clone(),
                        whisper: names.get(1).cloned(),
                    }
                } else if parts.iter().any(|x| x.as_rule() == Rule::kw_number) {
                    let number = match self.text_in(&parts) {
                        Some(t) => Value::Text(t),
                        None => Value::Reference(
                            self.reference(parts.iter().find(|x| x.as_rule() == Rule::reference)?),
                        ),
                    };
                    Expect::TransferNumber(number)
                } else {
                    Expect::TransferFlow(names.first()?.clone())
                }
            }
            Rule::expect_attribute => {
                let reference =
                    self.reference(parts.iter().find(|x| x.as_rule() == Rule::reference)?);
                let value =
                    self.value(parts.iter().find(|x| x.as_rule() == Rule::value)?.clone())?;
                Expect::Attribute { reference, value }
            }
            Rule::expect_call => Expect::Call {
                integration: names.first()?.clone(),
                args: self.args_in(&parts),
            },
            Rule::expect_intent => Expect::Intent(names.first()?.clone()),
            Rule::expect_hang_up => Expect::HangUp,
            Rule::expect_end => Expect::End,
            Rule::expect_return => {
                let from = parts.iter().position(|x| x.as_rule() == Rule::kw_from);
                let name_at = |range: &[P<'_>]| {
                    range
                        .iter()
                        .find(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(n))
                };
                let (before, after) = parts.split_at(from.unwrap_or(parts.len()));
                Expect::Return {
                    outcome: name_at(before),
                    module: name_at(after),
                }
            }
            _ => return None,
        };
        let expect = if no {
            Expect::No(Box::new(expect))
        } else {
            expect
        };
        Some(TestMember::Expect(expect, span))
    }

    fn bot(&mut self, p: P<'_>) -> BotDecl {
        self.check_closed(&p, "bot");
        let span = self.span(&p);
        let mut name = None;
        let mut description = None;
        let mut locales: Vec<LocaleDecl> = Vec::new();
        // The flat form: settings and intents directly in the bot belong to the locale named by
        // the last `locale xx_XX` line (or to an unnamed one, reported by the resolver).
        let mut flat = LocaleDecl {
            locale: None,
            voice: None,
            confidence: None,
            description: None,
            slot_types: Vec::new(),
            intents: Vec::new(),
            span,
        };
        let mut flat_used = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if name.is_none() => name = Some(self.ident(&c)),
                Rule::locale_block => {
                    self.check_closed(&c, "locale");
                    let lspan = self.span(&c);
                    let mut l = LocaleDecl {
                        locale: None,
                        voice: None,
                        confidence: None,
                        description: None,
                        slot_types: Vec::new(),
                        intents: Vec::new(),
                        span: lspan,
                    };
                    for x in c.into_inner() {
                        if x.as_rule() == Rule::locale_name {
                            l.locale = Some(self.ident(&x));
                        } else {
                            self.locale_member(x, &mut l, &mut None);
                        }
                    }
                    locales.push(l);
                }
                Rule::locale_setting => {
                    if let Some(n) = c.into_inner().find(|x| x.as_rule() == Rule::locale_name) {
                        if flat.locale.is_some() {
                            locales.push(std::mem::replace(
                                &mut flat,
                                LocaleDecl {
                                    locale: None,
                                    voice: None,
                                    confidence: None,
                                    description: None,
                                    slot_types: Vec::new(),
                                    intents: Vec::new(),
                                    span,
                                },
                            ));
                        }
                        flat.locale = Some(self.ident(&n));
                        flat_used = true;
                    }
                }
                _ => {
                    flat_used |= matches!(
                        c.as_rule(),
                        Rule::voice_setting
                            | Rule::confidence_setting
                            | Rule::slot_type_decl
                            | Rule::intent_decl
                            | Rule::block_junk
                    );
                    let mut desc = None;
                    self.locale_member(c, &mut flat, &mut desc);
                    if desc.is_some() {
                        description = desc;
                    }
                }
            }
        }
        if flat_used {
            locales.insert(0, flat);
        }
        let name = name.unwrap_or_else(|| Ident {
            text: Name::default(),
            span,
        });
        BotDecl {
            name,
            description,
            locales,
            span,
        }
    }

    /// One member of a locale; `bot_description` receives a description written in the flat
    /// form (it describes the bot).
    fn locale_member(&mut self, x: P<'_>, l: &mut LocaleDecl, bot_description: &mut Option<Text>) {
        match x.as_rule() {
            Rule::voice_setting => l.voice = self.voice(x),
            Rule::confidence_setting => {
                if let Some(n) = x.into_inner().find(|n| n.as_rule() == Rule::number) {
                    l.confidence = Some((n.as_str().to_owned(), self.span(&n)));
                }
            }
            Rule::description_setting => {
                let t = self.first_text(x);
                if l.locale.is_none() || bot_description.is_none() {
                    *bot_description = t.clone();
                }
                l.description = t;
            }
            Rule::slot_type_decl => l.slot_types.push(self.slot_type(x)),
            Rule::intent_decl => l.intents.push(self.intent(x)),
            Rule::block_junk => self.junk(&x, Context::Bot),
            _ => {}
        }
    }

    fn slot_type(&mut self, p: P<'_>) -> SlotTypeDecl {
        self.check_closed(&p, "slot type");
        let span = self.span(&p);
        let mut d = SlotTypeDecl {
            name: Ident {
                text: Name::default(),
                span,
            },
            values: Vec::new(),
            resolution: None,
            span,
        };
        let mut named = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if !named => {
                    d.name = self.ident(&c);
                    named = true;
                }
                Rule::resolution_setting => {
                    d.resolution = c
                        .into_inner()
                        .find(|x| x.as_rule() == Rule::name)
                        .map(|n| self.ident(&n))
                }
                Rule::slot_value => {
                    let mut texts = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::string)
                        .map(|s| self.text(&s))
                        .collect::<Vec<_>>()
                        .into_iter();
                    if let Some(value) = texts.next() {
                        d.values.push(SlotValue {
                            value,
                            synonyms: texts.collect(),
                        });
                    }
                }
                Rule::block_junk => self.junk(&c, Context::SlotType),
                _ => {}
            }
        }
        d
    }

    fn intent(&mut self, p: P<'_>) -> IntentDecl {
        self.check_closed(&p, "intent");
        let span = self.span(&p);
        let mut d = IntentDecl {
            name: Ident {
                text: Name::default(),
                span,
            },
            utterances: Vec::new(),
            slots: Vec::new(),
            confirm: None,
            decline: None,
            description: None,
            span,
        };
        let mut named = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if !named => {
                    d.name = self.ident(&c);
                    named = true;
                }
                Rule::utterance => {
                    if let Some(t) = self.first_text(c) {
                        d.utterances.push(t);
                    }
                }
                Rule::slot_decl => {
                    let sspan = self.span(&c);
                    let mut name = None;
                    let mut type_name = None;
                    let mut prompt = None;
                    let mut required = true;
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::name if name.is_none() => name = Some(self.ident(&x)),
                            Rule::type_name => type_name = Some(self.ident(&x)),
                            Rule::slot_option => {
                                let inner: Vec<_> = x.into_inner().collect();
                                match inner.first().map(Pair::as_rule) {
                                    Some(Rule::kw_optional) => required = false,
                                    Some(Rule::kw_required) => required = true,
                                    _ => prompt = self.text_in(&inner),
                                }
                            }
                            _ => {}
                        }
                    }
                    if let (Some(name), Some(type_name)) = (name, type_name) {
                        d.slots.push(SlotDecl {
                            name,
                            type_name,
                            prompt,
                            required,
                            span: sspan,
                        });
                    }
                }
                Rule::confirm_setting => d.confirm = self.first_text(c),
                Rule::decline_setting => d.decline = self.first_text(c),
                Rule::description_setting => d.description = self.first_text(c),
                Rule::block_junk => self.junk(&c, Context::Intent),
                _ => {}
            }
        }
        d
    }
}

/// The children of an `arrow_target` (arrow and target), or the pair itself.
fn arrow_target_inner(p: P<'_>) -> Vec<P<'_>> {
    if p.as_rule() == Rule::arrow_target {
        p.into_inner().collect()
    } else {
        vec![p]
    }
}

fn literal_help(why: &str) -> String {
    if why.contains("duration") {
        "durations are written like `8s`, `500ms`, `2m` or `1h`".to_owned()
    } else if why.contains("date") || why.contains("range") {
        "dates are written `YYYY-MM-DD`; a range is `2026-12-29 .. 2027-01-03`".to_owned()
    } else if why.contains("time") {
        "times of day are written `HH:MM`, from `00:00` to `24:00`".to_owned()
    } else if why.contains("percentage") {
        "write a whole percentage such as `50%`".to_owned()
    } else {
        "use a smaller whole number".to_owned()
    }
}

/// The span from the first to the last keyword token at the start of a statement.
fn keyword_span(file: FileId, parts: &[P<'_>]) -> Option<Span> {
    let kws: Vec<_> = parts
        .iter()
        .take_while(|p| {
            format!("{:?}", p.as_rule()).starts_with("kw_")
                || p.as_rule() == Rule::arrow
                || p.as_rule() == Rule::arrow_target
        })
        .collect();
    let first = kws.first()?.as_span();
    let last = kws.last()?.as_span();
    Some(Span::new(file, first.start(), last.end()))
}
