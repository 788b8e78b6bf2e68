//! `dialect generate --steps N --out DIR [--seed S]` (hidden, for developers): writes a
//! generated project (`dialect_compiler::generate`) with its `dialect.toml` and environment, all
//! files or none.

use std::path::Path;

use dialect_compiler::generate::environment::{MARKER, standalone};

use super::Status;
use crate::args::GenerateArgs;
use crate::out_dir;

pub fn run(args: &GenerateArgs) -> Status {
    let files = standalone(args.steps, args.seed);
    let count = files.len();
    let bytes: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    let out = Path::new(&args.out);
    match out_dir::write_all_replacing(out, &bytes, "an earlier `dialect generate`", generated) {
        Ok(()) => {
            println!(
                "generated {count} files (about {} steps, seed {}) in {}",
                args.steps,
                args.seed,
                out.display()
            );
            Status::Ok
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            Status::Usage
        }
    }
}

/// A folder that holds an earlier generated project: its `dialect.toml` starts with the marker.
fn generated(out: &Path) -> bool {
    std::fs::read_to_string(out.join("dialect.toml")).is_ok_and(|t| t.starts_with(MARKER))
}
