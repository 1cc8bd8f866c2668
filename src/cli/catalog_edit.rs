//! `jackbox catalog add|edit|remove|enable|disable|favor|pack|import|export`.

use super::catalog::Cmd;
use super::Ctx;
use crate::Result;
use rusqlite::Connection;

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The pack, e.g. "The Jackbox Party Pack 7"
    #[arg(long)]
    pub pack: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub min_players: i64,
    #[arg(long)]
    pub max_players: i64,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    pub id: i64,
}

pub fn run(_ctx: &Ctx, _conn: Connection, _cmd: Cmd) -> Result<()> {
    Err(super::pending::pending("catalog editing"))
}
