//! `L013 prompt-too-long`: a prompt longer than text to speech accepts.

use super::invalid_ssml::strip_tags;
use super::{Context, Finding, prompts};
use crate::connect::Action;

crate::define_codes! {
    /// ## What it does
    /// Finds prompts (`Text` or `SSML` of a play-prompt, input, bot or loop-prompts action)
    /// longer than 3,000 characters of spoken text — the limit of one Amazon Polly speech
    /// request, which Amazon Connect uses to speak prompts. For SSML, tags do not count.
    ///
    /// ## Why is this bad?
    /// Text to speech fails on a longer prompt and the action takes its error branch: the caller
    /// hears nothing. Long prompts are also bad voice design: nobody remembers the first option
    /// of a two-minute menu.
    ///
    /// ## Example
    /// A terms-and-conditions text pasted into one `MessageParticipant`.
    ///
    /// ## Use instead
    /// Split the text into several prompts, or record it as an audio prompt, or better, send it
    /// by SMS and keep the spoken prompt short.
    PROMPT_TOO_LONG = "L013" "prompt-too-long" Check Error "a prompt is longer than text to speech accepts";
}

/// Characters of spoken text Amazon Polly accepts in one request (billed characters).
pub const MAX_PROMPT_CHARS: usize = 3_000;

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    for (key, text) in prompts(action) {
        // A character takes at least a byte, and tags only add: a short text is short enough.
        if text.len() <= MAX_PROMPT_CHARS {
            continue;
        }
        let spoken = if key == "SSML" {
            strip_tags(text).chars().count()
        } else {
            text.chars().count()
        };
        if spoken > MAX_PROMPT_CHARS {
            out.push(
                cx.finding(
                    PROMPT_TOO_LONG,
                    u,
                    a,
                    format!(
                        "the {key} prompt of {} has {spoken} characters; text to speech accepts {MAX_PROMPT_CHARS}",
                        cx.describe(u, a)
                    ),
                    "prompt too long",
                )
                .with_help(
                    "split it into several prompts, use a recorded prompt, or send the text by SMS",
                ),
            );
        }
    }
}
