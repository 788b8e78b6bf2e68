//! Data tables over action types for the checker and the simulator: which errors an action can
//! raise, whether it ends the flow, which condition operators and results it has, and in which
//! flow types it may appear.
//!
//! Sources are the reference (`connect-flow-language.md` §3–§5) and the corpus statistics.
//! Where exports and docs disagree we follow exports, and say so:
//!
//! - Error lists are the union of the docs and the exports. `UpdateContactTextToSpeechVoice`
//!   keeps the documented `NoMatchingError` although exports leave `Errors` empty;
//!   `UpdateFlowAttributes` has `NoMatchingError` because exports write it (the docs list none);
//!   `UpdateContactCallbackNumber` has no `NoMatchingError` (exports never write one);
//!   `CheckMetricData` has `NoMatchingCondition` for every metric type (exports write it even
//!   for the agent metrics, whose only condition is `NumberGreaterThan "0"`).
//! - `DistributeByPercentage` uses `NumberLessThan` (the doc says `NumericLessThan`).
//! - `CheckVoiceId` results are written without spaces (`NotAuthenticated`), as in exports.
//! - `Wait` times out under `TimeLimitSeconds` in exports (`TimeoutSeconds` in the docs); both
//!   are read by [`params::Wait::timeout_seconds`](super::params::Wait::timeout_seconds).
//! - On branching and transferring types the console writes `NextAction` equal to an error
//!   target; [`ActionType::next_action_is_fallback`] lists them.
//! - Placement (§4) only restricts the types the reference names; every other type is allowed
//!   everywhere [inferred]. Campaign flows and modules follow the inbound rules [inferred];
//!   `EndFlowModuleExecution` is allowed in modules only.

use super::action::{Action, ActionKind, ActionType};
use super::error_type::ErrorType;
use super::flow_type::FlowType;
use super::operator::Operator;

use ErrorType as E;

const NONE: &[ErrorType] = &[];
const NME: &[ErrorType] = &[E::NoMatchingError];
const NMC: &[ErrorType] = &[E::NoMatchingCondition];
const NME_NMC: &[ErrorType] = &[E::NoMatchingError, E::NoMatchingCondition];
const GET_INPUT: &[ErrorType] = &[
    E::NoMatchingError,
    E::InputTimeLimitExceeded,
    E::NoMatchingCondition,
    E::InvalidPhoneNumber,
];
const LEX: &[ErrorType] = &[
    E::NoMatchingError,
    E::NoMatchingCondition,
    E::InputTimeLimitExceeded,
];
const SHOW_VIEW: &[ErrorType] = &[
    E::NoMatchingError,
    E::NoMatchingCondition,
    E::TimeLimitExceeded,
];
const THIRD_PARTY: &[ErrorType] = &[
    E::NoMatchingError,
    E::CallFailed,
    E::ConnectionTimeLimitExceeded,
];
const QUEUE: &[ErrorType] = &[E::NoMatchingError, E::QueueAtCapacity];
const CALLBACK_NUMBER: &[ErrorType] = &[E::InvalidCallbackNumber, E::CallbackNumberNotDialable];
const RECORDING_ANALYTICS: &[ErrorType] = &[E::NoMatchingError, E::ChannelMismatch];
const CASE: &[ErrorType] = &[E::NoMatchingError, E::ContactNotLinked];
const GET_CASE: &[ErrorType] = &[
    E::NoMatchingError,
    E::ContactNotLinked,
    E::MultipleFound,
    E::NoneFound,
];
const GET_PROFILE: &[ErrorType] = &[E::NoMatchingError, E::NoneFoundError, E::MultipleFoundError];
const WAIT: &[ErrorType] = &[E::NoMatchingError, E::ParticipantNotFound];

const NO_OPERATORS: &[Operator] = &[];
const EQUALS: &[Operator] = &[Operator::Equals];
const ALL_OPERATORS: &[Operator] = Operator::KNOWN;
const NUMBER_OPERATORS: &[Operator] = &[
    Operator::NumberGreaterThan,
    Operator::NumberGreaterOrEqualTo,
    Operator::NumberLessThan,
    Operator::NumberLessOrEqualTo,
];
const LESS_THAN: &[Operator] = &[Operator::NumberLessThan];

/// What decides an action's successor when it succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuccessPath {
    /// `NextAction`.
    NextAction,
    /// The action produces a result tested by `Conditions`; when none is true it takes
    /// `NoMatchingCondition`.
    Conditions,
    /// Success leaves the flow (transfer to a queue or another flow); `NextAction` is only a
    /// fallback written by the console.
    LeavesFlow,
    /// The action ends the flow (or the module); it has no successor.
    Terminal,
}

/// The values an action's result can take, for conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Results {
    /// The action has no result.
    None,
    /// A closed set of values (compared with `Equals`).
    Closed(&'static [&'static str]),
    /// An open set: an attribute value, a digit, an intent name, a number, …
    Open,
}

impl ActionType {
    /// Every error type this action type can raise (the union over parameter settings; see
    /// [`Action::possible_errors`] for one action).
    #[must_use]
    pub fn possible_errors(self) -> &'static [ErrorType] {
        use ActionType as A;
        match self {
            A::DisconnectParticipant
            | A::TransferContactToAgent
            | A::EndFlowExecution
            | A::EndFlowModuleExecution
            | A::UpdateContactRecordingBehavior
            | A::UpdateContactRoutingBehavior
            | A::CompleteOutboundCall
            | A::Loop
            | A::UpdateFlowLoggingBehavior => NONE,
            A::GetParticipantInput => GET_INPUT,
            A::ConnectParticipantWithLexBot => LEX,
            A::ShowView => SHOW_VIEW,
            A::TransferParticipantToThirdParty => THIRD_PARTY,
            A::TransferContactToQueue | A::DequeueContactAndTransferToQueue => QUEUE,
            A::UpdateContactCallbackNumber => CALLBACK_NUMBER,
            A::UpdateContactRecordingAndAnalyticsBehavior => RECORDING_ANALYTICS,
            A::CreateCase | A::UpdateCase => CASE,
            A::GetCase => GET_CASE,
            A::GetCustomerProfile
            | A::GetCustomerProfileObject
            | A::GetCalculatedAttributesForCustomerProfile => GET_PROFILE,
            A::Compare | A::DistributeByPercentage => NMC,
            A::CheckMetricData => NME_NMC,
            A::Wait => WAIT,
            A::MessageParticipant
            | A::MessageParticipantIteratively
            | A::UpdateContactAttributes
            | A::UpdateContactTargetQueue
            | A::UpdateContactEventHooks
            | A::UpdateContactTextToSpeechVoice
            | A::UpdateContactMediaStreamingBehavior
            | A::UpdateRoutingCriteria
            | A::UpdatePreviousContactParticipantState
            | A::UpdateContactData
            | A::InvokeFlowModule
            | A::CreateTask
            | A::TagContact
            | A::UnTagContact
            | A::CreateWisdomSession
            | A::StartOutboundChatContact
            | A::ResumeContact
            | A::UpdateContactMediaProcessing
            | A::CheckHoursOfOperation
            | A::GetMetricData
            | A::TransferToFlow
            | A::UpdateFlowAttributes
            | A::CheckVoiceId
            | A::StartVoiceIdStream
            | A::CheckOutboundCallStatus
            | A::InvokeLambdaFunction
            | A::CreateCallbackContact
            | A::CreateCustomerProfile
            | A::UpdateCustomerProfile
            | A::AssociateContactToCustomerProfile => NME,
        }
    }

    /// Ends the flow (or, for `EndFlowModuleExecution`, the module): `DisconnectParticipant`,
    /// `EndFlowExecution`, `EndFlowModuleExecution`, `TransferContactToAgent`. Exported with
    /// `Transitions: {}`.
    #[must_use]
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            ActionType::DisconnectParticipant
                | ActionType::EndFlowExecution
                | ActionType::EndFlowModuleExecution
                | ActionType::TransferContactToAgent
        )
    }

    /// Success leaves the flow: `TransferToFlow`, `TransferContactToQueue`,
    /// `DequeueContactAndTransferToQueue`. (`TransferParticipantToThirdParty` does too when
    /// `ContinueFlowExecution` is false; see [`Action::success_path`].)
    #[must_use]
    pub fn success_leaves_flow(self) -> bool {
        matches!(
            self,
            ActionType::TransferToFlow
                | ActionType::TransferContactToQueue
                | ActionType::DequeueContactAndTransferToQueue
        )
    }

    /// The condition operators this type accepts; empty when it does not branch on conditions.
    #[must_use]
    pub fn allowed_operators(self) -> &'static [Operator] {
        use ActionType as A;
        match self {
            A::Compare => ALL_OPERATORS,
            A::GetParticipantInput
            | A::ConnectParticipantWithLexBot
            | A::ShowView
            | A::Loop
            | A::CheckHoursOfOperation
            | A::MessageParticipantIteratively
            | A::Wait
            | A::CheckVoiceId
            | A::CheckOutboundCallStatus => EQUALS,
            A::CheckMetricData => NUMBER_OPERATORS,
            A::DistributeByPercentage => LESS_THAN,
            _ => NO_OPERATORS,
        }
    }

    /// Whether the type branches on `Conditions` (for `GetParticipantInput`, only when
    /// `StoreInput` is false; see [`Action::branches_on_conditions`]).
    #[must_use]
    pub fn branches_on_conditions(self) -> bool {
        !self.allowed_operators().is_empty()
    }

    /// The values the result can take. `Wait` also returns each event listed in `Events`.
    /// `CheckVoiceId` lists the union over its three options, spelled without spaces as in
    /// exports (`Enrolled`, `HighRisk` and `LowRisk` are the doc names with spaces removed
    /// [inferred]; only the `voiceAuthentication` values occur in the corpus).
    #[must_use]
    pub fn results(self) -> Results {
        use ActionType as A;
        match self {
            A::Loop => Results::Closed(&["ContinueLooping", "DoneLooping"]),
            A::CheckHoursOfOperation => Results::Closed(&["True", "False"]),
            A::MessageParticipantIteratively => Results::Closed(&["MessagesInterrupted"]),
            A::Wait => Results::Closed(&["WaitCompleted"]),
            A::CheckVoiceId => Results::Closed(&[
                "Authenticated",
                "NotAuthenticated",
                "Inconclusive",
                "NotEnrolled",
                "OptedOut",
                "HighRisk",
                "LowRisk",
                "Enrolled",
            ]),
            A::CheckOutboundCallStatus => Results::Closed(&[
                "CallAnswered",
                "VoicemailBeep",
                "VoicemailNoBeep",
                "NotDetected",
            ]),
            A::Compare
            | A::GetParticipantInput
            | A::ConnectParticipantWithLexBot
            | A::ShowView
            | A::CheckMetricData
            | A::DistributeByPercentage => Results::Open,
            _ => Results::None,
        }
    }

    /// Export quirk: the console writes `NextAction` on these types but sets it to an error
    /// target (`NoMatchingCondition`, `NoMatchingError` or `QueueAtCapacity`), so `NextAction`
    /// is a default/else branch, not a success path: `Compare`, `DistributeByPercentage`,
    /// `CheckHoursOfOperation`, `CheckMetricData`, `Wait`, `ShowView`, `CheckVoiceId`,
    /// `ConnectParticipantWithLexBot`, `TransferToFlow`, `TransferContactToQueue`,
    /// `DequeueContactAndTransferToQueue`.
    #[must_use]
    pub fn next_action_is_fallback(self) -> bool {
        matches!(
            self,
            ActionType::Compare
                | ActionType::DistributeByPercentage
                | ActionType::CheckHoursOfOperation
                | ActionType::CheckMetricData
                | ActionType::Wait
                | ActionType::ShowView
                | ActionType::CheckVoiceId
                | ActionType::ConnectParticipantWithLexBot
                | ActionType::TransferToFlow
                | ActionType::TransferContactToQueue
                | ActionType::DequeueContactAndTransferToQueue
        )
    }

    /// Whether the type may appear in a flow of type `flow` (reference §4).
    #[must_use]
    pub fn allowed_in(self, flow: FlowType) -> bool {
        use ActionType as A;
        use FlowType as F;
        let inbound_or_transfer = flow.is_inbound_like() || flow.is_transfer();
        match self {
            A::GetParticipantInput
            | A::ConnectParticipantWithLexBot
            | A::CheckHoursOfOperation
            | A::DistributeByPercentage
            | A::CreateCallbackContact
            | A::UpdateContactCallbackNumber => inbound_or_transfer || flow == F::CustomerQueue,
            A::TransferToFlow | A::TransferContactToQueue | A::UpdateContactTargetQueue => {
                inbound_or_transfer
            }
            A::EndFlowExecution => flow.is_whisper() || flow == F::CustomerQueue,
            A::EndFlowModuleExecution => flow == F::Module,
            A::DequeueContactAndTransferToQueue => flow == F::CustomerQueue,
            A::MessageParticipantIteratively => {
                matches!(flow, F::CustomerQueue | F::CustomerHold | F::AgentHold)
            }
            A::MessageParticipant => !flow.is_hold(),
            A::TransferContactToAgent => flow.is_transfer(),
            // Campaign flows, and the contact flows outbound campaigns run (inferred: the
            // console offers "Check call progress" in inbound flows for that reason).
            A::CheckOutboundCallStatus => matches!(flow, F::Campaign | F::ContactFlow),
            _ => true,
        }
    }
}

impl Action {
    /// The error types this action can raise, given its parameters, without allocating. For
    /// `GetParticipantInput`: `NoMatchingCondition` only when `StoreInput` is false and
    /// `InvalidPhoneNumber` only with `PhoneNumberValidation`. Unknown types: none.
    pub fn error_types(&self) -> impl Iterator<Item = &'static ErrorType> {
        const GET_INPUT: &[ErrorType] = &[E::NoMatchingError, E::InputTimeLimitExceeded];
        static NO_MATCH: ErrorType = E::NoMatchingCondition;
        static PHONE: ErrorType = E::InvalidPhoneNumber;
        let (listed, no_match, phone) = match &self.kind {
            ActionKind::GetParticipantInput(p) => {
                (GET_INPUT, !p.stores_input(), p.validates_phone_number())
            }
            kind => (
                kind.action_type()
                    .map_or(&[][..], ActionType::possible_errors),
                false,
                false,
            ),
        };
        listed
            .iter()
            .chain(no_match.then_some(&NO_MATCH))
            .chain(phone.then_some(&PHONE))
    }

    /// [`Action::error_types`] as a list.
    #[must_use]
    pub fn possible_errors(&self) -> Vec<ErrorType> {
        self.error_types().cloned().collect()
    }

    /// Whether the action can raise `error_type`.
    #[must_use]
    pub fn can_raise(&self, error_type: &ErrorType) -> bool {
        self.error_types().any(|e| e == error_type)
    }

    /// See [`ActionType::is_terminal`]. Unknown types are not terminal.
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        self.action_type().is_some_and(ActionType::is_terminal)
    }

    /// Whether the action branches on `Conditions`, given its parameters
    /// (`GetParticipantInput` only when `StoreInput` is false).
    #[must_use]
    pub fn branches_on_conditions(&self) -> bool {
        match &self.kind {
            ActionKind::GetParticipantInput(p) => !p.stores_input(),
            kind => kind
                .action_type()
                .is_some_and(ActionType::branches_on_conditions),
        }
    }

    /// The condition operators this action accepts, given its parameters.
    #[must_use]
    pub fn allowed_operators(&self) -> &'static [Operator] {
        if !self.branches_on_conditions() {
            return NO_OPERATORS;
        }
        self.action_type()
            .map_or(NO_OPERATORS, ActionType::allowed_operators)
    }

    /// The closed result values of this action (for `Wait`, `WaitCompleted` plus its `Events`),
    /// or `None` when the results are open or absent.
    #[must_use]
    pub fn closed_results(&self) -> Option<Vec<String>> {
        let Results::Closed(values) = self.action_type()?.results() else {
            return None;
        };
        let mut out: Vec<String> = values.iter().map(|s| (*s).to_owned()).collect();
        if let ActionKind::Wait(w) = &self.kind {
            for e in w.events.iter().flatten() {
                out.push(e.text().into_owned());
            }
        }
        Some(out)
    }

    /// What decides the successor on success, given the parameters.
    #[must_use]
    pub fn success_path(&self) -> SuccessPath {
        let Some(t) = self.action_type() else {
            return SuccessPath::NextAction;
        };
        if t.is_terminal() {
            SuccessPath::Terminal
        } else if t.success_leaves_flow() {
            SuccessPath::LeavesFlow
        } else if let ActionKind::TransferParticipantToThirdParty(p) = &self.kind {
            if p.continues_flow() {
                SuccessPath::NextAction
            } else {
                SuccessPath::LeavesFlow
            }
        } else if self.branches_on_conditions() {
            SuccessPath::Conditions
        } else {
            SuccessPath::NextAction
        }
    }

    /// See [`ActionType::allowed_in`]. Unknown types are allowed everywhere.
    #[must_use]
    pub fn allowed_in(&self, flow: FlowType) -> bool {
        self.action_type().is_none_or(|t| t.allowed_in(flow))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connect::params;
    use crate::connect::scalar::Scalar;
    use crate::connect::transitions::Transitions;

    fn action(kind: ActionKind) -> Action {
        Action::new("a", kind, Transitions::default())
    }

    #[test]
    fn get_participant_input_errors_depend_on_store_input() {
        let mut p = params::GetParticipantInput {
            store_input: Some(Scalar::boolean(false)),
            ..Default::default()
        };
        let a = action(ActionKind::GetParticipantInput(Box::new(p.clone())));
        assert!(a.can_raise(&E::NoMatchingCondition));
        assert!(a.can_raise(&E::InputTimeLimitExceeded));
        assert!(a.can_raise(&E::NoMatchingError));
        assert!(!a.can_raise(&E::InvalidPhoneNumber));
        assert!(a.branches_on_conditions());
        assert_eq!(a.allowed_operators(), &[Operator::Equals]);
        assert_eq!(a.success_path(), SuccessPath::Conditions);

        p.store_input = Some(Scalar::boolean(true));
        p.input_validation = Some(params::InputValidation {
            phone_number_validation: Some(params::PhoneNumberValidation::default()),
            ..Default::default()
        });
        let a = action(ActionKind::GetParticipantInput(Box::new(p)));
        assert!(!a.can_raise(&E::NoMatchingCondition));
        assert!(a.can_raise(&E::InvalidPhoneNumber));
        assert!(!a.branches_on_conditions());
        assert!(a.allowed_operators().is_empty());
        assert_eq!(a.success_path(), SuccessPath::NextAction);
    }

    #[test]
    fn queue_transfers_raise_queue_at_capacity() {
        for t in [
            ActionType::TransferContactToQueue,
            ActionType::DequeueContactAndTransferToQueue,
        ] {
            assert!(t.possible_errors().contains(&E::QueueAtCapacity), "{t}");
            assert!(t.success_leaves_flow());
            assert!(t.next_action_is_fallback());
        }
        let a = action(ActionKind::empty(ActionType::TransferContactToQueue));
        assert_eq!(a.success_path(), SuccessPath::LeavesFlow);
    }

    #[test]
    fn terminal_actions() {
        let terminal: Vec<_> = ActionType::ALL.iter().filter(|t| t.is_terminal()).collect();
        assert_eq!(
            terminal,
            [
                &ActionType::DisconnectParticipant,
                &ActionType::TransferContactToAgent,
                &ActionType::EndFlowModuleExecution,
                &ActionType::EndFlowExecution,
            ]
        );
        for t in terminal {
            assert!(t.possible_errors().is_empty(), "{t}");
            assert!(!t.branches_on_conditions(), "{t}");
        }
        let a = action(ActionKind::empty(ActionType::DisconnectParticipant));
        assert!(a.is_terminal());
        assert_eq!(a.success_path(), SuccessPath::Terminal);
        let unknown = action(ActionKind::Unknown {
            type_name: "SetVoice".into(),
            parameters: serde_json::json!({}),
        });
        assert!(!unknown.is_terminal());
        assert!(unknown.possible_errors().is_empty());
        assert!(unknown.allowed_in(FlowType::CustomerHold));
    }

    #[test]
    fn conditions_and_results() {
        assert_eq!(ActionType::Compare.allowed_operators(), Operator::KNOWN);
        assert_eq!(
            ActionType::DistributeByPercentage.allowed_operators(),
            &[Operator::NumberLessThan]
        );
        assert!(!ActionType::MessageParticipant.branches_on_conditions());
        assert!(ActionType::Compare.possible_errors() == [E::NoMatchingCondition]);
        assert_eq!(
            ActionType::Loop.results(),
            Results::Closed(&["ContinueLooping", "DoneLooping"])
        );
        let wait = action(ActionKind::Wait(params::Wait {
            events: Some(vec![Scalar::string("CustomerReturned")]),
            ..Default::default()
        }));
        assert_eq!(
            wait.closed_results(),
            Some(vec![
                "WaitCompleted".to_owned(),
                "CustomerReturned".to_owned()
            ])
        );
        let third_party = |cont: bool| {
            action(ActionKind::TransferParticipantToThirdParty(Box::new(
                params::TransferParticipantToThirdParty {
                    continue_flow_execution: Some(Scalar::boolean(cont)),
                    ..Default::default()
                },
            )))
        };
        assert_eq!(third_party(true).success_path(), SuccessPath::NextAction);
        assert_eq!(third_party(false).success_path(), SuccessPath::LeavesFlow);
    }

    #[test]
    fn placement() {
        use ActionType as A;
        use FlowType as F;
        assert!(A::GetParticipantInput.allowed_in(F::ContactFlow));
        assert!(A::GetParticipantInput.allowed_in(F::CustomerQueue));
        assert!(!A::GetParticipantInput.allowed_in(F::AgentWhisper));
        assert!(!A::GetParticipantInput.allowed_in(F::CustomerHold));
        assert!(A::TransferToFlow.allowed_in(F::QueueTransfer));
        assert!(!A::TransferToFlow.allowed_in(F::CustomerQueue));
        assert!(A::EndFlowExecution.allowed_in(F::OutboundWhisper));
        assert!(!A::EndFlowExecution.allowed_in(F::ContactFlow));
        assert!(A::DequeueContactAndTransferToQueue.allowed_in(F::CustomerQueue));
        assert!(!A::DequeueContactAndTransferToQueue.allowed_in(F::ContactFlow));
        assert!(A::MessageParticipantIteratively.allowed_in(F::AgentHold));
        assert!(!A::MessageParticipantIteratively.allowed_in(F::ContactFlow));
        assert!(!A::MessageParticipant.allowed_in(F::CustomerHold));
        assert!(A::MessageParticipant.allowed_in(F::AgentWhisper));
        assert!(A::TransferContactToAgent.allowed_in(F::AgentTransfer));
        assert!(!A::TransferContactToAgent.allowed_in(F::ContactFlow));
        assert!(A::EndFlowModuleExecution.allowed_in(F::Module));
        assert!(!A::EndFlowModuleExecution.allowed_in(F::ContactFlow));
        assert!(A::CheckOutboundCallStatus.allowed_in(F::Campaign));
        for f in FlowType::ALL {
            for t in [
                A::Compare,
                A::Loop,
                A::UpdateContactAttributes,
                A::InvokeLambdaFunction,
            ] {
                assert!(t.allowed_in(*f), "{t} in {f}");
            }
        }
    }

    #[test]
    fn every_type_has_consistent_tables() {
        for t in ActionType::ALL {
            assert_eq!(ActionType::from_name(t.name()), Some(*t));
            assert_eq!(ActionKind::empty(*t).action_type(), Some(*t));
            if t.possible_errors().contains(&E::NoMatchingCondition) {
                assert!(t.branches_on_conditions(), "{t} raises NoMatchingCondition");
            }
            if matches!(t.results(), Results::None) {
                assert!(!t.branches_on_conditions(), "{t}");
            }
        }
    }
}
