//! `dialect graph`: DOT and Mermaid snapshots of the shipped flows, well-formed and
//! deterministic SVG, Connect JSON input, usage errors.

use crate::harness::dialect;

/// The shipped `.dial` files, relative to `tests/fixtures` (the working directory).
const SHIPPED: &[&str] = &[
    "../../flows/common/fallbacks.dial",
    "../../flows/common/hours.dial",
    "../../flows/common/routing.dial",
    "../../flows/order/order.dial",
    "../../flows/order/order_en.dial",
    "../../flows/reorder/reorder.dial",
];

/// The flow names of a DOT text (`digraph "Name" {`).
fn flow_names(dot: &str) -> Vec<String> {
    dot.lines()
        .filter_map(|l| l.strip_prefix("digraph \"")?.strip_suffix("\" {"))
        .map(str::to_owned)
        .collect()
}

/// Every shipped flow, with the file that defines it.
fn shipped_flows() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for file in SHIPPED {
        let r = dialect(&["graph", file, "--format", "dot"]);
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        for name in flow_names(&r.stdout) {
            out.push((*file, name));
        }
    }
    out
}

#[test]
fn shipped_flows_as_dot_and_mermaid() {
    let flows = shipped_flows();
    assert!(flows.len() >= 10, "{flows:?}");
    for (file, name) in &flows {
        for format in ["dot", "mermaid"] {
            let r = dialect(&["graph", file, "--flow", name, "--format", format]);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
            insta::with_settings!({ description => format!("dialect graph {file} --flow {name} --format {format}") }, {
                insta::assert_snapshot!(format!("graph_{format}_{name}"), r.stdout);
            });
        }
    }
}

#[test]
fn svg_is_well_formed_and_deterministic_for_every_shipped_flow() {
    for (file, name) in shipped_flows() {
        let a = dialect(&["graph", file, "--flow", &name, "--format", "svg"]);
        assert_eq!(a.code, 0, "{name}: {}", a.stderr);
        let b = dialect(&["graph", file, "--flow", &name]);
        assert_eq!(a.stdout, b.stdout, "{name}: SVG differs between runs");
        let doc = roxmltree::Document::parse(&a.stdout)
            .unwrap_or_else(|e| panic!("{name}: SVG is not well-formed XML: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("data-flow"), Some(name.as_str()));
        let steps = doc
            .descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.contains("dg-step") || c.contains("dg-terminal"))
            })
            .count();
        assert!(steps > 0, "{name}: no steps drawn");
    }
}

#[test]
fn out_writes_a_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("order.mmd");
    let r = dialect(&[
        "graph",
        "../../flows/order/order.dial",
        "--flow",
        "PhoneOrder",
        "--format",
        "mermaid",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("flowchart TD\n"));
}

#[test]
fn a_connect_flow_json_is_drawn_action_by_action() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("hello.json");
    std::fs::write(
        &file,
        r#"{"Version": "2019-10-30", "StartAction": "greet",
            "Actions": [
              {"Identifier": "greet", "Type": "MessageParticipant",
               "Parameters": {"Text": "いらっしゃいませ"},
               "Transitions": {"NextAction": "bye",
                 "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
              {"Identifier": "bye", "Type": "DisconnectParticipant",
               "Parameters": {}, "Transitions": {}}]}"#,
    )
    .expect("write");
    let r = dialect(&["graph", &file.to_string_lossy(), "--format", "mermaid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("graph_connect_json_mermaid", r.stdout);
}

#[test]
fn several_flows_need_a_choice_except_for_dot() {
    let r = dialect(&[
        "graph",
        "../../flows/common/fallbacks.dial",
        "--format",
        "svg",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--flow NAME"), "{}", r.stderr);
    let r = dialect(&["graph", "../../flows/order/order.dial", "--flow", "Nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no flow named `Nope`"), "{}", r.stderr);
    assert!(r.stderr.contains("PhoneOrder"), "{}", r.stderr);
}

#[test]
fn errors_are_reported_instead_of_a_picture() {
    let r = dialect(&["graph", "check/missing_target.dial", "--format", "dot"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("P005"), "{}", r.stderr);
}

#[test]
fn every_corpus_connect_flow_draws_as_well_formed_svg() {
    let corpus =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/connect-flows");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "corpus missing at {}",
            corpus.display()
        );
        return;
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let r = dialect(&["graph", &file.to_string_lossy(), "--format", "svg"]);
        assert_eq!(r.code, 0, "{}: {}", file.display(), r.stderr);
        if let Err(e) = roxmltree::Document::parse(&r.stdout) {
            panic!("{}: not well-formed: {e}", file.display());
        }
    }
}
