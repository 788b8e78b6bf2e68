//! The world a call runs in: the clock, the caller, hours and calendars, queues and their
//! metrics, customer profiles, integration mocks and the answers of services the simulator
//! cannot know (Voice ID, outbound call status). Everything is data; nothing is read from files.

use indexmap::IndexMap;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::faults::Fault;
use crate::hours::HoursOfOperation;
use crate::mocks::{LambdaBehavior, LambdaMock};
use crate::profiles::Profiles;

/// The channel of the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Channel {
    /// A phone call.
    #[default]
    Voice,
    /// A chat.
    Chat,
}

impl Channel {
    /// `VOICE` / `CHAT`, as `$.Channel` reads.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Channel::Voice => "VOICE",
            Channel::Chat => "CHAT",
        }
    }
}

/// The simulated clock: an instant and the zone it is described in.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// Now.
    pub now: Timestamp,
    /// The zone the scenario was written in (for display).
    pub time_zone: String,
}

impl Default for Clock {
    /// Tuesday 2026-11-24 10:00 in Tokyo: an ordinary business morning.
    fn default() -> Self {
        Self::at("2026-11-24 10:00", "Asia/Tokyo").unwrap_or(Self {
            now: Timestamp::UNIX_EPOCH,
            time_zone: "UTC".to_owned(),
        })
    }
}

impl Clock {
    /// A local date and time (`2026-11-24 10:00` or `2026-11-24T10:00:00`) in an IANA zone.
    ///
    /// # Errors
    /// When the zone is unknown or the date does not parse.
    pub fn at(local: &str, time_zone: &str) -> Result<Self, String> {
        let tz =
            TimeZone::get(time_zone).map_err(|_| format!("unknown time zone `{time_zone}`"))?;
        let text = local.trim().replacen(' ', "T", 1);
        let dt: jiff::civil::DateTime = text
            .parse()
            .map_err(|e| format!("`{local}` is not a date and time: {e}"))?;
        let zoned = dt
            .to_zoned(tz)
            .map_err(|e| format!("`{local}` in {time_zone}: {e}"))?;
        Ok(Self {
            now: zoned.timestamp(),
            time_zone: time_zone.to_owned(),
        })
    }
}

/// Metrics of one queue, as `CheckMetricData` / `GetMetricData` see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueMetrics {
    /// `NumberOfAgentsOnline`.
    pub agents_online: u32,
    /// `NumberOfAgentsAvailable`.
    pub agents_available: u32,
    /// `NumberOfAgentsStaffed`.
    pub agents_staffed: u32,
    /// `NumberOfContactsInQueue`.
    pub contacts_in_queue: u32,
    /// `OldestContactInQueueAgeSeconds`.
    pub oldest_contact_age_seconds: u32,
}

impl Default for QueueMetrics {
    /// One agent online and available, nobody waiting.
    fn default() -> Self {
        Self {
            agents_online: 1,
            agents_available: 1,
            agents_staffed: 1,
            contacts_in_queue: 0,
            oldest_contact_age_seconds: 0,
        }
    }
}

impl QueueMetrics {
    /// A metric by its `MetricType` name.
    #[must_use]
    pub fn get(&self, metric: &str) -> Option<u32> {
        Some(match metric {
            "NumberOfAgentsOnline" | "AgentsOnline" => self.agents_online,
            "NumberOfAgentsAvailable" | "AgentsAvailable" => self.agents_available,
            "NumberOfAgentsStaffed" | "AgentsStaffed" => self.agents_staffed,
            "NumberOfContactsInQueue" | "ContactsInQueue" | "Size" => self.contacts_in_queue,
            "OldestContactInQueueAgeSeconds" | "OldestContactAge" => {
                self.oldest_contact_age_seconds
            }
            _ => return None,
        })
    }
}

/// A queue.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Queue {
    /// Id, ARN or name (see [`matches_id`]).
    pub id: String,
    /// Display name (`$.Queue.Name`); the id when empty.
    pub name: String,
    /// The id of its hours of operation (used by `CheckHoursOfOperation` without an id).
    pub hours: Option<String>,
    /// Its metrics now.
    pub metrics: QueueMetrics,
    /// Transfers fail with `QueueAtCapacity`.
    pub at_capacity: bool,
}

impl Queue {
    /// A queue with default metrics.
    #[must_use]
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            ..Self::default()
        }
    }
}

/// Whether a resource described by `ours` (an id, a name or an ARN) is the one a flow names
/// with `theirs` (an id, a name or an ARN): equal, or one ends with `/` + the other.
#[must_use]
pub fn matches_id(ours: &str, theirs: &str) -> bool {
    if ours.is_empty() || theirs.is_empty() {
        return false;
    }
    ours == theirs
        || theirs
            .strip_suffix(ours)
            .is_some_and(|p| p.ends_with('/') || p.ends_with(':'))
        || ours
            .strip_suffix(theirs)
            .is_some_and(|p| p.ends_with('/') || p.ends_with(':'))
}

/// `$.CustomerEndpoint.Address` of a caller who withholds the number, as carriers present it
/// (the first of the compiler's [`WITHHELD_NUMBERS`]).
///
/// [`WITHHELD_NUMBERS`]: dialect_compiler::lower::WITHHELD_NUMBERS
pub const WITHHELD_ADDRESS: &str = "anonymous";

/// The whole world of a call. `World::default()` runs any flow: open hours, staffed queues,
/// Lambdas that return `{}`, a caller whose number is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    /// Now.
    pub clock: Clock,
    /// The caller's number (`$.CustomerEndpoint.Address`); `None` when withheld, which flows
    /// read as [`WITHHELD_ADDRESS`].
    pub caller: Option<String>,
    /// The number dialled (`$.SystemEndpoint.Address`).
    pub dialled: String,
    /// Voice or chat.
    pub channel: Channel,
    /// The contact id (`$.ContactId`).
    pub contact_id: String,
    /// Lex locale to use when the flow does not set a language (default: the bot's first).
    pub locale: Option<String>,
    /// Contact attributes the contact arrives with.
    pub attributes: IndexMap<String, String>,
    /// The working queue the contact arrives with (queue, whisper and transfer flows run with
    /// one already set); `None` for a new inbound contact.
    pub queue: Option<String>,
    /// Hours of operation.
    pub hours: Vec<HoursOfOperation>,
    /// Whether hours the world does not describe are open.
    pub unknown_hours_open: bool,
    /// Queues.
    pub queues: Vec<Queue>,
    /// Customer profiles.
    pub profiles: Profiles,
    /// Lambda mocks.
    pub lambdas: Vec<LambdaMock>,
    /// What a Lambda without a mock does.
    pub default_lambda: LambdaBehavior,
    /// Seed of `DistributeByPercentage` (deterministic).
    pub seed: u64,
    /// Result of `CheckVoiceId`.
    pub voice_id_result: String,
    /// Result of `CheckOutboundCallStatus`.
    pub outbound_call_status: String,
    /// Result of `ShowView` (the user's action).
    pub view_result: String,
    /// The event a `Wait` reports (`WaitCompleted` or an event name).
    pub wait_result: String,
    /// How long (seconds) the caller waits in the queue before an agent answers. Looping
    /// prompts (`MessageParticipantIteratively`) interrupted every `f` seconds take the
    /// `MessagesInterrupted` branch each time `f` more seconds of waiting still leave the
    /// agent busy; then (and at once without an interruption) the agent answers.
    pub agent_answers_after_s: u64,
    /// A third-party transfer (`TransferParticipantToThirdParty`) fails with this error type,
    /// when set (`CallFailed`, `ConnectionTimeLimitExceeded`).
    pub third_party_failure: Option<String>,
    /// Actions that raise an error whenever they run (a test's `fail` lines).
    pub faults: Vec<Fault>,
}

impl Default for World {
    fn default() -> Self {
        Self {
            clock: Clock::default(),
            caller: Some("+819012345678".to_owned()),
            dialled: "+81120000000".to_owned(),
            channel: Channel::Voice,
            contact_id: "00000000-0000-4000-8000-000000000001".to_owned(),
            locale: None,
            attributes: IndexMap::new(),
            queue: None,
            hours: Vec::new(),
            unknown_hours_open: true,
            queues: Vec::new(),
            profiles: Profiles::default(),
            lambdas: Vec::new(),
            default_lambda: LambdaBehavior::default(),
            seed: 1,
            voice_id_result: "NotEnrolled".to_owned(),
            outbound_call_status: "CallAnswered".to_owned(),
            view_result: "Submit".to_owned(),
            wait_result: "WaitCompleted".to_owned(),
            agent_answers_after_s: 0,
            third_party_failure: None,
            faults: Vec::new(),
        }
    }
}

impl World {
    /// The caller's number is withheld.
    #[must_use]
    pub fn withheld(mut self) -> Self {
        self.caller = None;
        self
    }

    /// Adds a Lambda mock.
    #[must_use]
    pub fn mock(mut self, function: &str, behavior: LambdaBehavior) -> Self {
        self.lambdas.push(LambdaMock::always(function, behavior));
        self
    }

    /// The mock for a function ARN.
    #[must_use]
    pub fn lambda(&self, arn: &str) -> Option<&LambdaMock> {
        self.lambdas.iter().find(|m| m.matches(arn))
    }

    /// The queue a flow names.
    #[must_use]
    pub fn queue(&self, id: &str) -> Option<usize> {
        self.queues.iter().position(|q| matches_id(&q.id, id))
    }

    /// The hours a flow names.
    #[must_use]
    pub fn hours_of(&self, id: &str) -> Option<&HoursOfOperation> {
        self.hours.iter().find(|h| matches_id(&h.id, id))
    }
}

#[cfg(test)]
mod tests {
    use dialect_compiler::lower::WITHHELD_NUMBERS;

    use super::*;

    /// A withheld caller takes the flows' `withheld` branches.
    #[test]
    fn the_withheld_address_is_one_the_compiler_tests_for() {
        assert!(WITHHELD_NUMBERS.contains(&WITHHELD_ADDRESS));
    }

    #[test]
    fn ids_match_by_name_id_or_arn() {
        let arn = "arn:aws:connect:ap-northeast-1:1:instance/i/queue/q-123";
        assert!(matches_id("q-123", arn));
        assert!(matches_id(arn, arn));
        assert!(!matches_id("q-12", arn));
        assert!(!matches_id("", arn));
        let m = LambdaMock::always("reserve", LambdaBehavior::TimesOut);
        assert!(m.matches("arn:aws:lambda:ap-northeast-1:1:function:reserve"));
        assert!(m.matches("arn:aws:lambda:ap-northeast-1:1:function:reserve:live"));
        assert!(!m.matches("arn:aws:lambda:ap-northeast-1:1:function:reserve2"));
    }

    #[test]
    fn clock_reads_local_time_in_a_zone() {
        let c = Clock::at("2026-11-24 10:00", "Asia/Tokyo").expect("clock");
        assert_eq!(c.now.to_string(), "2026-11-24T01:00:00Z");
        assert!(Clock::at("2026-11-24 10:00", "Nowhere/City").is_err());
        assert!(Clock::at("yesterday", "UTC").is_err());
    }
}
