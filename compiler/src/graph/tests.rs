use super::*;
use crate::connect::import_flow;
use crate::span::FileId;

fn unit(file: u32, name: &str, text: &str) -> FlowUnit {
    let (flow, diags) = import_flow(FileId(file), text);
    assert!(diags.is_empty(), "{diags:?}");
    FlowUnit::from_json(
        FileId(file),
        &format!("{name}.json"),
        text,
        flow.expect("a flow"),
    )
}

const MAIN: &str = r#"{"Version": "2019-10-30", "StartAction": "menu", "Actions": [
  {"Identifier": "menu", "Type": "GetParticipantInput",
   "Parameters": {"Text": "Press 1", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
   "Transitions": {"NextAction": "bye",
     "Conditions": [{"NextAction": "to-sub", "Condition": {"Operator": "Equals", "Operands": ["1"]}}],
     "Errors": [{"NextAction": "menu", "ErrorType": "InputTimeLimitExceeded"},
                {"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
  {"Identifier": "to-sub", "Type": "InvokeFlowModule", "Parameters": {"FlowModuleId": "arn:aws:connect:x:1:instance/i/flow-module/sub"},
   "Transitions": {"NextAction": "queue", "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
  {"Identifier": "queue", "Type": "TransferContactToQueue",
   "Transitions": {"NextAction": "bye", "Errors": [{"NextAction": "bye", "ErrorType": "QueueAtCapacity"}]}},
  {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
]}"#;

const SUB: &str = r#"{"Version": "2019-10-30", "StartAction": "ret", "Settings": {}, "Actions": [
  {"Identifier": "ret", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}
]}"#;

#[test]
fn edges_for_every_way_an_action_ends() {
    let units = vec![unit(0, "main", MAIN), unit(1, "sub", SUB)];
    assert_eq!(units[1].kind, crate::connect::FlowType::Module);
    let g = ProjectGraph::build(&units);
    let menu = g.action_node(0, 0);
    let mut kinds: Vec<String> = g.successors(menu).map(|(k, _)| k.label()).collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["Equals 1", "NoMatchingError", "next", "no match", "timeout"]
    );
    let invoke = g.action_node(0, 1);
    assert!(
        g.successors(invoke)
            .any(|(k, t)| *k == EdgeKind::InvokeModule && t == g.entries[1])
    );
    let ret = g.action_node(1, 0);
    let back: Vec<_> = g.successors(ret).collect();
    assert_eq!(back, [(&EdgeKind::ModuleReturn, g.action_node(0, 2))]);
    let queue = g.action_node(0, 2);
    assert!(
        g.successors(queue)
            .any(|(k, t)| *k == EdgeKind::TransferToQueue
                && g.node(t)
                    == Node::Exit {
                        unit: 0,
                        kind: ExitKind::Queue
                    })
    );
    assert!(
        g.successors(queue)
            .any(|(k, _)| *k == EdgeKind::Error(ErrorType::QueueAtCapacity))
    );
    assert_eq!(g.callers[1], [0]);
    assert!(g.to_dot(&units).contains("invoke module"));
}

#[test]
fn unresolved_transfer_goes_to_an_exit() {
    let text = r#"{"Version": "2019-10-30", "StartAction": "t", "Actions": [
      {"Identifier": "t", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "$.Attributes.next"},
       "Transitions": {"NextAction": "d", "Errors": [{"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
      {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}"#;
    let units = vec![unit(0, "a", text)];
    let g = ProjectGraph::build(&units);
    let t = g.action_node(0, 0);
    assert!(g.successors(t).any(|(k, n)| *k == EdgeKind::TransferToFlow
        && g.node(n)
            == Node::Exit {
                unit: 0,
                kind: ExitKind::Flow
            }));
}
