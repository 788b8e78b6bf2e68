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
    /// values.
    ///
    /// Give files or folders; folders are searched for `.dial` files. Environment files are
    /// found through the `dialect.toml` in the folder (or a parent folder).
    Check(CheckArgs),
    /// Build Amazon Connect flow JSON from the flows, for one environment.
    ///
    /// Writes `flows/NAME.json`, `modules/NAME.json` and `manifest.json` into the output folder.
    /// Nothing is written when there is any error; an existing output folder is replaced only
    /// when it holds an earlier build.
    Build(BuildArgs),
    /// Decompile an exported Amazon Connect flow (JSON) to Dialect source.
    ///
    /// Actions Dialect has a statement for become that statement; the others become `connect`
    /// statements that keep their parameters. The result compiles back to an equivalent flow.
    Import(ImportArgs),
    /// Explain a diagnostic code, for example `dialect explain R003`.
    Explain(ExplainArgs),
    /// Format `.dial` files in the one canonical style (comments are kept where they are).
    ///
    /// Give files or folders (default: the current folder). Files with syntax errors are left
    /// alone and reported. `-` formats standard input to standard output.
    Fmt(FmtArgs),
    /// Run the language server on standard input and output (started by editors).
    Lsp(LspArgs),
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source excerpts with labels and help, for people.
    Human,
    /// A JSON array, one object per diagnostic, for tools.
    Json,
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
pub struct BuildArgs {
    /// Files or folders to build.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// The output folder.
    #[arg(long, value_name = "DIR")]
    pub out: String,
    /// The environment whose values (ARNs, phone numbers) go into the flows. Required when the
    /// project has more than one.
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The exported flow (`.json`).
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Write the `.dial` source here instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// The flow's name in Dialect (default: the name in the export, else the file name).
    #[arg(long)]
    pub name: Option<String>,
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
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

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format, or `-` for standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Change nothing; list the files that are not formatted and exit with 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// How syntax errors are printed.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for editor clients that pass it; standard input and output are always used.
    #[arg(long)]
    pub stdio: bool,
}
