//! Which references between the template's flows become template references: each in turn,
//! unless it would close a cycle with the ones accepted before it (CloudFormation cannot
//! create resources that refer to each other in a circle).
//!
//! Searching, for every reference, whether its target already reaches its source was
//! quadratic in the number of flows (a long chain of transfers listed from its end). A
//! reference between two flows that are not in one strongly connected component of the graph
//! of all references can never close a cycle, and a path between two flows of one component
//! stays inside it: so the components are computed once (linear), references across
//! components are accepted at once, and only a reference inside a component is searched for,
//! among the accepted references of that component. The result is the same as searching the
//! whole graph every time.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

/// For each reference `(from, to)` between the flows `0..flows`, in order, whether it is
/// accepted: `false` when it refers to its own flow or when `to` reaches `from` through the
/// references accepted before it.
pub(super) fn accepted(flows: usize, references: &[(usize, usize)]) -> Vec<bool> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(flows, references.len());
    for _ in 0..flows {
        graph.add_node(());
    }
    for &(from, to) in references {
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
    }
    let mut component = vec![0; flows];
    // Kosaraju's search keeps its own stack (Tarjan's in petgraph recurses: a chain of
    // 100,000 transfers would overflow the thread's stack).
    for (c, nodes) in kosaraju_scc(&graph).iter().enumerate() {
        for n in nodes {
            component[n.index()] = c;
        }
    }
    // Accepted references inside components, and a search stamp per flow (no clearing).
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); flows];
    let mut seen: Vec<usize> = vec![0; flows];
    let mut stack = Vec::new();
    let mut search = 0;
    references
        .iter()
        .map(|&(from, to)| {
            if from == to {
                return false;
            }
            if component[from] != component[to] {
                return true;
            }
            search += 1;
            stack.clear();
            stack.push(to);
            seen[to] = search;
            while let Some(n) = stack.pop() {
                if n == from {
                    return false;
                }
                for &m in &next[n] {
                    if seen[m] != search {
                        seen[m] = search;
                        stack.push(m);
                    }
                }
            }
            next[from].push(to);
            true
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The search the bundle made before: the whole graph of accepted references, every time.
    fn every_time(references: &[(usize, usize)]) -> Vec<bool> {
        let mut graph: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        let reaches = |graph: &BTreeMap<usize, BTreeSet<usize>>, from: usize, to: usize| {
            let mut stack = vec![from];
            let mut seen = BTreeSet::new();
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if seen.insert(n) {
                    stack.extend(graph.get(&n).into_iter().flatten().copied());
                }
            }
            false
        };
        references
            .iter()
            .map(|&(from, to)| {
                let ok = from != to && !reaches(&graph, to, from);
                if ok {
                    graph.entry(from).or_default().insert(to);
                }
                ok
            })
            .collect()
    }

    #[test]
    fn same_answers_as_searching_every_time() {
        // Small pseudo-random graphs (a fixed linear congruential sequence), dense enough
        // for cycles inside cycles, duplicate references and references to the flow itself.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rand = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        let mut rejected = 0;
        for _ in 0..300 {
            let flows = 1 + rand(12);
            let references: Vec<(usize, usize)> =
                (0..rand(30)).map(|_| (rand(flows), rand(flows))).collect();
            let want = every_time(&references);
            rejected += want.iter().filter(|ok| !**ok).count();
            assert_eq!(accepted(flows, &references), want, "{references:?}");
        }
        assert!(rejected > 100, "the graphs have cycles: {rejected}");
    }

    #[test]
    fn a_long_chain_is_accepted_and_the_reference_closing_a_ring_is_not() {
        let n = 50_000;
        // A chain listed from its end: the target of each reference reaches the rest of the
        // chain, which searching every time went through again and again.
        let chain: Vec<(usize, usize)> = (0..n - 1).rev().map(|i| (i, i + 1)).collect();
        assert!(accepted(n, &chain).iter().all(|ok| *ok));
        // The same chain closed into a ring: only the closing reference is refused, and a
        // second reference to the start is refused too; the one back to the flow itself too.
        let mut ring = chain;
        ring.extend([(n - 1, 0), (n - 2, 0), (7, 7), (0, n - 1)]);
        let got = accepted(n, &ring);
        assert!(got[..n - 1].iter().all(|ok| *ok));
        assert_eq!(got[n - 1..], [false, false, false, true]);
    }
}
