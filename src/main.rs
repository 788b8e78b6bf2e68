//! `dialect`: the command line of the Dialect compiler and simulator.

mod args;
mod commands;
mod fs_loader;
mod output;
mod paths;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    let status = match args.command {
        args::Command::Check(a) => commands::check::run(&a),
        args::Command::Explain(a) => commands::explain::run(&a),
        args::Command::Simulate(a) => commands::simulate::run(&a),
    };
    ExitCode::from(status as u8)
}
