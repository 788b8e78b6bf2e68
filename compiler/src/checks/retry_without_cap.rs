//! `L006 retry-without-cap`: an error branch that retries without a limit.

use super::unbounded_loop::note_members;
use super::{Context, Finding};

crate::define_codes! {
    /// ## What it does
    /// Finds error branches (an integration failure, a timeout, input that matched nothing)
    /// that lead back into a loop with no bounded exit: the action is retried again and again
    /// with no counter to stop it. The loop analysis is the one of `L005`.
    ///
    /// ## Why is this bad?
    /// When the stock service is down, every retry fails the same way: the caller waits through
    /// timeout after timeout and is never told anything. A silent caller on a keypad menu is
    /// prompted for ever.
    ///
    /// ## Example
    /// ```json
    /// { "Identifier": "reserve", "Type": "InvokeLambdaFunction",
    ///   "Parameters": { "LambdaFunctionARN": "arn:aws:lambda:…:function:reserve" },
    ///   "Transitions": { "NextAction": "confirm",
    ///     "Errors": [ { "NextAction": "reserve", "ErrorType": "NoMatchingError" } ] } }
    /// ```
    ///
    /// ## Use instead
    /// Send the error branch to a `Loop` action (`LoopCount` 2) whose `ContinueLooping` branch
    /// retries and whose `DoneLooping` branch explains the technical problem and transfers to an
    /// agent or offers a callback. In `.dial`: `error -> retry 2 then sorry`.
    RETRY_WITHOUT_CAP = "L006" "retry-without-cap" Check Warning "an error branch retries without a limit";
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for c in cx.unbounded_cycles() {
        let Some((u, a, error)) = c.retries.first() else {
            continue;
        };
        let (u, a) = (*u, *a);
        let others: Vec<String> = c.retries[1..]
            .iter()
            .map(|(u, a, e)| format!("{} on `{e}`", cx.describe(*u, *a)))
            .collect();
        let mut f = cx
            .finding(
                RETRY_WITHOUT_CAP,
                u,
                a,
                format!(
                    "{} retries on `{error}` without a limit",
                    cx.describe(u, a)
                ),
                format!("`{error}` leads back here with no counter"),
            )
            .with_help(
                "send the error branch through a `Loop` action (e.g. `LoopCount` 2): `ContinueLooping` retries, `DoneLooping` apologises and transfers to an agent or offers a callback",
            );
        if !others.is_empty() {
            f = f.with_note(format!("the loop also retries at {}", others.join(", ")));
        }
        f = note_members(cx, f, c);
        out.push(f);
    }
}
