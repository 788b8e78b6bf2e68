//! [`FlowUnit`]: one flow of a project as the checks see it — the Connect IR plus where each
//! action came from.
//!
//! Two producers fill it: the importer of Connect flow JSON ([`FlowUnit::from_json`]) and the
//! lowering of `.dial` flows (which sets the spans of the source statements and the step names).
//! Both are tables by action index ([`ActionSources`]). Checks never look at text; they label
//! diagnostics with [`FlowUnit::span_at`].

use serde_json::Value;

use crate::connect::locate::{locate, locate_each};
use crate::connect::{ActionKind, Flow, FlowType, JsonPath};
use crate::hash::FastMap;
use crate::lower::ActionSources;
use crate::span::{FileId, Span};

/// One flow (or flow module) of a project, ready for the graph and the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowUnit {
    /// The flow's name: the `.dial` flow name, or for JSON the `Metadata.name` of the export,
    /// else the file name without `.json`. Transfers and module invocations are resolved
    /// against it and [`aliases`](Self::aliases).
    pub name: String,
    /// Other names the flow is known by (file stem, ID, ARN), for resolving transfers.
    pub aliases: Vec<String>,
    /// The flow in the Connect IR.
    pub flow: Flow,
    /// The flow type. For JSON: `Metadata.type`, else inferred (see [`infer_flow_type`]).
    pub kind: FlowType,
    /// Where the flow as a whole is: the `flow` declaration, or for JSON the `StartAction`
    /// value (the whole file when it cannot be found). Used for flow-level diagnostics and
    /// for actions without a location.
    pub flow_span: Span,
    /// By action index: where each action came from and its human name. Spans: for `.dial`,
    /// the statement; for JSON, the action's `Identifier` value, so that labels stay on one line
    /// (the whole action object would print dozens of lines). Names: the `.dial` step, or the
    /// console's block label; diagnostics prefer them to generated identifiers. Empty for IR
    /// built in code.
    pub sources: ActionSources,
}

impl FlowUnit {
    /// A unit with no locations (IR built in code); every span is `flow_span`.
    #[must_use]
    pub fn new(name: impl Into<String>, kind: FlowType, flow: Flow, flow_span: Span) -> Self {
        Self {
            name: name.into(),
            aliases: Vec::new(),
            flow,
            kind,
            flow_span,
            sources: ActionSources::default(),
        }
    }

    /// A unit for a flow lowered from `.dial`: known by its name and by the value `ext` gives
    /// other flows for it (an ARN, or a placeholder), with the spans and steps of its actions.
    #[must_use]
    pub fn from_lowered(f: &crate::lower::LoweredFlow, ext: &dyn crate::lower::Externals) -> Self {
        let mut unit = Self::new(f.name.clone(), f.flow_type, f.flow.clone(), f.name_span);
        if let Some(arn) = ext.lookup(crate::lower::ExternalKind::Flow, &f.name) {
            unit.aliases.push(arn);
        }
        unit.sources.clone_from(&f.sources);
        unit
    }

    /// [`from_lowered`](Self::from_lowered) without the copy: the flow, its spans and step
    /// names move out of `f` (leaving an empty flow) into the unit;
    /// [`return_to`](Self::return_to) moves them back. `build` checks the whole project's IR
    /// this way, which would otherwise be copied.
    #[must_use]
    pub fn take_lowered(
        f: &mut crate::lower::LoweredFlow,
        ext: &dyn crate::lower::Externals,
    ) -> Self {
        let flow = std::mem::replace(&mut f.flow, Flow::new(""));
        let mut unit = Self::new(f.name.clone(), f.flow_type, flow, f.name_span);
        if let Some(arn) = ext.lookup(crate::lower::ExternalKind::Flow, &f.name) {
            unit.aliases.push(arn);
        }
        unit.sources = std::mem::take(&mut f.sources);
        unit
    }

    /// Moves the flow, spans and step names of a unit made by
    /// [`take_lowered`](Self::take_lowered) back into the lowered flow they came from.
    pub fn return_to(self, f: &mut crate::lower::LoweredFlow) {
        f.flow = self.flow;
        f.sources = self.sources;
    }

    /// A unit for a flow imported from the JSON file `path` (its text `text`, loaded as `file`).
    /// Spans are found in one pass over the text; nothing here can fail.
    #[must_use]
    pub fn from_json(file: FileId, path: &str, text: &str, flow: Flow) -> Self {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let body = text.get(bom..).unwrap_or_default();
        let span = |r: std::ops::Range<usize>| Span::new(file, r.start + bom, r.end + bom);
        let whole = Span::new(file, 0, text.len());
        let flow_span = locate(body, &JsonPath::root().key("StartAction"))
            .filter(|l| l.depth == 1)
            .map_or(whole, |l| span(l.range));
        let ids = locate_each(
            body,
            &JsonPath::root().key("Actions"),
            &JsonPath::root().key("Identifier"),
        );
        // An action's span is where its `Identifier` is. Duplicate identifiers (the importer
        // reports them) all take the first one found, so that a label on a duplicate points
        // where a label by identifier always has.
        let mut first: FastMap<&str, Span> =
            FastMap::with_capacity_and_hasher(flow.actions.len(), Default::default());
        for (action, range) in flow.actions.iter().zip(ids) {
            if let Some(r) = range {
                first.entry(action.identifier.as_str()).or_insert(span(r));
            }
        }
        let labels = console_labels(&flow);
        let mut sources = ActionSources::with_capacity(flow.actions.len());
        for (action, label) in flow.actions.iter().zip(labels) {
            let name = label.map(|l| sources.add_name(l));
            let at = first
                .get(action.identifier.as_str())
                .copied()
                .unwrap_or(flow_span);
            sources.push(at, name);
        }
        let stem = file_stem(path);
        let name = flow
            .metadata
            .as_ref()
            .and_then(|m| m.name())
            .filter(|n| !n.trim().is_empty())
            .map_or_else(|| stem.clone(), str::to_owned);
        let mut aliases = vec![stem];
        aliases.retain(|a| *a != name);
        let kind = flow.flow_type().unwrap_or_else(|| infer_flow_type(&flow));
        Self {
            name,
            aliases,
            flow,
            kind,
            flow_span,
            sources,
        }
    }

    /// Where action `a` (an index into `flow.actions`) is; the flow's span when unknown.
    #[must_use]
    pub fn span_at(&self, a: usize) -> Span {
        self.sources.span(a).unwrap_or(self.flow_span)
    }

    /// The human name of action `a`: its `.dial` step or console block label, if it has one.
    #[must_use]
    pub fn name_at(&self, a: usize) -> Option<&str> {
        self.sources.name(a)
    }

    /// How diagnostics name action `a`: `` `step name` `` or `` `identifier` ``.
    #[must_use]
    pub fn describe_at(&self, a: usize) -> String {
        let id = self
            .flow
            .actions
            .get(a)
            .map_or("", |x| x.identifier.as_str());
        match self.name_at(a) {
            Some(n) if n != id => format!("`{n}`"),
            _ => format!("`{id}`"),
        }
    }
}

/// The file name without folders and without `.json` / `.content.json`.
fn file_stem(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let base = base.strip_suffix(".json").unwrap_or(base);
    base.strip_suffix(".content").unwrap_or(base).to_owned()
}

/// The block label the console keeps for each action in `Metadata.ActionMetadata.<id>`
/// (`name`, else `friendlyName`), when it exists; in `flow.actions` order.
fn console_labels(flow: &Flow) -> Vec<Option<String>> {
    let Some(Value::Object(am)) = flow
        .metadata
        .as_ref()
        .and_then(|m| m.entries.get("ActionMetadata"))
    else {
        return vec![None; flow.actions.len()];
    };
    flow.actions
        .iter()
        .map(|a| {
            am.get(a.identifier.as_str())
                .and_then(|m| m.get("name").or_else(|| m.get("friendlyName")))
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
        })
        .collect()
}

/// The flow type of an export that does not say (older exports have no `Metadata.type`), from
/// the actions it uses: `EndFlowModuleExecution` → module; `DequeueContactAndTransferToQueue`
/// or `MessageParticipantIteratively` → customer queue; `TransferContactToAgent` → agent
/// transfer; `EndFlowExecution` without caller input → customer whisper; otherwise inbound.
#[must_use]
pub fn infer_flow_type(flow: &Flow) -> FlowType {
    if flow.settings.is_some() {
        return FlowType::Module;
    }
    let has = |f: &dyn Fn(&ActionKind) -> bool| flow.actions.iter().any(|a| f(&a.kind));
    if has(&|k| matches!(k, ActionKind::EndFlowModuleExecution(_))) {
        FlowType::Module
    } else if has(&|k| {
        matches!(
            k,
            ActionKind::DequeueContactAndTransferToQueue(_)
                | ActionKind::MessageParticipantIteratively(_)
        )
    }) {
        FlowType::CustomerQueue
    } else if has(&|k| matches!(k, ActionKind::TransferContactToAgent(_))) {
        FlowType::AgentTransfer
    } else if has(&|k| matches!(k, ActionKind::EndFlowExecution(_)))
        && !has(&|k| {
            matches!(
                k,
                ActionKind::GetParticipantInput(_) | ActionKind::ConnectParticipantWithLexBot(_)
            )
        })
    {
        FlowType::CustomerWhisper
    } else {
        FlowType::ContactFlow
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connect::import_flow;

    #[test]
    fn json_unit_has_a_span_per_action() {
        let text = r#"{
  "Version": "2019-10-30",
  "StartAction": "a",
  "Metadata": {"ActionMetadata": {"a": {"name": "Greeting"}}},
  "Actions": [
    {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"}, "Transitions": {"NextAction": "b"}},
    {"Identifier": "b", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}"#;
        let (flow, diags) = import_flow(FileId(3), text);
        assert!(diags.is_empty(), "{diags:?}");
        let unit = FlowUnit::from_json(FileId(3), "dir/main.json", text, flow.expect("flow"));
        assert_eq!(unit.name, "main");
        assert_eq!(unit.kind, FlowType::ContactFlow);
        assert_eq!(&text[unit.span_at(0).range()], r#""a""#);
        assert_eq!(&text[unit.flow_span.range()], r#""a""#);
        assert_eq!(&text[unit.span_at(1).range()], r#""b""#);
        assert_eq!(unit.span_at(2), unit.flow_span);
        assert_eq!(unit.name_at(0), Some("Greeting"));
        assert_eq!(unit.name_at(1), None);
        assert_eq!(unit.describe_at(0), "`Greeting`");
        assert_eq!(unit.describe_at(1), "`b`");
    }

    #[test]
    fn duplicate_identifiers_share_the_first_span() {
        let text = r#"{
  "Version": "2019-10-30",
  "StartAction": "a",
  "Actions": [
    {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"}, "Transitions": {"NextAction": "b"}},
    {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"}, "Transitions": {"NextAction": "b"}},
    {"Identifier": "b", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}"#;
        let (flow, _) = import_flow(FileId(3), text);
        let unit = FlowUnit::from_json(FileId(3), "main.json", text, flow.expect("flow"));
        assert_eq!(unit.flow.actions.len(), 3);
        let first = unit.span_at(0);
        assert_eq!(&text[first.range()], r#""a""#);
        assert_eq!(unit.span_at(1), first);
        assert_eq!(&text[unit.span_at(2).range()], r#""b""#);
    }
}
