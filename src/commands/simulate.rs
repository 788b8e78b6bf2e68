//! `dialect simulate PATH…`: a call through a `.dial` project or Connect flow JSON files.
//!
//! With caller steps (`--say`, `--press`, `--silent`, `--hang-up`), `--json` or `--explore`
//! it runs one scripted call (or lists every path) and prints it. Without them it is a REPL
//! ([`crate::repl`]): the user plays the caller, one line at a time.

use std::path::Path;

use clap::CommandFactory;
use dialect_compiler::connect::import_flow;
use dialect_compiler::lex::import_zip;
use dialect_compiler::resolve::FlowKind;
use dialect_compiler::span::FileId;
use dialect_runtime::mocks::LambdaBehavior;
use dialect_runtime::profiles::Profiles;
use dialect_runtime::world::Clock;
use dialect_runtime::{ExploreOptions, Program, Script, Step, World, explore};

use super::Status;
use crate::args::{Cli, Color, Format, SimulateArgs};
use crate::output::print;
use crate::repl::line_reader::LineReader;
use crate::repl::world_lines::DialWorld;
use crate::repl::{Next, Repl, Worlds};
fn usage(msg: &str) -> Status {
    eprintln!("error: {msg}");
    Status::Usage
}

/// The caller's steps in the order they were written on the command line.
fn steps(args: &SimulateArgs) -> Vec<Step> {
    let m = Cli::command().get_matches();
    let Some(("simulate", m)) = m.subcommand() else {
        return Vec::new();
    };
    let mut at: Vec<(usize, Step)> = Vec::new();
    let idx = |name: &str| {
        m.indices_of(name)
            .map(Iterator::collect)
            .unwrap_or_else(Vec::new)
    };
    for (i, s) in idx("say").into_iter().zip(&args.say) {
        at.push((i, Step::Say(s.clone())));
    }
    for (i, p) in idx("press").into_iter().zip(&args.press) {
        at.push((i, Step::Press(p.clone())));
    }
    for i in idx("silent") {
        at.push((i, Step::Silent));
    }
    for i in idx("hang_up") {
        at.push((i, Step::HangUp));
    }
    at.sort_by_key(|(i, _)| *i);
    at.into_iter().map(|(_, s)| s).collect()
}

pub fn run(args: &SimulateArgs) -> Status {
    let dial = args.flows.iter().filter(|p| !p.ends_with(".json")).count();
    if dial == 0 {
        json(args)
    } else if dial == args.flows.len() {
        project(args)
    } else {
        usage(
            "give either a `.dial` project (files or a folder) or Connect flow JSON files, not both",
        )
    }
}

/// Whether the command line asks for a scripted run rather than the REPL.
fn scripted(args: &SimulateArgs) -> bool {
    !args.say.is_empty()
        || !args.press.is_empty()
        || args.silent > 0
        || args.hang_up
        || args.json
        || args.explore
}

/// Connect flow JSON files.
fn json(args: &SimulateArgs) -> Status {
    let mut builder = Program::builder();
    for (n, path) in args.flows.iter().enumerate() {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return usage(&format!("cannot read {path}: {e}")),
        };
        let (flow, diags) = import_flow(FileId(u32::try_from(n).unwrap_or(0)), &text);
        let Some(flow) = flow else {
            let first = diags.first().map(|d| d.message.clone()).unwrap_or_default();
            return usage(&format!("{path} is not a Connect flow: {first}"));
        };
        let name = Path::new(path)
            .file_stem()
            .map_or_else(|| path.clone(), |s| s.to_string_lossy().into_owned());
        builder = builder.flow(name, flow);
    }
    for path in &args.bots {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return usage(&format!("cannot read {path}: {e}")),
        };
        let Some(bot) = import_zip(&bytes).0 else {
            return usage(&format!("{path} is not a Lex V2 export zip"));
        };
        builder = builder.bot(bot, Vec::new());
    }
    let program = builder.build();

    let mut world = World {
        unknown_hours_open: !args.closed,
        ..World::default()
    };
    if args.withheld {
        world.caller = None;
    } else if let Some(c) = &args.caller {
        world.caller = Some(c.clone());
    }
    if let Some(at) = &args.at {
        match Clock::at(at, &args.tz) {
            Ok(c) => world.clock = c,
            Err(e) => return usage(&e),
        }
    }
    for m in &args.mocks {
        let Some((name, result)) = m.split_once('=') else {
            return usage(&format!("--mock {m}: expected NAME=RESULT"));
        };
        let behavior = match result {
            "fail" => LambdaBehavior::Fails("mocked failure".to_owned()),
            "timeout" => LambdaBehavior::TimesOut,
            json => match serde_json::from_str(json) {
                Ok(v) => LambdaBehavior::Returns(v),
                Err(_) => LambdaBehavior::Malformed(json.to_owned()),
            },
        };
        world = world.mock(name, behavior);
    }
    if let Some(path) = &args.profiles {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return usage(&format!("cannot read {path}: {e}")),
        };
        match Profiles::from_csv(&text) {
            Ok(p) => world.profiles = p,
            Err(e) => return usage(&format!("{path}: {e}")),
        }
    }

    let flow = match &args.flow {
        None => 0,
        Some(name) => match program.flows.iter().position(|f| &f.name == name) {
            Some(i) => u32::try_from(i).unwrap_or(0),
            None => {
                return usage(&unknown_flow(
                    name,
                    program.flows.iter().map(|f| f.name.as_str()),
                ));
            }
        },
    };
    if !scripted(args) {
        return interactive(&program, flow, Worlds::Fixed(Box::new(world)));
    }
    play(args, &program, flow, &world)
}

/// One scripted call (or every path, with `--explore`) from `flow`, printed.
fn play(args: &SimulateArgs, program: &Program, flow: u32, world: &World) -> Status {
    if args.explore {
        let x = explore(program, flow, ExploreOptions::default());
        let mut out = String::new();
        for p in &x.paths {
            out.push_str(&x.render_path(program, p));
            out.push('\n');
        }
        let stranded = x.stranded().count();
        out.push_str(&format!(
            "{} paths, {stranded} stranded{}\n",
            x.paths.len(),
            if x.truncated { " (truncated)" } else { "" }
        ));
        print(&out);
        return if stranded > 0 {
            Status::Failed
        } else {
            Status::Ok
        };
    }

    let script = Script { steps: steps(args) };
    let trace = dialect_runtime::run_flow(program, world, flow, &script);
    if args.json {
        print(&trace.to_json_lines());
    } else {
        print(&trace.render_with(args.steps));
    }
    match trace.outcome() {
        Some(o) if o.is_proper_end() || *o == dialect_runtime::Outcome::ScriptEnded => Status::Ok,
        _ => Status::Failed,
    }
}

fn unknown_flow<'a>(name: &str, flows: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = flows.collect();
    format!(
        "no flow named `{name}`; the flows are: {}",
        names.join(", ")
    )
}

/// A `.dial` project: the world is the project's, changed by world lines (the options `--at`,
/// `--tz`, `--caller`, `--withheld` and `--mock` become the first ones).
fn project(args: &SimulateArgs) -> Status {
    if args.profiles.is_some() || args.closed || !args.bots.is_empty() {
        return usage(
            "--profiles, --closed and --bot are for Connect JSON; a `.dial` project has its own \
             bots and hours, and the REPL's `/profile` sets the caller's profile",
        );
    }
    let roots = dialect_files::expand(&args.flows, ".dial");
    if roots.is_empty() {
        return usage(&format!(
            "no `.dial` files found in {}",
            args.flows.join(", ")
        ));
    }
    let mut dial = DialWorld {
        roots,
        files: Vec::new(),
        flow: String::new(),
    };
    let p = dial.load();
    if p.diagnostics.has_errors() {
        let diags = p.diagnostics.clone().into_vec();
        eprint!(
            "{}",
            crate::report::render(&p.sources, &diags, Format::Human, Color::Auto)
        );
        eprintln!("error: the project has errors; no call was simulated");
        return Status::Failed;
    }
    let flows = || p.model.flows.iter().map(|f| f.name.as_str());
    let index = match &args.flow {
        Some(name) => p.model.flows.iter().position(|f| &f.name == name),
        None => p
            .model
            .flows
            .iter()
            .position(|f| f.kind == FlowKind::Inbound),
    };
    let Some(index) = index else {
        return usage(&match &args.flow {
            Some(name) => unknown_flow(name, flows()),
            None => format!(
                "no inbound flow to call; choose one with --flow NAME (the flows are: {})",
                flows().collect::<Vec<_>>().join(", ")
            ),
        });
    };
    dial.flow.clone_from(&p.model.flows[index].name);
    let flow = u32::try_from(index).unwrap_or(0);
    let program = dialect_runtime::project::program(&p.model);
    let lines = match option_lines(args) {
        Ok(l) => l,
        Err(e) => return usage(&e),
    };
    if !scripted(args) {
        let worlds = Worlds::Dial(dial);
        return interactive_with(&program, flow, worlds, &lines);
    }
    match dial.world(&lines, Color::Auto) {
        Ok(world) => play(args, &program, flow, &world),
        Err(e) => {
            eprint!("{e}");
            Status::Usage
        }
    }
}

/// The world options as world lines (the scenario-test language), for a `.dial` project.
fn option_lines(args: &SimulateArgs) -> Result<Vec<String>, String> {
    let mut lines = Vec::new();
    if let Some(at) = &args.at {
        lines.push(format!("at {at} {}", args.tz));
    }
    if args.withheld {
        lines.push("caller withheld".to_owned());
    } else if let Some(c) = &args.caller {
        lines.push(format!("caller number {c:?}"));
    }
    for m in &args.mocks {
        let Some((name, result)) = m.split_once('=') else {
            return Err(format!("--mock {m}: expected NAME=RESULT"));
        };
        let what = match result {
            "fail" => "fails".to_owned(),
            "timeout" => "fails timeout".to_owned(),
            json => match serde_json::from_str::<serde_json::Value>(json) {
                Ok(serde_json::Value::Object(o)) => {
                    let fields: Vec<String> = o
                        .iter()
                        .map(|(k, v)| match v {
                            serde_json::Value::String(s) => format!("{k}: {s:?}"),
                            v => format!("{k}: {:?}", v.to_string()),
                        })
                        .collect();
                    format!("returns {{ {} }}", fields.join(", "))
                }
                _ => "returns malformed".to_owned(),
            },
        };
        lines.push(format!("mock {name} {what}"));
    }
    Ok(lines)
}

fn interactive(program: &Program, flow: u32, worlds: Worlds) -> Status {
    interactive_with(program, flow, worlds, &[])
}

/// The REPL: the call starts at once; each line is read, handled, and its output printed.
fn interactive_with(program: &Program, flow: u32, worlds: Worlds, lines: &[String]) -> Status {
    let mut reader = LineReader::new();
    let color = if reader.is_interactive() {
        Color::Auto
    } else {
        Color::Never
    };
    let mut repl = match Repl::new(program, flow, worlds, color) {
        Ok(r) => r,
        Err(e) => {
            eprint!("{e}");
            return Status::Usage;
        }
    };
    let mut out = String::new();
    for l in lines {
        let _ = repl.handle(&format!("/{l}"), &mut out);
    }
    if repl.errors > 0 {
        eprint!("{out}");
        return Status::Usage;
    }
    print(&format!(
        "Calling flow {}. Type what the caller says, or /help for the commands.\n{out}",
        repl.flow_name()
    ));
    print(&repl.start());
    while let Some(line) = reader.read(repl.prompt()) {
        let mut out = String::new();
        let next = repl.handle(&line, &mut out);
        print(&out);
        if next == Next::Quit {
            break;
        }
    }
    if !reader.is_interactive() && repl.errors > 0 {
        eprintln!(
            "error: {} line{} of the input could not be used",
            repl.errors,
            crate::report::plural(repl.errors)
        );
        return Status::Failed;
    }
    Status::Ok
}
