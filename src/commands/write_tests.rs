//! `dialect explore PATH --write-tests FILE`: scenario tests that together take every branch
//! the explorer reached.
//!
//! For each flow: the covering paths of its exploration (plus one path for each branch the
//! explorer counted as equivalent to another), each turned into a test plan
//! (`runtime::testgen::plan`). Each plan is compiled next to the project and run in the
//! simulator; a plan is kept only when its call takes every branch of its path, and gets the
//! expectations of what happened on that call. The file is compiled and run once more as a
//! whole, formatted, and written atomically. Paths the test language cannot set up are skipped
//! with a warning naming the branch.

use std::collections::BTreeSet;
use std::path::{Path as FsPath, PathBuf};

use dialect_compiler::compile::{Options, Project, analyze};
use dialect_compiler::resolve::Model;
use dialect_compiler::source::{LoadError, SourceLoader, normalize};
use dialect_runtime::coverage::{Both, Coverage};
use dialect_runtime::explore::{ExploreOptions, Path, explore};
use dialect_runtime::program::Program;
use dialect_runtime::testgen::{self, NamedBranch, TestPlan};
use dialect_runtime::trace::{Event, Observer, Taken, Trace};
use dialect_runtime::{Session, project};

/// What was written.
pub struct Written {
    /// Tests written.
    pub tests: usize,
    /// Paths skipped (each was warned about on stderr).
    pub skipped: usize,
    /// Per explored flow: its name, the branches the written tests take and those the
    /// explorer reached (counted as `dialect test --coverage` counts them).
    pub flows: Vec<(String, usize, usize)>,
}

/// The generated file on top of the real file system.
struct Overlay<'a> {
    path: &'a str,
    text: &'a str,
}

impl SourceLoader for Overlay<'_> {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        if path == self.path {
            return Ok(self.text.as_bytes().to_vec());
        }
        crate::fs_loader::FsLoader.load(path)
    }

    fn identity(&self, path: &str) -> String {
        if path == self.path {
            return path.to_owned();
        }
        crate::fs_loader::FsLoader.identity(path)
    }
}

/// Records the branches a call takes.
#[derive(Default)]
struct Branches(Vec<(u32, u32, Taken)>);

impl Observer for Branches {
    const EVENTS: bool = false;
    fn event(&mut self, _: Event) {}
    fn branch(&mut self, flow: u32, action: u32, taken: Taken) {
        self.0.push((flow, action, taken));
    }
}

/// Writes the tests of `flows` to `out`. `command` is the command line, for the header.
///
/// # Errors
/// When the file cannot be written, or the generated file does not compile (a bug: the
/// message says so).
pub fn write(
    p: &Project,
    program: &Program,
    flows: &[u32],
    opts: ExploreOptions,
    out: &FsPath,
    command: &str,
) -> Result<Written, String> {
    let out = absolute(out)?;
    let out_str = normalize(&out.to_string_lossy());
    let dir = out
        .parent()
        .map_or_else(|| PathBuf::from("/"), FsPath::to_path_buf);
    let world = project::world(&p.model);
    let mut skipped = 0usize;
    let mut kept: Vec<TestPlan> = Vec::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    // Per flow: name, branches reached, and the explorer's missed branches.
    let mut reached: Vec<(String, usize, BTreeSet<String>)> = Vec::new();
    for &f in flows {
        let x = explore(program, f, opts);
        let c = x.coverage(program);
        if let Some(fc) = c.flows.get(f as usize) {
            reached.push((
                fc.name.clone(),
                fc.totals().branches.0,
                fc.missed().into_iter().collect(),
            ));
        }
        let chosen = x.covering_paths();
        let mut paths: Vec<Path> = chosen.iter().map(|&i| x.paths[i].clone()).collect();
        paths.extend(testgen::equivalent_variants(&x, &chosen));
        let mut taken_all: BTreeSet<NamedBranch> = BTreeSet::new();
        for path in &paths {
            match try_path(p, program, &world, f, path, &dir, &out_str, command) {
                Ok((plan, taken)) => {
                    taken_all.extend(taken);
                    kept.push(plan);
                }
                Err(why) => {
                    eprintln!("warning: no test for the path through {why}");
                    skipped += 1;
                }
            }
        }
        // Branches lost with a skipped path may lie on other paths the test language can set
        // up: try those, in exploration order, keeping each that takes a new branch.
        let reached_named: BTreeSet<NamedBranch> = x
            .paths
            .iter()
            .flat_map(|path| testgen::named_branches(program, &path.steps))
            .collect();
        let mut extra: Vec<Path> = x.paths.clone();
        extra.extend(testgen::equivalent_variants(
            &x,
            &(0..x.paths.len()).collect::<Vec<_>>(),
        ));
        let mut attempts = 0;
        for path in &extra {
            if attempts >= MAX_EXTRA_ATTEMPTS || reached_named.is_subset(&taken_all) {
                break;
            }
            let named = testgen::named_branches(program, &path.steps);
            if named.iter().all(|b| taken_all.contains(b)) {
                continue;
            }
            attempts += 1;
            if let Ok((plan, taken)) =
                try_path(p, program, &world, f, path, &dir, &out_str, command)
            {
                taken_all.extend(taken);
                kept.push(plan);
            }
        }
    }
    for plan in &mut kept {
        unique_name(plan, &mut names);
    }
    // The whole file once more: every test must pass as written.
    loop {
        let text = file_text(p, &kept, &dir, command);
        let (failing, coverage) = failing_tests(&out_str, &text)?;
        if failing.is_empty() {
            let formatted = dialect_compiler::format::format(&text)
                .map_err(|e| format!("internal error: the generated tests do not format: {e:?}"))?;
            write_atomically(&out, &formatted)?;
            let mut per_flow = Vec::new();
            for (name, total, explorer_missed) in &reached {
                let fc = coverage.flows.iter().find(|fc| fc.name == *name);
                let taken = fc.map_or(0, |fc| fc.totals().branches.0);
                for m in fc.map(|fc| fc.missed()).unwrap_or_default() {
                    if !explorer_missed.contains(&m) {
                        eprintln!("warning: no written test takes {name} `{m}`");
                    }
                }
                per_flow.push((name.clone(), taken, *total));
            }
            return Ok(Written {
                tests: kept.len(),
                skipped,
                flows: per_flow,
            });
        }
        for name in &failing {
            eprintln!("warning: dropped `{name}`: its expectations do not hold when run");
            skipped += 1;
        }
        kept.retain(|t| !failing.contains(&t.name));
    }
}

/// How many more paths to try for the branches of skipped ones, per flow.
const MAX_EXTRA_ATTEMPTS: usize = 200;

/// A test for `path`, with the branches its call takes; `Err`: why there is none, naming the
/// branch.
#[allow(clippy::too_many_arguments)]
fn try_path(
    p: &Project,
    program: &Program,
    world: &dialect_runtime::World,
    f: u32,
    path: &Path,
    dir: &FsPath,
    out: &str,
    command: &str,
) -> Result<(TestPlan, Vec<NamedBranch>), String> {
    let plan = testgen::plan(&p.model, program, world, f, path);
    if let Some(why) = plan.problems.first() {
        return Err(why.clone());
    }
    let draft = file_text(p, std::slice::from_ref(&plan), dir, command);
    let (model, trace, taken) =
        run_one(out, &draft).map_err(|e| format!("`{}`: {e}", plan.name))?;
    if let Some(s) = path.steps.iter().find(|s| {
        testgen::named_branches(program, std::slice::from_ref(*s))
            .first()
            .is_some_and(|b| !taken.contains(b))
    }) {
        return Err(format!(
            "{}: the test language cannot set up the world that takes it",
            testgen::describe_branch(program, s)
        ));
    }
    Ok((testgen::with_expectations(&plan, &trace, &model), taken))
}

fn unique_name(plan: &mut TestPlan, names: &mut BTreeSet<String>) {
    let base = plan.name.clone();
    let mut n = 2;
    while names.contains(&plan.name) {
        plan.name = format!("{base} ({n})");
        n += 1;
    }
    names.insert(plan.name.clone());
}

/// Compiles one draft test and runs its call: the model, the trace and the branches taken.
fn run_one(out: &str, text: &str) -> Result<(Model, Trace, Vec<NamedBranch>), String> {
    let p = compile(out, text)?;
    let test = p
        .model
        .tests
        .first()
        .ok_or_else(|| "the test did not compile".to_owned())?;
    let scenario = project::scenario(&p.model, test)?;
    let program = project::program(&p.model);
    let flow = program
        .flow_named(&scenario.flow)
        .ok_or_else(|| format!("no flow `{}`", scenario.flow))?;
    let mut obs = Both(Trace::default(), Branches::default());
    Session::new(&program, &scenario.world).run(flow, &scenario.script().steps, &mut obs);
    let taken = testgen::named_branches(
        &program,
        &obs.1
            .0
            .iter()
            .map(
                |&(flow, action, taken)| dialect_runtime::explore::PathStep {
                    flow,
                    action,
                    taken,
                },
            )
            .collect::<Vec<_>>(),
    );
    Ok((p.model, obs.0, taken))
}

/// The names of the tests of `text` that fail, and the coverage of them all.
fn failing_tests(out: &str, text: &str) -> Result<(Vec<String>, Coverage), String> {
    let p = compile(out, text)?;
    let program = project::program(&p.model);
    let mut failing = Vec::new();
    let mut coverage = Coverage::new(&program);
    for t in &p.model.tests {
        match project::scenario(&p.model, t).map(|s| s.run(&program)) {
            Ok(r) if r.passed => coverage.merge(&r.coverage),
            _ => failing.push(t.name.clone()),
        }
    }
    Ok((failing, coverage))
}

fn compile(out: &str, text: &str) -> Result<Project, String> {
    let p = analyze(
        &Overlay { path: out, text },
        &Options {
            roots: vec![out.to_owned()],
            environments: Vec::new(),
        },
    );
    if p.diagnostics.has_errors() {
        let first = p
            .diagnostics
            .clone()
            .into_vec()
            .into_iter()
            .find(|d| d.severity == dialect_compiler::diagnostics::Severity::Error)
            .map(|d| format!("{}: {}", d.code.id(), d.message))
            .unwrap_or_default();
        return Err(format!(
            "internal error: the generated test does not compile ({first})"
        ));
    }
    Ok(p)
}

/// The file: a header, the `use`s the tests need, the tests.
fn file_text(p: &Project, plans: &[TestPlan], dir: &FsPath, command: &str) -> String {
    let mut out = format!(
        "// Generated by `{command}`:\n// one test per explored path; together they take every \
         branch the explorer reached that a test can set up.\n// Do not edit: run the command again after changing \
         the flows.\n\n"
    );
    let mut files: BTreeSet<String> = BTreeSet::new();
    for plan in plans {
        for name in plan.names() {
            if let Some(file) = declared_in(&p.model, &name) {
                let path = &p.sources.get(file).path;
                if let Ok(abs) = absolute(FsPath::new(path)) {
                    files.insert(relative(dir, &abs));
                }
            }
        }
    }
    for f in &files {
        out.push_str(&format!("use {}\n", testgen::quote(f)));
    }
    for plan in plans {
        out.push('\n');
        out.push_str(&plan.render());
    }
    out
}

fn declared_in(model: &Model, name: &str) -> Option<dialect_compiler::span::FileId> {
    model
        .flows
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.file)
        .or_else(|| {
            model
                .queues
                .iter()
                .find(|q| q.name == name)
                .map(|q| q.span.file)
        })
        .or_else(|| {
            model
                .integrations
                .iter()
                .find(|i| i.name == name)
                .map(|i| i.span.file)
        })
}

fn absolute(path: &FsPath) -> Result<PathBuf, String> {
    let abs = std::path::absolute(path)
        .map_err(|e| format!("cannot resolve `{}`: {e}", path.display()))?;
    Ok(PathBuf::from(normalize(&abs.to_string_lossy())))
}

/// `to` relative to the folder `from` (both absolute and normalised).
fn relative(from: &FsPath, to: &FsPath) -> String {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Writes a sibling temporary file and renames it over `out`, so that `out` is never
/// half-written.
fn write_atomically(out: &FsPath, text: &str) -> Result<(), String> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("`{}` is not a file name", out.display()))?;
    let tmp = out.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    if let Err(e) = std::fs::write(&tmp, text) {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write `{}`: {e}", out.display()));
    }
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write `{}`: {e}", out.display())
    })
}
