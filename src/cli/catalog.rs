//! `jackbox catalog …`: the games catalog and its packs.

use super::output::{self, kv, opt};
use super::{values, Ctx};
use crate::core::catalog::{self, Drawing, GameFilter, Length};
use crate::core::input::Raw;
use crate::core::model::Game;
use crate::Result;
use clap::Subcommand;
use std::path::PathBuf;

/// The catalog filters, shared with `pick`.
#[derive(Debug, Clone, clap::Args, Default)]
pub struct FilterArgs {
    /// Only games playable by N players
    #[arg(long, value_name = "N")]
    pub players: Option<i64>,
    /// Only drawing games, or none of them
    #[arg(long, value_parser = values::choice(Drawing::NAMES))]
    pub drawing: Option<String>,
    /// short (≤ 15 min or unknown), medium (16-25), long (> 25)
    #[arg(long, value_parser = values::choice(Length::NAMES))]
    pub length: Option<String>,
    /// Only family-friendly games
    #[arg(long)]
    pub family_friendly: bool,
    /// Only games of this pack (repeatable)
    #[arg(long = "pack", value_name = "NAME")]
    pub packs: Vec<String>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> Result<GameFilter> {
        fn text(v: &Option<String>) -> Option<Raw<'_>> {
            v.as_deref().map(Raw::Text)
        }
        Ok(GameFilter {
            player_count: self
                .players
                .map(|n| GameFilter::parse_player_count(Raw::Int(n)))
                .transpose()?,
            drawing: text(&self.drawing)
                .map(GameFilter::parse_drawing)
                .transpose()?,
            length: text(&self.length)
                .map(GameFilter::parse_length)
                .transpose()?,
            family_friendly: self.family_friendly.then_some(true),
            packs: self.packs.clone(),
            ..GameFilter::default()
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List games, by pack then title
    List {
        #[command(flatten)]
        filters: FilterArgs,
        /// Only enabled (true) or disabled (false) games
        #[arg(long, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
        enabled: Option<bool>,
        /// Title contains TEXT
        #[arg(long, value_name = "TEXT")]
        q: Option<String>,
    },
    /// Show one game
    Show { id: i64 },
    /// Add a game
    Add(super::catalog_edit::AddArgs),
    /// Edit a game's fields
    Edit(super::catalog_edit::EditArgs),
    /// Delete a game (refused for games used in a session; disable it instead)
    Remove { id: i64 },
    /// Enable a game for the picker
    Enable { id: i64 },
    /// Disable a game for the picker
    Disable { id: i64 },
    /// Set a game's favor: -1, 0 or 1
    #[command(allow_negative_numbers = true)]
    Favor { id: i64, favor: i64 },
    /// Packs: list, enable, disable, favor
    #[command(subcommand)]
    Pack(PackCmd),
    /// Import games from CSV (append, or replace the catalog)
    Import {
        file: PathBuf,
        /// Replace the catalog (games used in sessions are kept and updated)
        #[arg(long)]
        replace: bool,
    },
    /// Export the catalog as CSV (stdout by default)
    Export {
        /// Write to FILE instead of stdout (`-` is stdout)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCmd {
    /// List packs with their flags and counts
    List,
    /// Enable picking from a pack
    Enable { name: String },
    /// Disable picking from a pack
    Disable { name: String },
    /// Set a pack's favor: -1, 0 or 1
    #[command(allow_negative_numbers = true)]
    Favor { name: String, favor: i64 },
}

impl Cmd {
    /// Whether the command writes (and so may create the database).
    fn writes(&self) -> bool {
        !matches!(
            self,
            Cmd::List { .. } | Cmd::Show { .. } | Cmd::Export { .. } | Cmd::Pack(PackCmd::List)
        )
    }
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let conn = ctx.open_for(cmd.writes())?;
    match cmd {
        Cmd::List {
            filters,
            enabled,
            q,
        } => {
            let mut filter = filters.to_filter()?;
            filter.enabled = enabled;
            filter.q = q;
            let games = catalog::list(&conn, &filter)?;
            if ctx.quiet {
                games.iter().for_each(|g| output::line(&g.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&games);
            }
            let rows = games
                .iter()
                .map(|g| {
                    vec![
                        g.id.to_string(),
                        g.title.clone(),
                        opt(&g.ticker),
                        g.pack_name.clone(),
                        format!("{}-{}", g.min_players, g.max_players),
                        opt(&g.length_minutes),
                        opt(&g.game_type),
                        if g.enabled == 1 { "yes" } else { "no" }.to_string(),
                        g.favor_bias.to_string(),
                        g.play_count.to_string(),
                    ]
                })
                .collect();
            output::table(
                &[
                    "ID", "Title", "Ticker", "Pack", "Players", "Min", "Type", "Enabled", "Favor",
                    "Plays",
                ],
                rows,
            );
            Ok(())
        }
        Cmd::Show { id } => show_game(ctx, &catalog::get(&conn, id)?),
        other => super::catalog_edit::run(ctx, conn, other),
    }
}

/// One game: its ID (`-q`), JSON, or a key/value block.
pub fn show_game(ctx: &Ctx, g: &Game) -> Result<()> {
    if ctx.quiet {
        output::line(&g.id.to_string());
        return Ok(());
    }
    if ctx.json {
        return output::json(g);
    }
    let yes = |v: i64| if v == 1 { "yes" } else { "no" }.to_string();
    kv(&[
        ("Game", g.id.to_string()),
        ("Title", g.title.clone()),
        ("Pack", g.pack_name.clone()),
        ("Players", format!("{}-{}", g.min_players, g.max_players)),
        ("Length", opt(&g.length_minutes.map(|m| format!("{m} min")))),
        ("Audience", yes(g.has_audience)),
        ("Family friendly", yes(g.family_friendly)),
        ("Type", opt(&g.game_type)),
        ("Secondary type", opt(&g.secondary_type)),
        ("App tag", opt(&g.app_tag)),
        ("Ticker", opt(&g.ticker)),
        ("Enabled", yes(g.enabled)),
        ("Favor", g.favor_bias.to_string()),
        ("Plays", g.play_count.to_string()),
        (
            "Votes",
            format!(
                "+{} / -{} (score {})",
                g.upvotes, g.downvotes, g.popularity_score
            ),
        ),
    ]);
    Ok(())
}
