//! The CloudFormation bundle of the shipped project, validated by cfn-lint.
//!
//! cfn-lint lives in `.tools/cfn-lint-venv` (installed by `scripts/setup-cfn-lint`, which
//! `scripts/test` runs first), or wherever `DIALECT_CFN_LINT` points. When it is missing the
//! test fails under `CI=true`; elsewhere it says so on stderr and passes.

use std::path::PathBuf;
use std::process::Command;

use dialect_compiler::build::build;
use dialect_compiler::cfn::Template;
use serde_json::Value;

use crate::support::{repo, shipped_project};

/// The template `dialect build --env NAME` writes for the shipped project (real flows from
/// the Connect emitter, bots from the Lex lowering).
fn shipped_template(env_name: &str) -> Template {
    let p = shipped_project();
    let env = p
        .environments
        .iter()
        .find(|e| e.name == env_name)
        .expect("environment");
    let out = build(&p.model, env, &Default::default());
    let text = out
        .files
        .iter()
        .find(|(path, _)| path == "cloudformation/template.json")
        .map(|(_, bytes)| String::from_utf8(bytes.clone()).expect("UTF-8"))
        .unwrap_or_else(|| panic!("no template; diagnostics: {:#?}", out.diagnostics));
    Template {
        json: serde_json::from_str(&text).expect("the template is JSON"),
        diagnostics: out.diagnostics.into_vec(),
    }
}

fn resources(t: &Template) -> &serde_json::Map<String, Value> {
    t.json["Resources"].as_object().expect("Resources")
}

#[test]
fn the_bundle_is_deterministic_and_refers_to_its_own_resources() {
    let t = shipped_template("dev");
    assert!(t.diagnostics.is_empty(), "{:#?}", t.diagnostics);
    assert_eq!(t.to_json_string(), shipped_template("dev").to_json_string());
    let r = resources(&t);
    for (id, ty) in [
        ("OrderBotBot", "AWS::Lex::Bot"),
        ("OrderBotBotVersion", "AWS::Lex::BotVersion"),
        ("OrderBotBotAlias", "AWS::Lex::BotAlias"),
        (
            "OrderBotBotAssociation",
            "AWS::Connect::IntegrationAssociation",
        ),
        ("BusinessHours", "AWS::Connect::HoursOfOperation"),
        ("OrdersQueue", "AWS::Connect::Queue"),
        ("PhoneOrderFlow", "AWS::Connect::ContactFlow"),
        ("OpeningChecksModule", "AWS::Connect::ContactFlowModule"),
    ] {
        assert_eq!(r[id]["Type"], ty, "{id}");
    }
    let content = r["PhoneOrderFlow"]["Properties"]["Content"]["Fn::Sub"]
        .as_str()
        .expect("PhoneOrder content is an Fn::Sub");
    assert!(content.contains("${OrderBotBotAlias.Arn}"), "{content}");
    assert!(
        content.contains("${OpeningChecksModule.ContactFlowModuleArn}"),
        "{content}"
    );
    assert!(!content.contains("arn:aws:lex"), "{content}");
    let overrides = r["BusinessHours"]["Properties"]["HoursOfOperationOverrides"]
        .as_array()
        .expect("holiday overrides");
    assert_eq!(overrides.len(), 19, "16 public holidays and 3 closures");
    assert_eq!(overrides[0]["EffectiveFrom"], "2026-12-29");
    assert_eq!(overrides[0]["OverrideType"], "CLOSED");
    // `check calendar` tests hours derived from the calendar, created by the same stack.
    let opening = r["OpeningChecksModule"]["Properties"]["Content"]["Fn::Sub"]
        .as_str()
        .expect("OpeningChecks content is an Fn::Sub");
    let derived: Vec<&String> = r
        .iter()
        .filter(|(id, v)| {
            v["Type"] == "AWS::Connect::HoursOfOperation"
                && v["Properties"]["Name"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("JapanHolidays:"))
                && opening.contains(&format!("${{{id}.HoursOfOperationArn}}"))
        })
        .map(|(id, _)| id)
        .collect();
    assert_eq!(derived.len(), 3, "{opening}");
    assert!(!opening.contains("operating-hours/"), "{opening}");
}

/// The cfn-lint executable, or `None` outside CI when it is not installed.
/// The bundle rewrites flow text in one pass, without parsing it; that must give exactly the
/// template that the parsed flows (`FlowContent::Json`) give, swaps and escapes included. The
/// emitter's own text (`FlowContent::Emitted`, not checked again, only the lines that may hold
/// a value to swap read) gives the same bytes.
#[test]
fn flow_text_and_parsed_flows_bundle_to_the_same_bytes() {
    use dialect_compiler::cfn::{BundleOptions, FlowContent, FlowInput, bundle, bundle_text};
    use dialect_compiler::lex::{BotOptions, lower_bots};
    use dialect_compiler::lower::{EnvExternals, emit, lower};
    let p = shipped_project();
    assert!(p.environments.len() >= 2);
    for env in &p.environments {
        let lowered = lower(&p.model, &EnvExternals(env));
        let (bots, _) = lower_bots(&p.model, &BotOptions::default());
        let inputs = |form: &str| -> Vec<FlowInput> {
            lowered
                .flows
                .iter()
                .map(|f| {
                    let text = emit(f);
                    FlowInput {
                        name: f.name.clone(),
                        kind: f.kind,
                        description: f.description.clone(),
                        content: match form {
                            "json" => {
                                FlowContent::Json(serde_json::from_str(&text).expect("flow JSON"))
                            }
                            "text" => FlowContent::Text(text),
                            _ => FlowContent::Emitted(text),
                        },
                        span: Some(f.name_span),
                    }
                })
                .collect()
        };
        let options = BundleOptions::default();
        let text = bundle(&p.model, &bots, &inputs("text"), Some(env), &options);
        let json = bundle(&p.model, &bots, &inputs("json"), Some(env), &options);
        assert!(text.to_json_string().contains("Fn::Sub"));
        assert_eq!(text.to_json_string(), json.to_json_string(), "{}", env.name);
        assert_eq!(text.diagnostics, json.diagnostics);
        let [text, json, emitted] = ["text", "json", "emitted"]
            .map(|form| bundle_text(&p.model, &bots, &inputs(form), Some(env), &options));
        assert_eq!(text, json, "{}", env.name);
        assert_eq!(emitted, text, "{}", env.name);
    }
}

fn cfn_lint() -> Option<PathBuf> {
    let path = std::env::var_os("DIALECT_CFN_LINT")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".tools/cfn-lint-venv/bin/cfn-lint"));
    if path.is_file() {
        return Some(path);
    }
    let msg = format!(
        "cfn-lint is not installed at {}: run `scripts/setup-cfn-lint` (scripts/test does)",
        path.display()
    );
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{msg}");
    eprintln!("warning: NOT RUN: {msg}");
    None
}

#[test]
fn cfn_lint_accepts_the_bundle_of_every_environment() {
    let Some(lint) = cfn_lint() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cfn-lint");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut files = Vec::new();
    for env in ["dev", "prod"] {
        let path = dir.join(format!("bundle-{env}.json"));
        std::fs::write(&path, shipped_template(env).to_json_string()).expect("write template");
        files.push(path);
    }
    // A broken copy proves that errors are seen: a locale without its required threshold.
    let mut broken = shipped_template("dev").json;
    if let Some(l) =
        broken["Resources"]["OrderBotBot"]["Properties"]["BotLocales"][0].as_object_mut()
    {
        l.remove("NluConfidenceThreshold");
    }
    let broken_path = dir.join("broken.json");
    std::fs::write(&broken_path, broken.to_string()).expect("write template");
    let out = Command::new(&lint)
        .arg(&broken_path)
        .output()
        .expect("run cfn-lint");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.code().is_some_and(|c| c & 2 != 0) && text.contains("NluConfidenceThreshold"),
        "cfn-lint missed a broken template: {out:?}"
    );

    let out = Command::new(&lint)
        .arg("--format")
        .arg("parseable")
        .args(&files)
        .output()
        .expect("run cfn-lint");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let code = out.status.code().unwrap_or(-1);
    // Exit status bits: 2 errors, 4 warnings, 8 informational.
    assert!(
        code >= 0 && code & !(4 | 8) == 0,
        "cfn-lint exit {code}:\n{report}"
    );
    if !report.trim().is_empty() {
        eprintln!("cfn-lint (no errors):\n{report}");
    }
}
