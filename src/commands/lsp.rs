//! `dialect lsp`: the language server, over standard input and output.

use super::Status;
use crate::args::LspArgs;

pub fn run(_args: &LspArgs) -> Status {
    match dialect_lsp::run_stdio() {
        Ok(()) => Status::Ok,
        Err(e) => {
            eprintln!("error: the language server stopped: {e}");
            Status::Usage
        }
    }
}
