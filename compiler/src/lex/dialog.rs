//! The conversation settings of an intent: what Lex says right after recognising it, the
//! confirmation question and the answers to yes/no, the closing response, and the Lambda code
//! hooks. Next steps, conditionals and post-code-hook branches are not modelled; they stay in
//! the `extra` maps exactly as written.

use super::Extra;
use super::message::{PromptSpecification, ResponseSpecification};
use super::read::{Obj, Reader};
use super::scalar::Scalar;
use super::write::{Out, WriteJson};

const IS_ACTIVE: (&str, &str) = ("isActive", "IsActive");
const ENABLED: (&str, &str) = ("enabled", "Enabled");
const PROMPT: (&str, &str) = ("promptSpecification", "PromptSpecification");
const CONFIRMATION_RESPONSE: (&str, &str) = ("confirmationResponse", "ConfirmationResponse");
const DECLINATION_RESPONSE: (&str, &str) = ("declinationResponse", "DeclinationResponse");
const FAILURE_RESPONSE: (&str, &str) = ("failureResponse", "FailureResponse");
const CLOSING_RESPONSE: (&str, &str) = ("closingResponse", "ClosingResponse");
const INITIAL_RESPONSE: (&str, &str) = ("initialResponse", "InitialResponse");

/// The confirmation question asked before fulfilment: `intentConfirmationSetting`.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentConfirmationSetting {
    /// `isActive` / `IsActive`.
    pub is_active: Option<Scalar<bool>>,
    /// `promptSpecification` / `PromptSpecification`: the yes/no question (required).
    pub prompt: PromptSpecification,
    /// `confirmationResponse`: said when the caller says yes.
    pub confirmation_response: Option<ResponseSpecification>,
    /// `declinationResponse`: said when the caller says no.
    pub declination_response: Option<ResponseSpecification>,
    /// `failureResponse`: said when no usable answer came after the retries.
    pub failure_response: Option<ResponseSpecification>,
    /// Keys not modelled (next steps, conditionals, code hooks), as written.
    pub extra: Extra,
}

impl IntentConfirmationSetting {
    /// A confirmation with a question and, optionally, a declination response.
    #[must_use]
    pub fn new(
        prompt: PromptSpecification,
        declination_response: Option<ResponseSpecification>,
    ) -> Self {
        Self {
            is_active: None,
            prompt,
            confirmation_response: None,
            declination_response,
            failure_response: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let is_active = o.opt::<bool>(r, IS_ACTIVE);
        let prompt = o.req_obj(r, PROMPT, PromptSpecification::read);
        let confirmation_response =
            o.opt_obj(r, CONFIRMATION_RESPONSE, ResponseSpecification::read);
        let declination_response = o.opt_obj(r, DECLINATION_RESPONSE, ResponseSpecification::read);
        let failure_response = o.opt_obj(r, FAILURE_RESPONSE, ResponseSpecification::read);
        Some(Self {
            is_active,
            prompt: prompt?,
            confirmation_response,
            declination_response,
            failure_response,
            extra: o.finish(),
        })
    }
}

impl WriteJson for IntentConfirmationSetting {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.opt(IS_ACTIVE, self.is_active.as_ref());
        out.obj(PROMPT, &self.prompt);
        out.opt_obj(CONFIRMATION_RESPONSE, self.confirmation_response.as_ref());
        out.opt_obj(DECLINATION_RESPONSE, self.declination_response.as_ref());
        out.opt_obj(FAILURE_RESPONSE, self.failure_response.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// What Lex says when the intent is done: `intentClosingSetting`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntentClosingSetting {
    /// `isActive` / `IsActive`.
    pub is_active: Option<Scalar<bool>>,
    /// `closingResponse` / `ClosingResponse`.
    pub closing_response: Option<ResponseSpecification>,
    /// Keys not modelled (`nextStep`, `conditional`), as written.
    pub extra: Extra,
}

impl IntentClosingSetting {
    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let is_active = o.opt::<bool>(r, IS_ACTIVE);
        let closing_response = o.opt_obj(r, CLOSING_RESPONSE, ResponseSpecification::read);
        Some(Self {
            is_active,
            closing_response,
            extra: o.finish(),
        })
    }
}

impl WriteJson for IntentClosingSetting {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.opt(IS_ACTIVE, self.is_active.as_ref());
        out.opt_obj(CLOSING_RESPONSE, self.closing_response.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// What happens right after the intent is recognised: `initialResponseSetting`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InitialResponseSetting {
    /// `initialResponse` / `InitialResponse`: said first.
    pub initial_response: Option<ResponseSpecification>,
    /// Keys not modelled (`codeHook`, `nextStep`, `conditional`), as written.
    pub extra: Extra,
}

impl InitialResponseSetting {
    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let initial_response = o.opt_obj(r, INITIAL_RESPONSE, ResponseSpecification::read);
        Some(Self {
            initial_response,
            extra: o.finish(),
        })
    }
}

impl WriteJson for InitialResponseSetting {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.opt_obj(INITIAL_RESPONSE, self.initial_response.as_ref());
        out.finish(&self.extra, &[])
    }
}

/// The legacy switch that calls the alias's Lambda on every turn: `dialogCodeHook`.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogCodeHook {
    /// `enabled` / `Enabled` (required).
    pub enabled: Scalar<bool>,
    /// Keys not modelled, as written.
    pub extra: Extra,
}

impl DialogCodeHook {
    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let enabled = o.req::<bool>(r, ENABLED);
        Some(Self {
            enabled: enabled?,
            extra: o.finish(),
        })
    }
}

impl WriteJson for DialogCodeHook {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(ENABLED, &self.enabled);
        out.finish(&self.extra, &[])
    }
}

/// Fulfilment by the alias's Lambda: `fulfillmentCodeHook`.
#[derive(Debug, Clone, PartialEq)]
pub struct FulfillmentCodeHook {
    /// `enabled` / `Enabled` (required): call the Lambda to fulfil the intent.
    pub enabled: Scalar<bool>,
    /// `isActive` / `IsActive`.
    pub is_active: Option<Scalar<bool>>,
    /// Keys not modelled (`postFulfillmentStatusSpecification`,
    /// `fulfillmentUpdatesSpecification`), as written.
    pub extra: Extra,
}

impl FulfillmentCodeHook {
    /// An enabled or disabled fulfilment hook.
    #[must_use]
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled: Scalar::Lit(enabled),
            is_active: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn read(r: &mut Reader, mut o: Obj<'_>) -> Option<Self> {
        let enabled = o.req::<bool>(r, ENABLED);
        let is_active = o.opt::<bool>(r, IS_ACTIVE);
        Some(Self {
            enabled: enabled?,
            is_active,
            extra: o.finish(),
        })
    }
}

impl WriteJson for FulfillmentCodeHook {
    fn write_fields(&self, out: &mut Out<'_>) {
        out.scalar(ENABLED, &self.enabled);
        out.opt(IS_ACTIVE, self.is_active.as_ref());
        out.finish(&self.extra, &[])
    }
}
