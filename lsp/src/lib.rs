//! The Dialect language server (`dialect lsp`).
//!
//! Synchronous, on rust-analyzer's `lsp-server` transport: one thread reads messages and answers
//! them in order, which is all a compiler this fast needs. Every edit re-analyses the edited
//! file's project through an overlay loader (open documents from memory, the rest from disk,
//! read once), so diagnostics are always the compiler's own, across files. The analysis is the
//! compiler driver's with a parse cache (`driver.rs`): only the edited file is parsed again,
//! then the whole project is resolved and checked. Requests are answered from the last
//! analysis.
//!
//! A project is the folder of the nearest `dialect.toml` above a file (all its `.dial` files and
//! environments); a file outside any project is analysed alone, with the files it `use`s.
//! Positions are UTF-16 code units, as the protocol requires.

mod driver;
mod features;
mod index;
mod workspace;

use std::error::Error;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CompletionOptions, HoverProviderCapability, InitializeParams, OneOf, RenameOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};

pub use workspace::Workspace;

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// The server's capabilities.
#[must_use]
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![">".into(), " ".into(), "$".into()]),
            ..CompletionOptions::default()
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on standard input and output until the client says `exit`.
///
/// # Errors
///
/// When the connection breaks or the client does not follow the protocol.
pub fn run_stdio() -> Result<()> {
    let (connection, io_threads) = Connection::stdio();
    run(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// Runs the server on a connection (standard I/O, or an in-memory one in tests).
///
/// # Errors
///
/// When the connection breaks or the client does not follow the protocol.
pub fn run(connection: &Connection) -> Result<()> {
    let (id, params) = connection.initialize_start()?;
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "dialect-lsp", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result)?;
    let mut ws = Workspace::new(root_of(&init));
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let id = req.id.clone();
                // A bug must cost one answer, not the editor's server.
                let resp = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    handle_request(&mut ws, req)
                }))
                .unwrap_or_else(|_| {
                    Response::new_err(
                        id,
                        lsp_server::ErrorCode::InternalError as i32,
                        "internal error in the Dialect language server".into(),
                    )
                });
                connection.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => {
                let outs = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    handle_notification(&mut ws, n)
                }))
                .unwrap_or_default();
                for out in outs {
                    connection.sender.send(Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

#[allow(deprecated)] // `root_uri` is what single-folder clients still send.
fn root_of(init: &InitializeParams) -> Option<std::path::PathBuf> {
    init.workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| init.root_uri.clone())
        .and_then(|u| u.to_file_path().ok())
}

fn handle_notification(ws: &mut Workspace, n: Notification) -> Vec<Notification> {
    use lsp_types::notification::{
        DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
        DidSaveTextDocument,
    };
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            match serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                Ok(p) => ws.open(&p.text_document.uri, p.text_document.text),
                Err(_) => Vec::new(),
            }
        }
        DidChangeTextDocument::METHOD => {
            match serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                Ok(p) => ws.change(&p.text_document.uri, &p.content_changes),
                Err(_) => Vec::new(),
            }
        }
        DidCloseTextDocument::METHOD => {
            match serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                Ok(p) => ws.close(&p.text_document.uri),
                Err(_) => Vec::new(),
            }
        }
        DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => ws.disk_changed(),
        _ => Vec::new(),
    }
}

fn handle_request(ws: &mut Workspace, req: Request) -> Response {
    use lsp_types::request::{
        DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, PrepareRenameRequest,
        References, Rename,
    };
    let id = req.id.clone();
    let result: std::result::Result<serde_json::Value, String> = match req.method.as_str() {
        GotoDefinition::METHOD => with(req, |p| features::definition(ws, &p)),
        References::METHOD => with(req, |p| features::references(ws, &p)),
        HoverRequest::METHOD => with(req, |p| features::hover(ws, &p)),
        lsp_types::request::Completion::METHOD => with(req, |p| features::completion(ws, &p)),
        PrepareRenameRequest::METHOD => with(req, |p| features::prepare_rename(ws, &p)),
        Rename::METHOD => with(req, |p| features::rename(ws, &p)),
        Formatting::METHOD => with(req, |p| features::formatting(ws, &p)),
        DocumentSymbolRequest::METHOD => with(req, |p| features::document_symbols(ws, &p)),
        _ => {
            return Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("unknown request `{}`", req.method),
            );
        }
    };
    match result {
        Ok(v) => Response::new_ok(id, v),
        Err(msg) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, msg),
    }
}

/// Decodes the parameters, runs `f`, encodes the answer.
fn with<P, R>(
    req: Request,
    f: impl FnOnce(P) -> std::result::Result<R, String>,
) -> std::result::Result<serde_json::Value, String>
where
    P: serde::de::DeserializeOwned,
    R: serde::Serialize,
{
    let p: P = serde_json::from_value(req.params).map_err(|e| e.to_string())?;
    let r = f(p)?;
    serde_json::to_value(r).map_err(|e| e.to_string())
}
