//! `jackbox catalog add|edit|remove|enable|disable|favor|pack|import|export`: managing the
//! catalog. Each command maps its options onto one core call.

use super::catalog::{show_game, Cmd, PackCmd};
use super::output::{self, line};
use super::Ctx;
use crate::core::catalog::{self, GamePatch, ImportMode};
use crate::core::input::Raw;
use crate::core::model::Game;
use crate::Result;
use clap::builder::BoolishValueParser;
use rusqlite::Connection;
use std::io::Read;

const ADD_EXAMPLES: &str = "Examples:
  jackbox catalog add --pack \"The Jackbox Party Pack 12\" --title \"New Game\" \\
      --min-players 3 --max-players 8 --length 20 --audience --family-friendly \\
      --type Writing --app-tag new-game
  ID=$(jackbox catalog add -q --pack Homebrew --title \"Charades\" --min-players 2 --max-players 12)";

const EDIT_EXAMPLES: &str = "Only the options given change. Empty text clears a field.
Examples:
  jackbox catalog edit 42 --max-players 10
  jackbox catalog edit 42 --app-tag \"drawful2international,drawful2\"
  jackbox catalog edit 42 --ticker QPL3
  jackbox catalog edit 42 --audience false --length \"\"";

/// `catalog add`.
#[derive(Debug, clap::Args)]
#[command(after_help = ADD_EXAMPLES)]
pub struct AddArgs {
    /// The pack, e.g. "The Jackbox Party Pack 7"
    #[arg(long)]
    pub pack: String,
    /// The game's title (unique within its pack)
    #[arg(long)]
    pub title: String,
    /// Fewest players
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub min_players: i64,
    /// Most players
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub max_players: i64,
    #[command(flatten)]
    pub more: MoreArgs,
    /// Add it disabled (never picked until enabled)
    #[arg(long)]
    pub disabled: bool,
}

/// `catalog edit`.
#[derive(Debug, clap::Args)]
#[command(after_help = EDIT_EXAMPLES)]
pub struct EditArgs {
    /// The game's id
    pub id: i64,
    /// Move it to another pack
    #[arg(long)]
    pub pack: Option<String>,
    /// Rename it
    #[arg(long)]
    pub title: Option<String>,
    /// Fewest players
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub min_players: Option<i64>,
    /// Most players
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub max_players: Option<i64>,
    #[command(flatten)]
    pub more: MoreArgs,
    /// Enable (true) or disable (false) it
    #[arg(long, value_name = "BOOL", conflicts_with = "disabled", value_parser = BoolishValueParser::new())]
    pub enabled: Option<bool>,
    /// Disable it
    #[arg(long)]
    pub disabled: bool,
}

/// The optional fields shared by `add` and `edit`.
#[derive(Debug, clap::Args)]
pub struct MoreArgs {
    /// Typical length of one game in minutes ("" clears it)
    #[arg(long, value_name = "MIN", allow_hyphen_values = true)]
    pub length: Option<String>,
    /// Audience mode available (--audience false to unset)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true",
          value_parser = BoolishValueParser::new())]
    pub audience: Option<bool>,
    /// Family-friendly (--family-friendly false to unset)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true",
          value_parser = BoolishValueParser::new())]
    pub family_friendly: Option<bool>,
    /// Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party
    #[arg(long = "type", value_name = "T")]
    pub game_type: Option<String>,
    /// A second category
    #[arg(long, value_name = "T")]
    pub secondary_type: Option<String>,
    /// Lobby-server app tags, comma-separated (each tag belongs to one game)
    #[arg(long, value_name = "TAGS")]
    pub app_tag: Option<String>,
    /// Favor: -1 (less often), 0, 1 (more often)
    #[arg(long, value_name = "F", allow_hyphen_values = true)]
    pub favor: Option<i64>,
    /// Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it
    #[arg(long, value_name = "TICKER")]
    pub ticker: Option<String>,
}

impl MoreArgs {
    fn patch(self) -> Result<GamePatch> {
        let length_minutes = self
            .length
            .as_deref()
            .map(|v| GamePatch::parse_length(Raw::Text(v)))
            .transpose()?;
        if let Some(f) = self.favor {
            catalog::check_favor(f)?;
        }
        Ok(GamePatch {
            length_minutes,
            has_audience: self.audience,
            family_friendly: self.family_friendly,
            game_type: self.game_type.map(Some),
            secondary_type: self.secondary_type.map(Some),
            app_tag: self.app_tag.map(Some),
            favor_bias: self.favor,
            ticker: self.ticker.map(Some),
            ..GamePatch::default()
        })
    }
}

pub fn run(ctx: &Ctx, mut conn: Connection, cmd: Cmd) -> Result<()> {
    match cmd {
        Cmd::Add(a) => {
            let patch = GamePatch {
                pack_name: Some(a.pack),
                title: Some(a.title),
                min_players: Some(a.min_players),
                max_players: Some(a.max_players),
                enabled: Some(!a.disabled),
                ..a.more.patch()?
            };
            let game = catalog::add(&mut conn, patch)?;
            show_game(ctx, &game)
        }
        Cmd::Edit(e) => {
            let enabled = if e.disabled { Some(false) } else { e.enabled };
            let patch = GamePatch {
                pack_name: e.pack,
                title: e.title,
                min_players: e.min_players,
                max_players: e.max_players,
                enabled,
                ..e.more.patch()?
            };
            let game = catalog::update(&mut conn, e.id, patch)?;
            if ctx.quiet {
                return Ok(());
            }
            show_game(ctx, &game)
        }
        Cmd::Remove { id } => {
            let msg = catalog::delete(&mut conn, id)?;
            if ctx.json {
                return output::json(&msg);
            }
            if !ctx.quiet {
                line(&msg.message);
            }
            Ok(())
        }
        Cmd::Enable { id } => one_game(ctx, catalog::set_enabled(&mut conn, id, Some(true))?),
        Cmd::Disable { id } => one_game(ctx, catalog::set_enabled(&mut conn, id, Some(false))?),
        Cmd::Favor { id, favor } => one_game(ctx, catalog::set_favor(&mut conn, id, favor)?),
        Cmd::Pack(cmd) => run_pack(ctx, conn, cmd),
        Cmd::Import { file, replace } => {
            let data = if file.as_os_str() == "-" {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                s
            } else {
                std::fs::read_to_string(&file).map_err(|e| super::file_error("read", &file, e))?
            };
            let mode = if replace {
                ImportMode::Replace
            } else {
                ImportMode::Append
            };
            let msg = catalog::import_csv(&mut conn, &data, mode)?;
            if ctx.json {
                return output::json(&msg);
            }
            if !ctx.quiet {
                line(&msg.message);
            }
            Ok(())
        }
        Cmd::Export { output: out } => {
            let csv = catalog::export_csv(&conn)?;
            match out {
                Some(path) if path.as_os_str() != "-" => {
                    std::fs::write(&path, csv).map_err(|e| super::file_error("write", &path, e))
                }
                _ => {
                    use std::io::Write;
                    let _ = std::io::stdout().lock().write_all(csv.as_bytes());
                    Ok(())
                }
            }
        }
        Cmd::List { .. } | Cmd::Show { .. } => unreachable!("handled by catalog::run"),
    }
}

/// A game after a one-field change: JSON, or one line for humans.
fn one_game(ctx: &Ctx, g: Game) -> Result<()> {
    if ctx.json {
        return output::json(&g);
    }
    if !ctx.quiet {
        let state = if g.enabled == 1 {
            "enabled"
        } else {
            "disabled"
        };
        line(&format!(
            "{} ({}, id {}): {state}, favor {}",
            g.title, g.pack_name, g.id, g.favor_bias
        ));
    }
    Ok(())
}

fn run_pack(ctx: &Ctx, mut conn: Connection, cmd: PackCmd) -> Result<()> {
    match cmd {
        PackCmd::List => {
            let packs = catalog::packs(&conn)?;
            if ctx.quiet {
                // Packs have no ID: their name is their key.
                packs.iter().for_each(|p| line(&p.name));
                return Ok(());
            }
            if ctx.json {
                return output::json(&packs);
            }
            let rows = packs
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        if p.enabled == 1 { "yes" } else { "no" }.to_string(),
                        p.favor_bias.to_string(),
                        p.total_count.to_string(),
                        p.enabled_count.to_string(),
                    ]
                })
                .collect();
            output::table(
                &["Pack", "Enabled", "Favor", "Games", "Enabled games"],
                rows,
            );
            Ok(())
        }
        PackCmd::Enable { name } => pack_toggle(ctx, &mut conn, &name, true),
        PackCmd::Disable { name } => pack_toggle(ctx, &mut conn, &name, false),
        PackCmd::Favor { name, favor } => {
            let p = catalog::set_pack_favor(&mut conn, &name, favor)?;
            if ctx.json {
                return output::json(&p);
            }
            if !ctx.quiet {
                line(&format!("{}: favor {}", p.name, p.favor_bias));
            }
            Ok(())
        }
    }
}

fn pack_toggle(ctx: &Ctx, conn: &mut Connection, name: &str, enabled: bool) -> Result<()> {
    let msg = catalog::set_pack_enabled(conn, name, enabled)?;
    if ctx.json {
        return output::json(&msg);
    }
    if !ctx.quiet {
        let games = msg.extra.get("gamesAffected").cloned().unwrap_or_default();
        let pack = msg
            .extra
            .get("pack")
            .and_then(|v| v.as_str())
            .unwrap_or(name);
        let word = if enabled { "enabled" } else { "disabled" };
        line(&format!("{pack}: {word} ({games} games)"));
    }
    Ok(())
}
