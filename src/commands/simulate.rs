//! `dialect simulate FLOW.json…`: one simulated call (or every path, with `--explore`) through
//! Connect flow JSON, with the caller's steps and the world given as options.

use std::path::Path;

use clap::CommandFactory;
use dialect_compiler::connect::import_flow;
use dialect_compiler::lex::import_zip;
use dialect_compiler::span::FileId;
use dialect_runtime::mocks::LambdaBehavior;
use dialect_runtime::profiles::Profiles;
use dialect_runtime::world::Clock;
use dialect_runtime::{ExploreOptions, Program, Script, Step, World, explore};

use super::Status;
use crate::args::{Cli, SimulateArgs};
use crate::output::print;

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

    if args.explore {
        let x = explore(&program, 0, ExploreOptions::default());
        let mut out = String::new();
        for p in &x.paths {
            out.push_str(&x.render_path(&program, p));
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
    let trace = dialect_runtime::run(&program, &world, &script);
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
