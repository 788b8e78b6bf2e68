//! Lowering: the resolved [`Model`] → Connect flow IR ([`connect::Flow`]), one per flow and
//! module, with the source span of every action so that checks on the IR point at `.dial` text.
//!
//! ```text
//! Model ──lower(ext)──▶ Vec<LoweredFlow> ──emit──▶ JSON text per flow
//! ```
//!
//! - Identifiers come from step names (`ids.rs`); positions from a layered layout
//!   (`layout.rs`); outside values (ARNs, phone numbers) from [`Externals`].
//! - Each statement becomes one or more actions (`statement.rs`); where outcomes go is decided in
//!   `flow.rs`. Calendars become derived hours of operation (`calendar.rs`).
//! - A module's `return NAME` sets the contact attribute [`MODULE_OUTCOME_ATTRIBUTE`] before
//!   `EndFlowModuleExecution`; `run module` compares it after `InvokeFlowModule`.
//! - Pure and deterministic: the same model and values give byte-identical JSON.

mod calendar;
mod externals;
mod flow;
mod ids;
mod layout;
mod refs;
mod statement;
#[cfg(test)]
mod tests;
mod values;

use std::collections::BTreeMap;

pub use calendar::{DerivedHours, Group, derived_hours};
pub use externals::{EnvExternals, ExternalKind, Externals, Placeholders};
pub(crate) use ids::Ids;
pub use ids::stable_uuid;
pub use statement::{
    BRANCH_VALUE_ATTRIBUTE, MODULE_OUTCOME_ATTRIBUTE, WITHHELD_NUMBERS, flow_type,
};

use crate::connect::{
    self, ActionKind, ErrorType, FlowType, Metadata, ModuleSettings, ModuleTransition, Scalar,
    Transitions, params,
};
use crate::diagnostics::Diagnostic;
use crate::resolve::{FlowId, FlowKind, Model};
use crate::span::Span;

/// One flow or module in Connect form.
#[derive(Debug, Clone)]
pub struct LoweredFlow {
    pub id: FlowId,
    pub name: String,
    pub kind: FlowKind,
    pub flow_type: FlowType,
    pub description: Option<String>,
    /// The flow's name in its `.dial` file.
    pub name_span: Span,
    pub flow: connect::Flow,
    /// Action identifier → the source it came from (a statement, an outcome, the flow header).
    pub spans: BTreeMap<String, Span>,
    /// Action identifier → the step it belongs to (`""` for the flow's opening actions).
    pub steps: BTreeMap<String, String>,
}

impl LoweredFlow {
    /// Frees the flow's IR (`flow`, `spans`, `steps`), keeping its name, kinds, description
    /// and name span.
    /// `build` calls it once a flow's JSON is written, so that a large project does not hold
    /// every flow's IR and JSON at once.
    pub fn release_ir(&mut self) {
        self.flow = connect::Flow::new("");
        self.spans = BTreeMap::new();
        self.steps = BTreeMap::new();
    }
}

/// Every flow of a project in Connect form.
#[derive(Debug, Clone, Default)]
pub struct Lowered {
    pub flows: Vec<LoweredFlow>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lowers every flow and module of `model`. The model should be free of errors.
#[must_use]
pub fn lower(model: &Model, ext: &dyn Externals) -> Lowered {
    let mut out = Lowered::default();
    for i in 0..model.flows.len() {
        let id = FlowId(u32::try_from(i).unwrap_or(u32::MAX));
        let (lowered, diags) = lower_flow(model, id, ext);
        out.flows.push(lowered);
        out.diagnostics.extend(diags);
    }
    out
}

/// Lowers one flow.
#[must_use]
pub fn lower_flow(
    model: &Model,
    id: FlowId,
    ext: &dyn Externals,
) -> (LoweredFlow, Vec<Diagnostic>) {
    let f = model.flow(id);
    let mut cx = flow::FlowCx::new(model, id, ext);
    cx.lower_steps();
    let mut opening: Vec<(String, ActionKind)> = Vec::new();
    if let Some(on) = f.logging {
        opening.push((
            "flow-logging".to_owned(),
            ActionKind::UpdateFlowLoggingBehavior(params::UpdateFlowLoggingBehavior {
                flow_logging_behavior: Some(Scalar::string(if on {
                    "Enabled"
                } else {
                    "Disabled"
                })),
                ..Default::default()
            }),
        ));
    }
    if let Some(v) = &f.voice {
        opening.push(("flow-voice".to_owned(), statement::voice_kind(v)));
    }
    let first = cx.first_entry();
    let on_error = f.on_error.as_ref().and_then(|t| match t {
        crate::resolve::Target::Step(s) => {
            let step = &f.steps[s.index()];
            step.statements
                .first()
                .map(|_| cx.ids.statement(&step.name, 0))
        }
        crate::resolve::Target::Retry { .. } => None,
    });
    let mut actions = Vec::with_capacity(opening.len() + cx.actions.len());
    let mut spans = BTreeMap::new();
    let mut steps = BTreeMap::new();
    let n = opening.len();
    let ids: Vec<String> = opening.iter().map(|(id, _)| id.clone()).collect();
    for (i, (id, kind)) in opening.into_iter().enumerate() {
        let next = if i + 1 < n {
            Some(ids[i + 1].clone())
        } else {
            first.clone()
        };
        let mut t = Transitions {
            next_action: next,
            ..Transitions::default()
        };
        if let Some(e) = &on_error
            && connect::Action::new("", kind.clone(), Transitions::default())
                .can_raise(&ErrorType::NoMatchingError)
        {
            t = t.with_error(ErrorType::NoMatchingError, e.clone());
        }
        spans.insert(id.clone(), f.name_span);
        steps.insert(id.clone(), String::new());
        actions.push(connect::Action::new(id, kind, t));
    }
    for ((mut a, span), step) in cx.actions.into_iter().zip(cx.spans).zip(cx.step_names) {
        // Only the error branches Connect can take (e.g. `Set routing priority` raises none).
        let possible = a.possible_errors();
        a.transitions
            .errors
            .retain(|e| possible.contains(&e.error_type));
        spans.insert(a.identifier.clone(), span);
        steps.insert(a.identifier.clone(), step);
        actions.push(a);
    }
    let start = ids.first().cloned().or(first).unwrap_or_default();
    let mut flow = connect::Flow::new(start);
    flow.actions = actions;
    let flow_type = flow_type(f.kind);
    if flow_type == FlowType::Module {
        let exit = |name: &str| ModuleTransition {
            display_name: Some(Scalar::string(name)),
            reference_name: Some(Scalar::string(name)),
            description: Some(Scalar::string("")),
            ..Default::default()
        };
        flow.settings = Some(ModuleSettings {
            input_parameters: Some(Vec::new()),
            output_parameters: Some(Vec::new()),
            transitions: Some(vec![exit("Success"), exit("Error")]),
            ..Default::default()
        });
    }
    let mut metadata = Metadata::default();
    layout::lay_out(&flow, &mut metadata);
    metadata
        .entries
        .insert("name".to_owned(), serde_json::Value::String(f.name.clone()));
    if let Some(d) = &f.description {
        metadata.entries.insert(
            "description".to_owned(),
            serde_json::Value::String(d.clone()),
        );
    }
    metadata.entries.insert(
        "type".to_owned(),
        serde_json::Value::String(flow_type.metadata_name().to_owned()),
    );
    flow.metadata = Some(metadata);
    let lowered = LoweredFlow {
        id,
        name: f.name.clone(),
        kind: f.kind,
        flow_type,
        description: f.description.clone(),
        name_span: f.name_span,
        flow,
        spans,
        steps,
    };
    (lowered, cx.diags)
}

/// The JSON of a lowered flow (Connect's limits are the graph check `L015`).
#[must_use]
pub fn emit(lowered: &LoweredFlow) -> String {
    connect::emit_flow(&lowered.flow)
}
