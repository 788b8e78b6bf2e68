//! Retry loops written back as `retry` targets.
//!
//! Lowering makes `retry N then S` a `Loop` action (`ContinueLooping` back to the step,
//! `DoneLooping` to `S`), and `retry N saying P then S` the same loop with a `MessageParticipant`
//! playing `P` on the `ContinueLooping` branch, before the step (`lower/flow.rs`). The decompiler
//! writes one step per action, so a loop that only one action `A` reaches and that goes back to
//! `A` (itself, or through a message that only it reaches) is `A`'s retry: the outcomes of `A`
//! that lead to it are written `retry N [saying P] then S`, and neither the loop nor its message
//! becomes a step. Anything else stays a `connect "Loop"` step, so the source always compiles
//! back to an equivalent flow.
//!
//! The message must be exactly what `saying` lowers to: a prompt `say` would write, its next
//! action the step, and no error branch. A re-prompt's error branch goes to the flow's
//! `on error` step, which a decompiled flow does not have (its statements write every error
//! branch), so a message with one stays a step of its own and the loop a `connect "Loop"`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::statement::prompt;
use crate::connect::{ActionKind, Flow, Operand, Operator, Scalar, SuccessPath};

/// A loop written as a retry of the action that reaches it.
pub(crate) struct Retry {
    pub(crate) count: u32,
    /// The re-prompt as a string literal, and the identifier of its message.
    pub(crate) saying: Option<(String, String)>,
    /// Where the loop goes when the tries are used up.
    pub(crate) done: String,
}

/// The loops of `flow` that read as retries, by the loop's identifier.
pub(crate) fn retries(flow: &Flow) -> BTreeMap<String, Retry> {
    let index = flow.index();
    // Who reaches each action (identifiers; the first action of a duplicated identifier).
    let mut from: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut copies: HashMap<&str, usize> = HashMap::new();
    for a in &flow.actions {
        *copies.entry(a.identifier.as_str()).or_default() += 1;
        let t = &a.transitions;
        for to in t
            .next_action
            .iter()
            .chain(t.conditions.iter().map(|c| &c.next_action))
            .chain(t.errors.iter().map(|e| &e.next_action))
        {
            from.entry(to.as_str())
                .or_default()
                .insert(a.identifier.as_str());
        }
    }
    let single = |id: &str| copies.get(id) == Some(&1) && id != flow.start_action;
    let only_from = |id: &str| match from.get(id) {
        Some(set) if set.len() == 1 => set.iter().next().copied(),
        _ => None,
    };
    let mut found: BTreeMap<String, (String, Retry)> = BTreeMap::new();
    for l in &flow.actions {
        let ActionKind::Loop(p) = &l.kind else {
            continue;
        };
        let id = l.identifier.as_str();
        let Some(count) = p.loop_count() else {
            continue;
        };
        let t = &l.transitions;
        let plain = l.extra.is_empty()
            && p.extra.is_empty()
            && p.loop_count == Some(Scalar::integer(u64::from(count)))
            && (1..=100).contains(&count)
            && t.next_action.is_none()
            && t.errors.is_empty()
            && t.extra.is_empty()
            && single(id);
        let (Some(again), Some(done)) = (branch(l, "ContinueLooping"), branch(l, "DoneLooping"))
        else {
            continue;
        };
        if !plain || t.conditions.len() != 2 || !index.contains_key(done) {
            continue;
        }
        let Some(owner) = only_from(id).filter(|o| leads(flow, o, id)) else {
            continue;
        };
        let saying = if again == owner {
            None
        } else {
            match reprompt(flow, again, owner) {
                Some(text) if single(again) && only_from(again) == Some(id) => {
                    Some((text, again.to_owned()))
                }
                _ => continue,
            }
        };
        found.insert(
            id.to_owned(),
            (
                owner.to_owned(),
                Retry {
                    count,
                    saying,
                    done: done.to_owned(),
                },
            ),
        );
    }
    // An action that is folded into a retry has no step: it cannot own a retry or be where one
    // ends. Two loops of one action that read the same would compile back to one.
    loop {
        let folded: BTreeSet<&str> = found
            .iter()
            .flat_map(|(l, (_, r))| {
                std::iter::once(l.as_str()).chain(r.saying.as_ref().map(|(_, m)| m.as_str()))
            })
            .collect();
        let mut seen: BTreeSet<(&str, u32, Option<&str>, &str)> = BTreeSet::new();
        let mut twins: BTreeSet<(&str, u32, Option<&str>, &str)> = BTreeSet::new();
        for (owner, r) in found.values() {
            let key = (
                owner.as_str(),
                r.count,
                r.saying.as_ref().map(|(s, _)| s.as_str()),
                r.done.as_str(),
            );
            if !seen.insert(key) {
                twins.insert(key);
            }
        }
        let drop: Vec<String> = found
            .iter()
            .filter(|(_, (owner, r))| {
                folded.contains(owner.as_str())
                    || folded.contains(r.done.as_str())
                    || twins.contains(&(
                        owner.as_str(),
                        r.count,
                        r.saying.as_ref().map(|(s, _)| s.as_str()),
                        r.done.as_str(),
                    ))
            })
            .map(|(l, _)| l.clone())
            .collect();
        if drop.is_empty() {
            break;
        }
        for l in drop {
            found.remove(&l);
        }
    }
    found.into_iter().map(|(l, (_, r))| (l, r)).collect()
}

/// True when action `from` goes to `to` on an outcome its statement writes: a condition, an
/// error branch, or `NextAction` where success follows it (elsewhere it is only the console's
/// copy, which statements such as `menu` do not write, and the loop would be lost).
fn leads(flow: &Flow, from: &str, to: &str) -> bool {
    flow.action(from).is_some_and(|a| {
        let t = &a.transitions;
        t.conditions.iter().any(|c| c.next_action == to)
            || t.errors.iter().any(|e| e.next_action == to)
            || (a.success_path() == SuccessPath::NextAction && t.next_action.as_deref() == Some(to))
    })
}

/// The target of the loop's `Equals OPERAND` condition.
fn branch<'a>(l: &'a crate::connect::Action, operand: &str) -> Option<&'a str> {
    let mut hits = l.transitions.conditions.iter().filter(|c| {
        c.operator == Operator::Equals
            && matches!(c.operands.as_slice(), [Operand::Text(o)] if o == operand)
    });
    let c = hits.next()?;
    hits.next().is_none().then_some(c.next_action.as_str())
}

/// The re-prompt of action `id`, when it is exactly what `saying` makes before `owner`.
fn reprompt(flow: &Flow, id: &str, owner: &str) -> Option<String> {
    let m = flow.action(id)?;
    let ActionKind::MessageParticipant(p) = &m.kind else {
        return None;
    };
    let t = &m.transitions;
    let exact = m.extra.is_empty()
        && p.extra.is_empty()
        && p.prompt_id.is_none()
        && p.media.is_none()
        && t.conditions.is_empty()
        && t.errors.is_empty()
        && t.extra.is_empty()
        && t.next_action.as_deref() == Some(owner);
    if !exact {
        return None;
    }
    prompt(p.text.as_ref(), p.ssml.as_ref())
}

#[cfg(test)]
mod tests {
    use crate::compile::analyze_clean;
    use crate::connect::{Flow, equivalent};
    use crate::decompile::decompile;
    use crate::lower::{Placeholders, lower};

    fn build(src: &str) -> Flow {
        let project = analyze_clean(src);
        lower(&project.model, &Placeholders).flows[0].flow.clone()
    }

    /// Decompiles the flow of `src` and checks that the source builds an equivalent flow.
    fn round_trip(src: &str) -> String {
        let original = build(src);
        let source = decompile(&original, "Main");
        let rebuilt = build(&source);
        if let Err(e) = equivalent(&original, &rebuilt) {
            panic!("not equivalent: {e}\n{source}");
        }
        assert_eq!(rebuilt.actions.len(), original.actions.len(), "{source}");
        source
    }

    #[test]
    fn loops_come_back_as_retries() {
        let source = round_trip(
            r#"
flow Main {
  start {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry, I didn't hear you." then done
      invalid -> retry 1 then done
      error   -> retry 2 saying "<speak>Sorry.</speak>" then done
    }
  }
  done { hang up }
}
"#,
        );
        for line in [
            "timeout -> retry 2 saying \"Sorry, I didn't hear you.\" then done",
            "invalid -> retry 1 then done",
            "error -> retry 2 saying \"<speak>Sorry.</speak>\" then done",
        ] {
            assert!(source.contains(line), "{line}\n{source}");
        }
        assert!(!source.contains("connect \"Loop\""), "{source}");
        assert!(!source.contains("say "), "{source}");
    }

    /// With `on error`, a re-prompt has an error branch that `saying` cannot write: the loop
    /// and its message stay steps, and the flow still comes back the same.
    #[test]
    fn a_reprompt_with_an_error_branch_stays_a_step() {
        let source = round_trip(
            r#"
flow Main {
  on error -> done
  start {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry." then done
      invalid -> retry 1 then done
    }
  }
  done { hang up }
}
"#,
        );
        assert!(source.contains("invalid -> retry 1 then done"), "{source}");
        assert!(source.contains("connect \"Loop\""), "{source}");
        assert!(source.contains("say \"Sorry.\""), "{source}");
    }

    /// A loop that another action also reaches, or that goes back elsewhere, is no retry.
    #[test]
    fn other_loops_stay_steps() {
        let mut flow = build(
            r#"
flow Main {
  start {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 then done
    }
  }
  done { hang up }
}
"#,
        );
        let i = flow
            .actions
            .iter()
            .position(|a| a.identifier == "start-retry-1")
            .expect("the loop");
        flow.actions[i].transitions.conditions[0].next_action = "done".into();
        let source = decompile(&flow, "Main");
        assert!(!source.contains("retry"), "{source}");
        assert!(source.contains("connect \"Loop\""), "{source}");
        if let Err(e) = equivalent(&flow, &build(&source)) {
            panic!("not equivalent: {e}\n{source}");
        }
    }
}
