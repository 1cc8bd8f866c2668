//! `jackbox stats`: totals and rankings.

use super::Ctx;
use crate::Result;

pub fn run(_ctx: &Ctx) -> Result<()> {
    Err(super::pending::pending("stats"))
}
