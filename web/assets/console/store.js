// The console's one state: tonight's session (its games, lined-up game, polls and what the
// room monitors reported), the catalog, presence, and which tab is shown. Tabs read `S`,
// call `loadTonight()` after a change, and re-render from `onChange`.

import { getJSON } from "/assets/live.js";
import { auth } from "/assets/ui.js";
import { GameStatus, PollStatus, MonitorStatus } from "/assets/vocab.js";
import { ROOM_CONNECTED, GAME_STATUS, LOBBY_PLAYER_JOINED, LOBBY_UPDATED, GAME_STARTED, GAME_ENDED, POLL_LEADING, PLAYER_COUNT_UPDATED } from "/assets/vocab.js";
import { MONITOR_STATE, POLL_ENDING, POLL_ENDING_CANCELLED } from "/assets/vocab.js";
import { showLoadError, clearLoadError } from "/assets/console/parts.js";

export const S = {
  tab: "tonight",
  session: null,
  games: [],
  selection: null,
  polls: [],
  lobby: new Map(),
  catalog: null,
  presence: [],
  picked: null,
  importSummary: null,
  /** The night just closed, while its close can be undone: `{ id, name }`. */
  closed: null,
  /** The live connection (set by console.js) and its state. */
  live: null,
  liveState: "public",
};

/** What tabs may ask of the page around them (set by console.js). */
export const page = { showTab: () => {} };

export const sessionPath = (p = "") => `/api/sessions/${S.session.id}${p}`;
export const current = () => S.games.filter((g) => g.status === GameStatus.Playing).pop() || null;
export const openPoll = () => S.polls.find((p) => p.status === PollStatus.Open) || null;

const listeners = [];
/** `f(topic)` runs when "tonight" (session, games, lobby, polls) or "presence" changed. */
export function onChange(f) {
  listeners.push(f);
}
function notify(topic) {
  for (const f of listeners) f(topic);
}

/** Whether `data` differs from what `key` last showed (re-rendering unchanged data could eat a click). */
const shownData = {};
export function changed(key, data) {
  const text = JSON.stringify([data, auth.token]);
  if (shownData[key] === text) return false;
  shownData[key] = text;
  return true;
}

let tonightLoading = null;
let tonightAgain = false;
/**
 * Re-reads tonight's session, games, lined-up game and polls, one read at a time: a call
 * during a read makes one more read after it (what changed meanwhile is not lost).
 */
export async function loadTonight() {
  if (tonightLoading) {
    tonightAgain = true;
    return tonightLoading;
  }
  tonightLoading = (async () => {
    const a = await getJSON("/api/sessions/active");
    const session = a && a.id ? a : null;
    if (!session || !S.session || session.id !== S.session.id) S.lobby.clear();
    S.session = session;
    if (session) {
      if (S.live) S.live.subscribe(session.id);
      const [games, selection, polls] = await Promise.all([
        getJSON(sessionPath("/games")),
        getJSON(sessionPath("/game-selection")),
        getJSON(sessionPath("/polls")),
      ]);
      S.games = games;
      S.selection = selection;
      S.polls = polls;
      const cur = current();
      if (cur && cur.player_count_check_status === MonitorStatus.Monitoring && !S.lobby.has(cur.id)) {
        const st = await getJSON(sessionPath(`/games/${cur.id}/status-live`));
        if (st.monitoring) S.lobby.set(cur.id, { players: st.players || [], count: st.playerCount });
        if (st.monitorState) cur.monitor_state = st.monitorState;
      }
    } else {
      S.games = [];
      S.selection = null;
      S.polls = [];
    }
    notify("tonight");
  })();
  try {
    await tonightLoading;
    clearLoadError("tonight");
  } catch (e) {
    showLoadError("tonight", e);
  } finally {
    tonightLoading = null;
  }
  if (tonightAgain) {
    tonightAgain = false;
    await loadTonight();
  }
}

/** The catalog (read once; a catalog edit drops it). */
export async function catalog() {
  if (!S.catalog) S.catalog = await getJSON("/api/games");
  return S.catalog;
}

/**
 * Applies a live event to the state. Returns whether the page should re-read what the
 * event touches (lobby, monitor and poll events patch the state at once and need no
 * re-read). What the monitor is doing comes only from its own state (its event, the
 * game's `monitor_state`): lobby events bring the players, never a state word.
 */
export function applyEvent(msg) {
  const d = msg.data || {};
  const sg = d.sessionGameId;
  const g = sg ? S.games.find((x) => x.id === sg) : null;
  const l = sg ? S.lobby.get(sg) || {} : null;
  switch (msg.type) {
    case MONITOR_STATE: {
      if (g) {
        const { state, attempt, nextRetryAt, reason, lobbyState } = d;
        g.monitor_state = { state, attempt, nextRetryAt, reason, lobbyState };
        notify("tonight");
      }
      return !g;
    }
    case ROOM_CONNECTED:
    case GAME_STATUS:
    case LOBBY_PLAYER_JOINED:
    case GAME_STARTED:
    case GAME_ENDED:
      S.lobby.set(sg, { ...l, players: d.players || l.players || [], count: d.playerCount });
      break;
    case LOBBY_UPDATED:
      S.lobby.set(sg, { ...l, count: d.playerCount });
      break;
    case POLL_LEADING:
    case POLL_ENDING:
    case POLL_ENDING_CANCELLED: {
      const p = S.polls.find((x) => x.id === d.pollId);
      if (!p) return true;
      if (msg.type === POLL_LEADING) {
        p.options = d.options;
        p.totalVotes = d.totalVotes;
      } else p.endsAt = d.endsAt || null;
      notify("tonight");
      return false;
    }
    case PLAYER_COUNT_UPDATED:
      break;
    default:
      break;
  }
  if (g) {
    if (typeof d.playerCount === "number") g.player_count = d.playerCount;
    notify("tonight");
  }
  return true;
}

/** Who else is logged in (the live connection's `presence_update`). */
export function setPresence(admins) {
  S.presence = admins || [];
  notify("presence");
}
