//! Designer positions: a layered layout, so a built flow opens tidy in the Connect console.
//!
//! Layers are breadth-first distances from the start action, left to right; within a layer,
//! actions keep the order in which the walk met them, top to bottom. Actions the walk never
//! reaches (an unused retry loop, say) go to one last layer. Deterministic: the walk follows
//! `NextAction`, then conditions, then errors, in document order.

use std::collections::VecDeque;

use crate::connect::{Flow, Layout, Metadata, Position};
use crate::hash::FastMap;

/// Horizontal distance between layers and vertical distance between rows, in console pixels.
const LAYER_WIDTH: f64 = 300.0;
const ROW_HEIGHT: f64 = 180.0;
const ORIGIN: Position = Position { x: 40.0, y: 40.0 };

/// Sets `entryPointPosition` and each action's `position` in `metadata`: as a typed
/// [`Layout`] when the identifiers are unique (always, for lowered flows), else in its
/// entries, where a later duplicate overwrites an earlier one's position.
pub(crate) fn lay_out(flow: &Flow, metadata: &mut Metadata) {
    let n = flow.actions.len();
    let mut index: FastMap<&str, usize> = FastMap::default();
    index.reserve(n);
    for (i, a) in flow.actions.iter().enumerate() {
        index.insert(a.identifier.as_str(), i);
    }
    let mut layer: Vec<Option<usize>> = vec![None; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue = VecDeque::new();
    if let Some(&s) = index.get(flow.start_action.as_str()) {
        layer[s] = Some(0);
        queue.push_back(s);
    }
    while let Some(i) = queue.pop_front() {
        order.push(i);
        let depth = layer[i].unwrap_or(0);
        let t = &flow.actions[i].transitions;
        let targets = t
            .next_action
            .iter()
            .chain(t.conditions.iter().map(|c| &c.next_action))
            .chain(t.errors.iter().map(|e| &e.next_action));
        for target in targets {
            if let Some(&j) = index.get(target.as_str())
                && layer[j].is_none()
            {
                layer[j] = Some(depth + 1);
                queue.push_back(j);
            }
        }
    }
    let last = layer.iter().flatten().max().map_or(0, |m| m + 1);
    for (i, l) in layer.iter_mut().enumerate() {
        if l.is_none() {
            *l = Some(last);
            order.push(i);
        }
    }
    // Rows used so far in each layer (layers are 0..=last).
    let mut rows: Vec<usize> = vec![0; last + 1];
    let positions = order.into_iter().map(|i| {
        let l = layer[i].unwrap_or(last);
        let row = &mut rows[l];
        #[allow(clippy::cast_precision_loss)]
        let p = Position {
            x: ORIGIN.x + LAYER_WIDTH * (l + 1) as f64,
            y: ORIGIN.y + ROW_HEIGHT * *row as f64,
        };
        *row += 1;
        (i, p)
    });
    let typed = index.len() == n && u32::try_from(n).is_ok();
    if typed {
        let actions = positions
            .map(|(i, p)| (u32::try_from(i).unwrap_or(u32::MAX), p))
            .collect();
        metadata.layout = Some(Layout {
            entry_point: ORIGIN,
            actions,
        });
    } else {
        metadata.set_entry_point_position(ORIGIN);
        for (i, p) in positions {
            metadata.set_action_position(&flow.actions[i].identifier, p);
        }
    }
}
