//! Starting the daemon, the one path both the binary (`jackbox serve`) and the tests take:
//! open the database, take the daemon lock, bind, announce the URL (in `settings`, then
//! `listening on …` as the first line on stderr), start the logs, warn about a missing or
//! weak admin key, then serve until the shutdown signal.

use super::{serve, App, Config};
use crate::core::{admins, auth};
use crate::{daemon_lock, store, Error, Result};
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Where the daemon listens: an address to bind (`--bind`), or a listener the caller bound
/// (tests bind port 0).
pub enum Listen {
    Addr(String),
    Bound(TcpListener),
}

impl From<TcpListener> for Listen {
    fn from(l: TcpListener) -> Self {
        Listen::Bound(l)
    }
}

/// The log format on stderr (`--log-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Opens the database for `config`, then serves on `listen` until `shutdown` resolves (see
/// [`serve`]).
pub async fn run(
    config: Config,
    listen: impl Into<Listen>,
    shutdown: impl Future<Output = ()>,
) -> Result<()> {
    let log_format = config.log_format;
    let app = tokio::task::spawn_blocking(move || App::new(config))
        .await
        .map_err(|e| Error::storage(format!("startup failed: {e}")))??;
    // Held until the daemon exits: tells the CLI a daemon delivers the webhooks.
    let _daemon_lock = daemon_lock::acquire(&app.config.db)?;
    let listener = match listen.into() {
        Listen::Bound(l) => l,
        Listen::Addr(a) => TcpListener::bind(&a)
            .await
            .map_err(|e| Error::storage(format!("cannot listen on {a}: {e}")))?,
    };
    let addr = listener.local_addr()?;
    // Lets `jackbox game show` ask this daemon for a monitor's live room state. Also the
    // proof that the file takes writes (full disk, read-only folder): only then is the
    // daemon announced.
    let url = daemon_url(addr);
    app.db
        .write(move |c| store::set_setting(c, daemon_lock::URL_SETTING, &url))
        .await?;
    // Plain first line, whatever the log format: scripts and tests read the port here.
    eprintln!("listening on http://{addr}");
    if let Some(format) = log_format {
        init_logs(format);
    }
    warn_about_admins(&app).await?;
    serve(app, listener, shutdown).await
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("JACKBOX_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Pretty => builder
            .with_ansi(
                std::io::IsTerminal::is_terminal(&std::io::stderr())
                    && std::env::var_os("NO_COLOR").is_none(),
            )
            .try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// A short legacy key, or no admin at all, is worth a warning at start.
async fn warn_about_admins(app: &App) -> Result<()> {
    if app
        .config
        .admin_key
        .as_ref()
        .is_some_and(|k| k.chars().count() < admins::MIN_KEY_LEN)
    {
        tracing::warn!(
            "the admin key (JACKBOX_ADMIN_KEY) is shorter than {} characters: use a longer \
             one, or named admins (jackbox auth admin add NAME)",
            admins::MIN_KEY_LEN
        );
    }
    let reg = app.registry.clone();
    let configured = app
        .db
        .read(move |c| {
            Ok(auth::key_configured(c, reg.env_key.as_deref())?
                || !reg.file.is_empty()
                || !admins::stored(c)?.is_empty())
        })
        .await?;
    if !configured {
        tracing::warn!(
            "no admin configured: logins answer 503 until JACKBOX_ADMIN_KEY is set, \
             `jackbox auth set-key` or `jackbox auth admin add NAME` is run"
        );
    }
    Ok(())
}

/// The loopback URL of a daemon bound to `addr` (a wildcard bind is reached on loopback).
fn daemon_url(addr: SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() {
        if addr.is_ipv4() {
            std::net::IpAddr::from([127, 0, 0, 1])
        } else {
            std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
        }
    } else {
        addr.ip()
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}
