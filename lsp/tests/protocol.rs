//! Drives the language server over its protocol, in-process (an in-memory connection).

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

struct Client {
    conn: Connection,
    server: Option<JoinHandle<()>>,
    next_id: i32,
}

impl Client {
    fn start(root: &Path) -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || {
            dialect_lsp::run(&server).expect("the server runs");
        });
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next_id: 0,
        };
        let root_uri = url(root);
        let init = c.request(
            "initialize",
            json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
        );
        assert!(
            init["capabilities"]["hoverProvider"]
                .as_bool()
                .unwrap_or(false)
        );
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .expect("send");
    }

    /// Sends a request and returns its result, collecting notifications on the way.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .expect("send");
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("an answer")
            {
                Message::Response(r) if r.id == id => {
                    return match r.response_result {
                        Ok(v) => v,
                        Err(e) => json!({ "error": e.message }),
                    };
                }
                _ => {}
            }
        }
    }

    /// Waits for the diagnostics of one file.
    fn diagnostics_for(&self, uri: &str) -> Vec<Value> {
        loop {
            let msg = self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("diagnostics");
            if let Message::Notification(n) = msg
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "dialect", "version": 1, "text": text } }),
        );
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        if let Some(h) = self.server.take() {
            let _ = h.join();
        }
    }
}

fn url(p: &Path) -> String {
    lsp_types::Url::from_file_path(p)
        .expect("absolute path")
        .to_string()
}

fn pos(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

const ORDER: &str = r#"use "common.dial"

flow Order {
  kind inbound
  on error -> bye

  start {
    say "こんにちは、ご注文センターです。" -> nowhere
  }

  take {
    ask OrderBot "ご注文をどうぞ。" {
      intent Buy -> bye
      no match   -> retry 2 then bye
    }
  }

  bye {
    transfer to queue Orders
  }
}
"#;

const COMMON: &str = r#"bot OrderBot {
  locale ja_JP
  intent Buy {
    utterance "{Product}をください"
    slot Product : AMAZON.FreeFormInput ask "商品は?"
  }
}

queue Orders
"#;

fn project() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("dialect.toml"), "[project]\nname = \"t\"\n").expect("write");
    std::fs::write(dir.path().join("order.dial"), ORDER).expect("write");
    std::fs::write(dir.path().join("common.dial"), COMMON).expect("write");
    let order = url(&dir.path().join("order.dial"));
    let common = url(&dir.path().join("common.dial"));
    (dir, order, common)
}

#[test]
fn diagnostics_have_the_right_range_and_code() {
    let (dir, order, _) = project();
    let c = Client::start(dir.path());
    c.open(&order, ORDER);
    let diags = c.diagnostics_for(&order);
    let d = diags
        .iter()
        .find(|d| d["code"] == "R003")
        .unwrap_or_else(|| panic!("no R003 in {diags:#?}"));
    // `nowhere` on line 8 (0-based 7), after Japanese text: columns are UTF-16 units.
    let col = "    say \"こんにちは、ご注文センターです。\" -> "
        .encode_utf16()
        .count() as u64;
    assert_eq!(d["range"]["start"]["line"], 7);
    assert_eq!(d["range"]["start"]["character"], col);
    assert_eq!(d["range"]["end"]["character"], col + 7);
    assert_eq!(d["severity"], 1);

    // Fixing the error clears the diagnostics.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": order, "version": 2 },
            "contentChanges": [{ "range": d["range"], "text": "take" }]
        }),
    );
    let after = c.diagnostics_for(&order);
    assert!(after.iter().all(|d| d["code"] != "R003"), "{after:#?}");
}

#[test]
fn parse_errors_are_published_with_their_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let uri = url(&dir.path().join("broken.dial"));
    let c = Client::start(dir.path());
    c.open(
        &uri,
        "flow A {\n  start {\n    say \"unterminated\n  }\n}\n",
    );
    let diags = c.diagnostics_for(&uri);
    assert!(diags.iter().any(|d| d["code"] == "P004"), "{diags:#?}");
}

#[test]
fn definition_references_and_hover() {
    let (dir, order, common) = project();
    let mut c = Client::start(dir.path());
    c.open(&order, ORDER);
    let _ = c.diagnostics_for(&order);

    // `bye` in `on error -> bye` (line 4) goes to the step `bye` (line 17).
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": order }, "position": pos(4, 15) }),
    );
    assert_eq!(def["uri"], order);
    assert_eq!(def["range"]["start"]["line"], 17);

    // `use "common.dial"` goes to that file.
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": order }, "position": pos(0, 8) }),
    );
    assert_eq!(def["uri"], common);

    // The bot is defined in the other file.
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": order }, "position": pos(11, 10) }),
    );
    assert_eq!(def["uri"], common);
    assert_eq!(def["range"]["start"]["line"], 0);

    // Intent `Buy` in the ask's outcomes goes to the bot's intent.
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": order }, "position": pos(12, 14) }),
    );
    assert_eq!(def["uri"], common);
    assert_eq!(def["range"]["start"]["line"], 2);

    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": order }, "position": pos(17, 3),
                "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().map(Vec::len), Some(4), "{refs:#?}");

    // Hover on a step shows its outcomes; on a prompt, the text.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": order }, "position": pos(12, 22) }),
    );
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(text.contains("step") && text.contains("bye"), "{text}");
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": order }, "position": pos(11, 22) }),
    );
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(text.contains("ご注文をどうぞ。"), "{text}");

    // Hover on a diagnostic shows the code's documentation.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": order }, "position": pos(7, 48) }),
    );
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        text.contains("R003") && text.contains("undefined-reference"),
        "{text}"
    );
}

#[test]
fn rename_across_files_and_completion() {
    let (dir, order, common) = project();
    let mut c = Client::start(dir.path());
    c.open(&order, ORDER);
    let _ = c.diagnostics_for(&order);
    let edit = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": order }, "position": pos(18, 24), "newName": "注文窓口" }),
    );
    let changes = &edit["changes"];
    assert_eq!(
        changes[&order].as_array().map(Vec::len),
        Some(1),
        "{edit:#}"
    );
    assert_eq!(
        changes[&common].as_array().map(Vec::len),
        Some(1),
        "{edit:#}"
    );
    assert_eq!(changes[&common][0]["range"]["start"]["line"], 8);

    let bad = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": order }, "position": pos(18, 24), "newName": "not a name" }),
    );
    assert!(bad["error"].is_string());

    // After `intent `, the bot's intents.
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": order }, "position": pos(12, 13) }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["Buy"]);
    // After `->`, the flow's steps.
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": order }, "position": pos(4, 14) }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["start", "take", "bye"]);
}

#[test]
fn formatting_and_symbols() {
    let dir = tempfile::tempdir().expect("temp dir");
    let uri = url(&dir.path().join("messy.dial"));
    let mut c = Client::start(dir.path());
    c.open(&uri, "flow A{start{say \"やあ\"\nhang up}}\n");
    let edits = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(
        edits[0]["newText"],
        "flow A {\n  start {\n    say \"やあ\"\n    hang up\n  }\n}\n"
    );
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(symbols[0]["name"], "A");
    assert_eq!(symbols[0]["children"][0]["name"], "start");
}

/// Damaged versions of every shipped flow, and requests everywhere in them: the server answers
/// each one (an answer may be empty) and never goes away.
#[test]
fn survives_damaged_files_and_requests_anywhere() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../flows");
    let dir = tempfile::tempdir().expect("temp dir");
    let uri = url(&dir.path().join("damaged.dial"));
    let mut c = Client::start(dir.path());
    let mut opened = false;
    let mut files: Vec<_> = std::fs::read_dir(root.join("order"))
        .expect("flows/order")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "dial"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for cut in [text.len() / 3, text.len() / 2, text.len() * 4 / 5] {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let damaged = &text[..cut];
            if opened {
                c.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri, "version": 2 },
                            "contentChanges": [{ "text": damaged }] }),
                );
            } else {
                c.open(&uri, damaged);
                opened = true;
            }
            let lines = u32::try_from(damaged.lines().count()).unwrap_or(0);
            for line in (0..lines + 2).step_by(5) {
                for character in [0, 3, 9, 40, 500] {
                    let at =
                        json!({ "textDocument": { "uri": uri }, "position": pos(line, character) });
                    for method in [
                        "textDocument/hover",
                        "textDocument/definition",
                        "textDocument/completion",
                    ] {
                        let r = c.request(method, at.clone());
                        assert!(r.get("error").is_none(), "{method} at {at}: {r}");
                    }
                }
            }
            c.request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
            );
            c.request(
                "textDocument/formatting",
                json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
            );
        }
    }
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(symbols.is_array(), "{symbols}");
}

/// While typing, the file does not parse; completion still knows the flow and the bot.
#[test]
fn completion_while_typing() {
    let (dir, order, _) = project();
    let mut c = Client::start(dir.path());
    let typing = ORDER.replace("      intent Buy -> bye\n", "      intent \n");
    c.open(&order, &typing);
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": order }, "position": pos(12, 13) }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["Buy"], "{items}");
    let typing = ORDER.replace(
        "      no match   -> retry 2 then bye\n",
        "      no match   -> \n",
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": order, "version": 2 }, "contentChanges": [{ "text": typing }] }),
    );
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": order }, "position": pos(13, 20) }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["start", "take", "bye"], "{items}");
}

/// A retry's re-prompt: hover shows its text; after the count, completion offers what follows.
#[test]
fn a_retry_with_a_reprompt() {
    let (dir, order, _) = project();
    let mut c = Client::start(dir.path());
    let line = "      no match   -> retry 2 saying \"もう一度お話しください。\" then bye\n";
    let text = ORDER.replace("      no match   -> retry 2 then bye\n", line);
    c.open(&order, &text);
    let _ = c.diagnostics_for(&order);
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": order }, "position": pos(13, 37) }),
    );
    let shown = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        shown.contains("re-prompt text") && shown.contains("もう一度お話しください。"),
        "{h:#}"
    );
    // `then bye` still names the step.
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": order }, "position": pos(13, 56) }),
    );
    assert_eq!(def["range"]["start"]["line"], 17, "{def:#}");

    let typing = ORDER.replace(
        "      no match   -> retry 2 then bye\n",
        "      no match   -> retry 2 \n",
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": order, "version": 2 }, "contentChanges": [{ "text": typing }] }),
    );
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": order }, "position": pos(13, 28) }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["saying", "then"], "{items}");
}
