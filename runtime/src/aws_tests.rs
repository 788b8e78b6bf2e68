//! Scenario tests in AWS's own testing language (Version `2025-06-21`), for Amazon Connect's
//! test and simulation feature, so one set of tests runs offline here and on an instance there.
//!
//! Followed (the AWS Connect API reference, "Testing language"):
//! - <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language.html>
//! - `testing-language-observations.html` (Version, Metadata, Observations, Usage, Transitions)
//! - `testing-language-events-test-initiated.html`, `…-test-completed.html`,
//!   `…-message-received.html` (Text, MatchingCriteria `Inclusion` / `Similarity`),
//!   `…-flow-action-started.html` (InvokeLambdaFunction, TransferContactToQueue)
//! - `testing-language-actions-send-instruction.html` (DtmfInput, TextUtterance)
//! - `testing-language-actions-assertion.html` (Assert: Namespace, Operator, Operand)
//! - `testing-language-actions-override-system-behavior.html` (InvokeLambdaFunction with a
//!   MockResponse: `ExecutionResult` with `LoadedData`, or `Error` with `TimeLimitExceeded` /
//!   `NoMatchingError`; overrides of one resource queue up, first in first out, as our mocks do)
//! - `testing-language-actions-test-control.html` (EndTest)
//! - `testing-language-example.html`
//!
//! How a test maps: `mock` lines become overrides when the test starts; each `expect say`,
//! `expect transfer to queue`, `expect call` and `expect hang up`/`end` becomes an observation
//! (MessageReceived, FlowActionStarted, TestCompleted), chained in order; `caller says` and
//! `caller presses` become SendInstruction actions of the observation before them, and
//! `expect $x = "v"` an Assert action there. What has no equivalent (the clock, the caller's
//! number, queue state, profiles, silence, hang-up by the caller, intents, transfers to flows,
//! whisper flows, call payloads) is listed in the file's `Metadata.DialectWarnings` and
//! returned as warnings, never dropped silently.
//!
//! Resources are named as the `.dial` project names them (Lambda function names, queue names):
//! an environment's real ARNs are not applied, so a test may need its ARNs set on the instance.

use dialect_compiler::resolve::{Mock, Model, Test, TestExpect, TestLine};
use serde_json::{Map, Value, json};

/// The testing language version written.
pub const VERSION: &str = "2025-06-21";

/// One exported test case.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsTest {
    /// The file name: `NN-slug.json`, stable for a given project.
    pub file: String,
    /// The test case content.
    pub content: Value,
    /// What could not be expressed, one line each.
    pub warnings: Vec<String>,
}

struct Builder {
    observations: Vec<Value>,
    warnings: Vec<String>,
    actions: usize,
}

impl Builder {
    fn action_id(&mut self) -> String {
        self.actions += 1;
        format!("action-{}", self.actions)
    }

    fn observe(&mut self, event_type: &str, properties: Value) {
        let n = self.observations.len() + 1;
        self.observations.push(json!({
            "Identifier": format!("observation-{n}"),
            "Event": {
                "Identifier": format!("event-{n}"),
                "Type": event_type,
                "Actor": "System",
                "Properties": properties,
            },
            "Usage": { "Type": "EXACTLY" },
            "Actions": [],
        }));
    }

    /// Adds an action to the last observation.
    fn act(&mut self, action_type: &str, parameters: Value) {
        let id = self.action_id();
        if let Some(actions) = self
            .observations
            .last_mut()
            .and_then(|o| o.get_mut("Actions"))
            .and_then(Value::as_array_mut)
        {
            actions.push(json!({
                "Identifier": id,
                "Type": action_type,
                "Parameters": parameters,
            }));
        }
    }

    fn warn(&mut self, line: String) {
        self.warnings.push(line);
    }

    /// Chains observations and actions with their transitions; the last action ends the test.
    fn finish(mut self) -> (Vec<Value>, Vec<String>) {
        let needs_end = !self.observations.last().is_some_and(|o| {
            o["Actions"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x["Type"] == "TestControl"))
        });
        if needs_end {
            self.act(
                "TestControl",
                json!({ "ActionType": "TestControl", "Command": { "Type": "EndTest" } }),
            );
        }
        let ids: Vec<String> = self
            .observations
            .iter()
            .map(|o| o["Identifier"].as_str().unwrap_or_default().to_owned())
            .collect();
        for (i, o) in self.observations.iter_mut().enumerate() {
            if let Some(actions) = o.get_mut("Actions").and_then(Value::as_array_mut) {
                let next: Vec<String> = actions
                    .iter()
                    .skip(1)
                    .map(|a| a["Identifier"].as_str().unwrap_or_default().to_owned())
                    .chain(std::iter::once(String::new()))
                    .collect();
                for (a, n) in actions.iter_mut().zip(next) {
                    if let Some(obj) = a.as_object_mut() {
                        obj.insert("Transitions".to_owned(), json!({ "NextAction": n }));
                    }
                }
            }
            if let (Some(next), Some(obj)) = (ids.get(i + 1), o.as_object_mut()) {
                obj.insert(
                    "Transitions".to_owned(),
                    json!({ "NextObservations": [next] }),
                );
            }
        }
        (self.observations, self.warnings)
    }
}

fn lambda_mock(function: &str, mock: &Mock) -> Value {
    let response = match mock {
        Mock::Returns(fields) => {
            let data: Map<String, Value> = fields
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            json!({
                "Type": "ExecutionResult",
                "ExecutionResult": {
                    "DelaySeconds": 0,
                    "LoadedData": Value::Object(data).to_string(),
                },
            })
        }
        Mock::Malformed => json!({
            "Type": "ExecutionResult",
            "ExecutionResult": { "DelaySeconds": 0, "LoadedData": "not a JSON object" },
        }),
        Mock::Fails => json!({
            "Type": "Error",
            "Error": { "DelaySeconds": 0, "Value": "NoMatchingError" },
        }),
        Mock::TimesOut => json!({
            "Type": "Error",
            "Error": { "DelaySeconds": 0, "Value": "TimeLimitExceeded" },
        }),
    };
    json!({
        "ActionType": "OverrideSystemBehavior",
        "Behavior": {
            "Type": "FlowAction",
            "Properties": {
                "ActionType": "InvokeLambdaFunction",
                "ActionParameters": { "LambdaFunctionARN": function },
                "Strategy": { "Type": "MockResponse", "Response": response },
            },
        },
    })
}

/// The text a prompt is matched on: SSML tags removed, whitespace collapsed.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One test as an AWS test case.
#[must_use]
pub fn export(model: &Model, test: &Test, index: usize) -> AwsTest {
    let flow = &model.flow(test.flow).name;
    let mut b = Builder {
        observations: Vec::new(),
        warnings: Vec::new(),
        actions: 0,
    };
    b.observe("TestInitiated", json!({}));
    for (integration, mock, _) in &test.mocks {
        let function = model.integration(*integration).lambda.clone();
        b.act("OverrideSystemBehavior", lambda_mock(&function, mock));
        if *mock == Mock::Malformed {
            b.warn(format!(
                "mock {} returns malformed: written as a result that is not JSON; how the instance reads it is not documented",
                model.integration(*integration).name
            ));
        }
    }
    if let Some(c) = &test.clock {
        b.warn(format!(
            "at {} {:02}:{:02}{}: no equivalent (the testing language has no clock); the instance's own time decides its hours checks",
            c.date,
            c.minutes / 60,
            c.minutes % 60,
            c.zone.as_ref().map(|z| format!(" {z}")).unwrap_or_default()
        ));
    }
    match &test.caller {
        None => {
            b.warn("caller withheld: no equivalent; the test call's own number is used".to_owned())
        }
        Some(n) if !n.is_empty() => b.warn(format!(
            "caller number {n:?}: no equivalent; the test call's own number is used"
        )),
        Some(_) => {}
    }
    for q in &test.queues {
        b.warn(format!(
            "queue {}: no equivalent for queue state (metrics, capacity)",
            model.queue(q.queue).name
        ));
    }
    if test.profile != dialect_compiler::resolve::TestProfile::Default {
        b.warn("profile: no equivalent for customer profiles".to_owned());
    }
    if test.call_status.is_some() {
        b.warn("check call status: no equivalent".to_owned());
    }
    for fault in &test.faults {
        b.warn(format!(
            "fail {} with {}: no equivalent (overrides replace Lambda functions, queues, bots and hours, not a failing action)",
            fault.action, fault.error
        ));
    }
    for line in &test.lines {
        if matches!(line, TestLine::Says(..) | TestLine::Presses(..)) && b.observations.len() == 1 {
            b.warn(
                "a caller line before any expected prompt: sent when the test starts, not when the flow listens; add an `expect say` before it".to_owned(),
            );
        }
        match line {
            TestLine::Says(text, _) => b.act(
                "SendInstruction",
                json!({
                    "ActionType": "SendInstruction",
                    "Actor": "Customer",
                    "Instruction": {
                        "Type": "TextUtterance",
                        "Properties": { "Text": text, "LanguageCode": language(model, test) },
                    },
                }),
            ),
            TestLine::Presses(keys, _) => b.act(
                "SendInstruction",
                json!({
                    "ActionType": "SendInstruction",
                    "Actor": "Customer",
                    "Instruction": { "Type": "DtmfInput", "Properties": { "Value": keys } },
                }),
            ),
            TestLine::Silent(_) => b.warn(
                "caller is silent: no instruction for silence; nothing is sent, so the input times out on the instance too".to_owned(),
            ),
            TestLine::HangsUp(_) => {
                b.warn("caller hangs up: no instruction for a customer hang-up; the test ends there instead".to_owned());
                b.act(
                    "TestControl",
                    json!({ "ActionType": "TestControl", "Command": { "Type": "EndTest" } }),
                );
            }
            TestLine::Expect(e, _) => expect(model, e, &mut b),
        }
    }
    let (observations, warnings) = b.finish();
    let content = json!({
        "Version": VERSION,
        "Metadata": {
            "Generator": "dialect test --export-aws",
            "DialectTest": test.name,
            "Flow": flow,
            "DialectWarnings": warnings,
        },
        "Observations": observations,
    });
    AwsTest {
        file: format!("{:02}-{}.json", index + 1, slug(&test.name)),
        content,
        warnings,
    }
}

fn expect(model: &Model, e: &TestExpect, b: &mut Builder) {
    match e {
        TestExpect::Say { text, containing } => b.observe(
            "MessageReceived",
            json!({
                "Text": plain(text),
                "MatchingCriteria": if *containing { "Inclusion" } else { "Similarity" },
            }),
        ),
        TestExpect::TransferQueue { queue, whisper } => {
            b.observe(
                "FlowActionStarted",
                json!({
                    "ActionType": "TransferContactToQueue",
                    "ActionParameters": { "QueueId": model.queue(*queue).name },
                }),
            );
            if let Some(w) = whisper {
                b.warn(format!(
                    "expect transfer to queue {} whisper {}: the whisper flow is not checked (no equivalent)",
                    model.queue(*queue).name,
                    model.flow(*w).name
                ));
            }
        }
        TestExpect::TransferFlow(f) => b.warn(format!(
            "expect transfer to flow {}: no documented event for a transfer to a flow",
            model.flow(*f).name
        )),
        TestExpect::TransferNumber(_) => b.warn(
            "expect transfer to number: no documented event for a transfer to a number".to_owned(),
        ),
        TestExpect::Attribute { attribute, value } => {
            let namespace = if attribute.connect.starts_with("$.") {
                attribute.connect.clone()
            } else {
                format!("$.Attributes.{}", attribute.dial.trim_start_matches('$'))
            };
            b.act(
                "Assert",
                json!({ "Namespace": namespace, "Operator": "Equals", "Operand": value }),
            );
        }
        TestExpect::Call { integration, args } => {
            let i = model.integration(*integration);
            b.observe(
                "FlowActionStarted",
                json!({
                    "ActionType": "InvokeLambdaFunction",
                    "ActionParameters": { "LambdaFunctionARN": i.lambda },
                }),
            );
            if !args.is_empty() {
                b.warn(format!(
                    "expect call {} {{…}}: the payload is not checked (no equivalent); only the invocation is observed",
                    i.name
                ));
            }
        }
        TestExpect::Intent(i) => b.warn(format!(
            "expect intent {i}: no equivalent (the bot's intent is not observable)"
        )),
        TestExpect::HangUp | TestExpect::End => {
            b.observe("TestCompleted", json!({}));
            b.act(
                "TestControl",
                json!({ "ActionType": "TestControl", "Command": { "Type": "EndTest" } }),
            );
        }
        TestExpect::Return { module, outcome } => b.warn(format!(
            "expect return {}from {}: no equivalent (a module's return is not observable)",
            outcome
                .as_deref()
                .map(|o| format!("{o} "))
                .unwrap_or_default(),
            model.flow(*module).name
        )),
        TestExpect::No(_) => b.warn(
            "an `expect no` line: no equivalent (the testing language observes what happens, \
             not what must not)"
                .to_owned(),
        ),
    }
}

/// The language code of utterances: the project's first bot locale (`ja_JP` → `ja-JP`), else
/// `ja-JP`. (Which bot the flow talks to at that point is not known here.)
fn language(model: &Model, _test: &Test) -> String {
    model
        .bots
        .first()
        .and_then(|b| b.locales.first())
        .map_or_else(|| "ja-JP".to_owned(), |l| l.locale.replace('_', "-"))
}

/// A file-name slug: ASCII letters and digits, lower case, joined by `-`.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() { "test".to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_file_names() {
        assert_eq!(
            slug("out of stock: the alternative is taken"),
            "out-of-stock-the-alternative-is-taken"
        );
        assert_eq!(slug("休業日"), "test");
        assert_eq!(plain("<speak>a<break time='1s'/> b</speak>"), "a b");
    }
}
