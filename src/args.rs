//! Command-line arguments (clap derive). Doc comments here are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Dialect: write contact-center call flows as text, check them, and build Amazon Connect flows
/// and Lex bots from them.
///
/// Exit codes: 0 when everything is fine, 1 when errors were found, 2 when the command itself
/// was used wrongly or failed.
#[derive(Debug, Parser)]
#[command(name = "dialect", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check flows for mistakes: syntax, names that refer to nothing, missing environment
    /// values, and the graph checks (dead ends, missing error branches, loops, …; see
    /// `dialect explain --list`).
    ///
    /// Give files or folders: `.dial` files, and Amazon Connect flow JSON files (exports), which
    /// are imported and checked the same way. Folders are searched for both. Environment files
    /// and the `[checks]` settings are found through the `dialect.toml` in the folder (or a
    /// parent folder).
    Check(CheckArgs),
    /// Explain a diagnostic code, for example `dialect explain R003`.
    Explain(ExplainArgs),
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source excerpts with labels and help, for people.
    Human,
    /// A JSON array, one object per diagnostic, for tools.
    Json,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`), for annotations.
    Github,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Which warnings make the command fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Fail (exit 1) on warnings as well as errors.
    Warnings,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Check only these environments (default: every file in the environments folder).
    #[arg(long = "env", value_name = "NAME")]
    pub envs: Vec<String>,
    /// Treat warnings as errors.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code (`R003`) or its name (`undefined-reference`). Use `--list` to see them all.
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every code with its one-line summary.
    #[arg(long)]
    pub list: bool,
}
