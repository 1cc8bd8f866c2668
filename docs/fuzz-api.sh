#!/usr/bin/env bash
# Fuzz the HTTP API from its OpenAPI document (quality.md R5). All traffic stays on 127.0.0.1.
set -euo pipefail
JACKBOX=${JACKBOX:-target/debug/jackbox}
PORT=${PORT:-5177}; LOBBY_PORT=${LOBBY_PORT:-5178}
WORK=$(mktemp -d)
export JACKBOX_DB=$WORK/fuzz.db JACKBOX_ADMIN_KEY=k JACKBOX_JWT_SECRET=fuzz-secret
# A stand-in lobby server: answers 404 to every room lookup (a real one would be remote).
export JACKBOX_ECAST_URL=http://127.0.0.1:$LOBBY_PORT
(cd "$WORK" && exec python3 -m http.server "$LOBBY_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
LOBBY=$!
# Some data so that the {id} routes reach their logic: a closed and an active session with
# games, a webhook whose receiver is a closed local port.
$JACKBOX session create --notes first -q >/dev/null
$JACKBOX game add 1 -q >/dev/null; $JACKBOX game add 2 -q >/dev/null
$JACKBOX session close -q >/dev/null
$JACKBOX session create --notes second -q >/dev/null; $JACKBOX game add 3 -q >/dev/null
TOKEN=$($JACKBOX auth token)
$JACKBOX serve --bind 127.0.0.1:$PORT 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER $LOBBY 2>/dev/null; echo "daemon log: $WORK/serve.log"' EXIT
sleep 1
curl -s -o /dev/null -X POST "http://127.0.0.1:$PORT/api/webhooks" -H "Authorization: Bearer $TOKEN" \
  -d '{"name":"fuzz","url":"http://127.0.0.1:9/hook","secret":"s","events":["game.added"]}'
# Webhook create/update are left out: generated URLs would make the daemon POST to
# arbitrary hosts. Token revocation too: generated IDs would revoke the fuzzer's own token.
# Everything else is fuzzed, including the stateful (linked) phase.
# From the temporary directory: schemathesis keeps a cache in `.schemathesis/` of its cwd.
cd "$WORK"
schemathesis run "http://127.0.0.1:$PORT/api/openapi.json" \
  -H "Authorization: Bearer $TOKEN" \
  --checks "${CHECKS:-not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance}" \
  ${EXCLUDE_CHECKS:+--exclude-checks "$EXCLUDE_CHECKS"} \
  --exclude-name 'POST /api/webhooks' --exclude-name 'PATCH /api/webhooks/{id}' \
  --exclude-name 'DELETE /api/auth/tokens/{id}' \
  --phases "${PHASES:-examples,coverage,fuzzing,stateful}" \
  --max-examples "${MAX_EXAMPLES:-50}" --max-time "${MAX_TIME:-300}" ${SEED:+--seed "$SEED"} \
  -w 1 --no-color "$@"
