//! Scenarios: a world, the caller's steps and what must happen, interleaved as a test reads
//! (`expect say …`, `caller says …`, `expect transfer queue …`), and the matcher that checks a
//! trace against them and shows a readable diff when it does not match.
//!
//! Meaning of the order: an expectation written before a caller step must happen before the
//! simulator hears that step; expectations after the last step may happen any time after it.
//! Within one stretch expectations must occur in the order written. Events nobody expects are
//! allowed (a scenario states what matters, not every line).

use crate::coverage::{Both, Coverage};
use crate::interp::Session;
use crate::mocks::LambdaMock;
use crate::program::Program;
use crate::script::{Script, Step};
use crate::trace::{Event, Outcome, Trace, render_event};
use crate::world::{World, matches_id};

/// Something that must happen in a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    /// A prompt (of the flow or the bot) with exactly this text; SSML tags are ignored when
    /// the expected text has none.
    Say(String),
    /// A prompt containing this text.
    SayContaining(String),
    /// The contact is queued to this queue (id, ARN or name), optionally with a whisper (or
    /// other hook) flow whose id, ARN or name is given.
    TransferQueue {
        /// The queue.
        queue: String,
        /// A hook flow that must be set.
        whisper: Option<String>,
    },
    /// Control goes to this flow.
    TransferFlow(String),
    /// The call is transferred to this phone number.
    TransferNumber(String),
    /// A contact attribute is set to this value.
    Attribute(String, String),
    /// A Lambda is called with at least these parameters.
    Call {
        /// The function name or ARN.
        function: String,
        /// Parameters that must be in the payload with these values.
        payload: Vec<(String, String)>,
    },
    /// Another action (e.g. an outbound SMS) with at least these parameters.
    Action(String, Vec<(String, String)>),
    /// The bot understands this intent.
    Intent(String),
    /// An error branch of this type is taken.
    Error(String),
    /// The flow hangs up (`DisconnectParticipant`).
    HangUp,
    /// The call ends this way.
    Ends(Outcome),
    /// This module returns, with this outcome (`None`: any).
    Return {
        /// The module's name.
        module: String,
        /// The outcome it returns.
        outcome: Option<String>,
    },
    /// Nothing matching this happens in the stretch (`expect no …`): from where the line is
    /// to the caller's next step, or to the end of the call after the last one.
    Absent(Box<Expectation>),
}

impl std::fmt::Display for Expectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pairs = |p: &[(String, String)]| {
            p.iter()
                .map(|(k, v)| format!("{k}: {v:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Expectation::Say(t) => write!(f, "say {t:?}"),
            Expectation::SayContaining(t) => write!(f, "say containing {t:?}"),
            Expectation::TransferQueue { queue, whisper } => {
                write!(f, "transfer queue {queue:?}")?;
                if let Some(w) = whisper {
                    write!(f, " with whisper {w:?}")?;
                }
                Ok(())
            }
            Expectation::TransferFlow(n) => write!(f, "transfer flow {n:?}"),
            Expectation::TransferNumber(n) => write!(f, "transfer number {n:?}"),
            Expectation::Attribute(k, v) => write!(f, "set {k} = {v:?}"),
            Expectation::Call { function, payload } => {
                write!(f, "call {function:?} {{{}}}", pairs(payload))
            }
            Expectation::Action(t, p) => write!(f, "{t} {{{}}}", pairs(p)),
            Expectation::Intent(i) => write!(f, "intent {i}"),
            Expectation::Error(e) => write!(f, "error {e}"),
            Expectation::HangUp => f.write_str("hang up"),
            Expectation::Ends(o) => write!(f, "end: {}", o.label()),
            Expectation::Return { module, outcome } => match outcome {
                Some(o) => write!(f, "return {o} from {module:?}"),
                None => write!(f, "return from {module:?}"),
            },
            Expectation::Absent(e) => write!(f, "no {e}"),
        }
    }
}

/// One line of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// The caller does something.
    Caller(Step),
    /// Something must have happened.
    Expect(Expectation),
}

/// A scripted call with expectations.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name (the test's title).
    pub name: String,
    /// The flow to start (name, id or ARN); empty for the program's first flow.
    pub flow: String,
    /// The world.
    pub world: World,
    /// Caller steps and expectations, in order.
    pub lines: Vec<Line>,
}

/// The verdict on a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioResult {
    /// The scenario's name.
    pub name: String,
    /// Every expectation was met.
    pub passed: bool,
    /// One line per unmet expectation.
    pub failures: Vec<String>,
    /// The call.
    pub trace: Trace,
    /// Actions and branches this scenario exercised.
    pub coverage: Coverage,
    /// The transcript with expectations marked: `  ` matched or unchecked, `- ` expected but
    /// missing, `+ ` what happened instead in that stretch (prompts, transfers, the end).
    pub diff: String,
}

impl Scenario {
    /// A scenario with the default world.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            flow: String::new(),
            world: World::default(),
            lines: Vec::new(),
        }
    }

    /// Adds a caller step.
    #[must_use]
    pub fn caller(mut self, step: Step) -> Self {
        self.lines.push(Line::Caller(step));
        self
    }

    /// Adds an expectation.
    #[must_use]
    pub fn expect(mut self, e: Expectation) -> Self {
        self.lines.push(Line::Expect(e));
        self
    }

    /// The caller's steps alone.
    #[must_use]
    pub fn script(&self) -> Script {
        Script {
            steps: self
                .lines
                .iter()
                .filter_map(|l| match l {
                    Line::Caller(s) => Some(s.clone()),
                    Line::Expect(_) => None,
                })
                .collect(),
        }
    }

    /// Runs the scenario and checks its expectations.
    #[must_use]
    pub fn run(&self, program: &Program) -> ScenarioResult {
        let flow = if self.flow.is_empty() {
            Some(0)
        } else {
            program.flow_named(&self.flow)
        };
        let Some(flow) = flow else {
            return ScenarioResult {
                name: self.name.clone(),
                passed: false,
                failures: vec![format!("no flow named {:?} in the program", self.flow)],
                trace: Trace::default(),
                coverage: Coverage::new(program),
                diff: String::new(),
            };
        };
        let mut obs = Both(Trace::default(), Coverage::new(program));
        Session::new(program, &self.world).run(flow, &self.script().steps, &mut obs);
        let mut r = check(self, obs.0);
        r.coverage = obs.1;
        r
    }
}

/// Runs scenarios on every core; results come back in the order given, with the coverage of
/// all of them merged.
#[must_use]
pub fn run_all(program: &Program, scenarios: &[Scenario]) -> (Vec<ScenarioResult>, Coverage) {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, scenarios.len().max(1));
    let chunk = scenarios.len().div_ceil(threads).max(1);
    let mut results: Vec<ScenarioResult> = Vec::with_capacity(scenarios.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = scenarios
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|s| s.run(program)).collect::<Vec<_>>())
            })
            .collect();
        for h in handles {
            if let Ok(part) = h.join() {
                results.extend(part);
            }
        }
    });
    let mut coverage = Coverage::new(program);
    for r in &results {
        coverage.merge(&r.coverage);
    }
    (results, coverage)
}

fn is_input(e: &Event) -> bool {
    matches!(
        e,
        Event::Said(_) | Event::Pressed(_) | Event::Silence | Event::HangUp
    )
}

fn strip_ssml(t: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn subset(want: &[(String, String)], got: &[(String, String)]) -> bool {
    want.iter().all(|w| got.contains(w))
}

/// Whether an event satisfies an expectation; queues are also known by the names and ids the
/// world gives them.
#[must_use]
pub fn matches(e: &Expectation, ev: &Event, world: &World) -> bool {
    match (e, ev) {
        (Expectation::Say(want), Event::Prompt(t) | Event::BotPrompt(t)) => {
            t.trim() == want.trim() || strip_ssml(t).trim() == want.trim()
        }
        (Expectation::SayContaining(want), Event::Prompt(t) | Event::BotPrompt(t)) => {
            t.contains(want.as_str())
        }
        (Expectation::TransferQueue { queue, whisper }, Event::TransferToQueue(q, hooks)) => {
            let known = world
                .queues
                .iter()
                .find(|wq| wq.name == *queue || matches_id(&wq.id, queue))
                .is_some_and(|wq| wq.name == *q || matches_id(&wq.id, q));
            (q == queue || matches_id(queue, q) || known)
                && whisper
                    .as_ref()
                    .is_none_or(|w| hooks.iter().any(|(_, f)| f == w || matches_id(w, f)))
        }
        (Expectation::TransferFlow(n), Event::TransferToFlow(f, _)) => f == n || matches_id(n, f),
        (Expectation::TransferNumber(want), Event::TransferToNumber(n)) => want == n,
        (Expectation::Attribute(k, v), Event::AttributeSet(ek, ev)) => k == ek && v == ev,
        (Expectation::Call { function, payload }, Event::Lambda(f, p, _)) => {
            LambdaMock::always(function.clone(), crate::mocks::LambdaBehavior::TimesOut).matches(f)
                && subset(payload, p)
        }
        (Expectation::Action(t, want), Event::Action(et, got)) => t == et && subset(want, got),
        (Expectation::Intent(i), Event::Recognized(n, _, _)) => i == n,
        (Expectation::Error(t), Event::Error(_, et)) => t == et,
        (Expectation::HangUp, Event::Ended(o)) => *o == Outcome::Disconnected,
        (Expectation::Ends(want), Event::Ended(o)) => want == o,
        (Expectation::Return { module, outcome }, Event::ModuleReturned(m, o)) => {
            module == m && (outcome.is_none() || outcome == o)
        }
        _ => false,
    }
}

/// Whether an unexpected event is worth showing next to a missing expectation.
fn notable(ev: &Event) -> bool {
    matches!(
        ev,
        Event::Prompt(_)
            | Event::BotPrompt(_)
            | Event::TransferToQueue(..)
            | Event::TransferToFlow(..)
            | Event::TransferToNumber(_)
            | Event::Error(..)
            | Event::Ended(_)
            | Event::ModuleReturned(..)
            | Event::Lambda(..)
            | Event::Recognized(..)
    )
}

/// Checks a trace against a scenario's lines.
#[must_use]
pub fn check(scenario: &Scenario, trace: Trace) -> ScenarioResult {
    let events = &trace.events;
    let mut failures = Vec::new();
    let mut diff = String::new();
    let mut pos = 0usize;
    let mut shown = 0usize;
    let show_until = |diff: &mut String, shown: &mut usize, to: usize| {
        while *shown < to.min(events.len()) {
            if !matches!(events[*shown], Event::Step(..)) {
                diff.push_str("  ");
                diff.push_str(&render_event(&events[*shown]));
                diff.push('\n');
            }
            *shown += 1;
        }
    };
    for line in &scenario.lines {
        // The stretch ends at the next caller input.
        let stretch_end = events[pos.min(events.len())..]
            .iter()
            .position(is_input)
            .map_or(events.len(), |i| pos + i);
        match line {
            Line::Expect(Expectation::Absent(inner)) => {
                // A negative expectation does not move the position: it looks at the rest of
                // the stretch, and later expectations are matched as if it were not there.
                if let Some(i) = events[pos..stretch_end]
                    .iter()
                    .position(|ev| matches(inner, ev, &scenario.world))
                {
                    let at = pos + i;
                    show_until(&mut diff, &mut shown, at);
                    let _ = std::fmt::Write::write_fmt(
                        &mut diff,
                        format_args!("- no {inner}\n+ {}\n", render_event(&events[at])),
                    );
                    shown = shown.max(at + 1);
                    failures.push(format!("expected no {inner}, but it happened"));
                }
            }
            Line::Expect(e) => {
                match events[pos..stretch_end]
                    .iter()
                    .position(|ev| matches(e, ev, &scenario.world))
                {
                    Some(i) => {
                        pos += i + 1;
                    }
                    None => {
                        show_until(&mut diff, &mut shown, stretch_end);
                        let _ = std::fmt::Write::write_fmt(&mut diff, format_args!("- {e}\n"));
                        for ev in &events[pos..stretch_end] {
                            if notable(ev) {
                                diff.push_str("+ ");
                                diff.push_str(&render_event(ev));
                                diff.push('\n');
                            }
                        }
                        let later = events[stretch_end..]
                            .iter()
                            .any(|ev| matches(e, ev, &scenario.world));
                        failures.push(if later {
                            format!("expected {e} before the caller's next step, but it came later")
                        } else {
                            format!("expected {e}, but it did not happen")
                        });
                    }
                }
            }
            Line::Caller(step) => {
                if stretch_end >= events.len() {
                    failures.push(format!(
                        "the caller {step}, but the call no longer waited for input"
                    ));
                    show_until(&mut diff, &mut shown, events.len());
                    diff.push_str(&format!("- caller {step}\n"));
                    pos = events.len();
                } else {
                    pos = stretch_end + 1;
                }
            }
        }
    }
    show_until(&mut diff, &mut shown, events.len());
    ScenarioResult {
        name: scenario.name.clone(),
        passed: failures.is_empty(),
        failures,
        trace,
        coverage: Coverage::default(),
        diff,
    }
}
