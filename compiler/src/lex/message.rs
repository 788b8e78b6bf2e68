//! Messages, message groups and the two specifications that hold them: prompts (asked, with
//! retries) and responses (said).
//!
//! ```json
//! "promptSpecification": {
//!   "maxRetries": 2, "allowInterrupt": true, "messageSelectionStrategy": "Random",
//!   "messageGroupsList": [
//!     {"message": {"plainTextMessage": {"value": "What size?"}},
//!      "variations": [{"ssmlMessage": {"value": "<speak>Which size?</speak>"}}]}]}
//! ```
//! CloudFormation spells the same keys in PascalCase (`SSMLMessage`, `Buttons` for
//! `buttonsList`). Retry settings (`promptAttemptsSpecification`) stay in the extra map.

use super::Extra;
use super::codes;
use super::read::{Obj, Reader};
use super::scalar::{Scalar, Text, string_enum};
use super::write::{Out, WriteJson};

const VALUE: (&str, &str) = ("value", "Value");
const PLAIN_TEXT: (&str, &str) = ("plainTextMessage", "PlainTextMessage");
const SSML: (&str, &str) = ("ssmlMessage", "SSMLMessage");
const CUSTOM_PAYLOAD: (&str, &str) = ("customPayload", "CustomPayload");
const IMAGE_CARD: (&str, &str) = ("imageResponseCard", "ImageResponseCard");
const MESSAGE_GROUPS: (&str, &str) = ("messageGroupsList", "MessageGroupsList");
const ALLOW_INTERRUPT: (&str, &str) = ("allowInterrupt", "AllowInterrupt");

/// An object holding one text: `{"value": "…"}` (plain text, SSML, custom payload, slot-type
/// values and synonyms).
#[derive(Debug, Clone, PartialEq)]
pub struct TextValue {
    /// `value` / `Value`.
    pub value: Text,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl TextValue {
    /// `{"value": text}`.
    #[must_use]
    pub fn new(text: impl Into<Text>) -> Self {
        Self {
            value: text.into(),
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let value = o.req::<String>(r, VALUE);
        Some(Self {
            value: value?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for TextValue {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(VALUE, &self.value);
        out.finish(&self.extra, &[])
    }
}

/// A button of an image response card.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    /// What the button shows (`text` / `Text`, 1–50 characters).
    pub text: Text,
    /// What choosing it sends (`value` / `Value`, 1–50 characters).
    pub value: Text,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl Button {
    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let text = o.req::<String>(r, ("text", "Text"));
        let value = o.req::<String>(r, VALUE);
        Some(Self {
            text: text?,
            value: value?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for Button {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(("text", "Text"), &self.text);
        out.scalar(VALUE, &self.value);
        out.finish(&self.extra, &[])
    }
}

/// A card with a title, an optional image and up to five buttons (chat channels).
#[derive(Debug, Clone, PartialEq)]
pub struct ImageResponseCard {
    /// `title` / `Title` (required).
    pub title: Text,
    /// `subtitle` / `Subtitle`.
    pub subtitle: Option<Text>,
    /// `imageUrl` / `ImageUrl`.
    pub image_url: Option<Text>,
    /// `buttonsList` in export files, `Buttons` in CloudFormation.
    pub buttons: Option<Vec<Button>>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl ImageResponseCard {
    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let title = o.req::<String>(r, ("title", "Title"));
        let subtitle = o.opt::<String>(r, ("subtitle", "Subtitle"));
        let image_url = o.opt::<String>(r, ("imageUrl", "ImageUrl"));
        let buttons = o.opt_list(r, ("buttonsList", "Buttons"), Button::read);
        Some(Self {
            title: title?,
            subtitle,
            image_url,
            buttons,
            extra: o.finish(),
        })
    }
}

impl WriteJson for ImageResponseCard {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(("title", "Title"), &self.title);
        out.opt(("subtitle", "Subtitle"), self.subtitle.as_ref());
        out.opt(("imageUrl", "ImageUrl"), self.image_url.as_ref());
        out.opt_list(("buttonsList", "Buttons"), self.buttons.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// One message. Lex uses exactly one of the four kinds; export files write the other three
/// as `null` (those nulls are kept in [`Message::extra`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Message {
    /// `plainTextMessage` / `PlainTextMessage`: text, 1–1000 characters.
    pub plain_text: Option<TextValue>,
    /// `ssmlMessage` / `SSMLMessage`: a `<speak>…</speak>` document for Amazon Polly.
    pub ssml: Option<TextValue>,
    /// `customPayload` / `CustomPayload`: opaque text the client interprets.
    pub custom_payload: Option<TextValue>,
    /// `imageResponseCard` / `ImageResponseCard`.
    pub image_response_card: Option<ImageResponseCard>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl Message {
    /// A plain-text message.
    #[must_use]
    pub fn plain_text(text: impl Into<Text>) -> Self {
        Self {
            plain_text: Some(TextValue::new(text)),
            ..Self::default()
        }
    }

    /// An SSML message (`text` is the whole `<speak>` document).
    #[must_use]
    pub fn ssml(text: impl Into<Text>) -> Self {
        Self {
            ssml: Some(TextValue::new(text)),
            ..Self::default()
        }
    }

    /// The text of the message, whichever kind it is (an image card gives its title).
    #[must_use]
    pub fn text(&self) -> Option<&Text> {
        self.plain_text
            .as_ref()
            .or(self.ssml.as_ref())
            .or(self.custom_payload.as_ref())
            .map(|t| &t.value)
            .or(self.image_response_card.as_ref().map(|c| &c.title))
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let before = r.error_count();
        let plain_text = o.opt_obj(r, PLAIN_TEXT, TextValue::read);
        let ssml = o.opt_obj(r, SSML, TextValue::read);
        let custom_payload = o.opt_obj(r, CUSTOM_PAYLOAD, TextValue::read);
        let image_response_card = o.opt_obj(r, IMAGE_CARD, ImageResponseCard::read);
        let path = o.path().to_owned();
        let extra = o.finish();
        let kinds = [PLAIN_TEXT, SSML, CUSTOM_PAYLOAD, IMAGE_CARD];
        let kept = kinds
            .iter()
            .any(|k| extra.get(r.style.pick(*k)).is_some_and(|v| !v.is_null()));
        let typed = plain_text.is_some()
            || ssml.is_some()
            || custom_payload.is_some()
            || image_response_card.is_some();
        if !typed && !kept && r.error_count() == before {
            let names: Vec<&str> = kinds.iter().map(|k| r.style.pick(*k)).collect();
            r.issue(
                codes::MISSING_KEY,
                &path,
                format!("a message needs one of `{}`", names.join("`, `")),
            );
            return None;
        }
        Some(Self {
            plain_text,
            ssml,
            custom_payload,
            image_response_card,
            extra,
        })
    }
}

impl WriteJson for Message {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.opt_obj(PLAIN_TEXT, self.plain_text.as_ref());
        out.opt_obj(SSML, self.ssml.as_ref());
        out.opt_obj(CUSTOM_PAYLOAD, self.custom_payload.as_ref());
        out.opt_obj(IMAGE_CARD, self.image_response_card.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// A message and up to two variations; Lex says one of them.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageGroup {
    /// `message` / `Message`.
    pub message: Message,
    /// `variations` / `Variations` (at most two).
    pub variations: Option<Vec<Message>>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl MessageGroup {
    /// A group with one message and no variations.
    #[must_use]
    pub fn new(message: Message) -> Self {
        Self {
            message,
            variations: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let message = o.req_obj(r, ("message", "Message"), Message::read);
        let variations = o.opt_list(r, ("variations", "Variations"), Message::read);
        Some(Self {
            message: message?,
            variations,
            extra: o.finish(),
        })
    }
}

impl WriteJson for MessageGroup {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.obj(("message", "Message"), &self.message);
        out.opt_list(("variations", "Variations"), self.variations.as_ref());
        out.finish(&self.extra, &[])
    }
}

string_enum! {
    /// How Lex picks among message groups: `messageSelectionStrategy`.
    MessageSelectionStrategy {
        /// A random group each time (the default).
        Random = "Random",
        /// The groups in order.
        Ordered = "Ordered",
    }
}

/// A question Lex asks and repeats: slot elicitation, intent confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptSpecification {
    /// `maxRetries` / `MaxRetries`: how often Lex asks again (0–5, required).
    pub max_retries: Scalar<u32>,
    /// `messageGroupsList` / `MessageGroupsList`: 1–5 groups (required).
    pub message_groups: Vec<MessageGroup>,
    /// `allowInterrupt` / `AllowInterrupt`: whether the caller may barge in.
    pub allow_interrupt: Option<Scalar<bool>>,
    /// `messageSelectionStrategy` / `MessageSelectionStrategy`.
    pub message_selection_strategy: Option<Scalar<MessageSelectionStrategy>>,
    /// Keys not modelled (`promptAttemptsSpecification`: per-attempt DTMF and voice settings).
    pub extra: Extra,
}

impl PromptSpecification {
    /// A prompt with the given retries and message groups.
    #[must_use]
    pub fn new(max_retries: u32, message_groups: Vec<MessageGroup>) -> Self {
        Self {
            max_retries: Scalar::Lit(max_retries),
            message_groups,
            allow_interrupt: None,
            message_selection_strategy: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let max_retries = o.req::<u32>(r, ("maxRetries", "MaxRetries"));
        let message_groups = o.req_list(r, MESSAGE_GROUPS, MessageGroup::read);
        let allow_interrupt = o.opt::<bool>(r, ALLOW_INTERRUPT);
        let message_selection_strategy =
            o.opt(r, ("messageSelectionStrategy", "MessageSelectionStrategy"));
        Some(Self {
            max_retries: max_retries?,
            message_groups: message_groups?,
            allow_interrupt,
            message_selection_strategy,
            extra: o.finish(),
        })
    }
}

impl WriteJson for PromptSpecification {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(("maxRetries", "MaxRetries"), &self.max_retries);
        out.list(MESSAGE_GROUPS, &self.message_groups);
        out.opt(ALLOW_INTERRUPT, self.allow_interrupt.as_ref());
        out.opt(
            ("messageSelectionStrategy", "MessageSelectionStrategy"),
            self.message_selection_strategy.as_ref(),
        );
        out.finish(&self.extra, &[])
    }
}

/// Something Lex says without waiting for an answer: closing, declination, success and
/// failure responses, the initial response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSpecification {
    /// `messageGroupsList` / `MessageGroupsList`: 1–5 groups (required).
    pub message_groups: Vec<MessageGroup>,
    /// `allowInterrupt` / `AllowInterrupt`.
    pub allow_interrupt: Option<Scalar<bool>>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl ResponseSpecification {
    /// A response with the given message groups.
    #[must_use]
    pub fn new(message_groups: Vec<MessageGroup>) -> Self {
        Self {
            message_groups,
            allow_interrupt: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let message_groups = o.req_list(r, MESSAGE_GROUPS, MessageGroup::read);
        let allow_interrupt = o.opt::<bool>(r, ALLOW_INTERRUPT);
        Some(Self {
            message_groups: message_groups?,
            allow_interrupt,
            extra: o.finish(),
        })
    }
}

impl WriteJson for ResponseSpecification {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.list(MESSAGE_GROUPS, &self.message_groups);
        out.opt(ALLOW_INTERRUPT, self.allow_interrupt.as_ref());
        out.finish(&self.extra, &[])
    }
}
