//! `dialect simulate` as a REPL: a call the user plays the caller in, step by step.
//!
//! The simulator is deterministic and a call takes microseconds, so the REPL does not pause
//! the interpreter: it keeps the caller's moves so far and, after each new one, runs the call
//! again from the start with all of them ([`dialect_runtime::run_flow`]). A run that ends with
//! [`Outcome::ScriptEnded`] is a call waiting for the caller; the events past those already shown
//! are printed. The interpreter's hot path is untouched. A change of the world during a call
//! (clock, number, mocks, attributes) is a replay in the new world: when the part already shown
//! reads differently there, the REPL says so and shows the call again from the start.
//!
//! ```text
//! line --command::parse--> Command --Repl::handle--> world lines / caller steps
//!      --run_flow(program, world, flow, steps)--> Trace --new events--> output
//! ```
//!
//! [`Repl`] does no I/O: it returns the text to print, so tests drive it with strings;
//! `line_reader` reads lines (rustyline on a terminal, plain lines otherwise).

pub mod command;
pub mod line_reader;
pub mod world_lines;

use std::fmt::Write as _;

use dialect_runtime::trace::{InputKind, render_event};
use dialect_runtime::{Event, Outcome, Program, Script, Step, World};

use self::command::{Command, HELP, is_keys};
use self::world_lines::DialWorld;
use crate::args::Color;

/// Where the world of a call comes from.
#[derive(Debug)]
pub enum Worlds {
    /// A `.dial` project: world lines are read by the compiler as test lines.
    Dial(DialWorld),
    /// Connect flow JSON: the world of the command-line options (world lines are not read,
    /// because there are no integrations or queues by name to mock).
    Fixed(Box<World>),
}

impl Worlds {
    fn world(&self, lines: &[String], color: Color) -> Result<World, String> {
        match self {
            Worlds::Dial(d) => d.world(lines, color),
            Worlds::Fixed(w) if lines.is_empty() => Ok((**w).clone()),
            Worlds::Fixed(_) => Err(
                "world lines need a `.dial` project; with Connect JSON, set the world with \
                 the options (--at, --tz, --caller, --withheld, --mock, --profiles)\n"
                    .to_owned(),
            ),
        }
    }
}

/// Whether the session goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Continue,
    Quit,
}

/// One REPL session over a program: the world lines in force and the call in progress.
pub struct Repl<'p> {
    program: &'p Program,
    flow: u32,
    worlds: Worlds,
    color: Color,
    lines: Vec<String>,
    attributes: Vec<(String, String)>,
    world: World,
    steps: Vec<Step>,
    shown: Vec<Event>,
    outcome: Option<Outcome>,
    show_steps: bool,
    /// Lines that were refused (unknown commands, world lines that do not read).
    pub errors: usize,
}

impl<'p> Repl<'p> {
    /// A session calling `flow` (index in `program`).
    ///
    /// # Errors
    /// When the world without lines cannot be made (the rendered reason).
    pub fn new(
        program: &'p Program,
        flow: u32,
        worlds: Worlds,
        color: Color,
    ) -> Result<Self, String> {
        let world = worlds.world(&[], color)?;
        Ok(Self {
            program,
            flow,
            worlds,
            color,
            lines: Vec::new(),
            attributes: Vec::new(),
            world,
            steps: Vec::new(),
            shown: Vec::new(),
            outcome: None,
            show_steps: true,
            errors: 0,
        })
    }

    /// The name of the flow the call starts in.
    #[must_use]
    pub fn flow_name(&self) -> &str {
        self.program
            .flows
            .get(self.flow as usize)
            .map_or("", |f| f.name.as_str())
    }

    /// Places the call: runs it until it waits for the caller or ends.
    pub fn start(&mut self) -> String {
        let mut out = String::new();
        self.replay(&mut out);
        out
    }

    /// The prompt to show: what the call waits for.
    #[must_use]
    pub fn prompt(&self) -> &'static str {
        match (self.waiting(), &self.outcome) {
            (Some(InputKind::Dtmf | InputKind::StoredDigits), _) => "caller presses> ",
            (Some(InputKind::Lex(_)), _) => "caller says> ",
            (None, Some(Outcome::ScriptEnded)) => "caller> ",
            _ => "call ended> ",
        }
    }

    /// What the call waits for, if it waits.
    fn waiting(&self) -> Option<&InputKind> {
        if self.outcome != Some(Outcome::ScriptEnded) {
            return None;
        }
        self.shown.iter().rev().find_map(|e| match e {
            Event::Listen(k) => Some(k),
            _ => None,
        })
    }

    /// Handles one line; returns whether to go on, and appends what to print to `out`.
    pub fn handle(&mut self, line: &str, out: &mut String) -> Next {
        match command::parse(line) {
            Command::Nothing => {}
            Command::Text(t) => {
                let keypad = matches!(
                    self.waiting(),
                    Some(InputKind::Dtmf | InputKind::StoredDigits)
                );
                let step = if keypad && is_keys(&t) {
                    Step::Press(t)
                } else {
                    Step::Say(t)
                };
                self.caller(step, out);
            }
            Command::Caller(step) => self.caller(step, out),
            Command::World(line) => self.world_line(line, out),
            Command::Set(name, value) => {
                self.attributes.retain(|(k, _)| *k != name);
                let _ = writeln!(out, "world: set {name} = {value:?}");
                self.attributes.push((name, value));
                self.rebuild(out);
            }
            Command::Forget(prefix) => {
                let before = self.lines.len() + self.attributes.len();
                self.lines.retain(|l| !starts_with_words(l, &prefix));
                self.attributes
                    .retain(|(k, v)| !starts_with_words(&format!("set {k} = {v:?}"), &prefix));
                let gone = before - self.lines.len() - self.attributes.len();
                let _ = writeln!(
                    out,
                    "world: forgot {gone} line{}",
                    crate::report::plural(gone)
                );
                self.rebuild(out);
            }
            Command::ShowWorld => {
                if self.lines.is_empty() && self.attributes.is_empty() {
                    out.push_str("world: the defaults (no world lines)\n");
                }
                for l in &self.lines {
                    let _ = writeln!(out, "world: {l}");
                }
                for (k, v) in &self.attributes {
                    let _ = writeln!(out, "world: set {k} = {v:?}");
                }
            }
            Command::Steps(on) => self.show_steps = on,
            Command::Restart => {
                self.steps.clear();
                self.shown.clear();
                out.push_str("--- the call again ---\n");
                self.replay(out);
            }
            Command::Help => out.push_str(HELP),
            Command::Quit => return Next::Quit,
            Command::Unknown(why) => {
                self.errors += 1;
                let _ = writeln!(out, "error: {why}");
            }
        }
        Next::Continue
    }

    fn caller(&mut self, step: Step, out: &mut String) {
        if self.outcome != Some(Outcome::ScriptEnded) {
            self.errors += 1;
            out.push_str("error: the call has ended; /restart to call again, /quit to leave\n");
            return;
        }
        self.steps.push(step);
        self.replay(out);
    }

    fn world_line(&mut self, line: String, out: &mut String) {
        let mut lines = self.lines.clone();
        // A later clock, number, profile or queue state replaces the earlier one; mocks add up
        // (several answer successive calls, as in a test).
        let key = replace_key(&line);
        if let Some(key) = &key {
            lines.retain(|l| replace_key(l).as_ref() != Some(key));
        }
        lines.push(line.clone());
        match self.worlds.world(&lines, self.color) {
            Ok(w) => {
                self.lines = lines;
                self.world = w;
                self.apply_attributes();
                let _ = writeln!(out, "world: {line}");
                self.replay_if_called(out);
            }
            Err(why) => {
                self.errors += 1;
                out.push_str(&why);
                if !why.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }

    /// The world again from the lines in force (after a line or attribute was dropped or set).
    fn rebuild(&mut self, out: &mut String) {
        match self.worlds.world(&self.lines, self.color) {
            Ok(w) => self.world = w,
            Err(why) => {
                self.errors += 1;
                out.push_str(&why);
                return;
            }
        }
        self.apply_attributes();
        self.replay_if_called(out);
    }

    fn apply_attributes(&mut self) {
        for (k, v) in &self.attributes {
            self.world.attributes.insert(k.clone(), v.clone());
        }
    }

    fn replay_if_called(&mut self, out: &mut String) {
        if !self.shown.is_empty() {
            self.replay(out);
        }
    }

    /// Runs the call from the start with the caller's steps so far and prints what is new.
    fn replay(&mut self, out: &mut String) {
        let script = Script {
            steps: self.steps.clone(),
        };
        let trace = dialect_runtime::run_flow(self.program, &self.world, self.flow, &script);
        let outcome = trace.outcome().cloned();
        let mut events = trace.events;
        if matches!(events.last(), Some(Event::Ended(Outcome::ScriptEnded))) {
            events.pop();
        }
        let from = if events.starts_with(&self.shown) {
            self.shown.len()
        } else {
            out.push_str(
                "--- in this world the call so far goes differently; from the start ---\n",
            );
            0
        };
        for e in &events[from..] {
            if !self.show_steps && matches!(e, Event::Step(..)) {
                continue;
            }
            out.push_str(&render_event(e));
            out.push('\n');
        }
        if outcome.as_ref().is_some_and(|o| *o != Outcome::ScriptEnded)
            && self.outcome.as_ref() != outcome.as_ref()
        {
            out.push_str("(the call has ended: /restart to call again, /quit to leave)\n");
        }
        self.shown = events;
        self.outcome = outcome;
    }
}

/// What a world line replaces: lines with the same key (`at`, `caller`, `profile`,
/// `queue NAME`); `None` for lines that add up (`mock`).
fn replace_key(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    match words.next()? {
        "mock" => None,
        "queue" => Some(format!("queue {}", words.next().unwrap_or(""))),
        w => Some(w.to_owned()),
    }
}

/// Whether `line` starts with the words of `prefix` (whole words).
fn starts_with_words(line: &str, prefix: &str) -> bool {
    let mut l = line.split_whitespace();
    prefix.split_whitespace().all(|p| l.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_world_lines_replace_earlier_ones_except_mocks() {
        assert_eq!(replace_key("at 2027-01-01 10:00"), Some("at".to_owned()));
        assert_eq!(replace_key("caller withheld"), Some("caller".to_owned()));
        assert_eq!(
            replace_key("queue Orders full"),
            Some("queue Orders".to_owned())
        );
        assert_eq!(replace_key("mock A fails"), None);
    }

    #[test]
    fn forget_matches_whole_words() {
        assert!(starts_with_words(
            "mock ReserveStock fails",
            "mock ReserveStock"
        ));
        assert!(!starts_with_words(
            "mock ReserveStockX fails",
            "mock ReserveStock"
        ));
        assert!(starts_with_words("at 2027-01-01 10:00", "at"));
    }
}
