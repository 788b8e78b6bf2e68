//! Writing to stdout without panicking when the reader goes away (`dialect ... | head`).

use std::io::Write;

/// Writes `text` to stdout; a closed pipe ends the process quietly with `status`.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}
