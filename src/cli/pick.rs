//! `jackbox pick`: the weighted random picker.

use super::Ctx;
use crate::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: super::catalog::FilterArgs,
}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<()> {
    Err(super::pending::pending("the picker"))
}
