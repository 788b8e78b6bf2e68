//! The requests: navigation, hover, completion, rename, formatting and the outline.

use std::collections::HashMap;
use std::fmt::Write as _;

use dialect_compiler::diagnostics::codes;
use dialect_compiler::format::{FormatError, format};
use dialect_compiler::source::{join, parent};
use dialect_compiler::span::{FileId, SourceFile};
use dialect_compiler::syntax::ast::{Item, StatementKind};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, DocumentSymbol,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse,
    Hover, HoverContents, HoverParams, Location, MarkupContent, MarkupKind, PrepareRenameResponse,
    ReferenceParams, RenameParams, SymbolKind, TextDocumentPositionParams, TextEdit, Url,
    WorkspaceEdit,
};

use crate::index::{GlobalKind, Key, Occurrence};
use crate::workspace::{Analysis, Workspace, offset, range, uri_of};

type Answer<T> = Result<T, String>;

fn location(a: &Analysis, o: &Occurrence) -> Option<Location> {
    let src = a.project.sources.get(o.file);
    Some(Location::new(
        uri_of(&src.path)?,
        range(src, o.start, o.end),
    ))
}

fn occurrence_at<'a>(
    ws: &'a Workspace,
    p: &TextDocumentPositionParams,
) -> Option<(&'a Analysis, &'a Occurrence)> {
    let (a, id, src) = ws.locate(&p.text_document.uri)?;
    let off = offset(src, p.position);
    Some((a, a.index.at(id, off)?))
}

pub fn definition(
    ws: &Workspace,
    p: &GotoDefinitionParams,
) -> Answer<Option<GotoDefinitionResponse>> {
    let tp = &p.text_document_position_params;
    let Some((a, occ)) = occurrence_at(ws, tp) else {
        return Ok(use_target(ws, tp).map(GotoDefinitionResponse::Scalar));
    };
    let locs: Vec<Location> = a
        .index
        .all_of(&occ.key)
        .filter(|o| o.def)
        .filter_map(|o| location(a, o))
        .collect();
    Ok(match locs.len() {
        0 => None,
        1 => locs.into_iter().next().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locs)),
    })
}

/// `use "file.dial"`: the used file.
fn use_target(ws: &Workspace, tp: &TextDocumentPositionParams) -> Option<Location> {
    let (a, id, src) = ws.locate(&tp.text_document.uri)?;
    let off = offset(src, tp.position);
    ast_of(a, id)?.items.iter().find_map(|i| match i {
        Item::Use(u) if u.path.span.start <= off && off <= u.path.span.end => {
            let target = join(parent(&src.path), &u.path.value);
            let zero = lsp_types::Range::default();
            Some(Location::new(uri_of(&target)?, zero))
        }
        _ => None,
    })
}

pub fn references(ws: &Workspace, p: &ReferenceParams) -> Answer<Option<Vec<Location>>> {
    let Some((a, occ)) = occurrence_at(ws, &p.text_document_position) else {
        return Ok(None);
    };
    let include = p.context.include_declaration;
    Ok(Some(
        a.index
            .all_of(&occ.key)
            .filter(|o| include || !o.def)
            .filter_map(|o| location(a, o))
            .collect(),
    ))
}

pub fn hover(ws: &Workspace, p: &HoverParams) -> Answer<Option<Hover>> {
    let tp = &p.text_document_position_params;
    let Some((a, id, src)) = ws.locate(&tp.text_document.uri) else {
        return Ok(None);
    };
    let off = offset(src, tp.position);
    let mut parts: Vec<String> = Vec::new();
    let mut span = None;
    if let Some(occ) = a.index.at(id, off) {
        if let Some(doc) = a.index.docs.get(&occ.key) {
            parts.push(doc.clone());
        } else if let Key::Step { flow, name } = &occ.key
            && let Some(doc) = step_hover(a, flow, name)
        {
            parts.push(doc);
        }
        span = Some((occ.start, occ.end));
    } else if let Some(t) = a.index.text_at(id, off) {
        let kind = if t.ssml { "SSML " } else { "" };
        parts.push(format!(
            "**{} {kind}text** ({} characters)\n\n```text\n{}\n```",
            t.what,
            t.value.chars().count(),
            t.value
        ));
        span = Some((t.span.start, t.span.end));
    }
    // The documentation of the diagnostics at this spot.
    for d in a.project.diagnostics.iter() {
        let on = d
            .labels
            .iter()
            .any(|l| l.primary && l.span.file == id && l.span.start <= off && off <= l.span.end);
        if on && let Some(code) = codes::lookup(d.code.id()) {
            let info = code.info();
            parts.push(format!(
                "**{}** `{}`: {}\n\n{}",
                info.id, info.name, info.summary, info.doc
            ));
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: span.map(|(s, e)| range(src, s, e)),
    }))
}

/// Finds the step's definition and describes it.
fn step_hover(a: &Analysis, flow: &str, name: &str) -> Option<String> {
    for f in &a.project.files {
        for item in &f.ast.items {
            let Item::Flow(fl) = item else { continue };
            if fl.name.text != flow {
                continue;
            }
            if let Some(step) = fl.steps.iter().find(|s| s.name.text == name) {
                let text = &a.project.sources.get(f.file).text;
                return Some(crate::index::step_doc(text, flow, step));
            }
        }
    }
    None
}

const STATEMENT_KEYWORDS: &[&str] = &[
    "say",
    "ask",
    "menu",
    "repeat",
    "input",
    "call",
    "set",
    "branch",
    "check hours",
    "check calendar",
    "check queue",
    "transfer to queue",
    "transfer to flow",
    "transfer to number",
    "transfer to agent",
    "run module",
    "callback",
    "hang up",
    "return",
    "end",
    "dial",
    "lookup profile",
    "distribute",
    "connect",
];

const DECLARATION_KEYWORDS: &[&str] = &[
    "use",
    "flow",
    "bot",
    "integration",
    "queue",
    "hours",
    "calendar",
    "kind",
    "voice",
    "on error",
    "description",
    "logging",
    "returns",
    "locale",
    "intent",
    "utterance",
    "slot",
    "slot type",
    "confirm",
    "decline",
    "timeout",
    "retry",
];

pub fn completion(ws: &Workspace, p: &CompletionParams) -> Answer<Option<CompletionResponse>> {
    let tp = &p.text_document_position;
    let Some((a, id, src)) = ws.locate(&tp.text_document.uri) else {
        return Ok(None);
    };
    let off = offset(src, tp.position) as usize;
    let line_start = src.text[..off].rfind('\n').map_or(0, |i| i + 1);
    let before = &src.text[line_start..off];
    // The words before the one being typed.
    let typed_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let context: Vec<&str> = before[..typed_start].split_whitespace().collect();
    let last = context.last().copied().unwrap_or("");
    let last2 = if context.len() >= 2 {
        format!("{} {}", context[context.len() - 2], last)
    } else {
        String::new()
    };
    let flow = enclosing_flow(a, id, off);
    let mut items = Vec::new();
    let globals = |kinds: &[GlobalKind]| -> Vec<CompletionItem> {
        a.index
            .globals
            .iter()
            .filter(|(_, k)| kinds.contains(k))
            .map(|(n, k)| item(n, CompletionItemKind::MODULE, k.word()))
            .collect()
    };
    let retry_count = last2.starts_with("retry ") && last.bytes().all(|b| b.is_ascii_digit());
    if last == "times" || retry_count {
        // `-> retry 2 |`: what may follow the count.
        items.extend(
            ["saying", "then"]
                .iter()
                .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword")),
        );
    } else if last == "->" || last == "→" || last == "then" || last2 == "on error" {
        items.extend(steps(a, flow.as_deref()));
    } else if last == "intent" {
        if let Some(bot) = enclosing_ask_bot(a, id, off) {
            items.extend(a.index.occurrences.iter().filter_map(|o| match &o.key {
                Key::Intent { bot: b, name } if o.def && *b == bot => Some(item(
                    name,
                    CompletionItemKind::EVENT,
                    &format!("intent of {bot}"),
                )),
                _ => None,
            }));
            items.dedup_by(|x, y| x.label == y.label);
        }
    } else if last == "ask" {
        items = globals(&[GlobalKind::Bot]);
    } else if last == "call" {
        items = globals(&[GlobalKind::Integration]);
    } else if last == "module" || last2 == "run" || last == "run" {
        items = globals(&[GlobalKind::Module]);
    } else if last2 == "to flow" || last == "whisper" || (last == "flow" && context.len() > 1) {
        items = globals(&[GlobalKind::Flow, GlobalKind::Module]);
    } else if last == "queue" && context.len() > 1 || last == "staffing" {
        items = globals(&[GlobalKind::Queue]);
    } else if last2 == "check hours" || last == "hours" && context.len() > 1 {
        items = globals(&[GlobalKind::Hours]);
    } else if last2 == "check calendar" || last2 == "closed on" {
        items = globals(&[GlobalKind::Calendar]);
    } else if context.is_empty() {
        let kws = if flow.is_some() {
            STATEMENT_KEYWORDS
        } else {
            DECLARATION_KEYWORDS
        };
        items.extend(
            kws.iter()
                .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword")),
        );
        if flow.is_some() {
            items.extend(
                DECLARATION_KEYWORDS
                    .iter()
                    .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword")),
            );
        }
    } else {
        items.extend(steps(a, flow.as_deref()));
        items.extend(
            STATEMENT_KEYWORDS
                .iter()
                .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword")),
        );
    }
    Ok(Some(CompletionResponse::Array(items)))
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

fn steps(a: &Analysis, flow: Option<&str>) -> Vec<CompletionItem> {
    let Some(flow) = flow else {
        return Vec::new();
    };
    let mut out: Vec<CompletionItem> = a
        .index
        .occurrences
        .iter()
        .filter_map(|o| match &o.key {
            Key::Step { flow: f, name } if o.def && f == flow => Some(item(
                name,
                CompletionItemKind::FUNCTION,
                &format!("step of {flow}"),
            )),
            _ => None,
        })
        .collect();
    out.dedup_by(|x, y| x.label == y.label);
    out
}

fn ast_of(a: &Analysis, id: FileId) -> Option<&dialect_compiler::syntax::Ast> {
    a.project
        .files
        .iter()
        .find(|f| f.file == id)
        .map(|f| &f.ast)
}

fn enclosing_flow(a: &Analysis, id: FileId, off: usize) -> Option<String> {
    let off = u32::try_from(off).ok()?;
    ast_of(a, id)?.items.iter().find_map(|i| match i {
        Item::Flow(f) if f.span.start <= off && off <= f.span.end => Some(f.name.text.to_string()),
        _ => None,
    })
}

fn enclosing_ask_bot(a: &Analysis, id: FileId, off: usize) -> Option<String> {
    let off = u32::try_from(off).ok()?;
    for i in &ast_of(a, id)?.items {
        let Item::Flow(f) = i else { continue };
        for s in &f.steps {
            for st in &s.statements {
                if let StatementKind::Ask { bot, .. } = &st.kind
                    && st.span.start <= off
                    && off <= st.span.end
                {
                    return Some(bot.text.to_string());
                }
            }
        }
    }
    None
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

pub fn prepare_rename(
    ws: &Workspace,
    p: &TextDocumentPositionParams,
) -> Answer<Option<PrepareRenameResponse>> {
    let Some((a, occ)) = occurrence_at(ws, p) else {
        return Ok(None);
    };
    let src = a.project.sources.get(occ.file);
    Ok(Some(PrepareRenameResponse::Range(range(
        src, occ.start, occ.end,
    ))))
}

pub fn rename(ws: &Workspace, p: &RenameParams) -> Answer<Option<WorkspaceEdit>> {
    let Some((a, occ)) = occurrence_at(ws, &p.text_document_position) else {
        return Ok(None);
    };
    if !is_name(&p.new_name) {
        return Err(format!("`{}` is not a valid name", p.new_name));
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for o in a.index.all_of(&occ.key) {
        let src = a.project.sources.get(o.file);
        let Some(uri) = uri_of(&src.path) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit::new(
            range(src, o.start, o.end),
            p.new_name.clone(),
        ));
    }
    for edits in changes.values_mut() {
        edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
        edits.dedup();
    }
    Ok(Some(WorkspaceEdit::new(changes)))
}

pub fn formatting(
    ws: &Workspace,
    p: &lsp_types::DocumentFormattingParams,
) -> Answer<Option<Vec<TextEdit>>> {
    let Some(path) = crate::workspace::path_of(&p.text_document.uri) else {
        return Ok(None);
    };
    let text = match ws.doc(&path) {
        Some(t) => t.to_owned(),
        None => std::fs::read_to_string(&path).map_err(|e| e.to_string())?,
    };
    match format(&text) {
        Ok(out) if out == text => Ok(Some(Vec::new())),
        Ok(out) => {
            let src = SourceFile::new(path, text);
            let end = u32::try_from(src.text.len()).unwrap_or(u32::MAX);
            Ok(Some(vec![TextEdit::new(range(&src, 0, end), out)]))
        }
        // A file with syntax errors is left alone; its diagnostics say why.
        Err(FormatError::Syntax(_)) => Ok(None),
        Err(e @ FormatError::Internal(_)) => Err(e.to_string()),
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn symbol(
    src: &SourceFile,
    name: &str,
    detail: String,
    kind: SymbolKind,
    full: (u32, u32),
    sel: (u32, u32),
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_owned(),
        detail: Some(detail),
        kind,
        tags: None,
        deprecated: None,
        range: range(src, full.0, full.1),
        selection_range: range(src, sel.0, sel.1),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(
    ws: &Workspace,
    p: &DocumentSymbolParams,
) -> Answer<Option<DocumentSymbolResponse>> {
    let Some((a, id, src)) = ws.locate(&p.text_document.uri) else {
        return Ok(None);
    };
    let Some(ast) = ast_of(a, id) else {
        return Ok(None);
    };
    let sp = |s: dialect_compiler::span::Span| (s.start, s.end);
    let mut out = Vec::new();
    for item in &ast.items {
        let sym = match item {
            Item::Use(_) => continue,
            Item::Flow(f) => {
                let steps = f
                    .steps
                    .iter()
                    .map(|s| {
                        let mut detail = String::new();
                        if let Some(st) = s.statements.first() {
                            let _ = write!(detail, "{}", st.kind.keyword());
                        }
                        symbol(
                            src,
                            &s.name.text,
                            detail,
                            SymbolKind::FUNCTION,
                            sp(s.span),
                            sp(s.name.span),
                            Vec::new(),
                        )
                    })
                    .collect();
                symbol(
                    src,
                    &f.name.text,
                    "flow".into(),
                    SymbolKind::MODULE,
                    sp(f.span),
                    sp(f.name.span),
                    steps,
                )
            }
            Item::Bot(b) => {
                let intents = b
                    .locales
                    .iter()
                    .flat_map(|l| {
                        let loc = l.locale.as_ref().map_or("", |i| i.text.as_str());
                        l.intents.iter().map(move |i| (loc, i))
                    })
                    .map(|(loc, i)| {
                        symbol(
                            src,
                            &i.name.text,
                            format!("intent {loc}"),
                            SymbolKind::EVENT,
                            sp(i.span),
                            sp(i.name.span),
                            Vec::new(),
                        )
                    })
                    .collect();
                symbol(
                    src,
                    &b.name.text,
                    "bot".into(),
                    SymbolKind::CLASS,
                    sp(b.span),
                    sp(b.name.span),
                    intents,
                )
            }
            Item::Integration(i) => symbol(
                src,
                &i.name.text,
                "integration".into(),
                SymbolKind::INTERFACE,
                sp(i.span),
                sp(i.name.span),
                Vec::new(),
            ),
            Item::Queue(q) => symbol(
                src,
                &q.name.text,
                "queue".into(),
                SymbolKind::STRUCT,
                sp(q.span),
                sp(q.name.span),
                Vec::new(),
            ),
            Item::Hours(h) => symbol(
                src,
                &h.name.text,
                "hours".into(),
                SymbolKind::OBJECT,
                sp(h.span),
                sp(h.name.span),
                Vec::new(),
            ),
            Item::Calendar(c) => symbol(
                src,
                &c.name.text,
                "calendar".into(),
                SymbolKind::OBJECT,
                sp(c.span),
                sp(c.name.span),
                Vec::new(),
            ),
            Item::Test(t) => symbol(
                src,
                &t.name.value,
                "test".into(),
                SymbolKind::EVENT,
                sp(t.span),
                sp(t.name.span),
                Vec::new(),
            ),
        };
        out.push(sym);
    }
    Ok(Some(DocumentSymbolResponse::Nested(out)))
}
