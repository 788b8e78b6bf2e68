//! `dialect lsp`: the binary speaks the protocol on standard input and output. (The server's
//! features are tested in-process in `lsp/tests/protocol.rs`.)

use std::io::Write;
use std::process::{Command, Stdio};

fn frame(json: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{json}", json.len())
}

#[test]
fn lsp_answers_initialize_and_exits_on_request() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dialect"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dialect lsp starts");
    let input = [
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("exits");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("\"documentFormattingProvider\":true"),
        "{stdout}"
    );
    assert!(stdout.contains("\"name\":\"dialect-lsp\""), "{stdout}");
    assert!(stdout.contains("\"id\":2"), "{stdout}");
}
