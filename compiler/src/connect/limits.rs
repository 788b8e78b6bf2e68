//! Service limits of the Connect flow language and the rules for action identifiers.
//!
//! Values come from the reference (`connect-flow-language.md` §2 and §6). The importer checks
//! only identifiers and the version; the emit stage checks the size limits with these constants.

/// The only flow-language `Version` Amazon Connect accepts.
pub const FLOW_LANGUAGE_VERSION: &str = "2019-10-30";

/// Actions per flow.
pub const MAX_ACTIONS: usize = 250;

/// Characters of flow content (`Content` of CreateContactFlow / CloudFormation).
pub const MAX_CONTENT_CHARS: usize = 256_000;

/// Characters of a flow name (CloudFormation).
pub const MAX_FLOW_NAME_CHARS: usize = 127;

/// Characters of a flow description.
pub const MAX_DESCRIPTION_CHARS: usize = 500;

/// Characters of an action `Identifier`.
pub const MAX_IDENTIFIER_CHARS: usize = 50;

/// Characters an `Identifier` must not contain.
pub const FORBIDDEN_IDENTIFIER_CHARS: &[char] = &[
    '%', ':', '(', '\\', '/', ')', '=', '$', ',', ';', '[', ']', '{', '}',
];

/// Names an `Identifier` must not be (JavaScript object property names).
pub const FORBIDDEN_IDENTIFIERS: &[&str] = &[
    "__proto__",
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "toString",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "valueOf",
];

/// UTF-8 bytes of all contact attributes of one contact.
pub const MAX_CONTACT_ATTRIBUTES_BYTES: usize = 32_768;

/// `InvocationTimeLimitSeconds` of `InvokeLambdaFunction`.
pub const MAX_LAMBDA_TIMEOUT_SECONDS: u32 = 8;

/// `LoopCount` of `Loop`.
pub const MAX_LOOP_COUNT: u32 = 100;

/// `Wait` timeout (7 days).
pub const MAX_WAIT_SECONDS: u32 = 604_800;

/// `InitialCallDelaySeconds` and `RetryDelaySeconds` of `CreateCallbackContact` (3 days).
pub const MAX_CALLBACK_DELAY_SECONDS: u32 = 259_200;

/// `DelaySeconds` of `CreateTask` (6 days).
pub const MAX_TASK_DELAY_SECONDS: u32 = 518_400;

/// Connection timeout of `TransferParticipantToThirdParty` and `CompleteOutboundCall`.
pub const MAX_CONNECTION_TIMEOUT_SECONDS: u32 = 600;

/// Range of `DTMFConfiguration.InterdigitTimeLimitSeconds`.
pub const INTERDIGIT_TIME_LIMIT_SECONDS: std::ops::RangeInclusive<u32> = 1..=20;

/// Digits of `DTMFConfiguration.InputTerminationSequence`.
pub const MAX_TERMINATION_SEQUENCE_DIGITS: usize = 5;

/// Characters of `ThirdPartyDTMFDigits`.
pub const MAX_THIRD_PARTY_DTMF_DIGITS: usize = 50;

/// Nesting depth of condition operands (docs only; no export uses nesting).
pub const MAX_CONDITION_DEPTH: usize = 5;

/// Sub-conditions in one condition, in total (docs only).
pub const MAX_SUB_CONDITIONS: usize = 50;

/// Approximate payload limit of `ShowView` inputs plus attributes, in bytes.
pub const MAX_SHOW_VIEW_PAYLOAD_BYTES: usize = 16_384;

/// [`FORBIDDEN_IDENTIFIER_CHARS`] (all ASCII) by byte.
const FORBIDDEN_IDENTIFIER_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut i = 0;
    while i < FORBIDDEN_IDENTIFIER_CHARS.len() {
        table[FORBIDDEN_IDENTIFIER_CHARS[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether [`validate_identifier`] accepts `id`, without building its message: one pass over
/// the bytes (the lowering asks for every identifier it makes). A byte at or above 0x80 is part
/// of a non-ASCII character, never a forbidden one; the character count is only taken when the
/// byte length could exceed the limit.
#[must_use]
pub fn is_valid_identifier(id: &str) -> bool {
    !id.is_empty()
        && (id.len() <= MAX_IDENTIFIER_CHARS || id.chars().count() <= MAX_IDENTIFIER_CHARS)
        && !id
            .bytes()
            .any(|b| FORBIDDEN_IDENTIFIER_BYTES.get(usize::from(b)) == Some(&true))
        && !FORBIDDEN_IDENTIFIERS.contains(&id)
}

/// Checks an action `Identifier` against the service rules: not empty, at most
/// [`MAX_IDENTIFIER_CHARS`] characters (Unicode scalar values), none of
/// [`FORBIDDEN_IDENTIFIER_CHARS`], and not one of [`FORBIDDEN_IDENTIFIERS`].
///
/// # Errors
/// A sentence saying which rule the identifier breaks.
pub fn validate_identifier(id: &str) -> Result<(), String> {
    if is_valid_identifier(id) {
        return Ok(());
    }
    if id.is_empty() {
        return Err("an identifier must not be empty".to_owned());
    }
    let len = id.chars().count();
    if len > MAX_IDENTIFIER_CHARS {
        return Err(format!(
            "an identifier has at most {MAX_IDENTIFIER_CHARS} characters; this one has {len}"
        ));
    }
    if let Some(c) = id.chars().find(|c| FORBIDDEN_IDENTIFIER_CHARS.contains(c)) {
        return Err(format!(
            "an identifier must not contain `{c}` (forbidden: `% : ( \\ / ) = $ , ; [ ] {{ }}`)"
        ));
    }
    if FORBIDDEN_IDENTIFIERS.contains(&id) {
        return Err(format!(
            "`{id}` is a reserved name and cannot be an identifier"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_valid_identifier_agrees_with_validate_identifier() {
        let long = "a".repeat(MAX_IDENTIFIER_CHARS);
        let long_wide = "点".repeat(MAX_IDENTIFIER_CHARS);
        let mut cases = vec![
            String::new(),
            "greet".to_owned(),
            "ask-2-store".to_owned(),
            "受付".to_owned(),
            long.clone(),
            format!("{long}a"),
            long_wide.clone(),
            format!("{long_wide}点"),
        ];
        cases.extend(FORBIDDEN_IDENTIFIERS.iter().map(|s| (*s).to_owned()));
        cases.extend(FORBIDDEN_IDENTIFIER_CHARS.iter().map(|c| format!("a{c}b")));
        cases.extend(["a~b", "a b", "é%", "x-y_z.1"].map(str::to_owned));
        for id in &cases {
            assert_eq!(
                is_valid_identifier(id),
                validate_identifier(id).is_ok(),
                "{id:?}"
            );
        }
        assert!(is_valid_identifier(&long_wide));
        assert!(!is_valid_identifier("a$b"));
    }

    #[test]
    fn identifiers() {
        assert!(validate_identifier("098007b7-e257-4b7c-9c3c-741d4680517d").is_ok());
        assert!(validate_identifier("Set Receipt Queue ID").is_ok());
        assert!(validate_identifier("お知らせ").is_ok());
        assert!(validate_identifier(&"x".repeat(50)).is_ok());
        assert!(validate_identifier(&"x".repeat(51)).is_err());
        assert!(validate_identifier(&"あ".repeat(50)).is_ok());
        assert!(validate_identifier("").is_err());
        for bad in [
            "a:b", "a%", "(x)", "a\\b", "a/b", "a=b", "$x", "a,b", "a;b", "[a]", "{a}",
        ] {
            assert!(validate_identifier(bad).is_err(), "{bad}");
        }
        assert!(
            validate_identifier("__proto__")
                .unwrap_err()
                .contains("reserved")
        );
        assert!(validate_identifier("toString").is_err());
        assert!(validate_identifier("tostring").is_ok());
    }
}
