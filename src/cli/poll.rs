//! `jackbox poll start|vote|show|close|cancel|list`: chat polls on the command line, and
//! the human rendering of a poll and of a selection (shared with `jackbox game select`).
//!
//! Every command settles the session's poll first (core rule): an expired poll is closed
//! at its deadline before anything is read or written, with or without a daemon.

use super::output::{self, kv, line, opt, when};
use super::Ctx;
use crate::core::picker::PickRequest;
use crate::core::polls::{self, Choice, NewPoll, Poll};
use crate::core::selection::Selection;
use crate::core::{catalog, sessions};
use crate::{Error, Result};
use clap::Subcommand;
use rand::SeedableRng;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Open a poll: the named games, or games drawn by the picker
    #[command(
        after_help = "Without GAMEs, --count games (default 3) are drawn by the \
        picker with its filters, weights and repeat avoidance. An \"Other\" option is added \
        unless --no-other. The poll closes after --duration seconds (default 60; 10-3600) \
        or, with --no-deadline, when closed by hand; its winning game becomes the \
        session's selection.\n\n\
        Examples:\n  \
        jackbox poll start\n  \
        jackbox poll start --count 4 --players 6 --drawing exclude --duration 120\n  \
        jackbox poll start \"Quiplash 3\" \"Drawful 2\" 42 --no-other --no-deadline\n  \
        POLL=$(jackbox poll start -q)"
    )]
    Start {
        /// Catalog game IDs, tickers or unambiguous titles (2 to 6)
        games: Vec<String>,
        /// How many games the picker draws (2-6) when none are named
        #[arg(long, value_name = "N", conflicts_with = "games")]
        count: Option<i64>,
        #[command(flatten)]
        filters: super::catalog::FilterArgs,
        /// Draw only games not yet played in the session
        #[arg(long)]
        exclude_played: bool,
        /// No "Other" option
        #[arg(long)]
        no_other: bool,
        /// Seconds until the poll closes (10-3600)
        #[arg(long, value_name = "SECS", conflicts_with = "no_deadline")]
        duration: Option<i64>,
        /// Keep the poll open until `jackbox poll close`
        #[arg(long)]
        no_deadline: bool,
        /// Seed the picker's draw (reproducible options)
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Record a viewer's vote in the open poll (a later vote replaces their earlier one)
    #[command(
        after_help = "CHOICE is an option's position (2), its game's ticker (QPL3, \
        any case) or its exact label (\"Quiplash 3\", \"Other\").\n\n\
        Examples:\n  \
        jackbox poll vote 2 --user viewer123\n  \
        jackbox poll vote qpl3 --user viewer123"
    )]
    Vote {
        choice: String,
        /// The viewer's name (one vote per name and poll)
        #[arg(long, value_name = "NAME")]
        user: String,
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Show the open poll, or one poll by ID
    #[command(after_help = "Examples:\n  jackbox poll show\n  jackbox poll show 3 --json")]
    Show {
        /// Poll ID [default: the open poll]
        #[arg(value_parser = super::session::id_parser())]
        poll_id: Option<i64>,
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Close the open poll now (or after a countdown): its winning game becomes the
    /// session's selection
    #[command(
        after_help = "Examples:\n  jackbox poll close\n  jackbox poll close --in 10s\n  jackbox poll close --cancel"
    )]
    Close {
        /// Close after this long instead of now (10s, 1m, or seconds; at most 5m)
        #[arg(long = "in", value_name = "DURATION", conflicts_with = "cancel")]
        after: Option<String>,
        /// Cancel a countdown started with --in (the poll stays open)
        #[arg(long)]
        cancel: bool,
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// Cancel the open poll (no winner, nothing selected)
    #[command(after_help = "Example:\n  jackbox poll cancel")]
    Cancel {
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
    /// List the polls of a session, newest first
    #[command(after_help = "Example:\n  jackbox poll list --session 5")]
    List {
        /// Session ID [default: the active session]
        #[arg(long, value_name = "ID", value_parser = super::session::id_parser())]
        session: Option<i64>,
    },
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    execute(ctx, cmd).map_err(super::session::with_hint)
}

fn execute(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    // Showing and listing only read (settling an expired poll aside): a missing database
    // is refused, not created.
    let writes = !matches!(cmd, Cmd::Show { .. } | Cmd::List { .. });
    let mut conn = ctx.open_for(writes)?;
    match cmd {
        Cmd::Start {
            games,
            count,
            filters,
            exclude_played,
            no_other,
            duration,
            no_deadline,
            seed,
            session,
        } => {
            let mut new = NewPoll::new();
            new.pick = PickRequest {
                filter: filters.to_filter()?,
                exclude_played,
                ..PickRequest::default()
            };
            if let Some(c) = count {
                new.count = c;
            }
            new.include_other = !no_other;
            new.duration_seconds = if no_deadline {
                None
            } else {
                Some(duration.unwrap_or(polls::DEFAULT_DURATION))
            };
            if !games.is_empty() {
                // The count rule first, as the API checks the list before any lookup.
                new.game_ids = Some((1..=games.len() as i64).collect());
                new.validate()?;
                new.game_ids = Some(
                    games
                        .iter()
                        .map(|g| catalog::resolve(&conn, g).map(|g| g.id))
                        .collect::<Result<_>>()?,
                );
            }
            let session_id = sessions::resolve(&conn, session)?.id;
            let poll = match seed {
                Some(s) => polls::open(
                    &mut conn,
                    session_id,
                    &new,
                    &mut rand::rngs::StdRng::seed_from_u64(s),
                )?,
                None => polls::open(&mut conn, session_id, &new, &mut rand::thread_rng())?,
            };
            show_poll(ctx, &poll)
        }
        Cmd::Vote {
            choice,
            user,
            session,
        } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let poll = polls::vote(&mut conn, session_id, &user, &Choice::Text(choice))?;
            if ctx.quiet {
                return Ok(());
            }
            show_poll(ctx, &poll)
        }
        Cmd::Show { poll_id, session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            polls::settle(&mut conn, session_id)?;
            let poll = match poll_id {
                Some(id) => polls::get(&conn, session_id, id)?,
                None => polls::current(&conn, session_id)?,
            };
            show_poll(ctx, &poll)
        }
        Cmd::Close {
            after,
            cancel,
            session,
        } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let poll = if cancel {
                polls::cancel_end(&mut conn, session_id)?
            } else {
                let delay = match after {
                    None => 0,
                    Some(text) => crate::core::auth::parse_ttl(&text)
                        .ok()
                        .filter(|s| *s <= polls::MAX_END_DELAY)
                        .ok_or_else(|| {
                            Error::invalid(format!(
                                "invalid --in: {text} (use 1s to {}s, e.g. 10s or 1m)",
                                polls::MAX_END_DELAY
                            ))
                        })?,
                };
                polls::end_after(&mut conn, session_id, delay)?
            };
            show_poll(ctx, &poll)
        }
        Cmd::Cancel { session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            let poll = polls::cancel(&mut conn, session_id)?;
            show_poll(ctx, &poll)
        }
        Cmd::List { session } => {
            let session_id = sessions::resolve(&conn, session)?.id;
            polls::settle(&mut conn, session_id)?;
            let list = polls::list(&conn, session_id)?;
            if ctx.quiet {
                list.iter().for_each(|p| line(&p.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                line(&format!(
                    "No polls in session {session_id} yet. Open one with: jackbox poll start"
                ));
                return Ok(());
            }
            let rows = list
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.status.as_str().to_string(),
                        p.options
                            .iter()
                            .map(|o| o.label.clone())
                            .collect::<Vec<_>>()
                            .join(" / "),
                        p.total_votes.to_string(),
                        p.winner
                            .as_ref()
                            .map(|w| w.label.clone())
                            .unwrap_or_else(|| "-".into()),
                        crate::time::relative(&p.started_at),
                    ]
                })
                .collect();
            output::table(
                &["ID", "Status", "Options", "Votes", "Winner", "Started"],
                rows,
            );
            Ok(())
        }
    }
}

/// A poll: the API's object with `--json`, its ID with `-q`, else a summary and a table.
pub fn show_poll(ctx: &Ctx, poll: &Poll) -> Result<()> {
    if ctx.quiet {
        line(&poll.id.to_string());
        return Ok(());
    }
    if ctx.json {
        return output::json(poll);
    }
    let mut pairs = vec![
        ("Poll", format!("{} (session {})", poll.id, poll.session_id)),
        ("Status", poll.status.as_str().to_string()),
        ("Started", when(&poll.started_at)),
    ];
    match (poll.deadline(), polls::remaining(poll)) {
        (Some(c), Some(left)) if poll.status == polls::PollStatus::Open => {
            pairs.push(("Closes", format!("{c} ({left}s left)")));
        }
        (None, _) if poll.status == polls::PollStatus::Open => {
            pairs.push(("Closes", "when closed by hand (jackbox poll close)".into()));
        }
        _ => {}
    }
    if let Some(c) = &poll.closed_at {
        pairs.push(("Closed", when(c)));
    }
    pairs.push(("Votes", poll.total_votes.to_string()));
    if poll.status == polls::PollStatus::Closed {
        let mut winner = poll
            .winner
            .as_ref()
            .map(|w| w.label.clone())
            .unwrap_or_else(|| "none (no votes)".into());
        if let Some(tied) = &poll.tied_positions {
            let list: Vec<String> = tied.iter().map(i64::to_string).collect();
            winner.push_str(&format!(
                " (drawn at random among tied options {})",
                list.join(", ")
            ));
        }
        pairs.push(("Winner", winner));
    }
    kv(&pairs);
    let rows = poll
        .options
        .iter()
        .map(|o| {
            vec![
                o.position.to_string(),
                o.label.clone(),
                opt(&o.ticker),
                o.votes.to_string(),
            ]
        })
        .collect();
    output::table(&["#", "Option", "Ticker", "Votes"], rows);
    Ok(())
}

/// A selection: the API's object with `--json`, the game ID with `-q`.
pub fn show_selection(ctx: &Ctx, sel: &Selection) -> Result<()> {
    if ctx.json && !ctx.quiet {
        return output::json(sel);
    }
    match (&sel.game, sel.source) {
        (Some(g), Some(source)) => {
            if ctx.quiet {
                line(&g.id.to_string());
                return Ok(());
            }
            kv(&[
                ("Session", sel.session_id.to_string()),
                (
                    "Next up",
                    format!("{} ({}), game {}", g.title, g.pack_name, g.id),
                ),
                ("Source", source.as_str().to_string()),
                ("Ticker", opt(&g.ticker)),
            ]);
        }
        _ if ctx.quiet => {}
        _ => line(&format!(
            "No game lined up in session {}. Choose one with: jackbox game select GAME",
            sel.session_id
        )),
    }
    Ok(())
}
