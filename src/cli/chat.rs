//! `jackbox chat import`: chat logs in the formats streamers have.

use super::Ctx;
use crate::Result;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Import a chat log (FILE, or - for stdin) and count its votes
    Import {
        file: PathBuf,
        #[arg(long)]
        session: Option<i64>,
        #[arg(long, default_value = "auto")]
        format: String,
    },
}

pub fn run(_ctx: &Ctx, _cmd: Cmd) -> Result<()> {
    Err(super::pending::pending("chat import"))
}
