//! HTTP plumbing shared by every handler: the request wrapper, reading JSON bodies with a
//! size limit, typed field access with the spec's messages, path IDs, query strings, and
//! building responses (JSON, errors, attachments).

use crate::core::input::{Least, Raw, Wording};
use crate::{Error, ErrorKind, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use serde::Serialize;
use serde_json::{Map, Value};
use std::net::SocketAddr;

/// The response type of every handler.
pub type Resp = Response<Full<Bytes>>;

/// A routed request: its head, its (unread) body, the `{…}` path parameters in order, and
/// the client address.
pub struct Req {
    pub parts: hyper::http::request::Parts,
    pub body: Option<Incoming>,
    pub params: Vec<String>,
    pub peer: SocketAddr,
}

impl Req {
    /// The path parameter at `index` (in template order).
    pub fn param(&self, index: usize) -> &str {
        self.params.get(index).map(String::as_str).unwrap_or("")
    }

    /// A positive-integer path ID; `message` (e.g. `Invalid session ID`) otherwise.
    pub fn id(&self, index: usize, message: &str) -> Result<i64> {
        parse_id(self.param(index), message)
    }

    /// The decoded query string as (name, value) pairs, in order.
    pub fn query(&self) -> Query {
        Query::parse(self.parts.uri.query().unwrap_or(""))
    }

    /// A request header as text (absent or not UTF-8 → `None`).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.parts.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Reads the whole body, refusing more than `limit` bytes with 413.
    ///
    /// A `Content-Length` over `limit` is refused before any of the body is read (with
    /// `Expect: 100-continue` the client is never asked to send it); a chunked body is
    /// counted while it arrives and refused at the first byte over `limit`. Nothing more is
    /// read: the `413` closes the connection, and what the client still sends is discarded
    /// for a moment after the answer (`serve::linger`), never buffered.
    pub async fn bytes(&mut self, limit: usize) -> Result<Bytes> {
        let too_large = || Error::new(ErrorKind::TooLarge, "Request body too large");
        let declared = self
            .parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let Some(mut body) = self.body.take() else {
            return Ok(Bytes::new());
        };
        if declared.is_some_and(|len| len > limit as u64) {
            return Err(too_large());
        }
        let mut buf = bytes::BytesMut::new();
        // A client that stops sending mid-body would otherwise hold the connection (and
        // this task) forever, and one that trickles a byte now and then would hold it for
        // as long as it likes (S5): each chunk must arrive within BODY_IDLE_TIMEOUT, and the
        // whole body within `body_deadline` of the size it may have.
        let expected = declared.map_or(limit, |len| len as usize).min(limit);
        let deadline = tokio::time::Instant::now() + body_deadline(expected);
        let timed_out = || Error::new(ErrorKind::Timeout, "Request body not received in time");
        loop {
            let next = tokio::time::timeout(BODY_IDLE_TIMEOUT, body.frame());
            let frame = match tokio::time::timeout_at(deadline, next).await {
                Ok(Ok(Some(frame))) => frame,
                Ok(Ok(None)) => break,
                Ok(Err(_)) | Err(_) => return Err(timed_out()),
            };
            let Ok(frame) = frame else {
                return Err(Error::invalid("Could not read the request body"));
            };
            if let Ok(data) = frame.into_data() {
                if buf.len() + data.len() > limit {
                    return Err(too_large());
                }
                buf.extend_from_slice(&data);
            }
        }
        Ok(buf.freeze())
    }

    /// Whether the request declares a body (a `Content-Length` above 0, or chunked).
    pub fn has_body(&self) -> bool {
        let h = &self.parts.headers;
        if h.contains_key(hyper::header::TRANSFER_ENCODING) {
            return true;
        }
        h.get(CONTENT_LENGTH).is_some_and(|v| v.as_bytes() != b"0")
    }

    /// A request with a body must say `Content-Type: application/json` (parameters such as
    /// `charset` allowed), else `415`: a browser sends a cross-origin body of another type
    /// (`text/plain`) without a CORS preflight, so a web page could otherwise post to the
    /// API (log in with wrong keys until the host is throttled, pick, vote).
    pub fn require_json_type(&self) -> Result<()> {
        if !self.has_body() {
            return Ok(());
        }
        let essence = self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        if essence.as_deref() == Some("application/json") {
            return Ok(());
        }
        Err(unsupported_media_type())
    }

    /// Reads a JSON object body (at most `limit` bytes). A missing or empty body is `{}`;
    /// a body not labelled `application/json` is refused unread (see
    /// [`Req::require_json_type`]).
    pub async fn json_limit(&mut self, limit: usize) -> Result<Body> {
        self.require_json_type()?;
        let raw = self.bytes(limit).await?;
        // Some Windows tools start UTF-8 with a byte-order mark; JSON parsers of other
        // servers (Express) skip it, so do we.
        let bytes = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&raw);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(Map::new()));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            _ => Err(invalid_json()),
        }
    }

    /// Reads a JSON object body with the default 1 MiB limit.
    pub async fn json(&mut self, app: &super::App) -> Result<Body> {
        self.json_limit(app.config.body_limit).await
    }
}

/// Largest request head (request line + headers) answered normally (S5).
pub const MAX_HEAD_BYTES: usize = 32 * 1024;
/// Most header fields in a request answered normally (S5).
pub const MAX_HEADERS: usize = 100;

/// Whether a request head is over [`MAX_HEAD_BYTES`] or [`MAX_HEADERS`].
pub fn head_too_large(
    method: &hyper::Method,
    uri: &hyper::Uri,
    headers: &hyper::HeaderMap,
) -> bool {
    if headers.len() > MAX_HEADERS {
        return true;
    }
    let size = method.as_str().len()
        + written_len(uri)
        + headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 4)
            .sum::<usize>();
    size > MAX_HEAD_BYTES
}

/// The length of `uri` as written (`scheme://authority/path?query`), without writing it.
fn written_len(uri: &hyper::Uri) -> usize {
    uri.scheme_str().map_or(0, |s| s.len() + 3)
        + uri.authority().map_or(0, |a| a.as_str().len())
        + uri.path().len()
        + uri.query().map_or(0, |q| q.len() + 1)
}

/// The longest pause allowed between two chunks of a request body.
pub const BODY_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Every body gets this long, plus the time its size takes at [`MIN_BODY_RATE`].
pub const BODY_BASE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);
/// The slowest upload rate a large body (a chat import) is waited for, in bytes per second.
pub const MIN_BODY_RATE: usize = 256 * 1024;

/// How long a body of up to `size` bytes may take to arrive in full.
pub fn body_deadline(size: usize) -> std::time::Duration {
    BODY_BASE_DEADLINE + std::time::Duration::from_secs((size / MIN_BODY_RATE) as u64)
}

/// The `415` of a JSON route given a body of another type.
pub const UNSUPPORTED_MEDIA_TYPE: &str = "Content-Type must be application/json";

pub fn unsupported_media_type() -> Error {
    Error::new(ErrorKind::UnsupportedMediaType, UNSUPPORTED_MEDIA_TYPE)
}

pub fn invalid_json() -> Error {
    Error::invalid("Invalid JSON body")
}

/// `"5"` → 5; anything but a positive integer (including `0`, `-1`, `1.5`, `+5`) → `message`.
/// A positive integer too large for any row (`99999999999999999999`) is well-formed, so it
/// reads as `i64::MAX` and ends in the resource's 404, not in 400.
pub fn parse_id(text: &str, message: &str) -> Result<i64> {
    match parse_digits(text) {
        Some(n) if n > 0 => Ok(n),
        _ => Err(Error::invalid(message)),
    }
}

pub use crate::core::input::parse_digits;

/// A JSON object request body, with typed accessors whose errors name the field.
#[derive(Debug, Default)]
pub struct Body(pub Map<String, Value>);

impl Body {
    /// The raw value, `null` counting as absent.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    /// An optional string; another type → `message`.
    pub fn opt_str_or(&self, name: &str, message: &str) -> Result<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::invalid(message)),
        }
    }

    /// An optional boolean (JSON `true`/`false`, or `0`/`1`); else `{name} must be a boolean`.
    pub fn opt_bool(&self, name: &str) -> Result<Option<bool>> {
        crate::core::input::opt_bool(self.0.get(name), name)
    }

    /// An optional JSON integer; another type (string, float, bool) → `message`.
    pub fn opt_int_or(&self, name: &str, message: &str) -> Result<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.as_i64().map(Some).ok_or_else(|| Error::invalid(message)),
        }
    }
}

/// A decoded query string.
#[derive(Debug, Default)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    pub fn parse(raw: &str) -> Query {
        let decode = |s: &str| {
            let s = s.replace('+', " ");
            urlencoding::decode(&s).map(|c| c.into_owned()).unwrap_or(s)
        };
        Query(
            raw.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| match p.split_once('=') {
                    Some((k, v)) => (decode(k), decode(v)),
                    None => (decode(p), String::new()),
                })
                .collect(),
        )
    }

    /// The last value of `name`; an empty value (`?limit=`) counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// An optional count (`limit`, `offset`, …), read by the core's one reader of counts
    /// ([`Raw::count`](crate::core::input::Raw::count)), refused with the route's message.
    pub fn count(&self, name: &str, least: Least, wording: Wording) -> Result<Option<i64>> {
        self.get(name)
            .map(|v| Raw::Text(v).count(name, least, wording))
            .transpose()
    }

    /// An optional `true`/`false`; else `{name} must be true or false`.
    pub fn boolean(&self, name: &str) -> Result<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(Error::invalid(format!("{name} must be true or false"))),
        }
    }
}

/// A JSON response.
pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Resp {
    match serde_json::to_vec(value) {
        Ok(body) => bytes_response(status, "application/json", body),
        Err(e) => error(&Error::storage(format!("cannot encode the response: {e}"))),
    }
}

/// `200` JSON.
pub fn ok<T: Serialize + ?Sized>(value: &T) -> Result<Resp> {
    Ok(json(200, value))
}

/// A response with the given content type.
pub fn bytes_response(status: u16, content_type: &str, body: impl Into<Bytes>) -> Resp {
    let mut resp = Response::new(Full::new(body.into()));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(CONTENT_TYPE, v);
    }
    resp
}

/// A JSON body already encoded (a cached answer): no header parsing on the hot path.
pub fn json_bytes(status: u16, body: Bytes) -> Resp {
    let mut resp = Response::new(Full::new(body));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// The error response: the kind's status and `{ "error": …, …extra }`.
pub fn error(e: &Error) -> Resp {
    if e.kind == ErrorKind::Storage {
        // The details may name files; the log has them, the client gets the message.
        tracing::error!(error = %e.message, "request failed");
    }
    let body = serde_json::to_vec(&e.to_json()).unwrap_or_else(|_| b"{}".to_vec());
    let mut resp = bytes_response(e.http_status(), "application/json", body);
    if e.kind == ErrorKind::TooMany {
        // The login throttle forgets a failure after its window: tell clients when to retry.
        if let Ok(v) = HeaderValue::from_str(&super::throttle::WINDOW.as_secs().to_string()) {
            resp.headers_mut().insert(hyper::header::RETRY_AFTER, v);
        }
    }
    if matches!(
        e.kind,
        ErrorKind::Timeout | ErrorKind::TooLarge | ErrorKind::UnsupportedMediaType
    ) {
        // The rest of the body may still come (or was never read): this connection cannot
        // carry another request, and closing it frees its read buffer at once (point 5).
        resp.headers_mut()
            .insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_lengths_are_those_written() {
        for text in [
            "/",
            "/api/sessions/active",
            "/api/sessions?filter=active&limit=5",
            "/a?",
            "*",
            "http://127.0.0.1:8080/api/games?x=1",
            "https://example.com",
            "127.0.0.1:8080",
        ] {
            let uri: hyper::Uri = text.parse().unwrap();
            assert_eq!(written_len(&uri), uri.to_string().len(), "{text}");
        }
    }

    #[test]
    fn ids() {
        assert_eq!(parse_id("5", "x").unwrap(), 5);
        for bad in ["", "0", "000", "-1", "abc", "1.5", "+5", " 5", "5 "] {
            assert!(parse_id(bad, "x").is_err(), "{bad}");
        }
        // Well-formed but beyond any row: saturates, so the lookup answers 404.
        assert_eq!(parse_id("99999999999999999999", "x").unwrap(), i64::MAX);
    }

    #[test]
    fn query() {
        let q = Query::parse("a=1&b=x+y&pack=A%20B&pack=C&flag");
        assert_eq!(q.get("a"), Some("1"));
        assert_eq!(q.get("b"), Some("x y"));
        assert_eq!(q.all("pack"), vec!["A B", "C"]);
        assert_eq!(q.get("flag"), None);
    }
}
