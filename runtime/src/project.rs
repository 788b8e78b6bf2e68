//! A compiled `.dial` project as something to simulate: every flow and module lowered with
//! test values for the outside world ([`TestExternals`]), the bots, a [`World`] that matches
//! the project (its hours, calendars and queues), and each `test "..."` as a [`Scenario`].
//!
//! ```text
//! resolve::Model --program()--> Program (flows named as in .dial, ARNs as aliases, bots)
//! resolve::Test  --scenario()--> Scenario (world from the test's lines, caller steps, expectations)
//! ```
//!
//! Resources get ARNs that end with their `.dial` name (`…/queue/Orders`,
//! `…:function:order-reserve-stock`), so expectations and mocks match them by name.

use dialect_compiler::connect::ErrorType;
use dialect_compiler::lex::{BotOptions, lower_bots};
use dialect_compiler::lower::{self, ExternalKind, Externals, LoweredFlow};
use dialect_compiler::resolve::{
    FlowKind, Mock, Model, QueueFactKind, Test, TestExpect, TestLine, TestNumber, TestProfile,
};
use jiff::civil::Date;
use serde_json::{Map, Value};

use crate::expect::{Expectation, Line, Scenario};
use crate::faults::Fault;
use crate::hours::{HoursOfOperation, TimeRange};
use crate::mocks::{LambdaBehavior, LambdaMock};
use crate::profiles::Profiles;
use crate::program::Program;
use crate::script::Step;
use crate::trace::Outcome;
use crate::world::{Clock, Queue, World};

const ACCOUNT: &str = "arn:aws:connect:sim:000000000000:instance/dialect";

/// ARNs and values for simulation: each ends with the name it stands for.
#[derive(Debug, Clone, Copy, Default)]
pub struct TestExternals;

impl Externals for TestExternals {
    fn lookup(&self, kind: ExternalKind, name: &str) -> Option<String> {
        Some(match kind {
            ExternalKind::Queue => queue_arn(name),
            ExternalKind::Lambda => format!("arn:aws:lambda:sim:000000000000:function:{name}"),
            ExternalKind::Bot => bot_alias(name),
            ExternalKind::Flow => flow_arn(name),
            ExternalKind::Hours => hours_arn(name),
            ExternalKind::Key => format!("sim-key-{name}"),
            ExternalKind::KeyCertificate => format!("sim-certificate-{name}"),
            ExternalKind::Value => format!("sim-value-{name}"),
        })
    }
}

fn bot_alias(name: &str) -> String {
    format!("arn:aws:lex:sim:000000000000:bot-alias/{name}/live")
}

pub(crate) fn hours_arn(name: &str) -> String {
    format!("{ACCOUNT}/operating-hours/{name}")
}

fn flow_arn(name: &str) -> String {
    format!("{ACCOUNT}/contact-flow/{name}")
}

fn queue_arn(name: &str) -> String {
    format!("{ACCOUNT}/queue/{name}")
}

/// Every flow and module of `model` (in model order, so flow `i` of the model is flow `i` of
/// the program) and every bot.
#[must_use]
pub fn program(model: &Model) -> Program {
    program_and_flows(model).0
}

/// [`program`], with the lowered flows it was compiled from (their steps and spans, for
/// reports that speak of steps rather than actions).
#[must_use]
pub fn program_and_flows(model: &Model) -> (Program, Vec<LoweredFlow>) {
    let lowered = lower::lower(model, &TestExternals);
    let mut b = Program::builder();
    for f in &lowered.flows {
        b = b.flow_with_aliases(f.name.clone(), vec![flow_arn(&f.name)], f.flow.clone());
    }
    let (bots, _) = lower_bots(model, &BotOptions::default());
    for bot in bots {
        let alias = bot_alias(&bot.name);
        b = b.bot(bot.bot, vec![alias]);
    }
    (b.build(), lowered.flows)
}

/// The world of the project: its hours (with their calendars) and the hours derived from
/// calendars, its queues, open and staffed; nobody's profile; Lambdas answer `{}`.
#[must_use]
pub fn world(model: &Model) -> World {
    let mut w = World::default();
    for h in &model.hours {
        let mut hours = HoursOfOperation::always_open(hours_arn(&h.name));
        hours.time_zone.clone_from(&h.timezone);
        hours.weekly = std::array::from_fn(|d| {
            h.week[d]
                .iter()
                .map(|&(start, end)| TimeRange { start, end })
                .collect()
        });
        for c in &h.closed_on {
            let cal = model.calendar(*c);
            for e in &cal.entries {
                let name = e.reason.clone().unwrap_or_else(|| cal.name.clone());
                hours = closed(hours, e.from, e.to, &name);
            }
        }
        w.hours.push(hours);
    }
    for d in lower::derived_hours(model) {
        let mut hours = HoursOfOperation::always_open(hours_arn(&d.name));
        hours.time_zone.clone_from(&d.timezone);
        for (from, to, reason) in &d.closed {
            hours = closed(hours, *from, *to, reason.as_deref().unwrap_or(&d.name));
        }
        w.hours.push(hours);
    }
    for q in &model.queues {
        let mut queue = Queue::new(queue_arn(&q.name));
        queue.name.clone_from(&q.name);
        queue.hours = q.hours.map(|h| hours_arn(&model.hours_of(h).name));
        w.queues.push(queue);
    }
    w
}

/// Adds every day from `from` to `to` as a closed override.
fn closed(
    mut hours: HoursOfOperation,
    from: dialect_compiler::syntax::ast::Date,
    to: dialect_compiler::syntax::ast::Date,
    name: &str,
) -> HoursOfOperation {
    let date = |d: dialect_compiler::syntax::ast::Date| {
        Date::new(
            i16::try_from(d.year).unwrap_or(i16::MAX),
            i8::try_from(d.month).unwrap_or(1),
            i8::try_from(d.day).unwrap_or(1),
        )
    };
    if let (Ok(from), Ok(to)) = (date(from), date(to)) {
        hours.overrides.push(crate::hours::HoursOverride {
            name: name.to_owned(),
            from,
            to,
            hours: Vec::new(),
        });
    }
    hours
}

/// The time zone tests use when they give none: the project's first hours', else Tokyo.
fn default_zone(model: &Model) -> &str {
    model
        .hours
        .first()
        .map_or("Asia/Tokyo", |h| h.timezone.as_str())
}

/// One `test` as a scenario over [`program`]`(model)` and [`world`]`(model)`.
///
/// # Errors
/// When the test's clock cannot be read (an impossible local time).
pub fn scenario(model: &Model, test: &Test) -> Result<Scenario, String> {
    let mut w = world(model);
    if let Some(c) = &test.clock {
        let zone = c.zone.as_deref().unwrap_or_else(|| default_zone(model));
        let local = format!("{} {:02}:{:02}", c.date, c.minutes / 60, c.minutes % 60);
        w.clock = Clock::at(&local, zone)?;
    }
    match &test.caller {
        None => w = w.withheld(),
        Some(n) if !n.is_empty() => w.caller = Some(n.clone()),
        Some(_) => {}
    }
    for (integration, mock, _) in &test.mocks {
        let function = &model.integration(*integration).lambda;
        let behavior = match mock {
            Mock::Returns(fields) => LambdaBehavior::Returns(Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect::<Map<_, _>>(),
            )),
            Mock::Malformed => LambdaBehavior::Malformed("not a JSON object".to_owned()),
            Mock::Fails => LambdaBehavior::Fails("mocked failure".to_owned()),
            Mock::TimesOut => LambdaBehavior::TimesOut,
        };
        match w.lambdas.iter_mut().find(|l| &l.function == function) {
            Some(l) => l.answers.push(behavior),
            None => w.lambdas.push(LambdaMock {
                function: function.clone(),
                answers: vec![behavior],
            }),
        }
    }
    for tq in &test.queues {
        let name = &model.queue(tq.queue).name;
        let arn = queue_arn(name);
        let Some(q) = w.queues.iter_mut().find(|q| q.id == arn) else {
            continue;
        };
        for fact in &tq.facts {
            let m = &mut q.metrics;
            match *fact {
                QueueFactKind::Full => q.at_capacity = true,
                QueueFactKind::Waiting(n) => m.contacts_in_queue = n,
                QueueFactKind::OldestWait(n) => m.oldest_contact_age_seconds = n,
                QueueFactKind::Agents(n) => {
                    m.agents_online = n;
                    m.agents_staffed = n;
                    m.agents_available = n;
                }
                QueueFactKind::Available(n) => m.agents_available = n,
                QueueFactKind::Staffed(n) => m.agents_staffed = n,
                QueueFactKind::Online(n) => m.agents_online = n,
            }
        }
    }
    for fault in &test.faults {
        w.faults.push(Fault::new(
            model.flow(fault.flow).name.clone(),
            fault.id.clone(),
            ErrorType::from_name(&fault.error),
        ));
    }
    if let Some(status) = &test.call_status {
        w.outbound_call_status.clone_from(status);
    }
    if let Some(s) = test.agent_answers_after_s {
        w.agent_answers_after_s = s;
    }
    let phone = w.caller.clone().unwrap_or_default();
    w.profiles = match &test.profile {
        TestProfile::Default | TestProfile::NotFound => Profiles::default(),
        TestProfile::Multiple => Profiles {
            columns: vec!["PhoneNumber".to_owned()],
            rows: vec![vec![phone.clone()], vec![phone]],
        },
        TestProfile::Fields(fields) => {
            let mut columns = vec!["PhoneNumber".to_owned()];
            let mut row = vec![phone];
            for (k, v) in fields {
                columns.push(k.clone());
                row.push(v.clone());
            }
            Profiles {
                columns,
                rows: vec![row],
            }
        }
    };
    let flow = model.flow(test.flow);
    // `expect end`: the end of the flow the test calls, or of the module it starts in.
    let ends = if flow.kind == FlowKind::Module {
        Outcome::ModuleEnded
    } else {
        Outcome::FlowEnded
    };
    let mut lines = Vec::new();
    for l in &test.lines {
        lines.push(match l {
            TestLine::Says(t, _) => Line::Caller(Step::Say(t.clone())),
            TestLine::Presses(k, _) => Line::Caller(Step::Press(k.clone())),
            TestLine::Silent(_) => Line::Caller(Step::Silent),
            TestLine::HangsUp(_) => Line::Caller(Step::HangUp),
            TestLine::Expect(e, _) => Line::Expect(expectation(model, e, &ends)),
        });
    }
    Ok(Scenario {
        name: test.name.clone(),
        flow: flow.name.clone(),
        world: w,
        lines,
    })
}

fn expectation(model: &Model, e: &TestExpect, ends: &Outcome) -> Expectation {
    match e {
        TestExpect::Say { text, containing } => {
            if *containing {
                Expectation::SayContaining(text.clone())
            } else {
                Expectation::Say(text.clone())
            }
        }
        TestExpect::TransferQueue { queue, whisper } => Expectation::TransferQueue {
            queue: model.queue(*queue).name.clone(),
            whisper: whisper.map(|w| model.flow(w).name.clone()),
        },
        TestExpect::TransferFlow(f) => Expectation::TransferFlow(model.flow(*f).name.clone()),
        TestExpect::TransferNumber(n) => Expectation::TransferNumber(match n {
            TestNumber::Literal(n) => n.clone(),
            TestNumber::Env(name) => TestExternals
                .lookup(ExternalKind::Value, name)
                .unwrap_or_default(),
        }),
        TestExpect::Attribute { attribute, value } => {
            let key = attribute
                .connect
                .strip_prefix("$.Attributes.")
                .unwrap_or(&attribute.dial);
            Expectation::Attribute(key.to_owned(), value.clone())
        }
        TestExpect::Call { integration, args } => Expectation::Call {
            function: model.integration(*integration).lambda.clone(),
            payload: args.clone(),
        },
        TestExpect::Intent(i) => Expectation::Intent(i.clone()),
        TestExpect::HangUp => Expectation::HangUp,
        TestExpect::End => Expectation::Ends(ends.clone()),
        TestExpect::Return { module, outcome } => Expectation::Return {
            module: model.flow(*module).name.clone(),
            outcome: outcome.clone(),
        },
        TestExpect::No(e) => Expectation::Absent(Box::new(expectation(model, e, ends))),
    }
}
