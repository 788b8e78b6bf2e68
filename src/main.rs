//! `dialect`: the command line of the Dialect compiler and simulator.

mod args;
mod commands;
mod coverage_file;
mod fs_loader;
mod out_dir;
mod output;
mod repl;
mod report;

use std::process::ExitCode;

use clap::Parser;

/// jemalloc, as rustc uses: the compiler makes millions of small allocations, which glibc's
/// malloc handled with about a quarter more CPU time (BENCHMARKS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    let status = match args.command {
        args::Command::Check(a) => commands::check::run(&a),
        args::Command::Build(a) => commands::build::run(&a),
        args::Command::Import(a) => commands::import::run(&a),
        args::Command::Test(a) => commands::test::run(&a),
        args::Command::Explore(a) => commands::explore::run(&a),
        args::Command::Explain(a) => commands::explain::run(&a),
        args::Command::Simulate(a) => commands::simulate::run(&a),
        args::Command::Graph(a) => commands::graph::run(&a),
        args::Command::Report(a) => commands::report::run(&a),
        args::Command::Fmt(a) => commands::fmt::run(&a),
        args::Command::Lsp(a) => commands::lsp::run(&a),
        args::Command::Deploy(a) => return commands::deploy::run(&a),
        args::Command::Generate(a) => commands::generate::run(&a),
    };
    ExitCode::from(status as u8)
}
