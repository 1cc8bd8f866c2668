//! `/api/games…` read routes: the catalog with the filters of `docs/catalog.md`, packs, pack
//! metadata, one game. Adapters over `core::catalog`.

use super::http::{self, Query, Req, Resp};
use super::App;
use crate::core::catalog::{self, GameFilter};
use crate::core::input::Raw;
use crate::Result;
use std::sync::Arc;

pub const INVALID_GAME_ID: &str = "Invalid game ID";

/// The query filters of `GET /api/games`; a bad value → 400 naming the parameter.
pub fn filter_from_query(q: &Query) -> Result<GameFilter> {
    let common = GameFilter::default().with_common(|k| q.get(k).map(Raw::Text))?;
    let q_text = q.get("q").filter(|t| !t.is_empty()).map(str::to_string);
    Ok(GameFilter {
        enabled: q.boolean("enabled")?,
        family_friendly: q.boolean("familyFriendly")?,
        packs: q
            .all("pack")
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect(),
        q: q_text,
        ..common
    })
}

pub async fn list(app: Arc<App>, req: Req) -> Result<Resp> {
    let filter = filter_from_query(&req.query())?;
    http::ok(&app.db.read(move |c| catalog::list(c, &filter)).await?)
}

pub async fn packs(app: Arc<App>, _req: Req) -> Result<Resp> {
    http::ok(&app.db.read(catalog::packs).await?)
}

pub async fn packs_meta(app: Arc<App>, _req: Req) -> Result<Resp> {
    http::ok(&app.db.read(catalog::packs_meta).await?)
}

pub async fn get(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_GAME_ID)?;
    http::ok(&app.db.read(move |c| catalog::get(c, id)).await?)
}
