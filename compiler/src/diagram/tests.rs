use super::*;
use crate::compile::{Options, Project, analyze};
use crate::source::MemoryLoader;

fn project(src: &str) -> Project {
    let loader = MemoryLoader::new().with("main.dial", src);
    analyze(
        &loader,
        &Options {
            roots: vec!["main.dial".into()],
            environments: vec![],
        },
    )
}

fn diagram(src: &str, flow: &str) -> Diagram {
    let p = project(src);
    let id = p.model.flow_named(flow).expect("flow");
    from_model(&p.model, id)
}

/// Parses `svg` as XML (roxmltree rejects anything that is not well-formed).
fn assert_well_formed(svg: &str) -> roxmltree::Document<'_> {
    match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => panic!("SVG is not well-formed XML: {e}\n{svg}"),
    }
}

const JAPANESE: &str = r#"
flow 注文 {
  kind inbound
  on error -> 終了
  受付 {
    menu "<speak>ご注文は1を、<break time='300ms'/>終了は2を押してください。</speak>" {
      press 1 -> 確認
      press 2 -> 終了
      timeout -> retry 2 then 終了
      invalid -> retry 2 then 終了
    }
  }
  確認 {
    say "ありがとう & \"またね\" <3"
    transfer to flow 補助 { error -> 終了 }
  }
  終了 { hang up }
}
flow 補助 { kind inbound  a { hang up } }
"#;

#[test]
fn steps_are_nodes_and_outcomes_are_edges() {
    let d = diagram(JAPANESE, "注文");
    let keys: Vec<&str> = d.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(
        keys,
        ["(start)", "受付", "確認", "終了", "(on error)", "flow:補助"]
    );
    assert_eq!(d.nodes[3].kind, NodeKind::Terminal);
    assert_eq!(d.nodes[5].kind, NodeKind::Link);
    assert_eq!(
        d.nodes[1].lines,
        ["menu \"ご注文は1を、終了は2を押してください。\""]
    );
    let edges: Vec<(usize, usize, EdgeKind, &str)> = d
        .edges
        .iter()
        .map(|e| (e.from, e.to, e.kind, e.label.as_str()))
        .collect();
    assert_eq!(
        edges,
        [
            (0, 1, EdgeKind::Next, ""),
            (4, 3, EdgeKind::Error, "on error"),
            (1, 2, EdgeKind::Result, "press 1"),
            (1, 3, EdgeKind::Result, "press 2"),
            (
                1,
                3,
                EdgeKind::Error,
                "timeout (retry 2) / invalid (retry 2)"
            ),
            (2, 5, EdgeKind::Link, "transfer"),
            (2, 3, EdgeKind::Error, "error"),
        ]
    );
    assert_eq!(d.edges[4].outcomes, ["timeout", "invalid"]);
}

#[test]
fn svg_is_well_formed_deterministic_and_keeps_japanese() {
    let d = diagram(JAPANESE, "注文");
    let svg = render_svg(&d);
    assert_eq!(svg, render_svg(&d.clone()));
    let doc = assert_well_formed(&svg);
    let nodes: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("data-key").is_some())
        .filter_map(|n| n.attribute("data-key"))
        .collect();
    assert!(
        nodes.contains(&"受付") && nodes.contains(&"flow:補助"),
        "{nodes:?}"
    );
    let text: String = doc
        .descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    assert!(text.contains("ありがとう & \"またね\" <3"), "{text}");
}

#[test]
fn dot_and_mermaid_escape_labels() {
    let d = diagram(JAPANESE, "注文");
    let dot = render_dot(&d);
    assert!(
        dot.contains(r#"say \"ありがとう & \"またね\" <3\""#),
        "{dot}"
    );
    let mermaid = render_mermaid(&d);
    assert!(mermaid.starts_with("flowchart TD\n"));
    assert!(
        mermaid.contains("say #quot;ありがとう #38; #quot;またね#quot; #lt;3#quot;"),
        "{mermaid}"
    );
    // SSML never reaches Mermaid as HTML.
    assert!(!mermaid.contains("<speak"));
}

#[test]
fn hostile_names_and_texts_stay_well_formed() {
    let src = "flow X { kind inbound  a { say \"\u{1}]]><!-- </svg> \\u{FFFE}\" -> a } }";
    let p = project(src);
    for d in from_model_all(&p.model) {
        assert_well_formed(&render_svg(&d));
    }
}

#[test]
fn broken_and_empty_input_never_panics() {
    for src in [
        "",
        "flow",
        "flow X { }",
        "flow X { kind module a { -> b } b { -> a } }",
        "flow X { a { menu \"x\" { press 1 -> nowhere } } }",
    ] {
        let p = project(src);
        for d in from_model_all(&p.model) {
            assert_well_formed(&render_svg(&d));
            let _ = render_dot(&d);
            let _ = render_mermaid(&d);
        }
    }
    let empty = from_model(&crate::resolve::Model::default(), crate::resolve::FlowId(7));
    assert!(empty.nodes.is_empty());
    assert_well_formed(&render_svg(&empty));
}

#[test]
fn connect_flows_draw_one_node_per_action() {
    let json = r#"{
      "Version": "2019-10-30",
      "StartAction": "a",
      "Actions": [
        {"Identifier": "a", "Type": "MessageParticipant",
         "Parameters": {"Text": "こんにちは"},
         "Transitions": {"NextAction": "b",
           "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "b"}]}},
        {"Identifier": "b", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
      ]
    }"#;
    let (flow, diags) = crate::connect::import_flow(crate::span::FileId(0), json);
    assert!(diags.is_empty(), "{diags:?}");
    let d = from_connect(&flow.expect("flow"), "hello");
    assert_eq!(d.name, "hello");
    assert_eq!(d.nodes.len(), 3);
    assert_eq!(d.nodes[1].lines, ["Text: こんにちは"]);
    assert_eq!(d.nodes[2].kind, NodeKind::Terminal);
    let kinds: Vec<(EdgeKind, &str)> = d.edges.iter().map(|e| (e.kind, e.label.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (EdgeKind::Next, ""),
            (EdgeKind::Next, ""),
            (EdgeKind::Error, "NoMatchingError")
        ]
    );
    assert_well_formed(&render_svg(&d));
}

#[test]
fn coverage_counts_edges_by_outcome() {
    let c = coverage::parse(
        r#"{"version": 1, "flows": {"F": {"steps": {"a": 3},
            "edges": [{"from": "a", "to": "b", "outcome": "press 1", "hits": 2},
                      {"from": "a", "to": "c", "hits": 1}]}}}"#,
    )
    .expect("valid");
    let f = &c.flows["F"];
    assert_eq!(f.step_hits("a"), 3);
    assert_eq!(f.step_hits("b"), 0);
    assert_eq!(f.edge_hits("a", "b", "press 1"), 2);
    assert_eq!(f.edge_hits("a", "b", "press 2"), 0);
    assert_eq!(f.edge_hits("a", "c", "anything"), 1);
    assert!(coverage::parse(r#"{"version": 2}"#).is_err());
    assert!(coverage::parse("[").is_err());
}

#[test]
fn page_names_are_portable_and_distinct() {
    assert_eq!(report::page_name("PhoneOrder"), "PhoneOrder.html");
    assert_eq!(report::page_name("注文"), "_6ce8__6587_.html");
    assert_ne!(report::page_name("a_b"), report::page_name("a_5f_b"));
    assert_eq!(report::page_name(""), "_flow_.html");
}

#[test]
fn the_report_of_a_japanese_flow_places_diagnostics_and_coverage() {
    let src = JAPANESE.replace("press 2 -> 終了", "press 2 -> 終わり");
    let p = project(&src);
    let diags: Vec<_> = p.diagnostics.iter().cloned().collect();
    assert!(
        diags.iter().any(|d| d.code.to_string() == "R003"),
        "{diags:?}"
    );
    let cov = coverage::parse(
        r#"{"version": 1, "flows": {"注文": {"steps": {"受付": 2, "確認": 1},
            "edges": [{"from": "受付", "to": "確認", "outcome": "press 1", "hits": 1}]}},
            "transcripts": [{"name": "一件目", "flow": "注文", "lines": [{"who": "caller", "text": "1 </script>"}]}]}"#,
    )
    .expect("coverage");
    let files = report::site(&report::Input {
        title: "テスト",
        model: &p.model,
        sources: &p.sources,
        diagnostics: &diags,
        coverage: Some(&cov),
    });
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "index.html",
            "assets/report.css",
            "assets/report.js",
            "flows/_6ce8__6587_.html",
            "flows/_88dc__52a9_.html"
        ]
    );
    let page = &files[3].1;
    let start = page.find("<svg ").expect("svg");
    let end = page.find("</svg>").expect("svg end") + "</svg>".len();
    let doc = assert_well_formed(&page[start..end]);
    let class_of = |key: &str| {
        doc.descendants()
            .find(|n| n.attribute("data-key") == Some(key))
            .and_then(|n| n.attribute("class"))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        class_of("受付").contains("dg-has-error"),
        "{}",
        class_of("受付")
    );
    assert!(class_of("受付").contains("dg-hit"));
    assert!(class_of("終了").contains("dg-miss"));
    // A transcript cannot close the page's script or inject markup.
    assert!(page.contains("1 &lt;/script&gt;"));
    assert_eq!(page.matches("</script>").count(), 2);
    assert!(files.iter().all(|(_, text)| !text.contains("https://")));
}

#[test]
fn a_retry_with_a_reprompt_says_so_on_its_edge() {
    let d = diagram(
        r#"
flow F {
  kind inbound
  a {
    menu "1を押してください。" {
      press 1 -> b
      timeout -> retry 2 saying "もう一度お願いします。" then b
      invalid -> retry 1 then b
    }
  }
  b { hang up }
}
"#,
        "F",
    );
    let labels: Vec<&str> = d.edges.iter().map(|e| e.label.as_str()).collect();
    assert!(
        labels.contains(&"timeout (retry 2 saying …) / invalid (retry 1)"),
        "{labels:?}"
    );
    // The re-prompt's text stays out of the picture.
    assert!(!render_mermaid(&d).contains("もう一度"));
    assert_well_formed(&render_svg(&d));
}
