//! `/api/sessions…`: list, active, get, create, close, delete, export. Adapters over
//! `core::sessions` and `core::export`.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::App;
use crate::core::input::{Least, Wording};
use crate::core::lineup;
use crate::core::sessions::SessionFilter;
use crate::core::vocab::SessionListFilter;
use crate::core::{export, sessions};
use crate::Result;
use hyper::header::{HeaderValue, CONTENT_DISPOSITION};
use std::sync::Arc;

pub const INVALID_SESSION_ID: &str = "Invalid session ID";

/// `notes`: a string or null; another type is refused by name.
fn notes(body: &http::Body) -> Result<Option<String>> {
    body.opt_str_or("notes", "notes must be a string or null")
}

/// `GET /api/sessions?filter=all|active|closed&limit=N&offset=M`: newest first, with
/// `X-Total-Count` (sessions matching the filter) and `X-Absolute-Total` (all sessions).
pub async fn list(app: Arc<App>, req: Req) -> Result<Resp> {
    let q = req.query();
    let limit = q.count("limit", Least::Zero, Wording::Plain)?;
    let offset = q.count("offset", Least::Zero, Wording::Plain)?;
    let filter = match q.get("filter") {
        None => SessionListFilter::All,
        Some(f) => f.parse()?,
    };
    // Cached per reader until the database changes (P2: the list is read far more often
    // than written; see `Db::read_cached`). The cached bytes are the two counts on a first
    // line, then the JSON list.
    let key = format!("sessions?{filter},{limit:?},{offset:?}");
    let db = &app.db;
    let cached = db
        .read_hot(&key, || {
            db.read_cached(key.clone(), move |c| {
                let f = SessionFilter {
                    active: filter.is_active(),
                    limit,
                    offset,
                    ..SessionFilter::default()
                };
                let list = sessions::list_filtered(c, &f)?;
                let (total, absolute) = sessions::counts(c, filter.is_active())?;
                let mut out = format!("{total} {absolute}\n").into_bytes();
                out.extend_from_slice(&encode(&list)?);
                Ok(out.into())
            })
        })
        .await?;
    let split = cached.iter().position(|b| *b == b'\n').unwrap_or(0);
    let counts = String::from_utf8_lossy(&cached[..split]).into_owned();
    let (total, absolute) = counts.split_once(' ').unwrap_or(("0", "0"));
    let mut resp = http::json_bytes(200, cached.slice(split + 1..));
    for (name, value) in [(TOTAL_COUNT, total), (ABSOLUTE_TOTAL, absolute)] {
        if let Ok(v) = HeaderValue::from_str(value) {
            resp.headers_mut().insert(name, v);
        }
    }
    Ok(resp)
}

/// The sessions matching the list's filter, and all sessions (`GET /api/sessions`).
pub const TOTAL_COUNT: &str = "x-total-count";
pub const ABSOLUTE_TOTAL: &str = "x-absolute-total";

/// `GET /api/sessions/{id}/catalog`: every enabled game with its plays in the session.
pub async fn catalog(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.read(move |c| sessions::catalog(c, id)).await?)
}

/// `POST /api/sessions/{id}/reopen`: undoes a close.
pub async fn reopen(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.write(move |c| sessions::reopen(c, id)).await?)
}

/// The hottest read (P1): from memory while nothing committed (`Db::read_hot`), else one
/// read shared by the requests waiting for it (`Db::read_shared`).
pub async fn active(app: Arc<App>, _req: Req) -> Result<Resp> {
    let db = &app.db;
    let body = db
        .read_hot(ACTIVE, || {
            db.read_shared(ACTIVE, |c| encode(&sessions::active_reply(c)?))
        })
        .await?;
    Ok(http::json_bytes(200, body))
}

/// [`active`]'s answer when memory has it and no commit happened since (`None`: ask
/// [`active`], which reads it and keeps it).
pub fn active_now(app: &App) -> Option<Resp> {
    app.db
        .hot_now(ACTIVE)
        .map(|body| http::json_bytes(200, body))
}

/// The key of the active session's answer in the database handle's caches.
const ACTIVE: &str = "sessions/active";

fn encode<T: serde::Serialize>(value: &T) -> Result<bytes::Bytes> {
    serde_json::to_vec(value)
        .map(Into::into)
        .map_err(|e| crate::Error::storage(format!("cannot encode the response: {e}")))
}

pub async fn get(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.read(move |c| sessions::get(c, id)).await?)
}

pub async fn create(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let body = req.json(&app).await?;
    let notes = notes(&body)?;
    let session = app
        .db
        .write(move |c| sessions::create(c, notes.as_deref()))
        .await?;
    Ok(http::json(201, &session))
}

pub async fn close(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let notes = notes(&body)?;
    let session = app
        .db
        .write(move |c| lineup::close_session(c, id, notes.as_deref()))
        .await?;
    http::ok(&session)
}

pub async fn delete(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.write(move |c| sessions::delete(c, id)).await?)
}

pub async fn export(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let format = match req.query().get("format") {
        None | Some("") => export::Format::Txt,
        Some(f) => f.parse::<export::Format>()?,
    };
    let (name, body) = app
        .db
        .read(move |c| export::render(&export::gather(c, id)?, format))
        .await?;
    let content_type = match format {
        export::Format::Json => "application/json",
        export::Format::Txt => "text/plain; charset=utf-8",
    };
    let mut resp = http::bytes_response(200, content_type, body);
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        resp.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}
