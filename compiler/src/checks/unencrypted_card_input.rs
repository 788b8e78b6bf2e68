//! `L011 unencrypted-card-input`: keypad input that looks like a card number, stored in clear.

use super::{Context, Finding, prompts};
use crate::connect::Action;
use crate::connect::ActionKind;
use crate::connect::Scalar;

crate::define_codes! {
    /// ## What it does
    /// Finds keypad input that is stored (`GetParticipantInput` with `StoreInput` true) without
    /// `InputEncryption` when it looks like a payment card number: it accepts 13 to 19 digits
    /// (`CustomValidation.MaximumLength`), or its prompt asks for a card (`card`, `credit`,
    /// `カード`).
    ///
    /// ## Why is this bad?
    /// Stored input lands in `$.StoredCustomerInput` in clear text, and from there in contact
    /// attributes, logs and Lambda payloads. Card numbers in clear break PCI DSS. Scenario A of
    /// the product takes payment on a web page precisely so that no card number is ever said or
    /// keyed on the phone.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "card", "Type": "GetParticipantInput",
    ///   "Parameters": { "Text": "Please enter your card number", "StoreInput": "True",
    ///     "InputValidation": { "CustomValidation": { "MaximumLength": "16" } } }, … }
    /// ```
    ///
    /// ## Use instead
    /// Send a payment link instead, or encrypt the input with the instance's key:
    /// ```json
    ///     "InputEncryption": { "EncryptionKeyId": "key-1", "Key": "-----BEGIN CERTIFICATE-----…" }
    /// ```
    /// In `.dial`: `input $card "…" max 16 digits encrypted with payments` (`payments` names a key
    /// of the environment file's `[keys]`).
    UNENCRYPTED_CARD_INPUT = "L011" "unencrypted-card-input" Check Error "card-number-like input is stored without encryption";
}

const CARD_WORDS: &[&str] = &["card", "credit", "カード", "クレジット"];

pub(super) fn check_action(
    cx: &Context<'_>,
    u: usize,
    a: usize,
    action: &Action,
    out: &mut Vec<Finding>,
) {
    let ActionKind::GetParticipantInput(p) = &action.kind else {
        return;
    };
    if !p.stores_input() || p.input_encryption.is_some() {
        return;
    }
    let max = p
        .input_validation
        .as_ref()
        .and_then(|v| v.custom_validation.as_ref())
        .and_then(|c| c.maximum_length.as_ref())
        .and_then(Scalar::as_u32);
    let long = max.is_some_and(|m| (13..=19).contains(&m));
    let mentions = prompts(action).any(|(_, text)| {
        let lower = text.to_lowercase();
        CARD_WORDS.iter().any(|w| lower.contains(w))
    });
    if !(long || mentions) {
        return;
    }
    let why = if long {
        format!("accepts up to {} digits", max.unwrap_or_default())
    } else {
        "its prompt asks for a card".to_owned()
    };
    out.push(
        cx.finding(
            UNENCRYPTED_CARD_INPUT,
            u,
            a,
            format!(
                "{} stores what looks like a card number without encryption ({why})",
                cx.describe(u, a)
            ),
            "stored in clear text",
        )
        .with_help(
            "take payment outside the call (a payment link by SMS), or add `InputEncryption` with the instance's key (in `.dial`: `encrypted with key …`)",
        ),
    );
}
