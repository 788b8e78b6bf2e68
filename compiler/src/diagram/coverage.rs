//! The coverage file: what `dialect test --coverage-out FILE` writes and `dialect report
//! --coverage FILE` draws. JSON, version 1:
//!
//! ```json
//! {
//!   "version": 1,
//!   "flows": {
//!     "PhoneOrder": {
//!       "steps": { "start": 12, "greet": 10, "reserve": 9 },
//!       "edges": [
//!         { "from": "start", "to": "greet", "outcome": "open", "hits": 10 },
//!         { "from": "reserve", "to": "tech_trouble", "outcome": "error", "hits": 1 },
//!         { "from": "greet", "to": "take_order", "hits": 10 }
//!       ]
//!     }
//!   },
//!   "transcripts": [
//!     { "name": "orders a futon by voice", "flow": "PhoneOrder", "passed": true,
//!       "lines": [ { "who": "system", "text": "お電話ありがとうございます。" },
//!                  { "who": "caller", "text": "羽毛布団を1つ" } ] }
//!   ]
//! }
//! ```
//!
//! - Steps and edges are named as in the diagram: `from` and `to` are node keys (step names;
//!   `(start)`, `(on error)`, or `flow:Name` for a link), `outcome` is the outcome as written in
//!   `.dial` (`intent OrderProduct`, `press 1`, `error`; `""` for a goto). An edge entry
//!   without `outcome` counts for every edge between the two nodes.
//! - Hit counts are totals over all scenarios; missing entries mean 0 (never exercised).
//! - Unknown fields are ignored, so the simulator may add more.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A whole coverage file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub flows: BTreeMap<String, FlowCoverage>,
    #[serde(default)]
    pub transcripts: Vec<Transcript>,
}

fn one() -> u32 {
    1
}

/// Hits in one flow.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlowCoverage {
    /// Step name → how many times it was entered.
    #[serde(default)]
    pub steps: BTreeMap<String, u64>,
    #[serde(default)]
    pub edges: Vec<EdgeHits>,
}

/// Hits of one edge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EdgeHits {
    pub from: String,
    pub to: String,
    /// `None`: every edge between `from` and `to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default)]
    pub hits: u64,
}

/// The transcript of one scenario test.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub name: String,
    #[serde(default)]
    pub flow: String,
    #[serde(default = "yes")]
    pub passed: bool,
    #[serde(default)]
    pub lines: Vec<TranscriptLine>,
}

fn yes() -> bool {
    true
}

/// One line of a transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptLine {
    /// `system`, `caller`, or anything the simulator uses (`note`, `agent`).
    pub who: String,
    pub text: String,
}

/// Reads a coverage file; the error says what is wrong and where.
///
/// # Errors
/// When the text is not JSON of this shape, or its version is not 1.
pub fn parse(text: &str) -> Result<Coverage, String> {
    let c: Coverage = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if c.version != 1 {
        return Err(format!(
            "coverage file version {} is not supported (expected 1)",
            c.version
        ));
    }
    Ok(c)
}

impl FlowCoverage {
    /// Hits of a node by key (0 when missing).
    #[must_use]
    pub fn step_hits(&self, key: &str) -> u64 {
        self.steps.get(key).copied().unwrap_or(0)
    }

    /// Hits of the edge `from → to` with `outcome`.
    #[must_use]
    pub fn edge_hits(&self, from: &str, to: &str, outcome: &str) -> u64 {
        self.edge_hits_any(from, to, &[outcome.to_owned()])
    }

    /// Hits of the edge `from → to` with any of `outcomes` (a diagram edge that merges several).
    #[must_use]
    pub fn edge_hits_any(&self, from: &str, to: &str, outcomes: &[String]) -> u64 {
        self.edges
            .iter()
            .filter(|e| {
                e.from == from
                    && e.to == to
                    && e.outcome.as_ref().is_none_or(|o| outcomes.contains(o))
            })
            .map(|e| e.hits)
            .fold(0u64, u64::saturating_add)
    }
}
