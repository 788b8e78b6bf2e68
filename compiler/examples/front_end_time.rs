//! Times the front end once on a generated project, for profiling and peak-memory runs:
//!
//! ```text
//! cargo build --release -p dialect-compiler --example front_end_time
//! /usr/bin/time -v target/release/examples/front_end_time 121000 analyze
//! perf record -g target/release/examples/front_end_time 121000 analyze
//! ```
//!
//! Arguments: the number of steps (default 12100, about 100k lines), what to run: `parse`
//! (the default path), `pest`, `fast`, `analyze` or `all` (default), and how many rounds
//! (default 1).

#[path = "common/clock.rs"]
mod clock;

use std::hint::black_box;

use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::generate;
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;
use dialect_compiler::syntax;

use clock::Clock;

fn main() {
    let mut args = std::env::args().skip(1);
    let steps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(12_100);
    let what = args.next().unwrap_or_else(|| "all".to_owned());
    let files = generate::project(steps);
    eprintln!(
        "{steps} steps, {} files, {} lines, {} bytes",
        files.len(),
        generate::lines(&files),
        generate::bytes(&files)
    );
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let run = |name: &str| what == "all" || what == name;
    for _ in 0..rounds {
        measure(&files, &run);
    }
}

fn measure(files: &[(String, String)], run: &dyn Fn(&str) -> bool) {
    let id = |i: usize| FileId(u32::try_from(i).unwrap_or(u32::MAX));
    if run("pest") {
        let t = Clock::now();
        for (i, (_, text)) in files.iter().enumerate() {
            black_box(syntax::parse_pest(id(i), text));
        }
        eprintln!("parse (pest)  {}", t.elapsed());
    }
    if run("fast") {
        let t = Clock::now();
        let mut declined = 0;
        for (i, (_, text)) in files.iter().enumerate() {
            declined += usize::from(black_box(syntax::parse_fast(id(i), text)).is_none());
        }
        eprintln!("parse (fast)  {} ({declined} files declined)", t.elapsed());
    }
    if run("parse") {
        let t = Clock::now();
        for (i, (_, text)) in files.iter().enumerate() {
            black_box(syntax::parse(id(i), text));
        }
        eprintln!("parse         {}", t.elapsed());
    }
    if run("analyze") {
        let mut loader = MemoryLoader::new();
        for (path, text) in files {
            loader.insert(path, text.as_str());
        }
        let options = Options {
            roots: files.iter().map(|(p, _)| p.clone()).collect(),
            environments: Vec::new(),
        };
        let t = Clock::now();
        let project = analyze(&loader, &options);
        let elapsed = t.elapsed();
        assert!(project.diagnostics.is_empty());
        drop(black_box(project));
        eprintln!("analyze       {elapsed}");
        eprintln!("  + drop      {}", t.elapsed());
    }
}
