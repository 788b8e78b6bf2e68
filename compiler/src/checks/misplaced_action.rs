//! `L016 misplaced-action`: an action type that the flow's type does not allow.

use super::{Context, Finding};
use crate::connect::Action;

crate::define_codes! {
    /// ## What it does
    /// Finds actions whose type is not allowed in the type of their flow: input and bots in
    /// whisper and hold flows, transfers to a queue or a flow outside inbound and transfer
    /// flows, `EndFlowExecution` outside whisper and customer-queue flows, `Return`
    /// (`EndFlowModuleExecution`) outside modules, play-prompt in hold flows, and so on (the
    /// placement table of the flow-language reference). It runs on flows whose type is stated
    /// (`Metadata.type` of an export, `Settings` of a module, or the `.dial` flow kind); for
    /// older exports that do not say, the type is only guessed and nothing is reported.
    ///
    /// ## Why is this bad?
    /// Amazon Connect rejects the flow when it is published, or, for flows imported into the
    /// wrong type, the block silently takes its error branch at run time.
    ///
    /// ## Example
    /// ```json
    /// "Metadata": { "type": "agentWhisper" },
    /// "Actions": [ { "Identifier": "ask", "Type": "GetParticipantInput", … } ]
    /// ```
    ///
    /// ## Use instead
    /// Move the action to a flow of a type that allows it (ask the caller in the inbound flow,
    /// before the transfer), or change the flow's type.
    MISPLACED_ACTION = "L016" "misplaced-action" Check Error "an action is not allowed in this type of flow";
}

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    let unit = &cx.units[u];
    // The type first: reading the flow's declared type looks it up in its metadata, and
    // almost every action is allowed.
    if action.allowed_in(unit.kind) || unit.flow.flow_type() != Some(unit.kind) {
        return;
    }
    out.push(
        cx.finding(
            MISPLACED_ACTION,
            u,
            a,
            format!(
                "{} ({}) is not allowed in flows of type {}",
                cx.describe(u, a),
                action.type_name(),
                unit.kind.api_name()
            ),
            format!("not allowed in {}", unit.kind.api_name()),
        )
        .with_help("move this step to a flow whose type allows it, or change the flow's type"),
    );
}
