//! Invoking a Lambda: the mock's answer, Connect's checks of the response, `$.External`.

use dialect_compiler::connect::ErrorType;
use serde_json::Value;

use super::{Ctl, Session};
use crate::expr::Expr;
use crate::mocks::LambdaBehavior;
use crate::program::Op;
use crate::trace::{Event, LambdaResult, Observer, Taken};

impl<'a> Session<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lambda<O: Observer>(
        &mut self,
        f: u32,
        pc: u32,
        op: &'a Op,
        function: &Expr,
        timeout: u32,
        params: &[(String, Expr)],
        json: bool,
        obs: &mut O,
    ) -> Ctl {
        let world = self.world;
        let bound = self.bound(f, pc);
        let mut arn = String::new();
        let mock = match bound {
            Some(i) => Some(i as usize),
            None => {
                if !matches!(function, Expr::Static(_)) || O::EVENTS {
                    self.eval(function, &mut arn);
                }
                if matches!(function, Expr::Static(_)) {
                    None
                } else {
                    world.lambdas.iter().position(|m| m.matches(&arn))
                }
            }
        };
        if O::EVENTS && arn.is_empty() {
            self.eval(function, &mut arn);
        }
        let behavior = match mock {
            Some(i) => {
                let n = self.st.lambda_calls.get(i).copied().unwrap_or(0);
                if let Some(c) = self.st.lambda_calls.get_mut(i) {
                    *c += 1;
                }
                world.lambdas[i]
                    .answer(n as usize)
                    .unwrap_or(&world.default_lambda)
            }
            None => &world.default_lambda,
        };
        let payload = || -> Vec<(String, String)> {
            params
                .iter()
                .map(|(k, e)| (k.clone(), self.eval_owned(e)))
                .collect()
        };
        // The result text is built only when someone records it.
        let (ok, result): (Option<&'a Value>, Option<LambdaResult>) = match behavior {
            LambdaBehavior::Returns(v) => Self::check_response::<O>(v, json),
            LambdaBehavior::Delayed { seconds, returns } => {
                if *seconds > f64::from(timeout) {
                    (None, O::EVENTS.then_some(LambdaResult::TimedOut(timeout)))
                } else {
                    Self::check_response::<O>(returns, json)
                }
            }
            LambdaBehavior::Fails(m) => (None, O::EVENTS.then(|| LambdaResult::Failed(m.clone()))),
            LambdaBehavior::TimesOut => {
                (None, O::EVENTS.then_some(LambdaResult::TimedOut(timeout)))
            }
            LambdaBehavior::Malformed(t) => {
                (None, O::EVENTS.then(|| LambdaResult::Malformed(t.clone())))
            }
        };
        if let Some(result) = result {
            obs.event(Event::Lambda(arn, payload(), result));
        }
        match ok {
            Some(v) => {
                self.st.external = Some(v);
                Ctl::Take(Taken::Next)
            }
            None => Self::fail(op, &ErrorType::NoMatchingError, obs),
        }
    }

    pub(super) fn check_response<O: Observer>(
        v: &'a Value,
        json: bool,
    ) -> (Option<&'a Value>, Option<LambdaResult>) {
        let Value::Object(m) = v else {
            return (
                None,
                O::EVENTS.then(|| LambdaResult::Malformed(format!("not a JSON object: {v}"))),
            );
        };
        if !json && m.values().any(|x| x.is_object() || x.is_array()) {
            return (
                None,
                O::EVENTS.then(|| LambdaResult::Malformed(format!("not a flat string map: {v}"))),
            );
        }
        (
            Some(v),
            O::EVENTS.then(|| LambdaResult::Returned(v.to_string())),
        )
    }
}
