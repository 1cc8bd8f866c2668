// The Settings tab (admins): live chat sources (chat.js), webhooks, viewer tokens with the
// overlay URL, who is here, and the audit log.

import { h, fill, rerender, field, errLine, auth, api, act, button, when, clock, copy } from "/assets/ui.js";
import { WEBHOOK_EVENTS, GAME_ADDED, Role, Action, WebhookFormat } from "/assets/vocab.js";
import { $ } from "/assets/console/parts.js";
import { S, changed, onChange } from "/assets/console/store.js";
import { loadChat } from "/assets/console/chat.js";

export async function loadSettings() {
  if (!auth.admin) return;
  const panel = $("panel-settings");
  if (!panel.dataset.built) {
    panel.dataset.built = "1";
    fill(panel, h("div", { class: "card", id: "chat" }), h("div", { class: "card", id: "webhooks" }), h("div", { class: "card", id: "tokens" }), h("div", { class: "card", id: "presence" }), h("div", { class: "card", id: "audit" }));
    renderPresence();
  }
  // The chat card first: it sits on top, so the forms below do not move once shown.
  await loadChat();
  await Promise.all([loadWebhooks(), loadTokens(), loadAudit()]);
}

async function loadWebhooks() {
  const hooks = await api("GET", "/api/webhooks");
  if (!changed("webhooks", hooks)) return;
  const logs = h("div", { id: "webhook-logs" });
  const rows = hooks.map((w) =>
    h(
      "li",
      {},
      h("p", {}, h("strong", {}, w.name), " ", h("span", { class: "mono" }, w.url), w.format === WebhookFormat.Discord ? h("span", { class: "badge" }, "discord") : "", w.enabled ? "" : h("span", { class: "badge" }, "disabled")),
      h("p", { class: "muted" }, w.events.join(", ")),
      h(
        "div",
        { class: "ctl actions" },
        button("Test", async (e) => {
          const r = await api("POST", `/api/webhooks/test/${w.id}`);
          e.target.closest(".ctl").querySelector("output").textContent = r.delivered ? `Delivered (HTTP ${r.status})` : `Not delivered: ${r.error || r.status || "no answer"}`;
        }, { "aria-label": `Test webhook ${w.name}` }),
        button("Logs", async () => {
          const entries = await api("GET", `/api/webhooks/${w.id}/logs?limit=20`);
          fill(logs, h("h3", {}, `Deliveries of ${w.name}`), entries.length ? h("ul", { class: "plain" }, entries.map((l) => h("li", {}, `${when(l.created_at)} · ${l.event_type} · attempt ${l.attempt ?? 1} · ${l.success ? "ok" : "failed"} ${l.response_status ?? ""} ${l.error_message ?? ""}`))) : h("p", { class: "muted" }, "No deliveries yet."));
        }, { "aria-label": `Delivery logs of webhook ${w.name}` }),
        button("Delete", () => api("DELETE", `/api/webhooks/${w.id}`).then(loadWebhooks), { class: "danger", "aria-label": `Delete webhook ${w.name}` }),
        errLine(),
      ),
    ),
  );
  const add = act(
    h(
      "form",
      { class: "ctl", id: "webhook-add" },
      h("h3", {}, "Add a webhook"),
      field("Name", { name: "name", required: true, autocomplete: "off" }),
      field("URL", { name: "url", type: "url", required: true, placeholder: "https://example.com/hook" }),
      field("Format", { name: "format", options: [[WebhookFormat.Json, "signed JSON event"], [WebhookFormat.Discord, "Discord message (no secret needed)"]] }, "select"),
      field("Secret", { name: "secret", type: "password", autocomplete: "new-password" }),
      h("fieldset", { class: "events" }, h("legend", {}, "Events"), WEBHOOK_EVENTS.map((ev) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "events", value: ev, checked: ev === GAME_ADDED }), ` ${ev}`))),
      h("button", { type: "submit" }, "Add webhook"),
      errLine(),
    ),
    async (e) => {
      const f = e.target.elements;
      const events = [...e.target.querySelectorAll("input[name=events]:checked")].map((i) => i.value);
      const body = { name: f.name.value.trim(), url: f.url.value.trim(), format: f.format.value, events };
      if (f.secret.value) body.secret = f.secret.value;
      await api("POST", "/api/webhooks", body);
      e.target.reset();
      await loadWebhooks();
    },
  );
  rerender($("webhooks"), h("h2", {}, "Webhooks"), hooks.length ? h("ul", { class: "plain" }, rows) : h("p", { class: "muted" }, "No webhooks."), logs, add);
}

function overlayUrl(token, form) {
  const q = new URLSearchParams({ token });
  if (form) {
    const show = [...form.querySelectorAll("input[name=show]:checked")].map((i) => i.value);
    if (show.length) q.set("show", show.join(","));
    q.set("theme", form.elements.theme.value);
    q.set("corner", form.elements.corner.value);
    if (form.elements.scale.value && form.elements.scale.value !== "1") q.set("scale", form.elements.scale.value);
  }
  return `${location.origin}/overlay?${q}`;
}

let minted = null;
async function loadTokens() {
  const tokens = await api("GET", "/api/auth/tokens");
  if (!changed("tokens", [tokens, minted])) return;
  const mint = act(
    h(
      "form",
      { class: "ctl", id: "token-mint" },
      h("h3", {}, "Mint a token"),
      field("Name", { name: "name", value: "obs overlay", required: true, autocomplete: "off" }),
      field("Role", { name: "role", options: [[Role.Viewer, "viewer (read-only: overlays, bots)"], [Role.Admin, "admin"]] }, "select"),
      field("Expires in", { name: "expiresIn", value: "90d", autocomplete: "off" }),
      h("button", { type: "submit" }, "Mint token"),
      errLine(),
    ),
    async (e) => {
      const f = e.target.elements;
      minted = await api("POST", "/api/auth/tokens", { name: f.name.value.trim(), role: f.role.value, expiresIn: f.expiresIn.value.trim() || undefined });
      await Promise.all([loadTokens(), loadAudit()]);
    },
  );
  let shown = null;
  if (minted) {
    const urlOut = h("input", { readonly: true, class: "mono wide", id: "overlay-url", "aria-label": "Overlay URL" });
    const opts = h(
      "form",
      { class: "ctl overlay-opts" },
      h("fieldset", {}, h("legend", {}, "Show"), ["game", "room", "players", "votes", "poll", "next"].map((s) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "show", value: s, checked: ["game", "room", "players"].includes(s) }), ` ${s}`))),
      field("Theme", { name: "theme", options: [["dark", "dark"], ["light", "light"]] }, "select"),
      field("Corner", { name: "corner", options: [["bl", "bottom left"], ["br", "bottom right"], ["tl", "top left"], ["tr", "top right"]] }, "select"),
      field("Scale", { name: "scale", type: "number", min: 0.5, max: 3, step: 0.1, value: 1 }),
    );
    const update = () => (urlOut.value = overlayUrl(minted.token, opts));
    opts.addEventListener("input", update);
    opts.addEventListener("change", update);
    update();
    shown = h(
      "div",
      { class: "minted", role: "status" },
      h("p", {}, `Token “${minted.name}” (${minted.role}) — shown once, copy it now:`),
      h("input", { readonly: true, class: "mono wide", value: minted.token, "aria-label": "New token", id: "minted-token" }),
      h("h3", {}, "Overlay URL for OBS"),
      h("p", { class: "muted" }, "In OBS: Sources → + → Browser, paste this URL, width 1920, height 1080."),
      opts,
      urlOut,
      h("div", { class: "ctl actions" }, button("Copy overlay URL", () => copy(urlOut.value)), errLine()),
    );
  }
  const rows = tokens.map((t) =>
    h(
      "tr",
      {},
      h("td", {}, t.name),
      h("td", {}, t.role),
      h("td", {}, t.createdBy || ""),
      h("td", {}, when(t.expiresAt)),
      h("td", {}, t.lastUsedAt ? when(t.lastUsedAt) : "never"),
      h("td", {}, t.revokedAt ? "revoked" : h("div", { class: "ctl" }, button("Revoke", () => api("DELETE", `/api/auth/tokens/${t.id}`).then(loadTokens), { class: "danger", "aria-label": `Revoke token ${t.name}` }), errLine())),
    ),
  );
  rerender(
    $("tokens"),
    h("h2", {}, "Tokens"),
    shown,
    tokens.length
      ? h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, ["Name", "Role", "By", "Expires", "Last used", ""].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)))
      : h("p", { class: "muted" }, "No minted tokens."),
    mint,
  );
}

export function renderPresence() {
  const box = $("presence");
  if (!box) return;
  fill(
    box,
    h("h2", {}, "Who is here"),
    S.presence.length
      ? h("ul", { class: "plain", id: "presence-list" }, S.presence.map((p) => h("li", {}, h("strong", {}, p.name), ` on ${p.page} since ${clock(p.since)}`)))
      : h("p", { class: "muted" }, S.liveState === "live" ? "Only you." : "Presence needs the live connection."),
  );
}

let auditFilter = { actor: "", action: "" };
export async function loadAudit(before) {
  const q = new URLSearchParams({ limit: "50" });
  if (auditFilter.actor) q.set("actor", auditFilter.actor);
  if (auditFilter.action) q.set("action", auditFilter.action);
  if (before) q.set("before", before);
  const rows = await api("GET", `/api/audit?${q}`);
  if (!changed("audit", [q.toString(), rows])) return;
  const list = Array.isArray(rows) ? rows : rows.entries || [];
  const form = act(
    h("form", { class: "ctl inline", id: "audit-filter" }, field("Actor", { name: "actor", value: auditFilter.actor, autocomplete: "off" }), field("Action", { name: "action", value: auditFilter.action, autocomplete: "off", placeholder: Action.GameAdd }), h("button", { type: "submit" }, "Filter"), errLine()),
    async (e) => {
      auditFilter = { actor: e.target.elements.actor.value.trim(), action: e.target.elements.action.value.trim() };
      await loadAudit();
    },
  );
  const table = h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ["When", "Who", "What", "Target", "Detail"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, list.map((r) => h("tr", {}, h("td", {}, when(r.at)), h("td", {}, r.actor), h("td", { class: "mono" }, r.action), h("td", {}, r.target ?? ""), h("td", { class: "mono small" }, typeof r.detail === "string" ? r.detail : JSON.stringify(r.detail ?? ""))))),
  );
  const more = list.length >= 50 ? h("div", { class: "ctl" }, button("Older entries", () => loadAudit(list[list.length - 1].id)), errLine()) : null;
  rerender($("audit"), h("h2", {}, "Audit log"), form, h("div", { class: "scroll" }, table), more);
}


onChange((topic) => topic === "presence" && renderPresence());
