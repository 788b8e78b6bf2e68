//! The world of a REPL call, from lines of the scenario-test language.
//!
//! The REPL keeps the world lines typed so far (`at …`, `caller …`, `mock …`, `queue …`,
//! `profile …`) and has the compiler read them as the body of a `test` block in a file that
//! exists only in memory and `use`s every file of the project. So one parser, one resolver and
//! one set of diagnostics serve `dialect test` and `dialect simulate`, and
//! [`project::scenario`] turns the lines into a [`World`] exactly as it does for a test.

use dialect_compiler::compile::{Options, Project, analyze};
use dialect_compiler::source::{LoadError, SourceLoader, normalize};
use dialect_runtime::World;
use dialect_runtime::project;

use crate::args::{Color, Format};
use crate::fs_loader::FsLoader;

/// The path of the file in memory (a name no file on disk is likely to have).
pub const VIRTUAL_PATH: &str = "<simulate>.dial";

/// The project's files plus the file in memory.
struct Overlay<'a> {
    text: &'a str,
}

impl SourceLoader for Overlay<'_> {
    fn load(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        if normalize(path) == VIRTUAL_PATH {
            Ok(self.text.as_bytes().to_vec())
        } else {
            FsLoader.load(path)
        }
    }

    fn identity(&self, path: &str) -> String {
        if normalize(path) == VIRTUAL_PATH {
            path.to_owned()
        } else {
            FsLoader.identity(path)
        }
    }
}

/// A `.dial` project and the flow a REPL call starts in.
#[derive(Debug, Clone)]
pub struct DialWorld {
    /// The project's `.dial` files (as given, relative to the working directory or absolute).
    pub roots: Vec<String>,
    /// Every `.dial` file of the project, roots and the files they `use` (`use` is not
    /// transitive, so the file in memory names them all); filled by [`DialWorld::load`].
    pub files: Vec<String>,
    /// The flow the call starts in.
    pub flow: String,
}

impl DialWorld {
    /// The text of the file in memory: `use` of every root, then a test with `lines` (none
    /// while the flow is not chosen yet).
    fn text(&self, lines: &[String]) -> String {
        let mut t = String::new();
        for r in &self.files {
            t.push_str(&format!("use {}\n", quote(r)));
        }
        if self.flow.is_empty() {
            return t;
        }
        t.push_str(&format!(
            "test \"dialect simulate\" {{\n  flow {}\n",
            self.flow
        ));
        for l in lines {
            t.push_str("  ");
            t.push_str(l);
            t.push('\n');
        }
        t.push_str("}\n");
        t
    }

    /// The project analysed without world lines; remembers every file it loaded.
    pub fn load(&mut self) -> Project {
        let p = self.analyze(&[]);
        self.files = p
            .sources
            .iter()
            .map(|(_, f)| f.path.clone())
            .filter(|f| f != VIRTUAL_PATH && f.ends_with(".dial"))
            .collect();
        p
    }

    /// The project analysed with the file in memory holding `lines`.
    #[must_use]
    pub fn analyze(&self, lines: &[String]) -> Project {
        let text = self.text(lines);
        let mut roots = self.roots.clone();
        roots.push(VIRTUAL_PATH.to_owned());
        analyze(
            &Overlay { text: &text },
            &Options {
                roots,
                environments: Vec::new(),
            },
        )
    }

    /// The world of a call with these world lines, or the rendered diagnostics of the lines
    /// that do not read.
    ///
    /// # Errors
    /// When a line does not parse or names nothing in the project (the compiler's diagnostics),
    /// or the clock names an impossible local time.
    pub fn world(&self, lines: &[String], color: Color) -> Result<World, String> {
        let p = self.analyze(lines);
        let Some(file) = p
            .sources
            .iter()
            .find(|(_, f)| f.path == VIRTUAL_PATH)
            .map(|(id, _)| id)
        else {
            return Err("internal error: the world lines were not loaded".to_owned());
        };
        let mine: Vec<_> = p
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == dialect_compiler::diagnostics::Severity::Error
                    && d.labels.iter().any(|l| l.span.file == file)
            })
            .cloned()
            .collect();
        if !mine.is_empty() {
            return Err(crate::report::render(
                &p.sources,
                &mine,
                Format::Human,
                color,
            ));
        }
        let Some(test) = p.model.tests.iter().find(|t| t.file == file) else {
            return Err("internal error: the world lines were not read as a test".to_owned());
        };
        project::scenario(&p.model, test).map(|s| s.world)
    }
}

/// A Dialect string literal.
fn quote(s: &str) -> String {
    let mut q = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}
