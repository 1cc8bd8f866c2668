//! `jackbox serve`: runs the daemon (the only command with a tokio runtime).

use super::Ctx;
use crate::serve::{self, Config, LogFormat};
use crate::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  JACKBOX_ADMIN_KEY=secret jackbox serve
  jackbox serve --bind 0.0.0.0:5000 --cors-origin https://overlay.example.com
  jackbox serve --bind 127.0.0.1:0 --log-format json   (port 0: any free port)
  JACKBOX_TWITCH_TOKEN=oauth:… jackbox serve --twitch mychannel --twitch-bot mybot

The first line on stderr is `listening on http://ADDR`. Logs go to stderr; the filter comes
from JACKBOX_LOG (e.g. `info`, `jackbox=debug`).")]
pub struct Args {
    /// Address to listen on
    #[arg(long, env = "JACKBOX_BIND", default_value = "127.0.0.1:5000")]
    pub bind: String,
    /// Allow a browser front end at ORIGIN (repeatable; `*` allows any)
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origin: Vec<String>,
    /// Base URL of the Jackbox lobby server (room monitor)
    #[arg(
        long,
        env = "JACKBOX_ECAST_URL",
        default_value = "https://ecast.jackboxgames.com",
        value_name = "URL"
    )]
    pub ecast_url: String,
    /// Largest chat-import body accepted, in MiB (other routes: 1 MiB)
    #[arg(long, env = "JACKBOX_IMPORT_LIMIT_MB", default_value_t = 64, value_name = "MIB",
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub import_limit_mb: u32,
    /// Client connections served at once, WebSockets included; beyond it a new connection
    /// gets `503 {"error": "Server busy: …"}` [default: 16384, or the open-files limit less 64]
    #[arg(long, env = "JACKBOX_MAX_CONNECTIONS", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: Option<u32>,
    /// Delete audit log entries older than this many days
    #[arg(long, env = "JACKBOX_AUDIT_RETENTION_DAYS", default_value_t = crate::core::audit::DEFAULT_RETENTION_DAYS,
          value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    pub audit_retention_days: u32,
    /// Write a backup of the database into DIR at start (when the newest there is over a
    /// day old) and then daily, keeping the newest --backup-keep
    #[arg(long, env = "JACKBOX_BACKUP_DIR", value_name = "DIR")]
    pub backup_dir: Option<std::path::PathBuf>,
    /// Daily backups to keep in --backup-dir
    #[arg(long, env = "JACKBOX_BACKUP_KEEP", default_value_t = 7, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub backup_keep: u32,
    /// Read these Twitch channels' chat, comma-separated (replaces the stored chat sources)
    #[arg(
        long,
        env = "JACKBOX_TWITCH_CHANNELS",
        value_name = "CHANNEL[,CHANNEL…]"
    )]
    pub twitch: Option<String>,
    /// Read this YouTube live stream's chat, by video id or URL (key in
    /// JACKBOX_YOUTUBE_API_KEY; replaces the stored chat sources)
    #[arg(long, env = "JACKBOX_YOUTUBE_VIDEO", value_name = "VIDEO_ID")]
    pub youtube: Option<String>,
    /// Reply in Twitch chat as this bot account (its token in JACKBOX_TWITCH_TOKEN):
    /// announces polls and their winners, answers !game and !votes
    #[arg(long = "twitch-bot", env = "JACKBOX_TWITCH_BOT", value_name = "NAME")]
    pub twitch_bot: Option<String>,
    /// Whether the bot's !game answer gives the room code (hidden: keep it off the stream)
    #[arg(long = "twitch-bot-room-code", env = "JACKBOX_TWITCH_BOT_ROOM_CODE", value_name = "SHOWN|HIDDEN",
          default_value = "shown", value_parser = super::values::choice(&["shown", "hidden"]))]
    pub twitch_bot_room_code: String,
    /// Messages the bot sends per 30 s at most (Twitch: 20 for an ordinary account, 100 when
    /// it is a moderator or VIP of every channel it is in)
    #[arg(long = "twitch-bot-limit", env = "JACKBOX_TWITCH_BOT_LIMIT", value_name = "N", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub twitch_bot_limit: u32,
    /// Log format on stderr
    #[arg(long, value_enum, ignore_case = true, default_value = "pretty")]
    pub log_format: LogFormat,
}

/// Arguments → [`Config`] (the environment's admin key, JWT secret, admins file and webhook
/// settings included), then [`serve::run`] on a runtime of its own.
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mut config = Config::new(ctx.db.clone());
    config.cors_origins = args.cors_origin;
    config.ecast_url = args.ecast_url;
    config.import_body_limit = (args.import_limit_mb as usize) << 20;
    config.backup_dir = args.backup_dir;
    config.backup_keep = args.backup_keep as usize;
    if let Some(n) = args.max_connections {
        config.max_connections = n as usize;
    }
    config.admin_key = crate::env::admin_key();
    config.jwt_secret = crate::env::jwt_secret();
    config.admins_file = crate::env::admins_file();
    config.webhooks = crate::env::webhooks();
    config.audit_retention_days = args.audit_retention_days;
    config.log_format = Some(args.log_format);
    config.chat_sources = chat_sources(args.twitch.as_deref(), args.youtube.as_deref())?;
    if let Some(name) = &args.twitch_bot {
        config.chat.bot = Some(bot_config(
            name,
            &args.twitch_bot_room_code,
            args.twitch_bot_limit,
        )?);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("jackbox-serve")
        .build()?;
    let stop = async {
        serve::shutdown_signal().await;
        exit_watchdog();
    };
    runtime.block_on(serve::run(config, serve::Listen::Addr(args.bind), stop))?;
    // Blocking tasks (a long SQLite query) must not keep the process alive past the grace.
    runtime.shutdown_timeout(std::time::Duration::from_millis(300));
    Ok(())
}

/// From the stop signal on, the process has [`serve::EXIT_DEADLINE`]: every stage of the
/// shutdown has its own budget within it, and this thread ends the process if something
/// (a slow disk closing the database, a stuck thread) still runs then. Nothing is lost:
/// SQLite never keeps a transaction that was not committed.
fn exit_watchdog() {
    let _ = std::thread::Builder::new()
        .name("jackbox-exit".into())
        .spawn(|| {
            std::thread::sleep(serve::EXIT_DEADLINE);
            tracing::warn!(
                "shutdown past its {:?} budget: exiting now",
                serve::EXIT_DEADLINE
            );
            std::process::exit(0);
        });
}

/// `--twitch-bot NAME` with its token from the environment. A bot without a token is a
/// usage error (exit 2), like a missing argument.
fn bot_config(name: &str, room_code: &str, limit: u32) -> Result<crate::chat::bot::BotConfig> {
    use crate::chat::bot::{BotConfig, Token};
    use crate::core::chat::bot::RoomCodes;
    let login = crate::core::chat::sources::twitch_channel(name).map_err(|e| {
        crate::Error::invalid(format!(
            "invalid --twitch-bot {name:?}: {}",
            e.replace("channel", "account")
        ))
    })?;
    let Some(token) = crate::env::twitch_token().as_deref().and_then(Token::new) else {
        clap::Error::raw(
            clap::error::ErrorKind::MissingRequiredArgument,
            format!(
                "--twitch-bot {login} needs the account's OAuth token in JACKBOX_TWITCH_TOKEN \
                 (see docs/chat.md, \"Replies in chat\")\n"
            ),
        )
        .exit()
    };
    Ok(BotConfig {
        login,
        token,
        room_codes: if room_code == "hidden" {
            RoomCodes::Hidden
        } else {
            RoomCodes::Shown
        },
        limit: limit as usize,
        window: std::time::Duration::from_secs(30),
    })
}

/// `--twitch` / `--youtube`: the chat sources that replace the stored list, if given.
fn chat_sources(
    twitch: Option<&str>,
    youtube: Option<&str>,
) -> Result<Option<Vec<crate::core::chat::sources::Source>>> {
    use crate::core::chat::sources::parse_source;
    use crate::core::vocab::ChatPlatform;
    if twitch.is_none() && youtube.is_none() {
        return Ok(None);
    }
    let mut out = Vec::new();
    let items = twitch
        .into_iter()
        .flat_map(|t| t.split(','))
        .map(|c| (ChatPlatform::Twitch, c, "--twitch"))
        .chain(youtube.map(|y| (ChatPlatform::Youtube, y, "--youtube")));
    for (platform, channel, flag) in items {
        if channel.trim().is_empty() {
            continue;
        }
        let s = parse_source(platform, channel)
            .map_err(|e| crate::Error::invalid(format!("invalid {flag} {channel:?}: {e}")))?;
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(Some(out))
}
