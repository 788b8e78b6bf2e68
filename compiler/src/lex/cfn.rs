//! CloudFormation: importing the `AWS::Lex::Bot` resources of a template and writing a bot as
//! the `Properties` of one.
//!
//! Intrinsic functions are kept in their long JSON form (`{"Ref": …}`, `{"Fn::GetAtt": […]}`,
//! `{"Fn::Sub": …}`) wherever they stand: as [`super::Scalar::Raw`] in place of a single
//! value, or in an `extra` map in place of an object Dialect does not look into.

use serde_json::{Map, Value};

use super::Extra;
use super::bot::Bot;
use super::codes;
use super::console_json::Depth;
use super::read::{Issue, Obj, Reader, key_path, show_path};
use super::style::KeyStyle;
use super::write::{FieldsText, WriteJson, Writer, write_fields_text};
use super::yaml::{Parsed, parse_template};
use crate::diagnostics::{Diagnostic, Severity};
use crate::span::{FileId, Span};

/// The resource type of a bot.
const BOT_TYPE: &str = "AWS::Lex::Bot";
/// How a template is named in notes.
const TEMPLATE: &str = "template";

/// One `AWS::Lex::Bot` resource of a template.
#[derive(Debug, Clone, PartialEq)]
pub struct CfnBot {
    /// The resource's logical ID (its key under `Resources`).
    pub logical_id: String,
    /// The bot, from the resource's `Properties` ([`Bot::key_style`] is
    /// [`KeyStyle::CloudFormation`]).
    pub bot: Bot,
    /// The resource's other keys (`DependsOn`, `Condition`, `DeletionPolicy`, …) besides `Type`
    /// and `Properties`, as written.
    pub attributes: Extra,
}

/// Parses a template (YAML or JSON) into one JSON value, intrinsic functions in their long
/// form. `None`, with an `I101` error, when the text is not a template.
#[must_use]
pub fn parse_cfn_template(text: &str, file: Option<FileId>) -> (Option<Value>, Vec<Diagnostic>) {
    match parse(text, file) {
        Ok(p) => (Some(p.value), Vec::new()),
        Err(d) => (None, vec![d]),
    }
}

fn parse(text: &str, file: Option<FileId>) -> Result<Parsed, Diagnostic> {
    let parsed = parse_template(text).map_err(|e| {
        let mut d = Diagnostic::new(codes::MALFORMED_TEMPLATE, e.message)
            .with_note(format!("in `{TEMPLATE}`"));
        if let Some(f) = file {
            d = d.with_label(Span::new(f, e.at.start, e.at.end), "here");
        }
        d
    })?;
    if !parsed.value.is_object() {
        return Err(Diagnostic::new(
            codes::MALFORMED_TEMPLATE,
            "the top level of a template must be a mapping",
        )
        .with_note(format!("in `{TEMPLATE}` at `(root)`")));
    }
    Ok(parsed)
}

/// Reads every `AWS::Lex::Bot` resource of a template, in the order of `Resources`. A bot with
/// an error is left out (its diagnostics say why); the others are returned. `file`, when
/// given, is the template's id in the caller's source map and gives the diagnostics labels.
#[must_use]
pub fn import_cfn_template(text: &str, file: Option<FileId>) -> (Vec<CfnBot>, Vec<Diagnostic>) {
    let parsed = match parse(text, file) {
        Ok(p) => p,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let mut r = Reader::new(KeyStyle::CloudFormation, TEMPLATE);
    let mut bots = Vec::new();
    let resources = parsed.value.get("Resources").and_then(Value::as_object);
    for (id, res) in resources.into_iter().flatten() {
        let Some(res) = res.as_object() else { continue };
        if res.get("Type").and_then(Value::as_str) != Some(BOT_TYPE) {
            continue;
        }
        let before = r.error_count();
        let base = key_path(&key_path("Resources", id), "Properties");
        let bot = match res.get("Properties") {
            Some(Value::Object(props)) => {
                check_external(&mut r, props, &base);
                Bot::read(&mut r, Obj::new(props, base))
            }
            Some(other) => {
                let kind = super::read::kind_of(other);
                r.issue(
                    codes::WRONG_TYPE,
                    &base,
                    format!("`Properties` must be an object, found {kind}"),
                );
                None
            }
            None => {
                r.issue(
                    codes::MISSING_KEY,
                    &key_path("Resources", id),
                    "required key `Properties` is missing",
                );
                None
            }
        };
        if let Some(bot) = bot.filter(|_| r.error_count() == before) {
            let attributes = res
                .iter()
                .filter(|(k, _)| *k != "Type" && *k != "Properties")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            bots.push(CfnBot {
                logical_id: id.clone(),
                bot,
                attributes,
            });
        }
    }
    if bots.is_empty()
        && !r
            .issues
            .iter()
            .any(|i| i.code.severity() == Severity::Error)
    {
        r.issue(
            codes::NO_BOT_RESOURCE,
            "Resources",
            "the template defines no `AWS::Lex::Bot` resource",
        );
    }
    let diags = r
        .issues
        .iter()
        .map(|i| diagnostic(i, &parsed, text, file))
        .collect();
    (bots, diags)
}

fn check_external(r: &mut Reader, props: &Map<String, Value>, base: &str) {
    if props.contains_key("BotFileS3Location") && !props.contains_key("BotLocales") {
        r.issue_help(
            codes::EXTERNAL_DEFINITION,
            &key_path(base, "BotFileS3Location"),
            "the bot's locales, intents and slots are in the zip named by `BotFileS3Location`",
            "import that zip as well to check the bot's conversation",
        );
    }
}

fn diagnostic(i: &Issue, parsed: &Parsed, text: &str, file: Option<FileId>) -> Diagnostic {
    let mut d = i.to_diagnostic();
    if let Some(f) = file
        && let Some(r) = parsed.locate(text, &i.path)
    {
        d = d.with_label(
            Span::new(f, r.start, r.end),
            format!("at `{}`", show_path(&i.path)),
        );
    }
    d
}

/// A bot as the `Properties` of an `AWS::Lex::Bot` resource (locales, intents, slots and slot
/// types nested). An imported template's bot gives back its `Properties` unchanged; a bot from
/// an export loses what CloudFormation has no place for (`identifier`, `version`, the locale's
/// display `name`, `ConversationFlow.json`, `null` values) and gains nothing (`RoleArn` must be
/// set on [`Bot::role_arn`]).
#[must_use]
pub fn bot_to_cfn_properties(bot: &Bot) -> Value {
    bot.write_json(Writer {
        to: KeyStyle::CloudFormation,
        from: bot.key_style,
    })
}

/// [`bot_to_cfn_properties`] as text: each property with its value's text as
/// `serde_json::to_string_pretty` writes the value nested `level` deep (a template's
/// resource properties are at level 4), in the same order, without building the value.
#[must_use]
pub(crate) fn bot_cfn_properties_text(bot: &Bot, level: usize) -> FieldsText {
    write_fields_text(
        bot,
        Writer {
            to: KeyStyle::CloudFormation,
            from: bot.key_style,
        },
        Depth::template(level),
    )
}

/// The whole resource: `{"Type": "AWS::Lex::Bot", <attributes>, "Properties": …}`.
#[must_use]
pub fn cfn_bot_resource(b: &CfnBot) -> Value {
    let mut m = Map::new();
    m.insert("Type".into(), Value::String(BOT_TYPE.into()));
    for (k, v) in &b.attributes {
        m.insert(k.clone(), v.clone());
    }
    m.insert("Properties".into(), bot_to_cfn_properties(&b.bot));
    Value::Object(m)
}
