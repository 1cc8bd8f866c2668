//! One payload struct per event (the `data` of `{ "type", "timestamp", "data" }`). Field
//! order is wire order: serde_json keeps it (`preserve_order`), and clients and tests see
//! exactly these bytes.

use crate::core::model::{
    Game, GameVotes, MonitorState, Poll, PollOption, SessionGame, StatusLive, VoteCast,
};
use crate::core::vocab::{
    CountSource, DisconnectReason, DismissReason, MonitorStatus, SelectionSource,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `session.started`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionStarted {
    pub session: StartedSession,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartedSession {
    pub id: i64,
    pub is_active: i64,
    pub created_at: String,
    pub notes: Option<String>,
}

/// `session.reopened`: a closed session was reopened (the undo of a close).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionReopened {
    pub session_id: i64,
}

/// `session.ended`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionEnded {
    pub session: EndedSession,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndedSession {
    pub id: i64,
    pub is_active: i64,
    pub games_played: Option<i64>,
}

/// `game.added`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameAdded {
    pub session: AddedSession,
    pub game: AddedGame,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddedSession {
    pub id: i64,
    pub is_active: i64,
    pub games_played: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddedGame {
    pub id: i64,
    pub session_game_id: i64,
    pub title: String,
    pub pack_name: String,
    pub min_players: i64,
    pub max_players: i64,
    pub manually_added: i64,
    pub room_code: Option<String>,
    /// Where the game came from (`docs/polls.md`).
    pub source: SelectionSource,
}

impl GameAdded {
    /// The event of `sg` just added to its (active) session, now at `games_played` games.
    pub fn new(sg: &SessionGame, games_played: i64) -> Self {
        GameAdded {
            session: AddedSession {
                id: sg.session_id,
                is_active: 1,
                games_played,
            },
            game: AddedGame {
                id: sg.game_id,
                session_game_id: sg.id,
                title: sg.title.clone(),
                pack_name: sg.pack_name.clone(),
                min_players: sg.min_players,
                max_players: sg.max_players,
                manually_added: sg.manually_added,
                source: sg.source,
                room_code: sg.room_code.clone(),
            },
        }
    }
}

/// `player-count.updated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayerCountUpdated {
    pub session_id: i64,
    pub session_game_id: i64,
    pub game_id: i64,
    pub player_count: i64,
    pub source: CountSource,
}

impl PlayerCountUpdated {
    /// The one way to build it, whoever set the count.
    pub fn new(sg: &SessionGame, player_count: i64, source: CountSource) -> Self {
        PlayerCountUpdated {
            session_id: sg.session_id,
            session_game_id: sg.id,
            game_id: sg.game_id,
            player_count,
            source,
        }
    }
}

/// `vote.received`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteReceived {
    pub session_id: i64,
    pub game: VotedGame,
    pub vote: VoteCast,
    pub totals: VoteTotals,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VotedGame {
    pub id: i64,
    /// `null` for a ticker vote for a game not played in the session.
    pub session_game_id: Option<i64>,
    pub title: String,
    pub pack_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoteTotals {
    pub upvotes: i64,
    pub downvotes: i64,
    pub popularity_score: i64,
}

/// `votes.imported`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VotesImported {
    pub session_id: i64,
    pub messages_imported: u64,
    pub votes_processed: u64,
    pub votes_by_game: BTreeMap<String, GameVotes>,
}

/// The room a monitor event is about: the first four fields of every room event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomRef {
    pub session_id: i64,
    pub game_id: i64,
    pub session_game_id: i64,
    pub room_code: Option<String>,
}

impl RoomRef {
    /// `sg`'s room, on `room_code` (the code being watched; `sg.room_code` when `None`).
    pub fn new(sg: &SessionGame, room_code: Option<&str>) -> Self {
        RoomRef {
            session_id: sg.session_id,
            game_id: sg.game_id,
            session_game_id: sg.id,
            room_code: room_code.map(str::to_string).or(sg.room_code.clone()),
        }
    }
}

/// `room.connected`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomConnected {
    #[serde(flatten)]
    pub room: RoomRef,
    pub app_tag: Option<String>,
    pub max_players: Option<i64>,
    pub player_count: i64,
    pub players: Vec<String>,
    pub lobby_state: Option<String>,
    pub game_state: Option<String>,
}

/// `lobby.player-joined`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LobbyPlayerJoined {
    #[serde(flatten)]
    pub room: RoomRef,
    pub player_name: String,
    pub player_count: i64,
    pub players: Vec<String>,
    pub max_players: Option<i64>,
}

/// `lobby.updated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LobbyUpdated {
    #[serde(flatten)]
    pub room: RoomRef,
    pub lobby_state: Option<String>,
    pub game_can_start: Option<bool>,
    pub game_is_starting: Option<bool>,
    pub player_count: i64,
}

/// `game.started`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameStarted {
    #[serde(flatten)]
    pub room: RoomRef,
    pub player_count: i64,
    pub players: Vec<String>,
    pub max_players: Option<i64>,
}

/// `game.ended`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameEnded {
    #[serde(flatten)]
    pub room: RoomRef,
    pub player_count: Option<i64>,
    pub players: Vec<String>,
}

/// `room.disconnected`. `ecastCode`/`ecastMessage` appear only when the lobby server's
/// `error` frame ended the monitor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomDisconnected {
    #[serde(flatten)]
    pub room: RoomRef,
    pub reason: DisconnectReason,
    pub final_player_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecast_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecast_message: Option<String>,
}

/// `test` (webhooks only: `POST /api/webhooks/test/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookTest {
    pub message: String,
    pub webhook_id: i64,
}

/// `auth.changed` (internal: the daemon re-checks its WebSocket clients' tokens).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthChanged {}

/// `monitor.changed` (internal: the daemon's monitor supervisor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitorChanged {
    pub session_game_id: i64,
    pub status: MonitorStatus,
}

/// `monitor.state`: the session game's room monitor changed state (`core::monitor_state`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitorStateChanged {
    pub session_id: i64,
    pub session_game_id: i64,
    pub game_id: i64,
    #[serde(flatten)]
    pub state: MonitorState,
}

/// `game.status` carries the `status-live` object itself.
pub type GameStatusHeartbeat = StatusLive;

/// The game of `game.picked`: the fields overlays show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PickedGame {
    pub id: i64,
    pub title: String,
    pub pack_name: String,
    pub min_players: i64,
    pub max_players: i64,
}

impl From<&Game> for PickedGame {
    fn from(g: &Game) -> Self {
        PickedGame {
            id: g.id,
            title: g.title.clone(),
            pack_name: g.pack_name.clone(),
            min_players: g.min_players,
            max_players: g.max_players,
        }
    }
}

/// `game.picked`: a game was lined up next (`docs/polls.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GamePicked {
    pub session_id: i64,
    pub game: PickedGame,
    pub source: SelectionSource,
}

/// `game.dismissed`: the lined-up game was cleared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameDismissed {
    pub session_id: i64,
    pub game_id: Option<i64>,
    pub reason: DismissReason,
}

/// `poll.start`: a poll opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollStart {
    pub session_id: i64,
    pub poll: Poll,
    pub poll_started_at: String,
}

/// `poll.leading`: the totals of an open poll changed (coalesced: at most one per 250 ms
/// per poll, the last state always sent; `core::polls`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollLeading {
    pub session_id: i64,
    pub poll_id: i64,
    pub leader: Option<PollOption>,
    pub options: Vec<PollOption>,
    pub total_votes: i64,
}

/// `voting.ended`: a poll closed (by hand or at its deadline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VotingEnded {
    pub session_id: i64,
    pub poll_id: i64,
    pub winner_game_id: Option<i64>,
    pub winner_label: Option<String>,
    /// The winner's votes (`null` when no option won).
    pub winner_votes: Option<i64>,
    pub votes: Vec<PollOption>,
}

/// `poll.ending`: the open poll will close at `endsAt` (`voting/end` with a delay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollEnding {
    pub session_id: i64,
    pub poll_id: i64,
    pub ends_at: String,
}

/// `poll.ending.cancelled`: the scheduled end of the open poll was cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollEndingCancelled {
    pub session_id: i64,
    pub poll_id: i64,
}

/// `poll.cancelled`: a poll was cancelled (no winner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollCancelled {
    pub session_id: i64,
    pub poll_id: i64,
}

/// `chat.connected`: a live chat source reads its chat (`docs/chat.md`). Sent to every
/// authenticated WebSocket client, never stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatConnected {
    pub platform: crate::core::vocab::ChatPlatform,
    pub channel: String,
}

/// `chat.disconnected`: a live chat source stopped reading (dropped, failed or removed);
/// `reason` says why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatDisconnected {
    pub platform: crate::core::vocab::ChatPlatform,
    pub channel: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
}
