//! Hints for the errors and surprises that would otherwise leave a user guessing: an
//! unknown game title (the nearest titles), a chat import whose
//! votes all fell outside the session's games, a duplicate live vote, a vote with no active
//! session. The CLI prints them as `hint: …` after the error; the HTTP face never sends them.

use super::model::Game;
use crate::Result;
use rusqlite::Connection;

/// `did you mean …?` with up to three catalog titles close to `query`, if any is close.
pub fn nearest_titles(conn: &Connection, query: &str) -> Result<Option<String>> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Ok(None);
    }
    let sql = format!("{} ORDER BY g.pack_name, g.title", Game::SELECT);
    let mut stmt = conn.prepare_cached(&sql)?;
    let games: Vec<Game> = stmt
        .query_map([], Game::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let q_len = q.chars().count();
    // Close enough: at most a third of the typed letters wrong (at least one typo allowed).
    let limit = (q_len / 3).max(1);
    let mut scored: Vec<(usize, &Game)> = games
        .iter()
        .map(|g| (title_distance(&q, &g.title.to_lowercase()), g))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort_by_key(|(d, g)| (*d, g.title.len()));
    let mut names: Vec<String> = Vec::new();
    for (_, g) in scored {
        let name = format!("{} (id {})", g.title, g.id);
        if names.len() == 3 {
            break;
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok((!names.is_empty()).then(|| format!("did you mean {}?", names.join(", "))))
}

/// How far a typed title is from a catalog title: the edit distance to the whole title, or
/// to the closest stretch of it about as long as the typed text (so `quiplsh` is near
/// `Quiplash 3`).
fn title_distance(typed: &str, title: &str) -> usize {
    let t: Vec<char> = typed.chars().collect();
    let c: Vec<char> = title.chars().collect();
    let whole = levenshtein(&t, &c);
    if c.len() <= t.len() {
        return whole;
    }
    // Stretches one letter longer too, for a letter left out (`quiplsh` → `quiplash`).
    let part = [t.len(), t.len() + 1]
        .into_iter()
        .filter(|n| *n <= c.len())
        .flat_map(|n| c.windows(n).map(|w| levenshtein(&t, w)))
        .min()
        .unwrap_or(whole);
    whole.min(part)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// For a duplicate live vote.
pub const DUPLICATE_VOTE: &str = "a viewer's votes less than 1 second apart count once \
    (and the same vote is never stored twice); pass --at for a vote cast at another time";

/// For `vote` with no active session.
pub const NO_ACTIVE_SESSION_FOR_VOTE: &str = "live votes count for the game being played in \
    the active session: start one with `jackbox session create` and add a game; for an \
    earlier night, import its chat log with `jackbox chat import FILE --session ID`";

/// Says so when an import's votes all missed the session's games: the session's time span,
/// the unmatched votes' own span, and what usually fixes it.
pub fn unmatched_votes(
    conn: &Connection,
    session_id: i64,
    unmatched: u64,
) -> Result<(String, String)> {
    let session = super::sessions::get(conn, session_id)?;
    let (first_game, vote_from, vote_to): (Option<String>, Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT (SELECT MIN(played_at) FROM session_games WHERE session_id = ?1),
                    MIN(timestamp), MAX(timestamp)
             FROM chat_logs WHERE session_id = ?1 AND vote IS NOT NULL
                AND session_game_id IS NULL",
        )?
        .query_row([session_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let span = match (&first_game, &session.closed_at) {
        (None, _) => format!("session {session_id} has no games, so no vote can match one"),
        (Some(from), Some(to)) => format!("session {session_id}'s games run from {from} to {to}"),
        (Some(from), None) => format!("session {session_id}'s games run from {from} on"),
    };
    let votes = match (vote_from, vote_to) {
        (Some(from), Some(to)) => format!(" and its unmatched votes from {from} to {to}"),
        _ => String::new(),
    };
    let what = if unmatched == 1 { "vote" } else { "votes" };
    Ok((
        format!("none of the {unmatched} {what} in the log matched a game: {span}{votes}"),
        "a log written in local time needs its offset (--utc-offset +01:00); a log of \
         another night needs its session (--session ID)"
            .to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_finds_typos_and_parts() {
        assert_eq!(title_distance("quiplsh 3", "quiplash 3"), 1);
        assert_eq!(title_distance("quiplsh", "quiplash 3"), 1);
        assert!(title_distance("zzzz", "drawful 2") > 2);
    }
}
