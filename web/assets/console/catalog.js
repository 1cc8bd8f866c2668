// The Catalog tab: the games with filters; for admins, ticker, enabled and favor in place.

import { getJSON } from "/assets/live.js";
import { h, fill, rerender, field, errLine, auth, api, act } from "/assets/ui.js";
import { $ } from "/assets/console/parts.js";
import { S, changed } from "/assets/console/store.js";

let catalogForm = null;
export async function loadCatalog() {
  const panel = $("panel-catalog");
  if (!catalogForm) {
    catalogForm = act(
      h(
        "form",
        { class: "ctl card filters", id: "catalog-filters" },
        h("h2", {}, "Catalog"),
        field("Title contains", { name: "q", type: "search", autocomplete: "off" }),
        field("Players", { name: "playerCount", type: "number", min: 1 }),
        field("Drawing", { name: "drawing", options: [["", "any"], ["exclude", "no drawing games"], ["only", "drawing games only"]] }, "select"),
        field("Length", { name: "length", options: [["", "any"], ["short", "short"], ["medium", "medium"], ["long", "long"]] }, "select"),
        field("Enabled", { name: "enabled", options: [["", "all"], ["true", "enabled"], ["false", "disabled"]] }, "select"),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "familyFriendly" }), " Family friendly"),
        h("button", { type: "submit" }, "Filter"),
        errLine(),
      ),
      () => loadCatalog(),
    );
    fill(panel, catalogForm, h("div", { id: "catalog-table", class: "card scroll" }));
  }
  const el = catalogForm.elements;
  const q = new URLSearchParams();
  for (const k of ["q", "playerCount", "drawing", "length", "enabled"]) if (el[k].value) q.set(k, el[k].value);
  if (el.familyFriendly.checked) q.set("familyFriendly", "true");
  const games = await getJSON(`/api/games?${q}`);
  if (!changed("catalog", [q.toString(), games])) return;
  const rows = games.map((g) => h("tr", {}, h("td", {}, g.title), h("td", {}, g.pack_name), h("td", {}, `${g.min_players}–${g.max_players}`), h("td", {}, g.length_minutes ? `${g.length_minutes}′` : ""), h("td", {}, g.play_count), h("td", {}, g.popularity_score), ...catalogCells(g)));
  rerender(
    $("catalog-table"),
    h("p", { class: "muted" }, `${games.length} games`),
    h("table", {}, h("thead", {}, h("tr", {}, ["Title", "Pack", "Players", "Length", "Plays", "Score", "Ticker", "Enabled", "Favor"].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)),
  );
}

function catalogCells(g) {
  if (!auth.admin) return [h("td", { class: "mono" }, g.ticker || ""), h("td", {}, g.enabled ? "yes" : "no"), h("td", {}, ["−", "·", "+"][g.favor_bias + 1])];
  const save = async (f) => {
    await f();
    S.catalog = null;
  };
  const ticker = act(
    h("form", { class: "ctl inline" }, h("input", { name: "ticker", value: g.ticker || "", maxlength: 8, size: 6, "aria-label": `Ticker of ${g.title}`, class: "code-input" }), h("button", { type: "submit", "aria-label": `Save ticker of ${g.title}` }, "Save"), errLine()),
    (e) => save(() => api("PUT", `/api/games/${g.id}`, { ticker: e.target.elements.ticker.value.trim().toUpperCase() || null })),
  );
  const enabled = h("input", { type: "checkbox", checked: !!g.enabled, "aria-label": `${g.title} enabled` });
  const enabledBox = h("div", { class: "ctl" }, enabled, errLine());
  enabled.addEventListener("change", () => {
    enabledBox.querySelector("output").textContent = "";
    save(() => api("PATCH", `/api/games/${g.id}/toggle`)).catch((e) => {
      enabled.checked = !enabled.checked;
      enabledBox.querySelector("output").textContent = e.message;
    });
  });
  const favor = h("select", { "aria-label": `Favor of ${g.title}` }, [["-1", "less often"], ["0", "normal"], ["1", "more often"]].map(([v, t]) => h("option", { value: v, selected: String(g.favor_bias) === v }, t)));
  const favorBox = h("div", { class: "ctl" }, favor, errLine());
  favor.addEventListener("change", () => {
    favorBox.querySelector("output").textContent = "";
    save(() => api("PATCH", `/api/games/${g.id}/favor`, { favor_bias: Number(favor.value) })).catch((e) => (favorBox.querySelector("output").textContent = e.message));
  });
  return [h("td", {}, ticker), h("td", {}, enabledBox), h("td", {}, favorBox)];
}

