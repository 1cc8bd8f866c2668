#!/usr/bin/env bash
# The Windows smoke test: runs the cross-compiled jackbox.exe under Wine and asserts what a
# streamer on Windows does on a game night. Exits non-zero at the first check that fails.
#
#   tools/wine-smoke.sh [PATH/TO/jackbox.exe]
#     default: target/x86_64-pc-windows-gnu/release/jackbox.exe
#     (cargo build --release --target x86_64-pc-windows-gnu)
#
# Needs wine (Debian's `wine` + `wine64`), x86_64-w64-mingw32-gcc (only when Wine lacks
# bcryptprimitives.dll, see below) and python3 (the WebSocket client and HTTP checks).
# Everything happens in a fresh temporary Wine prefix, removed at the end; no display is used.
#
# Checked:
#   1. a CLI night on the default database: session create, game add by title, game list,
#      game status, session export to a file (its content checked), and `db path` naming
#      %APPDATA%\jackbox\jackbox.db (under Wine: C:\users\<user>\AppData\Roaming\…);
#   2. from another current folder, with the default path again, the night is still there;
#   3. `jackbox.exe serve` answering /health and /api/sessions/1/games with the expected
#      bodies, and the console page at /;
#   4. a WebSocket client (tools/wine/ws_wait.py, on the Linux side) receiving `game.added`
#      for a `game add` made with the CLI while the daemon runs;
#   5. Ctrl-C (Wine turns SIGINT into the console's CTRL_C_EVENT) → the graceful shutdown:
#      exit code 0, "received Ctrl-C" logged, the database intact.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
exe=$(realpath "${1:-target/x86_64-pc-windows-gnu/release/jackbox.exe}")
[ -f "$exe" ] || { echo "wine-smoke: no $exe (build it first)" >&2; exit 1; }

work=$(mktemp -d)
daemon=""
cleanup() {
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then kill -KILL "$daemon" || true; fi
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A private, headless, quiet prefix: no display, no Mono/Gecko install prompts.
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY JACKBOX_DB JACKBOX_ADMIN_KEY ADMIN_KEY
t0=$(date +%s)
wineboot --init </dev/null >/dev/null 2>&1
echo "wine-smoke: prefix ready in $(($(date +%s) - t0)) s ($(wine --version))"

fail() { echo "wine-smoke: FAIL: $*" >&2; exit 1; }
pass() { echo "wine-smoke: ok: $*"; }

mkdir -p "$work/bin" "$work/night" "$work/elsewhere"
cp "$exe" "$work/bin/jackbox.exe"
# Test scaffolding, never shipped: Rust's standard library calls ProcessPrng from
# bcryptprimitives.dll at start-up; Windows 10/11 have it, Debian 12's Wine 8 does not. Only
# then, a stand-in built from tools/wine/bcryptprimitives.c goes beside this copy of the exe
# (Windows looks beside the exe first). The archives never contain it.
if [ ! -e "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -s -static-libgcc -o "$work/bin/bcryptprimitives.dll" \
    "$root/tools/wine/bcryptprimitives.c" -lbcrypt
  echo "wine-smoke: this Wine lacks bcryptprimitives.dll: using the test stand-in"
fi

# jackbox.exe ARGS… in the current folder; stdout without Windows' \r.
jb() { timeout 120 wine "$work/bin/jackbox.exe" "$@" </dev/null | tr -d '\r'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# 1. A CLI night on the default database (no --db, no JACKBOX_DB).
cd "$work/night"
path=$(jb db path)
[[ "$path" =~ ^C:\\users\\[^\\]+\\AppData\\Roaming\\jackbox\\jackbox\.db$ ]] \
  || fail "db path is '$path', not %APPDATA%\\jackbox\\jackbox.db"
[ "$(jb --json db path | json 'd["source"], d["exists"]')" = "default False" ] \
  || fail "db path --json before the first write"
pass "db path: $path"
[ "$(jb session create --notes "Wine night" -q)" = 1 ] || fail "session create"
[ "$(jb game add "Quiplash 3" -q)" = 1 ] || fail "game add by title"
[ "$(jb game list --json | json 'len(d), d[0]["title"], d[0]["status"]')" = "1 Quiplash 3 playing" ] \
  || fail "game list"
[ "$(jb game status 1 played)" = "Status updated successfully" ] || fail "game status"
jb session export 1 --format json -o night.json >/dev/null
[ "$(json 'd["session"]["notes"], d["games"][0]["title"], d["games"][0]["status"]' <night.json)" \
  = "Wine night Quiplash 3 played" ] || fail "the exported file: $(cat night.json)"
db=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Roaming/jackbox/jackbox.db')
[ -n "$db" ] || fail "no database under the prefix's AppData\\Roaming"
pass "CLI night: create, add, list, status, export ($(wc -c <night.json) bytes)"

# 2. Another current folder, the default path again: the night is still there.
cd "$work/elsewhere"
[ "$(jb db path)" = "$path" ] || fail "db path differs in another folder"
[ "$(jb game list --session 1 --json | json 'd[0]["title"], d[0]["status"]')" = "Quiplash 3 played" ] \
  || fail "the night is not found from another folder"
pass "found again from another folder"

# 3. The daemon.
token=$(jb auth token --viewer --name wine-smoke)
[ -n "$token" ] || fail "auth token"
wine "$work/bin/jackbox.exe" serve --bind 127.0.0.1:0 </dev/null >"$work/serve.out" 2>"$work/serve.log" &
daemon=$!
port=""
for _ in $(seq 1 240); do
  port=$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | tr -d '\r')
  [ -n "$port" ] && break
  kill -0 "$daemon" 2>/dev/null || fail "serve exited: $(cat "$work/serve.log")"
  sleep 0.25
done
[ -n "$port" ] || fail "serve did not listen within 60 s: $(cat "$work/serve.log")"
get() {
  python3 - "http://127.0.0.1:$port$1" <<'EOF'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=30) as r:
    print(r.status, r.headers.get("Content-Type"))
    sys.stdout.write(r.read().decode())
EOF
}
health=$(get /health)
[ "$(head -1 <<<"$health")" = "200 application/json" ] || fail "/health: $health"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
[ "$(tail -n +2 <<<"$health" | json 'd["status"], d["version"]')" = "ok $version" ] \
  || fail "/health body: $health"
games=$(get /api/sessions/1/games)
[ "$(tail -n +2 <<<"$games" | json 'd[0]["title"], d[0]["status"]')" = "Quiplash 3 played" ] \
  || fail "/api/sessions/1/games: $games"
console=$(get /)
[[ "$(head -1 <<<"$console")" == "200 text/html"* ]] || fail "/: $(head -1 <<<"$console")"
grep -q '<title>' <<<"$console" || fail "/ is not the console page"
pass "serve on port $port: /health, /api/sessions/1/games, the console page"

# 4. A CLI write while the daemon runs reaches a WebSocket client.
python3 "$root/tools/wine/ws_wait.py" "$port" "$token" 1 game.added "$work/ws.ready" \
  >"$work/ws.out" 2>"$work/ws.err" &
ws=$!
for _ in $(seq 1 120); do
  [ -s "$work/ws.ready" ] && break
  kill -0 "$ws" 2>/dev/null || fail "WebSocket client: $(cat "$work/ws.err")"
  sleep 0.25
done
[ -s "$work/ws.ready" ] || fail "WebSocket client not subscribed within 30 s"
[ "$(jb game add "Fibbage 4" -q)" = 2 ] || fail "game add while serving"
wait "$ws" || fail "WebSocket client: $(cat "$work/ws.err")"
[ "$(json 'd["type"], d["data"]["game"]["title"]' <"$work/ws.out")" = "game.added Fibbage 4" ] \
  || fail "WebSocket event: $(cat "$work/ws.out")"
pass "WebSocket client received game.added for a CLI write"

# 5. Ctrl-C: the graceful shutdown.
kill -INT "$daemon"
status=0
for _ in $(seq 1 120); do
  kill -0 "$daemon" 2>/dev/null || break
  sleep 0.25
done
kill -0 "$daemon" 2>/dev/null && fail "serve still running 30 s after Ctrl-C"
wait "$daemon" || status=$?
daemon=""
[ "$status" = 0 ] || fail "serve exited with $status after Ctrl-C: $(cat "$work/serve.log")"
grep -q "received Ctrl-C" "$work/serve.log" || fail "no graceful shutdown logged: $(cat "$work/serve.log")"
[ "$(jb db check)" = "ok: $path is intact" ] || fail "db check after shutdown"
pass "Ctrl-C: clean shutdown, database intact"
echo "wine-smoke: all checks passed in $(($(date +%s) - t0)) s"
