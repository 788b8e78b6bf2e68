//! Turns junk (text the grammar could not place) into a precise diagnostic.
//!
//! The grammar accepts any bad line as junk so that parsing goes on. To say what was wrong, we
//! parse again from the start of the junk with the rule that was expected in that context (a
//! "probe"), and report pest's furthest failure: its position and the rules it expected there,
//! renamed to what a designer reads (`expected a string, found \`}\``).

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

use super::parser::{DialectParser, Rule};
use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, Span};

/// Where the junk was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    TopLevel,
    Flow,
    Step,
    Outcomes,
    Bot,
    Integration,
    Queue,
    Hours,
    Calendar,
    SlotType,
    Intent,
    Test,
}

impl Context {
    fn probe(self) -> Rule {
        match self {
            Context::TopLevel => Rule::probe_item,
            Context::Flow => Rule::probe_flow_member,
            Context::Step => Rule::probe_statement,
            Context::Outcomes => Rule::probe_outcome,
            Context::Bot => Rule::probe_bot_member,
            Context::Integration => Rule::probe_integration_member,
            Context::Queue => Rule::probe_queue_member,
            Context::Hours => Rule::probe_hours_member,
            Context::Calendar => Rule::probe_calendar_member,
            Context::SlotType => Rule::probe_slot_type_member,
            Context::Intent => Rule::probe_intent_member,
            Context::Test => Rule::probe_test_member,
        }
    }

    /// What belongs here, for messages.
    fn what(self) -> &'static str {
        match self {
            Context::TopLevel => {
                "a declaration (`flow`, `bot`, `integration`, `queue`, `hours`, `calendar`, `test` or `use`)"
            }
            Context::Flow => {
                "a flow setting (`kind`, `voice`, `on error`, `description`, `logging`, `returns`) or a step (`name { ... }`)"
            }
            Context::Step => "a statement",
            Context::Outcomes => "an outcome (`pattern -> step`)",
            Context::Bot => "a bot setting, `slot type` or `intent`",
            Context::Integration => "`lambda`, `timeout`, `returns` or `description`",
            Context::Queue => "`hours` or `description`",
            Context::Hours => "`timezone`, a weekly rule (`mon-fri 09:00-18:00`) or `closed on`",
            Context::Calendar => "a dated entry (`2027-01-01 holiday \"元日\"`)",
            Context::SlotType => "a value (`\"りんご\" = \"林檎\"`) or `resolution`",
            Context::Intent => "`utterance`, `slot`, `confirm`, `decline` or `description`",
            Context::Test => {
                "a test line (`flow`, `at`, `caller`, `mock`, `queue`, `profile`, `check call`, `fail` or `expect`)"
            }
        }
    }

    /// The words that may start an element here, for "did you mean".
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Context::TopLevel => &[
                "flow",
                "bot",
                "integration",
                "queue",
                "hours",
                "calendar",
                "test",
                "use",
            ],
            Context::Flow => &["kind", "voice", "on", "description", "logging", "returns"],
            Context::Step => super::STMT_KEYWORDS,
            Context::Outcomes => &["intent", "press", "else", "error", "timeout"],
            Context::Bot => &[
                "locale",
                "voice",
                "confidence",
                "description",
                "slot",
                "intent",
            ],
            Context::Integration => &["lambda", "timeout", "returns", "description"],
            Context::Queue => &["hours", "description"],
            Context::Hours => &[
                "timezone", "closed", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
            ],
            Context::Calendar => &["description"],
            Context::SlotType => &["resolution"],
            Context::Intent => &["utterance", "slot", "confirm", "decline", "description"],
            Context::Test => &[
                "flow", "at", "caller", "mock", "queue", "profile", "check", "fail", "expect",
            ],
        }
    }
}

/// Builds the diagnostic for junk at `start..end` of `text`.
pub(crate) fn junk_diagnostic(
    file: FileId,
    text: &str,
    start: usize,
    end: usize,
    ctx: Context,
) -> Diagnostic {
    let rest = &text[start..];
    let probe = DialectParser::parse(ctx.probe(), rest);
    let (pos, expected) = match probe {
        Err(e) => {
            let pos = match e.location {
                InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
            };
            let expected = match &e.variant {
                ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
                ErrorVariant::CustomError { .. } => Vec::new(),
            };
            (start + pos, expected)
        }
        // The probe parsed something here, so the element is valid on its own but not in this
        // place (for example a statement directly inside a flow).
        Ok(_) => (start, Vec::new()),
    };
    let pos = pos.min(end.max(start));
    let found = token_at(text, pos);
    let found_span = Span::new(
        file,
        pos,
        pos + found.len().max(usize::from(pos < text.len())),
    );
    let first_word = leading_word(&text[start..end]);

    // An arrow with nothing after it.
    if let Some(arrow_at) = dangling_arrow(&text[start..end]) {
        let a = start + arrow_at;
        return Diagnostic::new(codes::MISSING_TARGET, "`->` has no target")
            .with_label(
                Span::new(file, a, a + 2),
                "expected a step name after this arrow",
            )
            .with_help(
                "name the step to go to, for example `-> goodbye`, or `-> retry 2 then to_agent`",
            );
    }

    let expected_text = if expected.is_empty() || pos == start {
        ctx.what().to_owned()
    } else {
        join_or(&expected)
    };
    let found_text = if found.is_empty() {
        "the end of the file".to_owned()
    } else {
        format!("`{found}`")
    };
    let mut d = Diagnostic::new(
        codes::UNEXPECTED_TOKEN,
        format!("expected {expected_text}, found {found_text}"),
    )
    .with_label(found_span, "unexpected here");
    if pos == start {
        if let Some(s) = suggest(first_word, ctx.keywords()) {
            d = d.with_help(format!("did you mean `{s}`?"));
        } else {
            d = d.with_help(format!(
                "{} cannot start with `{first_word}` here; see GRAMMAR.md",
                context_noun(ctx)
            ));
        }
    } else {
        d = d.with_help(format!("write {expected_text} here"));
    }
    if text[start..end].trim_end().contains('\n') && ctx != Context::TopLevel {
        d = d.with_secondary(Span::new(file, start, end), "this part was skipped");
    }
    d
}

fn context_noun(ctx: Context) -> &'static str {
    match ctx {
        Context::TopLevel => "a declaration",
        Context::Step => "a statement",
        Context::Outcomes => "an outcome",
        _ => "an entry",
    }
}

fn leading_word(s: &str) -> &str {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    if end == 0 {
        s.chars().next().map_or("", |c| &s[..c.len_utf8()])
    } else {
        &s[..end]
    }
}

/// The token at `pos` for "found ...": a word, or one character.
fn token_at(text: &str, pos: usize) -> &str {
    let rest = &text[pos..];
    let word_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if word_end > 0 {
        return &rest[..word_end];
    }
    if rest.starts_with("->") {
        return "->";
    }
    rest.chars().next().map_or("", |c| {
        if c == '\n' {
            "\n"
        } else {
            &rest[..c.len_utf8()]
        }
    })
}

fn dangling_arrow(junk: &str) -> Option<usize> {
    let i = junk.find("->")?;
    let after = junk[i + 2..].trim_start_matches([' ', '\t']);
    let next = after.chars().next();
    (next.is_none() || matches!(next, Some('\n' | '}' | '\r'))).then_some(i)
}

fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d > 0 && *d <= 2 && *d < c.len())
        .min()
        .map(|(_, c)| c)
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Renames grammar rules for people, deduplicated and in a stable order.
fn describe_expected(rules: &[Rule]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let statements = rules.iter().filter(|r| is_statement(**r)).count();
    if statements > 3 {
        out.push("a statement".to_owned());
    }
    for r in rules {
        if statements > 3 && is_statement(*r) {
            continue;
        }
        let s = rule_name(*r);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn is_statement(r: Rule) -> bool {
    matches!(
        r,
        Rule::say_stmt
            | Rule::ask_stmt
            | Rule::menu_stmt
            | Rule::input_stmt
            | Rule::call_stmt
            | Rule::set_stmt
            | Rule::branch_stmt
            | Rule::check_stmt
            | Rule::transfer_stmt
            | Rule::run_stmt
            | Rule::callback_stmt
            | Rule::hangup_stmt
            | Rule::return_stmt
            | Rule::end_stmt
            | Rule::dial_stmt
            | Rule::lookup_stmt
            | Rule::distribute_stmt
            | Rule::connect_stmt
            | Rule::goto_stmt
    )
}

/// The name of a rule as a designer reads it.
pub(crate) fn rule_name(r: Rule) -> String {
    let fixed = match r {
        Rule::name | Rule::pattern_word => "a name",
        Rule::string | Rule::text_block => "a string",
        Rule::int => "a whole number",
        Rule::number => "a number",
        Rule::duration => "a duration (`8s`)",
        Rule::percent => "a percentage (`50%`)",
        Rule::date => "a date (`2027-01-01`)",
        Rule::time | Rule::time_range => "a time (`09:00-18:00`)",
        Rule::reference => "a reference (`$name`)",
        Rule::value => "a value",
        Rule::locale_name => "a locale (`ja-JP`)",
        Rule::type_name => "a slot type",
        Rule::arrow | Rule::arrow_target => "`->`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::target | Rule::retry_target => "a step name",
        Rule::retry_saying => "`saying`",
        Rule::retry_no_then => "`then`",
        Rule::outcome | Rule::pattern | Rule::outcomes => "an outcome (`pattern -> step`)",
        Rule::compare_op => "a comparison (`>`, `<`, `=`)",
        Rule::pattern_value => "a value",
        Rule::args | Rule::arg => "arguments (`{ name: value }`)",
        Rule::step_decl => "a step (`name { ... }`)",
        Rule::weekly_rule | Rule::day_range => "a weekly rule (`mon-fri 09:00-18:00`)",
        Rule::calendar_entry => "a dated entry",
        Rule::slot_value => "a slot value",
        Rule::tz_name => "a time zone (`Asia/Tokyo`)",
        Rule::EOI => "the end of the file",
        Rule::hangup_stmt => "`hang up`",
        Rule::goto_stmt => "`-> step`",
        Rule::on_error_setting => "`on error`",
        Rule::transfer_queue => "`queue`",
        Rule::transfer_flow => "`flow`",
        Rule::transfer_number => "`number`",
        Rule::transfer_agent => "`agent`",
        Rule::slot_type_decl => "`slot type`",
        Rule::lookup_stmt => "`lookup profile`",
        Rule::run_stmt => "`run module`",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_owned();
    }
    let raw = format!("{r:?}");
    let word = raw
        .strip_prefix("kw_")
        .or_else(|| raw.strip_suffix("_stmt"))
        .or_else(|| raw.strip_suffix("_decl"))
        .or_else(|| raw.strip_suffix("_setting"))
        .or_else(|| raw.strip_suffix("_opt"))
        .unwrap_or(&raw);
    format!("`{}`", word.replace('_', " "))
}
