//! Finding the room and waiting between attempts: the lobby server look-up (step 1 of
//! `docs/room-monitor.md`'s "Algorithm"), the back-off step with its warning and `retrying`
//! state, the 404 streak, and the stop signal every wait listens to.

use super::ecast::{Lookup, RoomInfo};
use super::{stopped, Config, Flow, Monitor, Outcome, INACTIVE};
use crate::core::monitor_state::MonitorState;
use crate::core::vocab::DisconnectReason;
use std::time::{Duration, Instant};

impl Monitor {
    /// Step 1: look the room up, retrying transient errors with backoff.
    pub(super) async fn first_lookup(&mut self) -> std::result::Result<RoomInfo, Outcome> {
        let since = Instant::now();
        let mut delay = self.cfg.backoff_base;
        loop {
            match self.lookup().await {
                Lookup::Found(room) => return Ok(room),
                Lookup::NotFound => {
                    return Err(self.fail(DisconnectReason::RoomNotFound, None).await)
                }
                Lookup::Transient(e) => {
                    let why = format!("look-up failed: {e}");
                    if since.elapsed() >= self.cfg.give_up {
                        self.last_error = Some(why);
                        return Err(self.fail(DisconnectReason::ConnectionFailed, None).await);
                    }
                    self.retry(delay, why).await?;
                    delay = self.cfg.next_delay(delay);
                }
            }
        }
    }

    /// One back-off step after a failed attempt: the warning (one per step), the
    /// `retrying` state with when the next attempt starts, the wait.
    pub(super) async fn retry(&mut self, delay: Duration, why: String) -> Flow {
        self.attempt += 1;
        let wait = Config::jitter(delay);
        self.sink.warn(&format!(
            "room {}: attempt {} failed: {why}; retrying in {:.1} s",
            self.code,
            self.attempt,
            wait.as_secs_f64()
        ));
        let next = chrono::Utc::now()
            + chrono::Duration::from_std(wait).unwrap_or_else(|_| chrono::Duration::zero());
        self.last_error = Some(why.clone());
        self.set_state(MonitorState::retrying(
            self.attempt,
            crate::time::format(next),
            why,
        ))
        .await?;
        self.sleep(wait).await
    }

    pub(super) async fn lookup(&mut self) -> Lookup {
        let mut stop = self.stop.clone();
        tokio::select! {
            l = self.client.lookup(&self.code) => {
                if matches!(l, Lookup::Found(_)) {
                    self.not_found_streak = 0;
                }
                l
            }
            _ = stopped(&mut stop) => Lookup::Transient("stopping".into()),
        }
    }

    /// A 404 after the room was seen: two in a row mean the room is gone.
    pub(super) async fn not_found(&mut self) -> Flow {
        self.not_found_streak += 1;
        if self.not_found_streak >= 2 {
            return Err(self.end(None).await);
        }
        Ok(())
    }

    async fn sleep(&mut self, d: Duration) -> Flow {
        let mut stop = self.stop.clone();
        tokio::select! {
            _ = tokio::time::sleep(d) => Ok(()),
            _ = stopped(&mut stop) => Err(self.stop_outcome()),
        }
    }

    pub(super) fn stop_outcome(&self) -> Outcome {
        if *self.stop.borrow() == INACTIVE {
            Outcome::Inactive
        } else {
            Outcome::Stopped
        }
    }
}
