//! The schema, as an append-only list of migrations applied against `PRAGMA user_version`.
//!
//! Never edit a released step: add a new one at the end. Every released step is pinned by
//! the hash of what it runs (`tests/it/migrations.rs`, `released_steps_are_frozen`). A step never calls code that may
//! change later (no `core::…` function): data that ships with the product, such as the
//! built-in catalog, is frozen SQL or constants here (`steps/`), and a later change to it is
//! a new step. Each step runs in the same
//! `BEGIN IMMEDIATE` transaction as the version bump, so two processes opening a fresh file
//! at the same moment cannot both migrate it.

use crate::{Error, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};

enum Step {
    Sql(&'static str),
    /// A step written in code, and the frozen data it writes as text (what its pin hashes).
    Code(fn(&Transaction) -> Result<()>, fn() -> String),
}

const STEPS: &[Step] = &[
    // 1: catalog, sessions, session games, settings.
    Step::Sql(
        "CREATE TABLE packs (
            name TEXT PRIMARY KEY,
            enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            favor_bias INTEGER NOT NULL DEFAULT 0 CHECK (favor_bias IN (-1, 0, 1))
        );
        CREATE TABLE games (
            id INTEGER PRIMARY KEY,
            pack_name TEXT NOT NULL,
            title TEXT NOT NULL,
            min_players INTEGER NOT NULL CHECK (min_players >= 1),
            max_players INTEGER NOT NULL CHECK (max_players >= min_players),
            length_minutes INTEGER CHECK (length_minutes IS NULL OR length_minutes > 0),
            has_audience INTEGER NOT NULL DEFAULT 0 CHECK (has_audience IN (0, 1)),
            family_friendly INTEGER NOT NULL DEFAULT 0 CHECK (family_friendly IN (0, 1)),
            game_type TEXT,
            secondary_type TEXT,
            app_tag TEXT,
            enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            favor_bias INTEGER NOT NULL DEFAULT 0 CHECK (favor_bias IN (-1, 0, 1)),
            play_count INTEGER NOT NULL DEFAULT 0,
            upvotes INTEGER NOT NULL DEFAULT 0,
            downvotes INTEGER NOT NULL DEFAULT 0,
            popularity_score INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (pack_name, title)
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            notes TEXT,
            is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
            created_at TEXT NOT NULL,
            closed_at TEXT
        );
        -- At most one active session, enforced by the database itself.
        CREATE UNIQUE INDEX sessions_one_active ON sessions (is_active) WHERE is_active = 1;
        CREATE INDEX sessions_by_created ON sessions (created_at DESC, id DESC);
        CREATE TABLE session_games (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            game_id INTEGER NOT NULL REFERENCES games (id),
            played_at TEXT NOT NULL,
            manually_added INTEGER NOT NULL DEFAULT 0 CHECK (manually_added IN (0, 1)),
            status TEXT NOT NULL DEFAULT 'playing'
                CHECK (status IN ('playing', 'played', 'skipped')),
            room_code TEXT,
            player_count INTEGER CHECK (player_count IS NULL OR player_count >= 0),
            player_count_check_status TEXT NOT NULL DEFAULT 'not_started'
                CHECK (player_count_check_status IN
                    ('not_started', 'monitoring', 'completed', 'failed', 'stopped')),
            upvotes INTEGER NOT NULL DEFAULT 0,
            downvotes INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX session_games_by_session ON session_games (session_id, played_at, id);
        CREATE INDEX session_games_by_game ON session_games (game_id);
        -- Within a session, at most one game is playing.
        CREATE UNIQUE INDEX session_games_one_playing ON session_games (session_id)
            WHERE status = 'playing';
        CREATE INDEX session_games_monitoring ON session_games (player_count_check_status)
            WHERE player_count_check_status = 'monitoring';
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );",
    ),
    // 2: the built-in catalog, as frozen data.
    Step::Sql(include_str!("steps/002_catalog.sql")),
    // 3: chat logs and live votes.
    Step::Sql(
        "CREATE TABLE chat_logs (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            username TEXT NOT NULL,
            message TEXT NOT NULL,
            timestamp TEXT NOT NULL,
            vote TEXT CHECK (vote IS NULL OR vote IN ('up', 'down')),
            session_game_id INTEGER REFERENCES session_games (id) ON DELETE SET NULL,
            message_hash TEXT NOT NULL,
            UNIQUE (session_id, message_hash)
        );
        CREATE INDEX chat_logs_by_session ON chat_logs (session_id, timestamp);
        CREATE INDEX chat_logs_by_session_game ON chat_logs (session_game_id)
            WHERE session_game_id IS NOT NULL;
        CREATE TABLE live_votes (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            game_id INTEGER NOT NULL REFERENCES games (id),
            session_game_id INTEGER REFERENCES session_games (id) ON DELETE SET NULL,
            username TEXT NOT NULL,
            vote_type TEXT NOT NULL CHECK (vote_type IN ('up', 'down')),
            timestamp TEXT NOT NULL,
            created_at TEXT NOT NULL,
            message_hash TEXT NOT NULL
        );
        CREATE INDEX live_votes_by_session ON live_votes (session_id);
        CREATE INDEX live_votes_by_user ON live_votes (username, timestamp);
        CREATE INDEX live_votes_by_hash ON live_votes (message_hash);
        CREATE INDEX live_votes_by_time ON live_votes (timestamp);",
    ),
    // 4: the event outbox and webhooks.
    Step::Sql(
        "CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            type TEXT NOT NULL,
            session_id INTEGER,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE webhooks (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            events TEXT NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            created_at TEXT NOT NULL
        );
        -- One row per (webhook, event) still to deliver; written in the event's transaction
        -- so a delivery survives any restart.
        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY,
            webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
            event_id INTEGER,
            delivery_id TEXT NOT NULL UNIQUE,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'delivered', 'failed')),
            created_at TEXT NOT NULL
        );
        CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at)
            WHERE state = 'pending';
        CREATE TABLE webhook_logs (
            id INTEGER PRIMARY KEY,
            webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
            delivery_id TEXT,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            response_status INTEGER,
            error_message TEXT,
            attempt INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX webhook_logs_by_webhook ON webhook_logs (webhook_id, id DESC);",
    ),
    // 5: chat_logs' dedupe key becomes (session_id, timestamp, message_hash). The hash
    // covers the timestamp, so this is exactly as unique as (session_id, message_hash), but
    // a chronological log now appends to the index instead of inserting 64-character random
    // keys all over it (what made a 1M-message import slow), and the same index serves
    // `WHERE session_id = ? ORDER BY timestamp`, so `chat_logs_by_session` goes. Dropping
    // the old inline UNIQUE needs a table rebuild; ids are kept.
    Step::Sql(
        "CREATE TABLE chat_logs_v5 (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            username TEXT NOT NULL,
            message TEXT NOT NULL,
            timestamp TEXT NOT NULL,
            vote TEXT CHECK (vote IS NULL OR vote IN ('up', 'down')),
            session_game_id INTEGER REFERENCES session_games (id) ON DELETE SET NULL,
            message_hash TEXT NOT NULL
        );
        INSERT INTO chat_logs_v5
            (id, session_id, username, message, timestamp, vote, session_game_id, message_hash)
            SELECT id, session_id, username, message, timestamp, vote, session_game_id,
                message_hash
            FROM chat_logs ORDER BY id;
        DROP TABLE chat_logs;
        ALTER TABLE chat_logs_v5 RENAME TO chat_logs;
        CREATE UNIQUE INDEX chat_logs_dedupe ON chat_logs (session_id, timestamp, message_hash);
        CREATE INDEX chat_logs_by_session_game ON chat_logs (session_game_id)
            WHERE session_game_id IS NOT NULL;",
    ),
    // 6: named admins, minted API tokens, the audit log (docs/admins.md).
    Step::Sql(
        "-- Keys only as salted hashes. `generation` is random and changes on every rotate, so
        -- a login token naming an old generation (or a removed admin) is refused.
        CREATE TABLE admins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            key_hash TEXT NOT NULL,
            generation TEXT NOT NULL,
            created_at TEXT NOT NULL,
            rotated_at TEXT
        );
        -- Tokens minted for overlays, bots and scripts (never the token itself).
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at TEXT
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_by_at ON audit_log (at);
        CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
        CREATE INDEX audit_log_by_action ON audit_log (action, id);",
    ),
    // 7: `sessions.games_played`, a stored count of the session's games. Reading it was a
    // `COUNT(*)` over the session's index entries on every add and every session read, so
    // writes slowed down as a session grew. Triggers keep it in the same transaction as
    // the insert, delete or move of a session game, whoever writes (daemon, CLI, a test's
    // raw SQL). A later step that rebuilds `session_games` must create these triggers again.
    Step::Sql(
        "ALTER TABLE sessions ADD COLUMN games_played INTEGER NOT NULL DEFAULT 0;
        UPDATE sessions SET games_played =
            (SELECT COUNT(*) FROM session_games sg WHERE sg.session_id = sessions.id);
        CREATE TRIGGER session_games_count_insert AFTER INSERT ON session_games
        BEGIN
            UPDATE sessions SET games_played = games_played + 1 WHERE id = NEW.session_id;
        END;
        CREATE TRIGGER session_games_count_delete AFTER DELETE ON session_games
        BEGIN
            UPDATE sessions SET games_played = games_played - 1 WHERE id = OLD.session_id;
        END;
        CREATE TRIGGER session_games_count_move AFTER UPDATE OF session_id ON session_games
            WHEN NEW.session_id IS NOT OLD.session_id
        BEGIN
            UPDATE sessions SET games_played = games_played - 1 WHERE id = OLD.session_id;
            UPDATE sessions SET games_played = games_played + 1 WHERE id = NEW.session_id;
        END;",
    ),
    // 8: choosing the next game together (`docs/polls.md`): the session's selection, where each
    // session game came from, per-game tickers, and polls with their options and votes.
    // Older session games read as `manual` when added by hand, else `dice`.
    Step::Sql(
        "ALTER TABLE sessions ADD COLUMN pending_game_id INTEGER
            REFERENCES games (id) ON DELETE SET NULL;
        ALTER TABLE sessions ADD COLUMN pending_game_source TEXT
            CHECK (pending_game_source IS NULL
                OR pending_game_source IN ('dice', 'manual', 'poll'));
        ALTER TABLE session_games ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
            CHECK (source IN ('dice', 'manual', 'poll'));
        UPDATE session_games
            SET source = CASE WHEN manually_added = 1 THEN 'manual' ELSE 'dice' END;
        ALTER TABLE games ADD COLUMN ticker TEXT
            CHECK (ticker IS NULL OR (length(ticker) BETWEEN 2 AND 8
                AND ticker NOT GLOB '*[^A-Z0-9]*'));
        CREATE UNIQUE INDEX games_ticker ON games (ticker) WHERE ticker IS NOT NULL;
        CREATE TABLE polls (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'closed', 'cancelled')),
            started_at TEXT NOT NULL,
            closes_at TEXT,
            closed_at TEXT,
            winner_position INTEGER,
            -- The positions that tied for first when a draw decided the winner (JSON list).
            tie_break TEXT,
            created_by TEXT NOT NULL,
            -- poll.leading coalescing: when the last one went out, and whether totals have
            -- changed since without one going out.
            leading_sent_at TEXT,
            leading_pending INTEGER NOT NULL DEFAULT 0 CHECK (leading_pending IN (0, 1))
        );
        -- One open poll per session, enforced by the database itself.
        CREATE UNIQUE INDEX polls_one_open ON polls (session_id) WHERE status = 'open';
        CREATE INDEX polls_by_session ON polls (session_id, id);
        CREATE TABLE poll_options (
            poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 7),
            game_id INTEGER REFERENCES games (id) ON DELETE SET NULL,
            label TEXT NOT NULL,
            ticker TEXT,
            PRIMARY KEY (poll_id, position)
        );
        CREATE INDEX poll_options_by_game ON poll_options (game_id) WHERE game_id IS NOT NULL;
        -- One vote per username per poll (Twitch names are case-insensitive).
        CREATE TABLE poll_votes (
            poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
            username TEXT NOT NULL COLLATE NOCASE,
            position INTEGER NOT NULL,
            voted_at TEXT NOT NULL,
            PRIMARY KEY (poll_id, username)
        );
        CREATE INDEX poll_votes_by_option ON poll_votes (poll_id, position);",
    ),
    // 9: the built-in tickers (the product's own list, `docs/catalog.md`). Frozen data: a
    // game renamed or removed since simply gets none.
    Step::Code(seed_tickers_v9, tickers_v9_text),
    // 10: sessions.updated_at, moved by every write to the session, its games and its live
    // votes (triggers below, so no write path can forget it; chat_logs rows are written
    // only by the chat import, which moves it once per import instead of once per row, and
    // deleted only with their session). It never goes backwards and moves by at least 1 ms
    // per write, so two writes always leave two different values: `session export --all`
    // relies on that to rewrite exactly the files whose session changed. Existing sessions
    // get the latest time known of them: created, closed, last game added, last live vote.
    Step::Sql(
        "ALTER TABLE sessions ADD COLUMN updated_at TEXT;
        UPDATE sessions SET updated_at = max(
            created_at,
            COALESCE(closed_at, ''),
            COALESCE((SELECT MAX(played_at) FROM session_games sg
                      WHERE sg.session_id = sessions.id), ''),
            COALESCE((SELECT MAX(created_at) FROM live_votes v
                      WHERE v.session_id = sessions.id), ''));
        CREATE TRIGGER sessions_updated_at_insert AFTER INSERT ON sessions
        WHEN NEW.updated_at IS NULL BEGIN
            UPDATE sessions SET updated_at = NEW.created_at WHERE id = NEW.id;
        END;
        CREATE TRIGGER sessions_updated_at_update AFTER UPDATE ON sessions
        WHEN NEW.updated_at IS OLD.updated_at BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id = NEW.id;
        END;
        CREATE TRIGGER session_games_updated_at_insert AFTER INSERT ON session_games BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id = NEW.session_id;
        END;
        CREATE TRIGGER session_games_updated_at_update AFTER UPDATE ON session_games BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id IN (OLD.session_id, NEW.session_id);
        END;
        CREATE TRIGGER session_games_updated_at_delete AFTER DELETE ON session_games BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id = OLD.session_id;
        END;
        CREATE TRIGGER live_votes_updated_at_insert AFTER INSERT ON live_votes BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id = NEW.session_id;
        END;
        CREATE TRIGGER live_votes_updated_at_update AFTER UPDATE ON live_votes BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id IN (OLD.session_id, NEW.session_id);
        END;
        CREATE TRIGGER live_votes_updated_at_delete AFTER DELETE ON live_votes BEGIN
            UPDATE sessions SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))
            WHERE id = OLD.session_id;
        END;",
    ),
    // 11: issue 23. The room monitor's state as a host reads it (`core::monitor_state`, a
    // JSON object; NULL until a monitor runs) and a poll's scheduled end (`voting/end`
    // with a delay: the poll closes at the earlier of `closes_at` and `ends_at`).
    Step::Sql(
        "ALTER TABLE session_games ADD COLUMN monitor_state TEXT
            CHECK (monitor_state IS NULL OR json_valid(monitor_state));
        ALTER TABLE polls ADD COLUMN ends_at TEXT;",
    ),
    // 12: live chat (`docs/chat.md`). `chat_sources`: the channels the daemon reads, in the
    // order they were given (`GET/PUT /api/chat/sources`, `serve --twitch`), so a restart
    // reconnects. `chat_voters`: the name each chat account votes under, fixed when the
    // account is first seen, so a viewer who renames is still one voter; names are unique
    // without regard to case, as poll votes compare them.
    Step::Sql(
        "CREATE TABLE chat_sources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            platform TEXT NOT NULL CHECK (platform IN ('twitch', 'youtube')),
            channel TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (platform, channel)
        );
        CREATE TABLE chat_voters (
            platform TEXT NOT NULL,
            account_id TEXT NOT NULL,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            PRIMARY KEY (platform, account_id)
        ) WITHOUT ROWID;",
    ),
    // 13: a webhook's format (`docs/live.md`): `json` (the signed event) or `discord`
    // (a Discord webhook message rendered when the delivery is queued).
    Step::Sql(
        "ALTER TABLE webhooks ADD COLUMN format TEXT NOT NULL DEFAULT 'json'
            CHECK (format IN ('json', 'discord'));",
    ),
    // 14: a key's public id (issue 26): generated keys read `jbx_<id>_<secret>`, and a
    // login looks up the one admin whose `key_id` the presented key names, so it hashes
    // once however many admins there are. NULL for keys made before (and keys chosen in
    // another shape): those are still found by comparing with each admin that has no id.
    Step::Sql(
        "ALTER TABLE admins ADD COLUMN key_id TEXT
            CHECK (key_id IS NULL OR (length(key_id) = 8 AND key_id NOT GLOB '*[^a-z0-9]*'));
        CREATE UNIQUE INDEX admins_by_key_id ON admins (key_id) WHERE key_id IS NOT NULL;",
    ),
];

/// The tickers of step 9: (pack_name, title, ticker). Never edit: a new list is a new step.
const TICKERS_V9: &[(&str, &str, &str)] = &[
    (
        "The Jackbox Party Pack",
        "You Don't Know Jack 2015",
        "YDKJ15",
    ),
    ("The Jackbox Party Pack", "Drawful", "DRAW1"),
    ("The Jackbox Party Pack", "Word Spud", "SPUD"),
    ("The Jackbox Party Pack", "Lie Swatter", "SWAT"),
    ("The Jackbox Party Pack", "Fibbage XL", "FIBXL"),
    ("The Jackbox Party Pack 2", "Fibbage 2", "FIB2"),
    ("The Jackbox Party Pack 2", "Earwax", "EARWAX"),
    ("The Jackbox Party Pack 2", "Bidiots", "BIDIOTS"),
    ("The Jackbox Party Pack 2", "Quiplash XL", "QPLXL"),
    ("The Jackbox Party Pack 2", "Bomb Corp.", "BOMB"),
    ("The Jackbox Party Pack 3", "Quiplash 2", "QPL2"),
    ("The Jackbox Party Pack 3", "Trivia Murder Party", "TMP"),
    ("The Jackbox Party Pack 3", "Guesspionage", "GUESS"),
    ("The Jackbox Party Pack 3", "Fakin' It", "FAKIN"),
    ("The Jackbox Party Pack 3", "Tee K.O.", "TKO"),
    ("The Jackbox Party Pack 4", "Fibbage 3", "FIB3"),
    ("The Jackbox Party Pack 4", "Survive the Internet", "STI"),
    ("The Jackbox Party Pack 4", "Monster Seeking Monster", "MSM"),
    ("The Jackbox Party Pack 4", "Bracketeering", "BRACKET"),
    ("The Jackbox Party Pack 4", "Civic Doodle", "CIVIC"),
    (
        "The Jackbox Party Pack 5",
        "You Don't Know Jack: Full Stream",
        "YDKJFS",
    ),
    ("The Jackbox Party Pack 5", "Split the Room", "SPLIT"),
    ("The Jackbox Party Pack 5", "Mad Verse City", "MVC"),
    ("The Jackbox Party Pack 5", "Zeeple Dome", "ZEEPLE"),
    ("The Jackbox Party Pack 5", "Patently Stupid", "PATENT"),
    ("The Jackbox Party Pack 6", "Trivia Murder Party 2", "TMP2"),
    ("The Jackbox Party Pack 6", "Role Models", "ROLE"),
    ("The Jackbox Party Pack 6", "Joke Boat", "JOKE"),
    ("The Jackbox Party Pack 6", "Dictionarium", "DICT"),
    ("The Jackbox Party Pack 6", "Push the Button", "PTB"),
    ("The Jackbox Party Pack 7", "Quiplash 3", "QPL3"),
    (
        "The Jackbox Party Pack 7",
        "The Devils and the Details",
        "DEVILS",
    ),
    ("The Jackbox Party Pack 7", "Champ'd Up", "CHAMPD"),
    ("The Jackbox Party Pack 7", "Talking Points", "TALK"),
    ("The Jackbox Party Pack 7", "Blather 'Round", "BLATHER"),
    ("The Jackbox Party Pack 8", "Job Job", "JOBJOB"),
    ("The Jackbox Party Pack 8", "Drawful Animate", "DRAWANIM"),
    (
        "The Jackbox Party Pack 8",
        "The Wheel of Enormous Proportions",
        "WHEEL",
    ),
    ("The Jackbox Party Pack 8", "The Poll Mine", "POLLMINE"),
    ("The Jackbox Party Pack 8", "Weapons Drawn", "WEAPONS"),
    ("The Jackbox Party Pack 9", "Fibbage 4", "FIB4"),
    ("The Jackbox Party Pack 9", "Roomerang", "ROOM"),
    ("The Jackbox Party Pack 9", "Junktopia", "JUNK"),
    ("The Jackbox Party Pack 9", "Nonsensory", "NONSENSE"),
    ("The Jackbox Party Pack 9", "Quixort", "QUIXORT"),
    ("The Jackbox Party Pack 10", "Tee K.O. 2", "TKO2"),
    ("The Jackbox Party Pack 10", "Dodo Re Mi", "DODO"),
    ("The Jackbox Party Pack 10", "FixyText", "FIXY"),
    ("The Jackbox Party Pack 10", "Timejinx", "TIMEJINX"),
    ("The Jackbox Party Pack 10", "Hypnotorious", "HYPNO"),
    ("The Jackbox Party Pack 11", "Doominate", "DOOM"),
    ("The Jackbox Party Pack 11", "Hear Say", "HEARSAY"),
    ("The Jackbox Party Pack 11", "Cookie Haus", "COOKIE"),
    ("The Jackbox Party Pack 11", "Suspectives", "SUSPECT"),
    ("The Jackbox Party Pack 11", "Legends of Trivia", "LEGENDS"),
    (
        "The Jackbox Naughty Pack",
        "Fakin' It All Night Long",
        "FAKINALL",
    ),
    ("The Jackbox Naughty Pack", "Dirty Drawful", "DIRTYDRW"),
    ("The Jackbox Naughty Pack", "Let Me Finish", "LMF"),
    ("The Jackbox Party Starter", "Quiplash 3", "QPL3PS"),
    ("The Jackbox Party Starter", "Tee K.O.", "TKOPS"),
    (
        "The Jackbox Party Starter",
        "Trivia Murder Party 2",
        "TMP2PS",
    ),
    ("Standalone", "Fibbage", "FIB1"),
    ("Standalone", "Quiplash", "QPL1"),
    ("Standalone", "Drawful 2", "DRAW2"),
    ("Standalone", "Quiplash 2 InterLASHional", "QPL2INT"),
    ("Standalone", "Guesspionage Crowdplay", "GUESSCP"),
    ("Standalone", "Acquisitions, Inc.", "ACQINC"),
    ("Standalone", "The Jackbox Survey Scramble", "SURVEY"),
];

/// Step 9: gives each built-in game its ticker, unless another game (added by the user
/// before this step ran) already carries it.
fn seed_tickers_v9(tx: &Transaction) -> Result<()> {
    let mut stmt = tx.prepare(
        "UPDATE games SET ticker = ?3
         WHERE pack_name = ?1 AND title = ?2 AND ticker IS NULL
           AND NOT EXISTS (SELECT 1 FROM games WHERE ticker = ?3)",
    )?;
    for (pack, title, ticker) in TICKERS_V9 {
        stmt.execute([pack, title, ticker])?;
    }
    Ok(())
}

/// Step 9's data as text, one `pack<TAB>title<TAB>ticker` line each.
fn tickers_v9_text() -> String {
    TICKERS_V9
        .iter()
        .map(|(pack, title, ticker)| format!("{pack}\t{title}\t{ticker}\n"))
        .collect()
}

/// The built-in tickers, for the test that checks them against the built-in catalog.
#[doc(hidden)]
pub fn builtin_tickers() -> &'static [(&'static str, &'static str, &'static str)] {
    TICKERS_V9
}

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = STEPS.len() as i64;

pub(super) fn migrate(conn: &Connection) -> Result<()> {
    let version = user_version(conn)?;
    check_not_newer(version)?;
    if version == LATEST_VERSION {
        return Ok(());
    }
    // `Connection::transaction` needs `&mut`; the unchecked variant lets `open` stay simple.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    let version = user_version(&tx)?;
    check_not_newer(version)?;
    apply(&tx, version, LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Runs steps `from + 1 ..= upto`, each followed by its version bump (the caller's
/// transaction commits them together).
fn apply(tx: &Transaction, from: i64, upto: i64) -> Result<()> {
    for (i, step) in STEPS
        .iter()
        .enumerate()
        .take(upto as usize)
        .skip(from as usize)
    {
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(f, _) => f(tx)?,
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    Ok(())
}

/// Fails (without writing anything) when the file comes from a newer build.
pub(super) fn check_version(conn: &Connection) -> Result<()> {
    check_not_newer(user_version(conn)?)
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn check_not_newer(version: i64) -> Result<()> {
    if version > LATEST_VERSION {
        return Err(Error::storage(format!(
            "this database was written by a newer version of jackbox (schema version \
             {version}; this build knows up to {LATEST_VERSION}); upgrade jackbox to use it"
        ))
        .with_hint("upgrade jackbox, or point --db (JACKBOX_DB) at another database file"));
    }
    Ok(())
}

/// Applies only the first `upto` steps: lets tests build a database of an older schema.
#[doc(hidden)]
pub fn migrate_to(conn: &Connection, upto: i64) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    apply(&tx, 0, upto)?;
    tx.commit()?;
    Ok(())
}

/// What step `n` (from 1) runs, as text to hash: its SQL, or for a step written in code the
/// frozen data it writes. Lets a test pin every released step (`tests/it/migrations.rs`).
#[doc(hidden)]
pub fn step_text(n: usize) -> Option<String> {
    Some(match STEPS.get(n.checked_sub(1)?)? {
        Step::Sql(sql) => sql.to_string(),
        Step::Code(_, frozen) => frozen(),
    })
}
