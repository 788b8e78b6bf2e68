//! One keystroke on a 5,000-line project: `didChange`, then the server's answer.
//!
//! ```text
//! cargo bench -p dialect-lsp --bench keystroke
//! ```
//!
//! The project comes from `dialect_compiler::generate` and is written to a temporary folder
//! with a `dialect.toml`, so the server analyses the whole project (every file, across `use`)
//! on every change, as it does in an editor. The server runs in-process on an in-memory
//! connection; each measured round is one `didChange` and the message it causes:
//!
//! - `error-toggle`: the edit adds or removes an undefined step, so the round ends with the
//!   `publishDiagnostics` of the file;
//! - `typing`: the edit adds a character to a comment (diagnostics do not change), and the
//!   round ends with the answer to a `documentSymbol` request sent right after it.
//!
//! `DIALECT_LSP_TIMING=1` makes the server print the time of each analysis (driver, index,
//! publishing) on standard error.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use dialect_compiler::generate;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const STEPS: usize = 600;

struct Bench {
    client: Connection,
    uri: String,
    /// Lines in the edited file.
    last_line: u32,
    next_id: i32,
    _dir: tempfile::TempDir,
}

impl Bench {
    fn new() -> (Bench, std::thread::JoinHandle<()>) {
        let files = generate::project(STEPS);
        eprintln!(
            "keystroke bench: {} files, {} lines",
            files.len(),
            generate::lines(&files)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("dialect.toml"),
            "[project]\nname = \"bench\"\n",
        )
        .expect("write");
        for (path, text) in &files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, text).expect("write");
        }
        let (path, text) = files.last().expect("files");
        let uri = lsp_types::Url::from_file_path(dir.path().join(path))
            .expect("uri")
            .to_string();
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || {
            let _ = dialect_lsp::run(&server);
        });
        let mut b = Bench {
            client,
            uri,
            last_line: u32::try_from(text.lines().count()).unwrap_or(0),
            next_id: 0,
            _dir: dir,
        };
        let root = lsp_types::Url::from_file_path(b._dir.path()).expect("uri");
        b.request(
            "initialize",
            json!({ "rootUri": root.to_string(), "capabilities": {} }),
        );
        b.notify("initialized", json!({}));
        b.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": b.uri, "languageId": "dialect", "version": 1, "text": text } }),
        );
        (b, handle)
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.client
            .sender
            .send(Message::Notification(n))
            .expect("send");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let r = Request::new(id.clone(), method.into(), params);
        self.client.sender.send(Message::Request(r)).expect("send");
        loop {
            if let Message::Response(r) = self.client.receiver.recv().expect("answer")
                && r.id == id
            {
                return r.response_result.unwrap_or(Value::Null);
            }
        }
    }

    fn change(&self, line: u32, from: u32, to: u32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": self.uri, "version": 2 },
                "contentChanges": [{
                    "range": { "start": { "line": line, "character": from },
                               "end": { "line": line, "character": to } },
                    "text": text
                }]
            }),
        );
    }

    fn wait_diagnostics(&self) {
        loop {
            if let Message::Notification(n) = self.client.receiver.recv().expect("message")
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == self.uri.as_str()
            {
                return;
            }
        }
    }
}

fn keystroke(c: &mut Criterion) {
    let (mut b, handle) = Bench::new();
    b.wait_diagnostics_or_skip();
    let mut group = c.benchmark_group("keystroke_5k_lines");
    group.measurement_time(Duration::from_secs(8));
    let bad = "// x\nflow BenchExtra { start { -> missing } }\n";
    let line = b.last_line;
    let mut broken = false;
    group.bench_function("error-toggle", |bencher| {
        bencher.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                if broken {
                    b.notify_remove(line);
                } else {
                    b.change(line, 0, 0, bad);
                }
                broken = !broken;
                b.wait_diagnostics();
                total += t.elapsed();
            }
            total
        });
    });
    if broken {
        b.notify_remove(line);
        b.wait_diagnostics();
    }
    let mut col = 0;
    b.change(line, 0, 0, "//");
    let _ = b.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": b.uri } }),
    );
    group.bench_function("typing", |bencher| {
        bencher.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                col += 1;
                b.change(line, 1 + col, 1 + col, "a");
                let uri = b.uri.clone();
                let _ = b.request(
                    "textDocument/documentSymbol",
                    json!({ "textDocument": { "uri": uri } }),
                );
                total += t.elapsed();
            }
            total
        });
    });
    group.finish();
    let _ = b.request("shutdown", Value::Null);
    b.notify("exit", Value::Null);
    drop(b);
    let _ = handle.join();
}

impl Bench {
    /// Removes the two lines the error toggle inserted.
    fn notify_remove(&self, line: u32) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": self.uri, "version": 3 },
                "contentChanges": [{
                    "range": { "start": { "line": line, "character": 0 },
                               "end": { "line": line + 2, "character": 0 } },
                    "text": ""
                }]
            }),
        );
    }

    /// The generated project is clean, so opening it may publish nothing; a fence request
    /// makes sure the first analysis is done.
    fn wait_diagnostics_or_skip(&mut self) {
        let uri = self.uri.clone();
        let _ = self.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
    }
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
