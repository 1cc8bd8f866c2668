//! `jackbox auth set-key|token`.

use super::Ctx;
use crate::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Set the admin key
    SetKey,
}

pub fn run(_ctx: &Ctx, _cmd: Cmd) -> Result<()> {
    Err(super::pending::pending("auth"))
}
