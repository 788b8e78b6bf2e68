//! Retry loops written back as `retry` targets, and the flow's `on error` they imply.
//!
//! Lowering makes `retry N then S` a `Loop` action (`ContinueLooping` back to the step,
//! `DoneLooping` to `S`), and `retry N saying P then S` the same loop with a `MessageParticipant`
//! playing `P` on the `ContinueLooping` branch, before the step (`lower/flow.rs`). The decompiler
//! writes one step per action, except for a retried step: a loop reached only from actions of
//! one step, that goes back to the step's first action (itself, or through a message that only
//! the loop reaches), is that step's retry. The step is the first action and the actions it
//! falls through to (each reached only by the `NextAction` of the one before), up to the last
//! one that reaches the loop; the outcomes that lead to the loop are written `retry N [saying
//! P] then S`, and neither the loop nor its message becomes a step. Lowering keeps one loop per
//! step and (count, re-prompt, then step), so two loops of one step that read the same stay
//! steps, as does anything else: the source always compiles back to an equivalent flow.
//!
//! The message must be exactly what `saying` lowers to: a prompt `say` would write, its next
//! action the step, and an error branch that goes where the flow's `on error` goes (none when
//! the flow has no `on error`). A decompiled flow writes every error branch in its statements,
//! so `on error` is only written for the re-prompts: [`Fold::OnError`] picks the error target
//! the re-prompts share (the most common one when they differ, the first identifier in sort
//! order on a tie), folds the loops whose message errs there and leaves the others as steps.
//! Writing `on error` is only right when no step would take it as a default for an error
//! branch the Connect flow does not have; the caller checks that (`statement.rs` knows what
//! each statement defaults) and falls back to [`Fold::Plain`], which folds only re-prompts
//! without an error branch and writes no `on error`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::statement::prompt;
use crate::connect::{ActionKind, ErrorType, Flow, Operand, Operator, Scalar, SuccessPath};

/// Which re-prompts may be folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Re-prompts without an error branch; no `on error`.
    Plain,
    /// Re-prompts whose error branch goes to the `on error` target they share most.
    OnError,
}

/// A loop written as a retry of the step that reaches it.
#[derive(Clone)]
pub(crate) struct Retry {
    /// The step's first action, where the loop goes back to.
    pub(crate) entry: String,
    /// The actions after `entry` that are statements of its step (each the only successor of
    /// the one before), up to the last one that reaches the loop.
    pub(crate) chain: Vec<String>,
    pub(crate) count: u32,
    /// The re-prompt as a string literal, and the identifier of its message.
    pub(crate) saying: Option<(String, String)>,
    /// Where the loop goes when the tries are used up.
    pub(crate) done: String,
}

/// The loops of a flow that read as retries, and the `on error` target their re-prompts need.
pub(crate) struct Retries {
    /// By the loop's identifier.
    pub(crate) loops: BTreeMap<String, Retry>,
    /// The identifier of the action the flow's `on error` goes to, when one is written.
    pub(crate) on_error: Option<String>,
}

impl Retries {
    /// The loops and re-prompts written as retries, and the actions that are later statements
    /// of a retried step: they are no steps of their own.
    pub(crate) fn folded(&self) -> BTreeSet<&str> {
        stepless(self.loops.iter().map(|(l, r)| (l.as_str(), r)))
    }
}

/// The loops and re-prompts of `retries`, and the later statements of their steps.
fn stepless<'a>(retries: impl Iterator<Item = (&'a str, &'a Retry)>) -> BTreeSet<&'a str> {
    retries
        .flat_map(|(l, r)| {
            std::iter::once(l)
                .chain(r.saying.as_ref().map(|(_, m)| m.as_str()))
                .chain(r.chain.iter().map(String::as_str))
        })
        .collect()
}

/// A loop that reads as a retry, before the loops are weighed against each other.
struct Candidate {
    /// The actions that reach the loop: statements of the retried step.
    owners: BTreeSet<String>,
    retry: Retry,
    /// Where the re-prompt's error branch goes: `None` without a re-prompt, `Some(None)` for a
    /// re-prompt without an error branch.
    error: Option<Option<String>>,
}

/// The loops of `flow` that read as retries.
pub(crate) fn retries(flow: &Flow, fold: Fold) -> Retries {
    let candidates = candidates(flow);
    if fold == Fold::OnError
        && let Some(target) = shared_error(flow, &candidates)
    {
        let loops = settle(&candidates, |e| {
            e.is_none_or(|e| e.as_deref() == Some(target))
        });
        let plays = loops.values().any(|r| r.saying.is_some());
        let retries = Retries {
            loops,
            on_error: Some(target.to_owned()),
        };
        // `on error` is written for the re-prompts; it cannot go to one of the folded actions,
        // which have no step.
        if plays && !retries.folded().contains(target) {
            return retries;
        }
    }
    Retries {
        loops: settle(&candidates, |e| e.is_none_or(Option::is_none)),
        on_error: None,
    }
}

/// The error target most re-prompts share; on a tie, the first in sort order.
fn shared_error<'a>(flow: &Flow, candidates: &'a BTreeMap<String, Candidate>) -> Option<&'a str> {
    let index = flow.index();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in candidates.values() {
        if let Some(Some(e)) = &c.error
            && index.contains_key(e.as_str())
        {
            *counts.entry(e.as_str()).or_default() += 1;
        }
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(e, _)| e)
}

/// Who reaches each action, and how often each identifier is used.
struct Reach<'a> {
    flow: &'a Flow,
    from: HashMap<&'a str, BTreeSet<&'a str>>,
    copies: HashMap<&'a str, usize>,
}

impl<'a> Reach<'a> {
    fn new(flow: &'a Flow) -> Self {
        // Identifiers; the first action of a duplicated identifier.
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
        Self { flow, from, copies }
    }

    /// One action has this identifier, and it is not the start action.
    fn single(&self, id: &str) -> bool {
        self.copies.get(id) == Some(&1) && id != self.flow.start_action
    }

    /// The one action that reaches `id`, if only one does.
    fn only_from(&self, id: &str) -> Option<&'a str> {
        match self.from.get(id) {
            Some(set) if set.len() == 1 => set.iter().next().copied(),
            _ => None,
        }
    }

    /// The statements of a step that starts at `entry` and holds every action of `owners`:
    /// the actions after `entry`, each reached only by the `NextAction` of the one before,
    /// which falls through to it when written as one step (`None` when there is no such
    /// chain).
    fn chain(&self, entry: &str, owners: &BTreeSet<&str>) -> Option<Vec<String>> {
        let mut left: BTreeSet<&str> = owners.iter().copied().filter(|o| *o != entry).collect();
        let mut members: Vec<String> = Vec::new();
        let mut at = entry;
        while !left.is_empty() {
            let a = self.flow.action(at)?;
            let t = &a.transitions;
            let next = t.next_action.as_deref()?;
            let falls_through = a.success_path() == SuccessPath::NextAction
                && !t.conditions.iter().any(|c| c.next_action == next)
                && !t.errors.iter().any(|e| e.next_action == next);
            if !falls_through
                || !self.single(next)
                || self.only_from(next) != Some(at)
                || next == entry
                || members.iter().any(|m| m == next)
            {
                return None;
            }
            members.push(next.to_owned());
            left.remove(next);
            at = next;
        }
        Some(members)
    }
}

/// Every loop that reads as the retry of one step, on its own.
fn candidates(flow: &Flow) -> BTreeMap<String, Candidate> {
    let index = flow.index();
    let reach = Reach::new(flow);
    let mut found = BTreeMap::new();
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
            && reach.single(id);
        let (Some(again), Some(done)) = (branch(l, "ContinueLooping"), branch(l, "DoneLooping"))
        else {
            continue;
        };
        if !plain || t.conditions.len() != 2 || !index.contains_key(done) {
            continue;
        }
        let Some(owners) = reach.from.get(id) else {
            continue;
        };
        if !owners.iter().all(|o| leads(flow, o, id)) {
            continue;
        }
        let found_retry = if let Some(chain) = reach.chain(again, owners) {
            Some((again, chain, None, None))
        } else {
            match reprompt(flow, again) {
                Some((entry, text, error))
                    if reach.single(again) && reach.only_from(again) == Some(id) =>
                {
                    reach
                        .chain(entry, owners)
                        .map(|chain| (entry, chain, Some((text, again.to_owned())), Some(error)))
                }
                _ => None,
            }
        };
        let Some((entry, chain, saying, error)) = found_retry else {
            continue;
        };
        found.insert(
            id.to_owned(),
            Candidate {
                owners: owners.iter().map(|o| (*o).to_owned()).collect(),
                retry: Retry {
                    entry: entry.to_owned(),
                    chain,
                    count,
                    saying,
                    done: done.to_owned(),
                },
                error,
            },
        );
    }
    found
}

/// The candidates whose re-prompt error `keep` accepts, less those that cannot be written
/// together.
fn settle(
    candidates: &BTreeMap<String, Candidate>,
    keep: impl Fn(Option<&Option<String>>) -> bool,
) -> BTreeMap<String, Retry> {
    let mut found: BTreeMap<&str, &Candidate> = candidates
        .iter()
        .filter(|(_, c)| keep(c.error.as_ref()))
        .map(|(l, c)| (l.as_str(), c))
        .collect();
    // Lowering keeps one loop per step and (count, re-prompt, then step).
    let key = |c: &'_ Candidate| {
        let r = &c.retry;
        (
            r.entry.clone(),
            r.count,
            r.saying.as_ref().map(|(s, _)| s.clone()),
            r.done.clone(),
        )
    };
    // An action that is folded into a retry, or is a later statement of a retried step, has
    // no step: it cannot reach a loop from outside that step, be the step a retry starts, or
    // be where one ends. Two loops of one step that read the same would compile back to one.
    loop {
        let kept = stepless(found.iter().map(|(l, c)| (*l, &c.retry)));
        let members: BTreeMap<&str, &str> = found
            .values()
            .flat_map(|c| {
                c.retry
                    .chain
                    .iter()
                    .map(move |m| (m.as_str(), c.retry.entry.as_str()))
            })
            .collect();
        let mut seen = BTreeSet::new();
        let mut twins = BTreeSet::new();
        for c in found.values() {
            let k = key(c);
            if !seen.insert(k.clone()) {
                twins.insert(k);
            }
        }
        let drop: Vec<&str> = found
            .iter()
            .filter(|(_, c)| {
                let r = &c.retry;
                // The owners are the entry and the chain (`Reach::chain`): none of them may be
                // a statement of another step.
                c.owners
                    .iter()
                    .any(|o| members.get(o.as_str()).is_some_and(|e| *e != r.entry))
                    || kept.contains(r.done.as_str())
                    || kept.contains(r.entry.as_str())
                    || twins.contains(&key(c))
            })
            .map(|(l, _)| *l)
            .collect();
        if drop.is_empty() {
            break;
        }
        for l in drop {
            found.remove(l);
        }
    }
    found
        .into_iter()
        .map(|(l, c)| (l.to_owned(), c.retry.clone()))
        .collect()
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

/// The re-prompt of action `id`, when it is exactly what `saying` makes: the step it goes back
/// to, its text, and where its error branch goes (if it has one).
fn reprompt<'a>(flow: &'a Flow, id: &str) -> Option<(&'a str, String, Option<String>)> {
    let m = flow.action(id)?;
    let ActionKind::MessageParticipant(p) = &m.kind else {
        return None;
    };
    let t = &m.transitions;
    let error = match t.errors.as_slice() {
        [] => None,
        [e] if e.error_type == ErrorType::NoMatchingError && e.extra.is_empty() => {
            Some(e.next_action.to_string())
        }
        _ => return None,
    };
    let exact = m.extra.is_empty()
        && p.extra.is_empty()
        && p.prompt_id.is_none()
        && p.media.is_none()
        && t.conditions.is_empty()
        && t.extra.is_empty()
        && t.next_action.is_some();
    if !exact {
        return None;
    }
    let entry = t.next_action.as_deref()?;
    Some((entry, prompt(p.text.as_ref(), p.ssml.as_ref())?, error))
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

    /// With `on error`, a re-prompt's error branch goes to the `on error` step: the decompiled
    /// flow writes `on error` again and the retry folds, while every other step keeps its
    /// written error branches.
    #[test]
    fn a_reprompt_with_an_error_branch_folds_under_on_error() {
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
        for line in [
            "  on error -> done\n",
            "timeout -> retry 2 saying \"Sorry.\" then done",
            "invalid -> retry 1 then done",
            "error -> done",
        ] {
            assert!(source.contains(line), "{line}\n{source}");
        }
        assert!(!source.contains("connect \"Loop\""), "{source}");
        assert!(!source.contains("say "), "{source}");
    }

    /// Three menus, each with its own re-prompt, built under `on error -> oops`.
    const THREE_REPROMPTS: &str = r#"
flow Main {
  on error -> oops
  start {
    menu "press 1" timeout 8s {
      press 1 -> second
      press 9 -> other
      timeout -> retry 2 saying "Sorry." then done
    }
  }
  second {
    menu "press 2" timeout 8s {
      press 2 -> third
      timeout -> retry 2 saying "Again?" then done
    }
  }
  third {
    menu "press 3" timeout 8s {
      press 3 -> done
      timeout -> retry 1 saying "Last try." then done
    }
  }
  oops { hang up }
  other { hang up }
  done { hang up }
}
"#;

    /// Points the error branch of re-prompt `say` at action `to`.
    fn err_to(flow: &mut Flow, say: &str, to: &str) {
        let m = flow
            .actions
            .iter_mut()
            .find(|a| a.identifier == say)
            .expect("the re-prompt");
        assert_eq!(m.transitions.errors.len(), 1, "{say}");
        m.transitions.errors[0].next_action = to.into();
    }

    fn decompiles_equivalent(flow: &Flow) -> String {
        let source = decompile(flow, "Main");
        let rebuilt = build(&source);
        if let Err(e) = equivalent(flow, &rebuilt) {
            panic!("not equivalent: {e}\n{source}");
        }
        assert_eq!(rebuilt.actions.len(), flow.actions.len(), "{source}");
        source
    }

    /// Re-prompts that err to different steps: `on error` goes where most of them err, those
    /// fold, and the one that errs elsewhere stays a loop step and a `say` step.
    #[test]
    fn differing_reprompt_errors_fold_the_most_common() {
        let mut flow = build(THREE_REPROMPTS);
        err_to(&mut flow, "third-retry-1-say", "other");
        let source = decompiles_equivalent(&flow);
        for line in [
            "  on error -> oops\n",
            "timeout -> retry 2 saying \"Sorry.\" then done",
            "timeout -> retry 2 saying \"Again?\" then done",
            "say \"Last try.\" {\n      error -> other\n    }",
        ] {
            assert!(source.contains(line), "{line}\n{source}");
        }
        assert_eq!(source.matches("connect \"Loop\"").count(), 1, "{source}");
        assert!(!source.contains("Last try.\" then"), "{source}");
    }

    /// On a tie, `on error` goes to the target first in sort order, not the first met.
    #[test]
    fn a_tie_between_reprompt_errors_is_broken_by_name() {
        let mut flow = build(THREE_REPROMPTS);
        err_to(&mut flow, "start-retry-1-say", "other");
        err_to(&mut flow, "second-retry-1-say", "done");
        // `oops` (third), `other` (start) and `done` (second): one each; `done` sorts first.
        let source = decompiles_equivalent(&flow);
        assert!(source.contains("  on error -> done\n"), "{source}");
        assert!(
            source.contains("timeout -> retry 2 saying \"Again?\" then done"),
            "{source}"
        );
        assert_eq!(source.matches("connect \"Loop\"").count(), 2, "{source}");
        assert!(decompile(&flow, "Main") == source, "deterministic");
    }

    /// A step that has no branch for an error its action can raise would take `on error` as a
    /// default: no `on error` is written, and the re-prompts with an error branch stay steps.
    #[test]
    fn a_step_without_an_error_branch_keeps_on_error_out() {
        let with_say = r#"
flow Main {
  on error -> oops
  start {
    say "Hello."
    -> ask
  }
  ask {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry." then done
    }
  }
  oops { hang up }
  done { hang up }
}
"#;
        let mut flow = build(with_say);
        // With its error branch, `say` writes it, and `on error` is written for the retry.
        let source = decompiles_equivalent(&flow);
        assert!(source.contains("  on error -> oops\n"), "{source}");
        let hello = flow
            .actions
            .iter_mut()
            .find(|a| a.identifier == "start")
            .expect("the say");
        hello.transitions.errors.clear();
        let source = decompiles_equivalent(&flow);
        assert!(!source.contains("on error"), "{source}");
        assert!(source.contains("connect \"Loop\""), "{source}");
        assert!(source.contains("say \"Sorry.\""), "{source}");
    }

    /// The same for a `connect` step (a type with no statement of its own).
    #[test]
    fn a_connect_step_without_an_error_branch_keeps_on_error_out() {
        let src = r#"
flow Main {
  on error -> oops
  start {
    distribute {
      50% -> ask
      50% -> done
    }
  }
  ask {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry." then done
    }
  }
  oops { hang up }
  done { hang up }
}
"#;
        let mut flow = build(src);
        assert!(decompiles_equivalent(&flow).contains("  on error -> oops\n"));
        let split = flow
            .actions
            .iter_mut()
            .find(|a| a.identifier == "start")
            .expect("the distribution");
        assert!(!split.transitions.errors.is_empty());
        split.transitions.errors.clear();
        let source = decompiles_equivalent(&flow);
        assert!(
            source.contains("connect \"DistributeByPercentage\""),
            "{source}"
        );
        assert!(!source.contains("on error"), "{source}");
        assert!(source.contains("connect \"Loop\""), "{source}");
    }

    /// `branch` sends no error to `on error` (an unmatched value falls through), so a Compare
    /// without a no-match branch does not keep `on error` out.
    #[test]
    fn a_branch_without_else_allows_on_error() {
        let source = round_trip(
            r#"
flow Main {
  on error -> oops
  start {
    branch $.Attributes.lang {
      "en" -> ask
    }
  }
  ask {
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry." then done
    }
  }
  oops { hang up }
  done { hang up }
}
"#,
        );
        assert!(source.contains("  on error -> oops\n"), "{source}");
        assert!(source.contains("branch $.Attributes.lang {"), "{source}");
        assert!(!source.contains("else"), "{source}");
        assert!(!source.contains("connect \"Loop\""), "{source}");
    }

    /// A step of several statements: the loop goes back to its first action and is reached
    /// from a later one. The actions it falls through to are written as one step again.
    #[test]
    fn a_retried_step_of_several_statements_comes_back_whole() {
        let source = round_trip(
            r#"
flow Main {
  on error -> oops
  start {
    say "Welcome."
    set $tries = "1"
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 saying "Sorry." then done
      invalid -> retry 1 then done
    }
  }
  oops { hang up }
  done { hang up }
}
"#,
        );
        assert!(
            source.contains(
                "  start {\n    say \"Welcome.\" {\n      error -> oops\n    }\n    set $tries = \"1\" {"
            ),
            "{source}"
        );
        for line in [
            "timeout -> retry 2 saying \"Sorry.\" then done",
            "invalid -> retry 1 then done",
        ] {
            assert!(source.contains(line), "{line}\n{source}");
        }
        assert!(!source.contains("connect \"Loop\""), "{source}");
        let steps = source
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(" {"))
            .count();
        assert_eq!(steps, 3, "start, oops and done\n{source}");
    }

    /// A later statement that another action also reaches needs a step of its own: the step
    /// cannot be written whole, and its loop stays a step.
    #[test]
    fn a_step_reached_in_the_middle_is_not_rejoined() {
        let mut flow = build(
            r#"
flow Main {
  start {
    say "Welcome." { error -> done }
    set $tries = "1" { error -> done }
    menu "press 1" timeout 8s {
      press 1 -> done
      timeout -> retry 2 then done
    }
  }
  done { hang up }
}
"#,
        );
        let source = decompiles_equivalent(&flow);
        assert!(source.contains("timeout -> retry 2 then done"), "{source}");
        let menu = flow
            .actions
            .iter_mut()
            .find(|a| a.identifier == "start-3")
            .expect("the menu");
        menu.transitions.conditions[0].next_action = "start-2".into();
        let source = decompiles_equivalent(&flow);
        assert!(!source.contains("retry"), "{source}");
        assert!(source.contains("connect \"Loop\""), "{source}");
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
