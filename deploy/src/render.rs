//! The plan as `dialect deploy --plan` prints it (and as a deploy prints it before writing).

use std::fmt::Write as _;

use crate::artifacts::Kind;
use crate::plan::{Change, Plan};

/// The plan: one line per bot (`+` create with its locales, `~` update, `=` unchanged), one
/// line per flow or module (`+` create with the flow type, `~` update with its step-level diff, `=`
/// unchanged), then the writes in order with their reasons (the deletions of old bot versions
/// last, as they run).
#[must_use]
pub fn render_plan(plan: &Plan) -> String {
    let count = |f: fn(&Change) -> bool| {
        plan.entries.iter().filter(|e| f(&e.change)).count()
            + plan.bots.iter().filter(|b| f(&b.change)).count()
    };
    let create = count(|c| matches!(c, Change::Create));
    let update = count(|c| matches!(c, Change::Update { .. }));
    let same = count(|c| matches!(c, Change::Unchanged));
    let deletions = plan.deletions();
    let delete = if deletions == 0 {
        String::new()
    } else {
        format!(
            ", {deletions} old bot version{} to delete",
            if deletions == 1 { "" } else { "s" }
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Plan: {create} to create, {update} to update, {same} unchanged{delete}\n"
    );
    let width = plan
        .entries
        .iter()
        .map(|e| e.name.len())
        .chain(plan.bots.iter().map(|b| b.name.len()))
        .max()
        .unwrap_or(0);
    for b in &plan.bots {
        let (mark, what) = match &b.change {
            Change::Create => ('+', "create"),
            Change::Update { .. } => ('~', "update"),
            Change::Unchanged => ('=', "unchanged"),
        };
        let _ = writeln!(
            out,
            "  {mark} {:<6} {:<width$}  {what} ({})",
            "bot",
            b.name,
            b.locales.join(", ")
        );
    }
    for e in &plan.entries {
        let (mark, what) = match &e.change {
            Change::Create => ('+', "create"),
            Change::Update { .. } => ('~', "update"),
            Change::Unchanged => ('=', "unchanged"),
        };
        let ty = match (&e.change, e.kind) {
            (Change::Create, Kind::Flow) => format!(" ({})", e.flow_type),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {mark} {:<6} {:<width$}  {what}{ty}",
            e.kind.as_str(),
            e.name
        );
        if let Change::Update { diff } = &e.change {
            for line in diff.lines() {
                let _ = writeln!(out, "{}", format!("      {line}").trim_end());
            }
        }
    }
    if !plan.notes.is_empty() {
        out.push('\n');
        for n in &plan.notes {
            let _ = writeln!(out, "note: {n}");
        }
    }
    if plan.ops.is_empty() {
        out.push_str("\nNothing to write: the instance already has this build.\n");
        return out;
    }
    let _ = writeln!(out, "\nWrites, in order:");
    for (i, op) in plan.ops.iter().enumerate() {
        let _ = writeln!(out, "  {:>2}. {}: {}", i + 1, op.summary(), op.reason());
    }
    out
}
