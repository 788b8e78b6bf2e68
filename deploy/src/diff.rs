//! Step-level differences between the content of a live flow and the new one: both are
//! decompiled to `.dial` text (`decompile::decompile`) and compared line by line, so a reviewer
//! reads steps and statements rather than Connect JSON.

use dialect_compiler::connect::{self, Flow};
use dialect_compiler::decompile::decompile;
use dialect_compiler::span::FileId;

/// Whether two flow contents are the same for Connect: equal JSON (whatever the formatting and
/// key order), or flows that behave the same (`connect::equivalent`: only identifiers or layout
/// differ).
#[must_use]
pub fn same_content(live: &str, new: &str) -> bool {
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).ok();
    if let (Some(a), Some(b)) = (parse(live), parse(new))
        && a == b
    {
        return true;
    }
    match (import(live), import(new)) {
        (Some(a), Some(b)) => connect::equivalent(&a, &b).is_ok(),
        _ => false,
    }
}

fn import(text: &str) -> Option<Flow> {
    connect::import_flow(FileId(0), text).0
}

/// A unified diff of the decompiled `.dial` text of `live` and `new` (two lines of context),
/// or of the raw JSON when one side cannot be read as a flow.
#[must_use]
pub fn step_diff(name: &str, live: &str, new: &str) -> String {
    let (old_text, new_text) = match (import(live), import(new)) {
        (Some(a), Some(b)) => (decompile(&a, name), decompile(&b, name)),
        _ => (live.to_owned(), new.to_owned()),
    };
    let diff = similar::TextDiff::from_lines(&old_text, &new_text);
    let mut out = String::new();
    for hunk in diff.unified_diff().context_radius(2).iter_hunks() {
        out.push_str(&hunk.to_string());
    }
    out
}
