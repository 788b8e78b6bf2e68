//! Diagrams of `.dial` flows from the resolved model: nodes are steps, edges are outcomes.

use super::text::strip_tags;
use super::{Diagram, Edge, EdgeKind, Node, NodeKind};
use crate::resolve::{
    Action, FlowId, Hook, Model, OutcomeKind, Prompt, QueueMetric, Statement, Step, Target,
    ValueRef,
};

/// The diagram of every flow and module of `model`, in declaration order.
#[must_use]
pub fn from_model_all(model: &Model) -> Vec<Diagram> {
    (0..model.flows.len())
        .map(|i| from_model(model, FlowId(u32::try_from(i).unwrap_or(u32::MAX))))
        .collect()
}

/// The diagram of one flow. An id out of range gives an empty diagram rather than a panic.
#[must_use]
pub fn from_model(model: &Model, id: FlowId) -> Diagram {
    let Some(flow) = model.flows.get(id.index()) else {
        return Diagram {
            name: String::new(),
            kind: String::new(),
            description: None,
            nodes: Vec::new(),
            edges: Vec::new(),
        };
    };
    let mut d = Diagram {
        name: flow.name.clone(),
        kind: flow.kind.as_dial().to_owned(),
        description: flow.description.clone(),
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    d.nodes.push(Node {
        key: "(start)".to_owned(),
        kind: NodeKind::Start,
        title: "start".to_owned(),
        lines: Vec::new(),
        span: Some(flow.name_span),
        link: None,
    });
    // Steps first, so that step `i` is node `i + 1`.
    for step in &flow.steps {
        d.nodes.push(Node {
            key: step.name.clone(),
            kind: if ends_call(step) {
                NodeKind::Terminal
            } else {
                NodeKind::Step
            },
            title: step.name.clone(),
            lines: step
                .statements
                .iter()
                .filter_map(|s| summary(model, &s.action))
                .collect(),
            span: Some(step.span),
            link: None,
        });
    }
    let step_node = |s: crate::resolve::StepId| s.index() + 1;
    if !flow.steps.is_empty() {
        d.push_edge(Edge {
            from: 0,
            to: 1,
            kind: EdgeKind::Next,
            outcomes: vec![String::new()],
            label: String::new(),
            span: None,
        });
    }
    if let Some(target) = &flow.on_error {
        let (to, label) = target_of(target, "on error");
        if to.index() < flow.steps.len() {
            d.nodes.push(Node {
                key: "(on error)".to_owned(),
                kind: NodeKind::OnError,
                title: "unhandled errors".to_owned(),
                lines: Vec::new(),
                span: None,
                link: None,
            });
            let from = d.nodes.len() - 1;
            d.push_edge(Edge {
                from,
                to: step_node(to),
                kind: EdgeKind::Error,
                outcomes: vec!["on error".to_owned()],
                label,
                span: None,
            });
        }
    }
    for (i, step) in flow.steps.iter().enumerate() {
        let from = i + 1;
        for st in &step.statements {
            links(model, &mut d, from, st);
            for o in &st.outcomes {
                let outcome = o.kind.as_dial();
                let (to, label) = target_of(&o.target, &shown(&o.kind));
                if to.index() >= flow.steps.len() {
                    continue;
                }
                let kind = if is_error(&o.kind) {
                    EdgeKind::Error
                } else {
                    EdgeKind::Result
                };
                d.push_edge(Edge {
                    from,
                    to: step_node(to),
                    kind,
                    outcomes: vec![outcome],
                    label,
                    span: Some(o.span),
                });
            }
            if let Action::Goto(t) = &st.action {
                let (to, label) = target_of(t, "");
                if to.index() < flow.steps.len() {
                    d.push_edge(Edge {
                        from,
                        to: step_node(to),
                        kind: EdgeKind::Next,
                        outcomes: vec![String::new()],
                        label: label.trim().to_owned(),
                        span: Some(st.span),
                    });
                }
            }
        }
    }
    d
}

/// Where a target leads and how its edge is labelled.
fn target_of(t: &Target, outcome: &str) -> (crate::resolve::StepId, String) {
    match t {
        Target::Step(s) => (*s, outcome.to_owned()),
        // The re-prompt's text would crowd the picture: `saying …` says there is one.
        Target::Retry {
            count,
            then,
            saying: None,
        } => (*then, format!("{outcome} (retry {count})")),
        Target::Retry {
            count,
            then,
            saying: Some(_),
        } => (*then, format!("{outcome} (retry {count} saying …)")),
    }
}

/// The outcome as the designer wrote it: `wait > 5m` rather than the model's seconds.
fn shown(k: &OutcomeKind) -> String {
    if let OutcomeKind::Metric(QueueMetric::OldestContactAge, op, v) = k
        && let Ok(secs) = v.parse::<u64>()
    {
        let d = match secs {
            0 => "0s".to_owned(),
            s if s % 3600 == 0 => format!("{}h", s / 3600),
            s if s % 60 == 0 => format!("{}m", s / 60),
            s => format!("{s}s"),
        };
        return format!("wait {} {d}", op.as_str());
    }
    k.as_dial()
}

/// The error outcomes of GRAMMAR.md's table (drawn apart from results).
fn is_error(k: &OutcomeKind) -> bool {
    matches!(
        k,
        OutcomeKind::Error
            | OutcomeKind::Timeout
            | OutcomeKind::Invalid
            | OutcomeKind::Full
            | OutcomeKind::Failed
            | OutcomeKind::NotDialable
            | OutcomeKind::ConnectError(_)
    )
}

/// True when the step's last statement ends the call or the flow.
fn ends_call(step: &Step) -> bool {
    step.statements.last().is_some_and(|s| {
        matches!(
            s.action,
            Action::HangUp
                | Action::Return(_)
                | Action::End
                | Action::TransferAgent
                | Action::TransferQueue { .. }
        )
    })
}

/// Link edges for statements that lead to another flow.
fn links(model: &Model, d: &mut Diagram, from: usize, st: &Statement) {
    let name = |id: FlowId| model.flows.get(id.index()).map(|f| f.name.clone());
    let (target, label) = match &st.action {
        Action::TransferFlow(f) => (name(*f), "transfer".to_owned()),
        Action::RunModule { module, .. } => (name(*module), "run".to_owned()),
        Action::TransferQueue {
            whisper: Some(w), ..
        } => (name(*w), "whisper".to_owned()),
        Action::SetHook { hook, flow: f } => (name(*f), hook_name(*hook).to_owned()),
        _ => (None, String::new()),
    };
    if let Some(target) = target {
        let to = d.link_node(&target, Some(st.span));
        d.push_edge(Edge {
            from,
            to,
            kind: EdgeKind::Link,
            outcomes: vec![label.clone()],
            label,
            span: Some(st.span),
        });
    }
}

fn hook_name(h: Hook) -> &'static str {
    match h {
        Hook::CustomerQueue => "customer queue",
        Hook::CustomerHold => "customer hold",
        Hook::CustomerWhisper => "customer whisper",
        Hook::AgentHold => "agent hold",
        Hook::AgentWhisper => "agent whisper",
    }
}

/// What a prompt says, SSML tags removed.
fn said(p: &Prompt) -> String {
    let text = p.display();
    if p.ssml {
        strip_tags(&text)
    } else {
        super::text::fold_whitespace(&text)
    }
}

fn value(v: &ValueRef) -> String {
    match v {
        ValueRef::Text(p) => format!("\"{}\"", said(p)),
        ValueRef::Ref(r) => format!("${}", r.dial),
        ValueRef::Number(n) => n.clone(),
        ValueRef::Bool(b) => b.to_string(),
        ValueRef::Duration(ms) => format!("{ms}ms"),
        ValueRef::Env(n) => format!("$env.{n}"),
    }
}

/// One line per statement, in designer terms: what the caller hears or does. `None` for a goto
/// (its edge says it all).
fn summary(model: &Model, a: &Action) -> Option<String> {
    let flow = |id: FlowId| {
        model
            .flows
            .get(id.index())
            .map_or_else(|| "?".to_owned(), |f| f.name.clone())
    };
    let queue = |q: Option<crate::resolve::QueueId>| {
        q.and_then(|q| model.queues.get(q.index()))
            .map(|q| format!(" {}", q.name))
            .unwrap_or_default()
    };
    let quoted = |p: &Prompt| format!("\"{}\"", said(p));
    Some(match a {
        Action::Say(p) => format!("say {}", quoted(p)),
        Action::Ask { bot, prompt, .. } => {
            let bot = model.bots.get(bot.index()).map_or("?", |b| b.name.as_str());
            match prompt {
                Some(p) => format!("ask {bot} {}", quoted(p)),
                None => format!("ask {bot}"),
            }
        }
        Action::Menu { prompt, .. } => format!("menu {}", quoted(prompt)),
        Action::Repeat(list) => format!(
            "repeat {}",
            list.iter().map(quoted).collect::<Vec<_>>().join(", ")
        ),
        Action::Input(spec) => format!("input ${} {}", spec.into.dial, quoted(&spec.prompt)),
        Action::Call { integration, .. } => format!(
            "call {}",
            model
                .integrations
                .get(integration.index())
                .map_or("?", |i| i.name.as_str())
        ),
        Action::SetAttributes(list) => {
            let names: Vec<String> = list.iter().map(|(r, _)| format!("${}", r.dial)).collect();
            format!("set {}", names.join(", "))
        }
        Action::SetQueue(q) => format!("set queue{}", queue(Some(*q))),
        Action::SetHook { hook, flow: f } => format!("set {} flow {}", hook_name(*hook), flow(*f)),
        Action::SetVoice(v) => format!("set voice {} {}", v.locale, v.name),
        Action::SetPriority(p) => format!("set priority {p}"),
        Action::Branch(v) => format!("branch {}", value(v)),
        Action::CheckHours(h) => match h.and_then(|h| model.hours.get(h.index())) {
            Some(h) => format!("check hours {}", h.name),
            None => "check hours".to_owned(),
        },
        Action::CheckCalendar(c) => format!(
            "check calendar {}",
            model
                .calendars
                .get(c.index())
                .map_or("?", |c| c.name.as_str())
        ),
        Action::CheckQueue(q) => format!("check queue{}", queue(*q)),
        Action::CheckStaffing(q) => format!("check staffing{}", queue(*q)),
        Action::CheckCall => "check call".to_owned(),
        Action::TransferQueue { queue: q, whisper } => match whisper {
            Some(w) => format!("transfer to queue{} whisper {}", queue(*q), flow(*w)),
            None => format!("transfer to queue{}", queue(*q)),
        },
        Action::TransferFlow(f) => format!("transfer to flow {}", flow(*f)),
        Action::TransferNumber { number, .. } => format!("transfer to number {}", value(number)),
        Action::TransferAgent => "transfer to agent".to_owned(),
        Action::RunModule { module, .. } => format!("run module {}", flow(*module)),
        Action::Callback(spec) => format!("callback{}", queue(spec.queue)),
        Action::HangUp => "hang up".to_owned(),
        Action::Return(Some(n)) => format!("return {n}"),
        Action::Return(None) => "return".to_owned(),
        Action::End => "end".to_owned(),
        Action::Dial { .. } => "dial".to_owned(),
        Action::LookupProfile { by } => match by {
            Some((key, v)) => format!("lookup profile by {key} {}", value(v)),
            None => "lookup profile".to_owned(),
        },
        Action::Distribute => "distribute".to_owned(),
        Action::Connect { type_name, .. } => format!("connect {type_name}"),
        Action::Goto(_) => return None,
    })
}
