//! Diagnostic codes of the Connect importer (`I001`–`I099`).
//!
//! Structural codes (`I001`–`I005`) mean the document cannot be modelled without loss, and
//! [`import_flow`](super::import_flow) returns no flow. The others still return the flow.

crate::define_codes! {
    /// ## What it means
    /// The file is not valid JSON. The label points at the place where the JSON parser gave up.
    ///
    /// ## Example
    /// ```json
    /// { "Version": "2019-10-30", "StartAction": "a", }
    /// ```
    /// (a trailing comma is not allowed in JSON)
    ///
    /// ## How to fix
    /// Correct the JSON at the label. If the file was copied out of a CloudFormation template or
    /// an API response, make sure it is the flow itself and that escaped quotes (`\"`) were
    /// unescaped.
    INVALID_JSON = "I001" "invalid-json" Import Error "the file is not valid JSON";

    /// ## What it means
    /// The file uses the legacy console export format, `{"modules": [...]}`, with types such as
    /// `PlayPrompt`, `GetUserInput` and `Transfer`. Consoles before about 2022 wrote it. The
    /// CreateContactFlow API, CloudFormation and Terraform do not accept it, and Dialect only
    /// reads the flow language (`Version`, `StartAction`, `Actions`).
    ///
    /// ## Example
    /// ```json
    /// { "modules": [ { "id": "1", "type": "PlayPrompt", "branches": [], "parameters": [] } ] }
    /// ```
    ///
    /// ## How to fix
    /// Open the flow in the current flow designer and export it again; the export is then in the
    /// flow language. Legacy types map to flow-language types, e.g. `PlayPrompt` →
    /// `MessageParticipant`, `GetUserInput` → `GetParticipantInput`, `CheckAttribute` →
    /// `Compare`, `SetAttributes` → `UpdateContactAttributes`.
    LEGACY_FLOW_FORMAT = "I002" "legacy-flow-format" Import Error "the file uses the legacy (pre-2022) flow export format";

    /// ## What it means
    /// A key the flow language requires is absent: `Version`, `StartAction` or `Actions` at the
    /// top; `Identifier`, `Type` or `Transitions` in an action; `ErrorType` or `NextAction` in
    /// an error branch; `NextAction`, `Condition`, `Operator` or `Operands` in a condition.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "greet", "Parameters": { "Text": "Hello" }, "Transitions": {} }
    /// ```
    /// (the action has no `Type`)
    ///
    /// ## How to fix
    /// Add the key. The message names its JSON path, e.g. `Actions[3].Type`.
    MISSING_KEY = "I003" "missing-key" Import Error "a required key is missing";

    /// ## What it means
    /// A key has a value of the wrong JSON kind: `Type` or `NextAction` that is not a string,
    /// `Transitions` that is not an object, `Actions` or `Errors` that is not an array, and so
    /// on.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "a", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": [] }
    /// ```
    ///
    /// ## How to fix
    /// Give the key a value of the kind the message asks for. Exports write every scalar as a
    /// string, so numbers and booleans are also written `"8"`, `"True"`.
    WRONG_TYPE = "I004" "wrong-type" Import Error "a value has the wrong JSON type";

    /// ## What it means
    /// The file is valid JSON but not a flow-language document: it is not an object, or it has
    /// neither `StartAction` nor `Actions`. Common cases are a DescribeContactFlow
    /// response (`{"ContactFlow": {"Content": "..."}}`), where the flow is the string in
    /// `Content`, and a CloudFormation template.
    ///
    /// ## Example
    /// ```json
    /// { "ContactFlow": { "Name": "Main", "Content": "{\"Version\":\"2019-10-30\", ...}" } }
    /// ```
    ///
    /// ## How to fix
    /// Import the flow document itself: for an API response, save the `Content` string (parsed)
    /// to its own file.
    NOT_A_FLOW = "I005" "not-a-flow" Import Error "the JSON document is not a Connect flow";

    /// ## What it means
    /// An action's `Type` is not one of the action types Dialect knows. The service rejects
    /// unknown types when the flow is published. The action is kept as written, so it survives
    /// import and emit, but checks and the simulator cannot reason about it.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "q", "Type": "TransferToQueue", "Parameters": {}, "Transitions": {} }
    /// ```
    /// (the type is `TransferContactToQueue`)
    ///
    /// ## How to fix
    /// Use the flow-language name; the help suggests the closest known type, and legacy names
    /// (`SetVoice`, `CheckAttribute`, …) are mapped to their flow-language names.
    UNKNOWN_ACTION_TYPE = "I006" "unknown-action-type" Import Warning "an action has an unknown type";

    /// ## What it means
    /// A parameter of a known action type has the wrong shape: a string where an object is
    /// expected, an object where a string is expected, and so on. The action's parameters are
    /// kept as raw JSON (so emit still reproduces them), but the action is not typed.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "InvokeLambdaFunction", "Parameters": { "InvocationTimeLimitSeconds": { "s": 8 } } }
    /// ```
    ///
    /// ## How to fix
    /// Write the parameter as the action reference describes. Scalars are strings in exports:
    /// `"InvocationTimeLimitSeconds": "8"`.
    INVALID_PARAMETERS = "I007" "invalid-parameters" Import Error "an action's parameters have the wrong shape";

    /// ## What it means
    /// A `NextAction` (of `Transitions`, of an error branch or of a condition) names an
    /// identifier that no action in the flow has. The service rejects such flows.
    ///
    /// ## Example
    /// ```json
    /// "Transitions": { "NextAction": "goodbye-typo", "Errors": [], "Conditions": [] }
    /// ```
    ///
    /// ## How to fix
    /// Point the branch at an existing action; the help suggests the closest identifier.
    UNKNOWN_TARGET = "I008" "unknown-target" Import Error "a transition names no action";

    /// ## What it means
    /// `StartAction` names an identifier that no action in the flow has, so the flow has no
    /// entry point.
    ///
    /// ## Example
    /// ```json
    /// { "Version": "2019-10-30", "StartAction": "start", "Actions": [] }
    /// ```
    ///
    /// ## How to fix
    /// Set `StartAction` to the identifier of the first action.
    UNKNOWN_START_ACTION = "I009" "unknown-start-action" Import Error "StartAction names no action";

    /// ## What it means
    /// Two actions share one `Identifier`. Identifiers must be unique in a flow; transitions
    /// to the identifier are ambiguous.
    ///
    /// ## Example
    /// ```json
    /// "Actions": [ { "Identifier": "a", ... }, { "Identifier": "a", ... } ]
    /// ```
    ///
    /// ## How to fix
    /// Rename one of them and update the transitions that should go to it. Both sites are
    /// labelled.
    DUPLICATE_IDENTIFIER = "I010" "duplicate-identifier" Import Error "two actions share an identifier";

    /// ## What it means
    /// An action `Identifier` breaks the service's rules: it must not be empty, has at most 50
    /// characters, must not contain any of `% : ( \ / ) = $ , ; [ ] { }`, and must not be one
    /// of the reserved names `__proto__`, `constructor`, `toString`, `valueOf`, … .
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "menu:main", ... }
    /// ```
    ///
    /// ## How to fix
    /// Rename the action (and the transitions to it). The console uses UUIDs; readable names
    /// with letters, digits, spaces, `-` and `_` are fine.
    INVALID_IDENTIFIER = "I011" "invalid-identifier" Import Error "an action identifier breaks the service rules";

    /// ## What it means
    /// `Version` is not `2019-10-30`, the only flow-language version Amazon Connect accepts.
    ///
    /// ## Example
    /// ```json
    /// { "Version": "2021-01-01", "StartAction": "a", "Actions": [ ... ] }
    /// ```
    ///
    /// ## How to fix
    /// Set `"Version": "2019-10-30"`. (The AWS testing language uses `2025-06-21`; test files
    /// are not flows.)
    UNSUPPORTED_VERSION = "I012" "unsupported-version" Import Error "the flow-language version is not 2019-10-30";
}
