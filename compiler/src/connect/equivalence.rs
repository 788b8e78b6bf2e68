//! Whether two flows behave the same: [`equivalent`].
//!
//! Identifiers, designer metadata, document order and module settings do not matter; the
//! actions a caller can reach, their types, parameters (as JSON values) and where each of their
//! outcomes leads do. Before comparing, each action's transitions are normalised to what
//! Connect does with them (reference §3):
//!
//! - an error type the action can raise but has no branch for takes the `NoMatchingError`
//!   branch: it is written out;
//! - `NextAction` counts only when success follows it ([`SuccessPath::NextAction`]); on branching
//!   and leaving actions the console's copy of an error target is ignored;
//! - of two conditions (or error branches) that test the same thing, only the first can be
//!   taken;
//! - a target that names no action is no transition.

use std::collections::{BTreeMap, HashMap, VecDeque};

use super::{Action, ErrorType, Flow, Operand, SuccessPath};

/// What an outcome of an action is, for comparison.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    Next,
    Condition(String, String),
    Error(String),
}

/// The normalised outcomes of an action: label → index of the target action.
fn outcomes(a: &Action, index: &HashMap<&str, usize>) -> BTreeMap<Label, usize> {
    let mut out = BTreeMap::new();
    let t = &a.transitions;
    let resolve = |id: &str| index.get(id).copied();
    if a.success_path() == SuccessPath::NextAction
        && let Some(n) = t.next_action.as_deref().and_then(resolve)
    {
        out.insert(Label::Next, n);
    }
    for c in &t.conditions {
        let operand = match c.operands.as_slice() {
            [Operand::Text(s)] => s.to_string(),
            other => format!("{other:?}"),
        };
        let label = Label::Condition(c.operator.name().to_owned(), operand);
        if let Some(n) = resolve(&c.next_action) {
            out.entry(label).or_insert(n);
        }
    }
    for e in &t.errors {
        if let Some(n) = resolve(&e.next_action) {
            out.entry(Label::Error(e.error_type.name().to_owned()))
                .or_insert(n);
        }
    }
    if let Some(&fallback) = out.get(&Label::Error(ErrorType::NoMatchingError.name().to_owned())) {
        for e in a.possible_errors() {
            out.entry(Label::Error(e.name().to_owned()))
                .or_insert(fallback);
        }
    }
    out
}

fn index(flow: &Flow) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for (i, a) in flow.actions.iter().enumerate() {
        m.entry(a.identifier.as_str()).or_insert(i);
    }
    m
}

/// `Ok` when `a` and `b` behave the same; otherwise the first difference, described with the
/// identifiers of both flows.
///
/// # Errors
/// A description of the first difference met walking both flows from their start.
pub fn equivalent(a: &Flow, b: &Flow) -> Result<(), String> {
    let (ia, ib) = (index(a), index(b));
    let (Some(&sa), Some(&sb)) = (
        ia.get(a.start_action.as_str()),
        ib.get(b.start_action.as_str()),
    ) else {
        return match (
            ia.contains_key(a.start_action.as_str()),
            ib.contains_key(b.start_action.as_str()),
        ) {
            (false, false) => Ok(()),
            _ => Err("only one flow has a start action".to_owned()),
        };
    };
    let mut map: HashMap<usize, usize> = HashMap::new();
    let mut back: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([(sa, sb)]);
    map.insert(sa, sb);
    back.insert(sb, sa);
    while let Some((x, y)) = queue.pop_front() {
        let (ax, by) = (&a.actions[x], &b.actions[y]);
        let here = format!("`{}` / `{}`", ax.identifier, by.identifier);
        if ax.type_name() != by.type_name() {
            return Err(format!(
                "{here}: type {} / {}",
                ax.type_name(),
                by.type_name()
            ));
        }
        let (pa, pb) = (ax.kind.parameters_json(), by.kind.parameters_json());
        if pa != pb {
            return Err(format!("{here}: parameters {pa} / {pb}"));
        }
        let (oa, ob) = (outcomes(ax, &ia), outcomes(by, &ib));
        let la: Vec<&Label> = oa.keys().collect();
        let lb: Vec<&Label> = ob.keys().collect();
        if la != lb {
            return Err(format!("{here}: outcomes {la:?} / {lb:?}"));
        }
        for (label, &nx) in &oa {
            let ny = ob[label];
            match (map.get(&nx), back.get(&ny)) {
                (None, None) => {
                    map.insert(nx, ny);
                    back.insert(ny, nx);
                    queue.push_back((nx, ny));
                }
                (Some(&m), _) if m == ny => {}
                _ => {
                    return Err(format!(
                        "{here}: {label:?} leads to `{}` / `{}`, which correspond to other actions",
                        a.actions[nx].identifier, b.actions[ny].identifier
                    ));
                }
            }
        }
    }
    Ok(())
}
