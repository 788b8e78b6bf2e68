//! The report in a real browser: Debian's chromium, headless (`scripts/setup-chromium`
//! installs it). Each page is opened with `#selftest`: the report's script then clicks the first
//! step and writes what it saw (diagram drawn, node boxes with a size, details panel shown) into
//! `<pre id="dg-selftest">`, which `--dump-dom` prints. One screenshot of the order flow with
//! its details panel open is saved under `target/report-browser/`.
//!
//! Without chromium the test is skipped with a message, except under `CI=true`, where it fails:
//! a browser test that silently passes is worse than none.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report::report;

/// The chromium to run: `$DIALECT_CHROMIUM`, else the first found on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DIALECT_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn headless(exe: &Path, profile: &Path) -> Command {
    let mut c = Command::new(exe);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1400,1000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn url(file: &Path) -> String {
    format!("file://{}#selftest", file.display())
}

/// The self-test result of one page, from the DOM chromium dumps.
fn selftest(exe: &Path, profile: &Path, page: &Path) -> serde_json::Value {
    let out = headless(exe, profile)
        .arg("--dump-dom")
        .arg(url(page))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let Some(start) = dom.find("<pre id=\"dg-selftest\"") else {
        panic!(
            "{}: no self-test result in the page (did the script run?)\nstderr: {}",
            page.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let body = &dom[start..];
    let open = body.find('>').map_or(0, |i| i + 1);
    let close = body.find("</pre>").unwrap_or(body.len());
    let text = body[open..close]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}: {text}", page.display()))
}

#[test]
fn every_diagram_renders_and_a_click_shows_the_step() {
    let Some(exe) = chromium() else {
        let msg =
            "chromium is not installed: run `scripts/setup-chromium` (or set DIALECT_CHROMIUM)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{msg}");
        eprintln!("skipped: {msg}");
        return;
    };
    let site = report(&["../../flows", "--coverage", "report/coverage.json"]);
    let profile = tempfile::tempdir().expect("profile dir");

    let index = selftest(&exe, profile.path(), &site.path().join("index.html"));
    let listed: Vec<String> = index["flows"]
        .as_array()
        .expect("the index lists flows")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    assert!(listed.len() >= 10, "{index}");

    for href in &listed {
        let page = site.path().join(href);
        let r = selftest(&exe, profile.path(), &page);
        let name = r["flow"].as_str().unwrap_or(href);
        assert_eq!(r["svg"], true, "{name}: no diagram: {r}");
        assert!(r["svgWidth"].as_f64().unwrap_or(0.0) > 50.0, "{name}: {r}");
        assert!(r["nodes"].as_u64().unwrap_or(0) >= 2, "{name}: {r}");
        assert_eq!(
            r["drawn"], r["nodes"],
            "{name}: some nodes have no size: {r}"
        );
        assert_eq!(r["nodes"], r["expected"], "{name}: {r}");
        assert_eq!(
            r["panelVisible"], true,
            "{name}: the details panel stayed hidden: {r}"
        );
        assert_eq!(r["panelTitle"], r["clicked"], "{name}: {r}");
        let text = r["panelText"].as_str().unwrap_or_default();
        assert!(text.contains(".dial:"), "{name}: no source location: {r}");
        if name == "PhoneOrder" {
            assert!(text.contains("run module OpeningChecks"), "{r}");
            assert!(text.contains("open → greet"), "{r}");
        }
    }

    // A screenshot of the order flow with the details panel open, for people to look at.
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-browser");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let png = shots.join("PhoneOrder.png");
    let _ = std::fs::remove_file(&png);
    let out = headless(&exe, profile.path())
        .arg(format!("--screenshot={}", png.display()))
        .arg(url(&site.path().join("flows/PhoneOrder.html")))
        .output()
        .expect("chromium runs");
    let bytes = std::fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    assert!(bytes.len() > 10_000, "suspiciously small screenshot");
}
