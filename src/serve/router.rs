//! The route table and dispatch: (method, path template) → handler, static segments winning
//! over `{param}` ones, 404 for unknown paths, 405 + `Allow` for a known path with the wrong
//! method, and CORS when origins are configured.
//!
//! To add a route: one `route!` line in [`routes`] and its entry in `openapi.json` (a test
//! fails when the document misses a route).

use super::http::{self, Req, Resp};
use super::{auth, catalog, games, sessions, stats, votes, webhooks, App};
use super::{auth_routes, catalog_edit, chat, pick, polls};
use crate::{Error, ErrorKind, Result};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW};
use hyper::{Method, Request};
use rustc_hash::FxHashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};

pub type HandlerFuture = Pin<Box<dyn Future<Output = Result<Resp>> + Send>>;
pub type Handler = fn(Arc<App>, Req) -> HandlerFuture;

pub struct Route {
    pub method: Method,
    /// `/api/sessions/{id}/games`: literal segments and `{name}` parameters.
    pub path: &'static str,
    pub handler: Handler,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(&'static str),
    Param,
}

fn route(method: Method, path: &'static str, handler: Handler) -> Route {
    let segments = path
        .trim_start_matches('/')
        .split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Segment::Param
            } else {
                Segment::Literal(s)
            }
        })
        .collect();
    Route {
        method,
        path,
        handler,
        segments,
    }
}

/// `route!(GET, "/path", module::function)`.
macro_rules! route {
    ($method:ident, $path:literal, $handler:path) => {
        route(Method::$method, $path, |app, req| {
            Box::pin($handler(app, req))
        })
    };
}

/// Every route of the API.
pub fn routes() -> &'static [Route] {
    static ROUTES: OnceLock<Vec<Route>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        vec![
            route!(GET, "/health", health),
            route!(GET, "/api/openapi.json", openapi),
            // Auth
            route!(POST, "/api/auth/login", auth_routes::login),
            route!(GET, "/api/setup", auth_routes::setup_status),
            route!(POST, "/api/setup", auth_routes::setup),
            route!(POST, "/api/auth/verify", auth_routes::verify),
            route!(POST, "/api/auth/tokens", auth_routes::mint),
            route!(GET, "/api/auth/tokens", auth_routes::list_tokens),
            route!(DELETE, "/api/auth/tokens/{id}", auth_routes::revoke_token),
            route!(GET, "/api/audit", auth_routes::audit),
            // Sessions
            route!(GET, "/api/sessions", sessions::list),
            route!(POST, "/api/sessions", sessions::create),
            route!(GET, "/api/sessions/active", sessions::active),
            route!(GET, "/api/sessions/{id}", sessions::get),
            route!(DELETE, "/api/sessions/{id}", sessions::delete),
            route!(POST, "/api/sessions/{id}/close", sessions::close),
            route!(POST, "/api/sessions/{id}/reopen", sessions::reopen),
            route!(GET, "/api/sessions/{id}/catalog", sessions::catalog),
            route!(GET, "/api/sessions/{id}/export", sessions::export),
            // Games in a session
            route!(GET, "/api/sessions/{id}/games", games::list),
            route!(POST, "/api/sessions/{id}/games", games::add),
            route!(
                DELETE,
                "/api/sessions/{sessionId}/games/{sessionGameId}",
                games::remove
            ),
            route!(
                PATCH,
                "/api/sessions/{sessionId}/games/{sessionGameId}/status",
                games::status
            ),
            route!(
                PATCH,
                "/api/sessions/{sessionId}/games/{sessionGameId}/room-code",
                games::room_code
            ),
            route!(
                PATCH,
                "/api/sessions/{sessionId}/games/{sessionGameId}/player-count",
                games::player_count
            ),
            route!(
                POST,
                "/api/sessions/{sessionId}/games/{sessionGameId}/start-player-check",
                games::start_check
            ),
            route!(
                POST,
                "/api/sessions/{sessionId}/games/{sessionGameId}/stop-player-check",
                games::stop_check
            ),
            route!(
                GET,
                "/api/sessions/{sessionId}/games/{sessionGameId}/status-live",
                games::status_live
            ),
            // Catalog (read)
            route!(GET, "/api/games", catalog::list),
            route!(GET, "/api/games/packs", catalog::packs),
            route!(GET, "/api/games/meta/packs", catalog::packs_meta),
            route!(GET, "/api/games/{id}", catalog::get),
            // Catalog (write) and the picker
            route!(POST, "/api/games", catalog_edit::create),
            route!(PUT, "/api/games/{id}", catalog_edit::update),
            route!(DELETE, "/api/games/{id}", catalog_edit::delete),
            route!(PATCH, "/api/games/{id}/toggle", catalog_edit::toggle),
            route!(PATCH, "/api/games/{id}/favor", catalog_edit::set_favor),
            route!(
                PATCH,
                "/api/games/packs/{name}/toggle",
                catalog_edit::pack_toggle
            ),
            route!(
                PATCH,
                "/api/games/packs/{name}/favor",
                catalog_edit::pack_favor
            ),
            route!(GET, "/api/games/export/csv", catalog_edit::export_csv),
            route!(POST, "/api/games/import/csv", catalog_edit::import_csv),
            route!(POST, "/api/pick", pick::pick),
            // Stats
            route!(GET, "/api/stats", stats::stats),
            // Live updates and webhooks
            route!(GET, "/api/sessions/live", webhooks::websocket),
            route!(GET, "/api/webhooks", webhooks::list),
            route!(POST, "/api/webhooks", webhooks::create),
            route!(GET, "/api/webhooks/{id}", webhooks::get),
            route!(PATCH, "/api/webhooks/{id}", webhooks::update),
            route!(DELETE, "/api/webhooks/{id}", webhooks::delete),
            route!(POST, "/api/webhooks/test/{id}", webhooks::test),
            route!(GET, "/api/webhooks/{id}/logs", webhooks::logs),
            // Votes
            route!(POST, "/api/sessions/{id}/chat-import", votes::chat_import),
            // The lined-up game and chat polls
            route!(
                GET,
                "/api/sessions/{id}/game-selection",
                polls::get_selection
            ),
            route!(
                POST,
                "/api/sessions/{id}/game-selection",
                polls::set_selection
            ),
            route!(
                DELETE,
                "/api/sessions/{id}/game-selection",
                polls::dismiss_selection
            ),
            route!(POST, "/api/sessions/{id}/polls", polls::open),
            route!(GET, "/api/sessions/{id}/polls", polls::list),
            route!(GET, "/api/sessions/{id}/polls/current", polls::current),
            route!(DELETE, "/api/sessions/{id}/polls/current", polls::cancel),
            route!(GET, "/api/sessions/{id}/polls/{pollId}", polls::get),
            route!(POST, "/api/sessions/{id}/polls/current/votes", polls::vote),
            route!(POST, "/api/sessions/{id}/polls/current/close", polls::close),
            // The original's poll routes (`docs/polls.md`, "Countdown").
            route!(POST, "/api/sessions/{id}/voting/start", polls::open),
            route!(POST, "/api/sessions/{id}/voting/end", polls::voting_end),
            route!(
                POST,
                "/api/sessions/{id}/voting/cancel-end",
                polls::voting_cancel_end
            ),
            route!(GET, "/api/sessions/{id}/votes", votes::session_totals),
            route!(POST, "/api/votes/live", votes::live),
            route!(GET, "/api/chat/sources", chat::list),
            route!(PUT, "/api/chat/sources", chat::put),
            route!(GET, "/api/votes", votes::history),
        ]
    })
}

/// What the path matched.
enum Match {
    Route(&'static Route, Vec<String>),
    /// The path exists, not with this method: the methods it allows.
    WrongMethod(Vec<Method>),
    NotFound,
}

fn find(method: &Method, path: &str) -> Match {
    // `/api/sessions/` is `/api/sessions`.
    let path = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p,
        _ => path,
    };
    // HEAD is GET without the body (hyper drops the body of HEAD responses).
    let method = if method == Method::HEAD {
        &Method::GET
    } else {
        method
    };
    // A path with only literal segments is matched exactly, without walking the table: a
    // literal template always beats one with parameters, so nothing else could win.
    if let Some(same) = literal_routes().get(path) {
        return match same.iter().find(|r| r.method == *method) {
            Some(r) => Match::Route(r, Vec::new()),
            None => Match::WrongMethod(same.iter().map(|r| r.method.clone()).collect()),
        };
    }
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    // The best template: at the first segment where two matching templates differ, a
    // literal beats a parameter (`/api/sessions/active` is never a session ID).
    let mut best: Option<&'static [Segment]> = None;
    for r in routes() {
        if r.segments.len() != parts.len()
            || !r.segments.iter().zip(&parts).all(|(s, p)| match s {
                Segment::Literal(l) => l == p,
                Segment::Param => !p.is_empty(),
            })
        {
            continue;
        }
        best = match best {
            None => Some(&r.segments),
            Some(b) => Some(if more_specific(&r.segments, b) {
                &r.segments
            } else {
                b
            }),
        };
    }
    let Some(best) = best else {
        return Match::NotFound;
    };
    let same: Vec<&'static Route> = routes().iter().filter(|r| r.segments == best).collect();
    match same.iter().find(|r| r.method == *method) {
        Some(r) => {
            let params = r
                .segments
                .iter()
                .zip(&parts)
                .filter(|(s, _)| **s == Segment::Param)
                .map(|(_, p)| decode(p))
                .collect();
            Match::Route(r, params)
        }
        None => Match::WrongMethod(same.iter().map(|r| r.method.clone()).collect()),
    }
}

/// The routes without parameters, by path (the hot ones: `/api/sessions/active`, …).
fn literal_routes() -> &'static FxHashMap<&'static str, Vec<&'static Route>> {
    static LITERAL: OnceLock<FxHashMap<&'static str, Vec<&'static Route>>> = OnceLock::new();
    LITERAL.get_or_init(|| {
        let mut map: FxHashMap<&'static str, Vec<&'static Route>> = FxHashMap::default();
        for r in routes() {
            if r.segments.iter().all(|s| matches!(s, Segment::Literal(_))) {
                map.entry(r.path).or_default().push(r);
            }
        }
        map
    })
}

fn more_specific(a: &[Segment], b: &[Segment]) -> bool {
    for (x, y) in a.iter().zip(b) {
        match (x, y) {
            (Segment::Literal(_), Segment::Param) => return true,
            (Segment::Param, Segment::Literal(_)) => return false,
            _ => {}
        }
    }
    false
}

fn decode(segment: &str) -> String {
    urlencoding::decode(segment)
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| segment.to_string())
}

/// The hottest reads answered before the request is routed (P1): a `GET` (or `HEAD`) of
/// `/api/sessions/active` whose answer is in memory and still current. No request wrapper,
/// no route lookup, no handler future: the answer [`handle`] would give, with the same
/// finishing touches and access-log line. `None` (not such a request, not in memory, a head
/// over the limits, an `Origin` to check) sends the request to [`handle`], which computes
/// the answer and keeps it for the next one.
pub fn answer_now(app: &App, req: &Request<Incoming>, peer: SocketAddr) -> Option<Resp> {
    let (method, uri, headers) = (req.method(), req.uri(), req.headers());
    if *method != Method::GET && *method != Method::HEAD {
        return None;
    }
    let answer: fn(&App) -> Option<Resp> = match uri.path() {
        "/api/sessions/active" => sessions::active_now,
        _ => return None,
    };
    if headers.contains_key(hyper::header::ORIGIN) || http::head_too_large(method, uri, headers) {
        return None;
    }
    let started = std::time::Instant::now();
    // A panic here costs nothing but the shortcut: `handle` then answers (a 500 if it
    // panics again).
    let mut resp =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| answer(app))).ok()??;
    if headers.contains_key(hyper::header::AUTHORIZATION) {
        no_store(&mut resp);
    }
    log(method, uri.path(), &resp, started, peer);
    Some(resp)
}

/// Entry point of every request.
pub async fn handle(app: Arc<App>, req: Request<Incoming>, peer: SocketAddr) -> Resp {
    let started = std::time::Instant::now();
    let (parts, body) = req.into_parts();
    let method = parts.method.clone();
    // The path for the log, after `parts` went to the handler (a reference count, no copy).
    let uri = parts.uri.clone();
    let path = uri.path();
    let allowed_origin = parts
        .headers
        .get(hyper::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| cors_allows(&app, o))
        .and_then(|o| HeaderValue::from_str(o).ok());
    let authenticated = parts.headers.contains_key(hyper::header::AUTHORIZATION);

    let mut resp = match find(&method, path) {
        // hyper refuses heads beyond twice these limits with an empty 431; between the limit
        // and that backstop the client gets the JSON error every other error has.
        _ if http::head_too_large(&parts.method, &parts.uri, &parts.headers) => {
            let mut r = http::error(&Error::new(
                crate::ErrorKind::HeadTooLarge,
                "Request header fields too large",
            ));
            r.headers_mut().insert(
                hyper::header::CONNECTION,
                hyper::header::HeaderValue::from_static("close"),
            );
            r
        }
        Match::Route(..) if refuses_origin(&app, &method, &parts.headers) => {
            http::error(&Error::new(ErrorKind::Forbidden, ORIGIN_NOT_ALLOWED))
        }
        Match::Route(route, params) => {
            let req = Req {
                parts,
                body: Some(body),
                params,
                peer,
            };
            // A bug in a handler must cost one 500, not the connection or the process.
            match guarded(&app, &method, route.handler, req).await {
                None => {
                    tracing::warn!(%method, %path, "request stopped by shutdown");
                    let mut r =
                        http::error(&Error::new(ErrorKind::Unavailable, "Server shutting down"));
                    r.headers_mut()
                        .insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
                    r
                }
                Some(Ok(Ok(resp))) => resp,
                Some(Ok(Err(e))) => http::error(&e),
                Some(Err(_)) => {
                    tracing::error!(%method, %path, "handler panicked");
                    http::error(&Error::storage("Internal server error"))
                }
            }
        }
        Match::WrongMethod(allowed) => {
            if method == Method::OPTIONS && allowed_origin.is_some() {
                preflight(&allowed)
            } else {
                method_not_allowed(&allowed)
            }
        }
        // The console, the overlay and their files live outside the API's route table.
        Match::NotFound => super::web::respond(&method, path, &parts.headers)
            .unwrap_or_else(|| http::error(&Error::not_found("Not found"))),
    };
    if authenticated {
        no_store(&mut resp);
    }
    if let Some(origin) = allowed_origin {
        let h = resp.headers_mut();
        h.insert(hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.append(hyper::header::VARY, HeaderValue::from_static("Origin"));
        h.insert(
            hyper::header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Content-Disposition, X-Total-Count, X-Absolute-Total"),
        );
    }
    log(&method, path, &resp, started, peer);
    resp
}

/// An answer made for one token (tokens, audit, webhook secrets) must not be kept by a
/// browser or a proxy for the next user of the machine.
fn no_store(resp: &mut Resp) {
    resp.headers_mut().insert(
        hyper::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
}

/// The access-log line of a request (`JACKBOX_LOG=debug`).
fn log(method: &Method, path: &str, resp: &Resp, started: std::time::Instant, peer: SocketAddr) {
    tracing::debug!(
        %method, %path, status = resp.status().as_u16(),
        micros = started.elapsed().as_micros() as u64, %peer, "request"
    );
}

/// Runs `handler` under the per-request guards: its panics caught, and at shutdown's
/// deadline abandoned (`None`: answer 503 now rather than be cut off without a word).
///
/// Both guards cost nothing for the answers that are ready at once (P1: the active session
/// from memory): the shutdown watch is subscribed only once the handler has to wait, and
/// only requests that may write get their actor slot (`auth::ACTOR`, filled by
/// `require_admin`, read by `Db::write` for the audit rows) — reads record no actor.
async fn guarded(
    app: &Arc<App>,
    method: &Method,
    handler: Handler,
    req: Req,
) -> Option<std::thread::Result<Result<Resp>>> {
    use std::task::Poll;
    let fut = handler(app.clone(), req);
    let fut: HandlerFuture = if method == Method::GET || method == Method::HEAD {
        fut
    } else {
        Box::pin(auth::ACTOR.scope(std::cell::RefCell::new(None), fut))
    };
    let mut fut = std::pin::pin!(futures_util::FutureExt::catch_unwind(
        std::panic::AssertUnwindSafe(fut)
    ));
    let first = std::future::poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx))).await;
    if let Poll::Ready(out) = first {
        return Some(out);
    }
    let mut hard_stop = app.hard_stop.subscribe();
    tokio::select! {
        biased;
        r = fut.as_mut() => Some(r),
        _ = hard_stop.wait_for(|stop| *stop) => None,
    }
}

fn allow_header(allowed: &[Method]) -> HeaderValue {
    let list = allowed
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    HeaderValue::from_str(&list).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `405` with the `Allow` header listing `allowed`.
pub fn method_not_allowed(allowed: &[Method]) -> Resp {
    let mut resp = http::error(&Error::new(
        ErrorKind::MethodNotAllowed,
        "Method not allowed",
    ));
    resp.headers_mut().insert(ALLOW, allow_header(allowed));
    resp
}

fn cors_allows(app: &App, origin: &str) -> bool {
    app.config
        .cors_origins
        .iter()
        .any(|o| o == "*" || o.trim_end_matches('/') == origin)
}

/// The `403` of a state-changing request sent by a page of another origin.
pub const ORIGIN_NOT_ALLOWED: &str = "Origin not allowed";

/// Whether a state-changing request (anything but GET, HEAD, OPTIONS) comes from a web page
/// whose origin may not write: its `Origin` is present and is neither the daemon's own (the
/// console and overlay, same-origin) nor one of `--cors-origin`. Browsers always send
/// `Origin` on such requests, so a page elsewhere cannot post even a body CORS lets through
/// without a preflight; clients that are not browsers send none and are unaffected.
fn refuses_origin(app: &App, method: &Method, headers: &hyper::HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let Some(origin) = headers.get(hyper::header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let own = headers
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|host| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                .is_some_and(|o| o.eq_ignore_ascii_case(host))
        });
    !own && !cors_allows(app, origin)
}

/// The answer to a CORS preflight of an allowed origin.
fn preflight(allowed: &[Method]) -> Resp {
    let mut resp = http::bytes_response(204, "text/plain", bytes::Bytes::new());
    resp.headers_mut().remove(hyper::header::CONTENT_TYPE);
    let h = resp.headers_mut();
    h.insert(
        hyper::header::ACCESS_CONTROL_ALLOW_METHODS,
        allow_header(allowed),
    );
    h.insert(
        hyper::header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Authorization, Content-Type"),
    );
    h.insert(
        hyper::header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    h.insert(ALLOW, allow_header(allowed));
    resp
}

async fn health(_app: Arc<App>, _req: Req) -> Result<Resp> {
    http::ok(&serde_json::json!({
        "status": "ok",
        "message": "Jackbox Game Picker API is running",
        "version": crate::VERSION,
    }))
}

/// The OpenAPI document, kept next to the code.
pub const OPENAPI: &str = include_str!("openapi.json");

async fn openapi(_app: Arc<App>, _req: Req) -> Result<Resp> {
    Ok(http::bytes_response(200, "application/json", OPENAPI))
}
