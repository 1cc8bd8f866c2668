// The History tab: every game night, each opening to its games, with export and delete.

import { getJSON } from "/assets/live.js";
import { h, fill, rerender, errLine, auth, api, button, when } from "/assets/ui.js";
import { $, STATUS_ICON, votes, exportButtons } from "/assets/console/parts.js";
import { changed } from "/assets/console/store.js";

export async function loadHistory() {
  const sessions = await getJSON("/api/sessions");
  if (!changed("history", sessions)) return;
  const rows = sessions.map((s) => {
    const games = h("div", { class: "history-games" });
    const details = h(
      "details",
      {
        ontoggle: async (e) => {
          if (!e.target.open || games.dataset.loaded) return;
          const list = await getJSON(`/api/sessions/${s.id}/games`);
          games.dataset.loaded = "1";
          fill(games, list.length ? h("ol", { class: "games" }, list.map((g) => h("li", { class: `game ${g.status}` }, h("div", { class: "row" }, h("span", { class: "status", "aria-label": g.status }, STATUS_ICON[g.status] || "·"), h("span", { class: "name" }, g.title), votes(g))))) : h("p", { class: "muted" }, "No games."));
        },
      },
      h("summary", {}, `${when(s.created_at)} · ${s.notes || `Session #${s.id}`} · ${s.games_played} games${s.is_active ? " · active" : ""}`),
      games,
      auth.admin ? exportButtons(s.id) : null,
      auth.admin && !s.is_active
        ? h("div", { class: "ctl actions" }, button(`Delete session #${s.id}`, () => api("DELETE", `/api/sessions/${s.id}`).then(loadHistory), { class: "danger" }), errLine())
        : null,
    );
    return h("li", {}, details);
  });
  rerender($("panel-history"), h("div", { class: "card" }, h("h2", {}, "Game nights"), rows.length ? h("ul", { class: "plain history" }, rows) : h("p", { class: "muted" }, "No sessions yet.")));
}
