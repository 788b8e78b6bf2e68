//! Name resolution: ASTs of all files → the resolved [`Model`].
//!
//! Every reference (steps, flows, modules, bots, intents, slots, slot types, integrations,
//! queues, hours, calendars, `$` references) resolves or gets a diagnostic with "did you mean"
//! help; duplicate definitions point at both sites. Top-level names are global; a file sees its
//! own declarations and those of the files it `use`s.

mod decls;
mod faults;
mod flows;
pub mod model;
mod names;
mod refs;
mod scenarios;

use std::collections::BTreeMap;

pub use model::*;
pub use names::{DeclKind, did_you_mean};

use crate::diagnostics::Diagnostic;
use crate::span::{FileId, SourceMap};
use crate::syntax::ast::{Ast, Ident, Item};

/// One parsed file and the files its `use` declarations name (already loaded).
#[derive(Debug, Clone)]
pub struct ResolveInput<'a> {
    pub ast: &'a Ast,
    pub uses: Vec<FileId>,
}

pub(crate) struct Resolver<'a> {
    sources: &'a SourceMap,
    names: names::Names,
    model: Model,
    diags: Vec<Diagnostic>,
    /// Declared outcomes of every module, known before any flow is resolved.
    module_returns: BTreeMap<FlowId, Vec<String>>,
    /// `returns` of the flow being resolved.
    current_returns: Vec<String>,
}

impl Resolver<'_> {
    fn lookup(&mut self, file: FileId, name: &Ident, kinds: &[DeclKind]) -> Option<names::Symbol> {
        self.names
            .lookup(self.sources, file, name, kinds, &mut self.diags)
    }
}

/// Resolves a whole project.
#[must_use]
pub fn resolve(sources: &SourceMap, files: &[ResolveInput<'_>]) -> (Model, Vec<Diagnostic>) {
    let mut r = Resolver {
        sources,
        names: names::Names::default(),
        model: Model::default(),
        diags: Vec::new(),
        module_returns: BTreeMap::new(),
        current_returns: Vec::new(),
    };
    for f in files {
        r.names.set_visible(f.ast.file, f.uses.iter().copied());
    }

    // Pass 1: declare every top-level name, so that order of files and items does not matter.
    let mut counts = [0u32; 6];
    let mut flow_kinds = Vec::new();
    for f in files {
        for item in &f.ast.items {
            let (kind, slot) = match item {
                Item::Use(_) => continue,
                Item::Flow(d) => {
                    let k = r.flow_kind(d);
                    flow_kinds.push(k);
                    if k == FlowKind::Module {
                        let returns: Vec<String> = d
                            .settings
                            .iter()
                            .filter_map(|s| {
                                if let crate::syntax::ast::FlowSetting::Returns(n, _) = s {
                                    Some(n.iter().map(|i| i.text.to_string()).collect::<Vec<_>>())
                                } else {
                                    None
                                }
                            })
                            .next()
                            .unwrap_or_default();
                        r.module_returns.insert(FlowId(counts[0]), returns);
                    }
                    (
                        if k == FlowKind::Module {
                            DeclKind::Module
                        } else {
                            DeclKind::Flow
                        },
                        0,
                    )
                }
                Item::Bot(_) => (DeclKind::Bot, 1),
                Item::Integration(_) => (DeclKind::Integration, 2),
                Item::Queue(_) => (DeclKind::Queue, 3),
                Item::Hours(_) => (DeclKind::Hours, 4),
                Item::Calendar(_) => (DeclKind::Calendar, 5),
                Item::Test(_) => continue,
            };
            if let Some(name) = item.name() {
                r.names.declare(name, kind, counts[slot], &mut r.diags);
            }
            counts[slot] += 1;
        }
    }

    // Pass 2: resolve declarations in dependency order (calendars, hours, queues,
    // integrations, bots, then flows), keeping indexes equal to the pass-1 counters.
    for f in files {
        for item in &f.ast.items {
            if let Item::Calendar(d) = item {
                let c = r.calendar(d);
                r.model.calendars.push(c);
            }
        }
    }
    for f in files {
        for item in &f.ast.items {
            if let Item::Hours(d) = item {
                let h = r.hours(f.ast.file, d);
                r.model.hours.push(h);
            }
        }
    }
    for f in files {
        for item in &f.ast.items {
            match item {
                Item::Queue(d) => {
                    let q = r.queue(f.ast.file, d);
                    r.model.queues.push(q);
                }
                Item::Integration(d) => {
                    let i = r.integration(d);
                    r.model.integrations.push(i);
                }
                Item::Bot(d) => {
                    let b = r.bot(d);
                    r.model.bots.push(b);
                }
                _ => {}
            }
        }
    }
    let mut kinds = flow_kinds.into_iter();
    for f in files {
        for item in &f.ast.items {
            if let Item::Flow(d) = item {
                let kind = kinds.next().unwrap_or(FlowKind::Inbound);
                r.current_returns = if kind == FlowKind::Module {
                    r.module_returns
                        .get(&FlowId(
                            u32::try_from(r.model.flows.len()).unwrap_or(u32::MAX),
                        ))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                let flow = r.flow(f.ast.file, d, kind);
                r.model.flows.push(flow);
            }
        }
    }
    for f in files {
        for item in &f.ast.items {
            if let Item::Test(d) = item
                && let Some(t) = r.test(f.ast.file, d)
            {
                r.model.tests.push(t);
            }
        }
    }
    faults::check(&mut r.model, &mut r.diags);
    (r.model, r.diags)
}
