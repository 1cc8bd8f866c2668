//! What the server said about the room, turned into state and events: the player slots,
//! the room entity's flags, and the `room.connected`, `lobby.player-joined`,
//! `lobby.updated` and `game.started` events they imply.

use super::ecast::{RoomEntity, RoomInfo, Sighting, Update};
use super::{Flow, Monitor, Player};
use crate::core::events::{
    Event, GameStarted, LobbyPlayerJoined, LobbyUpdated, RoomConnected, RoomRef,
};

impl Monitor {
    /// Applies what the server said — players (`here`, `client/connected`) and entities
    /// (snapshot entries or update frames, read alike) — and writes what it implies:
    /// `lobby.player-joined` per new player and the count, `lobby.updated`, `game.started`,
    /// the end. `first` (the run's first welcome, with the look-up it followed) writes
    /// `room.connected` with the whole state instead of the per-player and flag events.
    pub(super) async fn apply(
        &mut self,
        players: Vec<Sighting>,
        updates: Vec<Update>,
        first: Option<&RoomInfo>,
    ) -> Flow {
        let first = first.filter(|_| !self.connected);
        let before = self.room.clone();
        let mut joined = Vec::new();
        let sightings = players
            .into_iter()
            .chain(updates.into_iter().filter_map(|u| match u {
                Update::Room(entity) => {
                    self.merge_room(entity);
                    None
                }
                Update::Player(s) => Some(s),
                Update::Other => None,
            }))
            .collect::<Vec<_>>();
        for s in sightings {
            if let Some(name) = self.absorb(s) {
                joined.push(Event::LobbyPlayerJoined(LobbyPlayerJoined {
                    room: self.base(),
                    player_name: name,
                    player_count: self.count(),
                    players: self.names(),
                    max_players: self.max_players,
                }));
            }
        }
        self.sync_live();
        if let Some(room) = first {
            self.connected = true;
            self.sync_live();
            let event = Event::RoomConnected(RoomConnected {
                room: self.base(),
                app_tag: self.app_tag.clone(),
                max_players: self.max_players,
                player_count: self.known_count().or(self.sg.player_count).unwrap_or(0),
                players: self.names(),
                lobby_state: self.room.lobby_state.clone(),
                game_state: self.room.state.clone(),
            });
            self.write(vec![event], self.known_count()).await?;
            self.check_app_tag().await;
            if room.locked && !self.replay_wait {
                self.game_started().await?;
            }
        } else {
            if !joined.is_empty() {
                self.write(joined, self.known_count()).await?;
            }
            let flags =
                |r: &RoomEntity| (r.lobby_state.clone(), r.game_can_start, r.game_is_starting);
            if !self.started && flags(&before) != flags(&self.room) {
                let event = Event::LobbyUpdated(LobbyUpdated {
                    room: self.base(),
                    lobby_state: self.room.lobby_state.clone(),
                    game_can_start: self.room.game_can_start,
                    game_is_starting: self.room.game_is_starting,
                    player_count: self.count(),
                });
                self.write(vec![event], None).await?;
            }
        }
        // A room past `Lobby` is in play; `gameFinished` says it is over (and so was
        // played, even if the monitor only arrived afterwards) — unless it is the earlier
        // game's, in a room replayed on the same code.
        let playing = self.room.state.as_deref().is_some_and(|s| s != "Lobby");
        if playing {
            self.in_play();
        }
        let finished = !self.replay_wait && self.room.game_finished == Some(true);
        if finished || playing {
            self.game_started().await?;
        }
        if finished {
            return Err(self.end(None).await);
        }
        self.set_state(self.room_state()).await
    }

    /// The room went into play: a replay's wait is over, and a `gameFinished` seen before
    /// belonged to the earlier game (frames in play do not repeat it).
    pub(super) fn in_play(&mut self) {
        if self.replay_wait {
            self.replay_wait = false;
            self.room.game_finished = None;
        }
    }

    /// Merges a room entity update (fields an update omits keep their value).
    fn merge_room(&mut self, entity: RoomEntity) {
        let before = &self.room;
        self.room = RoomEntity {
            state: entity.state.or(before.state.clone()),
            lobby_state: entity.lobby_state.or(before.lobby_state.clone()),
            game_can_start: entity.game_can_start.or(before.game_can_start),
            game_is_starting: entity.game_is_starting.or(before.game_is_starting),
            game_finished: entity.game_finished.or(before.game_finished),
        };
    }

    /// Adds a player the server mentioned, unless it is one already known (same connection
    /// id, same user id, or — when one side lacks that id — the same name). Returns the
    /// name of a new player. A player role or a `player:<connection id>` entity makes a slot
    /// even without a name (Quiplash 3 creates `player:<id>` empty, then fills in
    /// `playerInfo`); a name seen later is kept for the slot.
    fn absorb(&mut self, s: Sighting) -> Option<String> {
        self.players_known = true;
        let name = s.name.clone().filter(|n| !n.is_empty());
        let same = self
            .players
            .iter()
            .position(|p| {
                (s.conn.is_some() && p.conn == s.conn) || (s.user.is_some() && p.user == s.user)
            })
            .or_else(|| {
                let name = name.as_deref()?;
                self.players.iter().position(|p| {
                    p.name == name
                        && (s.conn.is_none() || p.conn.is_none())
                        && (s.user.is_none() || p.user.is_none())
                })
            });
        if let Some(i) = same {
            let p = &mut self.players[i];
            if p.conn.is_none() {
                p.conn = s.conn;
            }
            if p.user.is_none() {
                p.user = s.user;
            }
            if p.name.is_empty() {
                p.name = name.unwrap_or_default();
            }
            return None;
        }
        // A user id alone (`bc:customer:<uuid>`) without a name cannot be told apart from a
        // `here` player (known by connection id): it makes no slot until it is named or
        // linked by `client/connected`.
        if s.conn.is_none() && (s.user.is_none() || name.is_none()) {
            return None;
        }
        let name = name.unwrap_or_default();
        self.players.push(Player {
            conn: s.conn,
            user: s.user,
            name: name.clone(),
        });
        Some(name)
    }

    pub(super) async fn game_started(&mut self) -> Flow {
        if self.started {
            return Ok(());
        }
        self.started = true;
        self.sync_live();
        let event = Event::GameStarted(GameStarted {
            room: self.base(),
            player_count: self.count(),
            players: self.names(),
            max_players: self.max_players,
        });
        self.write(vec![event], None).await?;
        self.set_state(self.room_state()).await
    }

    /// The room every event of this monitor is about.
    fn base(&self) -> RoomRef {
        RoomRef::new(&self.sg, Some(&self.code))
    }

    pub(super) fn count(&self) -> i64 {
        self.players.len() as i64
    }

    /// The count, once the server said anything about the players.
    pub(super) fn known_count(&self) -> Option<i64> {
        self.players_known.then(|| self.count())
    }

    pub(super) fn names(&self) -> Vec<String> {
        self.players.iter().map(|p| p.name.clone()).collect()
    }
}
