//! `dialect explore PATH... [--flow NAME] [--paths] [--max-paths N] [--write-tests FILE]`:
//! every path through the flows of a `.dial` project in the simulator: each condition, key,
//! intent and error outcome taken, loops unrolled to their bound. Reports the paths that strand the caller (end without
//! hanging up, transferring or returning) with what the caller and the world did on them, and
//! a small set of paths that together take every branch. Exit 1 when a path strands.
//! `--write-tests FILE` writes those paths as scenario tests (`write_tests.rs`).

use std::fmt::Write as _;

use dialect_runtime::explore::{ExploreOptions, explore};
use dialect_runtime::project;

use super::Status;
use crate::args::ExploreArgs;
use crate::output::print;
use crate::report::plural;

pub fn run(args: &ExploreArgs) -> Status {
    let p = match super::analyze_clean(
        &args.paths,
        crate::args::Format::Human,
        crate::args::Color::Auto,
        "nothing was explored",
    ) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let program = project::program(&p.model);
    let flows: Vec<u32> = match &args.flow {
        Some(name) => match program.flow_named(name) {
            Some(i) => vec![i],
            None => {
                eprintln!("error: no flow named `{name}`");
                return Status::Usage;
            }
        },
        None => (0..u32::try_from(program.flows.len()).unwrap_or(0)).collect(),
    };
    let mut opts = ExploreOptions::default();
    if let Some(n) = args.max_paths {
        opts.max_paths = n;
    }
    let mut out = String::new();
    let mut stranded_total = 0;
    for &f in &flows {
        let x = explore(&program, f, opts);
        let name = &program.flows[f as usize].name;
        let coverage = x.coverage(&program);
        let totals = coverage
            .flows
            .get(f as usize)
            .map(|c| c.totals())
            .unwrap_or_default();
        let stranded: Vec<_> = x.stranded().collect();
        stranded_total += stranded.len();
        let _ = writeln!(
            out,
            "{name}: {} path{}{}, {} stranded, branches {}/{}, {} path{} cover them all",
            x.paths.len(),
            plural(x.paths.len()),
            if x.truncated { " (truncated)" } else { "" },
            stranded.len(),
            totals.branches.0,
            totals.branches.1,
            x.covering_paths().len(),
            plural(x.covering_paths().len()),
        );
        let show: Vec<&_> = if args.paths_out {
            x.paths.iter().collect()
        } else {
            stranded
        };
        for path in show {
            out.push_str(&indent(&x.render_path(&program, path)));
            let inputs = x.inputs(&program, path);
            if !inputs.script.steps.is_empty() {
                let steps: Vec<String> = inputs
                    .script
                    .steps
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let _ = writeln!(out, "    caller: {}", steps.join(", "));
            }
            for w in &inputs.world {
                let _ = writeln!(out, "    world: {w}");
            }
            out.push('\n');
        }
    }
    print(&out);
    if let Some(file) = &args.write_tests {
        match super::write_tests::write(
            &p,
            &program,
            &flows,
            opts,
            std::path::Path::new(file),
            &command_line(args),
        ) {
            Ok(w) => {
                eprintln!(
                    "wrote {} test{} to {file}{}",
                    w.tests,
                    plural(w.tests),
                    if w.skipped > 0 {
                        format!(
                            " ({} path{} skipped, see the warnings)",
                            w.skipped,
                            plural(w.skipped)
                        )
                    } else {
                        String::new()
                    }
                );
                for (name, taken, reached) in &w.flows {
                    eprintln!(
                        "{name}: the tests take {taken} of the {reached} branches the explorer reached"
                    );
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return Status::Usage;
            }
        }
    }
    if stranded_total > 0 {
        Status::Failed
    } else {
        Status::Ok
    }
}

/// The command as a person would type it again, for the generated file's header.
fn command_line(args: &ExploreArgs) -> String {
    let mut c = format!("dialect explore {}", args.paths.join(" "));
    if let Some(f) = &args.flow {
        c.push_str(&format!(" --flow {f}"));
    }
    if let Some(n) = args.max_paths {
        c.push_str(&format!(" --max-paths {n}"));
    }
    if let Some(w) = &args.write_tests {
        c.push_str(&format!(" --write-tests {w}"));
    }
    c
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}
