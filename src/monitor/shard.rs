//! One shard connection to the room: reading its frames until it closes (welcome, updates,
//! lock, exit, the lobby server's errors) and the periodic probe, a short-lived second
//! connection that reads a fresh `here`.

use super::ecast::{self, ErrorClass, Frame, Lookup, RoomInfo, Socket, Welcome};
use super::{stopped, Flow, Monitor, Outcome, SHARD_NAME};
use crate::core::monitoring::EcastError;
use crate::core::vocab::DisconnectReason;

impl Monitor {
    /// Reads one shard connection until it closes. `Ok(true)` when it got a welcome.
    pub(super) async fn serve(
        &mut self,
        mut socket: Socket,
        session: &mut Option<(i64, String)>,
        room: &RoomInfo,
    ) -> std::result::Result<(bool, String), Outcome> {
        let mut welcomed = false;
        let mut stop = self.stop.clone();
        let every = self.cfg.probe_interval;
        let mut probe = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        probe.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut room = room.clone();
        // A server that accepts the connection but never says welcome is a failed attempt.
        let welcome_by = tokio::time::Instant::now() + self.cfg.timeout;
        loop {
            let flow = tokio::select! {
                _ = stopped(&mut stop) => Err(self.stop_outcome()),
                _ = tokio::time::sleep_until(welcome_by), if !welcomed => {
                    ecast::close(socket).await;
                    return Ok((false, "no welcome from the lobby server".into()));
                }
                frame = ecast::next_frame(&mut socket) => match frame {
                    None => return Ok((welcomed, "connection closed".into())),
                    Some(Frame::Welcome(w)) => {
                        welcomed = true;
                        if let Some(secret) = w.secret.clone() {
                            *session = Some((w.id, secret));
                        }
                        self.on_welcome(w, &room).await
                    }
                    Some(Frame::Error { code, msg }) => match self.on_error(code, msg.clone()).await {
                        // Rate limited: drop this connection and back off (the caller's
                        // schedule keeps growing: no welcome resets it).
                        Ok(true) => {
                            ecast::close(socket).await;
                            return Ok((false, format!("lobby server error {code}: {msg}")));
                        }
                        Ok(false) => Ok(()),
                        Err(outcome) => Err(outcome),
                    },
                    Some(frame) => self.on_frame(frame, welcomed).await,
                },
                _ = probe.tick(), if welcomed => self.probe(&mut room).await,
            };
            if let Err(outcome) = flow {
                ecast::close(socket).await;
                return Err(outcome);
            }
        }
    }

    /// A `client/welcome`: the snapshot is read like a set of updates (its `here` players,
    /// then each entity) by [`Monitor::apply`]. The first one of the run announces the room
    /// (`room.connected`) instead of one event per player or flag it already had.
    async fn on_welcome(&mut self, w: Welcome, room: &RoomInfo) -> Flow {
        if room.locked && self.connected && !self.replay_wait {
            self.game_started().await?;
        }
        self.players_known |= w.here_known;
        self.apply(w.players, w.updates, Some(room)).await
    }

    async fn on_frame(&mut self, frame: Frame, welcomed: bool) -> Flow {
        match frame {
            // Updates before this connection's welcome are covered by that snapshot.
            Frame::PlayerConnected(s) if welcomed => self.apply(vec![s], vec![], None).await,
            Frame::Update(u) if welcomed => self.apply(vec![], vec![u], None).await,
            Frame::Lock => {
                self.in_play();
                self.game_started().await
            }
            Frame::Exit => Err(self.end(None).await),
            _ => Ok(()),
        }
    }

    /// The error table (`ecast::classify_error`). `Ok(true)`: drop the connection and back
    /// off; `Ok(false)`: carry on.
    async fn on_error(&mut self, code: i64, msg: String) -> std::result::Result<bool, Outcome> {
        tracing::info!("room {}: ecast error {code}: {msg}", self.code);
        let err = EcastError { code, message: msg };
        match ecast::classify_error(code) {
            ErrorClass::RoleRejected => {
                Err(self.fail(DisconnectReason::RoleRejected, Some(err)).await)
            }
            // Before the room was ever seen, the monitor could not watch it: failed.
            ErrorClass::RoomNotFound if !self.connected => {
                Err(self.fail(DisconnectReason::RoomNotFound, Some(err)).await)
            }
            ErrorClass::RoomEnded if !self.connected => {
                Err(self.fail(DisconnectReason::RoomClosed, Some(err)).await)
            }
            // After it was seen: the room is gone, the game is over.
            ErrorClass::RoomNotFound | ErrorClass::RoomEnded => Err(self.end(Some(err)).await),
            ErrorClass::RateLimited => Ok(true),
            ErrorClass::Ignored => Ok(false),
        }
    }

    /// Step 5: a short-lived second shard connection reads a fresh `here`.
    async fn probe(&mut self, room: &mut RoomInfo) -> Flow {
        match self.lookup().await {
            Lookup::Found(r) => {
                if r.locked && !self.started && !self.replay_wait {
                    self.game_started().await?;
                }
                *room = r;
            }
            Lookup::NotFound => return self.not_found().await,
            Lookup::Transient(e) => {
                tracing::info!("room {}: probe look-up failed: {e}", self.code);
                return Ok(());
            }
        }
        let probe_user = format!("{}-probe", self.user_id);
        let timeout = self.cfg.timeout;
        let client = self.client.clone();
        let room_now = room.clone();
        let read = async move {
            let mut socket = client
                .connect(&room_now, &format!("{SHARD_NAME}-probe"), &probe_user, None)
                .await
                .ok()?;
            let frame = tokio::time::timeout(timeout, ecast::next_frame(&mut socket))
                .await
                .ok()
                .flatten();
            ecast::close(socket).await;
            frame
        };
        let mut stop = self.stop.clone();
        let frame = tokio::select! {
            f = read => f,
            _ = stopped(&mut stop) => return Err(self.stop_outcome()),
        };
        match frame {
            Some(Frame::Welcome(w)) => {
                self.players_known |= w.here_known;
                self.apply(w.players, w.updates, None).await
            }
            // The room is gone; any other error of a probe is left to the main connection.
            Some(Frame::Error { code, msg }) => match ecast::classify_error(code) {
                ErrorClass::RoomNotFound | ErrorClass::RoomEnded => {
                    tracing::info!("room {}: probe: ecast error {code}: {msg}", self.code);
                    Err(self.end(Some(EcastError { code, message: msg })).await)
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}
