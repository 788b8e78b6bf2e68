//! [`ErrorType`]: the names of error branches (`Transitions.Errors[].ErrorType`).

use std::fmt;

/// An error an action can raise; the `ErrorType` of an error branch.
///
/// Spellings are kept exactly: Cases use `MultipleFound` / `NoneFound`, Customer Profiles use
/// `MultipleFoundError` / `NoneFoundError`, and both appear in exports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorType {
    /// The catch-all: any failure without a more specific branch.
    NoMatchingError,
    /// The action produced a result that no condition matched.
    NoMatchingCondition,
    /// The caller did not answer in time (`GetParticipantInput`, Lex on chat).
    InputTimeLimitExceeded,
    /// Stored input failed `PhoneNumberValidation`.
    InvalidPhoneNumber,
    /// The queue is full (`TransferContactToQueue`, `DequeueContactAndTransferToQueue`).
    QueueAtCapacity,
    /// `ShowView` timed out.
    TimeLimitExceeded,
    /// The third-party call failed.
    CallFailed,
    /// The third party did not answer within the connection time limit.
    ConnectionTimeLimitExceeded,
    /// `UpdateContactCallbackNumber`: the number is not a valid phone number.
    InvalidCallbackNumber,
    /// `UpdateContactCallbackNumber`: the number cannot be dialled from this instance.
    CallbackNumberNotDialable,
    /// Cases: the contact is not linked to a case.
    ContactNotLinked,
    /// `GetCase`: more than one case matched.
    MultipleFound,
    /// Customer Profiles: more than one profile matched.
    MultipleFoundError,
    /// `GetCase`: no case matched.
    NoneFound,
    /// Customer Profiles: no profile matched.
    NoneFoundError,
    /// `UpdateContactRecordingAndAnalyticsBehavior`: the settings do not fit the channel.
    ChannelMismatch,
    /// `Wait`: the participant to wait for is gone.
    ParticipantNotFound,
    /// Any other name, kept as written.
    Other(String),
}

impl ErrorType {
    /// Every known error type (not `Other`).
    pub const KNOWN: &'static [ErrorType] = &[
        ErrorType::NoMatchingError,
        ErrorType::NoMatchingCondition,
        ErrorType::InputTimeLimitExceeded,
        ErrorType::InvalidPhoneNumber,
        ErrorType::QueueAtCapacity,
        ErrorType::TimeLimitExceeded,
        ErrorType::CallFailed,
        ErrorType::ConnectionTimeLimitExceeded,
        ErrorType::InvalidCallbackNumber,
        ErrorType::CallbackNumberNotDialable,
        ErrorType::ContactNotLinked,
        ErrorType::MultipleFound,
        ErrorType::MultipleFoundError,
        ErrorType::NoneFound,
        ErrorType::NoneFoundError,
        ErrorType::ChannelMismatch,
        ErrorType::ParticipantNotFound,
    ];

    /// The name as written in flow JSON.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            ErrorType::NoMatchingError => "NoMatchingError",
            ErrorType::NoMatchingCondition => "NoMatchingCondition",
            ErrorType::InputTimeLimitExceeded => "InputTimeLimitExceeded",
            ErrorType::InvalidPhoneNumber => "InvalidPhoneNumber",
            ErrorType::QueueAtCapacity => "QueueAtCapacity",
            ErrorType::TimeLimitExceeded => "TimeLimitExceeded",
            ErrorType::CallFailed => "CallFailed",
            ErrorType::ConnectionTimeLimitExceeded => "ConnectionTimeLimitExceeded",
            ErrorType::InvalidCallbackNumber => "InvalidCallbackNumber",
            ErrorType::CallbackNumberNotDialable => "CallbackNumberNotDialable",
            ErrorType::ContactNotLinked => "ContactNotLinked",
            ErrorType::MultipleFound => "MultipleFound",
            ErrorType::MultipleFoundError => "MultipleFoundError",
            ErrorType::NoneFound => "NoneFound",
            ErrorType::NoneFoundError => "NoneFoundError",
            ErrorType::ChannelMismatch => "ChannelMismatch",
            ErrorType::ParticipantNotFound => "ParticipantNotFound",
            ErrorType::Other(s) => s,
        }
    }

    /// The error type a name denotes; unknown names become [`ErrorType::Other`].
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        Self::KNOWN
            .iter()
            .find(|e| e.name() == name)
            .cloned()
            .unwrap_or_else(|| ErrorType::Other(name.to_owned()))
    }

    /// Whether this is one of the known names.
    #[must_use]
    pub fn is_known(&self) -> bool {
        !matches!(self, ErrorType::Other(_))
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
