//! A layered (Sugiyama-style) layout, drawn top to bottom, with no external tool.
//!
//! 1. **Cycles**: a depth-first search from node 0 (then from every unvisited node, in order)
//!    marks back edges; they are laid out reversed and drawn pointing up.
//! 2. **Layering**: longest path, every edge spanning two ranks, so that the rank between two
//!    nodes holds the edge labels and labels never sit on top of nodes.
//! 3. **Dummies**: an edge spanning more ranks becomes a chain of dummy vertices, one per rank;
//!    its label is the first dummy (next to where the edge starts).
//! 4. **Crossings**: barycenter ordering, sweeping down and up, keeping the order with the
//!    fewest crossings seen.
//! 5. **Coordinates**: each vertex is pulled to the mean x of its neighbours in the previous
//!    (then next) rank; the x positions of one rank are then the closest ones to those wishes
//!    that keep the order and the minimum gaps (isotonic regression, pool-adjacent-violators).
//! 6. **Edges**: polylines from the source's bottom to the target's top through the dummies,
//!    with ports spread along the node's side in the order of where the edges go.
//!
//! Deterministic: every tie is broken by input order, and no hashing is involved.

/// What to lay out: node sizes and edges with their label sizes.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Width and height of each node.
    pub nodes: Vec<(f64, f64)>,
    /// `(from, to, label size)`; a label of width 0 is no label.
    pub edges: Vec<(usize, usize, (f64, f64))>,
}

/// A node's box: centre and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// An edge's route.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// From the source's border to the target's border (direction of the edge).
    pub points: Vec<(f64, f64)>,
    /// The top-left corner of the label, when the edge has one.
    pub label: Option<(f64, f64)>,
    /// A loop from a node to itself (drawn as an arc on its right side).
    pub self_loop: bool,
}

/// The result: a box per node, a route per edge, and the size of the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Rect>,
    pub edges: Vec<Route>,
    pub width: f64,
    pub height: f64,
}

const MARGIN: f64 = 16.0;
const NODE_GAP: f64 = 28.0;
const RANK_GAP: f64 = 14.0;
const DUMMY_WIDTH: f64 = 8.0;
/// Room on a node's right side for a loop to itself.
const LOOP_ROOM: f64 = 36.0;
/// The edge runs this far to the left of its label's box.
const LABEL_PAD: f64 = 6.0;
const SWEEPS: usize = 24;
const PLACEMENT_PASSES: usize = 12;

/// One vertex of the layered graph: a node or a dummy.
#[derive(Debug, Clone)]
struct Vertex {
    w: f64,
    h: f64,
    rank: usize,
    /// Position within its rank.
    order: usize,
    x: f64,
    preds: Vec<usize>,
    succs: Vec<usize>,
}

/// Lays out the graph.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn layout(input: &Input) -> Layout {
    let n = input.nodes.len();
    let valid = |i: usize| i < n;
    // Room for loops on the right of nodes that have them.
    let mut loop_room = vec![0.0_f64; n];
    for &(a, b, (lw, _)) in &input.edges {
        if a == b && valid(a) {
            loop_room[a] = loop_room[a].max(LOOP_ROOM + lw);
        }
    }
    let mut vs: Vec<Vertex> = input
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &(w, h))| Vertex {
            w: sane(w) + loop_room[i],
            h: sane(h),
            rank: 0,
            order: 0,
            x: 0.0,
            preds: Vec::new(),
            succs: Vec::new(),
        })
        .collect();

    // 1. Back edges.
    let out: Vec<Vec<usize>> = {
        let mut out = vec![Vec::new(); n];
        for (i, &(a, b, _)) in input.edges.iter().enumerate() {
            if valid(a) && valid(b) && a != b {
                out[a].push(i);
            }
        }
        out
    };
    let mut reversed = vec![false; input.edges.len()];
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut dfs_order = Vec::with_capacity(n);
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        dfs_order.push(root);
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&e) = out[v].get(*next) {
                *next += 1;
                let w = input.edges[e].1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        dfs_order.push(w);
                        stack.push((w, 0));
                    }
                    1 => reversed[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }

    // 2. Ranks: longest path over the acyclic orientation, two ranks per edge.
    let oriented: Vec<Option<(usize, usize)>> = input
        .edges
        .iter()
        .zip(&reversed)
        .map(|(&(a, b, _), &r)| {
            (valid(a) && valid(b) && a != b).then_some(if r { (b, a) } else { (a, b) })
        })
        .collect();
    let mut indeg = vec![0usize; n];
    let mut fwd = vec![Vec::new(); n];
    for &(a, b) in oriented.iter().flatten() {
        indeg[b] += 1;
        fwd[a].push(b);
    }
    let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = ready.pop_first() {
        for &w in &fwd[v] {
            vs[w].rank = vs[w].rank.max(vs[v].rank + 2);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.insert(w);
            }
        }
    }

    // 3. Dummy chains. `chains[e]` lists the vertices of edge e from its oriented source to its
    //    oriented target; `label_vertex[e]` is where its label goes.
    let mut chains: Vec<Vec<usize>> = vec![Vec::new(); input.edges.len()];
    let mut label_vertex: Vec<Option<usize>> = vec![None; input.edges.len()];
    for (e, o) in oriented.iter().enumerate() {
        let Some((a, b)) = *o else { continue };
        let (lw, lh) = input.edges[e].2;
        let has_label = sane(lw) > 0.0;
        let (ra, rb) = (vs[a].rank, vs[b].rank);
        let mut chain = vec![a];
        for r in ra + 1..rb {
            let is_label = has_label
                && if reversed[e] {
                    r + 1 == rb
                } else {
                    r == ra + 1
                };
            let (w, h) = if is_label {
                (sane(lw) + 2.0 * LABEL_PAD, sane(lh))
            } else {
                (DUMMY_WIDTH, 0.0)
            };
            vs.push(Vertex {
                w,
                h,
                rank: r,
                order: 0,
                x: 0.0,
                preds: Vec::new(),
                succs: Vec::new(),
            });
            let id = vs.len() - 1;
            if is_label {
                label_vertex[e] = Some(id);
            }
            chain.push(id);
        }
        chain.push(b);
        for pair in chain.windows(2) {
            vs[pair[0]].succs.push(pair[1]);
            vs[pair[1]].preds.push(pair[0]);
        }
        chains[e] = chain;
    }

    // 4. Order within ranks: start from depth-first discovery, then barycenter sweeps.
    let ranks = vs.iter().map(|v| v.rank + 1).max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); ranks];
    let mut placed = vec![false; vs.len()];
    let mut seeds: Vec<usize> = dfs_order.clone();
    seeds.extend(n..vs.len());
    for s in seeds {
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            if placed[v] {
                continue;
            }
            placed[v] = true;
            layers[vs[v].rank].push(v);
            for &w in vs[v].succs.iter().rev() {
                if !placed[w] {
                    stack.push(w);
                }
            }
        }
    }
    set_order(&mut vs, &layers);
    let mut best = layers.clone();
    let mut best_crossings = crossings(&vs, &layers);
    // Big drawings get fewer sweeps: each one costs a pass over every dummy.
    let sweeps = if vs.len() > 20_000 { 4 } else { SWEEPS };
    for sweep in 0..sweeps {
        if best_crossings == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let rs: Vec<usize> = if down {
            (1..ranks).collect()
        } else {
            (0..ranks.saturating_sub(1)).rev().collect()
        };
        for r in rs {
            let mut keyed: Vec<(f64, usize)> = layers[r]
                .iter()
                .map(|&v| {
                    let nb = if down { &vs[v].preds } else { &vs[v].succs };
                    let key = if nb.is_empty() {
                        vs[v].order as f64
                    } else {
                        nb.iter().map(|&u| vs[u].order as f64).sum::<f64>() / nb.len() as f64
                    };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            layers[r] = keyed.into_iter().map(|(_, v)| v).collect();
            for (i, &v) in layers[r].iter().enumerate() {
                vs[v].order = i;
            }
        }
        let c = crossings(&vs, &layers);
        if c < best_crossings {
            best_crossings = c;
            best = layers.clone();
        }
    }
    layers = best;
    set_order(&mut vs, &layers);

    // 5. x coordinates.
    for layer in &layers {
        let mut x = 0.0;
        for &v in layer {
            vs[v].x = x + vs[v].w / 2.0;
            x += vs[v].w + NODE_GAP;
        }
    }
    let passes = if vs.len() > 20_000 {
        4
    } else {
        PLACEMENT_PASSES
    };
    for pass in 0..passes {
        let down = pass % 2 == 0;
        let rs: Vec<usize> = if down {
            (1..ranks).collect()
        } else {
            (0..ranks.saturating_sub(1)).rev().collect()
        };
        for r in rs {
            let wishes: Vec<f64> = layers[r]
                .iter()
                .map(|&v| {
                    let nb = if down { &vs[v].preds } else { &vs[v].succs };
                    if nb.is_empty() {
                        vs[v].x
                    } else {
                        nb.iter().map(|&u| vs[u].x).sum::<f64>() / nb.len() as f64
                    }
                })
                .collect();
            let widths: Vec<f64> = layers[r].iter().map(|&v| vs[v].w).collect();
            let xs = place(&wishes, &widths);
            for (&v, x) in layers[r].iter().zip(xs) {
                vs[v].x = x;
            }
        }
    }
    let min_left = vs
        .iter()
        .map(|v| v.x - v.w / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if min_left.is_finite() {
        MARGIN - min_left
    } else {
        0.0
    };
    for v in &mut vs {
        v.x += shift;
    }

    // y coordinates per rank.
    let mut rank_h = vec![0.0_f64; ranks];
    for v in &vs {
        rank_h[v.rank] = rank_h[v.rank].max(v.h);
    }
    let mut rank_y = vec![0.0_f64; ranks];
    let mut y = MARGIN;
    for r in 0..ranks {
        rank_y[r] = y + rank_h[r] / 2.0;
        y += rank_h[r] + RANK_GAP;
    }
    let height = if ranks == 0 {
        2.0 * MARGIN
    } else {
        y - RANK_GAP + MARGIN
    };
    let width = vs.iter().map(|v| v.x + v.w / 2.0).fold(0.0, f64::max) + MARGIN;

    let nodes: Vec<Rect> = (0..n)
        .map(|i| {
            let v = &vs[i];
            let w = v.w - loop_room[i];
            Rect {
                x: v.x - loop_room[i] / 2.0,
                y: rank_y[v.rank],
                w,
                h: v.h,
            }
        })
        .collect();

    // 6. Routes, with ports spread along the sides.
    let mut is_label = vec![false; vs.len()];
    for v in label_vertex.iter().flatten() {
        is_label[*v] = true;
    }
    let point_of = |v: usize| -> (f64, f64) {
        if v < n {
            (nodes[v].x, nodes[v].y)
        } else if is_label[v] {
            (vs[v].x - vs[v].w / 2.0, rank_y[vs[v].rank])
        } else {
            (vs[v].x, rank_y[vs[v].rank])
        }
    };
    // For each node: its outgoing (bottom) and incoming (top) chain neighbours, in x order.
    let mut bottom: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    let mut top: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    for (e, chain) in chains.iter().enumerate() {
        if chain.len() < 2 {
            continue;
        }
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        bottom[a].push((point_of(chain[1]).0, e));
        top[b].push((point_of(chain[chain.len() - 2]).0, e));
    }
    let port = |list: &mut Vec<(f64, usize)>, rect: &Rect| -> Vec<(usize, f64)> {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let k = list.len() as f64;
        let span = rect.w * 0.7;
        list.iter()
            .enumerate()
            .map(|(i, &(_, e))| {
                let x = if list.len() == 1 {
                    rect.x
                } else {
                    rect.x - span / 2.0 + span * (i as f64) / (k - 1.0)
                };
                (e, x)
            })
            .collect()
    };
    let mut start_x = vec![0.0_f64; input.edges.len()];
    let mut end_x = vec![0.0_f64; input.edges.len()];
    for v in 0..n {
        for (e, x) in port(&mut bottom[v], &nodes[v]) {
            start_x[e] = x;
        }
        for (e, x) in port(&mut top[v], &nodes[v]) {
            end_x[e] = x;
        }
    }
    let mut edges = Vec::with_capacity(input.edges.len());
    for (e, &(a, _, (lw, lh))) in input.edges.iter().enumerate() {
        let chain = &chains[e];
        if chain.len() < 2 {
            // A loop to itself, or an edge to a node that does not exist.
            if valid(a) && input.edges[e].1 == a {
                let r = nodes[a];
                let right = r.x + r.w / 2.0;
                edges.push(Route {
                    points: vec![
                        (right, r.y - r.h / 4.0),
                        (right + LOOP_ROOM * 0.8, r.y),
                        (right, r.y + r.h / 4.0),
                    ],
                    label: (sane(lw) > 0.0)
                        .then_some((right + LOOP_ROOM * 0.8 + 2.0, r.y - sane(lh) / 2.0)),
                    self_loop: true,
                });
            } else {
                edges.push(Route {
                    points: Vec::new(),
                    label: None,
                    self_loop: false,
                });
            }
            continue;
        }
        let (s, t) = (chain[0], chain[chain.len() - 1]);
        let mut points = vec![(start_x[e], nodes[s].y + nodes[s].h / 2.0)];
        for &v in &chain[1..chain.len() - 1] {
            points.push(point_of(v));
        }
        points.push((end_x[e], nodes[t].y - nodes[t].h / 2.0));
        let label = label_vertex[e].map(|v| {
            let (x, y) = point_of(v);
            (x + LABEL_PAD, y - vs[v].h / 2.0)
        });
        if reversed[e] {
            points.reverse();
        }
        edges.push(Route {
            points,
            label,
            self_loop: false,
        });
    }
    Layout {
        nodes,
        edges,
        width,
        height,
    }
}

/// A finite, non-negative size.
fn sane(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 { v } else { 0.0 }
}

fn set_order(vs: &mut [Vertex], layers: &[Vec<usize>]) {
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            vs[v].order = i;
        }
    }
}

/// Crossings between all pairs of adjacent ranks (every edge of the layered graph joins
/// adjacent ranks): inversions of the target positions, counted with a Fenwick tree.
fn crossings(vs: &[Vertex], layers: &[Vec<usize>]) -> usize {
    let mut total = 0;
    let mut tree: Vec<usize> = Vec::new();
    for (r, layer) in layers.iter().enumerate() {
        let mut segs: Vec<(usize, usize)> = Vec::new();
        for &v in layer {
            for &w in &vs[v].succs {
                segs.push((vs[v].order, vs[w].order));
            }
        }
        segs.sort_unstable();
        let size = layers.get(r + 1).map_or(0, Vec::len) + 1;
        tree.clear();
        tree.resize(size + 1, 0);
        for (inserted, &(_, to)) in segs.iter().enumerate() {
            // Earlier segments (smaller or equal source) that end to the right of `to` cross.
            let mut at_most = 0;
            let mut i = to + 1;
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            total += inserted - at_most;
            let mut i = to + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// The x positions closest (least squares) to `wishes` that keep the order and leave
/// `NODE_GAP` between neighbouring boxes of `widths`.
fn place(wishes: &[f64], widths: &[f64]) -> Vec<f64> {
    let k = wishes.len();
    let mut offsets = Vec::with_capacity(k);
    let mut o = 0.0;
    for i in 0..k {
        if i > 0 {
            o += (widths[i - 1] + widths[i]) / 2.0 + NODE_GAP;
        }
        offsets.push(o);
    }
    // Pool adjacent violators on t = wish - offset, which must be non-decreasing.
    let mut blocks: Vec<(f64, usize)> = Vec::new(); // (mean, size)
    for i in 0..k {
        let mut mean = wishes[i] - offsets[i];
        let mut size = 1;
        while let Some(&(m, s)) = blocks.last() {
            if m <= mean {
                break;
            }
            blocks.pop();
            mean = (m * s as f64 + mean * size as f64) / (s + size) as f64;
            size += s;
        }
        blocks.push((mean, size));
    }
    let mut out = Vec::with_capacity(k);
    for (mean, size) in blocks {
        for _ in 0..size {
            let i = out.len();
            out.push(mean + offsets[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: usize, edges: &[(usize, usize)]) -> Input {
        Input {
            nodes: vec![(60.0, 30.0); n],
            edges: edges.iter().map(|&(a, b)| (a, b, (20.0, 12.0))).collect(),
        }
    }

    #[test]
    fn a_chain_goes_down() {
        let l = layout(&input(3, &[(0, 1), (1, 2)]));
        assert!(l.nodes[0].y < l.nodes[1].y && l.nodes[1].y < l.nodes[2].y);
        assert!((l.nodes[0].x - l.nodes[2].x).abs() < 1.0);
    }

    #[test]
    fn cycles_and_loops_do_not_hang() {
        let l = layout(&input(3, &[(0, 1), (1, 2), (2, 1), (1, 1), (2, 7)]));
        assert_eq!(l.edges.len(), 5);
        assert!(l.edges[3].self_loop);
        assert!(l.edges[4].points.is_empty());
        // The back edge is drawn upwards.
        let p = &l.edges[2].points;
        assert!(p[0].1 > p[p.len() - 1].1);
    }

    #[test]
    fn nodes_of_one_rank_do_not_overlap() {
        let l = layout(&input(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]));
        let mut xs: Vec<f64> = l.nodes[1..].iter().map(|r| r.x).collect();
        xs.sort_by(f64::total_cmp);
        for w in xs.windows(2) {
            assert!(w[1] - w[0] >= 60.0 + NODE_GAP - 0.001);
        }
    }

    #[test]
    fn barycenters_remove_a_crossing() {
        // 0 → 1, 2; 1 → 4; 2 → 3: the initial order may cross, the result must not.
        let l = layout(&input(5, &[(0, 2), (0, 1), (2, 3), (1, 4)]));
        let (x1, x2, x3, x4) = (l.nodes[1].x, l.nodes[2].x, l.nodes[3].x, l.nodes[4].x);
        assert_eq!(x1 < x2, x4 < x3);
    }

    #[test]
    fn crossings_match_a_direct_count() {
        // Two ranks of four vertices, every pair of positions joined in a scrambled way.
        let mut vs: Vec<Vertex> = (0..8)
            .map(|i| Vertex {
                w: 1.0,
                h: 1.0,
                rank: i / 4,
                order: 0,
                x: 0.0,
                preds: Vec::new(),
                succs: Vec::new(),
            })
            .collect();
        let layers = vec![vec![0, 1, 2, 3], vec![7, 5, 4, 6]];
        set_order(&mut vs, &layers);
        for (a, b) in [(0, 4), (0, 6), (1, 7), (2, 5), (2, 7), (3, 4), (3, 5)] {
            vs[a].succs.push(b);
        }
        let mut segs = Vec::new();
        for &v in &layers[0] {
            for &w in &vs[v].succs {
                segs.push((vs[v].order, vs[w].order));
            }
        }
        let mut direct = 0;
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    direct += 1;
                }
            }
        }
        assert!(direct > 0);
        assert_eq!(crossings(&vs, &layers), direct);
    }

    #[test]
    fn place_keeps_gaps() {
        let xs = place(&[0.0, 0.0, 0.0], &[10.0, 10.0, 10.0]);
        assert!((xs[1] - xs[0] - (10.0 + NODE_GAP)).abs() < 1e-9);
        assert!((xs[1]).abs() < 1e-9);
    }

    #[test]
    fn empty_input() {
        let l = layout(&Input::default());
        assert!(l.nodes.is_empty());
    }
}
