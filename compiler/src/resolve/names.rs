//! The project-wide table of top-level names, with visibility through `use` and "did you mean".

use crate::hash::{FastMap, FastSet};

use crate::diagnostics::{Diagnostic, codes};
use crate::span::{FileId, SourceMap, Span};
use crate::syntax::ast::Ident;

/// The kind of a top-level declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclKind {
    Flow,
    Module,
    Bot,
    Integration,
    Queue,
    Hours,
    Calendar,
}

impl DeclKind {
    /// With an article, for messages: "a queue".
    #[must_use]
    pub fn a(self) -> &'static str {
        match self {
            DeclKind::Flow => "a flow",
            DeclKind::Module => "a module",
            DeclKind::Bot => "a bot",
            DeclKind::Integration => "an integration",
            DeclKind::Queue => "a queue",
            DeclKind::Hours => "an hours declaration",
            DeclKind::Calendar => "a calendar",
        }
    }

    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            DeclKind::Flow => "flow",
            DeclKind::Module => "module",
            DeclKind::Bot => "bot",
            DeclKind::Integration => "integration",
            DeclKind::Queue => "queue",
            DeclKind::Hours => "hours",
            DeclKind::Calendar => "calendar",
        }
    }
}

/// One declared name.
#[derive(Debug, Clone, Copy)]
pub struct Symbol {
    pub kind: DeclKind,
    /// Index into the model vector of that kind (flows and modules share `Model::flows`).
    pub index: u32,
    pub span: Span,
}

/// Top-level names and which files see which.
#[derive(Debug, Default)]
pub struct Names {
    symbols: FastMap<String, Symbol>,
    /// For each file: the files whose declarations it sees (itself and direct `use`s).
    visible: FastMap<FileId, FastSet<FileId>>,
}

impl Names {
    pub fn set_visible(&mut self, file: FileId, sees: impl IntoIterator<Item = FileId>) {
        let set = self.visible.entry(file).or_default();
        set.insert(file);
        set.extend(sees);
    }

    /// Declares a name; reports `R001` when it is taken.
    pub fn declare(
        &mut self,
        name: &Ident,
        kind: DeclKind,
        index: u32,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if name.text.is_empty() {
            return false;
        }
        if let Some(prev) = self.symbols.get(name.text.as_str()) {
            diags.push(
                Diagnostic::new(
                    codes::DUPLICATE_DEFINITION,
                    format!("`{}` is defined twice", name.text),
                )
                .with_label(
                    name.span,
                    format!("{} named `{}` is defined here", kind.a(), name.text),
                )
                .with_secondary(
                    prev.span,
                    format!("{} `{}` is already defined here", prev.kind.a(), name.text),
                )
                .with_help("every top-level name is global to the project; rename one of them"),
            );
            return false;
        }
        self.symbols.insert(
            name.text.to_string(),
            Symbol {
                kind,
                index,
                span: name.span,
            },
        );
        true
    }

    /// Looks a name up from `from`, expecting one of `kinds`. Reports `R003` (with "did you
    /// mean" or "add use") or `R004` and returns `None` on failure.
    pub fn lookup(
        &self,
        sources: &SourceMap,
        from: FileId,
        name: &Ident,
        kinds: &[DeclKind],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Symbol> {
        // Only diagnostics need the description; successful lookups are the hot path.
        let what = || {
            kinds
                .iter()
                .map(|k| k.noun())
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let Some(sym) = self.symbols.get(name.text.as_str()).copied() else {
            let what = what();
            let mut d = Diagnostic::new(
                codes::UNDEFINED_REFERENCE,
                format!("no {what} named `{}`", name.text),
            )
            .with_label(name.span, format!("this {what} is not defined"));
            let candidates = self
                .symbols
                .iter()
                .filter(|(_, s)| kinds.contains(&s.kind) && self.sees(from, s.span.file))
                .map(|(n, _)| n.as_str());
            if let Some(s) = did_you_mean(&name.text, candidates) {
                d = d.with_help(format!("did you mean `{s}`?"));
            } else {
                d = d.with_help(format!(
                    "declare {} `{}` or fix the name",
                    kinds[0].a(),
                    name.text
                ));
            }
            diags.push(d);
            return None;
        };
        if !kinds.contains(&sym.kind) {
            diags.push(
                Diagnostic::new(
                    codes::WRONG_KIND_OF_REFERENCE,
                    format!("`{}` is {}, not {}", name.text, sym.kind.a(), kinds[0].a()),
                )
                .with_label(name.span, format!("expected {}", what()))
                .with_secondary(
                    sym.span,
                    format!("`{}` is declared here as {}", name.text, sym.kind.a()),
                )
                .with_help(format!("refer to {} here", kinds[0].a())),
            );
            return None;
        }
        if !self.sees(from, sym.span.file) {
            let decl_path = &sources.get(sym.span.file).path;
            let rel = relative_path(&sources.get(from).path, decl_path);
            diags.push(
                Diagnostic::new(
                    codes::UNDEFINED_REFERENCE,
                    format!("`{}` is not visible in this file", name.text),
                )
                .with_label(
                    name.span,
                    format!(
                        "{} `{}` is declared in another file",
                        sym.kind.a(),
                        name.text
                    ),
                )
                .with_secondary(sym.span, "declared here")
                .with_help(format!("add `use \"{rel}\"` at the top of this file")),
            );
            return None;
        }
        Some(sym)
    }

    fn sees(&self, from: FileId, decl: FileId) -> bool {
        from == decl || self.visible.get(&from).is_some_and(|v| v.contains(&decl))
    }
}

/// The closest candidate within a small edit distance.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| {
            let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
            (d, c)
        })
        .filter(|(d, c)| *d <= (c.chars().count().max(name.chars().count()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// A `use` path from the file `from` to the file `to` (both project-relative).
#[must_use]
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = crate::source::parent(from)
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let to_parts: Vec<&str> = to
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("tak_order", ["take_order", "greet"]),
            Some("take_order")
        );
        assert_eq!(did_you_mean("Orders", ["Support"]), None);
        assert_eq!(did_you_mean("ordrs", ["Orders"]), Some("Orders"));
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path("flows/order/order.dial", "flows/common/hours.dial"),
            "../common/hours.dial"
        );
        assert_eq!(relative_path("a.dial", "b.dial"), "b.dial");
    }
}
