//! `dialect fmt [PATH...] [--check]`: rewrite `.dial` files in the canonical style.
//!
//! Files with syntax errors are never touched; their diagnostics are printed and the run fails.
//! `--check` writes nothing and lists the files that would change (for CI). `-` reads standard
//! input and writes the result to standard output (for editors).

use std::io::Read;

use dialect_compiler::format::{FormatError, format};
use dialect_compiler::span::{SourceFile, SourceMap};

use super::Status;
use crate::args::FmtArgs;
use crate::output::print;
use crate::report::{plural, render};
use dialect_files::expand;

pub fn run(args: &FmtArgs) -> Status {
    if args.paths.iter().any(|p| p == "-") {
        return stdin(args);
    }
    let paths = if args.paths.is_empty() {
        vec![".".to_owned()]
    } else {
        args.paths.clone()
    };
    let files = expand(&paths, ".dial");
    let mut status = Status::Ok;
    let mut changed = 0;
    for path in &files {
        let text = match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                eprintln!("error: `{path}` is not valid UTF-8");
                status = worse(status, Status::Failed);
                continue;
            }
            Err(e) => {
                eprintln!("error: cannot read `{path}`: {e}");
                status = worse(status, Status::Usage);
                continue;
            }
        };
        match format_one(path, &text, args) {
            Ok(out) if out == text => {}
            Ok(out) => {
                changed += 1;
                if args.check {
                    println!("{path}");
                    status = worse(status, Status::Failed);
                } else if let Err(e) = std::fs::write(path, out) {
                    eprintln!("error: cannot write `{path}`: {e}");
                    status = worse(status, Status::Usage);
                }
            }
            Err(s) => status = worse(status, s),
        }
    }
    let n = files.len();
    if args.check {
        if changed > 0 {
            eprintln!(
                "{changed} of {n} file{} would be reformatted; run `dialect fmt` to fix",
                plural(n)
            );
        }
    } else {
        eprintln!("Formatted {n} file{}, {changed} changed", plural(n));
    }
    status
}

fn stdin(args: &FmtArgs) -> Status {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: cannot read standard input: {e}");
        return Status::Usage;
    }
    match format_one("<stdin>", &text, args) {
        Ok(out) => {
            if args.check {
                if out == text {
                    Status::Ok
                } else {
                    Status::Failed
                }
            } else {
                print(&out);
                Status::Ok
            }
        }
        Err(s) => s,
    }
}

fn format_one(path: &str, text: &str, args: &FmtArgs) -> Result<String, Status> {
    match format(text) {
        Ok(out) => Ok(out),
        Err(FormatError::Syntax(diags)) => {
            let mut sources = SourceMap::new();
            sources.add(SourceFile::new(path, text));
            eprint!("{}", render(&sources, &diags, args.format, args.color));
            eprintln!("error: `{path}` was not formatted because it has syntax errors");
            Err(Status::Failed)
        }
        Err(e @ FormatError::Internal(_)) => {
            eprintln!("error: `{path}`: {e}");
            Err(Status::Usage)
        }
    }
}

fn worse(a: Status, b: Status) -> Status {
    if (b as u8) > (a as u8) { b } else { a }
}
