//! `dialect deploy ...`: an external subcommand, as git and cargo have them. The AWS SDK lives
//! in the `dialect-deploy` crate so the everyday build never compiles it; this runs its binary
//! (next to the current executable, else on PATH) with the same arguments and returns its exit
//! code.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use crate::args::DeployArgs;

const PROGRAM: &str = "dialect-deploy";

pub fn run(args: &DeployArgs) -> ExitCode {
    let Some(program) = find() else {
        eprintln!(
            "error: `dialect deploy` needs the `{PROGRAM}` program, which was not found next to `dialect` or on PATH"
        );
        eprintln!(
            "  help: build it with `cargo build --release -p dialect-deploy` (it holds the AWS SDK, kept out of the everyday build) and put `target/release/{PROGRAM}` next to `dialect` or on PATH"
        );
        return ExitCode::from(2);
    };
    match Command::new(&program).args(&args.args).status() {
        Ok(status) => status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .map_or(ExitCode::from(2), ExitCode::from),
        Err(e) => {
            eprintln!("error: cannot run `{}`: {e}", program.display());
            ExitCode::from(2)
        }
    }
}

/// `dialect-deploy` next to the current executable, else the first on PATH.
fn find() -> Option<PathBuf> {
    let name = format!("{PROGRAM}{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.is_file());
    beside.or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|dir| dir.join(&name))
            .find(|p| p.is_file())
    })
}
