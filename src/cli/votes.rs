//! `jackbox vote up|down` (one live vote) and `jackbox votes list|summary` (history, totals).

use super::output::{self, kv};
use super::{values, Ctx};
use crate::core::votes::{self, LiveVoteInput, VoteFilter};
use crate::core::{catalog, sessions};
use crate::Result;
use clap::{Args, Subcommand};
use serde_json::Value;

#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The viewer's name
    #[arg(long, value_name = "NAME")]
    user: String,
    /// When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Vote for the game with this ticker (e.g. QPL3), whatever is being played
    #[arg(long, value_name = "TICKER")]
    ticker: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum VoteCmd {
    /// An upvote for the game being played in the active session
    #[command(after_help = "Examples:\n  jackbox vote up --user viewer123\n  \
        jackbox vote up --ticker QPL3 --user viewer123   (a vote for Quiplash 3)")]
    Up(VoteArgs),
    /// A downvote for the game being played in the active session
    #[command(
        after_help = "Example:\n  jackbox vote down --user viewer123 --at 2026-03-15T20:30:00Z"
    )]
    Down(VoteArgs),
}

#[derive(Debug, Subcommand)]
pub enum VotesCmd {
    /// Vote history (live and imported chat votes), newest first
    #[command(after_help = "Example:\n  jackbox votes list --session 5 --type up --limit 20")]
    List {
        /// Only votes of this session
        #[arg(long, value_name = "ID")]
        session: Option<i64>,
        /// Only votes for this game (catalog id or title)
        #[arg(long, value_name = "ID")]
        game: Option<String>,
        /// Only votes of this viewer
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Only up or down votes
        #[arg(long = "type", value_name = "TYPE", value_parser = values::choice(crate::core::vocab::VoteKind::NAMES))]
        vote_type: Option<String>,
        /// Page number
        #[arg(long, default_value_t = 1)]
        page: i64,
        /// Votes per page (max 100)
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Per-game vote totals of a session (default: the active one)
    Summary { session_id: Option<i64> },
}

pub fn run_vote(ctx: &Ctx, cmd: VoteCmd) -> Result<()> {
    let (kind, args) = match cmd {
        VoteCmd::Up(a) => ("up", a),
        VoteCmd::Down(a) => ("down", a),
    };
    let mut conn = ctx.open_or_create()?;
    let input = LiveVoteInput {
        username: Some(Value::String(args.user)),
        vote: Some(Value::String(kind.into())),
        timestamp: Some(Value::String(args.at.unwrap_or_else(crate::time::now))),
        ticker: args.ticker.map(Value::String),
    };
    let r = votes::live(&mut conn, &input)?;
    if ctx.quiet {
        return Ok(());
    }
    if ctx.json {
        return output::json(&r);
    }
    output::line(&format!(
        "Vote recorded: {} for {} by {} at {}",
        r.vote.vote_type, r.game.title, r.vote.username, r.vote.timestamp
    ));
    kv(&[
        (
            "Game",
            format!(
                "{} (id {}, session game {})",
                r.game.title,
                r.game.id,
                output::opt(&r.game.session_game_id)
            ),
        ),
        (
            "Totals",
            format!(
                "+{} / -{} (score {})",
                r.game.upvotes, r.game.downvotes, r.game.popularity_score
            ),
        ),
    ]);
    Ok(())
}

pub fn run_votes(ctx: &Ctx, cmd: VotesCmd) -> Result<()> {
    let conn = ctx.open()?;
    match cmd {
        VotesCmd::List {
            session,
            game,
            user,
            vote_type,
            page,
            limit,
        } => {
            let game_id = match game {
                None => None,
                Some(g) => match g.parse::<i64>() {
                    Ok(id) => Some(id),
                    Err(_) => Some(catalog::resolve(&conn, &g)?.id),
                },
            };
            let filter = VoteFilter {
                session_id: session,
                game_id,
                username: user,
                // clap took only up/down (any case, lowercased).
                vote_type: vote_type.map(|t| t.parse()).transpose()?,
                page,
                limit,
            }
            .validate()?;
            let h = votes::history(&conn, &filter)?;
            if ctx.quiet {
                h.votes.iter().for_each(|v| output::line(&v.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&h);
            }
            if h.votes.is_empty() {
                output::line("No votes found");
                return Ok(());
            }
            let rows = h
                .votes
                .iter()
                .map(|v| {
                    vec![
                        v.timestamp.clone(),
                        v.session_id.to_string(),
                        format!("{} ({})", v.game_title, v.game_id),
                        v.username.clone(),
                        v.vote_type.to_string(),
                        v.source.to_string(),
                    ]
                })
                .collect();
            output::table(&["Time", "Session", "Game", "User", "Vote", "Source"], rows);
            let p = &h.pagination;
            output::line(&format!(
                "page {} of {} ({} votes)",
                p.page, p.total_pages, p.total
            ));
            Ok(())
        }
        VotesCmd::Summary { session_id } => {
            let id = sessions::resolve(&conn, session_id)?.id;
            let s = votes::session_totals(&conn, id)?;
            if ctx.quiet {
                s.votes
                    .iter()
                    .for_each(|g| output::line(&g.game_id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&s);
            }
            if s.votes.is_empty() {
                output::line(&format!("No votes in session {id} yet"));
                return Ok(());
            }
            let rows = s
                .votes
                .iter()
                .map(|g| {
                    vec![
                        g.game_id.to_string(),
                        g.title.clone(),
                        g.pack_name.clone(),
                        g.upvotes.to_string(),
                        g.downvotes.to_string(),
                        format!("{:+}", g.net_score),
                        g.total_votes.to_string(),
                    ]
                })
                .collect();
            output::table(
                &["Game ID", "Title", "Pack", "Up", "Down", "Net", "Total"],
                rows,
            );
            Ok(())
        }
    }
}
