//! Import: flow-language JSON text → [`Flow`], with diagnostics.
//!
//! [`import_flow`] never panics. It reports every problem it finds, each labelled at the
//! offending value in the text (found with [`locate`](super::locate::locate)) and naming its
//! JSON path. It returns a flow exactly when the document could be modelled without loss
//! (no `I001`–`I005` errors), so `emit_flow(import_flow(..))` always equals the input as JSON;
//! semantic errors (dangling targets, duplicate identifiers, …) still return the flow.

use std::ops::Range;

use indexmap::{IndexMap, IndexSet};
use serde_json::{Map, Value};

use super::action::{ACTION_KEYS, Action, ActionKind, ActionType};
use super::codes;
use super::flow::{FLOW_KEYS, Flow, Metadata, ModuleSettings};
use super::json::{FromJson, JsonPath, ShapeError, ShapeErrorKind, extra_keys, kind_name};
use super::legacy::legacy_replacement;
use super::limits::{FLOW_LANGUAGE_VERSION, validate_identifier};
use super::locate::{locate, locate_key};
use super::transitions::Transitions;
use crate::diagnostics::{Code, Diagnostic};
use crate::span::{FileId, Span};

/// Reads a flow-language document. See the module docs for what is reported and when a flow is
/// returned.
#[must_use]
pub fn import_flow(file: FileId, text: &str) -> (Option<Flow>, Vec<Diagnostic>) {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut imp = Importer {
        file,
        text,
        body: text.get(bom..).unwrap_or_default(),
        offset: bom,
        diags: Vec::new(),
        structural: false,
    };
    let flow = imp.run();
    let flow = if imp.structural { None } else { flow };
    (flow, imp.diags)
}

struct Importer<'a> {
    file: FileId,
    text: &'a str,
    /// The text without a leading byte-order mark.
    body: &'a str,
    /// Where `body` starts in `text`.
    offset: usize,
    diags: Vec<Diagnostic>,
    /// A structural error was reported: no loss-free model exists.
    structural: bool,
}

impl Importer<'_> {
    fn run(&mut self) -> Option<Flow> {
        let root: Value = match serde_json::from_str(self.body) {
            Ok(v) => v,
            Err(e) => {
                self.invalid_json(&e);
                return None;
            }
        };
        let root_path = JsonPath::root();
        let Value::Object(map) = &root else {
            let d = Diagnostic::new(
                codes::NOT_A_FLOW,
                format!(
                    "the document is {}, not a flow-language object",
                    kind_name(&root)
                ),
            )
            .with_label(self.value_span(&root_path), "expected an object");
            self.error(d);
            return None;
        };
        if !map.contains_key("Actions") && !map.contains_key("StartAction") {
            self.not_a_flow(map);
            return None;
        }

        let version = self.required_str(map, &root_path, "Version");
        if let Some(v) = &version
            && v != FLOW_LANGUAGE_VERSION
        {
            let path = root_path.key("Version");
            let d = Diagnostic::new(
                codes::UNSUPPORTED_VERSION,
                format!("unsupported flow-language version `{v}`"),
            )
            .with_label(self.value_span(&path), "not 2019-10-30")
            .with_help(format!(
                "Amazon Connect only accepts `\"Version\": \"{FLOW_LANGUAGE_VERSION}\"`"
            ))
            .with_note(format!("JSON path: {path}"));
            self.diags.push(d);
        }
        let start_action = self.required_str(map, &root_path, "StartAction");

        let metadata = match map.get("Metadata") {
            None => None,
            Some(Value::Object(m)) => Some(Metadata {
                entries: m.clone(),
                layout: None,
            }),
            Some(other) => {
                let e = ShapeError::new(&root_path.key("Metadata"), "an object", other);
                self.shape(&e, codes::WRONG_TYPE);
                None
            }
        };

        let actions_path = root_path.key("Actions");
        let raw_actions: &[Value] = match map.get("Actions") {
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.shape(
                    &ShapeError::new(&actions_path, "an array", other),
                    codes::WRONG_TYPE,
                );
                return None;
            }
            None => {
                self.shape(
                    &ShapeError::missing(&root_path, "Actions"),
                    codes::MISSING_KEY,
                );
                return None;
            }
        };
        let actions: Vec<Option<Action>> = raw_actions
            .iter()
            .enumerate()
            .map(|(i, v)| self.action(v, &actions_path.index(i)))
            .collect();

        let settings = map.get("Settings").and_then(|v| {
            let mut path = root_path.key("Settings");
            ModuleSettings::from_json(v, &mut path)
                .map_err(|e| self.shape(&e, codes::WRONG_TYPE))
                .ok()
        });

        self.check_identifiers(raw_actions, &actions_path);
        let known: IndexSet<&str> = raw_actions
            .iter()
            .filter_map(|a| a.get("Identifier").and_then(Value::as_str))
            .collect();
        if let Some(start) = &start_action
            && !known.contains(start.as_str())
        {
            let path = root_path.key("StartAction");
            let mut d = Diagnostic::new(
                codes::UNKNOWN_START_ACTION,
                format!("`StartAction` names no action: `{start}`"),
            )
            .with_label(self.value_span(&path), "no action has this identifier")
            .with_note(format!("JSON path: {path}"));
            if let Some(s) = closest(start, known.iter().copied()) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            self.diags.push(d);
        }
        for (i, action) in actions.iter().enumerate() {
            if let Some(a) = action {
                self.check_targets(a, &actions_path.index(i).key("Transitions"), &known);
            }
        }

        let flow = Flow {
            version: version?,
            start_action: start_action?.into(),
            metadata,
            actions: actions.into_iter().collect::<Option<Vec<_>>>()?,
            settings,
            extra: extra_keys(map, FLOW_KEYS),
        };
        Some(flow)
    }

    /// One element of `Actions`.
    fn action(&mut self, value: &Value, path: &JsonPath) -> Option<Action> {
        let Value::Object(map) = value else {
            self.shape(
                &ShapeError::new(path, "an object", value),
                codes::WRONG_TYPE,
            );
            return None;
        };
        let identifier = self.required_str(map, path, "Identifier");
        let type_name = self.required_str(map, path, "Type");
        let transitions = match map.get("Transitions") {
            Some(v) => {
                let mut p = path.key("Transitions");
                Transitions::from_json(v, &mut p)
                    .map_err(|e| self.shape(&e, codes::WRONG_TYPE))
                    .ok()
            }
            None => {
                self.shape(
                    &ShapeError::missing(path, "Transitions"),
                    codes::MISSING_KEY,
                );
                None
            }
        };
        let (identifier, type_name, transitions) = (identifier?, type_name?, transitions?);

        let empty = Value::Object(Map::new());
        let parameters = map.get("Parameters").unwrap_or(&empty);
        let mut params_path = path.key("Parameters");
        let kind = match ActionKind::from_json(&type_name, parameters, &mut params_path) {
            Ok(kind) => kind,
            Err(e) => {
                self.shape(&e, codes::INVALID_PARAMETERS);
                ActionKind::Unknown {
                    type_name: type_name.clone(),
                    parameters: parameters.clone(),
                }
            }
        };
        if ActionType::from_name(&type_name).is_none() {
            self.unknown_type(&type_name, &path.key("Type"));
        }
        Some(Action {
            identifier: identifier.into(),
            kind,
            transitions,
            omit_empty_parameters: !map.contains_key("Parameters"),
            extra: extra_keys(map, ACTION_KEYS),
        })
    }

    /// Duplicate and malformed identifiers.
    fn check_identifiers(&mut self, raw_actions: &[Value], actions_path: &JsonPath) {
        let mut first: IndexMap<&str, usize> = IndexMap::new();
        for (i, a) in raw_actions.iter().enumerate() {
            let Some(id) = a.get("Identifier").and_then(Value::as_str) else {
                continue;
            };
            let path = actions_path.index(i).key("Identifier");
            if let Err(reason) = validate_identifier(id) {
                let d = Diagnostic::new(
                    codes::INVALID_IDENTIFIER,
                    format!("invalid action identifier `{id}`"),
                )
                .with_label(self.value_span(&path), reason)
                .with_note(format!("JSON path: {path}"));
                self.diags.push(d);
            }
            if let Some(&j) = first.get(id) {
                let other = actions_path.index(j).key("Identifier");
                let d = Diagnostic::new(
                    codes::DUPLICATE_IDENTIFIER,
                    format!("duplicate action identifier `{id}`"),
                )
                .with_label(self.value_span(&path), "second action with this identifier")
                .with_secondary(self.value_span(&other), "first defined here")
                .with_note(format!("JSON paths: {other} and {path}"));
                self.diags.push(d);
            } else {
                first.insert(id, i);
            }
        }
    }

    /// `NextAction`s that name no action.
    fn check_targets(&mut self, action: &Action, path: &JsonPath, known: &IndexSet<&str>) {
        for (branch, target) in action.transitions.targets() {
            if known.contains(target) {
                continue;
            }
            let p = branch.next_action_path(path);
            let mut d = Diagnostic::new(
                codes::UNKNOWN_TARGET,
                format!("`{p}` names no action: `{target}`"),
            )
            .with_label(self.value_span(&p), "no action has this identifier")
            .with_note(format!("JSON path: {p}"));
            if let Some(s) = closest(target, known.iter().copied()) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            self.diags.push(d);
        }
    }

    fn unknown_type(&mut self, name: &str, path: &JsonPath) {
        let mut d = Diagnostic::new(
            codes::UNKNOWN_ACTION_TYPE,
            format!("unknown action type `{name}`; the action is kept as written"),
        )
        .with_label(self.value_span(path), "not a flow-language action type")
        .with_note(format!("JSON path: {path}"));
        if let Some(new) = legacy_replacement(name) {
            d = d.with_help(format!(
                "`{name}` is a legacy or non-existent type; use {new}"
            ));
        } else if let Some(s) = closest(name, ActionType::ALL.iter().map(|t| t.name())) {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
        self.diags.push(d);
    }

    /// A required string member; reports it missing or mistyped.
    fn required_str(
        &mut self,
        map: &Map<String, Value>,
        path: &JsonPath,
        key: &str,
    ) -> Option<String> {
        match map.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.shape(
                    &ShapeError::new(&path.key(key), "a string", other),
                    codes::WRONG_TYPE,
                );
                None
            }
            None => {
                self.shape(&ShapeError::missing(path, key), codes::MISSING_KEY);
                None
            }
        }
    }

    /// Reports a shape error. Missing keys are always `I003`; wrong kinds get `wrong_type_code`
    /// (`I004`, or `I007` inside parameters, which is not structural).
    fn shape(&mut self, e: &ShapeError, wrong_type_code: Code) {
        let d = match &e.kind {
            ShapeErrorKind::MissingKey => {
                let key = e.path.last_key().unwrap_or_default();
                Diagnostic::new(codes::MISSING_KEY, e.to_string())
                    .with_label(
                        self.object_start_span(&e.path.parent()),
                        format!("this object has no `{key}`"),
                    )
                    .with_note(format!("JSON path: {}", e.path))
            }
            ShapeErrorKind::WrongType { expected, .. } => {
                let mut d = Diagnostic::new(wrong_type_code, e.to_string())
                    .with_label(self.value_span(&e.path), format!("expected {expected}"))
                    .with_note(format!("JSON path: {}", e.path));
                if wrong_type_code == codes::INVALID_PARAMETERS {
                    d = d.with_note("the action's parameters are kept as raw JSON");
                    if *expected == "a string" {
                        d = d.with_help(
                            "exports write every scalar as a string, e.g. `\"8\"`, `\"True\"`",
                        );
                    }
                }
                d
            }
        };
        if d.code != codes::INVALID_PARAMETERS {
            self.structural = true;
        }
        self.diags.push(d);
    }

    fn error(&mut self, d: Diagnostic) {
        self.structural = true;
        self.diags.push(d);
    }

    fn invalid_json(&mut self, e: &serde_json::Error) {
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let full = e.to_string();
        let msg = full.strip_suffix(&suffix).unwrap_or(&full);
        let at = self.line_col_offset(e.line(), e.column());
        let end = self
            .body
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        let d = Diagnostic::new(codes::INVALID_JSON, format!("invalid JSON: {msg}"))
            .with_label(self.span(at..end), msg.to_owned())
            .with_note(format!("line {}, column {}", e.line(), e.column()));
        self.error(d);
    }

    fn not_a_flow(&mut self, map: &Map<String, Value>) {
        let root = JsonPath::root();
        if let Some(modules) = map.get("modules") {
            let span = locate_key(self.body, &root.key("modules"))
                .map_or_else(|| self.value_span(&root), |r| self.span(r));
            let mut d = Diagnostic::new(
                codes::LEGACY_FLOW_FORMAT,
                "this is a legacy Amazon Connect flow export (`{\"modules\": [...]}`), not the flow language",
            )
            .with_label(span, "legacy format")
            .with_help(
                "the CreateContactFlow API does not accept this format (used by consoles before about 2022); \
                 open the flow in the current flow designer and export it again",
            );
            let legacy_types: IndexSet<&str> = modules
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m.get("type").and_then(Value::as_str))
                .collect();
            let mapped: Vec<String> = legacy_types
                .iter()
                .filter_map(|t| legacy_replacement(t).map(|n| format!("{t} → {n}")))
                .collect();
            if !mapped.is_empty() {
                d = d.with_note(format!(
                    "legacy types in this file map to: {}",
                    mapped.join("; ")
                ));
            }
            self.error(d);
            return;
        }
        let mut d = Diagnostic::new(
            codes::NOT_A_FLOW,
            "this JSON document is not a flow: it has neither `StartAction` nor `Actions`",
        )
        .with_label(
            self.object_start_span(&root),
            "expected a flow-language object",
        );
        if map
            .get("ContactFlow")
            .and_then(|c| c.get("Content"))
            .is_some()
        {
            d = d.with_help(
                "this looks like a DescribeContactFlow response; the flow is the JSON string in `ContactFlow.Content`",
            );
        } else if map
            .get("ContactFlowModule")
            .and_then(|c| c.get("Content"))
            .is_some()
        {
            d = d.with_help(
                "this looks like a DescribeContactFlowModule response; the module is the JSON string in `ContactFlowModule.Content`",
            );
        } else if map.contains_key("Resources") || map.contains_key("AWSTemplateFormatVersion") {
            d = d.with_help(
                "this looks like a CloudFormation template; the flow is the `Content` string of an `AWS::Connect::ContactFlow` resource",
            );
        }
        self.error(d);
    }

    /// Byte offset in `body` of serde_json's 1-based line and column (column 0 = line start).
    fn line_col_offset(&self, line: usize, column: usize) -> usize {
        let mut start = 0;
        if line > 1 {
            match self.body.match_indices('\n').nth(line - 2) {
                Some((i, _)) => start = i + 1,
                None => return self.body.len(),
            }
        }
        let mut at = (start + column.saturating_sub(1)).min(self.body.len());
        while !self.body.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// A span from a byte range of `body`.
    fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.file, r.start + self.offset, r.end + self.offset)
    }

    fn whole_file(&self) -> Span {
        Span::new(self.file, 0, self.text.len())
    }

    /// The value at `path`, or its deepest existing ancestor, or the whole file.
    fn value_span(&self, path: &JsonPath) -> Span {
        locate(self.body, path).map_or_else(|| self.whole_file(), |l| self.span(l.range))
    }

    /// The opening bracket of the object or array at `path` (for "missing key" labels, which
    /// would otherwise cover the whole object).
    fn object_start_span(&self, path: &JsonPath) -> Span {
        match locate(self.body, path) {
            Some(l) => {
                let r = l.range;
                let first = self.body.as_bytes().get(r.start).copied();
                if matches!(first, Some(b'{' | b'[')) {
                    self.span(r.start..r.start + 1)
                } else {
                    self.span(r)
                }
            }
            None => self.whole_file(),
        }
    }
}

/// The candidate most similar to `name`, if it is similar enough to be a likely typo.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, c)| *score >= 0.85 && *c != name)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
