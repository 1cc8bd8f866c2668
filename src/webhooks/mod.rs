//! The webhook delivery engine: signs and POSTs queued deliveries, records every attempt, and
//! schedules retries. Used by the daemon's sender task ([`run`]), `jackbox webhook flush`
//! ([`flush`]) and the test endpoint / `jackbox webhook test` ([`send_test`]). Its
//! [`Settings`] come from the face that starts it (`crate::env::webhooks`).
//!
//! Deliveries of one webhook go one at a time (in queue order); different webhooks run
//! concurrently, so a dead receiver only ever delays itself. Database work runs on
//! `spawn_blocking` through one dedicated connection.

use crate::core::webhooks::{self as registry, AddressPolicy, AfterAttempt, Due, Outcome};
use crate::{Error, Result};
use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::Sha256;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};

/// How much of a receiver's response body is read (then the connection is dropped).
const MAX_RESPONSE_BYTES: usize = 4096;
/// The default request timeout.
const DEFAULT_TIMEOUT_MS: u64 = 5000;
/// Rows fetched per scan of the queue.
const SCAN_LIMIT: i64 = 1000;

/// A database connection shared by the engine's blocking jobs.
pub type Db = Arc<Mutex<Connection>>;

/// Runs `f` with the connection on a blocking thread.
async fn blocking<T: Send + 'static>(
    db: &Db,
    f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static,
) -> Result<T> {
    let db = db.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = db
            .lock()
            .map_err(|_| Error::storage("webhook database connection poisoned"))?;
        f(&mut conn)
    })
    .await
    .map_err(|e| Error::storage(format!("webhook worker failed: {e}")))?
}

/// How the sender behaves (`crate::env::webhooks` reads them from the environment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Which receiver addresses are allowed (checked again on every delivery).
    pub policy: AddressPolicy,
    /// The base of the retry schedule ([`registry::backoff`]).
    pub retry_base: Duration,
    /// Each request's timeout (connecting included).
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            policy: AddressPolicy::default(),
            retry_base: Duration::from_millis(registry::DEFAULT_RETRY_BASE_MS),
            timeout: Duration::from_millis(DEFAULT_TIMEOUT_MS),
        }
    }
}

/// The HTTP client for receivers with the settings it was built with.
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    settings: Settings,
}

impl Sender {
    /// The HTTP client: rustls, no redirects, bounded time, `User-Agent: jackbox/<version>`,
    /// names resolved only to addresses the policy allows.
    pub fn new(settings: Settings) -> Result<Sender> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .user_agent(concat!("jackbox/", env!("CARGO_PKG_VERSION")))
            .pool_max_idle_per_host(2)
            .dns_resolver(std::sync::Arc::new(GuardedResolver(settings.policy)))
            .build()
            .map_err(|e| Error::storage(format!("cannot build the HTTP client: {e}")))?;
        Ok(Sender { client, settings })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

/// `sha256=<hex HMAC-SHA256(secret, body)>`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Resolves receiver host names, keeping only addresses a webhook may be sent to
/// (`core::webhooks::forbidden_address`): checked on every connection, so a name that
/// resolves to a metadata or link-local address (or changes to one later) is refused.
struct GuardedResolver(AddressPolicy);

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let policy = self.0;
        Box::pin(async move {
            let found: Vec<std::net::SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut refused = None;
            let allowed: Vec<std::net::SocketAddr> = found
                .into_iter()
                .filter(|a| match registry::forbidden_address(a.ip(), policy) {
                    Some(why) => {
                        refused = Some(why);
                        false
                    }
                    None => true,
                })
                .collect();
            if allowed.is_empty() {
                return Err(Box::new(NotAllowed(refused.unwrap_or("no address"))) as _);
            }
            let addrs: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

/// A receiver name that resolves to no address a webhook may be sent to: said as such (it is
/// the policy's answer, decided before any connection, so it reveals nothing of the port).
#[derive(Debug)]
struct NotAllowed(&'static str);

impl std::fmt::Display for NotAllowed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "receiver address not allowed: {}", self.0)
    }
}

impl std::error::Error for NotAllowed {}

/// One signed POST of a delivery. Never fails: the outcome says what happened.
pub async fn send(sender: &Sender, d: &Due) -> Outcome {
    // A URL stored before the rules (or with the setting changed since) is checked again;
    // names are checked by the resolver.
    if let Ok(url) = url::Url::parse(&d.url) {
        if let Err(why) = registry::check_host(&url, sender.settings.policy) {
            return Outcome {
                status: None,
                error: Some(format!("receiver address not allowed: url {why}")),
                retry_after: None,
            };
        }
    }
    let req = sender
        .client
        .post(&d.url)
        .header("Content-Type", "application/json")
        .header("X-Webhook-Event", &d.event_type)
        .header("X-Webhook-Delivery", &d.delivery_id)
        .header(
            "X-Webhook-Signature",
            signature(&d.secret, d.payload.as_bytes()),
        )
        .body(d.payload.clone());
    match req.send().await {
        Ok(mut resp) => {
            let status = resp.status();
            // Read a little of the body so a well-behaved receiver is not cut off mid-reply;
            // never more than MAX_RESPONSE_BYTES.
            let retry_header = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let mut body = Vec::new();
            while body.len() < MAX_RESPONSE_BYTES {
                match resp.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    _ => break,
                }
            }
            // Discord (and others) say how long to wait before the next try.
            let retry_after = (status.as_u16() == 429)
                .then(|| crate::core::events::discord::retry_after(&body, retry_header.as_deref()))
                .flatten();
            if status.is_success() {
                return Outcome {
                    status: Some(status.as_u16()),
                    error: None,
                    retry_after,
                };
            }
            let reason = match status.canonical_reason() {
                Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
                None => format!("HTTP {}", status.as_u16()),
            };
            Outcome {
                retry_after,
                ..not_accepted(d, &reason)
            }
        }
        Err(e) => {
            let mut source: Option<&dyn std::error::Error> = Some(&e);
            while let Some(err) = source {
                if let Some(refused) = err.downcast_ref::<NotAllowed>() {
                    return Outcome {
                        status: None,
                        error: Some(refused.to_string()),
                        retry_after: None,
                    };
                }
                source = err.source();
            }
            not_accepted(d, &describe(&e))
        }
    }
}

/// What admins are told of a failed attempt, whatever its cause: a receiver that answered
/// "405" and a port where nothing listens must look the same, or the test route maps the
/// ports of the daemon's host and network. The cause goes to the daemon's log.
pub const NOT_ACCEPTED: &str =
    "The receiver did not accept the delivery (no 2xx answer; the daemon's log has the cause)";

fn not_accepted(d: &Due, cause: &str) -> Outcome {
    tracing::warn!(
        webhook = d.webhook_id,
        delivery = %d.delivery_id,
        "webhook delivery not accepted: {cause}"
    );
    Outcome {
        status: None,
        error: Some(NOT_ACCEPTED.into()),
        retry_after: None,
    }
}

/// A short reason without the URL (it may carry a token in its path).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_redirect() {
        "redirect not followed"
    } else {
        "request failed"
    };
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    let mut detail = None;
    while let Some(s) = source {
        detail = Some(s.to_string());
        source = s.source();
    }
    match detail {
        Some(d) => format!("{kind}: {d}"),
        None => kind.to_string(),
    }
}

/// The answer of the test endpoint.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TestResult {
    pub message: String,
    pub delivered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Sends a `test` event to webhook `id` now (enabled or not) and logs the attempt.
pub async fn send_test(db: &Db, sender: &Sender, id: i64) -> Result<TestResult> {
    let d = blocking(db, move |c| registry::test_delivery(c, id)).await?;
    let outcome = send(sender, &d).await;
    let logged = outcome.clone();
    blocking(db, move |c| {
        registry::log_attempt(
            c,
            d.webhook_id,
            Some(&d.delivery_id),
            &d.event_type,
            &d.payload,
            &logged,
            1,
        )
    })
    .await?;
    Ok(TestResult {
        message: "Test webhook sent".into(),
        delivered: outcome.delivered(),
        status: outcome.status,
        error: outcome.error,
    })
}

/// Sends one webhook's deliveries in order, recording each attempt.
async fn deliver_group(db: Db, sender: Sender, rows: Vec<Due>) -> Vec<AfterAttempt> {
    let base = sender.settings.retry_base;
    let mut out = Vec::with_capacity(rows.len());
    for d in rows {
        let outcome = send(&sender, &d).await;
        if let Some(err) = &outcome.error {
            tracing::warn!(
                webhook = d.webhook_id,
                delivery = %d.delivery_id,
                attempt = d.attempts + 1,
                "webhook delivery failed: {err}"
            );
        }
        let (id, event) = (d.webhook_id, d.delivery_id.clone());
        match blocking(&db, move |c| {
            registry::record_attempt(c, &d, &outcome, base)
        })
        .await
        {
            Ok(after) => out.push(after),
            Err(e) => {
                tracing::error!(webhook = id, delivery = %event, "cannot record attempt: {e}")
            }
        }
    }
    out
}

fn group(rows: Vec<Due>) -> Vec<(i64, Vec<Due>)> {
    let mut order = Vec::new();
    let mut by: HashMap<i64, Vec<Due>> = HashMap::new();
    for d in rows {
        by.entry(d.webhook_id)
            .or_insert_with(|| {
                order.push(d.webhook_id);
                Vec::new()
            })
            .push(d);
    }
    order
        .into_iter()
        .filter_map(|w| by.remove(&w).map(|rows| (w, rows)))
        .collect()
}

/// What `flush` did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FlushReport {
    pub delivered: i64,
    /// Failed this time; will be retried later (by the daemon or the next flush).
    pub retrying: i64,
    /// Failed on their last attempt: given up.
    pub failed: i64,
}

/// Attempts every pending delivery of enabled webhooks once (due or not), concurrently per
/// webhook, and returns the tally.
pub async fn flush(db: &Db, sender: &Sender) -> Result<FlushReport> {
    let mut report = FlushReport::default();
    let mut seen: HashSet<i64> = HashSet::new();
    loop {
        // Each delivery once per run: rows attempted in this run are not picked again even
        // though a failed one stays pending.
        let rows: Vec<Due> = blocking(db, |c| registry::due(c, None, i64::MAX, &[]))
            .await?
            .into_iter()
            .filter(|d| !seen.contains(&d.id))
            .collect();
        if rows.is_empty() {
            return Ok(report);
        }
        seen.extend(rows.iter().map(|d| d.id));
        let mut set = tokio::task::JoinSet::new();
        for (_, rows) in group(rows) {
            set.spawn(deliver_group(db.clone(), sender.clone(), rows));
        }
        while let Some(done) = set.join_next().await {
            for after in done.unwrap_or_default() {
                match after {
                    AfterAttempt::Delivered => report.delivered += 1,
                    AfterAttempt::Retrying => report.retrying += 1,
                    AfterAttempt::Failed => report.failed += 1,
                }
            }
        }
    }
}

/// The daemon's sender: delivers pending rows as they become due, woken by `wake` (the
/// outbox dispatcher notifies it after new events) and by a timer for retries. Runs until
/// `shutdown` fires; an attempt cut short by shutdown is not recorded, so it is sent again
/// after the next start (at least once).
pub async fn run(
    db: Db,
    sender: Sender,
    wake: Arc<Notify>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<i64>();
    let mut busy: HashSet<i64> = HashSet::new();
    let mut tasks = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let now = crate::time::now();
        let skip: Vec<i64> = busy.iter().copied().collect();
        let scanned = blocking(&db, move |c| {
            Ok((
                registry::due(c, Some(&now), SCAN_LIMIT, &skip)?,
                registry::next_due_at(c)?,
            ))
        })
        .await;
        let next_due = match scanned {
            Ok((rows, next)) => {
                for (webhook, rows) in group(rows) {
                    if !busy.insert(webhook) {
                        continue;
                    }
                    let (db, sender, done) = (db.clone(), sender.clone(), done_tx.clone());
                    tasks.spawn(async move {
                        deliver_group(db, sender, rows).await;
                        let _ = done.send(webhook);
                    });
                }
                next
            }
            Err(e) => {
                tracing::error!("webhook queue scan failed: {e}");
                None
            }
        };
        let wait = wait_until(next_due.as_deref());
        tokio::select! {
            _ = &mut shutdown => break,
            _ = wake.notified() => {}
            Some(w) = done_rx.recv() => { busy.remove(&w); }
            _ = tokio::time::sleep(wait) => {}
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
        while let Ok(w) = done_rx.try_recv() {
            busy.remove(&w);
        }
    }
    tasks.abort_all();
}

/// How long to sleep before the next scan: until the earliest due time, at most 30 s, and at
/// least 1 s when the earliest is already due (its webhook is busy; its worker wakes us).
fn wait_until(next_due: Option<&str>) -> Duration {
    let max = Duration::from_secs(30);
    let Some(at) = next_due.and_then(crate::time::parse_iso) else {
        return max;
    };
    match (at - chrono::Utc::now()).to_std() {
        Ok(d) if d > Duration::ZERO => d.min(max) + Duration::from_millis(5),
        _ => Duration::from_secs(1),
    }
}
