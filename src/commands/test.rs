//! `dialect test PATH... [--coverage] [--min-coverage PCT] [--junit FILE] [--filter TEXT]`:
//! run the `test "..."` scenarios of a project in the simulator.

use std::fmt::Write as _;
use std::time::Instant;

use dialect_compiler::span::SourceMap;
use dialect_runtime::expect::{ScenarioResult, run_all};
use dialect_runtime::project;

use super::Status;
use crate::args::TestArgs;
use crate::output::print;
use crate::report::plural;

pub fn run(args: &TestArgs) -> Status {
    let started = Instant::now();
    let p = match super::analyze_clean(&args.paths, args.format, args.color, "no test ran") {
        Ok(p) => p,
        Err(status) => return status,
    };
    let tests: Vec<_> = p
        .model
        .tests
        .iter()
        .filter(|t| {
            args.filter
                .as_ref()
                .is_none_or(|f| t.name.contains(f.as_str()))
        })
        .collect();
    if tests.is_empty() {
        eprintln!(
            "error: no `test \"...\"` found in {}",
            args.paths.join(", ")
        );
        return Status::Usage;
    }
    let (program, lowered) = project::program_and_flows(&p.model);
    let mut scenarios = Vec::with_capacity(tests.len());
    for t in &tests {
        match project::scenario(&p.model, t) {
            Ok(s) => scenarios.push(s),
            Err(e) => {
                eprintln!("error: test `{}`: {e}", t.name);
                return Status::Failed;
            }
        }
    }
    if let Some(dir) = &args.export_aws
        && let Err(status) = export_aws(&p.model, &tests, dir)
    {
        return status;
    }
    let (results, coverage) = run_all(&program, &scenarios);
    let mut out = String::new();
    for r in &results {
        let _ = writeln!(
            out,
            "test {} ... {}",
            r.name,
            if r.passed { "ok" } else { "FAILED" }
        );
        if args.transcripts {
            for line in r.trace.render().lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let failed: Vec<(&ScenarioResult, &&dialect_compiler::resolve::Test)> = results
        .iter()
        .zip(&tests)
        .filter(|(r, _)| !r.passed)
        .collect();
    if !failed.is_empty() {
        out.push_str("\nfailures:\n");
        for (r, t) in &failed {
            let _ = writeln!(out, "\n---- {} ({}) ----", r.name, location(&p.sources, t));
            for f in &r.failures {
                let _ = writeln!(out, "  {f}");
            }
            out.push_str("  transcript (- expected, + happened instead):\n");
            for line in r.diff.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let mut status = if failed.is_empty() {
        Status::Ok
    } else {
        Status::Failed
    };
    if args.coverage || args.min_coverage.is_some() {
        out.push_str("\ncoverage (actions that ran, branches and error branches taken):\n");
        out.push_str(&coverage.render());
        let (mut covered, mut total) = (0usize, 0usize);
        for f in &coverage.flows {
            let t = f.totals();
            covered += t.branches.0;
            total += t.branches.1;
        }
        #[allow(clippy::cast_precision_loss)]
        let percent = if total == 0 {
            100.0
        } else {
            covered as f64 * 100.0 / total as f64
        };
        let _ = writeln!(out, "branches: {covered}/{total} ({percent:.1}%)");
        if args.coverage_missed {
            for f in &coverage.flows {
                for m in f.missed() {
                    let _ = writeln!(out, "  missed {}: {m}", f.name);
                }
            }
        }
        if let Some(min) = args.min_coverage
            && percent + 1e-9 < min
        {
            let _ = writeln!(
                out,
                "error: branch coverage {percent:.1}% is below --min-coverage {min}%"
            );
            status = Status::Failed;
        }
    }
    let passed = results.len() - failed.len();
    let _ = writeln!(
        out,
        "\ntest result: {}. {passed} passed; {} failed ({} test{}) in {:.0?}",
        if failed.is_empty() { "ok" } else { "FAILED" },
        failed.len(),
        results.len(),
        plural(results.len()),
        started.elapsed()
    );
    print(&out);
    if let Some(path) = &args.coverage_out {
        let flows: Vec<String> = tests
            .iter()
            .map(|t| p.model.flow(t.flow).name.clone())
            .collect();
        let file = crate::coverage_file::build(&program, &lowered, &coverage, &results, &flows);
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("error: cannot write `{path}`: {e}");
            return Status::Usage;
        }
    }
    if let Some(path) = &args.junit
        && let Err(e) = std::fs::write(path, junit(&results, &tests, &p.sources))
    {
        eprintln!("error: cannot write `{path}`: {e}");
        return Status::Usage;
    }
    status
}

fn location(sources: &SourceMap, t: &dialect_compiler::resolve::Test) -> String {
    let file = sources.get(t.name_span.file);
    let (line, col) = file.line_col(t.name_span.start);
    format!("{}:{line}:{col}", file.path)
}

/// JUnit XML: one test case per scenario, failures with their messages and the transcript.
fn junit(
    results: &[ScenarioResult],
    tests: &[&dialect_compiler::resolve::Test],
    sources: &SourceMap,
) -> String {
    let failures = results.iter().filter(|r| !r.passed).count();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<testsuites tests=\"{}\" failures=\"{failures}\">\n  <testsuite name=\"dialect\" tests=\"{}\" failures=\"{failures}\">",
        results.len(),
        results.len()
    );
    for (r, t) in results.iter().zip(tests) {
        let file = &sources.get(t.name_span.file).path;
        let _ = write!(
            x,
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"",
            xml(&r.name),
            xml(file),
            xml(file)
        );
        if r.passed {
            x.push_str("/>\n");
        } else {
            let _ = writeln!(
                x,
                ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                xml(&r.failures.join("; ")),
                xml(&r.diff)
            );
        }
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    x
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes every test as an AWS test case in `dir` (all files or none), with a manifest, and
/// prints what could not be expressed.
fn export_aws(
    model: &dialect_compiler::resolve::Model,
    tests: &[&dialect_compiler::resolve::Test],
    dir: &str,
) -> Result<(), Status> {
    let mut files = Vec::new();
    let mut names = Vec::new();
    let mut warnings = 0usize;
    for (i, t) in tests.iter().enumerate() {
        let x = dialect_runtime::aws_tests::export(model, t, i);
        for w in &x.warnings {
            eprintln!("warning: test `{}` ({}): {w}", t.name, x.file);
        }
        warnings += x.warnings.len();
        let mut text = serde_json::to_string_pretty(&x.content).unwrap_or_default();
        text.push('\n');
        names.push(serde_json::json!({ "file": x.file, "test": t.name }));
        files.push((x.file, text.into_bytes()));
    }
    let manifest = serde_json::json!({
        "generator": crate::out_dir::GENERATOR,
        "kind": "aws-testing-language",
        "version": dialect_runtime::aws_tests::VERSION,
        "tests": names,
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    files.push(("manifest.json".to_owned(), text.into_bytes()));
    if let Err(e) = crate::out_dir::write_all(std::path::Path::new(dir), &files) {
        eprintln!("error: {e}");
        return Err(Status::Usage);
    }
    eprintln!(
        "exported {} test{} to {dir} in AWS's testing language ({warnings} line{} without an equivalent, listed above)",
        tests.len(),
        plural(tests.len()),
        plural(warnings)
    );
    Ok(())
}
