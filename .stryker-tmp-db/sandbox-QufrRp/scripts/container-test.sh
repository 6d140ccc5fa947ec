#!/usr/bin/env bash
# Container test: builds the image and runs it the way CI and users do (docker run, then compose), checking
# health, the dev key, the /data volume, start-up config from mounted files, the non-root user and a clean,
# fast stop. Fails on the first broken step, with the container's log. Needs docker, curl and node on the host.
#   bash scripts/container-test.sh        (IMAGE=name:tag to choose the tag, COMPOSE="docker-compose" to force v1)
set -Eeuo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-cometly-emulator:container-test}
RUN_ID=cometly-ct-$$
VOLUME=$RUN_ID-data
PROJECT=cometlyct$$
DEV_KEY=cometly-dev-key
SPACE_KEY=ci-space-key
SEED_KEY=ci-seeded-key
TMP=$(mktemp -d)
CURRENT=""

log () { echo "[container-test] $*"; }
now_ms () { date +%s%3N; }

fail () {
  echo "[container-test] FAIL: $*" >&2
  if [ -n "$CURRENT" ]; then
    echo "[container-test] last log lines of $CURRENT:" >&2
    docker logs --tail 40 "$CURRENT" >&2 2>&1 || true
  fi
  exit 1
}
trap 'echo "[container-test] FAIL: line $LINENO: $BASH_COMMAND" >&2' ERR

if [ -n "${COMPOSE:-}" ]; then
  read -r -a compose <<< "$COMPOSE"
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  fail "neither 'docker compose' nor docker-compose is installed"
fi
for tool in docker curl node; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done
docker info >/dev/null 2>&1 || fail "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset})"

cleanup () {
  docker rm -f "$RUN_ID-a" "$RUN_ID-b" >/dev/null 2>&1 || true
  docker volume rm "$VOLUME" >/dev/null 2>&1 || true
  COMETLY_EMULATOR_IMAGE=$IMAGE "${compose[@]}" -p "$PROJECT" down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

# request METHOD URL [KEY] [JSON]: prints the status; the body lands in $TMP/body.
request () {
  local args=(-sS -o "$TMP/body" -w '%{http_code}' --max-time 10 -X "$1")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data "$4")
  # A refused or reset connection (while the server starts) is status 000, with curl's message kept aside.
  rm -f "$TMP/body"
  curl "${args[@]}" "$2" 2>"$TMP/curl.err" || true
}

# expect STATUS METHOD URL [KEY] [JSON]
expect () {
  local want=$1 got
  shift
  got=$(request "$@")
  [ "$got" = "$want" ] || fail "$1 $2: expected $want, got $got: $(cat "$TMP/body" "$TMP/curl.err" 2>/dev/null)"
}

# json EXPRESSION: evaluates a JavaScript expression over the last body (bound to b) and prints it.
json () {
  node -e 'const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' "$TMP/body" "$1"
}

health_of () { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}/{{.State.Status}}' "$1"; }

wait_healthy () {
  local deadline=$(( $(now_ms) + 60000 )) state
  while :; do
    state=$(health_of "$1")
    case $state in
      healthy/running) return 0 ;;
      */exited|*/dead) fail "$1 stopped before it became healthy ($state)" ;;
      unhealthy/*) fail "$1 is unhealthy" ;;
    esac
    [ "$(now_ms)" -lt "$deadline" ] || fail "$1 not healthy after 60 s ($state)"
    sleep 0.2
  done
}

# wait_answering URL: until the health route answers 200 (polled every 50 ms, for 60 s at most).
wait_answering () {
  local deadline=$(( $(now_ms) + 60000 ))
  until [ "$(request GET "$1/_emulator/health")" = 200 ]; do
    [ "$(now_ms)" -lt "$deadline" ] || fail "no 200 from $1/_emulator/health after 60 s"
    sleep 0.05
  done
}

published_url () { echo "http://$(docker port "$1" 4010/tcp | grep -m1 '127.0.0.1')"; }

# run_emulator NAME: the image as a user runs it: the dev key, the named volume, a mounted Spaces file and a
# mounted seed folder.
run_emulator () {
  CURRENT=$1
  docker run -d --name "$1" -p 127.0.0.1::4010 -v "$VOLUME:/data" \
    -v "$TMP/config:/config:ro" -e COMETLY_EMULATOR_SPACES=/config/spaces.json \
    -v "$TMP/seed:/seed:ro" -e COMETLY_EMULATOR_SEED=/seed "$IMAGE" >/dev/null
}

# stop_checked NAME: SIGTERM must reach node (exit 0, long before docker's 10 s SIGKILL); prints the stop time.
stop_checked () {
  local start elapsed code
  start=$(now_ms)
  docker stop -t 10 "$1" >/dev/null
  elapsed=$(( $(now_ms) - start ))
  code=$(docker inspect -f '{{.State.ExitCode}}' "$1")
  [ "$code" = 0 ] || fail "$1 exited with $code after docker stop (expected 0)"
  [ "$elapsed" -lt 5000 ] || fail "docker stop took $elapsed ms: SIGTERM did not stop node"
  echo "$elapsed"
}

# seeded_once URL: the seed folder's Space holds its one contact, once, whatever the number of starts.
seeded_once () {
  expect 200 GET "$1/public-api/v1/contacts?start_date=2000-01-01%2000:00:00&end_date=2099-12-31%2023:59:59" "$SEED_KEY"
  [ "$(json 'JSON.stringify(b.data.map((c) => c.email))')" = '["seeded@example.com"]' ] ||
    fail "the seeded Space lists $(json 'JSON.stringify(b.data)'), expected the one seeded contact"
}

# read_back URL ID KEY: the contact the API returns is the one created.
read_back () {
  expect 200 GET "$1/public-api/v1/contacts/$2" "$3"
  [ "$(json 'b.id')" = "$2" ] || fail "GET contact $2 returned id $(json 'b.id')"
  [ "$(json 'JSON.stringify(b.emails)')" = '["ci@example.com"]' ] || fail "GET contact $2: emails $(json 'JSON.stringify(b.emails)')"
}

mkdir -p "$TMP/config" "$TMP/seed"
echo '[{ "name": "CI Space", "api_keys": ["'"$SPACE_KEY"'"] }]' > "$TMP/config/spaces.json"
echo '{ "spaces": [{ "name": "Seeded Space", "api_keys": ["'"$SEED_KEY"'"], "contacts": [{ "emails": ["seeded@example.com"] }] }] }' > "$TMP/seed/ci.json"
# The container runs as node (uid 1000), which must read the mounted folders.
chmod 755 "$TMP" "$TMP/config" "$TMP/seed" && chmod 644 "$TMP/config/spaces.json" "$TMP/seed/ci.json"

log "building $IMAGE"
build_start=$(now_ms)
docker build --force-rm -t "$IMAGE" . > "$TMP/build.log" 2>&1 || { tail -60 "$TMP/build.log" >&2; fail "docker build failed"; }
build_ms=$(( $(now_ms) - build_start ))
image_bytes=$(docker image inspect "$IMAGE" --format '{{.Size}}')
log "built in $(( build_ms / 1000 )) s, image size $(( image_bytes / 1000000 )) MB"

[ "$(docker image inspect "$IMAGE" --format '{{.Config.User}}')" = node ] || fail "the image's USER is not node"
[ -n "$(docker image inspect "$IMAGE" --format '{{if .Config.Healthcheck}}yes{{end}}')" ] || fail "the image has no HEALTHCHECK"

log "docker run, then wait for the first 200"
run_start=$(now_ms)
run_emulator "$RUN_ID-a"
url=$(published_url "$RUN_ID-a")
wait_answering "$url"
ready_ms=$(( $(now_ms) - run_start ))
wait_healthy "$RUN_ID-a"
healthy_ms=$(( $(now_ms) - run_start ))
log "first 200 after $ready_ms ms, healthy after $healthy_ms ms ($url)"

expect 200 GET "$url/_emulator/health"
[ "$(json 'b.status')" = ok ] || fail "health status is $(json 'b.status')"
expect 401 POST "$url/public-api/v1/contacts" "" '{"emails":["ci@example.com"]}'
expect 201 POST "$url/public-api/v1/contacts" "$DEV_KEY" '{"emails":["ci@example.com"]}'
contact_id=$(json 'b.id')
[[ $contact_id =~ ^[0-9]+$ ]] || fail "create returned id '$contact_id'"
read_back "$url" "$contact_id" "$DEV_KEY"
log "created contact $contact_id with the dev key and read it back"

# The Spaces file mounted at start: its key works, and its Space does not see the Default Space's contact.
expect 201 POST "$url/public-api/v1/contacts" "$SPACE_KEY" '{"emails":["space@example.com"]}'
expect 404 GET "$url/public-api/v1/contacts/$contact_id" "$SPACE_KEY"
log "the mounted COMETLY_EMULATOR_SPACES file was loaded (its key creates in its own Space)"
seeded_once "$url"
log "the mounted COMETLY_EMULATOR_SEED folder was loaded (its Space lists its contact)"

pid1_uid=$(docker exec "$RUN_ID-a" awk '/^Uid:/ { print $2 }' /proc/1/status)
[ "$pid1_uid" != 0 ] || fail "the server (PID 1) runs as root"
pid1_cmd=$(docker exec "$RUN_ID-a" sh -c "tr '\\0' ' ' < /proc/1/cmdline")
pid1_cmd=${pid1_cmd% }
[[ $pid1_cmd == node\ * ]] || fail "PID 1 is '$pid1_cmd', not node (a shell would swallow SIGTERM)"
log "PID 1 is '$pid1_cmd' as uid $pid1_uid"

docker restart -t 10 "$RUN_ID-a" >/dev/null
wait_healthy "$RUN_ID-a"
url=$(published_url "$RUN_ID-a")
read_back "$url" "$contact_id" "$DEV_KEY"
seeded_once "$url"
log "after docker restart, contact $contact_id is still there and the seed was not applied twice"

stop_ms=$(stop_checked "$RUN_ID-a")
log "docker stop: exit 0 after $stop_ms ms"
docker rm "$RUN_ID-a" >/dev/null

# A new container on the same volume: the data lives in /data, not in the container.
run_emulator "$RUN_ID-b"
wait_healthy "$RUN_ID-b"
url=$(published_url "$RUN_ID-b")
read_back "$url" "$contact_id" "$DEV_KEY"
log "a new container on volume $VOLUME still has contact $contact_id"
stop_checked "$RUN_ID-b" >/dev/null
docker rm "$RUN_ID-b" >/dev/null
CURRENT=""

log "compose (${compose[*]}): up, healthy, a request, down -v"
compose_port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')
export COMETLY_EMULATOR_IMAGE=$IMAGE COMETLY_EMULATOR_HOST_PORT=$compose_port
"${compose[@]}" -p "$PROJECT" up -d >"$TMP/compose.log" 2>&1 || { cat "$TMP/compose.log" >&2; fail "compose up failed"; }
CURRENT=$("${compose[@]}" -p "$PROJECT" ps -q emulator)
[ -n "$CURRENT" ] || fail "compose started no emulator container"
wait_healthy "$CURRENT"
url=http://127.0.0.1:$compose_port
expect 201 POST "$url/public-api/v1/contacts" "$DEV_KEY" '{"emails":["ci@example.com"]}'
read_back "$url" "$(json 'b.id')" "$DEV_KEY"
[ -n "$(docker volume ls -q --filter "name=${PROJECT}_cometly-data")" ] || fail "compose created no cometly-data volume"
"${compose[@]}" -p "$PROJECT" down -v >"$TMP/compose.log" 2>&1 || { cat "$TMP/compose.log" >&2; fail "compose down failed"; }
CURRENT=""
[ -z "$(docker volume ls -q --filter "name=${PROJECT}_cometly-data")" ] || fail "compose down -v left the volume behind"
log "compose: healthy, created and read a contact on 127.0.0.1:$compose_port, down -v removed the volume"

echo
echo "container test passed"
echo "  image size:                      $(( image_bytes / 1000000 )) MB ($image_bytes bytes)"
echo "  build time:                      $(( build_ms / 1000 )) s"
echo "  docker run -> first 200:         $ready_ms ms"
echo "  docker run -> healthy:           $healthy_ms ms"
echo "  docker stop (SIGTERM -> exit 0): $stop_ms ms"
