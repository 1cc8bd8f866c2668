//! `jackbox game …`: the games of a session, addressed by `session_games.id`.

use super::output::{self, kv, opt, when};
use super::Ctx;
use crate::core::session_games::{self, CountSource, NewGame};
use crate::core::{catalog, model::SessionGame, sessions};
use crate::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add a game to a session (default: the active one); it becomes the one playing
    #[command(
        after_help = "Examples:\n  jackbox game add 42\n  jackbox game add \"Quiplash 3\" --room-code ABCD\n  SGID=$(jackbox game add 42 -q)"
    )]
    Add {
        /// A game id or an unambiguous title [default with --room-code: the game the room runs]
        #[arg(required_unless_present = "room_code")]
        game: Option<String>,
        /// Session ID [default: the active session]
        #[arg(long)]
        session: Option<i64>,
        /// The room code (4 characters A-Z, 0-9); starts the room monitor
        #[arg(long, value_name = "CODE")]
        room_code: Option<String>,
        /// Mark the game as added by hand (not picked)
        #[arg(long)]
        manual: bool,
        /// Jackbox's lobby server, to find the game from its room
        #[arg(
            long,
            env = "JACKBOX_ECAST_URL",
            value_name = "URL",
            hide_env_values = true
        )]
        ecast_url: Option<String>,
    },
    /// List the games of a session (default: the active one)
    List {
        #[arg(long)]
        session: Option<i64>,
    },
    /// Show one session game
    Show { session_game_id: i64 },
    /// Set a status: playing, played or skipped
    Status {
        session_game_id: i64,
        /// playing | played | skipped
        status: String,
    },
    /// Set the room code
    RoomCode { session_game_id: i64, code: String },
    /// Set the player count by hand
    #[command(allow_negative_numbers = true)]
    PlayerCount { session_game_id: i64, count: i64 },
    /// Remove a game from its session
    Remove { session_game_id: i64 },
    /// Start or stop watching the game's Jackbox room for players
    Monitor {
        #[arg(value_parser = ["start", "stop"])]
        action: String,
        session_game_id: i64,
        /// Run the monitor in this terminal, printing each event, until the game ends
        #[arg(long)]
        foreground: bool,
        /// Jackbox's lobby server [default: https://ecast.jackboxgames.com]
        #[arg(
            long,
            env = "JACKBOX_ECAST_URL",
            value_name = "URL",
            hide_env_values = true
        )]
        ecast_url: Option<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let mut conn = ctx.open()?;
    match cmd {
        Cmd::Add {
            game,
            session,
            room_code,
            manual,
            ecast_url,
        } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let game = match (game, &room_code) {
                (Some(game), _) => catalog::resolve(&conn, &game)?,
                (None, Some(code)) => super::monitor::game_for_room(&conn, code, ecast_url)?,
                (None, None) => return Err(crate::Error::invalid("A game is required")),
            };
            let sg = session_games::add(
                &mut conn,
                session_id,
                &NewGame {
                    game_id: Some(game.id),
                    manually_added: manual,
                    room_code,
                },
            )?;
            if ctx.quiet {
                output::line(&sg.id.to_string());
                return Ok(());
            }
            show(ctx, &sg)
        }
        Cmd::List { session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let list = session_games::list(&conn, session_id)?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                output::line(&format!("No games in session {session_id} yet"));
                return Ok(());
            }
            let rows = list
                .iter()
                .map(|g| {
                    vec![
                        g.id.to_string(),
                        g.title.clone(),
                        g.pack_name.clone(),
                        g.status.clone(),
                        opt(&g.room_code),
                        opt(&g.player_count),
                        format!("+{} / -{}", g.upvotes, g.downvotes),
                        crate::time::relative(&g.played_at),
                    ]
                })
                .collect();
            output::table(
                &[
                    "ID", "Game", "Pack", "Status", "Room", "Players", "Votes", "Added",
                ],
                rows,
            );
            Ok(())
        }
        Cmd::Show { session_game_id } => {
            show(ctx, &session_games::get_by_id(&conn, session_game_id)?)
        }
        Cmd::Status {
            session_game_id,
            status,
        } => {
            let sg = session_games::get_by_id(&conn, session_game_id)?;
            let msg = session_games::set_status(&mut conn, sg.session_id, sg.id, &status)?;
            message(ctx, &msg)
        }
        Cmd::RoomCode {
            session_game_id,
            code,
        } => {
            let sg = session_games::get_by_id(&conn, session_game_id)?;
            let sg = session_games::set_room_code(&mut conn, sg.session_id, sg.id, &code)?;
            show(ctx, &sg)
        }
        Cmd::PlayerCount {
            session_game_id,
            count,
        } => {
            let sg = session_games::get_by_id(&conn, session_game_id)?;
            let msg = session_games::set_player_count(
                &mut conn,
                sg.session_id,
                sg.id,
                count,
                CountSource::Manual,
            )?;
            message(ctx, &msg)
        }
        Cmd::Remove { session_game_id } => {
            let sg = session_games::get_by_id(&conn, session_game_id)?;
            let msg = session_games::remove(&mut conn, sg.session_id, sg.id)?;
            message(ctx, &msg)
        }
        Cmd::Monitor {
            action,
            session_game_id,
            foreground,
            ecast_url,
        } => {
            let sg = session_games::get_by_id(&conn, session_game_id)?;
            if action == "stop" {
                let msg = session_games::stop_monitor(&mut conn, sg.session_id, sg.id)?;
                return message(ctx, &msg);
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

/// A `{ "message": … }` reply: JSON as the API, or its message for humans.
fn message(ctx: &Ctx, msg: &crate::core::Message) -> Result<()> {
    if ctx.json {
        return output::json(msg);
    }
    if !ctx.quiet {
        output::line(&msg.message);
    }
    Ok(())
}

fn show(ctx: &Ctx, g: &SessionGame) -> Result<()> {
    if ctx.json {
        return output::json(g);
    }
    kv(&[
        ("Session game", g.id.to_string()),
        ("Session", g.session_id.to_string()),
        ("Game", format!("{} (id {})", g.title, g.game_id)),
        ("Pack", g.pack_name.clone()),
        ("Players", format!("{}-{}", g.min_players, g.max_players)),
        ("Status", g.status.clone()),
        ("Added", when(&g.played_at)),
        ("Room code", opt(&g.room_code)),
        ("Player count", opt(&g.player_count)),
        ("Monitor", g.player_count_check_status.clone()),
        ("Votes", format!("+{} / -{}", g.upvotes, g.downvotes)),
    ]);
    Ok(())
}
