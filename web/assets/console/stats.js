// The Stats tab: totals, most played and top rated games.

import { getJSON } from "/assets/live.js";
import { h, fill } from "/assets/ui.js";
import { $ } from "/assets/console/parts.js";
import { changed } from "/assets/console/store.js";

export async function loadStats() {
  const s = await getJSON("/api/stats");
  if (!changed("stats", s)) return;
  const top = (title, games, f) => h("div", { class: "card" }, h("h2", {}, title), games.length ? h("ol", {}, games.map((g) => h("li", {}, `${g.title} `, h("span", { class: "muted" }, f(g))))) : h("p", { class: "muted" }, "Nothing yet."));
  fill(
    $("panel-stats"),
    h(
      "div",
      { class: "card stats" },
      h("h2", {}, "Totals"),
      h(
        "dl",
        {},
        [
          ["Games", `${s.games.enabled} enabled of ${s.games.total}`],
          ["Packs", `${s.packs.enabled} enabled of ${s.packs.total}`],
          ["Sessions", `${s.sessions.total}${s.sessions.active ? " (one active)" : ""}`],
          ["Games played", s.gamesPlayed],
          ["Votes", s.totalVotes],
        ].map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))),
      ),
    ),
    h("div", { class: "cols" }, top("Most played", s.mostPlayedGames, (g) => `${g.play_count} plays`), top("Top rated", s.topRatedGames, (g) => `score ${g.popularity_score}`)),
  );
}

