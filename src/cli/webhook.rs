//! `jackbox webhook …`: the webhook registry and deliveries.

use super::Ctx;
use crate::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List webhooks
    List,
}

pub fn run(_ctx: &Ctx, _cmd: Cmd) -> Result<()> {
    Err(super::pending::pending("webhooks"))
}
