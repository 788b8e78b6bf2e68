//! The shipped flows' READMEs embed their Mermaid diagrams, between
//! `<!-- dialect-graph: FLOW -->` and `<!-- /dialect-graph -->`. This test fails when one is
//! stale; `DIALECT_UPDATE_READMES=1 cargo test --test e2e readme` rewrites them.

use std::path::Path;

use crate::harness::dialect;

const READMES: &[&str] = &["common/README.md", "order/README.md", "reorder/README.md"];
const OPEN: &str = "<!-- dialect-graph: ";
const CLOSE: &str = "<!-- /dialect-graph -->";

/// The README with every marked diagram regenerated, and the names of the flows found.
fn regenerate(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(name_end) = after.find(" -->") else {
            break;
        };
        let name = after[..name_end].trim().to_owned();
        let Some(close) = after.find(CLOSE) else {
            panic!("`{OPEN}{name} -->` has no `{CLOSE}`");
        };
        let r = dialect(&[
            "graph",
            "../../flows",
            "--flow",
            &name,
            "--format",
            "mermaid",
        ]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "{OPEN}{name} -->\n```mermaid\n{}```\n{CLOSE}",
            r.stdout
        ));
        rest = &after[close + CLOSE.len()..];
        names.push(name);
    }
    out.push_str(rest);
    (out, names)
}

#[test]
fn shipped_readmes_embed_current_diagrams() {
    let flows = Path::new(env!("CARGO_MANIFEST_DIR")).join("flows");
    let update = std::env::var_os("DIALECT_UPDATE_READMES").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for readme in READMES {
        let path = flows.join(readme);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{readme}: {e}"));
        let (fresh, names) = regenerate(&text);
        assert!(!names.is_empty(), "{readme} embeds no diagram");
        if fresh != text {
            if update {
                std::fs::write(&path, fresh).expect("write README");
            } else {
                stale.push(*readme);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale diagrams in flows/{}: regenerate with `DIALECT_UPDATE_READMES=1 cargo test --test e2e readme` and review the diff",
        stale.join(", flows/")
    );
}
