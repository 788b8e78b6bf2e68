//! Typed parameter structs, one per action type, grouped like the AWS action reference.
//!
//! Every struct is declared with `json_struct!`: each known key is an optional typed field
//! (`Option<Scalar>` for scalars, small structs for nested objects, maps for free-form objects)
//! and every other key is kept in `extra`, so import → emit is loss-free. Accessors such as
//! [`InvokeLambdaFunction::invocation_time_limit_seconds`] read the string forms exports use.
//! Action types whose parameter shape is not documented in enough detail to type have structs
//! with only a few (or no) named keys; everything else still lands in `extra`.

mod contact;
mod flow_control;
mod interactions;
mod participant;

pub use contact::*;
pub use flow_control::*;
pub use interactions::*;
pub use participant::*;

use super::json::json_struct;
use super::scalar::Scalar;

json_struct! {
    /// An audio file played from S3 (`Media` of a prompt).
    pub struct Media {
        /// `Uri`: the S3 URI.
        "Uri" => uri: Scalar,
        /// `SourceType`: `S3`.
        "SourceType" => source_type: Scalar,
        /// `MediaType`: `Audio`.
        "MediaType" => media_type: Scalar,
    }
}

json_struct! {
    /// A caller ID for outbound and third-party calls.
    pub struct CallerId {
        /// `Number`: the phone number shown (E.164 or a JSONPath).
        "Number" => number: Scalar,
        /// `Name`: the name shown.
        "Name" => name: Scalar,
    }
}

/// The prompt of an action that plays one: exactly one of these is expected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Prompt<'a> {
    /// `Text`: text to speech (voice) or a chat message.
    Text(&'a Scalar),
    /// `SSML`: text to speech with SSML markup (voice only).
    Ssml(&'a Scalar),
    /// `PromptId`: a prompt from the prompt library, by ID or ARN (voice only).
    PromptId(&'a Scalar),
    /// `Media`: an audio file in S3.
    Media(&'a Media),
}

/// Adds `prompt()` and `prompt_count()` to a struct with `text`, `ssml`, `prompt_id` and `media`.
macro_rules! impl_prompt {
    ($($ty:ty),*) => {$(
        impl $ty {
            /// The first prompt field that is set (`Text`, `SSML`, `PromptId`, `Media`).
            #[must_use]
            pub fn prompt(&self) -> Option<$crate::connect::params::Prompt<'_>> {
                use $crate::connect::params::Prompt;
                self.text
                    .as_ref()
                    .map(Prompt::Text)
                    .or_else(|| self.ssml.as_ref().map(Prompt::Ssml))
                    .or_else(|| self.prompt_id.as_ref().map(Prompt::PromptId))
                    .or_else(|| self.media.as_ref().map(Prompt::Media))
            }

            /// How many prompt fields are set (the service wants exactly one).
            #[must_use]
            pub fn prompt_count(&self) -> usize {
                usize::from(self.text.is_some())
                    + usize::from(self.ssml.is_some())
                    + usize::from(self.prompt_id.is_some())
                    + usize::from(self.media.is_some())
            }
        }
    )*};
}

pub(crate) use impl_prompt;
