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
    let mut kinds: Vec<String> = g
        .successors(menu)
        .map(|(k, _)| g.edge_label(&units, menu, k))
        .collect();
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

/// A flow of `n` messages, each leading to the next, the last back to the first.
fn ring(n: usize) -> FlowUnit {
    use crate::connect::{Action, ActionKind, Flow, Transitions};
    let mut flow = Flow::new("m0");
    flow.actions = (0..n)
        .map(|i| {
            Action::new(
                format!("m{i}"),
                ActionKind::MessageParticipant(Box::default()),
                Transitions::to(format!("m{}", (i + 1) % n)),
            )
        })
        .collect::<Vec<Action>>();
    FlowUnit::new(
        "ring",
        crate::connect::FlowType::ContactFlow,
        flow,
        crate::span::Span::point(FileId(0), 0),
    )
}

#[test]
fn components_of_a_long_cycle_need_no_deep_stack() {
    // A recursive search would go 100,000 calls deep here, far beyond a test thread's stack.
    let units = vec![ring(100_000)];
    let g = ProjectGraph::build(&units);
    let c = g.components();
    assert_eq!(c.len(), 2, "the entry, and one cycle of every action");
    let cycle: Vec<NodeIndex> = g.action_nodes(0).collect();
    assert_eq!(c[0], cycle, "the cycle first: it does not reach the entry");
    assert_eq!(c[1], [g.entries[0]]);
    assert!(!g.has_self_loop(g.action_node(0, 0)));
}

#[test]
fn components_split_where_edges_go_one_way() {
    let units = vec![unit(0, "main", MAIN), unit(1, "sub", SUB)];
    let g = ProjectGraph::build(&units);
    let c = g.components();
    // `menu` times out to itself; nothing else of the two flows is on a cycle.
    let menu = g.action_node(0, 0);
    assert!(g.has_self_loop(menu));
    assert!(!g.has_self_loop(g.action_node(0, 1)));
    assert!(c.iter().all(|scc| scc.len() == 1), "{c:?}");
    let mut all: Vec<NodeIndex> = c.concat();
    all.sort_unstable();
    assert_eq!(all, g.node_indices().collect::<Vec<_>>());
    assert_eq!(g.graph().node_count(), g.node_bound());
    // The entries and actions of each flow, in order, and the incoming edges of `bye`.
    assert_eq!(g.action_nodes(0).len(), 4);
    assert_eq!(g.action_nodes(1).len(), 1);
    let bye = g.action_node(0, 3);
    let from: Vec<usize> = g.predecessors(bye).map(|(_, p)| p.index()).collect();
    let expect = [0, 0, 0, 1, 2, 2].map(|a| g.action_node(0, a).index());
    assert_eq!(from, expect, "by source");
}

#[test]
fn edges_come_in_the_order_they_were_found() {
    let units = vec![unit(0, "main", MAIN), unit(1, "sub", SUB)];
    let g = ProjectGraph::build(&units);
    let menu = g.action_node(0, 0);
    let labels: Vec<String> = g
        .successors(menu)
        .map(|(k, _)| g.edge_label(&units, menu, k))
        .collect();
    // `NextAction`, the error branches, then the conditions.
    assert_eq!(
        labels,
        ["next", "timeout", "no match", "NoMatchingError", "Equals 1"]
    );
    let dot = g.to_dot(&units);
    let next = dot.find("[label=\"next\"]").expect("next edge");
    let cond = dot.find("[label=\"Equals 1\"]").expect("condition edge");
    assert!(next < cond, "{dot}");
}
