//! Diagnostic codes of the Lex importer (`I100`–`I199`).
//!
//! Every diagnostic of the Lex importers names the file (a path inside the export zip, or
//! `template`) and the JSON path of the offending value in a note, for example
//! ``in `PizzaShop/BotLocales/en_US/BotLocale.json` at `nluConfidenceThreshold` ``.

crate::define_codes! {
    /// ## What it means
    /// A file of a Lex export (`Manifest.json`, `Bot.json`, `BotLocale.json`, `Intent.json`,
    /// `Slot.json`, `SlotType.json`, …) is not valid UTF-8 JSON, or its top level is not an
    /// object.
    ///
    /// ## Example
    /// ```json
    /// {"name": "PizzaShop", "version": "DRAFT",
    /// ```
    ///
    /// ## How to fix
    /// Re-export the bot from the Lex console, or repair the file: the message gives the line
    /// and column where the JSON parser stopped.
    MALFORMED_JSON = "I100" "lex-malformed-json" Import Error "a file of a Lex export is not valid JSON";

    /// ## What it means
    /// A CloudFormation template is not valid YAML or JSON, or its top level is not a mapping.
    /// Short-form intrinsic functions (`!Ref`, `!GetAtt`, `!Sub`, …) are understood; YAML 1.2
    /// rules apply, and keys may not repeat within one mapping.
    ///
    /// ## Example
    /// ```yaml
    /// Resources:
    ///   Bot:
    ///     Type: AWS::Lex::Bot
    ///      Properties:        # indented one space too far
    /// ```
    ///
    /// ## How to fix
    /// Repair the template at the line and column given; `cfn-lint` reports the same problem.
    MALFORMED_TEMPLATE = "I101" "lex-malformed-template" Import Error "a CloudFormation template is not valid YAML or JSON";

    /// ## What it means
    /// The bytes given as a Lex export are not a zip archive that can be read: they are
    /// truncated, not a zip at all, password-protected, use a compression method other than
    /// deflate or stored, or unpack to more than the size limit (256 MiB).
    ///
    /// ## How to fix
    /// Export the bot again (`CreateExport` with `fileFormat` `LexJson`, without a
    /// `filePassword`), or unpack the archive yourself and import the folder.
    MALFORMED_ZIP = "I102" "lex-malformed-zip" Import Error "a Lex export zip cannot be read";

    /// ## What it means
    /// A file that the export layout requires is missing: `<Bot>/Bot.json`, the
    /// `BotLocale.json` of a locale folder, the `Intent.json` of an intent folder, the
    /// `Slot.json` of a slot folder or the `SlotType.json` of a slot-type folder.
    ///
    /// ## Example
    /// ```text
    /// PizzaShop/BotLocales/en_US/Intents/MakePizza/Slots/crust/   (folder without Slot.json)
    /// ```
    ///
    /// ## How to fix
    /// Add the file, or delete the folder. A complete export has one JSON file per bot,
    /// locale, intent, slot and custom slot type.
    MISSING_FILE = "I103" "lex-missing-file" Import Error "a file required by the Lex export layout is missing";

    /// ## What it means
    /// The export has no `Manifest.json`. Amazon Lex refuses to import a zip without it; the
    /// bot itself could still be read.
    ///
    /// ## How to fix
    /// Add `Manifest.json` at the root of the zip:
    /// `{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}`.
    /// Dialect writes it when it emits an export.
    MISSING_MANIFEST = "I104" "lex-missing-manifest" Import Warning "the Lex export has no Manifest.json";

    /// ## What it means
    /// A key that Lex requires is missing from an object: the `name` of a bot, intent, slot or
    /// slot type, `dataPrivacy`, `idleSessionTTLInSeconds`, `nluConfidenceThreshold`,
    /// `slotTypeName`, `valueElicitationSetting.slotConstraint`, `maxRetries`,
    /// `messageGroupsList`, … (the same keys in PascalCase in CloudFormation).
    ///
    /// ## Example
    /// ```json
    /// {"name": "English (US)", "identifier": "en_US", "voiceSettings": {"voiceId": "Joanna"}}
    /// ```
    /// lacks `nluConfidenceThreshold`.
    ///
    /// ## How to fix
    /// Add the key named in the message at the JSON path given in the note.
    MISSING_KEY = "I105" "lex-missing-key" Import Error "a required key is missing";

    /// ## What it means
    /// A value has the wrong JSON type: a string where a number is expected, an object where a
    /// list is expected, `null` for a required value, and so on.
    ///
    /// ## Example
    /// ```yaml
    /// IdleSessionTTLInSeconds: [300]
    /// ```
    ///
    /// ## How to fix
    /// Write the value with the type named in the message. In CloudFormation an intrinsic
    /// function (`!Ref`, `!Sub`, …) may stand for a single value, but not for an object that
    /// Dialect needs to look into (a prompt specification, a slot's elicitation setting).
    WRONG_TYPE = "I106" "lex-wrong-type" Import Error "a value has the wrong JSON type";

    /// ## What it means
    /// The export contains a file that is not part of the Lex export layout. It is kept and
    /// written back unchanged, but nothing in it is checked.
    ///
    /// ## How to fix
    /// Nothing, if the file is meant to be there. Otherwise remove it; Lex ignores it or
    /// rejects the import.
    UNKNOWN_FILE = "I107" "lex-unknown-file" Import Warning "a file that is not part of the Lex export layout";

    /// ## What it means
    /// A folder of the export is named differently from the resource inside it: a locale
    /// folder whose `BotLocale.json` has another `identifier`, or an intent, slot or slot-type
    /// folder whose JSON has another `name`. Lex exports always use the name as the folder.
    ///
    /// ## How to fix
    /// Rename the folder to the name inside the file (when Dialect writes the export again it
    /// uses the name).
    NAME_MISMATCH = "I108" "lex-name-mismatch" Import Warning "a folder name differs from the name in its file";

    /// ## What it means
    /// The archive is not an export of one whole bot: it holds no bot at all, a locale-only or
    /// custom-vocabulary export (no `Bot.json`), or several `Bot.json` / `Manifest.json` files.
    ///
    /// ## How to fix
    /// Export the whole bot (`resourceSpecification.botExportSpecification`), one bot per zip.
    UNSUPPORTED_LAYOUT = "I109" "lex-unsupported-layout" Import Error "the archive is not an export of exactly one bot";

    /// ## What it means
    /// The CloudFormation template defines no `AWS::Lex::Bot` resource, so there is nothing to
    /// import.
    ///
    /// ## How to fix
    /// Import the template that defines the bot (bots are often in a stack of their own).
    NO_BOT_RESOURCE = "I110" "lex-no-bot-resource" Import Warning "the template defines no AWS::Lex::Bot";

    /// ## What it means
    /// In a CloudFormation template, a property that Lex defines as a string (or as a number or
    /// boolean) holds a scalar of another type, for example an unquoted number as a slot value.
    /// CloudFormation converts it, but YAML may already have changed it: `012` is read as the
    /// number 12 by some parsers and `1e3` as 1000. Dialect keeps the value exactly as written.
    ///
    /// ## Example
    /// ```yaml
    /// SlotTypeValues:
    ///   - SampleValue:
    ///       Value: 8080
    /// ```
    ///
    /// ## How to fix
    /// Quote the value (`Value: "8080"`), or write the number or boolean unquoted where one is
    /// expected.
    COERCED_SCALAR = "I111" "lex-coerced-scalar" Import Warning "a scalar has another type than the property's";

    /// ## What it means
    /// In a CloudFormation template an intrinsic function (`!If`, `!FindInMap`, …) stands where
    /// Dialect models an object or a list (a locale's intents, a slot's prompt, the voice
    /// settings). The value is kept and written back unchanged, but Dialect cannot see inside:
    /// checks that need those intents, slots or prompts do not run on them.
    ///
    /// ## Example
    /// ```yaml
    /// VoiceSettings: !If [IsJapanese, {VoiceId: Kazuha}, {VoiceId: Joanna}]
    /// ```
    ///
    /// ## How to fix
    /// Nothing is required. To let Dialect check the content, move the condition down to the
    /// single values (`VoiceId: !If [IsJapanese, Kazuha, Joanna]`).
    UNMODELLED_VALUE = "I112" "lex-unmodelled-value" Import Warning "an intrinsic function hides an object Dialect would check";

    /// ## What it means
    /// The bot's definition is not in the template: it has `BotFileS3Location` (an export zip
    /// in S3) and no `BotLocales`. Dialect imports the bot's settings only; its intents are in
    /// the zip.
    ///
    /// ## How to fix
    /// Import the zip that `BotFileS3Location` points at as well.
    EXTERNAL_DEFINITION = "I113" "lex-external-definition" Import Warning "the bot's locales are in an S3 zip, not in the template";

    /// ## What it means
    /// Two locales of a bot have the same locale id, or two intents, two slots of one intent
    /// or two slot types of one locale have the same name. Lex rejects the bot, and an export
    /// folder could hold only one of them.
    ///
    /// ## How to fix
    /// Rename or delete one of them; both paths are given.
    DUPLICATE_NAME = "I114" "lex-duplicate-name" Import Error "two locales, intents, slots or slot types share a name";

    /// ## What it means
    /// A value that Lex restricts to a fixed set is something else: `slotConstraint` other
    /// than `Required`/`Optional`, a `resolutionStrategy` other than `ORIGINAL_VALUE`,
    /// `TOP_RESOLUTION` or `CONCATENATION`, a `messageSelectionStrategy` other than `Random` or
    /// `Ordered`, or a number out of the range Dialect stores. The value is kept as written.
    ///
    /// ## Example
    /// ```json
    /// "valueSelectionSetting": {"resolutionStrategy": "OriginalValue"}
    /// ```
    /// (`OriginalValue` is the API spelling; export files and CloudFormation use `ORIGINAL_VALUE`.)
    ///
    /// ## How to fix
    /// Use one of the values listed in the message. If Lex has added a new value since, the
    /// warning can be ignored.
    UNKNOWN_VALUE = "I115" "lex-unknown-value" Import Warning "a value is not one Lex is known to accept";

    /// ## What it means
    /// `Manifest.json` does not describe a `LexJson` export of a `BOT` (for example
    /// `"resourceType": "BOTLOCALE"`, or `"fileFormat": "TSV"`).
    ///
    /// ## How to fix
    /// Dialect reads whole-bot exports in the `LexJson` format; export the bot that way.
    UNEXPECTED_MANIFEST = "I116" "lex-unexpected-manifest" Import Warning "Manifest.json describes another kind of export";
}
