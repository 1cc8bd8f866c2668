//! `jackbox auth …`: the legacy admin key (`set-key`), named admins (`admin add|list|remove|
//! rotate`) and minted tokens (`token`, `token list`, `token revoke`). Whoever can write the
//! database file is already the admin, so these work on the file directly.

use super::output;
use super::Ctx;
use crate::core::auth::{self, Role};
use crate::core::{admins, tokens};
use crate::Result;
use clap::{Args, Subcommand};
use std::io::{IsTerminal, Read};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from
    /// stdin unless --key or --generate)
    #[command(after_help = "Examples:
  jackbox auth set-key --generate
  echo 'correct horse battery staple' | jackbox auth set-key
  jackbox auth set-key --key \"$KEY\"

--generate prints a new random key (jbx_<id>_<secret>) once: its public id lets a login
check it with one hash. JACKBOX_ADMIN_KEY (or ADMIN_KEY), when set for the daemon, takes
precedence. Tokens from logins with the old key stop working.")]
    SetKey {
        /// The key (prefer stdin: options show up in the process list)
        #[arg(long, conflicts_with = "generate")]
        key: Option<String>,
        /// Generate a new random key and print it once
        #[arg(long)]
        generate: bool,
    },
    /// Named admins: add, list, remove, rotate (each logs in with their own key)
    #[command(subcommand)]
    Admin(AdminCmd),
    /// Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:
  TOKEN=$(jackbox auth token --ttl 8h)
  jackbox auth token --viewer --name \"obs overlay\" --ttl 90d
  jackbox auth token list
  jackbox auth token revoke 3

The token is printed once. Viewer tokens read and subscribe to live events, never write."
    )]
    Token {
        #[command(subcommand)]
        action: Option<TokenCmd>,
        #[command(flatten)]
        mint: MintArgs,
    },
}

#[derive(Debug, Args)]
pub struct MintArgs {
    /// A read-only token (role viewer) for an overlay, a bot or a dashboard
    #[arg(long)]
    viewer: bool,
    /// What the token is for (shown in `token list` and the audit log)
    #[arg(long, default_value = "cli")]
    name: String,
    /// Lifetime: e.g. 30m, 24h, 90d, or seconds [default: 24h, viewer 90d]
    #[arg(long)]
    ttl: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// List minted tokens (never the tokens themselves)
    List,
    /// Revoke a token at once (also on open WebSocket connections)
    Revoke {
        /// The token's id (from `token list`)
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCmd {
    /// Add an admin; prints a new random key once (or reads one with --key-stdin)
    #[command(after_help = "Examples:
  jackbox auth admin add alice
  printf '%s' \"$KEY\" | jackbox auth admin add bob --key-stdin")]
    Add {
        /// 1-32 characters: letters, digits, _ or -
        name: String,
        /// Read the key (at least 16 characters) from stdin instead of generating one
        #[arg(long)]
        key_stdin: bool,
    },
    /// List the admins that can log in (database, admins file, legacy key)
    List,
    /// Remove an admin: their tokens (and the tokens they minted) stop working at once
    Remove { name: String },
    /// Give an admin a new key: their tokens stop working at once
    Rotate {
        name: String,
        /// Read the new key (at least 16 characters) from stdin instead of generating one
        #[arg(long)]
        key_stdin: bool,
    },
}

fn read_stdin_key(prompt: &str) -> Result<String> {
    if std::io::stdin().is_terminal() {
        eprintln!("{prompt}");
    }
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    Ok(s.trim_end_matches(['\n', '\r']).to_string())
}

/// The admins this process knows besides the database's (admins file, environment key).
fn registry() -> Result<auth::Registry> {
    let file = match crate::env::admins_file() {
        Some(path) => admins::load_file(&path)?,
        None => Vec::new(),
    };
    Ok(auth::Registry {
        file,
        env_key: crate::env::admin_key(),
        // Only the daemon signs login tokens; the CLI never needs a key generation.
        secret: Vec::new(),
    })
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    match cmd {
        Cmd::SetKey { key, generate } => {
            let key = match key {
                Some(k) => k,
                None if generate => admins::generate_key(),
                None => read_stdin_key("Enter the admin key, then Ctrl-D:")?,
            };
            auth::require_key(Some(&key))?;
            let mut conn = ctx.open_or_create()?;
            auth::set_key(&mut conn, &key)?;
            let shown = generate.then_some(key);
            if ctx.json {
                let mut reply = serde_json::json!({ "message": "Admin key set" });
                if let Some(k) = &shown {
                    reply["key"] = k.as_str().into();
                }
                return output::json(&reply);
            }
            match shown {
                Some(k) if ctx.quiet => output::line(&k),
                Some(k) => {
                    output::line("Admin key set (stored as a salted hash).");
                    output::line(&format!("key: {k}"));
                    eprintln!("This key is shown only now: keep it safe.");
                }
                None if !ctx.quiet => output::line("Admin key set (stored as a salted hash)."),
                None => {}
            }
            Ok(())
        }
        Cmd::Admin(cmd) => admin(ctx, cmd),
        Cmd::Token { action, mint } => match action {
            None => mint_token(ctx, mint),
            Some(TokenCmd::List) => {
                let list = tokens::list(&ctx.open()?)?;
                if ctx.quiet {
                    list.iter().for_each(|t| output::line(&t.id.to_string()));
                    return Ok(());
                }
                if ctx.json {
                    return output::json(&list);
                }
                let now = crate::time::now();
                let rows = list
                    .iter()
                    .map(|t| {
                        let state = if t.revoked_at.is_some() {
                            "revoked"
                        } else if t.expires_at <= now {
                            "expired"
                        } else {
                            "active"
                        };
                        vec![
                            t.id.to_string(),
                            t.name.clone(),
                            t.role.as_str().to_string(),
                            state.to_string(),
                            t.created_by.clone(),
                            t.expires_at.clone(),
                            output::opt(&t.last_used_at),
                        ]
                    })
                    .collect();
                output::table(
                    &[
                        "ID",
                        "Name",
                        "Role",
                        "State",
                        "Created by",
                        "Expires",
                        "Last used",
                    ],
                    rows,
                );
                Ok(())
            }
            Some(TokenCmd::Revoke { id }) => {
                let r = tokens::revoke(&mut ctx.open_or_create()?, id)?;
                if ctx.json {
                    output::json(&r)
                } else {
                    if !ctx.quiet {
                        output::line(&format!("Token {id} revoked."));
                    }
                    Ok(())
                }
            }
        },
    }
}

fn mint_token(ctx: &Ctx, args: MintArgs) -> Result<()> {
    let role = if args.viewer {
        Role::Viewer
    } else {
        Role::Admin
    };
    let new = tokens::NewToken::new(&args.name, role, args.ttl.as_deref())?;
    let mut conn = ctx.open_or_create()?;
    let secret = auth::jwt_secret(&mut conn, crate::env::jwt_secret())?;
    let minted = tokens::mint(&mut conn, &secret, &new)?;
    if ctx.json {
        output::json(&minted)
    } else {
        // Just the token on stdout: `TOKEN=$(jackbox auth token)`.
        output::line(&minted.token);
        Ok(())
    }
}

fn admin(ctx: &Ctx, cmd: AdminCmd) -> Result<()> {
    let reg = registry()?;
    let reply = match cmd {
        AdminCmd::List => {
            let list = admins::list(&ctx.open()?, &reg)?;
            if ctx.quiet {
                // Admins have no ID: their name is their key.
                list.iter().for_each(|a| output::line(&a.name));
                return Ok(());
            }
            if ctx.json {
                return output::json(&list);
            }
            let rows = list
                .iter()
                .map(|a| {
                    vec![
                        a.name.clone(),
                        a.source.to_string(),
                        output::opt(&a.created_at),
                        output::opt(&a.rotated_at),
                    ]
                })
                .collect();
            output::table(&["Name", "Source", "Created", "Rotated"], rows);
            return Ok(());
        }
        AdminCmd::Add { name, key_stdin } => {
            let key = key_stdin
                .then(|| read_stdin_key("Enter the new admin's key, then Ctrl-D:"))
                .transpose()?;
            admins::add(&mut ctx.open_or_create()?, &reg, &name, key.as_deref())?
        }
        AdminCmd::Rotate { name, key_stdin } => {
            let key = key_stdin
                .then(|| read_stdin_key("Enter the new key, then Ctrl-D:"))
                .transpose()?;
            admins::rotate(&mut ctx.open_or_create()?, &reg, &name, key.as_deref())?
        }
        AdminCmd::Remove { name } => admins::remove(&mut ctx.open_or_create()?, &name)?,
    };
    if ctx.json {
        return output::json(&reply);
    }
    if ctx.quiet {
        output::line(reply.key.as_deref().unwrap_or(&reply.name));
        return Ok(());
    }
    output::line(&format!("{}.", reply.message));
    if let Some(key) = &reply.key {
        output::line(&format!("key: {key}"));
        eprintln!(
            "This key is shown only now: give it to {} and keep it safe.",
            reply.name
        );
    }
    Ok(())
}
