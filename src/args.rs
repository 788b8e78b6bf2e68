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
    /// Build Amazon Connect flow JSON from the flows, for one environment.
    ///
    /// Writes `flows/NAME.json`, `modules/NAME.json` and `manifest.json` into the output folder.
    /// Nothing is written when there is any error; an existing output folder is replaced only
    /// when it holds an earlier build.
    Build(BuildArgs),
    /// Decompile an exported Amazon Connect flow (JSON), or a Lex V2 bot (export zip, its
    /// unzipped folder, or a CloudFormation template with `AWS::Lex::Bot`), to Dialect source.
    ///
    /// Flow actions Dialect has a statement for become that statement; the others become
    /// `connect` statements that keep their parameters. The result compiles back to an
    /// equivalent flow. Bot settings the language cannot express are kept as comments.
    Import(ImportArgs),
    /// Run the scenario tests (`test "..." { ... }`) of a project in the call simulator.
    ///
    /// Each test is a scripted call: what the caller says or presses, what integrations answer,
    /// and what must happen. Exit code 1 when a test fails (or coverage is below
    /// `--min-coverage`).
    Test(TestArgs),
    /// Explore every path through the flows of a project in the simulator: every condition,
    /// key, intent and error outcome taken, loops unrolled to their bound.
    ///
    /// Lists the paths that strand the caller with what the caller and the world did on them
    /// (exit 1 when there are any), and how many paths together take every branch.
    Explore(ExploreArgs),
    /// Explain a diagnostic code, for example `dialect explain R003`.
    Explain(ExplainArgs),
    /// Simulate a call through a `.dial` project or Connect flow JSON files: interactively (a
    /// REPL where you play the caller) or scripted.
    ///
    /// Without caller steps it is a REPL: it shows each step and prompt, waits when the flow
    /// waits for the caller, and takes commands that set the world (`/help` lists them). Lines
    /// are read plainly when standard input is not a terminal, so a script can be piped in.
    /// With `--press`, `--say`, `--silent` and `--hang-up` (in order), `--json` or `--explore`
    /// it runs one scripted call. A project calls its first inbound flow unless `--flow` says
    /// otherwise; JSON files call the first file. Lambdas without a mock return `{}`.
    /// Exit 0 when the call ends properly (or the REPL is left), 1 when the caller is
    /// stranded, the simulator hit an error or piped REPL lines were refused, 2 on usage errors.
    Simulate(SimulateArgs),
    /// Draw a flow as a diagram: SVG (laid out by Dialect itself), DOT or Mermaid.
    ///
    /// Steps are nodes labelled with what the caller hears or does; edges are outcomes (intent,
    /// key, condition, error type), error edges dashed red, other flows and modules as links.
    /// PATH may also be an exported Connect flow (`.json`): then every action is a node.
    Graph(GraphArgs),
    /// Write a static HTML report: every flow's diagram with its diagnostics on the steps, and
    /// a coverage overlay when `--coverage` is given. Open `DIR/index.html` in a browser; no
    /// server or network is needed.
    Report(ReportArgs),
    /// Format `.dial` files in the one canonical style (comments are kept where they are).
    ///
    /// Give files or folders (default: the current folder). Files with syntax errors are left
    /// alone and reported. `-` formats standard input to standard output.
    Fmt(FmtArgs),
    /// Run the language server on standard input and output (started by editors).
    Lsp(LspArgs),
    /// Deploy flows and modules to an Amazon Connect instance: read what exists, print the
    /// plan (`--plan` stops there), then write only what differs.
    ///
    /// `dialect deploy PATH --env NAME --instance-id ID [--region R] [--plan]`. Runs the
    /// `dialect-deploy` program (next to `dialect`, or on PATH) with the same arguments; build
    /// it with `cargo build --release -p dialect-deploy`. `dialect deploy --help` shows its
    /// options.
    #[command(disable_help_flag = true)]
    Deploy(DeployArgs),
    /// Developer command (hidden): write a generated project of about N steps (the benchmarks'
    /// projects) with `dialect.toml` and an environment, ready for `check` and `build`.
    #[command(hide = true)]
    Generate(GenerateArgs),
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
pub struct GenerateArgs {
    /// About how many steps the project has in total.
    #[arg(long, value_name = "N")]
    pub steps: usize,
    /// The output folder (replaced only when empty or an earlier generated project).
    #[arg(long, value_name = "DIR")]
    pub out: String,
    /// Another choice of step templates; 0 gives the benchmarks' projects.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
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
    /// The exported flow (`.json`), bot (`.zip` or folder) or CloudFormation template.
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
pub struct TestArgs {
    /// Files or folders with flows and tests.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Also write each test in AWS's testing language (Version 2025-06-21) for Amazon
    /// Connect's test and simulation feature: one JSON file per test in DIR (replaced whole).
    #[arg(long, value_name = "DIR")]
    pub export_aws: Option<String>,
    /// Print the coverage of every flow: actions that ran, branches and error branches taken.
    #[arg(long)]
    pub coverage: bool,
    /// Also list every branch no test took.
    #[arg(long, requires = "coverage")]
    pub coverage_missed: bool,
    /// Fail when branch coverage is below this percentage.
    #[arg(long, value_name = "PCT")]
    pub min_coverage: Option<f64>,
    /// Write the coverage (steps and edges hit, and every test's transcript) as JSON for
    /// `dialect report --coverage FILE`.
    #[arg(long, value_name = "FILE")]
    pub coverage_out: Option<String>,
    /// Write a JUnit XML report here (for CI).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<String>,
    /// Run only the tests whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
    /// Print the transcript of every call, passing or not.
    #[arg(long)]
    pub transcripts: bool,
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct ExploreArgs {
    /// Files or folders with flows.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Explore only this flow.
    #[arg(long, value_name = "NAME")]
    pub flow: Option<String>,
    /// Print every path, not only the stranded ones.
    #[arg(long = "paths")]
    pub paths_out: bool,
    /// Stop after this many paths per flow.
    #[arg(long, value_name = "N")]
    pub max_paths: Option<usize>,
    /// Write scenario tests that together take every branch the explorer reached to FILE
    /// (a `.dial` file, replaced as a whole).
    #[arg(long, value_name = "FILE")]
    pub write_tests: Option<String>,
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
pub struct SimulateArgs {
    /// A `.dial` project (files or a folder), or Connect flow JSON files: the first one starts
    /// the call, the others can be transferred to or invoked as modules (by file name without
    /// `.json`).
    #[arg(required = true, value_name = "PATH")]
    pub flows: Vec<String>,
    /// The flow the call starts in (default: a project's first inbound flow, the first JSON
    /// file).
    #[arg(long, value_name = "NAME")]
    pub flow: Option<String>,
    /// Lex V2 export zips of the bots the flows use.
    #[arg(long = "bot", value_name = "BOT.zip")]
    pub bots: Vec<String>,
    /// The caller presses keys (repeatable; order with the other steps is kept).
    #[arg(long, value_name = "KEYS")]
    pub press: Vec<String>,
    /// The caller says something (repeatable).
    #[arg(long, value_name = "TEXT")]
    pub say: Vec<String>,
    /// The caller stays silent at the next prompt (repeatable).
    #[arg(long, action = clap::ArgAction::Count)]
    pub silent: u8,
    /// The caller hangs up at the next prompt.
    #[arg(long)]
    pub hang_up: bool,
    /// The caller's number (default +819012345678).
    #[arg(long, value_name = "E164")]
    pub caller: Option<String>,
    /// The caller's number is withheld.
    #[arg(long, conflicts_with = "caller")]
    pub withheld: bool,
    /// Local date and time of the call, e.g. `2026-11-24 10:00`.
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// IANA time zone of `--at`.
    #[arg(long, value_name = "ZONE", default_value = "Asia/Tokyo")]
    pub tz: String,
    /// Hours of operation the world does not describe are closed (Connect JSON only).
    #[arg(long)]
    pub closed: bool,
    /// A Lambda mock: `NAME=JSON`, `NAME=fail`, `NAME=timeout` (repeatable).
    #[arg(long = "mock", value_name = "NAME=RESULT")]
    pub mocks: Vec<String>,
    /// Customer profiles as CSV (header line with field names).
    #[arg(long, value_name = "FILE.csv")]
    pub profiles: Option<String>,
    /// Show every action taken.
    #[arg(long)]
    pub steps: bool,
    /// Print the trace as JSON lines (one event per line) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Instead of one call, list every path through the first flow.
    #[arg(long)]
    pub explore: bool,
}

/// The format of `dialect graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// SVG, laid out by Dialect (no Graphviz needed).
    Svg,
    /// Graphviz DOT text.
    Dot,
    /// A Mermaid `flowchart TD` (renders in Markdown on GitHub and GitLab).
    Mermaid,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// A `.dial` file or folder, or an exported Connect flow (`.json`).
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The flow to draw; needed when PATH holds several (for DOT, every flow is drawn).
    #[arg(long, value_name = "NAME")]
    pub flow: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
    pub format: GraphFormat,
    /// Write to this file instead of printing.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// Colour the diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or folders with `.dial` flows.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// The output folder (created; files of an earlier report are overwritten).
    #[arg(long, value_name = "DIR")]
    pub out: String,
    /// A coverage file written by `dialect test --coverage-out FILE` (format: see
    /// `compiler/src/diagram/coverage.rs`).
    #[arg(long, value_name = "FILE")]
    pub coverage: Option<String>,
    /// Check only these environments (as in `dialect check`).
    #[arg(long = "env", value_name = "NAME")]
    pub envs: Vec<String>,
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

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The arguments of `dialect-deploy`, passed on unchanged.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    pub args: Vec<String>,
}
