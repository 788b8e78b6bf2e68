//! Open documents, projects and their latest analysis.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use dialect_compiler::compile::{Options, Project};
use dialect_compiler::diagnostics::{Diagnostic, Severity};
use dialect_compiler::project::parse_project_file;
use dialect_compiler::source::{LoadError, SourceLoader, normalize};
use dialect_compiler::span::{FileId, SourceFile};
use lsp_server::Notification;
use lsp_types::notification::Notification as _;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent, Url,
};

use crate::driver::{ParseCache, analyze};
use crate::index::Index;

/// One analysed project.
pub struct Analysis {
    pub project: Project,
    pub index: Index,
}

/// Everything the server knows.
pub struct Workspace {
    root: Option<PathBuf>,
    /// Open documents by normalised path.
    docs: HashMap<String, String>,
    /// Files read from disk (None: unreadable), kept until the disk is said to have changed.
    disk: RefCell<HashMap<String, Option<Vec<u8>>>>,
    /// The `.dial` files of each project folder.
    listings: HashMap<String, Vec<String>>,
    analyses: HashMap<String, Analysis>,
    /// What was last published per file, to send only changes.
    published: HashMap<String, Vec<lsp_types::Diagnostic>>,
    /// The files each project published diagnostics for.
    project_files: HashMap<String, BTreeSet<String>>,
    cache: ParseCache,
}

struct Overlay<'a> {
    docs: &'a HashMap<String, String>,
    disk: &'a RefCell<HashMap<String, Option<Vec<u8>>>>,
}

impl SourceLoader for Overlay<'_> {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        if let Some(t) = self.docs.get(path) {
            return Ok(t.as_bytes().to_vec());
        }
        let mut disk = self.disk.borrow_mut();
        let entry = disk.entry(path.to_owned()).or_insert_with(|| {
            let p = Path::new(path);
            if p.is_dir() {
                None
            } else {
                std::fs::read(p).ok()
            }
        });
        match entry {
            Some(bytes) => Ok(bytes.clone()),
            None if Path::new(path).is_dir() => Err(LoadError::IsDirectory),
            None => Err(LoadError::NotFound),
        }
    }
}

/// The normalised path of a `file:` URI.
pub fn path_of(uri: &Url) -> Option<String> {
    uri.to_file_path()
        .ok()
        .map(|p| normalize(&p.to_string_lossy()))
}

pub fn uri_of(path: &str) -> Option<Url> {
    Url::from_file_path(path).ok()
}

pub fn range(src: &SourceFile, start: u32, end: u32) -> Range {
    let (l1, c1) = src.line_col_utf16(start);
    let (l2, c2) = src.line_col_utf16(end.max(start));
    Range::new(pos(l1, c1), pos(l2, c2))
}

fn pos(line: usize, col: usize) -> Position {
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

pub fn offset(src: &SourceFile, p: Position) -> u32 {
    u32::try_from(src.offset_utf16(p.line as usize, p.character as usize)).unwrap_or(u32::MAX)
}

impl Workspace {
    #[must_use]
    pub fn new(root: Option<PathBuf>) -> Self {
        Workspace {
            root,
            docs: HashMap::new(),
            disk: RefCell::new(HashMap::new()),
            listings: HashMap::new(),
            analyses: HashMap::new(),
            published: HashMap::new(),
            project_files: HashMap::new(),
            cache: ParseCache::default(),
        }
    }

    pub fn doc(&self, path: &str) -> Option<&str> {
        self.docs.get(path).map(String::as_str)
    }

    pub fn open(&mut self, uri: &Url, text: String) -> Vec<Notification> {
        let Some(path) = path_of(uri) else {
            return Vec::new();
        };
        self.docs.insert(path.clone(), text);
        self.refresh(&path)
    }

    pub fn change(
        &mut self,
        uri: &Url,
        changes: &[TextDocumentContentChangeEvent],
    ) -> Vec<Notification> {
        let Some(path) = path_of(uri) else {
            return Vec::new();
        };
        let Some(text) = self.docs.get_mut(&path) else {
            return Vec::new();
        };
        for c in changes {
            match c.range {
                None => c.text.clone_into(text),
                Some(r) => {
                    let src = SourceFile::new(path.clone(), std::mem::take(text));
                    let a = offset(&src, r.start) as usize;
                    let b = (offset(&src, r.end) as usize).max(a);
                    let mut t = src.text;
                    if b <= t.len() && t.is_char_boundary(a) && t.is_char_boundary(b) {
                        t.replace_range(a..b, &c.text);
                    }
                    *text = t;
                }
            }
        }
        self.refresh(&path)
    }

    pub fn close(&mut self, uri: &Url) -> Vec<Notification> {
        let Some(path) = path_of(uri) else {
            return Vec::new();
        };
        self.docs.remove(&path);
        self.disk.borrow_mut().remove(&path);
        self.refresh(&path)
    }

    /// Files changed on disk: forget what was read and analyse the open projects again.
    pub fn disk_changed(&mut self) -> Vec<Notification> {
        self.disk.borrow_mut().clear();
        self.listings.clear();
        let open: Vec<String> = self.docs.keys().cloned().collect();
        let mut keys: Vec<String> = open.iter().map(|p| self.project_key(p).0).collect();
        keys.sort();
        keys.dedup();
        let mut out = Vec::new();
        for p in open {
            let key = self.project_key(&p).0;
            if let Some(i) = keys.iter().position(|k| *k == key) {
                keys.remove(i);
                out.extend(self.refresh(&p));
            }
        }
        out
    }

    /// The project folder of a file (or the file itself when it is in none), and whether it
    /// is a folder.
    fn project_key(&self, path: &str) -> (String, bool) {
        let mut dir = Path::new(path).parent();
        while let Some(d) = dir {
            if d.join("dialect.toml").is_file() {
                return (normalize(&d.to_string_lossy()), true);
            }
            if self.root.as_deref() == Some(d) {
                break;
            }
            dir = d.parent();
        }
        (path.to_owned(), false)
    }

    /// The analysis of the project that holds `path`, the file's id and its text.
    pub fn locate(&self, uri: &Url) -> Option<(&Analysis, FileId, &SourceFile)> {
        let path = path_of(uri)?;
        let (key, _) = self.project_key(&path);
        let a = self.analyses.get(&key)?;
        let id = a.project.sources.find(&path)?;
        Some((a, id, a.project.sources.get(id)))
    }

    /// Analyses the project of `path` again and returns the diagnostics that changed.
    fn refresh(&mut self, path: &str) -> Vec<Notification> {
        let (key, is_dir) = self.project_key(path);
        let mut options = Options::default();
        if is_dir {
            let listing = self
                .listings
                .entry(key.clone())
                .or_insert_with(|| list_dial_files(Path::new(&key)));
            let mut roots: BTreeSet<String> = listing.iter().cloned().collect();
            let prefix = format!("{key}/");
            roots.extend(
                self.docs
                    .keys()
                    .filter(|p| p.starts_with(&prefix) && p.ends_with(".dial"))
                    .cloned(),
            );
            options.roots = roots.into_iter().collect();
            options.environments = environments(Path::new(&key));
        } else {
            options.roots = vec![key.clone()];
        }
        let t0 = std::time::Instant::now();
        let project = {
            let loader = Overlay {
                docs: &self.docs,
                disk: &self.disk,
            };
            let mut project = analyze(&loader, &options, &mut self.cache);
            // The graph checks, as `dialect check` runs them, once the project resolves.
            if !project.diagnostics.has_errors() {
                let found = dialect_compiler::checks::check_model(
                    &project.model,
                    &dialect_compiler::project::ChecksConfig::default(),
                );
                project.diagnostics.extend(found);
                project.diagnostics.sort();
            }
            project
        };
        let t1 = std::time::Instant::now();
        let index = Index::build(&project);
        let t2 = std::time::Instant::now();
        let out = self.publish(&key, &project);
        if std::env::var_os("DIALECT_LSP_TIMING").is_some() {
            eprintln!(
                "analyze {:?} index {:?} publish {:?} ({} files, {} diagnostics)",
                t1 - t0,
                t2 - t1,
                t2.elapsed(),
                project.files.len(),
                project.diagnostics.len()
            );
        }
        self.analyses.insert(key, Analysis { project, index });
        out
    }

    fn publish(&mut self, key: &str, project: &Project) -> Vec<Notification> {
        let mut by_file: HashMap<FileId, Vec<lsp_types::Diagnostic>> = HashMap::new();
        for d in project.diagnostics.iter() {
            let Some(label) = d.labels.iter().find(|l| l.primary).or(d.labels.first()) else {
                continue;
            };
            let file = label.span.file;
            if let Some(ld) = to_lsp(project, d) {
                by_file.entry(file).or_default().push(ld);
            }
        }
        let mut now = BTreeSet::new();
        let mut out = Vec::new();
        for (id, src) in project.sources.iter() {
            if !src.path.ends_with(".dial") && !src.path.ends_with(".toml") {
                continue;
            }
            let diags = by_file.remove(&id).unwrap_or_default();
            now.insert(src.path.clone());
            out.extend(self.send(&src.path, diags));
        }
        let before = self.project_files.insert(key.to_owned(), now.clone());
        for gone in before.unwrap_or_default().difference(&now) {
            out.extend(self.send(gone, Vec::new()));
        }
        out
    }

    fn send(&mut self, path: &str, diags: Vec<lsp_types::Diagnostic>) -> Option<Notification> {
        let old = self.published.get(path);
        if old.map_or(diags.is_empty(), |o| *o == diags) {
            return None;
        }
        let uri = uri_of(path)?;
        self.published.insert(path.to_owned(), diags.clone());
        Some(Notification::new(
            lsp_types::notification::PublishDiagnostics::METHOD.to_owned(),
            PublishDiagnosticsParams::new(uri, diags, None),
        ))
    }
}

/// A compiler diagnostic as the protocol wants it.
pub fn to_lsp(project: &Project, d: &Diagnostic) -> Option<lsp_types::Diagnostic> {
    let label = d.labels.iter().find(|l| l.primary).or(d.labels.first())?;
    let src = project.sources.get(label.span.file);
    let mut message = d.message.clone();
    if !label.message.is_empty() {
        message.push_str(": ");
        message.push_str(&label.message);
    }
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !std::ptr::eq(*l, label))
        .filter_map(|l| {
            let s = project.sources.get(l.span.file);
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(&s.path)?, range(s, l.span.start, l.span.end)),
                message: l.message.clone(),
            })
        })
        .collect();
    Some(lsp_types::Diagnostic {
        range: range(src, label.span.start, label.span.end),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.id().to_owned())),
        source: Some("dialect".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    })
}

fn list_dial_files(dir: &Path) -> Vec<String> {
    dialect_files::expand(&[dir.to_string_lossy().into_owned()], ".dial")
}

/// The environment files of the project in `dir` (as `dialect check` finds them).
fn environments(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("dialect.toml")).unwrap_or_default();
    let env_dir = match parse_project_file(FileId(0), &text) {
        Ok(pf) => dir.join(pf.project.environments),
        Err(_) => dir.join("environments"),
    };
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&env_dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".toml") {
                found.push((stem.to_owned(), normalize(&e.path().to_string_lossy())));
            }
        }
    }
    found.sort();
    found
}
