//! `jackbox game …`: the games of a session, addressed by `session_games.id`.
//!
//! Output modes: `--json` prints the API's JSON; `-q` prints only IDs (the new session game
//! ID for `add`, the IDs shown for `list`/`show`) and nothing for other changes.

use super::output::{self, kv, opt, when};
use super::{values, Ctx};
use crate::core::lineup;
use crate::core::selection;
use crate::core::session_games::{self, NewGame};
use crate::core::vocab::{CountSource, GameStatus, MonitorStatus, SelectionSource};
use crate::core::{catalog, model::SessionGame, sessions};
use crate::{Error, Result};
use clap::Subcommand;
use rusqlite::Connection;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add a game to a session (default: the active one); it becomes the one playing
    #[command(
        after_help = "The game that was playing becomes played (skipped games stay \
        skipped) and the game's play count goes up by one. A room code starts the room \
        monitor (run by `jackbox serve`).\n\n\
        Examples:\n  \
        jackbox game add 42\n  \
        jackbox game add \"Quiplash 3\" --room-code ABCD\n  \
        jackbox game add \"Drawful 2\" --session 5 --manual\n  \
        SGID=$(jackbox game add 42 -q)"
    )]
    Add {
        /// A catalog game ID, a ticker (QPL3) or an unambiguous (part of a) title [default with --room-code:
        /// the game the room runs]
        #[arg(required_unless_present = "room_code")]
        game: Option<String>,
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
        /// The room code (exactly 4 characters A-Z, 0-9); starts the room monitor
        #[arg(long, value_name = "CODE")]
        room_code: Option<String>,
        /// Mark the game as added by hand (manually_added = 1)
        #[arg(long)]
        manual: bool,
        #[command(flatten)]
        ecast: EcastArg,
    },
    /// List the games of a session (default: the active one)
    #[command(
        after_help = "The ID column is the session game ID that `game status`, \
        `game room-code`, `game player-count` and `game remove` take (not the catalog ID).\n\n\
        Examples:\n  \
        jackbox game list\n  \
        jackbox game list --session 5 --json"
    )]
    List {
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Show one session game
    #[command(after_help = "Example:\n  jackbox game show 14")]
    Show {
        /// Session game ID (from `jackbox game list`)
        #[arg(value_parser = super::session::id_parser())]
        session_game_id: i64,
    },
    /// Set a status: playing, played or skipped
    #[command(
        after_help = "Setting playing turns the session's other playing game into \
        played; skipped games are never changed automatically.\n\n\
        Examples:\n  \
        jackbox game status 14 played\n  \
        jackbox game status 14 skipped"
    )]
    Status {
        /// Session game ID (from `jackbox game list`)
        #[arg(value_parser = super::session::id_parser())]
        session_game_id: i64,
        /// playing | played | skipped (any case)
        #[arg(value_parser = values::core_checked(GameStatus::NAMES))]
        status: String,
    },
    /// Set the room code (restarts a running room monitor on the new code)
    #[command(after_help = "Example:\n  jackbox game room-code 14 XY9Z")]
    RoomCode {
        /// Session game ID (from `jackbox game list`)
        #[arg(value_parser = super::session::id_parser())]
        session_game_id: i64,
        /// Exactly 4 characters A-Z, 0-9
        code: String,
    },
    /// Set the player count by hand
    #[command(after_help = "Example:\n  jackbox game player-count 14 6")]
    #[command(allow_negative_numbers = true)]
    PlayerCount {
        /// Session game ID (from `jackbox game list`)
        #[arg(value_parser = super::session::id_parser())]
        session_game_id: i64,
        /// Number of players (0 or more)
        count: String,
    },
    /// Remove a game from its session (its play count goes down by one)
    #[command(after_help = "Example:\n  jackbox game remove 14")]
    Remove {
        /// Session game ID (from `jackbox game list`)
        #[arg(value_parser = super::session::id_parser())]
        session_game_id: i64,
    },
    /// Line a game up next in a session (the session's selection)
    #[command(
        after_help = "The selection is the game shown on stream as coming next;         adding any game to the session clears it. GAME is a catalog ID or an unambiguous         title; the game must be enabled and the session active.\n\n\
        Examples:\n  \
        jackbox game select \"Quiplash 3\"\n  \
        jackbox game select 42 --session 5"
    )]
    Select {
        /// A catalog game ID, a ticker (QPL3) or an unambiguous (part of a) title
        game: String,
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
        /// Where the choice came from: manual (default), dice or poll
        #[arg(long, value_parser = values::choice(SelectionSource::NAMES), default_value = "manual")]
        source: String,
    },
    /// Clear the session's selection
    #[command(after_help = "Example:\n  jackbox game dismiss")]
    Dismiss {
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Show the game lined up next in a session
    #[command(after_help = "Example:\n  jackbox game selection --json")]
    Selection {
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Start or stop watching the game's Jackbox room for players
    #[command(after_help = "Examples:\n  \
        jackbox game monitor start 14\n  \
        jackbox game monitor stop 14")]
    Monitor {
        #[arg(value_parser = values::choice(&["start", "stop"]))]
        action: String,
        /// Session game ID (from `jackbox game list`)
        #[arg(value_parser = super::session::id_parser())]
        session_game_id: i64,
        /// Run the monitor in this terminal, printing each event, until the game ends
        #[arg(long)]
        foreground: bool,
        #[command(flatten)]
        ecast: EcastArg,
    },
}

/// `--ecast-url`, shared by `game add` (to find the game a room runs) and `game monitor`.
#[derive(Debug, Clone, clap::Args)]
pub struct EcastArg {
    /// Jackbox's lobby server [default: https://ecast.jackboxgames.com]
    #[arg(
        long,
        env = "JACKBOX_ECAST_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub ecast_url: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    execute(ctx, cmd).map_err(super::session::with_hint)
}

impl Cmd {
    /// Whether the command writes (and so may create the database).
    fn writes(&self) -> bool {
        !matches!(
            self,
            Cmd::List { .. } | Cmd::Show { .. } | Cmd::Selection { .. }
        )
    }
}

fn execute(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let mut conn = ctx.open_for(cmd.writes())?;
    match cmd {
        Cmd::Add {
            game,
            session,
            room_code,
            manual,
            ecast: EcastArg { ecast_url },
        } => {
            // Typed in any case, as the console and the README's "fixed values" allow.
            let room_code = room_code.map(|c| c.to_ascii_uppercase());
            // Bad input first, as the API does: the room code before any lookup.
            if let Some(code) = &room_code {
                session_games::validate_room_code(code)?;
            }
            let session_id = sessions::resolve(&conn, session)?.id;
            let game = match (game, &room_code) {
                (Some(game), _) => catalog::resolve(&conn, &game)?,
                (None, Some(code)) => super::monitor::game_for_room(&conn, code, ecast_url)?,
                (None, None) => return Err(crate::Error::invalid("A game is required")),
            };
            let sg = lineup::add_game(
                &mut conn,
                session_id,
                &NewGame {
                    game_id: Some(game.id),
                    manually_added: manual,
                    room_code,
                    source: None,
                },
            )?;
            show(ctx, &sg)
        }
        Cmd::Select {
            game,
            session,
            source,
        } => {
            let source: SelectionSource = source.parse()?;
            let session_id = sessions::resolve(&conn, session)?.id;
            let game = catalog::resolve(&conn, &game)?;
            let sel = lineup::select_game(&mut conn, session_id, game.id, source)?;
            super::poll::show_selection(ctx, &sel)
        }
        Cmd::Dismiss { session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let sel = lineup::dismiss_selection(&mut conn, session_id)?;
            super::poll::show_selection(ctx, &sel)
        }
        Cmd::Selection { session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            crate::core::polls::settle(&mut conn, session_id)?;
            let sel = selection::get(&conn, session_id)?;
            super::poll::show_selection(ctx, &sel)
        }
        Cmd::List { session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let list = session_games::list(&conn, session_id)?;
            if ctx.quiet {
                list.iter().for_each(|g| output::line(&g.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                output::line(&format!(
                    "No games in session {session_id} yet. Add one with: jackbox game add GAME"
                ));
                return Ok(());
            }
            let rows = list
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    vec![
                        g.id.to_string(),
                        (i + 1).to_string(),
                        g.title.clone(),
                        g.pack_name.clone(),
                        g.status.to_string(),
                        opt(&g.room_code),
                        opt(&g.player_count),
                        format!("+{} / -{}", g.upvotes, g.downvotes),
                        g.source.to_string(),
                        crate::time::relative(&g.played_at),
                    ]
                })
                .collect();
            output::table(
                // `SGID` is what `game status|room-code|player-count|remove|show|monitor`
                // take; `Order` only counts the night's games (issue 23: two id-like
                // columns confused hosts).
                &[
                    "SGID", "Order", "Game", "Pack", "Status", "Room", "Players", "Votes",
                    "Source", "Added",
                ],
                rows,
            );
            Ok(())
        }
        Cmd::Show { session_game_id } => {
            let sg = find(&conn, session_game_id)?;
            // `--json` stays the session game object of the API; the room's live state is
            // `GET …/status-live` there, and a section of the human view here.
            show(ctx, &sg)?;
            if !ctx.quiet && !ctx.json {
                show_live(&live_status(ctx, &conn, &sg)?);
            }
            Ok(())
        }
        Cmd::Status {
            session_game_id,
            status,
        } => {
            // Validate the value before the lookup, as the API does.
            let status: GameStatus = status.parse()?;
            let sg = find(&conn, session_game_id)?;
            let msg = session_games::set_status(&mut conn, sg.session_id, sg.id, status)?;
            closed_note(&conn, &sg)?;
            message(ctx, &msg)
        }
        Cmd::RoomCode {
            session_game_id,
            code,
        } => {
            let code = code.to_ascii_uppercase();
            session_games::validate_room_code(&code)?;
            let sg = find(&conn, session_game_id)?;
            let sg = session_games::set_room_code(&mut conn, sg.session_id, sg.id, &code)?;
            closed_note(&conn, &sg)?;
            if ctx.quiet {
                return Ok(());
            }
            show(ctx, &sg)
        }
        Cmd::PlayerCount {
            session_game_id,
            count,
        } => {
            let count = count
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| Error::invalid(session_games::PLAYER_COUNT_ERROR))?;
            let sg = find(&conn, session_game_id)?;
            let msg = session_games::set_player_count(
                &mut conn,
                sg.session_id,
                sg.id,
                count,
                CountSource::Manual,
            )?;
            closed_note(&conn, &sg)?;
            message(ctx, &msg)
        }
        Cmd::Remove { session_game_id } => {
            let sg = find(&conn, session_game_id)?;
            let msg = session_games::remove(&mut conn, sg.session_id, sg.id)?;
            closed_note(&conn, &sg)?;
            message(ctx, &msg)
        }
        Cmd::Monitor {
            action,
            session_game_id,
            foreground,
            ecast: EcastArg { ecast_url },
        } => {
            let sg = find(&conn, session_game_id)?;
            if action == "stop" {
                let msg = session_games::stop_monitor(&mut conn, sg.session_id, sg.id)?;
                return message(ctx, &msg);
            }
            // One monitor per game: with a daemon on this file, the daemon runs it.
            if foreground && crate::daemon_lock::daemon_running(&ctx.db) {
                return Err(crate::Error::state(
                    "A 'jackbox serve' daemon is running on this database and monitors its games",
                )
                .with_hint(format!(
                    "start it without --foreground (jackbox game monitor start {}) and follow                      it with: jackbox game show {}",
                    sg.id, sg.id
                )));
            }
            let msg = session_games::start_monitor(&mut conn, sg.session_id, sg.id)?;
            if foreground {
                drop(conn);
                return super::monitor::foreground(ctx, sg.session_id, sg.id, ecast_url.as_deref());
            }
            message(ctx, &msg)
        }
    }
}

/// A session game by its own ID, with a hint about the two kinds of game IDs.
/// After an edit of a game of a closed night: says so on stderr (the edit stands), so a
/// command meant for tonight that hit an old night's game does not go unnoticed.
fn closed_note(conn: &Connection, sg: &SessionGame) -> Result<()> {
    if sessions::get(conn, sg.session_id)?.is_active == 0 {
        eprintln!(
            "note: session {} is closed (session game {} belongs to it)",
            sg.session_id, sg.id
        );
    }
    Ok(())
}

fn find(conn: &Connection, session_game_id: i64) -> Result<SessionGame> {
    session_games::get_by_id(conn, session_game_id).map_err(|e| {
        if e.kind == crate::ErrorKind::NotFound {
            e.with_hint(
                "session game IDs are the ID column of `jackbox game list`, not catalog game IDs",
            )
        } else {
            e
        }
    })
}

/// A `{ "message": … }` reply: JSON as the API, or its message for humans.
fn message(ctx: &Ctx, msg: &crate::core::Message) -> Result<()> {
    if ctx.quiet {
        return Ok(());
    }
    if ctx.json {
        return output::json(msg);
    }
    output::line(&msg.message);
    Ok(())
}

/// One session game: its ID (`-q`), JSON, or a key/value block.
fn show(ctx: &Ctx, g: &SessionGame) -> Result<()> {
    if ctx.quiet {
        output::line(&g.id.to_string());
        return Ok(());
    }
    if ctx.json {
        return output::json(g);
    }
    kv(&[
        ("Session game", g.id.to_string()),
        ("Session", g.session_id.to_string()),
        ("Game", format!("{} (catalog id {})", g.title, g.game_id)),
        ("Pack", g.pack_name.clone()),
        ("Players", format!("{}-{}", g.min_players, g.max_players)),
        ("Status", g.status.to_string()),
        ("Added", when(&g.played_at)),
        (
            "Manually added",
            if g.manually_added == 1 { "yes" } else { "no" }.to_string(),
        ),
        ("Source", g.source.to_string()),
        ("Room code", opt(&g.room_code)),
        ("Player count", opt(&g.player_count)),
        ("Monitor", g.player_count_check_status.to_string()),
        ("Votes", format!("+{} / -{}", g.upvotes, g.downvotes)),
    ]);
    Ok(())
}

/// The `status-live` object of a session game: from the running daemon's monitor when one
/// watches this game, else from the database (`monitoring: false`).
fn live_status(
    ctx: &Ctx,
    conn: &rusqlite::Connection,
    sg: &SessionGame,
) -> Result<serde_json::Value> {
    let from_db = || -> Result<serde_json::Value> {
        let status = crate::core::status_live::from_db(conn, sg.session_id, sg.id)?;
        Ok(serde_json::to_value(status)?)
    };
    if sg.player_count_check_status != MonitorStatus::Monitoring
        || !crate::daemon_lock::daemon_running(&ctx.db)
    {
        return from_db();
    }
    let Some(base) = crate::store::setting(conn, crate::daemon_lock::URL_SETTING)? else {
        return from_db();
    };
    let url = format!(
        "{base}/api/sessions/{}/games/{}/status-live",
        sg.session_id, sg.id
    );
    // Only this command needs a runtime and a client; a daemon that does not answer within
    // a second is treated as absent.
    let fetched = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()
        .and_then(|rt| {
            rt.block_on(async {
                let client = reqwest::Client::builder()
                    .timeout(std::time::Duration::from_secs(1))
                    .build()
                    .ok()?;
                let resp = client.get(&url).send().await.ok()?;
                if !resp.status().is_success() {
                    return None;
                }
                resp.json::<serde_json::Value>().await.ok()
            })
        });
    match fetched {
        Some(v) => Ok(v),
        None => from_db(),
    }
}

/// The room part of `game show` for humans.
fn show_live(live: &serde_json::Value) {
    let text = |k: &str| match &live[k] {
        serde_json::Value::Null => "-".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let players = live["players"]
        .as_array()
        .map(|p| {
            p.iter()
                .filter_map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "-".to_string());
    output::line("");
    kv(&[
        (
            "Room status",
            if live["monitoring"] == true {
                "live (monitor running)".to_string()
            } else {
                "from the database (no monitor running)".to_string()
            },
        ),
        (
            "Monitor state",
            serde_json::from_value::<crate::core::monitor_state::MonitorState>(
                live["monitorState"].clone(),
            )
            .map(|s| s.to_string())
            .unwrap_or_else(|_| "-".to_string()),
        ),
        ("App tag", text("appTag")),
        ("Lobby state", text("lobbyState")),
        ("Game state", text("gameState")),
        ("Game started", text("gameStarted")),
        ("Game finished", text("gameFinished")),
        ("Players in room", players),
    ]);
}
