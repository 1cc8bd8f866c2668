//! `jackbox serve`: runs the daemon.

use super::Ctx;
use crate::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on
    #[arg(long, env = "JACKBOX_BIND", default_value = "127.0.0.1:5000")]
    pub bind: String,
}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<()> {
    Err(super::pending::pending("serve"))
}
