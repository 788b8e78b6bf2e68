//! A step and its statements, one per action: a native statement when one reproduces the
//! action exactly, a `connect` statement otherwise. A step has several actions only when it is
//! retried (`retries.rs`); each falls through to the next, so it writes no `-> step` to it.

use std::fmt::Write as _;

use super::names::Steps;
use super::text::{json_block, string};
use crate::connect::{Action, ActionKind, ErrorType, FlowType, Operand, Operator, Scalar};

/// Writes `name { statements }` for `actions` (the step's first action, then the ones it falls
/// through to). True when a statement leaves out an error branch that lowering would send to
/// the flow's `on error` (an error the action has no branch for): with `on error` written, the
/// step would not compile back to the same actions.
pub(crate) fn write_step(
    out: &mut String,
    actions: &[&Action],
    steps: &Steps,
    kind: FlowType,
) -> bool {
    let name = actions
        .first()
        .and_then(|a| steps.name(&a.identifier))
        .unwrap_or("unnamed");
    let _ = writeln!(out, "  {name} {{");
    let mut defaulted = false;
    for action in actions {
        defaulted |= write_statement(out, action, steps, kind);
    }
    out.push_str("  }\n");
    defaulted
}

/// One action as one statement; true when it would take `on error` as a default.
fn write_statement(out: &mut String, action: &Action, steps: &Steps, kind: FlowType) -> bool {
    let (body, defaulted) = match native(action, steps, kind) {
        // `branch` sends no error to `on error`: a value no pattern matches falls through.
        Some(body) if matches!(action.kind, ActionKind::Compare(_)) => (body, false),
        // The other statements send every error their action can raise that they do not
        // write to `on error`: `say`, `set` and `menu` theirs (`lower/statement.rs`), `connect`
        // those of the type.
        Some(body) => (body, takes_default(action, steps)),
        None => (raw(action, steps), takes_default(action, steps)),
    };
    out.push_str(&body);
    defaulted
}

/// True when the action can raise an error it has no written branch for (a branch to an
/// action the flow lacks is not written).
fn takes_default(a: &Action, steps: &Steps) -> bool {
    a.error_types().any(|e| {
        !a.transitions
            .errors
            .iter()
            .any(|b| b.error_type == *e && target(steps, &b.next_action).is_some())
    })
}

/// The step name of a target, or `None` when the flow has no such action.
fn target<'a>(steps: &'a Steps, id: &str) -> Option<&'a str> {
    steps.name(id)
}

/// `-> step` for the `NextAction`, when there is one and it is not the next statement.
fn goto(steps: &Steps, action: &Action) -> String {
    match action
        .transitions
        .next_action
        .as_deref()
        .filter(|n| !steps.falls_through_to(n))
        .and_then(|n| target(steps, n))
    {
        Some(n) => format!("    -> {n}\n"),
        None => String::new(),
    }
}

/// The error branches as outcomes, mapping error types to the statement's outcome words;
/// `None` when a branch has no word in this statement.
fn error_outcomes(
    steps: &Steps,
    action: &Action,
    words: &[(ErrorType, &str)],
) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut seen: Vec<&ErrorType> = Vec::new();
    for e in &action.transitions.errors {
        let (_, word) = words.iter().find(|(t, _)| *t == e.error_type)?;
        if seen.contains(&&e.error_type) {
            continue;
        }
        seen.push(&e.error_type);
        if let Some(t) = target(steps, &e.next_action) {
            out.push(format!("{word} -> {t}"));
        }
    }
    Some(out)
}

fn braces(outcomes: &[String]) -> String {
    if outcomes.is_empty() {
        String::new()
    } else {
        let mut s = String::from(" {\n");
        for o in outcomes {
            let _ = writeln!(s, "      {o}");
        }
        s.push_str("    }");
        s
    }
}

/// Text or SSML exactly as `say`/`menu` would write it.
pub(super) fn prompt(text: Option<&Scalar>, ssml: Option<&Scalar>) -> Option<String> {
    match (text, ssml) {
        (Some(Scalar::String(t)), None) if !t.trim_start().starts_with("<speak") => Some(string(t)),
        (None, Some(Scalar::String(s))) if s.trim_start().starts_with("<speak") => Some(string(s)),
        _ => None,
    }
}

fn no_conditions(a: &Action) -> bool {
    a.transitions.conditions.is_empty() && a.transitions.extra.is_empty()
}

fn terminal_shape(a: &Action) -> bool {
    let t = &a.transitions;
    t.next_action.is_none() && t.errors.is_empty() && t.conditions.is_empty() && t.extra.is_empty()
}

fn native(a: &Action, steps: &Steps, kind: FlowType) -> Option<String> {
    if !a.extra.is_empty() {
        return None;
    }
    let nme = [(ErrorType::NoMatchingError, "error")];
    match &a.kind {
        ActionKind::MessageParticipant(p) => {
            if !p.extra.is_empty()
                || p.prompt_id.is_some()
                || p.media.is_some()
                || !no_conditions(a)
            {
                return None;
            }
            let text = prompt(p.text.as_ref(), p.ssml.as_ref())?;
            let errs = error_outcomes(steps, a, &nme)?;
            Some(format!(
                "    say {text}{}\n{}",
                braces(&errs),
                goto(steps, a)
            ))
        }
        ActionKind::MessageParticipantIteratively(p) => {
            // `repeat`: text and SSML messages only, no `NextAction` (the loop never just
            // ends), and an interruption exactly when there is a `MessagesInterrupted` branch.
            let t = &a.transitions;
            let queue = kind == FlowType::CustomerQueue;
            if !p.extra.is_empty()
                || !matches!(
                    kind,
                    FlowType::CustomerQueue | FlowType::CustomerHold | FlowType::AgentHold
                )
                || t.next_action.is_some()
                || !t.extra.is_empty()
            {
                return None;
            }
            let mut prompts = Vec::new();
            for m in p.messages.as_deref()? {
                if !m.extra.is_empty() || m.prompt_id.is_some() || m.media.is_some() {
                    return None;
                }
                prompts.push(prompt(m.text.as_ref(), m.ssml.as_ref())?);
            }
            if prompts.is_empty() {
                return None;
            }
            let mut outcomes = Vec::new();
            match (&p.interrupt_frequency_seconds, t.conditions.as_slice()) {
                (None, []) => {}
                (Some(Scalar::String(s)), [c])
                    if queue
                        && s.parse::<u64>().is_ok_and(|n| n > 0 && n.to_string() == *s)
                        && c.operator == Operator::Equals
                        && c.operand_text() == Some("MessagesInterrupted")
                        && c.extra.is_empty() =>
                {
                    outcomes.push(format!("every {s}s -> {}", target(steps, &c.next_action)?));
                }
                _ => return None,
            }
            outcomes.extend(error_outcomes(steps, a, &nme)?);
            Some(format!(
                "    repeat {}{}\n",
                prompts.join(", "),
                braces(&outcomes)
            ))
        }
        ActionKind::GetParticipantInput(p) => {
            let plain = p.extra.is_empty()
                && p.prompt_id.is_none()
                && p.media.is_none()
                && p.input_validation.is_none()
                && p.input_encryption.is_none()
                && p.dtmf_configuration.is_none()
                && p.store_input == Some(Scalar::string("False"));
            if !plain || !a.transitions.extra.is_empty() {
                return None;
            }
            let text = prompt(p.text.as_ref(), p.ssml.as_ref())?;
            let seconds = match &p.input_time_limit_seconds {
                Some(Scalar::String(s))
                    if s.parse::<u64>().is_ok_and(|n| n > 0 && n.to_string() == *s) =>
                {
                    s.clone()
                }
                _ => return None,
            };
            let mut outcomes = Vec::new();
            let mut keys: Vec<&str> = Vec::new();
            for c in &a.transitions.conditions {
                let key = c.operand_text()?;
                let valid = c.operator == Operator::Equals
                    && key.chars().count() == 1
                    && key
                        .chars()
                        .all(|k| k.is_ascii_digit() || k == '*' || k == '#');
                if !valid {
                    return None;
                }
                if keys.contains(&key) {
                    continue;
                }
                keys.push(key);
                if let Some(t) = target(steps, &c.next_action) {
                    outcomes.push(format!("press {key} -> {t}"));
                }
            }
            if outcomes.is_empty() {
                return None;
            }
            outcomes.extend(error_outcomes(
                steps,
                a,
                &[
                    (ErrorType::InputTimeLimitExceeded, "timeout"),
                    (ErrorType::NoMatchingCondition, "invalid"),
                    (ErrorType::NoMatchingError, "error"),
                ],
            )?);
            Some(format!(
                "    menu {text} timeout {seconds}s{}\n",
                braces(&outcomes)
            ))
        }
        ActionKind::Compare(p) => {
            let Some(Scalar::String(path)) = &p.comparison_value else {
                return None;
            };
            if !p.extra.is_empty() || !raw_reference(path) || !a.transitions.extra.is_empty() {
                return None;
            }
            let mut outcomes: Vec<String> = Vec::new();
            for c in &a.transitions.conditions {
                let v = c.operand_text()?;
                let pattern = match c.operator {
                    Operator::Equals => string(v),
                    Operator::TextContains => format!("contains {}", string(v)),
                    Operator::TextStartsWith => format!("starts with {}", string(v)),
                    Operator::TextEndsWith => format!("ends with {}", string(v)),
                    Operator::NumberGreaterThan if number(v) => format!("> {v}"),
                    Operator::NumberGreaterOrEqualTo if number(v) => format!(">= {v}"),
                    Operator::NumberLessThan if number(v) => format!("< {v}"),
                    Operator::NumberLessOrEqualTo if number(v) => format!("<= {v}"),
                    _ => return None,
                };
                if outcomes
                    .iter()
                    .any(|o| o.starts_with(&format!("{pattern} ->")))
                {
                    continue;
                }
                if let Some(t) = target(steps, &c.next_action) {
                    outcomes.push(format!("{pattern} -> {t}"));
                }
            }
            outcomes.extend(error_outcomes(
                steps,
                a,
                &[(ErrorType::NoMatchingCondition, "else")],
            )?);
            if outcomes.is_empty() {
                return None;
            }
            Some(format!("    branch {path}{}\n", braces(&outcomes)))
        }
        ActionKind::UpdateContactAttributes(p) => {
            let attrs = p.attributes.as_ref().filter(|m| !m.is_empty())?;
            if !p.extra.is_empty()
                || p.target_contact != Some(Scalar::string("Current"))
                || !no_conditions(a)
            {
                return None;
            }
            let mut parts = Vec::new();
            for (k, v) in attrs {
                let Scalar::String(v) = v else { return None };
                if !attribute_key(k) {
                    return None;
                }
                let value = if raw_reference(v) {
                    v.to_string()
                } else {
                    string(v)
                };
                parts.push(format!("${k} = {value}"));
            }
            let errs = error_outcomes(steps, a, &nme)?;
            Some(format!(
                "    set {}{}\n{}",
                parts.join(", "),
                braces(&errs),
                goto(steps, a)
            ))
        }
        ActionKind::DisconnectParticipant(p) if p.is_empty() && terminal_shape(a) => {
            Some("    hang up\n".to_owned())
        }
        ActionKind::EndFlowExecution(p)
            if p.is_empty()
                && terminal_shape(a)
                && (kind.is_whisper() || kind.is_hold() || kind == FlowType::CustomerQueue) =>
        {
            Some("    end\n".to_owned())
        }
        ActionKind::EndFlowModuleExecution(p)
            if p.is_empty() && terminal_shape(a) && kind == FlowType::Module =>
        {
            Some("    return\n".to_owned())
        }
        ActionKind::TransferContactToAgent(p)
            if p.is_empty() && terminal_shape(a) && kind.is_transfer() =>
        {
            Some("    transfer to agent\n".to_owned())
        }
        _ => None,
    }
}

/// A `$.…` path the parser reads as one raw reference.
fn raw_reference(s: &str) -> bool {
    s.len() > 2
        && s.starts_with("$.")
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, ',' | '{' | '}' | '(' | ')' | '"'))
}

fn number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next();
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

/// A contact attribute key that reads back as `$key`, not as a namespace.
fn attribute_key(k: &str) -> bool {
    const NAMESPACES: &[&str] = &[
        "caller", "system", "result", "slot", "intent", "input", "profile", "queue", "flow",
        "metrics", "env",
    ];
    k.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && !NAMESPACES.contains(&k)
}

/// `connect "Type" """{json}""" { next -> a  Error -> b  Operator "x" -> c }`.
fn raw(a: &Action, steps: &Steps) -> String {
    let params = a.kind.parameters_json();
    let compact = serde_json::to_string(&params).unwrap_or_else(|_| "{}".to_owned());
    let json = if compact.chars().count() <= 72 {
        compact
    } else {
        serde_json::to_string_pretty(&params).unwrap_or(compact)
    };
    let mut s = format!(
        "    connect {} {}",
        string(a.type_name()),
        json_block(&json, "      ")
    );
    let t = &a.transitions;
    let mut outcomes = Vec::new();
    let mut notes = Vec::new();
    if let Some(n) = t
        .next_action
        .as_ref()
        .filter(|n| !steps.falls_through_to(n))
    {
        match target(steps, n) {
            Some(name) => outcomes.push(format!("next -> {name}")),
            None => notes.push(format!("// NextAction {n:?} names no action of this flow")),
        }
    }
    let mut errors_seen: Vec<&ErrorType> = Vec::new();
    for e in &t.errors {
        if errors_seen.contains(&&e.error_type) {
            continue;
        }
        errors_seen.push(&e.error_type);
        match target(steps, &e.next_action) {
            Some(name) => outcomes.push(format!("{} -> {name}", e.error_type.name())),
            None => notes.push(format!(
                "// {} goes to {:?}, which is no action of this flow",
                e.error_type.name(),
                e.next_action
            )),
        }
    }
    let mut conditions_seen: Vec<(String, String)> = Vec::new();
    for c in &t.conditions {
        let operand = match c.operands.as_slice() {
            [Operand::Text(v)] => v.to_string(),
            _ => {
                notes.push(format!(
                    "// a {} condition with operands Dialect cannot write was left out",
                    c.operator.name()
                ));
                continue;
            }
        };
        let key = (c.operator.name().to_owned(), operand.clone());
        if conditions_seen.contains(&key) {
            continue;
        }
        conditions_seen.push(key);
        match target(steps, &c.next_action) {
            Some(name) => outcomes.push(format!(
                "{} {} -> {name}",
                c.operator.name(),
                string(&operand)
            )),
            None => notes.push(format!(
                "// condition {} {operand:?} goes to {:?}, which is no action of this flow",
                c.operator.name(),
                c.next_action
            )),
        }
    }
    s.push_str(&braces(&outcomes));
    s.push('\n');
    for n in notes {
        let _ = writeln!(s, "    {n}");
    }
    s
}
