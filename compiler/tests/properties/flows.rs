//! Generated Connect flows: actions taken from the real exports of `shared/corpus` (so every
//! action type and parameter shape the corpus has appears), renamed, and wired with new
//! transitions.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Value, json};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/connect-flows"
);

/// Every action of every corpus flow, without its identifier and metadata.
pub fn pool() -> &'static [Value] {
    static POOL: OnceLock<Vec<Value>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut files: Vec<_> = std::fs::read_dir(Path::new(CORPUS))
            .unwrap_or_else(|e| panic!("the Connect corpus is needed at {CORPUS}: {e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let mut pool = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("readable");
            let v: Value = serde_json::from_str(&text).expect("corpus files are JSON");
            pool.extend(v["Actions"].as_array().into_iter().flatten().cloned());
        }
        assert!(pool.len() > 400, "{} actions in the corpus", pool.len());
        pool
    })
}

/// Where one transition of a generated flow goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// Action number `n` of the flow (modulo its length): forward, backward or itself.
    Action(usize),
    /// An identifier no action has.
    Missing,
    /// The transition is dropped.
    None,
}

/// How to build one action: which pool action, and where each of its transitions goes.
#[derive(Debug, Clone)]
pub struct ActionSpec {
    pub pick: usize,
    pub targets: Vec<Target>,
}

/// A flow of 1–`max` actions. `wild` allows missing targets and dropped transitions.
pub fn flow_spec(max: usize, wild: bool) -> impl Strategy<Value = Vec<ActionSpec>> {
    let target = if wild {
        prop_oneof![
            6 => any::<usize>().prop_map(Target::Action),
            1 => Just(Target::Missing),
            1 => Just(Target::None),
        ]
        .boxed()
    } else {
        any::<usize>().prop_map(Target::Action).boxed()
    };
    let action = (any::<usize>(), prop::collection::vec(target, 12))
        .prop_map(|(pick, targets)| ActionSpec { pick, targets });
    prop::collection::vec(action, 1..=max)
}

/// The flow JSON of `spec`: actions `a0`, `a1`, … with the parameters of their pool action and
/// its transitions (next action, conditions, errors) sent where the spec says.
pub fn flow_json(spec: &[ActionSpec]) -> Value {
    let pool = pool();
    let n = spec.len();
    let id = |t: &Target| match t {
        Target::Action(k) => Some(format!("a{}", k % n)),
        Target::Missing => Some("missing-action".to_owned()),
        Target::None => None,
    };
    let mut actions = Vec::new();
    for (i, s) in spec.iter().enumerate() {
        let mut a = pool[s.pick % pool.len()].clone();
        a["Identifier"] = json!(format!("a{i}"));
        let mut targets = s.targets.iter().cycle();
        if let Some(t) = a.get_mut("Transitions").and_then(Value::as_object_mut) {
            if t.contains_key("NextAction") {
                match targets.next().and_then(id) {
                    Some(next) => {
                        t.insert("NextAction".into(), json!(next));
                    }
                    None => {
                        t.remove("NextAction");
                    }
                }
            }
            for list in ["Conditions", "Errors"] {
                for branch in t
                    .get_mut(list)
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Some(next) = targets.next().and_then(id) {
                        branch["NextAction"] = json!(next);
                    }
                }
            }
        }
        actions.push(a);
    }
    json!({
        "Version": "2019-10-30",
        "StartAction": "a0",
        "Actions": actions,
    })
}
