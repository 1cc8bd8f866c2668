//! Writing and reporting: the events and the monitor state stored through the core
//! (`core::monitoring`, off the async threads), the end of a run (`completed`/`failed`),
//! the live state shared with `status-live`, and the warnings sent to the [`LiveSink`].
//!
//! [`LiveSink`]: super::LiveSink

use super::{lock, Flow, Monitor, Outcome};
use crate::core::events::Event;
use crate::core::monitor_state::MonitorState;
use crate::core::monitoring::{self, EcastError, Finish};
use crate::core::vocab::DisconnectReason;
use crate::Result;
use rusqlite::Connection;

impl Monitor {
    /// Stores (and announces) the state when it changed; the row no longer monitoring ends
    /// the monitor.
    pub(super) async fn set_state(&mut self, state: MonitorState) -> Flow {
        if state == self.state {
            return Ok(());
        }
        self.state = state.clone();
        lock(&self.live).monitor_state = state.clone();
        let (id, code) = (self.sg.id, self.code.clone());
        match self
            .db(move |c| monitoring::set_state(c, id, &code, &state))
            .await
        {
            Some(Some(events)) => {
                self.emit_sink(events);
                Ok(())
            }
            Some(None) => Err(Outcome::Inactive),
            None => Ok(()),
        }
    }

    /// What the room says the monitor is watching: the lobby (with its state), the game,
    /// or its end.
    pub(super) fn room_state(&self) -> MonitorState {
        if self.finished {
            MonitorState::ended()
        } else if self.started {
            MonitorState::in_play()
        } else {
            MonitorState::connected(self.room.lobby_state.clone())
        }
    }

    /// Writes events (and the count); the row no longer monitoring ends the monitor.
    pub(super) async fn write(&mut self, events: Vec<Event>, count: Option<i64>) -> Flow {
        let (id, code) = (self.sg.id, self.code.clone());
        let written = self
            .db(move |c| monitoring::record(c, id, &code, &events, count))
            .await;
        match written {
            Some(Some(events)) => {
                self.emit_sink(events);
                Ok(())
            }
            Some(None) => Err(Outcome::Inactive),
            // A storage error is logged; the monitor keeps watching.
            None => Ok(()),
        }
    }

    /// The game is over: `game.ended`, `room.disconnected` (`room_closed`, with the lobby
    /// server's error when one said so), `completed`.
    pub(super) async fn end(&mut self, ecast: Option<EcastError>) -> Outcome {
        self.finished = true;
        self.sync_live();
        self.finish(Finish::Completed, ecast).await
    }

    /// The monitor failed: `room.disconnected` with `reason`, status `failed`.
    pub(super) async fn fail(
        &mut self,
        reason: DisconnectReason,
        ecast: Option<EcastError>,
    ) -> Outcome {
        self.finish(Finish::Failed(reason), ecast).await
    }

    async fn finish(&mut self, how: Finish, ecast: Option<EcastError>) -> Outcome {
        let (id, code) = (self.sg.id, self.code.clone());
        let count = self.known_count().filter(|_| self.connected);
        let players = self.names();
        let cause = ecast.clone();
        let detail = self.last_error.clone();
        // The final state, live before it is stored: a `status-live` answered from this
        // monitor never lags behind the stored one.
        self.state = monitoring::final_state(how, ecast.as_ref(), detail.as_deref());
        lock(&self.live).monitor_state = self.state.clone();
        let written = self
            .db(move |c| {
                monitoring::finish(
                    c,
                    id,
                    &code,
                    how,
                    count,
                    &players,
                    cause.as_ref(),
                    detail.as_deref(),
                )
            })
            .await;
        match written {
            Some(Some(events)) => {
                self.emit_sink(events);
                match how {
                    Finish::Completed => Outcome::Completed,
                    Finish::Failed(r) => Outcome::Failed(r, ecast),
                }
            }
            _ => Outcome::Inactive,
        }
    }

    fn emit_sink(&self, events: Vec<String>) {
        for e in events {
            self.sink.event(self.sg.session_id, e);
        }
    }

    pub(super) fn sync_live(&self) {
        let mut live = lock(&self.live);
        live.app_tag = self.app_tag.clone();
        if self.max_players.is_some() {
            live.max_players = self.max_players;
        }
        if self.connected && self.players_known {
            live.player_count = Some(self.count());
            live.players = Some(self.names());
        }
        live.lobby_state = self.room.lobby_state.clone();
        live.game_state = self.room.state.clone();
        live.game_started = Some(self.started);
        live.game_finished = Some(self.finished);
    }

    /// Warns when the room runs another catalog game than the session game.
    pub(super) async fn check_app_tag(&self) {
        let Some(tag) = self.app_tag.clone() else {
            return;
        };
        let found = self
            .db(move |c| crate::core::catalog::find_by_app_tag(c, &tag))
            .await
            .flatten();
        if let Some(game) = found.filter(|g| g.id != self.sg.game_id) {
            self.sink.warn(&format!(
                "room {} runs {} (appTag {}), not {}; the record is left unchanged",
                self.code,
                game.title,
                self.app_tag.as_deref().unwrap_or_default(),
                self.sg.title
            ));
        }
    }

    pub(super) async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    ) -> Option<T> {
        let db = self.db.clone();
        match tokio::task::spawn_blocking(move || f(&mut lock(&db))).await {
            Ok(Ok(v)) => Some(v),
            Ok(Err(e)) => {
                self.sink
                    .warn(&format!("room {}: could not record: {e}", self.code));
                None
            }
            Err(_) => None,
        }
    }
}
