//! The coverage file `dialect test --coverage-out FILE` writes for `dialect report --coverage`
//! (format: `dialect_compiler::diagram::coverage`): the simulator counts actions and branches;
//! here they become steps and step-to-step edges of the `.dial` flows, with the transcripts.

use std::collections::BTreeMap;

use dialect_compiler::diagram::coverage::{
    Coverage, EdgeHits, FlowCoverage, Transcript, TranscriptLine,
};
use dialect_compiler::lower::LoweredFlow;
use dialect_runtime::coverage::Coverage as Counts;
use dialect_runtime::expect::ScenarioResult;
use dialect_runtime::program::{Program, Target};
use dialect_runtime::trace::Event;

/// The coverage file of a test run.
pub fn build(
    program: &Program,
    lowered: &[LoweredFlow],
    counts: &Counts,
    results: &[ScenarioResult],
    flows_of_tests: &[String],
) -> Coverage {
    let mut out = Coverage {
        version: 1,
        ..Coverage::default()
    };
    for (f, fc) in counts.flows.iter().enumerate() {
        let (Some(cf), Some(lf)) = (
            program.flows.get(f),
            lowered.iter().find(|l| l.name == fc.name),
        ) else {
            continue;
        };
        // The program's actions are the lowered flow's, in the same order; the identifier is
        // compared in case they ever are not.
        let step_of = |i: usize, id: &str| {
            lf.flow
                .actions
                .get(i)
                .filter(|a| a.identifier == id)
                .and_then(|_| lf.step_of(i))
                .map(str::to_owned)
        };
        let mut steps: BTreeMap<String, u64> = BTreeMap::new();
        let mut edges: BTreeMap<(String, String), u64> = BTreeMap::new();
        for (i, a) in fc.actions.iter().enumerate() {
            let Some(step) = step_of(i, &a.id) else {
                continue;
            };
            let entry = steps.entry(step.clone()).or_insert(0);
            *entry = (*entry).max(a.hits);
            let Some(op) = cf.ops.get(i) else {
                continue;
            };
            let mut taken: Vec<(Target, u64)> = Vec::new();
            if a.next > 0 {
                taken.push((op.next, a.next));
            }
            for (c, n) in op.conds.iter().zip(&a.conditions) {
                taken.push((c.target, *n));
            }
            for ((_, t), (_, n)) in op.errors.iter().zip(&a.errors) {
                taken.push((*t, *n));
            }
            for (t, n) in taken {
                let Target::Action(j) = t else { continue };
                if n == 0 {
                    continue;
                }
                let Some(to) = cf
                    .ops
                    .get(j as usize)
                    .and_then(|o| step_of(j as usize, &o.id))
                else {
                    continue;
                };
                if to != step {
                    *edges.entry((step.clone(), to)).or_insert(0) += n;
                }
            }
        }
        out.flows.insert(
            fc.name.clone(),
            FlowCoverage {
                steps,
                edges: edges
                    .into_iter()
                    .map(|((from, to), hits)| EdgeHits {
                        from,
                        to,
                        outcome: None,
                        hits,
                    })
                    .collect(),
            },
        );
    }
    for (r, flow) in results.iter().zip(flows_of_tests) {
        let lines = r
            .trace
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Prompt(t) | Event::BotPrompt(t) => Some(("system", t.clone())),
                Event::Said(t) => Some(("caller", t.clone())),
                Event::Pressed(k) => Some(("caller", format!("presses {k}"))),
                _ => None,
            })
            .map(|(who, text)| TranscriptLine {
                who: who.to_owned(),
                text,
            })
            .collect();
        out.transcripts.push(Transcript {
            name: r.name.clone(),
            flow: flow.clone(),
            passed: r.passed,
            lines,
        });
    }
    out
}
