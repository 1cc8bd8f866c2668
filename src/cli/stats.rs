//! `jackbox stats`: totals and rankings.

use super::output::{self, kv};
use super::Ctx;
use crate::core::{model::Game, stats};
use crate::Result;

pub fn run(ctx: &Ctx) -> Result<()> {
    let conn = ctx.open()?;
    let s = stats::stats(&conn)?;
    if ctx.quiet {
        // The ranked games' IDs: most played first, then the top rated not listed yet.
        let mut seen = std::collections::HashSet::new();
        for g in s.most_played_games.iter().chain(&s.top_rated_games) {
            if seen.insert(g.id) {
                output::line(&g.id.to_string());
            }
        }
        return Ok(());
    }
    if ctx.json {
        return output::json(&s);
    }
    kv(&[
        (
            "games",
            format!("{} ({} enabled)", s.games.total, s.games.enabled),
        ),
        (
            "packs",
            format!("{} ({} enabled)", s.packs.total, s.packs.enabled),
        ),
        (
            "sessions",
            format!("{} ({} active)", s.sessions.total, s.sessions.active),
        ),
        ("games played", s.games_played.to_string()),
        ("total votes", s.total_votes.to_string()),
    ]);
    let ranking = |title: &str, games: &[Game], value: fn(&Game) -> String, head: &str| {
        output::line("");
        output::line(title);
        if games.is_empty() {
            output::line("(none yet)");
            return;
        }
        let rows = games
            .iter()
            .enumerate()
            .map(|(i, g)| {
                vec![
                    (i + 1).to_string(),
                    g.title.clone(),
                    g.pack_name.clone(),
                    value(g),
                ]
            })
            .collect();
        output::table(&["#", "title", "pack", head], rows);
    };
    ranking(
        "Most played",
        &s.most_played_games,
        |g| g.play_count.to_string(),
        "plays",
    );
    ranking(
        "Top rated",
        &s.top_rated_games,
        |g| format!("{:+} (+{}/-{})", g.popularity_score, g.upvotes, g.downvotes),
        "score",
    );
    Ok(())
}
