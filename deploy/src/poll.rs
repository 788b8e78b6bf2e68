//! Waiting for Lex's asynchronous work (imports, locale builds, versions): a bounded number of
//! checks with a pause between them, through an injectable [`Sleeper`] so tests never wait.

use std::time::Duration;

use crate::api::ApiError;
use crate::lex_api::Progress;

/// Pauses between two checks.
#[allow(async_fn_in_trait)] // used with concrete types on one thread; no `Send` bound needed
pub trait Sleeper {
    async fn sleep(&self, d: Duration);
}

/// The real pause (tokio's timer).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    async fn sleep(&self, d: Duration) {
        tokio::time::sleep(d).await;
    }
}

/// How long to wait for Lex: `attempts` checks, `interval` apart.
#[derive(Debug, Clone)]
pub struct Poll<S> {
    pub sleeper: S,
    pub interval: Duration,
    pub attempts: u32,
}

impl Default for Poll<TokioSleeper> {
    /// Ten minutes: 120 checks 5 seconds apart (a locale build usually takes under a minute).
    fn default() -> Self {
        Poll {
            sleeper: TokioSleeper,
            interval: Duration::from_secs(5),
            attempts: 120,
        }
    }
}

impl<S: Sleeper> Poll<S> {
    /// Calls `check` until it reports `Done` (its value) or `Failed` (an error of `operation`
    /// about `what`), pausing between checks; after `attempts` checks still running, a timeout
    /// error.
    ///
    /// # Errors
    /// The failed check, the failure it reports, or the timeout.
    pub async fn until_done<F, Fut>(
        &self,
        operation: &'static str,
        what: &str,
        mut check: F,
    ) -> Result<Option<String>, ApiError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Progress, ApiError>>,
    {
        let mut last = String::new();
        for i in 0..self.attempts {
            if i > 0 {
                self.sleeper.sleep(self.interval).await;
            }
            match check().await? {
                Progress::Done(value) => return Ok(value),
                Progress::Failed(reason) => {
                    return Err(ApiError {
                        operation,
                        message: format!("{what} failed: {reason}"),
                    });
                }
                Progress::Running(status) => last = status,
            }
        }
        Err(ApiError {
            operation,
            message: format!(
                "{what} still `{last}` after {} checks {} s apart; gave up waiting (run the deploy again later: it picks up from there)",
                self.attempts,
                self.interval.as_secs()
            ),
        })
    }
}
