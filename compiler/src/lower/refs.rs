//! Walking the `$` references a statement reads or writes.

use crate::resolve::{Action, AttrRef, Prompt, PromptPart, ValueRef};

/// Calls `f` on every reference of `action`, in source order.
pub(crate) fn visit_refs(action: &Action, f: &mut impl FnMut(&AttrRef)) {
    let prompt = |p: &Prompt, f: &mut dyn FnMut(&AttrRef)| {
        for part in &p.parts {
            if let PromptPart::Ref(r) = part {
                f(r);
            }
        }
    };
    let value = |v: &ValueRef, f: &mut dyn FnMut(&AttrRef)| match v {
        ValueRef::Ref(r) => f(r),
        ValueRef::Text(p) => {
            for part in &p.parts {
                if let PromptPart::Ref(r) = part {
                    f(r);
                }
            }
        }
        _ => {}
    };
    match action {
        Action::Say(p) | Action::Menu { prompt: p, .. } => prompt(p, f),
        Action::Repeat(list) => list.iter().for_each(|p| prompt(p, f)),
        Action::Ask {
            prompt: Some(p), ..
        } => prompt(p, f),
        Action::Input(spec) => {
            prompt(&spec.prompt, f);
            f(&spec.into);
        }
        Action::Call { args, .. } | Action::RunModule { args, .. } => {
            for (_, v) in args {
                value(v, f);
            }
        }
        Action::SetAttributes(list) => {
            for (target, v) in list {
                f(target);
                value(v, f);
            }
        }
        Action::Branch(v) | Action::TransferNumber { number: v, .. } => value(v, f),
        Action::Callback(spec) => {
            if let Some(n) = &spec.number {
                f(n);
            }
        }
        Action::Dial {
            caller_id: Some(v), ..
        }
        | Action::LookupProfile { by: Some((_, v)) } => value(v, f),
        _ => {}
    }
}
