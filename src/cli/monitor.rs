//! `jackbox game monitor start ID --foreground`: one room monitor in this terminal, printing
//! each event, until the game ends or Ctrl-C (which stops it: `stopped`, `room.disconnected`
//! with `manually_stopped`). The only CLI command with a tokio runtime.

use super::Ctx;
use crate::core::events::Event;
use crate::core::vocab::{DisconnectReason, MonitorStatus};
use crate::core::{events, session_games};
use crate::monitor::{Config, LiveSink, Monitor, Outcome};
use crate::{Error, ErrorKind, Result};
use std::sync::{Arc, Mutex};

/// Prints events as they are written: JSON lines with `--json`, one summary line otherwise.
struct Printer {
    json: bool,
}

impl Printer {
    fn print(&self, event_json: &str) {
        if self.json {
            println!("{event_json}");
        } else if let Ok(event) = Event::from_frame(event_json) {
            println!("{}", summary(&event));
        }
    }
}

impl LiveSink for Printer {
    fn heartbeat(&self, _session_id: i64, event_json: String) {
        self.print(&event_json);
    }
    fn event(&self, _session_id: i64, event_json: String) {
        self.print(&event_json);
    }
    fn warn(&self, message: &str) {
        eprintln!("warning: {message}");
    }
}

/// `game.started  3 players: ALICE, BOB, CAROL` and the like.
fn summary(event: &Event) -> String {
    fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
        v.as_ref()
            .map_or_else(|| "-".to_string(), |v| v.to_string())
    }
    let list = |players: &[String]| players.join(", ");
    let text = match event {
        Event::RoomConnected(e) => format!(
            "room {} (appTag {}): {} of {} players [{}], state {}, lobby {}",
            opt(&e.room.room_code),
            opt(&e.app_tag),
            e.player_count,
            opt(&e.max_players),
            list(&e.players),
            opt(&e.game_state),
            opt(&e.lobby_state)
        ),
        Event::LobbyPlayerJoined(e) => format!(
            "{} joined ({} players: {})",
            e.player_name,
            e.player_count,
            list(&e.players)
        ),
        Event::LobbyUpdated(e) => format!(
            "lobby {} (can start: {}, starting: {})",
            opt(&e.lobby_state),
            opt(&e.game_can_start),
            opt(&e.game_is_starting)
        ),
        Event::PlayerCountUpdated(e) => format!("{} players ({})", e.player_count, e.source),
        Event::MonitorState(e) => e.state.to_string(),
        Event::GameStarted(e) => format!("{} players: {}", e.player_count, list(&e.players)),
        Event::GameEnded(e) => format!("{} players: {}", opt(&e.player_count), list(&e.players)),
        Event::RoomDisconnected(e) => {
            let mut text = format!(
                "room {}: {} (final player count {})",
                opt(&e.room.room_code),
                e.reason,
                opt(&e.final_player_count)
            );
            if let Some(code) = e.ecast_code {
                text.push_str(&format!(
                    "; lobby server error {code}: {}",
                    opt(&e.ecast_message)
                ));
            }
            text
        }
        Event::GameStatus(e) => format!(
            "{} players, state {}, lobby {}",
            opt(&e.player_count),
            opt(&e.game_state),
            opt(&e.lobby_state)
        ),
        other => other.data().map(|d| d.to_string()).unwrap_or_default(),
    };
    format!("{}  {text}", event.name())
}

/// Runs the monitor of session game `id` (already switched to `monitoring`).
pub fn foreground(ctx: &Ctx, session_id: i64, id: i64, ecast_url: Option<&str>) -> Result<()> {
    let cfg = Config::from_env(ecast_url);
    let conn = ctx.open()?;
    let sg = session_games::get(&conn, session_id, id)?;
    let printer = Arc::new(Printer { json: ctx.json });
    if !ctx.json && !ctx.quiet {
        eprintln!(
            "Monitoring room {} of session game {id} via {} (Ctrl-C to stop)",
            sg.room_code.as_deref().unwrap_or_default(),
            cfg.ecast_url
        );
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::storage(format!("Cannot start the runtime: {e}")))?;
    let mut conn = Some(conn);
    let mut sg = sg;
    let outcome = loop {
        let db = match conn.take() {
            Some(c) => c,
            None => ctx.open()?,
        };
        let outcome = rt.block_on(async {
            let (monitor, stop) = Monitor::new(
                cfg.clone(),
                Arc::new(Mutex::new(db)),
                printer.clone(),
                sg.clone(),
            )?;
            let mut task = tokio::spawn(monitor.run());
            tokio::select! {
                outcome = &mut task => Ok::<_, Error>(outcome.unwrap_or(Outcome::Stopped)),
                _ = interrupted() => {
                    stop.stop();
                    let _ = task.await;
                    Ok(Outcome::Stopped)
                }
            }
        })?;
        if outcome == Outcome::Inactive {
            // Given another room code meanwhile: follow it.
            let now = session_games::get(&ctx.open()?, session_id, id);
            if let Ok(now) = now {
                if now.player_count_check_status == MonitorStatus::Monitoring
                    && now.room_code != sg.room_code
                {
                    if !ctx.json && !ctx.quiet {
                        eprintln!(
                            "Room code changed to {}; following it",
                            now.room_code.as_deref().unwrap_or_default()
                        );
                    }
                    sg = now;
                    continue;
                }
            }
        }
        break outcome;
    };
    drop(rt);
    match outcome {
        Outcome::Completed => Ok(()),
        Outcome::Stopped => {
            // Ctrl-C is a manual stop: `stopped` and `room.disconnected` (`manually_stopped`).
            let mut conn = ctx.open()?;
            let after = events::last_event_id(&conn)?;
            session_games::stop_monitor(&mut conn, session_id, id)?;
            for e in events::events_after(&conn, after, 100)? {
                if e.event_type != events::MONITOR_CHANGED {
                    printer.print(&e.payload);
                }
            }
            Ok(())
        }
        Outcome::Inactive => {
            if !ctx.json && !ctx.quiet {
                eprintln!("The monitor of session game {id} was stopped or changed elsewhere");
            }
            Ok(())
        }
        Outcome::Failed(reason, ecast) => Err({
            let code = sg.room_code.clone().unwrap_or_default();
            // The lobby server's own words, when an error frame ended the monitor.
            let said = ecast
                .map(|e| format!(" (lobby server error {}: {})", e.code, e.message))
                .unwrap_or_default();
            match reason {
                DisconnectReason::RoomNotFound => {
                    Error::not_found(format!("Room {code} not found{said}"))
                }
                DisconnectReason::RoleRejected => Error::state(format!(
                    "The Jackbox lobby server refused the monitor's connection to room {code}{said}"
                )),
                DisconnectReason::RoomClosed => {
                    Error::state(format!("Room {code} has already ended{said}"))
                }
                _ => Error::new(
                    ErrorKind::Unavailable,
                    format!("Could not reach the Jackbox lobby server for room {code}"),
                ),
            }
        }),
    }
}

/// Ctrl-C (SIGINT) or SIGTERM.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// `jackbox game add --room-code CODE` without a game: the catalog game the room runs.
pub fn game_for_room(
    conn: &rusqlite::Connection,
    code: &str,
    ecast_url: Option<String>,
) -> Result<crate::core::Game> {
    let cfg = Config::from_env(ecast_url.as_deref());
    let tag = crate::monitor::resolve::app_tag_blocking(&cfg, code)?;
    crate::monitor::resolve::game_for_tag(conn, &tag)
}
