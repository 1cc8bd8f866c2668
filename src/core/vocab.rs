//! The product's words as types: every status, state, source and reason that is stored in
//! the database or sent on the wire is an enum here, with its one spelling, its one parser
//! and its one error message.
//!
//! Each is declared with [`vocab!`](crate::vocab), which gives it `as_str`, `FromStr`
//! (the message is the type's `INVALID`), `Display`, serde (the same spelling),
//! and `ToSql`/`FromSql` (so SQL binds the value instead of spelling it).
//! To add a status: add a variant here (and a migration step if a `CHECK` lists the values).

/// Declares a word enum: `vocab! { /// doc  pub enum Name ("message for a bad value") {
/// Variant = "spelling", … } }`.
#[macro_export]
macro_rules! vocab {
    ($(#[$m:meta])* pub enum $name:ident ($invalid:expr) {
        $( $(#[$vm:meta])* $variant:ident = $s:literal ),+ $(,)?
    }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $( $(#[$vm])* $variant ),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every spelling, in declaration order (e.g. for a CLI's possible values).
            pub const NAMES: &'static [&'static str] = &[$($s),+];
            /// Every variant's Rust name, in declaration order (the web's generated module
            /// spells `GameStatus.Playing` as Rust does).
            pub const VARIANTS: &'static [&'static str] = &[$(stringify!($variant)),+];
            /// The message of a value that is none of these.
            pub const INVALID: &'static str = $invalid;
            /// The one spelling (database, JSON, CLI).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            /// The value spelled exactly `v`, if any.
            pub fn parse(v: &str) -> Option<Self> {
                match v { $($s => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(v: &str) -> Result<Self, $crate::Error> {
                $name::parse(v).ok_or_else(|| $crate::Error::invalid($name::INVALID))
            }
        }

        impl $crate::core::vocab::Word for $name {
            const INVALID: &'static str = $invalid;
            fn parse_word(v: &str) -> Option<Self> {
                $name::parse(v)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&v).ok_or_else(|| serde::de::Error::custom($name::INVALID))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("unknown {} value: {text}", stringify!($name)).into(),
                    )
                })
            }
        }
    };
}

/// What every `vocab!` type is: parsed from its spelling, refused with its message.
pub trait Word: Sized + Copy {
    const INVALID: &'static str;
    fn parse_word(v: &str) -> Option<Self>;
}

vocab! {
    /// Where a session game stands (`session_games.status`). At most one game of a session
    /// is `playing`.
    pub enum GameStatus ("Invalid status. Must be playing, played, or skipped") {
        Playing = "playing",
        Played = "played",
        Skipped = "skipped",
    }
}

vocab! {
    /// The room monitor's state of a session game (`player_count_check_status`).
    pub enum MonitorStatus ("Invalid player_count_check_status") {
        NotStarted = "not_started",
        Monitoring = "monitoring",
        Completed = "completed",
        Failed = "failed",
        Stopped = "stopped",
    }
}

vocab! {
    /// What a room monitor is doing right now (`MonitorState.state`, `docs/room-monitor.md`,
    /// "Monitor state"): finer than [`MonitorStatus`], which only says whether one runs.
    pub enum MonitorPhase ("Invalid monitor state") {
        LookingUp = "looking_up",
        Retrying = "retrying",
        Connected = "connected",
        InPlay = "in_play",
        Ended = "ended",
        Failed = "failed",
        Stopped = "stopped",
    }
}

vocab! {
    /// Which sessions `GET /api/sessions?filter=` lists.
    pub enum SessionListFilter ("Invalid filter. Must be all, active or closed") {
        All = "all",
        Active = "active",
        Closed = "closed",
    }
}

impl SessionListFilter {
    /// The `is_active` the filter asks for (`None`: any).
    pub fn is_active(self) -> Option<bool> {
        match self {
            SessionListFilter::All => None,
            SessionListFilter::Active => Some(true),
            SessionListFilter::Closed => Some(false),
        }
    }
}

vocab! {
    /// Where a player count came from (`player-count.updated`'s `source`).
    pub enum CountSource ("Invalid source") {
        Manual = "manual",
        Monitor = "monitor",
    }
}

vocab! {
    /// Why a room monitor's connection ended (`room.disconnected`'s `reason`).
    pub enum DisconnectReason ("Invalid reason") {
        /// The room closed or the game finished.
        RoomClosed = "room_closed",
        /// The lobby server does not know the room code.
        RoomNotFound = "room_not_found",
        /// The lobby server could not be reached (after the retries).
        ConnectionFailed = "connection_failed",
        /// The lobby server refused the monitor's role.
        RoleRejected = "role_rejected",
        /// Stopped by a user (or by closing the session, or by another game starting).
        ManuallyStopped = "manually_stopped",
    }
}

vocab! {
    /// A queued webhook delivery's state (`webhook_deliveries.state`).
    pub enum DeliveryState ("Invalid delivery state") {
        Pending = "pending",
        Delivered = "delivered",
        Failed = "failed",
    }
}

vocab! {
    /// An upvote or a downvote (`vote_type` of live votes, `vote` of chat logs).
    pub enum VoteKind ("vote must be either \"up\" or \"down\"") {
        Up = "up",
        Down = "down",
    }
}

vocab! {
    /// Where a vote of the history came from (`source` of `GET /api/votes`).
    pub enum VoteSource ("Invalid vote source") {
        Live = "live",
        Chat = "chat",
    }
}

vocab! {
    /// What an API token may do: `admin` everything, `viewer` reads and WebSocket
    /// subscriptions (`docs/admins.md`).
    pub enum Role ("role must be admin or viewer") {
        Admin = "admin",
        Viewer = "viewer",
    }
}

vocab! {
    /// A write, by its stable dotted name (`action` of the audit log). Add new ones at the
    /// end; never rename one (stored rows and scripts filtering on them keep the old name).
    pub enum Action ("Unknown action") {
        SessionCreate = "session.create",
        SessionClose = "session.close",
        SessionDelete = "session.delete",
        GameAdd = "game.add",
        GameRemove = "game.remove",
        GameStatus = "game.status",
        GameRoomCode = "game.room-code",
        GamePlayerCount = "game.player-count",
        MonitorStart = "monitor.start",
        MonitorStop = "monitor.stop",
        CatalogAdd = "catalog.add",
        CatalogEdit = "catalog.edit",
        CatalogRemove = "catalog.remove",
        CatalogEnable = "catalog.enable",
        CatalogFavor = "catalog.favor",
        CatalogImport = "catalog.import",
        PackEnable = "pack.enable",
        PackFavor = "pack.favor",
        VoteLive = "vote.live",
        ChatImport = "chat.import",
        WebhookCreate = "webhook.create",
        WebhookEdit = "webhook.edit",
        WebhookDelete = "webhook.delete",
        WebhookTest = "webhook.test",
        AuthSetKey = "auth.set-key",
        AdminAdd = "admin.add",
        AdminRemove = "admin.remove",
        AdminRotate = "admin.rotate",
        TokenMint = "token.mint",
        TokenRevoke = "token.revoke",
        SelectionSet = "selection.set",
        SelectionDismiss = "selection.dismiss",
        PollOpen = "poll.open",
        PollVote = "poll.vote",
        PollClose = "poll.close",
        PollCancel = "poll.cancel",
        PollEndSchedule = "poll.end-schedule",
        PollEndCancel = "poll.end-cancel",
        SessionReopen = "session.reopen",
        ChatSources = "chat.sources",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in GameStatus::ALL {
            assert_eq!(s.as_str().parse::<GameStatus>().unwrap(), *s);
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        let e = "paused".parse::<GameStatus>().unwrap_err();
        assert_eq!(e.message, GameStatus::INVALID);
        assert_eq!(e.kind, crate::ErrorKind::Invalid);
        assert!(serde_json::from_str::<MonitorStatus>("\"nope\"").is_err());
        assert_eq!(
            serde_json::from_str::<MonitorStatus>("\"not_started\"").unwrap(),
            MonitorStatus::NotStarted
        );
        assert_eq!(
            DisconnectReason::ManuallyStopped.to_string(),
            "manually_stopped"
        );
    }

    #[test]
    fn words_in_sql() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let s: GameStatus = conn
            .query_row("SELECT ?1", [GameStatus::Skipped], |r| r.get(0))
            .unwrap();
        assert_eq!(s, GameStatus::Skipped);
        let bad: rusqlite::Result<GameStatus> = conn.query_row("SELECT 'x'", [], |r| r.get(0));
        assert!(bad.is_err());
    }
}

vocab! {
    /// Where a lined-up game, and so a session game, came from (`pending_game_source`,
    /// `session_games.source`, `docs/polls.md`).
    pub enum SelectionSource ("source must be dice, manual or poll") {
        /// The picker drew it.
        Dice = "dice",
        /// Someone chose it by hand.
        Manual = "manual",
        /// A poll's winner.
        Poll = "poll",
    }
}

vocab! {
    /// Why a lined-up game was cleared (`game.dismissed`'s `reason`).
    pub enum DismissReason ("Invalid reason") {
        /// Cleared by hand.
        Dismissed = "dismissed",
        /// A game was added to the session.
        Added = "added",
        /// The session closed.
        SessionClosed = "session_closed",
    }
}

vocab! {
    /// Where a chat poll is in its life (`polls.status`).
    pub enum PollStatus ("Invalid poll status") {
        Open = "open",
        Closed = "closed",
        Cancelled = "cancelled",
    }
}

vocab! {
    /// Where a live chat message came from (`platform` of a chat source, the middle of the
    /// audit actor `chat:<platform>:<channel>`).
    pub enum ChatPlatform ("platform must be twitch or youtube") {
        Twitch = "twitch",
        Youtube = "youtube",
        /// A chat client's log followed by `jackbox chat follow`.
        File = "file",
    }
}

vocab! {
    /// Where a chat source's connection stands (`state` of `GET /api/chat/sources`).
    pub enum ChatState ("Invalid chat source state") {
        Connecting = "connecting",
        Connected = "connected",
        Failed = "failed",
        Stopped = "stopped",
    }
}

vocab! {
    /// What a webhook receives (`webhooks.format`): the signed JSON event, or a Discord
    /// webhook message.
    pub enum WebhookFormat ("format must be json or discord") {
        Json = "json",
        Discord = "discord",
    }
}

vocab! {
    /// What `GET /api/sessions/{id}/export?format=` and `jackbox session export --format`
    /// write: the JSON document or the text report (also the file extension).
    pub enum ExportFormat ("Invalid format. Must be json or txt") {
        Json = "json",
        Txt = "txt",
    }
}

vocab! {
    /// The chat log formats `jackbox chat import --format` reads (`docs/chat.md`, `docs/cli.md`);
    /// the message lists them all, in this order (a test checks it).
    pub enum ChatFormat ("Unrecognized chat log format. Supported formats: json, twitchdownloader, chatterino, irc, ytdlp, chat-downloader (choose one with --format)") {
        /// `[ { "username", "message", "timestamp" } ]` (or `{ "chatData": [...] }`).
        Json = "json",
        /// TwitchDownloader's chat JSON, or its text export with UTC times.
        TwitchDownloader = "twitchdownloader",
        Chatterino = "chatterino",
        /// IRC logs: ZNC's `[HH:MM:SS] <nick> text`, irssi's `HH:MM <nick> text`.
        Irc = "irc",
        YtDlp = "ytdlp",
        ChatDownloader = "chat-downloader",
    }
}

vocab! {
    /// How a catalog CSV import treats the games already in the catalog (`mode` of
    /// `POST /api/games/import/csv`, `--replace` of `jackbox catalog import`).
    pub enum ImportMode ("mode must be \"append\" or \"replace\"") {
        /// Add new (pack_name, title) rows, update existing ones, keep the rest.
        Append = "append",
        /// Make the catalog the file's rows; games referenced by sessions are never deleted.
        Replace = "replace",
    }
}
