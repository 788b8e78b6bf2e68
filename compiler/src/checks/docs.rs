//! The documentation pages of the checks, generated from the code table.
//!
//! `docs/checks/<CODE>.md` is [`page`] and `docs/checks/README.md` is [`index`]. A test
//! (`compiler/tests/check_docs.rs`) fails when the files differ from what these functions
//! produce; `UPDATE_DOCS=1 cargo test -p dialect-compiler --test check_docs` rewrites them.

use super::ALL_CODES;
use crate::diagnostics::Code;

/// The page of one check: title, summary, default severity, how to configure it, then the
/// doc comment of its declaration.
#[must_use]
pub fn page(code: Code) -> String {
    let info = code.info();
    let mut out = format!(
        "<!-- Generated from compiler/src/checks/; edit the doc comment there, then run\n     UPDATE_DOCS=1 cargo test -p dialect-compiler --test check_docs -->\n# {} {}\n\n{}.\n\nDefault severity: **{}**. `dialect explain {}` prints the sections below the configuration.\n\n",
        info.id,
        info.name,
        capitalise(info.summary),
        info.severity.as_str(),
        info.id,
    );
    out.push_str(&format!(
        "Configure it in `dialect.toml`:\n\n```toml\n[checks]\n{} = \"warning\"   # or \"allow\", \"info\", \"error\"\n\n[[checks.allow]]      # accept one finding on one step\ncode = \"{}\"\nstep = \"step-or-action-id\"\nreason = \"why this is fine here\"\n```\n\n",
        info.id, info.id
    ));
    for line in info.doc.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The index page: every check with its severity and summary.
#[must_use]
pub fn index() -> String {
    let mut out = String::from(
        "<!-- Generated from compiler/src/checks/; regenerate with\n     UPDATE_DOCS=1 cargo test -p dialect-compiler --test check_docs -->\n# Checks\n\n\
         `dialect check` runs these checks on every flow, whether written in `.dial` or imported\n\
         from Amazon Connect flow JSON. Each has a stable code; `dialect explain CODE` prints its\n\
         page. Levels are set per project in the `[checks]` table of `dialect.toml`\n\
         (`L003 = \"allow\" | \"info\" | \"warning\" | \"error\"`); one finding on one step can be\n\
         accepted with a reason in `[[checks.allow]]`; `consent_attribute` names the attribute the\n\
         outbound consent check (L010) looks for (default `Ok_to_call`).\n\n\
         | code | name | default | what it finds |\n|---|---|---|---|\n",
    );
    let mut codes: Vec<Code> = ALL_CODES.to_vec();
    codes.sort_by_key(|c| c.id());
    for c in codes {
        out.push_str(&format!(
            "| [{}]({}.md) | `{}` | {} | {} |\n",
            c.id(),
            c.id(),
            c.name(),
            c.severity().as_str(),
            c.info().summary
        ));
    }
    out
}

/// Every generated file: (file name, contents).
#[must_use]
pub fn files() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = ALL_CODES
        .iter()
        .map(|c| (format!("{}.md", c.id()), page(*c)))
        .collect();
    v.push(("README.md".to_owned(), index()));
    v.sort();
    v
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
