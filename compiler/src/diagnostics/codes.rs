//! The table of stable diagnostic codes for the file, parse, resolve and emit stages.
//!
//! Rules (see CONTRIBUTING.md): a code is a stage letter and three digits; its kebab-case name
//! names the pattern; a number is never reused, even when a code is retired (it then stays here
//! with a `retired` note in its summary). The doc comment of each entry is what `dialect explain`
//! prints and what `docs/codes/` is generated from. Check codes (`L…`) live next to their checks;
//! import codes (`I…`) next to the importers; [`all`] gathers every table.

use super::Code;

/// Declares codes as `pub static NAME: Code` plus a `pub static ALL: &[Code]` of the module.
#[macro_export]
macro_rules! define_codes {
    ($(
        $(#[doc = $doc:literal])*
        $konst:ident = $id:literal $name:literal $stage:ident $sev:ident $summary:literal;
    )*) => {
        $(
            $(#[doc = $doc])*
            pub static $konst: $crate::diagnostics::Code = $crate::diagnostics::Code(&$crate::diagnostics::codes::CodeInfo {
                id: $id,
                name: $name,
                stage: $crate::diagnostics::Stage::$stage,
                severity: $crate::diagnostics::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            });
        )*
        /// Every code declared in this table, in declaration order.
        pub static ALL: &[$crate::diagnostics::Code] = &[$($konst),*];
    };
}

pub use super::code::CodeInfo;

/// Every code of the project, sorted by id.
#[must_use]
pub fn all() -> Vec<Code> {
    let mut v: Vec<Code> = ALL.to_vec();
    v.extend(crate::checks::ALL_CODES.iter().copied());
    v.extend(crate::connect::codes::ALL.iter().copied());
    v.extend(crate::lex::codes::ALL.iter().copied());
    v.extend(crate::lex::checks::all_codes());
    v.extend(crate::cfn::ALL.iter().copied());
    v.sort_by_key(|c| c.id());
    v
}

/// Looks a code up by id (`P001`, case-insensitive) or by name (`unexpected-token`).
#[must_use]
pub fn lookup(key: &str) -> Option<Code> {
    all()
        .into_iter()
        .find(|c| c.id().eq_ignore_ascii_case(key) || c.name() == key)
}

define_codes! {
    /// ## What it means
    /// A file named on the command line or in a `use` could not be read: it does not exist, is a
    /// directory where a file was expected, or is not readable.
    ///
    /// ## Example
    /// ```dial
    /// use "../common/hours.dial"   // but flows/common/hours.dial does not exist
    /// ```
    ///
    /// ## How to fix
    /// Check the path. `use` paths are relative to the file that contains the `use`.
    UNREADABLE_FILE = "F001" "unreadable-file" Files Error "a file could not be read";

    /// ## What it means
    /// A source file contains bytes that are not valid UTF-8. Dialect sources are UTF-8 text so
    /// that Japanese and English prompts survive every tool.
    ///
    /// ## How to fix
    /// Re-save the file as UTF-8 (many editors call it "UTF-8 without BOM"). Shift_JIS files must
    /// be converted, for example with `iconv -f SHIFT_JIS -t UTF-8`.
    INVALID_UTF8 = "F002" "invalid-utf8" Files Error "a file is not valid UTF-8";

    /// ## What it means
    /// An environment file (`environments/NAME.toml`) is not valid TOML, or a value in it is not a
    /// string, or it has a section Dialect does not know.
    ///
    /// ## Example
    /// ```toml
    /// [queues]
    /// Orders = 42          # must be a string (an ARN)
    /// ```
    ///
    /// ## How to fix
    /// Environment files have the sections `[connect]`, `[queues]`, `[lambdas]`, `[bots]`,
    /// `[flows]`, `[hours]`, `[phone_numbers]`, `[prompts]`, `[keys]` and `[values]`, each
    /// mapping a logical name to a string.
    INVALID_ENVIRONMENT = "F003" "invalid-environment" Files Error "an environment file is malformed";

    /// ## What it means
    /// The project file `dialect.toml` is not valid TOML or has an unknown key.
    ///
    /// ## How to fix
    /// See the "Project file" section of the README for the keys it accepts.
    INVALID_PROJECT_FILE = "F004" "invalid-project-file" Files Error "the project file is malformed";

    /// ## What it means
    /// The parser met something it did not expect at this point. The message lists what would
    /// have been valid.
    ///
    /// ## Example
    /// ```dial
    /// greet {
    ///   sya "Hello"        // a typo for `say`
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Use one of the expected words. `GRAMMAR.md` lists every statement.
    UNEXPECTED_TOKEN = "P001" "unexpected-token" Parse Error "unexpected text";

    /// ## What it means
    /// A block opened with `{` is never closed with `}` before the end of the file.
    ///
    /// ## Example
    /// ```dial
    /// flow Main {
    ///   start { hang up }
    /// // the closing brace of the flow is missing
    /// ```
    ///
    /// ## How to fix
    /// Add the missing `}`. The label points at the `{` that was left open.
    UNCLOSED_BLOCK = "P002" "unclosed-block" Parse Error "a block is not closed";

    /// ## What it means
    /// A string contains a backslash escape that Dialect does not know.
    ///
    /// ## How to fix
    /// The escapes are `\"`, `\\`, `\n`, `\t`, `\{`, `\}` and `\u{XXXX}` (a Unicode code point in
    /// hex). To write a backslash, write `\\`.
    INVALID_ESCAPE = "P003" "invalid-escape" Parse Error "unknown escape sequence in a string";

    /// ## What it means
    /// A string starts with `"` (or `"""`) but never ends.
    ///
    /// ## How to fix
    /// Close the string on the same line with `"`, or use `"""` … `"""` for text that spans
    /// several lines.
    UNTERMINATED_STRING = "P004" "unterminated-string" Parse Error "a string is not closed";

    /// ## What it means
    /// An arrow `->` is not followed by the step it should go to.
    ///
    /// ## Example
    /// ```dial
    /// timeout ->
    /// ```
    ///
    /// ## How to fix
    /// Name the step to go to (`timeout -> goodbye`) or a bounded retry
    /// (`timeout -> retry 2 then to_agent`).
    MISSING_TARGET = "P005" "missing-target" Parse Error "an arrow has no target";

    /// ## What it means
    /// The file contains nothing but whitespace and comments.
    ///
    /// ## How to fix
    /// Add a declaration (`flow`, `bot`, `integration`, …) or delete the file.
    EMPTY_FILE = "P006" "empty-file" Parse Warning "a file declares nothing";

    /// ## What it means
    /// A number, duration, date, time or key is malformed or out of range: `timeout 0s`,
    /// `2026-13-01`, `25:00`, `press 10`.
    ///
    /// ## How to fix
    /// Durations are written `8s`, `500ms` or `2m`; dates `2026-12-31`; times `09:00`; keypad keys
    /// are one of `0`–`9`, `*` and `#`.
    INVALID_LITERAL = "P007" "invalid-literal" Parse Error "a literal value is malformed or out of range";

    /// ## What it means
    /// A retry says `saying` but no re-prompt follows it.
    ///
    /// ## Example
    /// ```dial
    /// no match -> retry 2 saying then to_agent
    /// ```
    ///
    /// ## How to fix
    /// Write the text the caller hears before each retry, plain or SSML, as a string or a text
    /// block (`retry 2 saying "Sorry, I didn't catch that." then to_agent`), or remove `saying`
    /// to retry without a re-prompt.
    MISSING_REPROMPT = "P008" "missing-reprompt" Parse Error "`saying` has no text";

    /// ## What it means
    /// Two top-level declarations (flows, modules, bots, integrations, queues, hours, calendars)
    /// share one name. Every top-level name is global to the project, whatever its kind.
    ///
    /// ## How to fix
    /// Rename one of them. Both sites are labelled.
    DUPLICATE_DEFINITION = "R001" "duplicate-definition" Resolve Error "a name is defined twice";

    /// ## What it means
    /// A flow has two steps with the same name, or a bot two intents, an intent two slots, a
    /// slot type two values.
    ///
    /// ## How to fix
    /// Rename one of them; both sites are labelled.
    DUPLICATE_STEP = "R002" "duplicate-step" Resolve Error "a step, intent, slot or value is defined twice in one scope";

    /// ## What it means
    /// A name is used but nothing by that name is declared where it is visible: a step of the
    /// current flow, a flow, module, bot, intent, slot, slot type, integration, queue, hours or
    /// calendar. Top-level names are visible in their own file and in files it `use`s.
    ///
    /// ## Example
    /// ```dial
    /// greet { say "Hello" -> tak_order }   // the step is called take_order
    /// ```
    ///
    /// ## How to fix
    /// Fix the spelling (the help suggests the closest name), declare the missing thing, or add
    /// the `use` of the file that declares it.
    UNDEFINED_REFERENCE = "R003" "undefined-reference" Resolve Error "a name refers to nothing";

    /// ## What it means
    /// A name refers to a declaration of the wrong kind: a queue where an hours declaration is
    /// expected, a module where a flow is expected, and so on.
    ///
    /// ## Example
    /// ```dial
    /// check hours Orders     // Orders is a queue, not hours
    /// ```
    ///
    /// ## How to fix
    /// Refer to a declaration of the kind the statement needs.
    WRONG_KIND_OF_REFERENCE = "R004" "wrong-kind-of-reference" Resolve Error "a name refers to the wrong kind of thing";

    /// ## What it means
    /// An outcome (`name -> step`) is not one the statement can produce. Every statement has a
    /// fixed set of outcomes: a `menu` has `press N`, `timeout`, `invalid` and `error`; a `call`
    /// has `ok` and `error`; a `check hours` has `open`, `closed` and `error`.
    ///
    /// ## How to fix
    /// Use one of the outcomes listed in the help, or see GRAMMAR.md.
    UNKNOWN_OUTCOME = "R005" "unknown-outcome" Resolve Error "a statement cannot produce this outcome";

    /// ## What it means
    /// The same outcome is written twice in one statement; only the first would ever be taken.
    ///
    /// ## How to fix
    /// Delete one of them, or merge their targets.
    DUPLICATE_OUTCOME = "R006" "duplicate-outcome" Resolve Error "an outcome is written twice";

    /// ## What it means
    /// A setting has a value Dialect does not accept: an unknown flow kind, locale, voice engine,
    /// weekday, time zone or slot resolution strategy.
    ///
    /// ## How to fix
    /// Use one of the values listed in the help.
    INVALID_SETTING = "R007" "invalid-setting" Resolve Error "a setting has a value that is not allowed";

    /// ## What it means
    /// A statement follows one that ends the step (`hang up`, `-> step`, a transfer, `return`,
    /// `end`, or a statement whose every outcome goes elsewhere), so it can never run.
    ///
    /// ## How to fix
    /// Move the statement before the one that ends the step, or into a step of its own.
    CODE_AFTER_END = "R008" "code-after-end" Resolve Error "a statement can never run because the step has already ended";

    /// ## What it means
    /// A `$name.field` reference uses a namespace Dialect does not know, or a field the namespace
    /// does not have.
    ///
    /// ## How to fix
    /// The namespaces are `$caller`, `$system`, `$result`, `$slot`, `$intent`, `$input`,
    /// `$profile`, `$queue`, `$flow` and `$metrics`; a plain `$name` is a contact attribute. A raw
    /// Connect JSONPath (`$.Attributes.x`) is accepted as is.
    UNKNOWN_NAMESPACE = "R009" "unknown-namespace" Resolve Error "a reference uses an unknown namespace";

    /// ## What it means
    /// A statement is not allowed in this kind of flow or this place: `return` outside a module,
    /// `end` in an inbound flow, `dial` outside an outbound flow.
    ///
    /// ## How to fix
    /// Use the statement the flow kind expects (the help says which).
    MISPLACED_STATEMENT = "R010" "misplaced-statement" Resolve Error "a statement is not allowed here";

    /// ## What it means
    /// A declaration lacks something it needs: a flow without steps, a bot without a locale, an
    /// intent without utterances, an integration without a lambda, hours without a time zone.
    ///
    /// ## How to fix
    /// Add what the help names.
    MISSING_REQUIRED = "R011" "missing-required" Resolve Error "a declaration lacks a required part";

    /// ## What it means
    /// A value is written twice where it must be unique: two `kind` lines in one flow, the same
    /// keypad key twice in one menu, the same date twice in a calendar.
    ///
    /// ## How to fix
    /// Keep one of them.
    DUPLICATE_SETTING = "R012" "duplicate-setting" Resolve Error "a setting is given twice";

    /// ## What it means
    /// The parameters of a `connect` statement are not a JSON object.
    ///
    /// ## Example
    /// ```dial
    /// connect "MessageParticipant" """{"Text": "Hello"""" -> next_step
    /// ```
    ///
    /// ## How to fix
    /// Write the action's `Parameters` object as JSON; a text block (`"""..."""`) needs no
    /// escaping of its quotes.
    INVALID_CONNECT_PARAMETERS = "R013" "invalid-connect-parameters" Resolve Error "the parameters of a Connect action are not a JSON object";

    /// ## What it means
    /// A `connect` statement names an action type Dialect does not know. The action is kept as
    /// written, but Connect rejects unknown types when the flow is published.
    ///
    /// ## How to fix
    /// Check the spelling against the Connect flow language (the help suggests the closest
    /// known type).
    UNKNOWN_CONNECT_ACTION = "R014" "unknown-connect-action" Resolve Warning "a Connect action type is not known";

    /// ## What it means
    /// A test's `fail` line names an action the flow does not have. Actions are named as
    /// `dialect test --coverage-missed` and the call traces name them: a step's first statement
    /// is the step (`reserve`), later statements add their position (`reserve-2`), helper
    /// actions a role (`ask_mobile-store`, `care_queue-2-whisper`), and the flow's voice is
    /// `flow-voice`.
    ///
    /// ## Example
    /// ```dial
    /// test "the stock service is down" {
    ///   flow PhoneOrder
    ///   fail resrve-2
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Use a name the help lists, and `in FLOW` for an action of another flow or module.
    UNKNOWN_FAULT_ACTION = "R015" "unknown-fault-action" Resolve Error "a test makes an action fail that the flow does not have";

    /// ## What it means
    /// A test's `fail` line asks an action to raise an error it has no branch for: the action
    /// type cannot raise it in Connect, or Dialect does not write that branch (only error
    /// branches the action type can raise are written). `NoMatchingCondition` is never a fault:
    /// it is what a value that matches no condition gives, so write a scenario with such a value.
    ///
    /// ## Example
    /// ```dial
    /// fail greet with QueueAtCapacity   // `greet` says something; it can only fail with an error
    /// ```
    ///
    /// ## How to fix
    /// Use one of the errors the help lists (`error`, the default, is `NoMatchingError`).
    IMPOSSIBLE_FAULT = "R016" "impossible-fault" Resolve Error "a test makes an action raise an error it cannot raise";

    /// ## What it means
    /// An environment file does not define a logical name the project uses (a queue, lambda,
    /// bot, phone number, hours, key or value).
    ///
    /// ## Example
    /// ```toml
    /// # environments/prod.toml
    /// [lambdas]
    /// order-reserve-stock = "arn:aws:lambda:ap-northeast-1:123456789012:function:reserve"
    /// # order-send-payment-link is missing
    /// ```
    ///
    /// ## How to fix
    /// Add the name to the environment file's section, with the ARN or value for that
    /// environment.
    MISSING_ENVIRONMENT_VALUE = "E001" "missing-environment-value" Emit Error "an environment lacks a value the project uses";

    /// ## What it means
    /// Steps that contain nothing but `-> step` go to each other in a circle. Connect needs an
    /// action to run, and a caller entering these steps would go round for ever.
    ///
    /// ## Example
    /// ```dial
    /// a { -> b }
    /// b { -> a }
    /// ```
    ///
    /// ## How to fix
    /// Give one of the steps a statement that does something: `say`, `ask`, `hang up`.
    GOTO_CYCLE = "E002" "goto-cycle" Emit Error "steps only go to each other";

    /// ## What it means
    /// A number is outside what Connect accepts: more than 100 retries (a Connect loop counts
    /// to 100), an interdigit timeout outside 1 to 20 seconds, an end key sequence longer than
    /// 5 keys, a transfer timeout over 600 seconds, a callback delay over 3 days.
    ///
    /// ## Example
    /// ```dial
    /// timeout -> retry 200 then to_agent
    /// ```
    ///
    /// ## How to fix
    /// Use a value inside the range the label gives.
    VALUE_OUT_OF_RANGE = "E003" "value-out-of-range" Emit Error "a value is outside what Connect accepts";

    /// ## What it means
    /// The statement asks for something Connect flows cannot express, such as testing a queue
    /// metric with `!=`.
    ///
    /// ## How to fix
    /// Follow the help: usually the same logic written with the supported comparisons and
    /// `else`.
    UNSUPPORTED_IN_CONNECT = "E004" "unsupported-in-connect" Emit Error "Connect cannot express this";

    /// ## What it means
    /// Retired: Connect's service limits are now the graph check `L015` (service-limit), which
    /// `check` and `build` both run. The code is kept so that it is never given to anything
    /// else.
    ///
    /// ## How to fix
    /// See `dialect explain L015`.
    TOO_MANY_ACTIONS = "E005" "too-many-actions" Emit Error "a flow has more actions than Connect allows";

    /// ## What it means
    /// Retired: Connect's service limits are now the graph check `L015` (service-limit), which
    /// `check` and `build` both run. The code is kept so that it is never given to anything
    /// else.
    ///
    /// ## How to fix
    /// See `dialect explain L015`.
    FLOW_TOO_LARGE = "E006" "flow-too-large" Emit Error "a flow's JSON is larger than Connect allows";

    /// ## What it means
    /// Retired: where each Connect action may appear is now the graph check `L016`
    /// (misplaced-action), which `check` and `build` both run. The code is kept so that it is
    /// never given to anything else.
    ///
    /// ## How to fix
    /// See `dialect explain L016`.
    ACTION_NOT_ALLOWED = "E007" "action-not-allowed" Emit Error "a Connect action is not allowed in this kind of flow";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_documented() {
        let codes = all();
        let mut seen = std::collections::BTreeSet::new();
        for c in &codes {
            assert!(seen.insert(c.id()), "duplicate code id {}", c.id());
            assert_eq!(
                c.id().len(),
                4,
                "{} is not a letter and three digits",
                c.id()
            );
            assert!(
                c.id()[1..].chars().all(|ch| ch.is_ascii_digit()),
                "{}",
                c.id()
            );
            assert!(
                c.name()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{} name {} is not kebab-case",
                c.id(),
                c.name()
            );
            assert!(
                !c.info().doc.trim().is_empty(),
                "{} has no documentation",
                c.id()
            );
        }
        let names: std::collections::BTreeSet<_> = codes.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), codes.len(), "two codes share a name");
    }

    #[test]
    fn lookup_by_id_or_name() {
        assert_eq!(lookup("p001").map(Code::id), Some("P001"));
        assert_eq!(lookup("undefined-reference").map(Code::id), Some("R003"));
        assert!(lookup("X999").is_none());
    }
}
