//! `jackbox game monitor start ID --foreground`: one room monitor in this terminal, printing
//! each event, until the game ends or Ctrl-C (which stops it: `stopped`, `room.disconnected`
//! with `manually_stopped`). The only CLI command with a tokio runtime.

use super::Ctx;
use crate::core::{events, session_games};
use crate::monitor::{Config, LiveSink, Monitor, Outcome};
use crate::{Error, ErrorKind, Result};
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// Prints events as they are written: JSON lines with `--json`, one summary line otherwise.
struct Printer {
    json: bool,
}

impl Printer {
    fn print(&self, event_json: &str) {
        if self.json {
            println!("{event_json}");
        } else if let Ok(v) = serde_json::from_str::<Value>(event_json) {
            println!("{}", summary(&v));
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
fn summary(v: &Value) -> String {
    let t = v["type"].as_str().unwrap_or("event");
    let d = &v["data"];
    let s = |k: &str| match &d[k] {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let players = || {
        d["players"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let text = match t {
        "room.connected" => format!(
            "room {} (appTag {}): {} of {} players [{}], state {}, lobby {}",
            s("roomCode"),
            s("appTag"),
            s("playerCount"),
            s("maxPlayers"),
            players(),
            s("gameState"),
            s("lobbyState")
        ),
        "lobby.player-joined" => format!(
            "{} joined ({} players: {})",
            s("playerName"),
            s("playerCount"),
            players()
        ),
        "lobby.updated" => format!(
            "lobby {} (can start: {}, starting: {})",
            s("lobbyState"),
            s("gameCanStart"),
            s("gameIsStarting")
        ),
        "player-count.updated" => format!("{} players ({})", s("playerCount"), s("source")),
        "game.started" | "game.ended" => {
            format!("{} players: {}", s("playerCount"), players())
        }
        "room.disconnected" => {
            let mut text = format!(
                "room {}: {} (final player count {})",
                s("roomCode"),
                s("reason"),
                s("finalPlayerCount")
            );
            if !d["ecastCode"].is_null() {
                text.push_str(&format!(
                    "; lobby server error {}: {}",
                    s("ecastCode"),
                    s("ecastMessage")
                ));
            }
            text
        }
        "game.status" => format!(
            "{} players, state {}, lobby {}",
            s("playerCount"),
            s("gameState"),
            s("lobbyState")
        ),
        _ => d.to_string(),
    };
    format!("{t}  {text}")
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
                if now.player_count_check_status == "monitoring" && now.room_code != sg.room_code {
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
                crate::core::monitoring::ROOM_NOT_FOUND => {
                    Error::not_found(format!("Room {code} not found{said}"))
                }
                crate::core::monitoring::ROLE_REJECTED => Error::state(format!(
                    "The Jackbox lobby server refused the monitor's connection to room {code}{said}"
                )),
                crate::core::monitoring::ROOM_CLOSED => {
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
