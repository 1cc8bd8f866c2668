//! `jackbox auth set-key|token`: the admin key (stored only as a salted hash) and tokens
//! minted locally (whoever can write the database file is already the admin).

use super::output;
use super::Ctx;
use crate::core::auth;
use crate::{Error, Result};
use clap::Subcommand;
use std::io::{IsTerminal, Read};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Set the admin key used by `POST /api/auth/login` (read from stdin unless --key)
    #[command(after_help = "Examples:
  echo 'correct horse battery staple' | jackbox auth set-key
  jackbox auth set-key --key \"$KEY\"

JACKBOX_ADMIN_KEY (or ADMIN_KEY), when set for the daemon, takes precedence.")]
    SetKey {
        /// The key (prefer stdin: options show up in the process list)
        #[arg(long)]
        key: Option<String>,
    },
    /// Print an API token (HS256 JWT, role admin)
    #[command(after_help = "Example:\n  TOKEN=$(jackbox auth token --ttl 8h)")]
    Token {
        /// Lifetime: e.g. 30m, 24h, 7d, or seconds
        #[arg(long, default_value = "24h")]
        ttl: String,
    },
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    match cmd {
        Cmd::SetKey { key } => {
            let key = match key {
                Some(k) => k,
                None => {
                    if std::io::stdin().is_terminal() {
                        eprintln!("Enter the admin key, then Ctrl-D:");
                    }
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s)?;
                    s.trim_end_matches(['\n', '\r']).to_string()
                }
            };
            if key.is_empty() {
                return Err(Error::invalid("Admin key is required"));
            }
            let mut conn = ctx.open_or_create()?;
            auth::set_key(&mut conn, &key)?;
            if ctx.json {
                output::json(&serde_json::json!({ "message": "Admin key set" }))
            } else {
                if !ctx.quiet {
                    output::line("Admin key set (stored as a salted hash).");
                }
                Ok(())
            }
        }
        Cmd::Token { ttl } => {
            let secs = auth::parse_ttl(&ttl)?;
            let mut conn = ctx.open_or_create()?;
            let secret = auth::jwt_secret(&mut conn, auth::env_jwt_secret())?;
            let token = auth::mint(&secret, secs)?;
            if ctx.json {
                output::json(&serde_json::json!({ "token": token, "expiresIn": ttl }))
            } else {
                output::line(&token);
                Ok(())
            }
        }
    }
}
