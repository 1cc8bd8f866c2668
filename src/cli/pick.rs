//! `jackbox pick`: the weighted random picker, optionally adding the pick to the session.

use super::output::{self, line, opt};
use super::Ctx;
use crate::core::lineup;
use crate::core::picker::{self, PickRequest};
use crate::core::selection::SelectionSource;
use crate::core::session_games::NewGame;
use crate::core::sessions;
use crate::Result;
use rand::SeedableRng;

const EXAMPLES: &str = "Examples:
  jackbox pick --players 6
  jackbox pick --players 8 --drawing exclude --length short --exclude-played
  jackbox pick --pack \"The Jackbox Party Pack 7\" --pack \"The Jackbox Party Pack 8\"
  jackbox pick --players 5 --add            (pick and add it to the active session)
  jackbox pick --players 5 --select         (line it up next: the session's selection)
  jackbox pick --seed 42                    (the same pick every time, for a given catalog)
  GAME=$(jackbox pick -q)";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub filters: super::catalog::FilterArgs,
    /// Avoid repeats in this session [default: the active session, if any]
    #[arg(long, value_name = "ID")]
    pub session: Option<i64>,
    /// Exclude every game already played in the session (not only the last two)
    #[arg(long)]
    pub exclude_played: bool,
    /// Seed the random draw: the same seed and catalog give the same pick
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Add the picked game to the session (default: the active one) in the same step
    #[arg(long, conflicts_with = "select")]
    pub add: bool,
    /// Line the picked game up as the session's selection (source dice) instead of adding it
    #[arg(long)]
    pub select: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mut conn = ctx.open_for(args.add || args.select)?;
    let session_id = match (args.session, args.add || args.select) {
        (Some(id), _) => Some(id),
        // --add and --select need a session: no active one is an error, said by resolve.
        (None, true) => Some(sessions::resolve(&conn, None)?.id),
        (None, false) => sessions::active(&conn)?.map(|s| s.id),
    };
    let req = PickRequest {
        filter: args.filters.to_filter()?,
        session_id,
        exclude_played: args.exclude_played,
        select: args.select,
    };
    let mut rng: Box<dyn rand::RngCore> = match args.seed {
        Some(seed) => Box::new(rand::rngs::StdRng::seed_from_u64(seed)),
        None => Box::new(rand::thread_rng()),
    };
    let pick = if args.select {
        lineup::pick_and_select(&mut conn, &req, &mut rng)?
    } else {
        picker::pick(&conn, &req, &mut rng)?
    };
    let added = match (args.add, session_id) {
        (true, Some(sid)) => Some(lineup::add_game(
            &mut conn,
            sid,
            &NewGame {
                game_id: Some(pick.game.id),
                manually_added: false,
                room_code: None,
                source: Some(SelectionSource::Dice),
            },
        )?),
        _ => None,
    };
    if ctx.quiet {
        let id = added.as_ref().map(|sg| sg.id).unwrap_or(pick.game.id);
        line(&id.to_string());
        return Ok(());
    }
    if ctx.json {
        let mut doc = serde_json::to_value(&pick)?;
        if let (Some(sg), Some(obj)) = (&added, doc.as_object_mut()) {
            obj.insert("sessionGame".into(), serde_json::to_value(sg)?);
        }
        return output::json(&doc);
    }
    let g = &pick.game;
    line(&format!("{} ({}), game {}", g.title, g.pack_name, g.id));
    let mut facts = vec![format!("{}-{} players", g.min_players, g.max_players)];
    if let Some(m) = g.length_minutes {
        facts.push(format!("~{m} min"));
    }
    facts.push(opt(&g.game_type));
    if g.family_friendly == 1 {
        facts.push("family-friendly".into());
    }
    line(&format!("  {}", facts.join(" · ")));
    line(&format!(
        "  picked from {} of {} enabled games",
        pick.pool_size, pick.total_enabled
    ));
    if let Some(sg) = added {
        line(&format!(
            "Added to session {} as session game {} (playing)",
            sg.session_id, sg.id
        ));
    }
    if let Some(sel) = &pick.selection {
        line(&format!(
            "Lined up next in session {} (add it with: jackbox game add {})",
            sel.session_id, g.id
        ));
    }
    Ok(())
}
