//! The CloudFormation bundle: one template with the flows, bots, queues and hours of a project.
//!
//! ```text
//! Model + Vec<LoweredBot> + Vec<FlowInput> (+ Environment) --bundle_text--> TemplateText { text, diagnostics }
//!                                                             --bundle-->      Template { json, diagnostics }
//! ```
//!
//! Resources, in this order (logical ids derived from the `.dial` names):
//!
//! | resource | logical id | from |
//! |---|---|---|
//! | `AWS::IAM::Role` | `LexBotRuntimeRole` | one for all bots (Lex runtime, Polly) |
//! | `AWS::Connect::HoursOfOperation` | `<Hours>Hours` | `hours`, with a `CLOSED` override per calendar entry of `closed on` |
//! | `AWS::Connect::Queue` | `<Queue>Queue` | `queue` (hours from the template, or the `DefaultHoursOfOperationArn` parameter) |
//! | `AWS::Lex::Bot`, `BotVersion`, `BotAlias` | `<Bot>Bot`, `<Bot>BotVersion`, `<Bot>BotAlias` | lowered bots, locales inline |
//! | `AWS::Connect::IntegrationAssociation` | `<Bot>BotAssociation`, `<Lambda>LambdaAssociation` | every bot alias and every Lambda function flows call |
//! | `AWS::Connect::ContactFlow` / `ContactFlowModule` | `<Flow>Flow` / `<Flow>Module` | the flow JSON the Connect emitter wrote |
//!
//! The flow JSON comes in with the ARNs of an environment file (what `dialect build` writes for
//! that environment). The bundle swaps every ARN that names something the template creates
//! for a reference to it (`${OrderBotBotAlias.Arn}`, `${OrdersQueue.QueueArn}`, …, in an
//! `Fn::Sub`), and every other per-environment value (Lambda ARNs, phone numbers, values) for
//! a template parameter whose default is the environment's value. `${` already in the flow text
//! is escaped as `${!`. A flow that refers to another flow of the template is made to depend on
//! it, unless that would close a cycle (CloudFormation cannot create circular references): that
//! reference keeps the environment's ARN and a warning says so.
//!
//! Output is deterministic: resources in the order above, each kind in declaration order.

mod checks;
mod cycles;
mod emitted;
mod ids;
mod rewrite;
mod write;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

pub use checks::{ALL, TOO_MANY_HOLIDAY_OVERRIDES, UNRESOLVED_FLOW_REFERENCE};
pub use ids::logical_id;

use crate::diagnostics::Diagnostic;
use crate::hash::FastMap;
use crate::lex::LoweredBot;
use crate::lower::DerivedHours;
use crate::project::{EnvSection, Environment};
use crate::resolve::{FlowKind, Model};
use crate::span::Span;
use rewrite::{Swap, Swaps};
use write::{Body, Content, FlowResource, Pretty, Resource};

/// The content of one flow, as the Connect emitter produced it.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowContent {
    /// Parsed flow JSON.
    Json(Value),
    /// Flow JSON as text, as serde_json writes it (what the Connect emitter produces): rewritten
    /// without parsing it into a `Value`; text that is not JSON is passed through as is.
    Text(String),
    /// Flow JSON text exactly as the Connect emitter wrote it ([`crate::lower::emit`],
    /// [`crate::connect::emit_flow`]: serde_json's pretty layout). Taken as JSON without a
    /// check: only the lines that may hold a value to rewrite are read. Text from anywhere
    /// else goes in as [`FlowContent::Text`].
    Emitted(String),
}

/// One flow or module to bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowInput {
    /// The `.dial` name: also the Connect name of the flow.
    pub name: String,
    pub kind: FlowKind,
    pub description: Option<String>,
    pub content: FlowContent,
    /// Where the flow is declared, for diagnostics.
    pub span: Option<Span>,
}

/// Settings of the bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleOptions {
    /// The template's `Description`.
    pub description: String,
    /// The alias every bot gets (`BotAliasName`).
    pub bot_alias_name: String,
    /// Put before every bot's `Name`: Lex bot names are unique per account and region, so two
    /// stacks of the project in one account (`dev`, `staging`) need different prefixes, such
    /// as `dev-`. Keep the result a valid Lex name (letters, digits, single `_` or `-`).
    pub bot_name_prefix: String,
}

impl Default for BundleOptions {
    fn default() -> Self {
        Self {
            description: "Amazon Connect flows, Lex V2 bots, queues and hours, built by Dialect"
                .to_owned(),
            bot_alias_name: "live".to_owned(),
            bot_name_prefix: String::new(),
        }
    }
}

/// A built template, as text: what `dialect build` writes.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateText {
    /// The template as JSON text: two-space indent, a final newline (what
    /// [`Template::to_json_string`] gives for the same template).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// A built template, as a value (to inspect it; [`bundle_text`] writes the text directly).
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The template as a JSON value (keys in a fixed order).
    pub json: Value,
    pub diagnostics: Vec<Diagnostic>,
}

impl Template {
    /// The template as JSON text: two-space indent, a final newline.
    #[must_use]
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.json).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The Connect `Type` of a flow kind (`None` for modules, which are another resource type).
#[must_use]
pub fn contact_flow_type(kind: FlowKind) -> Option<&'static str> {
    Some(match kind {
        FlowKind::Inbound | FlowKind::Outbound => "CONTACT_FLOW",
        FlowKind::AgentWhisper => "AGENT_WHISPER",
        FlowKind::CustomerWhisper => "CUSTOMER_WHISPER",
        FlowKind::OutboundWhisper => "OUTBOUND_WHISPER",
        FlowKind::CustomerQueue => "CUSTOMER_QUEUE",
        FlowKind::CustomerHold => "CUSTOMER_HOLD",
        FlowKind::AgentHold => "AGENT_HOLD",
        FlowKind::AgentTransfer => "AGENT_TRANSFER",
        FlowKind::QueueTransfer => "QUEUE_TRANSFER",
        FlowKind::Module => return None,
    })
}

const INSTANCE: &str = "ConnectInstanceArn";
const DEFAULT_HOURS: &str = "DefaultHoursOfOperationArn";
const ROLE: &str = "LexBotRuntimeRole";
/// Connect's limit on overrides per hours of operation (CloudFormation schema `maxItems`).
const MAX_OVERRIDES: usize = 50;
const DAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// Builds the template as a value: [`bundle_text`], parsed.
#[must_use]
pub fn bundle(
    model: &Model,
    bots: &[LoweredBot],
    flows: &[FlowInput],
    env: Option<&Environment>,
    options: &BundleOptions,
) -> Template {
    let t = bundle_text(model, bots, flows, env, options);
    Template {
        // The writer writes JSON.
        json: serde_json::from_str(&t.text).unwrap_or_default(),
        diagnostics: t.diagnostics,
    }
}

/// Builds the template's text. `env` supplies the ARNs found in the flow content and the
/// defaults of the parameters; without it, flow content is used as given.
///
/// The small resources are written as text as they are made ([`write::Pretty`]; the bots'
/// own properties by [`crate::lex::bot_cfn_properties_text`]; only the Lex role passes
/// through a value); the flows, nearly all of a large template, are
/// checked and scanned for their references first, then written straight into the text in
/// their compact escaped form ([`rewrite`], [`write`]): no copy of a flow's content is held on
/// the way.
#[must_use]
pub fn bundle_text(
    model: &Model,
    bots: &[LoweredBot],
    flows: &[FlowInput],
    env: Option<&Environment>,
    options: &BundleOptions,
) -> TemplateText {
    let derived = crate::lower::derived_hours(model);
    bundle_text_with_hours(model, bots, flows, &derived, env, options)
}

/// [`bundle_text`] with the hours derived from calendars already computed: `derived` is
/// [`crate::lower::derived_hours`] of `model` (`build` shares it with the manifest).
#[must_use]
pub fn bundle_text_with_hours(
    model: &Model,
    bots: &[LoweredBot],
    flows: &[FlowInput],
    derived: &[DerivedHours],
    env: Option<&Environment>,
    options: &BundleOptions,
) -> TemplateText {
    let mut ids = ids::Ids::default();
    let mut diags = Vec::new();
    let mut params = Map::new();
    // In the order they are written; the logical ids are unique (`ids`).
    let mut resources: Vec<(String, Resource)> = Vec::new();
    params.insert(
        INSTANCE.to_owned(),
        json!({
            "Type": "String",
            "Description": "ARN of the Amazon Connect instance",
            "AllowedPattern": "^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$",
        }),
    );
    let env_get = |s: EnvSection, n: &str| env.and_then(|e| e.values.get(s, n));
    let mut swaps: BTreeMap<String, Swap> = BTreeMap::new();

    // Hours and queues.
    let mut hours_ids = Vec::new();
    for h in &model.hours {
        let id = ids.claim(&h.name, "Hours");
        resources.push((
            id.clone(),
            Resource::Text(hours_resource(model, h, &mut diags)),
        ));
        if let Some(arn) = env_get(EnvSection::Hours, &h.name) {
            swaps.insert(
                arn.to_owned(),
                swap(&format!("${{{id}.HoursOfOperationArn}}")),
            );
        }
        hours_ids.push(id);
    }
    for d in derived {
        let id = ids.claim(&d.name, "Hours");
        resources.push((
            id.clone(),
            Resource::Text(derived_hours_resource(model, d, &mut diags)),
        ));
        if let Some(arn) = env_get(EnvSection::Hours, &d.name) {
            swaps.insert(
                arn.to_owned(),
                swap(&format!("${{{id}.HoursOfOperationArn}}")),
            );
        }
    }
    let mut need_default_hours = false;
    for q in &model.queues {
        let id = ids.claim(&q.name, "Queue");
        let hours = q.hours.and_then(|h| hours_ids.get(h.index()));
        need_default_hours |= hours.is_none();
        resources.push((
            id.clone(),
            Resource::Text(queue_resource(q, hours.map(String::as_str))),
        ));
        if let Some(arn) = env_get(EnvSection::Queues, &q.name) {
            swaps.insert(arn.to_owned(), swap(&format!("${{{id}.QueueArn}}")));
        }
    }
    if need_default_hours {
        params.insert(
            DEFAULT_HOURS.to_owned(),
            json!({"Type": "String", "Description": "Hours of operation of queues that name none"}),
        );
    }

    // Bots.
    if !bots.is_empty() {
        resources.push((ROLE.to_owned(), Resource::Value(lex_role())));
        ids.reserve(ROLE);
    }
    for b in bots {
        let bot_id = ids.claim(&b.name, "Bot");
        let version_id = ids.claim(&b.name, "BotVersion");
        let alias_id = ids.claim(&b.name, "BotAlias");
        let assoc_id = ids.claim(&b.name, "BotAssociation");
        resources.push((bot_id.clone(), Resource::Text(bot_resource(b, options))));
        let locales: Vec<String> = b
            .bot
            .locales
            .iter()
            .map(|l| l.locale_id.to_string())
            .collect();
        resources.push((
            version_id.clone(),
            Resource::Text(bot_version_resource(&bot_id, &locales)),
        ));
        resources.push((
            alias_id.clone(),
            Resource::Text(bot_alias_resource(
                &bot_id,
                &version_id,
                &options.bot_alias_name,
                &locales,
            )),
        ));
        resources.push((
            assoc_id,
            Resource::Text(association("LEX_BOT", |p| get_att(p, &alias_id, "Arn"))),
        ));
        if let Some(arn) = env_get(EnvSection::Bots, &b.name) {
            swaps.insert(arn.to_owned(), swap(&format!("${{{alias_id}.Arn}}")));
        }
    }

    // Flows: logical ids first, so that references between flows can be swapped.
    let flow_ids: Vec<String> = flows
        .iter()
        .map(|f| {
            let suffix = if f.kind == FlowKind::Module {
                "Module"
            } else {
                "Flow"
            };
            ids.claim(&f.name, suffix)
        })
        .collect();
    for (f, id) in flows.iter().zip(&flow_ids) {
        if let Some(arn) = env_get(EnvSection::Flows, &f.name) {
            let attr = if f.kind == FlowKind::Module {
                "ContactFlowModuleArn"
            } else {
                "ContactFlowArn"
            };
            swaps.insert(
                arn.to_owned(),
                Swap {
                    sub: format!("${{{id}.{attr}}}"),
                    flow: Some(id.clone()),
                    substring: true,
                },
            );
        }
    }
    // Per-environment values without a resource of their own become parameters.
    let mut param_swaps: Vec<(EnvSection, &str, &str, bool)> = Vec::new();
    if let Some(e) = env {
        for (s, prefix, whole) in [
            (EnvSection::Lambdas, "Lambda", false),
            (EnvSection::Prompts, "Prompt", false),
            (EnvSection::PhoneNumbers, "PhoneNumber", true),
            (EnvSection::Values, "Value", true),
        ] {
            for (name, value) in e.values.section(s) {
                if !swaps.contains_key(value) {
                    param_swaps.push((s, prefix, name, whole));
                }
            }
        }
    }
    let mut param_ids: BTreeMap<(EnvSection, String), String> = BTreeMap::new();
    for (s, prefix, name, whole) in &param_swaps {
        let value = env_get(*s, name).unwrap_or_default();
        let pid = ids.claim(name, &format!("{prefix}Param"));
        param_ids.insert((*s, (*name).to_owned()), pid.clone());
        swaps.entry(value.to_owned()).or_insert(Swap {
            sub: format!("${{{pid}}}"),
            flow: None,
            substring: !whole,
        });
    }

    // Rewrite the flows, then accept flow-to-flow dependencies that close no cycle.
    let rewriter = Swaps::new(&swaps);
    // Substitution → the first (in key order) environment value swapped for it.
    let mut by_sub: FastMap<&str, (&str, &Swap)> = FastMap::default();
    for (k, sw) in &swaps {
        by_sub.entry(sw.sub.as_str()).or_insert((k.as_str(), sw));
    }
    let flow_index: FastMap<&str, usize> = flow_ids
        .iter()
        .enumerate()
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    // Per flow: what its content string is made of, and the substitutions in it (known
    // before anything is written: the flows' references decide how their content is written,
    // and which parameters the template has).
    let mut rewritten: Vec<(Body<'_>, BTreeSet<&str>)> = Vec::with_capacity(flows.len());
    // (flow, flow it refers to, substitution), in flow order then substitution order.
    let mut references: Vec<(usize, usize, &str)> = Vec::new();
    for (n, f) in flows.iter().enumerate() {
        let content = rewrite_flow(&rewriter, &f.content);
        for &sub in &content.1 {
            if let Some((_, sw)) = by_sub.get(sub)
                && let Some(target) = &sw.flow
                && let Some(&to) = flow_index.get(target.as_str())
            {
                references.push((n, to, sub));
            }
        }
        rewritten.push(content);
    }
    let accepted = cycles::accepted(
        flows.len(),
        &references
            .iter()
            .map(|&(from, to, _)| (from, to))
            .collect::<Vec<_>>(),
    );
    let mut rejected: BTreeSet<(usize, &str)> = BTreeSet::new();
    for (&(n, _, sub), ok) in references.iter().zip(accepted) {
        if ok {
            continue;
        }
        rejected.insert((n, sub));
        let f = &flows[n];
        let mut d = Diagnostic::new(
            UNRESOLVED_FLOW_REFERENCE,
            format!(
                "flow `{}` keeps the environment's ARN of a flow it refers to: a template reference would be circular",
                f.name
            ),
        )
        .with_help("deploy the two flows in separate stacks, or break the cycle of transfers between them");
        if let Some(s) = f.span {
            d = d.with_label(
                s,
                "this flow and the one it transfers to refer to each other",
            );
        }
        diags.push(d);
    }

    let mut used_params: BTreeSet<&str> = BTreeSet::new();
    for (n, ((f, id), (body, used))) in flows.iter().zip(&flow_ids).zip(rewritten).enumerate() {
        // The body is written escaped; a reference `${…}` and `${!` are written the same
        // escaped or not, so they are found and replaced in it as in the plain text.
        let mut fixes = Vec::new();
        let mut sub = false;
        for reference in used {
            if rejected.contains(&(n, reference)) {
                if let Some((arn, _)) = by_sub.get(reference) {
                    let mut escaped = String::new();
                    write::escape_into(&mut escaped, arn);
                    fixes.push((reference.to_owned(), escaped));
                }
            } else {
                sub = true;
                if let Some(p) = reference
                    .strip_prefix("${")
                    .and_then(|s| s.strip_suffix('}'))
                    && !p.contains('.')
                {
                    used_params.insert(p);
                }
            }
        }
        if !sub && !matches!(body, Body::Raw(_)) {
            // Without substitutions, `${!` escapes must not stay in a plain string (text that
            // is not JSON was not rewritten).
            fixes.push(("${!".to_owned(), "${".to_owned()));
        }
        let content = Content { sub, body, fixes };
        let ty = if f.kind == FlowKind::Module {
            "AWS::Connect::ContactFlowModule"
        } else {
            "AWS::Connect::ContactFlow"
        };
        resources.push((
            id.clone(),
            Resource::Flow(FlowResource {
                ty,
                name: truncate(&f.name, 127).to_owned(),
                flow_type: contact_flow_type(f.kind),
                description: f
                    .description
                    .as_deref()
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| truncate(d, 500).to_owned()),
                content,
            }),
        ));
    }

    // Parameters that flows use, and the Lambda functions' association with the instance.
    for ((s, name), pid) in &param_ids {
        if !used_params.contains(pid.as_str()) {
            continue;
        }
        let value = env_get(*s, name).unwrap_or_default();
        params.insert(
            pid.clone(),
            json!({
                "Type": "String",
                "Description": format!("[{}] {name}", s.as_str()),
                "Default": value,
            }),
        );
        if *s == EnvSection::Lambdas {
            let aid = ids.claim(name, "LambdaAssociation");
            resources.push((
                aid,
                Resource::Text(association("LAMBDA_FUNCTION", |p| {
                    p.pair("Ref", pid);
                })),
            ));
        }
    }

    TemplateText {
        text: write::template(truncate(&options.description, 1024), &params, &resources),
        diagnostics: diags,
    }
}

/// A flow's content for the template (see [`rewrite`]): what its string is made of (the
/// compact rewritten JSON, or the text itself when it is not JSON), and the substitutions made.
fn rewrite_flow<'a, 't>(
    rewriter: &Swaps<'a>,
    content: &'t FlowContent,
) -> (Body<'t>, BTreeSet<&'a str>) {
    let mut used = BTreeSet::new();
    match content {
        FlowContent::Json(v) => {
            let mut v = v.clone();
            rewriter.value(&mut v, &mut used);
            let mut text = String::new();
            write::escape_into(&mut text, &serde_json::to_string(&v).unwrap_or_default());
            (Body::Escaped(text), used)
        }
        FlowContent::Text(t) => match rewriter.scan(t, &mut used) {
            Some(edits) => (Body::Json { text: t, edits }, used),
            None => (Body::Raw(t), BTreeSet::new()),
        },
        FlowContent::Emitted(t) => {
            // When the search cannot be used, the text is checked as any other.
            let edits = rewriter.emitted(t, &mut used).or_else(|| {
                used.clear();
                rewriter.scan(t, &mut used)
            });
            match edits {
                Some(edits) => (Body::Json { text: t, edits }, used),
                None => (Body::Raw(t), BTreeSet::new()),
            }
        }
    }
}

fn swap(sub: &str) -> Swap {
    Swap {
        sub: sub.to_owned(),
        flow: None,
        substring: true,
    }
}

fn hours_resource(model: &Model, h: &crate::resolve::Hours, diags: &mut Vec<Diagnostic>) -> String {
    let mut overrides = Vec::new();
    for c in &h.closed_on {
        let Some(cal) = model.calendars.get(c.index()) else {
            continue;
        };
        for e in &cal.entries {
            let kind = if e.closure { "closure" } else { "holiday" };
            let name = match &e.reason {
                Some(r) => format!("{r} {}", e.from),
                None => format!("{} {kind} {}", cal.name, e.from),
            };
            overrides.push(Override {
                name,
                description: format!("{} ({kind})", cal.name),
                from: e.from,
                to: e.to,
            });
        }
    }
    let overrides = limit_overrides(overrides, &h.name, h.name_span, diags);
    hours_of_operation(
        &h.name,
        h.description.as_deref(),
        &h.timezone,
        |p| {
            for (day, slots) in h.week.iter().enumerate() {
                for (start, end) in slots {
                    slice(p, DAYS[day], *start, *end);
                }
            }
        },
        &overrides,
    )
}

/// An `AWS::Connect::HoursOfOperation` resource: `config` writes the slices of its `Config`.
fn hours_of_operation(
    name: &str,
    description: Option<&str>,
    timezone: &str,
    config: impl FnOnce(&mut Pretty),
    overrides: &[Override],
) -> String {
    let mut p = Pretty::new(2);
    p.open('{')
        .key("Type")
        .str("AWS::Connect::HoursOfOperation");
    p.key("Properties").open('{');
    p.key("InstanceArn").pair("Ref", INSTANCE);
    p.key("Name").str(truncate(name, 127));
    if let Some(d) = description {
        p.key("Description").str(truncate(d, 250));
    }
    p.key("TimeZone").str(timezone);
    p.key("Config").open('[');
    config(&mut p);
    p.close(']');
    write_overrides(&mut p, overrides);
    p.close('}').close('}');
    p.finish()
}

/// A `CLOSED` override from `from` to `to` (both included).
struct Override {
    name: String,
    description: String,
    from: crate::syntax::ast::Date,
    to: crate::syntax::ast::Date,
}

/// `HoursOfOperationOverrides`, when there are any.
fn write_overrides(p: &mut Pretty, overrides: &[Override]) {
    if overrides.is_empty() {
        return;
    }
    p.key("HoursOfOperationOverrides").open('[');
    for o in overrides {
        p.open('{');
        p.key("OverrideName").str(truncate(&o.name, 127));
        p.key("OverrideDescription")
            .str(truncate(&o.description, 250));
        p.key("EffectiveFrom").str(&o.from.to_string());
        p.key("EffectiveTill").str(&o.to.to_string());
        p.key("OverrideType").str("CLOSED");
        p.key("OverrideConfig").open('[').close(']');
        p.close('}');
    }
    p.close(']');
}

/// Overrides sorted by their first day, at most Connect's limit (with a warning when more
/// were needed).
fn limit_overrides(
    overrides: Vec<Override>,
    name: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Override> {
    // Sorted by the date as written (stable: overrides of one day keep their order).
    let mut keyed: Vec<(String, Override)> = overrides
        .into_iter()
        .map(|o| (o.from.to_string(), o))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    if keyed.len() > MAX_OVERRIDES {
        diags.push(
            Diagnostic::new(
                TOO_MANY_HOLIDAY_OVERRIDES,
                format!(
                    "hours `{name}` would need {} holiday overrides; Connect allows {MAX_OVERRIDES}",
                    keyed.len()
                ),
            )
            .with_label(span, "the first 50 dates are deployed")
            .with_help("keep one year of holidays in the calendar, or split it across hours"),
        );
        keyed.truncate(MAX_OVERRIDES);
    }
    keyed.into_iter().map(|(_, o)| o).collect()
}

/// Hours of operation derived from a calendar (`check calendar`): open all week, closed on the
/// calendar's dates of one group (see `lower::derived_hours`).
fn derived_hours_resource(model: &Model, d: &DerivedHours, diags: &mut Vec<Diagnostic>) -> String {
    let cal = model.calendar(d.calendar);
    let overrides: Vec<Override> = d
        .closed
        .iter()
        .map(|(from, to, reason)| Override {
            name: match reason {
                Some(r) => format!("{r} {from}"),
                None => format!("{} {from}", cal.name),
            },
            description: format!("{} ({})", cal.name, d.name),
            from: *from,
            to: *to,
        })
        .collect();
    let overrides = limit_overrides(overrides, &d.name, cal.name_span, diags);
    let description = format!(
        "Derived by Dialect from calendar {}: closed on its dates",
        cal.name
    );
    hours_of_operation(
        &d.name,
        Some(&description),
        &d.timezone,
        |p| {
            for day in DAYS {
                slice(p, day, 0, 24 * 60);
            }
        },
        &overrides,
    )
}

/// One day's opening from `start` to `end` in `Config`.
fn slice(p: &mut Pretty, day: &str, start: u16, end: u16) {
    p.open('{').key("Day").str(day);
    p.key("StartTime");
    time(p, start);
    p.key("EndTime");
    time(p, end);
    p.close('}');
}

/// Minutes since midnight as a Connect time slice; 24:00 is written 00:00 (midnight).
fn time(p: &mut Pretty, minutes: u16) {
    let m = minutes % (24 * 60);
    p.open('{')
        .key("Hours")
        .raw(m / 60)
        .key("Minutes")
        .raw(m % 60)
        .close('}');
}

/// A queue, open during `hours` (the logical id of hours of the template), else during the
/// hours of the `DefaultHoursOfOperationArn` parameter.
fn queue_resource(q: &crate::resolve::Queue, hours: Option<&str>) -> String {
    let mut p = Pretty::new(2);
    p.open('{').key("Type").str("AWS::Connect::Queue");
    p.key("Properties").open('{');
    p.key("InstanceArn").pair("Ref", INSTANCE);
    p.key("Name").str(&q.name);
    if let Some(d) = &q.description {
        p.key("Description").str(truncate(d, 250));
    }
    p.key("HoursOfOperationArn");
    match hours {
        Some(h) => get_att(&mut p, h, "HoursOfOperationArn"),
        None => {
            p.pair("Ref", DEFAULT_HOURS);
        }
    }
    p.close('}').close('}');
    p.finish()
}

/// The version of bot `bot_id` made from its draft in every locale.
fn bot_version_resource(bot_id: &str, locales: &[String]) -> String {
    let mut p = Pretty::new(2);
    p.open('{').key("Type").str("AWS::Lex::BotVersion");
    p.key("Properties").open('{');
    p.key("BotId").pair("Ref", bot_id);
    p.key("BotVersionLocaleSpecification").open('[');
    for l in locales {
        p.open('{').key("LocaleId").str(l);
        p.key("BotVersionLocaleDetails")
            .pair("SourceBotVersion", "DRAFT")
            .close('}');
    }
    p.close(']').close('}').close('}');
    p.finish()
}

/// The alias `name` of the version `version_id` of bot `bot_id`, every locale enabled.
fn bot_alias_resource(bot_id: &str, version_id: &str, name: &str, locales: &[String]) -> String {
    let mut p = Pretty::new(2);
    p.open('{').key("Type").str("AWS::Lex::BotAlias");
    p.key("Properties").open('{');
    p.key("BotId").pair("Ref", bot_id);
    p.key("BotAliasName").str(name);
    p.key("BotVersion");
    get_att(&mut p, version_id, "BotVersion");
    p.key("BotAliasLocaleSettings").open('[');
    for l in locales {
        p.open('{').key("LocaleId").str(l);
        p.key("BotAliasLocaleSetting").open('{');
        p.key("Enabled").raw(true).close('}').close('}');
    }
    p.close(']').close('}').close('}');
    p.finish()
}

/// `{"Fn::GetAtt": [id, attribute]}`.
fn get_att(p: &mut Pretty, id: &str, attribute: &str) {
    p.open('{').key("Fn::GetAtt").open('[');
    p.str(id).str(attribute).close(']').close('}');
}

/// An `AWS::Connect::IntegrationAssociation` of the instance with what `arn` writes.
fn association(integration: &str, arn: impl FnOnce(&mut Pretty)) -> String {
    let mut p = Pretty::new(2);
    p.open('{')
        .key("Type")
        .str("AWS::Connect::IntegrationAssociation");
    p.key("Properties").open('{');
    p.key("InstanceId").pair("Ref", INSTANCE);
    p.key("IntegrationType").str(integration);
    p.key("IntegrationArn");
    arn(&mut p);
    p.close('}').close('}');
    p.finish()
}

/// The properties of a bot resource written first, in this order; the others follow as the bot
/// gives them.
const BOT_FIRST: [&str; 7] = [
    "Name",
    "Description",
    "RoleArn",
    "DataPrivacy",
    "IdleSessionTTLInSeconds",
    "AutoBuildBotLocales",
    "BotLocales",
];

/// A bot: its properties as [`crate::lex::bot_to_cfn_properties`] gives them, with the environment's name
/// prefix, the runtime role and locales built on deployment; these keys first, in this order.
/// The properties are written as text where they go ([`crate::lex::bot_cfn_properties_text`]),
/// not built as a value.
fn bot_resource(b: &LoweredBot, options: &BundleOptions) -> String {
    // The properties' values are nested 4 deep: template, resources, resource, properties.
    let props = crate::lex::bot_cfn_properties_text(&b.bot, 4);
    let mut p = Pretty::new(2);
    p.reserve(props.text.len() + 256);
    p.open('{').key("Type").str("AWS::Lex::Bot");
    p.key("Properties").open('{');
    for k in BOT_FIRST {
        match k {
            "Name" if !options.bot_name_prefix.is_empty() => {
                p.key(k)
                    .str(&format!("{}{}", options.bot_name_prefix, b.bot.name));
            }
            "RoleArn" => get_att(p.key(k), ROLE, "Arn"),
            "AutoBuildBotLocales" => {
                p.key(k).raw(true);
            }
            _ => {
                if let Some(v) = props.get(k) {
                    p.key(k).json(v);
                }
            }
        }
    }
    for (k, v) in props.iter() {
        if !BOT_FIRST.contains(&k) {
            p.key(k).json(v);
        }
    }
    p.close('}').close('}');
    p.finish()
}

fn lex_role() -> Value {
    json!({
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "lexv2.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            },
            "Policies": [{
                "PolicyName": "LexRuntime",
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action": "polly:SynthesizeSpeech",
                        "Resource": "*",
                    }],
                },
            }],
        },
    })
}

/// At most `max` characters.
fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Options, analyze};
    use crate::lex::{BotOptions, lower_bots};
    use crate::project::parse_environment;
    use crate::source::MemoryLoader;
    use crate::span::FileId;

    const SRC: &str = r#"
flow A {
  kind inbound
  start { transfer to flow B }
}
flow B {
  kind inbound
  start { transfer to flow A }
}
queue Plain
"#;

    const ENV: &str = r#"
[flows]
A = "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/a"
B = "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/b"
[queues]
Plain = "arn:aws:connect:us-east-1:111122223333:instance/i/queue/p"
"#;

    fn build(src: &str, contents: &[(&str, Value)]) -> Template {
        let loader = MemoryLoader::new().with("t.dial", src);
        let p = analyze(
            &loader,
            &Options {
                roots: vec!["t.dial".into()],
                environments: Vec::new(),
            },
        );
        let env = parse_environment("dev", FileId(99), ENV).expect("environment");
        let (bots, _) = lower_bots(&p.model, &BotOptions::default());
        let flows: Vec<FlowInput> = contents
            .iter()
            .map(|(name, v)| FlowInput {
                name: (*name).to_owned(),
                kind: FlowKind::Inbound,
                description: None,
                content: FlowContent::Json(v.clone()),
                span: None,
            })
            .collect();
        bundle(
            &p.model,
            &bots,
            &flows,
            Some(&env),
            &BundleOptions::default(),
        )
    }

    #[test]
    fn circular_flow_references_keep_the_environment_arn() {
        let a = json!({"to": "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/b"});
        let b = json!({"to": "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/a"});
        let t = build(SRC, &[("A", a), ("B", b)]);
        let codes: Vec<&str> = t.diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, ["L111"]);
        let r = &t.json["Resources"];
        assert!(
            r["AFlow"]["Properties"]["Content"]["Fn::Sub"]
                .as_str()
                .is_some_and(|s| s.contains("${BFlow.ContactFlowArn}"))
        );
        assert!(
            r["BFlow"]["Properties"]["Content"]
                .as_str()
                .is_some_and(|s| s.contains("contact-flow/a"))
        );
    }

    #[test]
    fn dollar_braces_are_escaped_only_inside_fn_sub() {
        let with_ref =
            json!({"q": "arn:aws:connect:us-east-1:111122223333:instance/i/queue/p", "t": "${x}"});
        let plain = json!({"t": "${x}"});
        let t = build(SRC, &[("A", with_ref), ("B", plain)]);
        let r = &t.json["Resources"];
        let sub = r["AFlow"]["Properties"]["Content"]["Fn::Sub"]
            .as_str()
            .unwrap_or_default();
        assert!(
            sub.contains("${PlainQueue.QueueArn}") && sub.contains("${!x}"),
            "{sub}"
        );
        assert_eq!(
            r["BFlow"]["Properties"]["Content"],
            json!(r#"{"t":"${x}"}"#)
        );
        // A queue without hours takes them from a parameter.
        assert_eq!(
            r["PlainQueue"]["Properties"]["HoursOfOperationArn"],
            json!({"Ref": DEFAULT_HOURS})
        );
        assert!(t.json["Parameters"][DEFAULT_HOURS].is_object());
    }

    #[test]
    fn more_than_fifty_holidays_are_cut_with_a_warning() {
        let mut src = String::from("calendar Many {\n");
        for d in 1..=28 {
            src.push_str(&format!(
                "  2027-01-{d:02} holiday\n  2027-02-{d:02} holiday\n"
            ));
        }
        src.push_str("}\nhours H { timezone Asia/Tokyo  mon-fri 9:00-18:00  closed on Many }\n");
        let t = build(&src, &[]);
        let codes: Vec<&str> = t.diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, ["L110"]);
        let o = t.json["Resources"]["HHours"]["Properties"]["HoursOfOperationOverrides"]
            .as_array()
            .map(Vec::len);
        assert_eq!(o, Some(50));
        let few = build(&src.replace("  2027-02", "  // 2027-02"), &[]);
        assert!(few.diagnostics.is_empty());
    }

    /// What `bot_resource` wrote when the properties were a `serde_json` value
    /// ([`crate::lex::bot_to_cfn_properties`]), pretty-printed: the text writer must give
    /// these bytes.
    fn bot_resource_through_a_value(b: &LoweredBot, options: &BundleOptions) -> String {
        let props = match crate::lex::bot_to_cfn_properties(&b.bot) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let mut m = Map::new();
        for k in BOT_FIRST {
            let v = match k {
                "Name" if !options.bot_name_prefix.is_empty() => {
                    Some(json!(format!("{}{}", options.bot_name_prefix, b.bot.name)))
                }
                "RoleArn" => Some(json!({"Fn::GetAtt": [ROLE, "Arn"]})),
                "AutoBuildBotLocales" => Some(json!(true)),
                _ => props.get(k).cloned(),
            };
            if let Some(v) = v {
                m.insert(k.to_owned(), v);
            }
        }
        for (k, v) in &props {
            if !BOT_FIRST.contains(&k.as_str()) {
                m.insert(k.clone(), v.clone());
            }
        }
        let resource = json!({"Type": "AWS::Lex::Bot", "Properties": m});
        // Nested two deep in the template (JSON strings hold no raw newline).
        serde_json::to_string_pretty(&resource)
            .expect("serializes")
            .replace('\n', "\n    ")
    }

    fn dial_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("a folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dial_files(&p, out);
            } else if p.extension().is_some_and(|e| e == "dial") {
                out.push(p);
            }
        }
    }

    /// The bots of the shipped project (`flows/`) and of a generated one.
    fn shipped_and_generated_bots() -> Vec<LoweredBot> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../flows");
        let mut paths = Vec::new();
        dial_files(&root, &mut paths);
        let shipped: Vec<(String, String)> = paths
            .iter()
            .map(|p| {
                let rel = p.strip_prefix(&root).expect("under flows");
                let text = std::fs::read_to_string(p).expect("a .dial file");
                (rel.to_string_lossy().into_owned(), text)
            })
            .collect();
        let mut bots = Vec::new();
        for files in [shipped, crate::generate::project_seeded(3000, 5)] {
            let mut loader = MemoryLoader::new();
            for (path, text) in &files {
                loader.insert(path, text.as_str());
            }
            let p = analyze(
                &loader,
                &Options {
                    roots: files.iter().map(|(path, _)| path.clone()).collect(),
                    environments: Vec::new(),
                },
            );
            let before = bots.len();
            bots.extend(lower_bots(&p.model, &BotOptions::default()).0);
            assert!(bots.len() > before, "no bots");
        }
        bots
    }

    #[test]
    fn bot_properties_written_as_text_are_the_bytes_of_the_value() {
        let bots = shipped_and_generated_bots();
        let prefixed = BundleOptions {
            bot_name_prefix: "dev-".to_owned(),
            ..BundleOptions::default()
        };
        for options in [&BundleOptions::default(), &prefixed] {
            for b in &bots {
                let text = bot_resource(b, options);
                assert!(text.contains("\"BotLocales\": ["), "{text}");
                assert_eq!(text, bot_resource_through_a_value(b, options), "{}", b.name);
            }
        }
    }
}
