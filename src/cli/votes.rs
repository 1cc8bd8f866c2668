//! `jackbox vote up|down` and `jackbox votes list|summary`.

use super::Ctx;
use crate::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum VoteCmd {
    /// An upvote for the game being played
    Up {
        #[arg(long)]
        user: String,
    },
    /// A downvote for the game being played
    Down {
        #[arg(long)]
        user: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum VotesCmd {
    /// Vote history
    List,
    /// Per-game totals of a session
    Summary { session_id: Option<i64> },
}

pub fn run_vote(_ctx: &Ctx, _cmd: VoteCmd) -> Result<()> {
    Err(super::pending::pending("live votes"))
}

pub fn run_votes(_ctx: &Ctx, _cmd: VotesCmd) -> Result<()> {
    Err(super::pending::pending("vote history"))
}
