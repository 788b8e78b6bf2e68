//! The strongly connected components of a [`ProjectGraph`] (the loop analysis of `L005` and
//! `L006` starts from them).
//!
//! Tarjan's algorithm with an explicit stack: a recursive search (as petgraph's `tarjan_scc`
//! is) goes as deep as the longest path, and on a large project a path through a shared
//! module's returns crosses many flows, enough to overflow the thread's stack.

use super::{NodeIndex, ProjectGraph};

/// Which strongly connected component each node is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// The component of each node, by `NodeIndex::index()`: `0..count`, numbered in the order
    /// the search completes them (a component comes before the components that reach it).
    pub of: Vec<usize>,
    /// How many components there are.
    pub count: usize,
}

impl ProjectGraph {
    /// The strongly connected components; linear in the nodes and edges, and the only stack
    /// is on the heap.
    #[must_use]
    pub fn components(&self) -> Components {
        const NONE: usize = usize::MAX;
        let n = self.node_bound();
        // Discovery order, lowest reachable discovery order, component (NONE while the node is
        // still on the search's stack).
        let mut index = vec![NONE; n];
        let mut low = vec![0; n];
        let mut of = vec![NONE; n];
        let mut open: Vec<usize> = Vec::new();
        // The search path: a node and the position of its next outgoing edge.
        let mut path: Vec<(usize, usize)> = Vec::new();
        let mut next = 0;
        let mut count = 0;
        for root in 0..n {
            if index[root] != NONE {
                continue;
            }
            index[root] = next;
            low[root] = next;
            next += 1;
            open.push(root);
            path.push((root, self.out_start[root]));
            while let Some(&mut (v, ref mut e)) = path.last_mut() {
                if *e < self.out_start[v + 1] {
                    let w = self.edges[*e].to.index();
                    *e += 1;
                    if index[w] == NONE {
                        index[w] = next;
                        low[w] = next;
                        next += 1;
                        open.push(w);
                        path.push((w, self.out_start[w]));
                    } else if of[w] == NONE {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                path.pop();
                if let Some(&(parent, _)) = path.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = open.pop() {
                        of[w] = count;
                        if w == v {
                            break;
                        }
                    }
                    count += 1;
                }
            }
        }
        Components { of, count }
    }

    /// Whether node `n` has an edge to itself.
    #[must_use]
    pub fn has_self_loop(&self, n: NodeIndex) -> bool {
        self.successors(n).any(|(_, m)| m == n)
    }
}
