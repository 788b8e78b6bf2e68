//! The driver: load files (following `use`), parse, resolve and check environments.
//!
//! ```text
//! paths --SourceLoader--> SourceMap --parse--> Ast per file --resolve--> Model --environments--> Diagnostics
//! ```
//!
//! Pure: files come through [`SourceLoader`]; the CLI and the language server supply it.

use std::collections::{BTreeMap, VecDeque};

use crate::diagnostics::{Diagnostic, Diagnostics, codes};
use crate::project::{EnvSection, Environment, parse_environment};
use crate::resolve::{self, Action, Model, ResolveInput, ValueRef};
use crate::source::{LoadError, SourceLoader, join, normalize, parent};
use crate::span::{FileId, SourceFile, SourceMap, Span};
use crate::syntax::{self, Ast, Parsed, ast::Item};

/// Everything known about a project after analysis.
#[derive(Debug, Default)]
pub struct Project {
    pub sources: SourceMap,
    /// Parsed `.dial` files, in load order (roots first, then `use`d files).
    pub files: Vec<LoadedFile>,
    pub environments: Vec<Environment>,
    pub model: Model,
    pub diagnostics: Diagnostics,
}

/// One parsed file and the files it `use`s.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub file: FileId,
    pub ast: Ast,
    pub uses: Vec<FileId>,
}

/// What to analyze.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `.dial` files to load (already expanded from folders by the caller).
    pub roots: Vec<String>,
    /// Environment files: (name, path). Every environment is checked for missing names.
    pub environments: Vec<(String, String)>,
}

/// Loads, parses and resolves a project, and checks its environments.
pub fn analyze(loader: &dyn SourceLoader, options: &Options) -> Project {
    analyze_with(loader, options, &mut |_path, file, text| {
        syntax::parse(file, text)
    })
}

/// [`analyze`] with the parsing of each file (its normalised path, id and text) left to
/// `parse`, so a caller can reuse earlier syntax trees (the language server's cache).
pub fn analyze_with(
    loader: &dyn SourceLoader,
    options: &Options,
    parse: &mut dyn FnMut(&str, FileId, &str) -> Parsed,
) -> Project {
    let mut p = Project::default();
    // Keyed by the loader's identity of each path: one file reached by two routes loads once.
    let mut by_path: BTreeMap<String, Option<usize>> = BTreeMap::new();
    // Roots in order, then `use`d files breadth-first: taken from the back, added at the front.
    // Each entry: the path, its identity, and the `use` that named it.
    let mut queue: VecDeque<(String, String, Option<Span>)> = options
        .roots
        .iter()
        .rev()
        .map(|r| {
            let path = normalize(r);
            let identity = loader.identity(&path);
            (path, identity, None)
        })
        .collect();
    let mut pending_uses: Vec<(usize, String, Span)> = Vec::new();
    while let Some((path, identity, used_at)) = queue.pop_back() {
        if by_path.contains_key(&identity) {
            continue;
        }
        let Some(text) = read_text(loader, &path, used_at, &mut p.sources, &mut p.diagnostics)
        else {
            by_path.insert(identity, None);
            continue;
        };
        let file = p.sources.add(SourceFile::new(path.clone(), text));
        let parsed = parse(&path, file, &p.sources.get(file).text);
        p.diagnostics.extend(parsed.diagnostics);
        let index = p.files.len();
        for item in &parsed.ast.items {
            if let Item::Use(u) = item {
                let target = join(parent(&path), &u.path.value);
                let identity = loader.identity(&target);
                pending_uses.push((index, identity.clone(), u.path.span));
                queue.push_front((target, identity, Some(u.path.span)));
            }
        }
        by_path.insert(identity, Some(index));
        p.files.push(LoadedFile {
            file,
            ast: parsed.ast,
            uses: Vec::new(),
        });
    }
    for (index, target, _) in pending_uses {
        if let Some(Some(t)) = by_path.get(&target) {
            let used = p.files[*t].file;
            p.files[index].uses.push(used);
        }
    }
    let inputs: Vec<ResolveInput<'_>> = p
        .files
        .iter()
        .map(|f| ResolveInput {
            ast: &f.ast,
            uses: f.uses.clone(),
        })
        .collect();
    let (model, diags) = resolve::resolve(&p.sources, &inputs);
    p.diagnostics.extend(diags);
    p.model = model;

    for (name, path) in &options.environments {
        let Some(text) = read_text(loader, path, None, &mut p.sources, &mut p.diagnostics) else {
            continue;
        };
        let file = p.sources.add(SourceFile::new(normalize(path), text));
        match parse_environment(name, file, &p.sources.get(file).text) {
            Ok(env) => p.environments.push(env),
            Err(d) => p.diagnostics.push(d),
        }
    }
    let mut env_diags = Vec::new();
    for env in &p.environments {
        check_environment(&p.model, &p.sources, env, &mut env_diags);
    }
    p.diagnostics.extend(env_diags);
    p.diagnostics.sort();
    p
}

/// Reads a file as UTF-8, reporting `F001`/`F002` (labelled at the `use` that named it, if
/// any).
pub fn read_text(
    loader: &dyn SourceLoader,
    path: &str,
    used_at: Option<Span>,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<String> {
    match loader.load(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => Some(t),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = sources.add(SourceFile::new(path.to_owned(), lossy));
                diags.push(
                    Diagnostic::new(codes::INVALID_UTF8, format!("`{path}` is not valid UTF-8"))
                        .with_label(Span::new(file, valid, valid + 1), format!("invalid byte at offset {valid}"))
                        .with_help("save the file as UTF-8; Shift_JIS files can be converted with `iconv -f SHIFT_JIS -t UTF-8`"),
                );
                None
            }
        },
        Err(err) => {
            let mut d = Diagnostic::new(
                codes::UNREADABLE_FILE,
                format!("cannot read `{path}`: {err}"),
            );
            d = match used_at {
                Some(span) => d
                    .with_label(span, "this file could not be read")
                    .with_help("`use` paths are relative to the file that contains the `use`"),
                None => d.with_help(match err {
                    LoadError::IsDirectory => {
                        "pass `.dial` files or a folder that contains them".to_owned()
                    }
                    _ => "check the path".to_owned(),
                }),
            };
            diags.push(d);
            None
        }
    }
}

/// Reports `E001` for every logical name the model uses that `env` lacks.
pub fn check_environment(
    model: &Model,
    sources: &SourceMap,
    env: &Environment,
    diags: &mut Vec<Diagnostic>,
) {
    let env_path = sources.get(env.file).path.clone();
    let mut value_diags = Vec::new();
    let mut report = |section: EnvSection, name: &str, span: Span, what: &str| {
        if env.values.get(section, name).is_none() {
            diags.push(
                Diagnostic::new(
                    codes::MISSING_ENVIRONMENT_VALUE,
                    format!("environment `{}` has no {what} `{name}`", env.name),
                )
                .with_label(span, format!("used here; missing from `{env_path}`"))
                .with_help(format!(
                    "add `{} = \"...\"` to the `[{}]` section of `{env_path}`",
                    toml_key(name),
                    section.as_str()
                )),
            );
        }
    };
    for i in &model.integrations {
        if !i.lambda.is_empty() {
            report(EnvSection::Lambdas, &i.lambda, i.name_span, "lambda");
        }
    }
    for q in &model.queues {
        report(EnvSection::Queues, &q.name, q.name_span, "queue");
    }
    for b in &model.bots {
        report(EnvSection::Bots, &b.name, b.name_span, "bot alias");
    }
    for h in &model.hours {
        report(
            EnvSection::Hours,
            &h.name,
            h.name_span,
            "hours of operation",
        );
    }
    // Flows and modules other flows refer to, and the hours derived from calendars.
    let mut referenced: Vec<(resolve::FlowId, Span)> = Vec::new();
    for f in &model.flows {
        for s in f.steps.iter().flat_map(|s| &s.statements) {
            match &s.action {
                Action::SetHook { flow, .. }
                | Action::TransferFlow(flow)
                | Action::RunModule { module: flow, .. }
                | Action::TransferQueue {
                    whisper: Some(flow),
                    ..
                } => referenced.push((*flow, s.span)),
                _ => {}
            }
        }
    }
    referenced.sort_by_key(|(f, _)| *f);
    referenced.dedup_by_key(|(f, _)| *f);
    for (flow, span) in referenced {
        let f = model.flow(flow);
        let what = if f.kind == resolve::FlowKind::Module {
            "module"
        } else {
            "flow"
        };
        report(EnvSection::Flows, &f.name, span, what);
    }
    for d in crate::lower::derived_hours(model) {
        let cal = model.calendar(d.calendar);
        report(
            EnvSection::Hours,
            &d.name,
            cal.name_span,
            "hours of operation (derived from a calendar)",
        );
    }
    for f in &model.flows {
        for s in f.steps.iter().flat_map(|s| &s.statements) {
            let mut values: Vec<&ValueRef> = Vec::new();
            let mut prompts = Vec::new();
            match &s.action {
                Action::Say(p) | Action::Menu { prompt: p, .. } => prompts.push(p),
                Action::Repeat(list) => prompts.extend(list),
                Action::Ask {
                    prompt: Some(p), ..
                } => prompts.push(p),
                Action::Input(spec) => {
                    prompts.push(&spec.prompt);
                    if let Some(Some(key)) = &spec.encrypted {
                        report(EnvSection::Keys, key, s.keyword_span, "encryption key");
                        report(
                            EnvSection::KeyCertificates,
                            key,
                            s.keyword_span,
                            "encryption key certificate",
                        );
                    }
                }
                Action::Call { args, .. } | Action::RunModule { args, .. } => {
                    values.extend(args.iter().map(|(_, v)| v))
                }
                Action::SetAttributes(list) => values.extend(list.iter().map(|(_, v)| v)),
                Action::Branch(v) | Action::TransferNumber { number: v, .. } => values.push(v),
                Action::Dial {
                    caller_id: Some(v), ..
                }
                | Action::LookupProfile { by: Some((_, v)) } => values.push(v),
                _ => {}
            }
            for v in values {
                match v {
                    ValueRef::Env(n) => {
                        report_env_value(env, &env_path, n, s.span, &mut value_diags)
                    }
                    ValueRef::Text(p) => prompts.push(p),
                    _ => {}
                }
            }
            for p in prompts {
                for part in &p.parts {
                    if let resolve::PromptPart::Env(n) = part {
                        report_env_value(env, &env_path, n, p.span, &mut value_diags);
                    }
                }
            }
        }
    }
    diags.extend(value_diags);
}

/// `name` as a TOML key: bare when it can be, quoted otherwise (`"JapanHolidays:closure"`).
pub(crate) fn toml_key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_owned()
    } else {
        format!("{name:?}")
    }
}

fn report_env_value(
    env: &Environment,
    env_path: &str,
    name: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    if env.values.get(EnvSection::PhoneNumbers, name).is_none()
        && env.values.get(EnvSection::Values, name).is_none()
    {
        diags.push(
            Diagnostic::new(codes::MISSING_ENVIRONMENT_VALUE, format!("environment `{}` has no value `{name}`", env.name))
                .with_label(span, format!("`$env.{name}` is used here; missing from `{env_path}`"))
                .with_help(format!("add `{name} = \"...\"` to the `[phone_numbers]` or `[values]` section of `{env_path}`")),
        );
    }
}

/// For unit tests: analyzes one `.dial` file (`main.dial`), which must have no errors.
#[cfg(test)]
pub(crate) fn analyze_clean(src: &str) -> Project {
    let loader = crate::source::MemoryLoader::new().with("main.dial", src);
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["main.dial".to_owned()],
            environments: Vec::new(),
        },
    );
    let errors: Vec<String> = project
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.code.id(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{src}");
    project
}

#[cfg(test)]
mod tests;
