//! `dialect report`: the static HTML site, its diagnostics on steps and the coverage overlay.
//! The browser test is `report_browser.rs`.

use std::path::Path;

use crate::harness::dialect;

/// Runs `dialect report` into a new temporary folder.
pub fn report(args: &[&str]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().to_string_lossy().into_owned();
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", &out]);
    let r = dialect(&all);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("index.html"), "{}", r.stdout);
    tmp
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The `<svg>` element of a flow page, parsed (proving it is well-formed XML).
fn svg_of(page: &str) -> String {
    let start = page.find("<svg ").expect("an inline SVG");
    let end = page.find("</svg>").expect("the end of the SVG") + "</svg>".len();
    let svg = page[start..end].to_owned();
    if let Err(e) = roxmltree::Document::parse(&svg) {
        panic!("the SVG is not well-formed: {e}");
    }
    svg
}

/// The class attribute of the node with `data-key="key"`.
fn node_class(svg: &str, key: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("well-formed");
    doc.descendants()
        .find(|n| n.attribute("data-key") == Some(key))
        .and_then(|n| n.attribute("class"))
        .unwrap_or_else(|| panic!("no node {key}"))
        .to_owned()
}

#[test]
fn every_flow_gets_a_page_linked_from_the_index() {
    let tmp = report(&["../../flows"]);
    let dir = tmp.path();
    let index = read(dir, "index.html");
    for asset in ["assets/report.css", "assets/report.js"] {
        assert!(dir.join(asset).is_file(), "{asset}");
    }
    let mut pages: Vec<String> = std::fs::read_dir(dir.join("flows"))
        .expect("flows folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "{pages:?}");
    for p in &pages {
        assert!(
            index.contains(&format!("href=\"flows/{p}\"")),
            "{p} not linked"
        );
        let page = read(dir, &format!("flows/{p}"));
        svg_of(&page);
        assert!(page.contains("<script src=\"../assets/report.js\">"));
        // Nothing is fetched from the network.
        assert!(!page.contains("http://") || !page.contains("<script src=\"http"));
        assert!(!page.contains("https://"), "{p} refers to the network");
    }
    assert!(!index.contains("https://"));
    // Deterministic: a second run writes the same files.
    let again = report(&["../../flows"]);
    for p in &pages {
        let file = format!("flows/{p}");
        assert_eq!(
            read(dir, &file),
            read(again.path(), &file),
            "{file} differs"
        );
    }
    assert_eq!(index, read(again.path(), "index.html"));
}

#[test]
fn diagnostics_are_placed_on_their_step() {
    let tmp = report(&["report/broken"]);
    let page = read(tmp.path(), "flows/Shop.html");
    let svg = svg_of(&page);
    assert!(node_class(&svg, "welcome").contains("dg-has-error"));
    assert!(!node_class(&svg, "order").contains("dg-has-error"));
    assert!(page.contains("1 error"), "badge or count missing");
    // The details data of the step carries the diagnostic.
    let data_start = page.find("id=\"dg-data\">").expect("data") + "id=\"dg-data\">".len();
    let data_end = page[data_start..].find("</script>").expect("end") + data_start;
    let data: serde_json::Value =
        serde_json::from_str(&page[data_start..data_end]).expect("JSON data");
    let diags = &data["nodes"]["welcome"]["diagnostics"];
    assert_eq!(diags[0]["code"], "R003", "{data:#}");
    assert_eq!(
        data["nodes"]["welcome"]["at"],
        "report/broken/shop.dial:6:3"
    );
    let index = read(tmp.path(), "index.html");
    assert!(index.contains("has-error"), "{index}");
}

#[test]
fn coverage_is_drawn_with_transcripts() {
    let tmp = report(&["../../flows", "--coverage", "report/coverage.json"]);
    let page = read(tmp.path(), "flows/PhoneOrder.html");
    let svg = svg_of(&page);
    assert!(node_class(&svg, "greet").contains("dg-hit"));
    assert!(node_class(&svg, "offer_alternative").contains("dg-miss"));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let edge = |from: &str, to: &str| {
        doc.descendants()
            .find(|n| n.attribute("data-from") == Some(from) && n.attribute("data-to") == Some(to))
            .and_then(|n| n.attribute("class"))
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
            .to_owned()
    };
    // A covered error branch, a covered result, a branch never taken.
    let error = edge("reserve", "tech_trouble");
    assert!(
        error.contains("dg-error") && error.contains("dg-hit"),
        "{error}"
    );
    assert!(edge("start", "greet").contains("dg-hit"));
    assert!(edge("reserve", "offer_alternative").contains("dg-miss"));
    assert!(
        page.contains("Coverage: steps 16/24 (66%)"),
        "{}",
        &page[..page.find("<main>").unwrap_or(0)]
    );
    assert!(page.contains("orders a futon by voice"));
    assert!(page.contains("羽毛布団を1つ"));
    let other = read(tmp.path(), "flows/Reorder.html");
    assert!(other.contains("no test ran this flow"));
    let index = read(tmp.path(), "index.html");
    assert!(index.contains("branches covered"));
    assert!(index.contains("stock service fails"));
}

#[test]
fn a_bad_coverage_file_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"version\": 9}").expect("write");
    let out = tmp.path().join("out");
    let r = dialect(&[
        "report",
        "../../flows",
        "--out",
        &out.to_string_lossy(),
        "--coverage",
        &bad.to_string_lossy(),
    ]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("version 9"), "{}", r.stderr);
    assert!(!out.exists());
}
