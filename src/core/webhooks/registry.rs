//! The webhook registry: create/list/get/update/delete, the create and patch bodies, and
//! the delivery logs. The secret is write-only: no type here that is serialized carries it.

use super::policy::{validate_url, AddressPolicy};
use crate::core::audit::{self, Action};
use crate::core::events::WEBHOOK_EVENTS;
use crate::core::model::Message;
use crate::core::vocab::WebhookFormat;
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::{json, Value};

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

/// Creates a webhook (enabled); its receiver URL is checked under `policy`.
pub fn create(conn: &mut Connection, new: &NewWebhook, policy: AddressPolicy) -> Result<Webhook> {
    validate_name(&new.name)?;
    validate_url(&new.url, policy)?;
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

/// Applies a partial update; a new receiver URL is checked under `policy`.
pub fn update(
    conn: &mut Connection,
    id: i64,
    patch: &WebhookPatch,
    policy: AddressPolicy,
) -> Result<Webhook> {
    if let Some(name) = &patch.name {
        validate_name(name)?;
    }
    if let Some(url) = &patch.url {
        validate_url(url, policy)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_origin_of_a_url_is_kept() {
        assert_eq!(
            url_origin("https://u:p@hooks.example.com:8443/a/TOKEN?k=v"),
            "https://hooks.example.com:8443"
        );
        assert_eq!(url_origin("http://h"), "http://h");
    }

    #[test]
    fn events_are_checked() {
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
