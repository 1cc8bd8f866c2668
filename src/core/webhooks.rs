//! The webhook registry (create/list/get/update/delete, logs) and the bookkeeping of
//! deliveries: which are due, and recording each attempt with its retry schedule.
//!
//! The HTTP sending itself lives in `crate::webhooks` (async, reqwest); everything here is
//! synchronous database work shared by the daemon's sender, `jackbox webhook flush` and
//! `jackbox webhook test`. The secret is write-only: no type here that is serialized carries
//! it.

use crate::core::audit::{self, Action};
use crate::core::events::{Event, WebhookTest, Wire, WEBHOOK_EVENTS};
use crate::core::model::Message;
use crate::core::vocab::{DeliveryState, WebhookFormat};
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Duration;

/// The webhook object of the API (`enabled` is a JSON boolean here, on purpose).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Webhook {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    pub created_at: String,
    /// `json` (signed event) or `discord` (a Discord webhook message).
    pub format: WebhookFormat,
}

/// One logged delivery attempt, newest first in `logs`.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub id: i64,
    pub webhook_id: i64,
    pub event_type: String,
    /// The body that was sent, as JSON (the raw text if it somehow is not JSON).
    pub payload: Value,
    pub response_status: Option<i64>,
    pub error_message: Option<String>,
    pub attempt: i64,
    pub created_at: String,
}

/// Fields of a new webhook, all required.
#[derive(Debug, Clone)]
pub struct NewWebhook {
    pub name: String,
    pub url: String,
    /// Not needed (empty) for a Discord webhook: its URL is its secret.
    pub secret: String,
    pub events: Vec<String>,
    pub format: WebhookFormat,
}

/// A partial update: `None` leaves the field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookPatch {
    pub name: Option<String>,
    pub url: Option<String>,
    pub secret: Option<String>,
    pub events: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

pub fn webhook_not_found() -> Error {
    Error::not_found("Webhook not found")
}

fn validate_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid("name is required"));
    }
    Ok(())
}

fn validate_url(url: &str) -> Result<()> {
    if url.trim().is_empty() {
        return Err(Error::invalid("url is required"));
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(char::is_whitespace) => {}
        _ => {
            return Err(Error::invalid(
                "url must be a valid http:// or https:// URL",
            ))
        }
    }
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|_| Error::invalid("url must be a valid http:// or https:// URL"))?;
    match check_host(&parsed, address_policy()) {
        Ok(()) => Ok(()),
        Err(reason) => Err(Error::invalid(format!("url {reason}"))),
    }
}

/// Which receiver addresses besides public ones a webhook may be sent to
/// (`JACKBOX_WEBHOOK_ALLOW_PRIVATE`): unset, loopback only (a relay on the daemon's own
/// machine is common, and the host's loopback is the host's); `1`/`true`/`yes`/`on`, private
/// ranges too (an explicit opt-in: any admin could otherwise reach every machine of the
/// LAN); `0`/`false`/`no`/`off`, neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressPolicy {
    pub loopback: bool,
    pub private: bool,
}

impl Default for AddressPolicy {
    fn default() -> Self {
        AddressPolicy {
            loopback: true,
            private: false,
        }
    }
}

/// The policy of this process's environment (see [`AddressPolicy`]).
pub fn address_policy() -> AddressPolicy {
    let value = std::env::var("JACKBOX_WEBHOOK_ALLOW_PRIVATE").unwrap_or_default();
    match value.trim().to_ascii_lowercase().as_str() {
        "0" | "false" | "no" | "off" => AddressPolicy {
            loopback: false,
            private: false,
        },
        "1" | "true" | "yes" | "on" => AddressPolicy {
            loopback: true,
            private: true,
        },
        _ => AddressPolicy::default(),
    }
}

/// Host names of cloud metadata services, refused like their addresses.
const METADATA_HOSTS: &[&str] = &["metadata.google.internal", "metadata", "instance-data"];

/// Checks a receiver URL's host when it is an address (or a known metadata name); names are
/// checked again on each delivery, after resolving ([`forbidden_address`]).
pub fn check_host(url: &reqwest::Url, policy: AddressPolicy) -> std::result::Result<(), String> {
    let Some(host) = url.host_str() else {
        return Err("must name a host".into());
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
        return match forbidden_address(ip, policy) {
            Some(why) => Err(format!("must not point to {why}")),
            None => Ok(()),
        };
    }
    let name = bare.trim_end_matches('.').to_ascii_lowercase();
    if METADATA_HOSTS.contains(&name.as_str()) {
        return Err("must not point to a cloud metadata address".into());
    }
    Ok(())
}

/// Why a webhook may not be sent to `ip`, if it may not: link-local and cloud metadata
/// addresses (and unspecified, multicast, broadcast) always; loopback and private ranges as
/// `policy` says. An IPv6 address that carries an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
/// IPv4-compatible `::a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::/96` and
/// `64:ff9b:1::/48`, 6to4 `2002::/16`, Teredo `2001::/32` with its server and client) is
/// judged by every IPv4 address it carries too, so `[::169.254.169.254]` is the metadata
/// address it reaches. A webhook URL must not become a way to probe the daemon's host or
/// network.
pub fn forbidden_address(ip: std::net::IpAddr, policy: AddressPolicy) -> Option<&'static str> {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4, policy),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if (s[0] & 0xffc0) == 0xfe80 || s == [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254] {
                return Some(LINK_LOCAL);
            }
            if v6.is_unspecified() || v6.is_multicast() {
                return Some(UNROUTABLE);
            }
            if v6.is_loopback() {
                return (!policy.loopback).then(|| private_reason(policy));
            }
            if let Some(why) = embedded_v4(&v6)
                .into_iter()
                .find_map(|v4| forbidden_v4(v4, policy))
            {
                return Some(why);
            }
            // Unique local (fc00::/7) and the deprecated site-local (fec0::/10).
            let private = (s[0] & 0xfe00) == 0xfc00 || (s[0] & 0xffc0) == 0xfec0;
            (private && !policy.private).then(|| private_reason(policy))
        }
    }
}

const LINK_LOCAL: &str = "a link-local or cloud metadata address";
const UNROUTABLE: &str = "an unspecified, multicast or broadcast address";

/// The reason a loopback or private address is refused under `policy`.
fn private_reason(policy: AddressPolicy) -> &'static str {
    if policy.loopback {
        "a private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=1 allows it)"
    } else {
        "a loopback or private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=0)"
    }
}

fn forbidden_v4(v4: std::net::Ipv4Addr, policy: AddressPolicy) -> Option<&'static str> {
    let o = v4.octets();
    if v4.is_link_local() || o == [100, 100, 100, 200] || o == [192, 0, 0, 192] {
        Some(LINK_LOCAL)
    } else if o[0] == 0 || v4.is_multicast() || v4.is_broadcast() {
        Some(UNROUTABLE)
    } else if v4.is_loopback() {
        (!policy.loopback).then(|| private_reason(policy))
    } else if v4.is_private() || (o[0] == 100 && (64..128).contains(&o[1])) {
        (!policy.private).then(|| private_reason(policy))
    } else {
        None
    }
}

/// The IPv4 addresses an IPv6 address carries (see [`forbidden_address`]); several when the
/// form is ambiguous (a `64:ff9b:1::/48` prefix may be used at several lengths; Teredo carries
/// a server and a client).
fn embedded_v4(v6: &std::net::Ipv6Addr) -> Vec<std::net::Ipv4Addr> {
    use std::net::Ipv4Addr;
    let b = v6.octets();
    let s = v6.segments();
    let tail = Ipv4Addr::new(b[12], b[13], b[14], b[15]);
    let mut out = Vec::new();
    if s[..5] == [0, 0, 0, 0, 0] && (s[5] == 0 || s[5] == 0xffff) {
        // Compatible (::a.b.c.d) and mapped (::ffff:a.b.c.d).
        out.push(tail);
    } else if s[..4] == [0, 0, 0, 0] && s[4] == 0xffff && s[5] == 0 {
        // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765).
        out.push(tail);
    } else if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        // NAT64 well-known prefix (RFC 6052).
        out.push(tail);
    } else if s[..3] == [0x64, 0xff9b, 1] {
        // NAT64 local-use prefix (RFC 8215): /96 (last 32 bits) or /48 (bits 48–63 and
        // 72–87, around the `u` octet), the two layouts in use.
        // (A layout whose bits are all zero is the other one's padding, not an address.)
        let split = Ipv4Addr::new(b[6], b[7], b[9], b[10]);
        out.extend([tail, split].into_iter().filter(|a| !a.is_unspecified()));
        if out.is_empty() {
            out.push(tail);
        }
    } else if s[0] == 0x2002 {
        // 6to4 (RFC 3056).
        out.push(Ipv4Addr::new(b[2], b[3], b[4], b[5]));
    } else if s[..2] == [0x2001, 0] {
        // Teredo (RFC 4380): the server, and the client (stored inverted).
        out.push(Ipv4Addr::new(b[4], b[5], b[6], b[7]));
        out.push(Ipv4Addr::new(!b[12], !b[13], !b[14], !b[15]));
    }
    out
}

/// The scheme and host of a receiver URL: what the audit log keeps of it (paths and queries
/// of webhook URLs often hold a token, and user-info a password).
fn url_origin(url: &str) -> String {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    format!("{scheme}://{host}")
}

fn validate_secret(secret: &str) -> Result<()> {
    if secret.is_empty() {
        return Err(Error::invalid("secret is required"));
    }
    Ok(())
}

/// Non-empty, every name known; duplicates are dropped (first occurrence kept).
fn validate_events(events: &[String]) -> Result<Vec<String>> {
    if events.is_empty() {
        return Err(Error::invalid(
            "events must be a non-empty array of event names",
        ));
    }
    let mut out: Vec<String> = Vec::with_capacity(events.len());
    for e in events {
        if !WEBHOOK_EVENTS.contains(&e.as_str()) {
            return Err(Error::invalid(format!(
                "events contains an unknown event: {e} (known: {})",
                WEBHOOK_EVENTS.join(", ")
            )));
        }
        if !out.contains(e) {
            out.push(e.clone());
        }
    }
    Ok(out)
}

/// Reads a create body (`{ name, url, secret, events }`), naming the field on error.
pub fn parse_new(body: &Value) -> Result<NewWebhook> {
    let obj = body
        .as_object()
        .ok_or_else(|| Error::invalid("Request body must be a JSON object"))?;
    let text = |field: &str| -> Result<String> {
        match obj.get(field) {
            None | Some(Value::Null) => Err(Error::invalid(format!("{field} is required"))),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(Error::invalid(format!("{field} must be a string"))),
        }
    };
    let name = text("name")?;
    let url = text("url")?;
    let format = match obj.get("format") {
        None | Some(Value::Null) => WebhookFormat::Json,
        Some(Value::String(f)) => f.parse()?,
        Some(_) => return Err(Error::invalid(WebhookFormat::INVALID)),
    };
    let secret = match (format, obj.get("secret")) {
        (WebhookFormat::Discord, None | Some(Value::Null)) => String::new(),
        _ => text("secret")?,
    };
    let events = match obj.get("events") {
        None | Some(Value::Null) => return Err(Error::invalid("events is required")),
        Some(v) => event_list(v)?,
    };
    Ok(NewWebhook {
        name,
        url,
        secret,
        events,
        format,
    })
}

/// Reads a PATCH body: any of `name`, `url`, `secret`, `events`, `enabled`.
pub fn parse_patch(body: &Value) -> Result<WebhookPatch> {
    let obj = body
        .as_object()
        .ok_or_else(|| Error::invalid("Request body must be a JSON object"))?;
    let text = |field: &str| -> Result<Option<String>> {
        match obj.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::invalid(format!("{field} must be a string"))),
        }
    };
    let enabled = match obj.get("enabled") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::Number(n)) if n.as_i64() == Some(0) || n.as_i64() == Some(1) => {
            Some(n.as_i64() == Some(1))
        }
        Some(_) => return Err(Error::invalid("enabled must be a boolean")),
    };
    Ok(WebhookPatch {
        name: text("name")?,
        url: text("url")?,
        secret: text("secret")?,
        events: obj.get("events").map(event_list).transpose()?,
        enabled,
    })
}

fn event_list(v: &Value) -> Result<Vec<String>> {
    let bad = || Error::invalid("events must be a non-empty array of event names");
    let arr = v.as_array().ok_or_else(bad)?;
    arr.iter()
        .map(|e| e.as_str().map(str::to_string).ok_or_else(bad))
        .collect()
}

const COLUMNS: &str = "id, name, url, events, enabled, created_at, format";

fn from_row(r: &Row) -> rusqlite::Result<Webhook> {
    let events: String = r.get(3)?;
    Ok(Webhook {
        id: r.get(0)?,
        name: r.get(1)?,
        url: r.get(2)?,
        events: serde_json::from_str(&events).unwrap_or_default(),
        enabled: r.get::<_, i64>(4)? == 1,
        created_at: r.get(5)?,
        format: r.get(6)?,
    })
}

/// All webhooks, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Webhook>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM webhooks ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Webhook> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM webhooks WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(webhook_not_found)
}

pub fn create(conn: &mut Connection, new: &NewWebhook) -> Result<Webhook> {
    validate_name(&new.name)?;
    validate_url(&new.url)?;
    if new.format == WebhookFormat::Json {
        validate_secret(&new.secret)?;
    }
    let events = validate_events(&new.events)?;
    let events_json = serde_json::to_string(&events)?;
    let now = crate::time::now();
    let id = store::write(conn, |tx| {
        tx.prepare_cached(
            "INSERT INTO webhooks (name, url, secret, events, enabled, created_at, format)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
        )?
        .execute(rusqlite::params![
            new.name.trim(),
            new.url.trim(),
            new.secret,
            events_json,
            now,
            new.format
        ])?;
        let id = tx.last_insert_rowid();
        audit::record(
            tx,
            Action::WebhookCreate,
            Some(format!("webhook:{id}")),
            json!({ "name": new.name.trim(), "url": url_origin(&new.url), "events": events,
                    "format": new.format }),
        )?;
        Ok(id)
    })?;
    get(conn, id)
}

pub fn update(conn: &mut Connection, id: i64, patch: &WebhookPatch) -> Result<Webhook> {
    if let Some(name) = &patch.name {
        validate_name(name)?;
    }
    if let Some(url) = &patch.url {
        validate_url(url)?;
    }
    if let Some(secret) = &patch.secret {
        validate_secret(secret)?;
    }
    let events = patch
        .events
        .as_deref()
        .map(validate_events)
        .transpose()?
        .map(|e| serde_json::to_string(&e))
        .transpose()?;
    store::write(conn, |tx| {
        let changed = tx
            .prepare_cached(
                "UPDATE webhooks SET
                    name = COALESCE(?2, name),
                    url = COALESCE(?3, url),
                    secret = COALESCE(?4, secret),
                    events = COALESCE(?5, events),
                    enabled = COALESCE(?6, enabled)
                 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                id,
                patch.name.as_deref().map(str::trim),
                patch.url.as_deref().map(str::trim),
                patch.secret,
                events,
                patch.enabled.map(i64::from),
            ])?;
        if changed == 0 {
            return Err(webhook_not_found());
        }
        audit::record(
            tx,
            Action::WebhookEdit,
            Some(format!("webhook:{id}")),
            json!({
                "name": patch.name.as_deref().map(str::trim),
                "url": patch.url.as_deref().map(url_origin),
                "events": patch.events,
                "enabled": patch.enabled,
                "secretChanged": patch.secret.is_some(),
            }),
        )?;
        Ok(())
    })?;
    get(conn, id)
}

/// Deletes a webhook with its pending deliveries and logs.
pub fn delete(conn: &mut Connection, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        let n = tx
            .prepare_cached("DELETE FROM webhooks WHERE id = ?1")?
            .execute([id])?;
        if n == 0 {
            return Err(webhook_not_found());
        }
        audit::record(
            tx,
            Action::WebhookDelete,
            Some(format!("webhook:{id}")),
            json!({}),
        )
    })?;
    Ok(Message::new("Webhook deleted successfully").with("webhookId", id))
}

/// Default and maximum number of log entries returned.
pub const DEFAULT_LOG_LIMIT: i64 = 50;
pub const MAX_LOG_LIMIT: i64 = 1000;

/// The webhook's delivery attempts, newest first.
pub fn logs(conn: &Connection, id: i64, limit: Option<i64>) -> Result<Vec<LogEntry>> {
    get(conn, id)?;
    let limit = limit.unwrap_or(DEFAULT_LOG_LIMIT).clamp(1, MAX_LOG_LIMIT);
    let mut stmt = conn.prepare_cached(
        "SELECT id, webhook_id, event_type, payload, response_status, error_message, attempt,
                created_at
         FROM webhook_logs WHERE webhook_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map([id, limit], |r| {
        let payload: String = r.get(3)?;
        Ok(LogEntry {
            id: r.get(0)?,
            webhook_id: r.get(1)?,
            event_type: r.get(2)?,
            payload: serde_json::from_str(&payload).unwrap_or(Value::String(payload)),
            response_status: r.get(4)?,
            error_message: r.get(5)?,
            attempt: r.get(6)?,
            created_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---------------------------------------------------------------------------------------
// Deliveries

/// How many attempts a delivery gets before it is given up (`failed`).
pub const MAX_ATTEMPTS: i64 = 5;

/// Multipliers of the retry base delay after attempt 1, 2, 3, 4: with the default base of
/// 10 s this is 10 s, 30 s, 2 min, 8 min (about 10.7 minutes from first to last attempt).
const BACKOFF_FACTORS: [u64; 4] = [1, 3, 12, 48];

/// The default base of the retry schedule; `JACKBOX_WEBHOOK_RETRY_BASE_MS` overrides it.
pub const DEFAULT_RETRY_BASE_MS: u64 = 10_000;

/// The retry base delay: `JACKBOX_WEBHOOK_RETRY_BASE_MS` or 10 s.
pub fn retry_base() -> Duration {
    let ms = std::env::var("JACKBOX_WEBHOOK_RETRY_BASE_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_RETRY_BASE_MS);
    Duration::from_millis(ms)
}

/// The wait before the next attempt after `attempt` (1-based) failed.
pub fn backoff(attempt: i64, base: Duration) -> Duration {
    let i = (attempt.max(1) as usize - 1).min(BACKOFF_FACTORS.len() - 1);
    base.saturating_mul(BACKOFF_FACTORS[i] as u32)
}

/// A delivery ready to be sent, with what the sender needs (the secret stays in memory only
/// as long as the request takes; it is never logged).
#[derive(Clone)]
pub struct Due {
    pub id: i64,
    pub webhook_id: i64,
    pub delivery_id: String,
    pub event_type: String,
    pub payload: String,
    pub attempts: i64,
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Due")
            .field("id", &self.id)
            .field("webhook_id", &self.webhook_id)
            .field("delivery_id", &self.delivery_id)
            .field("event_type", &self.event_type)
            .field("attempts", &self.attempts)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// Pending deliveries of enabled webhooks due at `now` (all pending ones when `now` is
/// `None`), oldest first, at most `limit`, leaving out the webhooks in `skip` (those the
/// sender is already busy with, so a long backlog of one never hides the others).
pub fn due(conn: &Connection, now: Option<&str>, limit: i64, skip: &[i64]) -> Result<Vec<Due>> {
    let skip = serde_json::to_string(skip)?;
    // The state is spelled into the SQL (not bound) so the partial index applies.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.id, d.webhook_id, d.delivery_id, d.event_type, d.payload, d.attempts,
                w.url, w.secret
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.state = '{}' AND w.enabled = 1
           AND (?1 IS NULL OR d.next_attempt_at <= ?1)
           AND d.webhook_id NOT IN (SELECT value FROM json_each(?3))
         ORDER BY d.id LIMIT ?2",
        DeliveryState::Pending
    ))?;
    let rows = stmt.query_map(rusqlite::params![now, limit, skip], |r| {
        Ok(Due {
            id: r.get(0)?,
            webhook_id: r.get(1)?,
            delivery_id: r.get(2)?,
            event_type: r.get(3)?,
            payload: r.get(4)?,
            attempts: r.get(5)?,
            url: r.get(6)?,
            secret: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the earliest pending delivery of an enabled webhook is due.
pub fn next_due_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT MIN(d.next_attempt_at) FROM webhook_deliveries d
             JOIN webhooks w ON w.id = d.webhook_id
             WHERE d.state = '{}' AND w.enabled = 1",
            DeliveryState::Pending
        ))?
        .query_row([], |r| r.get(0))?)
}

/// What one HTTP attempt gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Option<u16>,
    pub error: Option<String>,
    /// How long the receiver asked to wait (a `429`'s `retry_after` / `Retry-After`): the
    /// next attempt is then, instead of the usual schedule.
    pub retry_after: Option<Duration>,
}

impl Outcome {
    pub fn delivered(&self) -> bool {
        self.error.is_none() && self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// The delivery's state after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterAttempt {
    Delivered,
    /// Will be retried at the scheduled time.
    Retrying,
    /// The last attempt failed: given up.
    Failed,
}

/// Logs one attempt and moves the delivery on (delivered, retry later, or failed), in one
/// transaction. A delivery whose webhook was deleted meanwhile is silently dropped.
pub fn record_attempt(
    conn: &mut Connection,
    d: &Due,
    outcome: &Outcome,
    base: Duration,
) -> Result<AfterAttempt> {
    let attempt = d.attempts + 1;
    let now = chrono::Utc::now();
    let after = if outcome.delivered() {
        AfterAttempt::Delivered
    } else if attempt >= MAX_ATTEMPTS {
        AfterAttempt::Failed
    } else {
        AfterAttempt::Retrying
    };
    let wait = outcome
        .retry_after
        .unwrap_or_else(|| backoff(attempt, base));
    let next = chrono::Duration::from_std(wait)
        .map(|b| crate::time::format(now + b))
        .unwrap_or_else(|_| crate::time::format(now));
    let state = match after {
        AfterAttempt::Delivered => DeliveryState::Delivered,
        AfterAttempt::Retrying => DeliveryState::Pending,
        AfterAttempt::Failed => DeliveryState::Failed,
    };
    store::write(conn, |tx| {
        let n = tx
            .prepare_cached(
                "UPDATE webhook_deliveries SET attempts = ?2, state = ?3, next_attempt_at = ?4
                 WHERE id = ?1 AND state = ?5",
            )?
            .execute(rusqlite::params![
                d.id,
                attempt,
                state,
                next,
                DeliveryState::Pending
            ])?;
        if n == 1 {
            log_attempt(
                tx,
                d.webhook_id,
                Some(&d.delivery_id),
                &d.event_type,
                &d.payload,
                outcome,
                attempt,
            )?;
        }
        Ok(())
    })?;
    Ok(after)
}

/// Writes one `webhook_logs` row.
pub fn log_attempt(
    conn: &Connection,
    webhook_id: i64,
    delivery_id: Option<&str>,
    event_type: &str,
    payload: &str,
    outcome: &Outcome,
    attempt: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO webhook_logs (webhook_id, delivery_id, event_type, payload,
            response_status, error_message, attempt, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        webhook_id,
        delivery_id,
        event_type,
        payload,
        outcome.status,
        outcome.error,
        attempt,
        crate::time::now()
    ])?;
    Ok(())
}

/// The body of a `test` event for webhook `id`, and what the sender needs to send it.
pub fn test_delivery(conn: &Connection, id: i64) -> Result<Due> {
    let (url, secret): (String, String) = conn
        .prepare_cached("SELECT url, secret FROM webhooks WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(webhook_not_found)?;
    let event = Event::Test(WebhookTest {
        message: "This is a test webhook from jackbox".into(),
        webhook_id: id,
    });
    let payload = Wire::new(&event, crate::time::now())?.webhook_body()?;
    Ok(Due {
        id: 0,
        webhook_id: id,
        delivery_id: format!("test-{id}-{}", hex::encode(rand::random::<[u8; 6]>())),
        event_type: event.name().into(),
        payload,
        attempts: 0,
        url,
        secret,
    })
}

/// Records that a `test` event was sent to webhook `id` (its own small transaction: the
/// send itself writes only the webhook's log).
pub fn record_test(
    conn: &mut Connection,
    id: i64,
    delivered: bool,
    status: Option<u16>,
) -> Result<()> {
    store::write(conn, |tx| {
        audit::record(
            tx,
            Action::WebhookTest,
            Some(format!("webhook:{id}")),
            json!({ "delivered": delivered, "status": status }),
        )
    })
}

/// Pending deliveries queued for events after `after_event_id` (the CLI's note).
pub fn pending_since(conn: &Connection, after_event_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE state = ?2 AND event_id > ?1",
        )?
        .query_row(
            rusqlite::params![after_event_id, DeliveryState::Pending],
            |r| r.get(0),
        )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ipv4_embedding_form_is_judged_by_its_ipv4_address() {
        let default = AddressPolicy::default();
        let open = AddressPolicy {
            loopback: true,
            private: true,
        };
        let closed = AddressPolicy {
            loopback: false,
            private: false,
        };
        let verdict = |ip: &str, p: AddressPolicy| forbidden_address(ip.parse().unwrap(), p);
        // 169.254.169.254 (a9fe:a9fe) in every form: always refused.
        for ip in [
            "169.254.169.254",
            "::ffff:169.254.169.254",
            "::169.254.169.254",
            "::ffff:0:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a9fe:a9fe",
            "64:ff9b:1:a9fe:a9:fe00::",
            "2002:a9fe:a9fe::",
            "2002:a9fe:a9fe:1::1",
            "2001:0:a9fe:a9fe::",
            "2001:0:4136:e378:8000:63bf:5601:5601",
        ] {
            assert_eq!(verdict(ip, open), Some(LINK_LOCAL), "{ip}");
        }
        // Private ranges: refused by default, allowed on opt-in, in every form.
        for ip in [
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "100.64.0.1",
            "::ffff:10.1.2.3",
            "::10.1.2.3",
            "64:ff9b::c0a8:101",
            "2002:c0a8:101::",
            "fd12::1",
        ] {
            assert!(verdict(ip, default).is_some(), "{ip}");
            assert_eq!(verdict(ip, open), None, "{ip}");
        }
        // Loopback: allowed by default, refused with `0`, in every form.
        for ip in [
            "127.0.0.1",
            "::1",
            "::ffff:127.0.0.1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::",
        ] {
            assert_eq!(verdict(ip, default), None, "{ip}");
            assert!(verdict(ip, closed).is_some(), "{ip}");
        }
        // Public addresses and public IPv4 inside the forms pass.
        for ip in [
            "8.8.8.8",
            "2606:4700::1111",
            "64:ff9b::808:808",
            "2002:808:808::",
        ] {
            assert_eq!(verdict(ip, default), None, "{ip}");
        }
        assert_eq!(verdict("0.0.0.0", open), Some(UNROUTABLE));
        assert_eq!(verdict("::", open), Some(UNROUTABLE));
    }

    #[test]
    fn only_the_origin_of_a_url_is_kept() {
        assert_eq!(
            url_origin("https://u:p@hooks.example.com:8443/a/TOKEN?k=v"),
            "https://hooks.example.com:8443"
        );
        assert_eq!(url_origin("http://h"), "http://h");
    }

    #[test]
    fn retry_schedule_is_10s_30s_2min_8min() {
        let base = Duration::from_millis(DEFAULT_RETRY_BASE_MS);
        let waits: Vec<u64> = (1..=4).map(|a| backoff(a, base).as_secs()).collect();
        assert_eq!(waits, [10, 30, 120, 480]);
    }

    #[test]
    fn urls_and_events_are_checked() {
        for ok in ["http://x", "https://relay.example/hook?a=1", "HTTPS://X"] {
            assert!(validate_url(ok).is_ok(), "{ok}");
        }
        for bad in ["", "ftp://x", "http://", "https://a b", "example.com"] {
            assert!(validate_url(bad).is_err(), "{bad}");
        }
        assert!(validate_events(&[]).is_err());
        assert!(validate_events(&["game.status".into()]).is_err());
        let events = validate_events(&["test".into(), "test".into(), "game.added".into()]);
        assert_eq!(events.unwrap(), ["test", "game.added"]);
    }

    #[test]
    fn create_body_names_the_missing_field() {
        let err = parse_new(&serde_json::json!({ "name": "n", "url": "http://x", "events": [] }))
            .unwrap_err();
        assert_eq!(err.message, "secret is required");
        let err = parse_patch(&serde_json::json!({ "enabled": "yes" })).unwrap_err();
        assert_eq!(err.message, "enabled must be a boolean");
    }
}
