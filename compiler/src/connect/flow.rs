//! [`Flow`]: a whole flow-language document, with its [`Metadata`] and, for flow modules,
//! [`ModuleSettings`].

use compact_str::CompactString;
use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::action::Action;
use super::extra::Extra;
use super::flow_type::FlowType;
use super::json::json_struct;
use super::limits::FLOW_LANGUAGE_VERSION;
use super::scalar::Scalar;

/// A flow-language document: `{Version, StartAction, Metadata, Actions, Settings}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// `Version`: `2019-10-30` is the only value the service accepts.
    pub version: String,
    /// `StartAction`: the identifier of the first action.
    pub start_action: CompactString,
    /// `Metadata`: designer data (positions, names); no part in execution. `None` when absent.
    pub metadata: Option<Metadata>,
    /// `Actions`, in document order.
    pub actions: Vec<Action>,
    /// `Settings`: flow modules only.
    pub settings: Option<ModuleSettings>,
    /// Other top-level keys, kept as written.
    pub extra: Extra,
}

/// The top-level keys the model names.
pub(crate) const FLOW_KEYS: &[&str] =
    &["Version", "StartAction", "Metadata", "Actions", "Settings"];

impl Flow {
    /// An empty flow of the current version starting at `start_action`.
    #[must_use]
    pub fn new(start_action: impl Into<CompactString>) -> Self {
        Self {
            version: FLOW_LANGUAGE_VERSION.to_owned(),
            start_action: start_action.into(),
            metadata: None,
            actions: Vec::new(),
            settings: None,
            extra: Extra::new(),
        }
    }

    /// The action with this identifier (the first one, if there are duplicates).
    #[must_use]
    pub fn action(&self, identifier: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.identifier == identifier)
    }

    /// The start action, if it exists.
    #[must_use]
    pub fn start(&self) -> Option<&Action> {
        self.action(&self.start_action)
    }

    /// Identifier → index in [`actions`](Self::actions) (the first one, for duplicates).
    #[must_use]
    pub fn index(&self) -> IndexMap<&str, usize> {
        let mut m = IndexMap::with_capacity(self.actions.len());
        for (i, a) in self.actions.iter().enumerate() {
            m.entry(a.identifier.as_str()).or_insert(i);
        }
        m
    }

    /// Whether this is a flow module (it has `Settings`, or its metadata says so).
    #[must_use]
    pub fn is_module(&self) -> bool {
        self.flow_type() == Some(FlowType::Module)
    }

    /// The flow type, when the document says: `Metadata.type` (`contactFlow`, …), else
    /// [`FlowType::Module`] when `Settings` is present. Older exports say nothing.
    #[must_use]
    pub fn flow_type(&self) -> Option<FlowType> {
        let from_metadata = self
            .metadata
            .as_ref()
            .and_then(Metadata::flow_type_name)
            .and_then(FlowType::from_name);
        from_metadata.or_else(|| self.settings.as_ref().map(|_| FlowType::Module))
    }
}

impl serde::Serialize for Flow {
    /// Keys in the order of exports: `Version`, `StartAction`, `Metadata`, `Actions`,
    /// `Settings`, then unknown keys.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("Version", &self.version)?;
        map.serialize_entry("StartAction", self.start_action.as_str())?;
        if let Some(m) = &self.metadata {
            map.serialize_entry(
                "Metadata",
                &MetadataJson {
                    metadata: m,
                    actions: &self.actions,
                },
            )?;
        }
        map.serialize_entry("Actions", &self.actions)?;
        if let Some(st) = &self.settings {
            map.serialize_entry("Settings", st)?;
        }
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A designer position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// The free-form `Metadata` object, kept as written, with readers for what the console puts
/// there: `entryPointPosition`, `ActionMetadata.<id>.position`, `name`, `description`, `type`.
///
/// A built flow's positions are kept typed in [`layout`](Self::layout) instead of `entries`:
/// as nested JSON maps they cost about eight allocations and a copy of the identifier per
/// action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// Every key, as written (for a built flow: `name`, `description`, `type`).
    pub entries: Map<String, Value>,
    /// The positions the compiler laid out, written as `entryPointPosition` and
    /// `ActionMetadata` before `entries` (which then hold neither key). `None` for imported
    /// flows: their positions stay in `entries`, as written.
    pub layout: Option<Layout>,
}

/// A flow's designer positions as the compiler lays them out: written
/// `"entryPointPosition": {x, y}, "ActionMetadata": {"<id>": {"position": {x, y}}, …}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// `entryPointPosition`.
    pub entry_point: Position,
    /// `ActionMetadata.<id>.position`: (index in [`Flow::actions`], position), in the order
    /// written. An index names its action without a copy of the identifier; the identifiers
    /// must be unique (with duplicates, positions go in `entries`).
    pub actions: Vec<(u32, Position)>,
}

impl Flow {
    /// The designer position of the action `identifier` (`ActionMetadata.<id>.position`),
    /// typed or as written.
    #[must_use]
    pub fn action_position(&self, identifier: &str) -> Option<Position> {
        let metadata = self.metadata.as_ref()?;
        if let Some(layout) = &metadata.layout {
            return layout.actions.iter().find_map(|&(i, p)| {
                let a = self.actions.get(i as usize)?;
                (a.identifier == identifier).then_some(p)
            });
        }
        position(
            metadata
                .entries
                .get("ActionMetadata")?
                .get(identifier)?
                .get("position")?,
        )
    }
}

impl Metadata {
    /// `entryPointPosition`.
    #[must_use]
    pub fn entry_point_position(&self) -> Option<Position> {
        if let Some(layout) = &self.layout {
            return Some(layout.entry_point);
        }
        position(self.entries.get("entryPointPosition")?)
    }

    /// Sets `entryPointPosition`.
    pub fn set_entry_point_position(&mut self, p: Position) {
        self.entries
            .insert("entryPointPosition".to_owned(), position_json(p));
    }

    /// Sets `ActionMetadata.<identifier>.position`, creating the objects as needed (a
    /// non-object in the way is replaced).
    pub fn set_action_position(&mut self, identifier: &str, p: Position) {
        let am = self
            .entries
            .entry("ActionMetadata")
            .or_insert_with(|| Value::Object(Map::new()));
        if !am.is_object() {
            *am = Value::Object(Map::new());
        }
        if let Value::Object(am) = am {
            let entry = am
                .entry(identifier.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(entry) = entry {
                entry.insert("position".to_owned(), position_json(p));
            }
        }
    }

    /// `name` (newer exports).
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.entries.get("name")?.as_str()
    }

    /// `description` (newer exports).
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.entries.get("description")?.as_str()
    }

    /// `type`: the console's flow type name (`contactFlow`, `customerQueue`, …).
    #[must_use]
    pub fn flow_type_name(&self) -> Option<&str> {
        self.entries.get("type")?.as_str()
    }
}

/// `Metadata` as written: the typed layout (which names actions by index, hence the flow's
/// actions here), then the entries.
struct MetadataJson<'a> {
    metadata: &'a Metadata,
    actions: &'a [Action],
}

impl serde::Serialize for MetadataJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        if let Some(layout) = &self.metadata.layout {
            map.serialize_entry("entryPointPosition", &PositionJson(layout.entry_point))?;
            if !layout.actions.is_empty() {
                let positions = ActionPositions {
                    layout,
                    actions: self.actions,
                };
                map.serialize_entry("ActionMetadata", &positions)?;
            }
        }
        for (k, v) in &self.metadata.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `ActionMetadata` of a [`Layout`]: `{"<id>": {"position": {x, y}}, …}`.
struct ActionPositions<'a> {
    layout: &'a Layout,
    actions: &'a [Action],
}

impl serde::Serialize for ActionPositions<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        struct Entry(Position);
        impl serde::Serialize for Entry {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("position", &PositionJson(self.0))?;
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(self.layout.actions.len()))?;
        for &(i, p) in &self.layout.actions {
            let id = self
                .actions
                .get(i as usize)
                .map_or("", |a| a.identifier.as_str());
            map.serialize_entry(id, &Entry(p))?;
        }
        map.end()
    }
}

/// A position as [`position_json`] writes it, without building the `Value`.
struct PositionJson(Position);

impl serde::Serialize for PositionJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        struct Num(f64);
        impl serde::Serialize for Num {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let f = self.0;
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    s.serialize_i64(f as i64)
                } else if f.is_finite() {
                    s.serialize_f64(f)
                } else {
                    s.serialize_unit()
                }
            }
        }
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("x", &Num(self.0.x))?;
        map.serialize_entry("y", &Num(self.0.y))?;
        map.end()
    }
}

fn position(v: &Value) -> Option<Position> {
    Some(Position {
        x: v.get("x")?.as_f64()?,
        y: v.get("y")?.as_f64()?,
    })
}

fn position_json(p: Position) -> Value {
    let num = |f: f64| {
        // Whole numbers are written as integers, as the console does.
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            Value::from(f as i64)
        } else {
            serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
        }
    };
    let mut m = Map::new();
    m.insert("x".to_owned(), num(p.x));
    m.insert("y".to_owned(), num(p.y));
    Value::Object(m)
}

json_struct! {
    /// `Settings` of a flow module: its inputs, outputs and named exits.
    pub struct ModuleSettings {
        /// `InputParameters` (kept as written).
        "InputParameters" => input_parameters: Vec<Value>,
        /// `OutputParameters` (kept as written).
        "OutputParameters" => output_parameters: Vec<Value>,
        /// `Transitions`: the module's exits, e.g. `Success`, `Error`.
        "Transitions" => transitions: Vec<ModuleTransition>,
    }
}

json_struct! {
    /// One exit of a flow module.
    pub struct ModuleTransition {
        /// `DisplayName`.
        "DisplayName" => display_name: Scalar,
        /// `ReferenceName`.
        "ReferenceName" => reference_name: Scalar,
        /// `Description`.
        "Description" => description: Scalar,
    }
}
