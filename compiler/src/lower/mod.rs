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
//! - Each action's source span and step are tables by action index ([`ActionSources`],
//!   `sources.rs`), filled as actions are pushed: no identifier is copied or looked up for them.
//! - A module's `return NAME` sets the contact attribute [`MODULE_OUTCOME_ATTRIBUTE`] before
//!   `EndFlowModuleExecution`; `run module` compares it after `InvokeFlowModule`.
//! - Pure and deterministic: the same model and values give byte-identical JSON.

mod calendar;
mod externals;
mod flow;
mod ids;
mod layout;
mod refs;
mod sources;
mod statement;
#[cfg(test)]
mod tests;
mod values;

pub use calendar::{DerivedHours, Group, derived_hours};
pub use externals::{EnvExternals, ExternalKind, Externals, Placeholders};
pub(crate) use ids::Ids;
pub use ids::stable_uuid;
pub use sources::ActionSources;
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
    /// By action index: the source each action came from (a statement, an outcome, the flow
    /// name) and the step it belongs to (none for the flow's opening actions).
    pub sources: ActionSources,
}

impl LoweredFlow {
    /// Frees the flow's IR (`flow`, `sources`), keeping its name, kinds, description and name
    /// span.
    /// `build` calls it once a flow's JSON is written, so that a large project does not hold
    /// every flow's IR and JSON at once.
    pub fn release_ir(&mut self) {
        self.flow = connect::Flow::new("");
        self.sources = ActionSources::default();
    }

    /// The step action `a` (an index into `flow.actions`) belongs to; `None` for the flow's
    /// opening actions.
    #[must_use]
    pub fn step_of(&self, a: usize) -> Option<&str> {
        self.sources.name(a)
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
    let mut opening: Vec<(&str, ActionKind)> = Vec::new();
    if let Some(on) = f.logging {
        opening.push((
            "flow-logging",
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
        opening.push(("flow-voice", statement::voice_kind(v)));
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
    // The opening actions go first, into the list the statements are then lowered into: one
    // list for the whole flow, no second copy.
    let ids: Vec<&str> = opening.iter().map(|(id, _)| *id).collect();
    for (i, (id, kind)) in opening.into_iter().enumerate() {
        let next = match ids.get(i + 1) {
            Some(next) => Some((*next).into()),
            None => first.clone(),
        };
        let mut a = connect::Action::new(id, kind, Transitions::default());
        a.transitions.next_action = next;
        if let Some(e) = &on_error
            && a.can_raise(&ErrorType::NoMatchingError)
        {
            a.transitions = std::mem::take(&mut a.transitions)
                .with_error(ErrorType::NoMatchingError, e.clone());
        }
        cx.push_opening(a);
    }
    cx.lower_steps();
    let mut actions = cx.actions;
    for a in &mut actions {
        // Only the error branches Connect can take (e.g. `Set routing priority` raises none).
        let mut errors = std::mem::take(&mut a.transitions.errors);
        errors.retain(|e| a.can_raise(&e.error_type));
        a.transitions.errors = errors;
    }
    let start = ids
        .first()
        .map(|id| (*id).into())
        .or(first)
        .unwrap_or_default();
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
        sources: cx.sources,
    };
    (lowered, cx.diags)
}

/// The JSON of a lowered flow (Connect's limits are the graph check `L015`).
#[must_use]
pub fn emit(lowered: &LoweredFlow) -> String {
    connect::emit_flow(&lowered.flow)
}
