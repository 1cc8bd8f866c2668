//! The audit log (`docs/admins.md`): one row per write, from either face, written in the write's
//! own transaction, and who the writer is (the actor context).
//!
//! The seam: every core operation that changes state calls [`record`] next to its
//! `events::emit`, inside the same transaction. The actor is not a parameter of every core
//! function: a face sets it once around the work it does — the CLI for the whole process
//! ([`set_default_actor`], `cli:<OS user>` or `JACKBOX_ACTOR`), the daemon per request on the
//! writer thread ([`with_actor`], the admin's name) — so no core signature changes and no
//! write path can pass the wrong one. Writes made outside any face (the room monitor's own
//! bookkeeping, webhook delivery state) are not operations of a person and record nothing.

use crate::core::input::{Least, Raw, Wording};
use crate::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::sync::OnceLock;

pub use crate::core::vocab::Action;

/// The actor of writes made outside a face (and of a daemon write no admin asked for).
pub const SYSTEM_ACTOR: &str = "system";

thread_local! {
    static ACTOR: RefCell<Option<String>> = const { RefCell::new(None) };
}
static DEFAULT_ACTOR: OnceLock<String> = OnceLock::new();

/// The actor of every write of this process that runs outside [`with_actor`] (the CLI sets
/// it once at start). Later calls are ignored.
pub fn set_default_actor(actor: String) {
    let _ = DEFAULT_ACTOR.set(actor);
}

/// Runs `f` with `actor` as the actor of the writes it makes on this thread.
pub fn with_actor<T>(actor: &str, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            ACTOR.with(|a| *a.borrow_mut() = prev);
        }
    }
    let prev = ACTOR.with(|a| a.borrow_mut().replace(actor.to_string()));
    let _restore = Restore(prev);
    f()
}

/// Who is writing on this thread right now.
pub fn current_actor() -> String {
    ACTOR
        .with(|a| a.borrow().clone())
        .or_else(|| DEFAULT_ACTOR.get().cloned())
        .unwrap_or_else(|| SYSTEM_ACTOR.to_string())
}

/// Field names whose values never reach a row, at any depth of `detail`.
const SECRET_FIELDS: &[&str] = &["key", "secret", "token", "password", "authorization"];

fn scrub(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !SECRET_FIELDS.contains(&k.to_ascii_lowercase().as_str()));
            m.values_mut().for_each(scrub);
        }
        Value::Array(a) => a.iter_mut().for_each(scrub),
        _ => {}
    }
}

/// Records one write in `tx` (the write's own transaction), by the current actor.
/// `target` names what was changed (`session:5`, `game:12`, `admin:alice`); `detail` holds
/// the request's meaningful fields (secret-named fields are dropped whatever the caller
/// passes).
pub fn record(
    tx: &Connection,
    action: Action,
    target: Option<String>,
    mut detail: Value,
) -> Result<()> {
    scrub(&mut detail);
    if detail.is_null() {
        detail = Value::Object(Default::default());
    }
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![
        crate::time::now(),
        current_actor(),
        action.as_str(),
        target,
        detail.to_string()
    ])?;
    Ok(())
}

/// One row of the log, as `GET /api/audit` and `jackbox audit --json` print it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub detail: Value,
}

/// Default and largest page of [`list`].
pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 1000;

/// What to read: newest first, `before` an id (for paging), one actor, one action (or a
/// family: `game` matches `game.add`, `game.status`…).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub limit: Option<i64>,
    pub before: Option<i64>,
    pub actor: Option<String>,
    pub action: Option<String>,
}

impl Filter {
    /// Parses the query parameters of `GET /api/audit` (unknown ones are ignored).
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        let mut f = Filter::default();
        for (k, v) in pairs {
            match k {
                "limit" => f.limit = Some(Raw::Text(v).count(k, Least::One, Wording::Plain)?),
                "before" => f.before = Some(Raw::Text(v).count(k, Least::One, Wording::Plain)?),
                "actor" if !v.is_empty() => f.actor = Some(v.to_string()),
                "action" if !v.is_empty() => f.action = Some(v.to_string()),
                _ => {}
            }
        }
        f.validate()
    }

    pub fn validate(self) -> Result<Self> {
        if let Some(l) = self.limit {
            if !(1..=MAX_LIMIT).contains(&l) {
                return Err(Error::invalid(format!(
                    "limit must be between 1 and {MAX_LIMIT}"
                )));
            }
        }
        if let Some(b) = self.before {
            Raw::Int(b).count("before", Least::One, Wording::Plain)?;
        }
        Ok(self)
    }
}

/// The log, newest first (one query).
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Entry>> {
    let family = f.action.as_ref().map(|a| format!("{a}.%"));
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, target, detail FROM audit_log
         WHERE (?1 IS NULL OR id < ?1)
           AND (?2 IS NULL OR actor = ?2)
           AND (?3 IS NULL OR action = ?3 OR action LIKE ?4 ESCAPE '\\')
         ORDER BY id DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![
            f.before,
            f.actor,
            f.action,
            family.map(|p| p.replace('_', "\\_")),
            f.limit.unwrap_or(DEFAULT_LIMIT)
        ],
        |r| {
            let detail: String = r.get(5)?;
            Ok(Entry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                target: r.get(4)?,
                detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Default retention of the log, in days (`--audit-retention-days`).
pub const DEFAULT_RETENTION_DAYS: u32 = 180;

/// Deletes rows older than `days` days; returns how many went.
pub fn prune(conn: &Connection, days: u32) -> Result<usize> {
    let cutoff = crate::time::format(chrono::Utc::now() - chrono::Duration::days(days as i64));
    Ok(conn
        .prepare_cached("DELETE FROM audit_log WHERE at < ?1")?
        .execute([cutoff])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_dropped_at_any_depth() {
        let mut v = json!({ "name": "x", "Key": "k", "a": [{ "secret": "s", "ok": 1 }], "b": { "token": "t" } });
        scrub(&mut v);
        assert_eq!(v, json!({ "name": "x", "a": [{ "ok": 1 }], "b": {} }));
    }

    #[test]
    fn actor_context_nests_and_restores() {
        with_actor("alice", || {
            assert_eq!(current_actor(), "alice");
            with_actor("bob", || assert_eq!(current_actor(), "bob"));
            assert_eq!(current_actor(), "alice");
        });
        assert_ne!(current_actor(), "alice");
    }
}
