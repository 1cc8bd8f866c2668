//! `jackbox webhook …`: the webhook registry, test sends, logs and `flush`; and the note the
//! CLI prints when a command queued webhook deliveries that no daemon will pick up.

use super::output::{self, kv, opt, when};
use super::{values, Ctx};
use crate::core::webhooks::{self, NewWebhook, Webhook, WebhookPatch};
use crate::{daemon_lock, Error, Result};
use clap::Subcommand;
use std::sync::{Arc, Mutex};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List webhooks
    List,
    /// Register a receiver: it gets a signed POST for each chosen event
    #[command(
        after_help = "Examples:\n  jackbox webhook add https://relay.example/hook --name relay \\\n    --secret \"$SECRET\" --event game.added --event session.started\n  jackbox webhook add https://discord.com/api/webhooks/… --format discord --name discord \\\n    --event game.added poll.start voting.ended session.ended"
    )]
    Add {
        /// http:// or https:// URL receiving the POSTs (required, here or as --url)
        #[arg(value_name = "URL")]
        url: Option<String>,
        /// The URL as an option (the form older scripts use)
        #[arg(long = "url", value_name = "URL", conflicts_with = "url")]
        url_flag: Option<String>,
        #[arg(long)]
        name: String,
        /// Shared secret for the X-Webhook-Signature HMAC (never shown again; not needed
        /// with --format discord)
        #[arg(long)]
        secret: Option<String>,
        /// An event name (repeatable, or several after one --event), e.g. game.added
        #[arg(long = "event", value_name = "EVENT", required = true, num_args = 1..)]
        events: Vec<String>,
        /// json: the signed event; discord: a Discord webhook message (URL from the
        /// channel's Integrations → Webhooks)
        #[arg(long, default_value = "json", value_parser = values::choice(crate::core::vocab::WebhookFormat::NAMES))]
        format: String,
    },
    /// Change a webhook
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        secret: Option<String>,
        /// Replace the event list (repeatable)
        #[arg(long = "event", value_name = "EVENT", num_args = 1..)]
        events: Option<Vec<String>>,
        /// Start delivering again
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Stop delivering (queued deliveries wait until re-enabled)
        #[arg(long)]
        disable: bool,
    },
    /// Delete a webhook with its queue and logs
    Remove { id: i64 },
    /// Send a `test` event now and show the receiver's answer
    Test { id: i64 },
    /// Show delivery attempts, newest first
    Logs {
        id: i64,
        /// Show at most N attempts
        #[arg(long, default_value_t = webhooks::DEFAULT_LOG_LIMIT)]
        limit: i64,
    },
    /// Attempt every pending delivery once, then exit (for cron when no daemon runs)
    Flush,
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let writes = !matches!(cmd, Cmd::List | Cmd::Logs { .. });
    let mut conn = ctx.open_for(writes)?;
    match cmd {
        Cmd::List => {
            let list = webhooks::list(&conn)?;
            if ctx.quiet {
                list.iter().for_each(|w| output::line(&w.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                output::line("No webhooks yet. Add one with: jackbox webhook add");
                return Ok(());
            }
            let rows = list
                .iter()
                .map(|w| {
                    vec![
                        w.id.to_string(),
                        w.name.clone(),
                        w.url.clone(),
                        w.events.join(", "),
                        if w.enabled { "yes" } else { "no" }.into(),
                        when(&w.created_at),
                    ]
                })
                .collect();
            output::table(&["ID", "Name", "URL", "Events", "Enabled", "Created"], rows);
            Ok(())
        }
        Cmd::Add {
            name,
            url,
            url_flag,
            secret,
            events,
            format,
        } => {
            let Some(url) = url.or(url_flag) else {
                clap::Error::raw(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "the following required arguments were not provided:\n  <URL>\n",
                )
                .exit()
            };
            let format: crate::core::vocab::WebhookFormat = format.parse()?;
            if format == crate::core::vocab::WebhookFormat::Json && secret.is_none() {
                return Err(crate::Error::invalid("secret is required"));
            }
            let w = webhooks::create(
                &mut conn,
                &NewWebhook {
                    name,
                    url,
                    secret: secret.unwrap_or_default(),
                    events: split_events(events),
                    format,
                },
                crate::env::webhook_policy(),
            )?;
            if ctx.quiet {
                output::line(&w.id.to_string());
                return Ok(());
            }
            show(ctx, &w)
        }
        Cmd::Edit {
            id,
            name,
            url,
            secret,
            events,
            enable,
            disable,
        } => {
            let patch = WebhookPatch {
                name,
                url,
                secret,
                events: events.map(split_events),
                enabled: (enable || disable).then_some(enable),
            };
            let w = webhooks::update(&mut conn, id, &patch, crate::env::webhook_policy())?;
            if ctx.quiet {
                return Ok(());
            }
            show(ctx, &w)
        }
        Cmd::Remove { id } => {
            let msg = webhooks::delete(&mut conn, id)?;
            if ctx.json {
                return output::json(&msg);
            }
            if !ctx.quiet {
                output::line(&format!("Webhook {id} deleted"));
            }
            Ok(())
        }
        Cmd::Test { id } => {
            webhooks::get(&conn, id)?;
            let db = Arc::new(Mutex::new(conn));
            let result = runtime()?.block_on(async {
                let sender = crate::webhooks::Sender::new(crate::env::webhooks())?;
                crate::webhooks::send_test(&db, &sender, id).await
            })?;
            {
                let mut conn = db.lock().unwrap_or_else(|p| p.into_inner());
                webhooks::record_test(&mut conn, id, result.delivered, result.status)?;
            }
            if ctx.json && !ctx.quiet {
                output::json(&result)?;
            } else if !ctx.quiet {
                kv(&[
                    (
                        "delivered",
                        if result.delivered { "yes" } else { "no" }.into(),
                    ),
                    ("status", opt(&result.status)),
                    ("error", opt(&result.error)),
                ]);
            }
            if result.delivered {
                Ok(())
            } else {
                Err(Error::state(format!(
                    "Test webhook not delivered: {}",
                    result.error.as_deref().unwrap_or("no answer")
                )))
            }
        }
        Cmd::Logs { id, limit } => {
            let logs = webhooks::logs(&conn, id, Some(limit))?;
            if ctx.quiet {
                logs.iter().for_each(|l| output::line(&l.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&logs);
            }
            if logs.is_empty() {
                output::line(&format!("No delivery attempts for webhook {id} yet"));
                return Ok(());
            }
            let rows = logs
                .iter()
                .map(|l| {
                    vec![
                        l.id.to_string(),
                        l.event_type.clone(),
                        l.attempt.to_string(),
                        opt(&l.response_status),
                        opt(&l.error_message),
                        when(&l.created_at),
                    ]
                })
                .collect();
            output::table(&["ID", "Event", "Attempt", "Status", "Error", "When"], rows);
            Ok(())
        }
        Cmd::Flush => {
            if daemon_lock::daemon_running(&ctx.db) {
                if !ctx.quiet {
                    eprintln!(
                        "note: 'jackbox serve' is running on this database and delivers \
                         webhooks itself; nothing flushed"
                    );
                }
                if ctx.json {
                    output::json(&crate::webhooks::FlushReport::default())?;
                }
                return Ok(());
            }
            let db = Arc::new(Mutex::new(conn));
            let report = runtime()?.block_on(async {
                let sender = crate::webhooks::Sender::new(crate::env::webhooks())?;
                crate::webhooks::flush(&db, &sender).await
            })?;
            if ctx.json {
                return output::json(&report);
            }
            if !ctx.quiet {
                output::line(&format!(
                    "delivered {}, retry later {}, given up {}",
                    report.delivered, report.retrying, report.failed
                ));
            }
            Ok(())
        }
    }
}

/// `--event a,b --event c` → `[a, b, c]`.
fn split_events(events: Vec<String>) -> Vec<String> {
    events
        .iter()
        .flat_map(|e| e.split(','))
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect()
}

fn show(ctx: &Ctx, w: &Webhook) -> Result<()> {
    if ctx.json {
        return output::json(w);
    }
    kv(&[
        ("id", w.id.to_string()),
        ("name", w.name.clone()),
        ("url", w.url.clone()),
        ("events", w.events.join(", ")),
        ("enabled", if w.enabled { "yes" } else { "no" }.into()),
        ("created", when(&w.created_at)),
    ]);
    Ok(())
}

/// A small runtime only for the commands that talk to receivers.
fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::storage(format!("cannot start the async runtime: {e}")))
}

/// After a command: if it queued webhook deliveries and no daemon runs on the database,
/// says so once on stderr.
pub(super) fn pending_note(ctx: &Ctx) {
    let Some(&before) = ctx.outbox_at_open.get() else {
        return;
    };
    // Read-only and without migrations: this must stay cheap.
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        &ctx.db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return;
    };
    let n = match webhooks::pending_since(&conn, before) {
        Ok(n) if n > 0 => n,
        _ => return,
    };
    if daemon_lock::daemon_running(&ctx.db) {
        return;
    }
    let what = if n == 1 { "delivery" } else { "deliveries" };
    eprintln!(
        "note: {n} webhook {what} pending; start 'jackbox serve' or run 'jackbox webhook flush'"
    );
}
