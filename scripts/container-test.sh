#!/usr/bin/env bash
# Container test: builds the image and runs it the way CI and users do (docker run, then compose), checking the
# image (labels, size, user, healthcheck), health, the dev key, the /data volume, Spaces and seed data at start
# (inline JSON and mounted files), the non-root user, a clean and fast stop, what a loopback HOST and an
# unwritable /data look like, the docs' `docker run` lines, then prints the measured figures. Fails on the first
# broken step, with the container's log. Needs docker, curl and node on the host.
#   bash scripts/container-test.sh   (IMAGE=name:tag for the tag, COMPOSE="docker-compose" to force v1, FIGURES=0)
set -Eeuo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-cometly-emulator:container-test}
RUN_ID=cometly-ct-$$
VOLUME=$RUN_ID-data
COMPOSE_VOLUME=$RUN_ID-compose
PROJECT=cometlyct$$
DEV_KEY=cometly-dev-key
SPACE_KEY=ci-space-key
SEED_KEY=ci-seeded-key
MAX_OVER_BASE_MB=15
TMP=$(mktemp -d)
CURRENT=""
STARTED=()

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
  for name in "${STARTED[@]}"; do docker rm -f -v "$name" >/dev/null 2>&1 || true; done
  docker volume rm "$VOLUME" >/dev/null 2>&1 || true
  COMETLY_EMULATOR_IMAGE=$IMAGE COMETLY_EMULATOR_VOLUME=$COMPOSE_VOLUME \
    "${compose[@]}" -p "$PROJECT" down -v --remove-orphans >/dev/null 2>&1 || true
  docker volume rm "$COMPOSE_VOLUME" >/dev/null 2>&1 || true
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

# wait_health NAME STATUS: until Docker reports STATUS (healthy or unhealthy) for the running container.
wait_health () {
  local deadline=$(( $(now_ms) + 60000 )) state want=${2:-healthy}
  while :; do
    state=$(health_of "$1")
    case $state in
      "$want/running") return 0 ;;
      */exited|*/dead) fail "$1 stopped before it became $want ($state)" ;;
      healthy/*|unhealthy/*) [ "$want" = starting ] || fail "$1 is ${state%/*}, expected $want" ;;
    esac
    [ "$(now_ms)" -lt "$deadline" ] || fail "$1 not $want after 60 s ($state)"
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

INLINE_SPACES='[{ "name": "CI Space", "api_keys": ["'"$SPACE_KEY"'"] }]'
INLINE_SEED='{ "spaces": [{ "name": "Seeded Space", "api_keys": ["'"$SEED_KEY"'"], "contacts": [{ "emails": ["seeded@example.com"] }] }] }'

# run_emulator NAME inline|files: the image as a user runs it, with the dev key and the named volume, the Spaces and
# the seed given as inline JSON (-e only) or as mounted files.
run_emulator () {
  local config
  if [ "$2" = inline ]; then
    config=(-e "COMETLY_EMULATOR_SPACES=$INLINE_SPACES" -e "COMETLY_EMULATOR_SEED=$INLINE_SEED")
  else
    config=(-v "$TMP/config:/config:ro" -e COMETLY_EMULATOR_SPACES=/config/spaces.json
      -v "$TMP/seed:/seed:ro" -e COMETLY_EMULATOR_SEED=/seed)
  fi
  CURRENT=$1
  STARTED+=("$1")
  docker run -d --name "$1" -p 127.0.0.1::4010 -v "$VOLUME:/data" "${config[@]}" "$IMAGE" >/dev/null
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

# seeded_once URL: the seed's Space holds its one contact, once, whatever the number of starts.
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

label () { docker image inspect "$IMAGE" --format "{{index .Config.Labels \"org.opencontainers.image.$1\"}}"; }

mkdir -p "$TMP/config" "$TMP/seed"
echo "$INLINE_SPACES" > "$TMP/config/spaces.json"
echo "$INLINE_SEED" > "$TMP/seed/ci.json"
# The container runs as node (uid 1000), which must read the mounted folders.
chmod 755 "$TMP" "$TMP/config" "$TMP/seed" && chmod 644 "$TMP/config/spaces.json" "$TMP/seed/ci.json"

log "building $IMAGE"
build_start=$(now_ms)
docker build --force-rm -t "$IMAGE" . > "$TMP/build.log" 2>&1 || { tail -60 "$TMP/build.log" >&2; fail "docker build failed"; }
build_ms=$(( $(now_ms) - build_start ))
image_bytes=$(docker image inspect "$IMAGE" --format '{{.Size}}')
base_image=$(sed -n 's/^FROM \([^ ]*\)$/\1/p' Dockerfile | tail -1)
base_bytes=$(docker image inspect "$base_image" --format '{{.Size}}')
over_base_mb=$(( (image_bytes - base_bytes) / 1000000 ))
log "built in $(( build_ms / 1000 )) s: $(( image_bytes / 1000000 )) MB, $over_base_mb MB above $base_image"

[ "$(docker image inspect "$IMAGE" --format '{{.Config.User}}')" = node ] || fail "the image's USER is not node"
[ "$(docker image inspect "$IMAGE" --format '{{json .Config.Healthcheck.Test}}')" = '["CMD","bash","/app/healthcheck.sh"]' ] ||
  fail "the image's HEALTHCHECK is not bash /app/healthcheck.sh"
[ "$over_base_mb" -le "$MAX_OVER_BASE_MB" ] || fail "the image is $over_base_mb MB above $base_image (at most $MAX_OVER_BASE_MB)"
version=$(node -p 'require("./package.json").version')
[ "$(label version)" = "$version" ] || fail "label version is '$(label version)', package.json says $version"
[ "$(label licenses)" = MIT ] || fail "label licenses is '$(label licenses)'"
[ -n "$(docker image inspect "$IMAGE" --format '{{json .Config.Labels}}' | grep -o '"org.opencontainers.image.source"')" ] ||
  fail "no org.opencontainers.image.source label"
log "image: user node, bash healthcheck, labels version $version and MIT, $over_base_mb MB above the base"

log "docker run (Spaces and seed as inline JSON), then wait for the first 200"
run_emulator "$RUN_ID-a" inline
url=$(published_url "$RUN_ID-a")
wait_answering "$url"
wait_health "$RUN_ID-a" healthy
log "healthy ($url)"

expect 200 GET "$url/_emulator/health"
[ "$(json 'b.status')" = ok ] || fail "health status is $(json 'b.status')"
expect 401 POST "$url/public-api/v1/contacts" "" '{"emails":["ci@example.com"]}'
expect 201 POST "$url/public-api/v1/contacts" "$DEV_KEY" '{"emails":["ci@example.com"]}'
contact_id=$(json 'b.id')
[[ $contact_id =~ ^[0-9]+$ ]] || fail "create returned id '$contact_id'"
read_back "$url" "$contact_id" "$DEV_KEY"
log "created contact $contact_id with the dev key and read it back"

# The Spaces given at start: its key works, and its Space does not see the Default Space's contact.
expect 201 POST "$url/public-api/v1/contacts" "$SPACE_KEY" '{"emails":["space@example.com"]}'
expect 404 GET "$url/public-api/v1/contacts/$contact_id" "$SPACE_KEY"
log "the inline COMETLY_EMULATOR_SPACES was loaded (its key creates in its own Space)"
seeded_once "$url"
log "the inline COMETLY_EMULATOR_SEED was loaded (its Space lists its contact)"
expect 200 GET "$url/_emulator/docs/"
expect 200 GET "$url/_emulator/docs/static/swagger-ui.css"
log "Swagger UI is served, with its static files"

# The inspector's page and its hashed script come from dist/inspector, which the build stage wrote.
expect 200 GET "$url/_emulator/ui"
script=$(grep -o '/_emulator/ui/assets/app-[0-9a-f]*\.js' "$TMP/body" | head -1)
[ -n "$script" ] || fail "the inspector's page names no script: $(head -c 300 "$TMP/body")"
expect 200 GET "$url$script"
log "the inspector is served ($script)"

# LOG_FORMAT=pretty: readable lines from pino-pretty, which the image carries bundled beside the emulator (it has no
# node_modules for it).
STARTED+=("$RUN_ID-pretty")
docker run -d --name "$RUN_ID-pretty" -e LOG_FORMAT=pretty -e COMETLY_EMULATOR_DATABASE=:memory: "$IMAGE" >/dev/null
wait_health "$RUN_ID-pretty" healthy
pretty=$(docker logs "$RUN_ID-pretty" 2>&1)
docker rm -f "$RUN_ID-pretty" >/dev/null
grep -Eq '^\[[0-9:.]+\] INFO: cometly-emulator ready at ' <<<"$pretty" || fail "LOG_FORMAT=pretty logged: $pretty"
log "LOG_FORMAT=pretty logs readable lines"

pid1_uid=$(docker exec "$RUN_ID-a" awk '/^Uid:/ { print $2 }' /proc/1/status)
[ "$pid1_uid" != 0 ] || fail "the server (PID 1) runs as root"
pid1_cmd=$(docker exec "$RUN_ID-a" sh -c "tr '\\0' ' ' < /proc/1/cmdline")
pid1_cmd=${pid1_cmd% }
[[ $pid1_cmd == node\ * ]] || fail "PID 1 is '$pid1_cmd', not node (a shell would swallow SIGTERM)"
log "PID 1 is '$pid1_cmd' as uid $pid1_uid"

docker restart -t 10 "$RUN_ID-a" >/dev/null
wait_health "$RUN_ID-a" healthy
url=$(published_url "$RUN_ID-a")
read_back "$url" "$contact_id" "$DEV_KEY"
seeded_once "$url"
log "after docker restart, contact $contact_id is still there and the seed was not applied twice"

stop_ms=$(stop_checked "$RUN_ID-a")
log "docker stop: exit 0 after $stop_ms ms"

# A new container on the same volume: the data lives in /data, not in the container.
run_emulator "$RUN_ID-b" files
wait_health "$RUN_ID-b" healthy
url=$(published_url "$RUN_ID-b")
read_back "$url" "$contact_id" "$DEV_KEY"
seeded_once "$url"
expect 201 POST "$url/public-api/v1/contacts" "$SPACE_KEY" '{"emails":["space@example.com"]}'
log "a new container on volume $VOLUME, with the Spaces and seed as mounted files, still has contact $contact_id"
stop_checked "$RUN_ID-b" >/dev/null
CURRENT=""

log "HOST=127.0.0.1: unreachable from outside, so unhealthy, with a warning"
CURRENT=$RUN_ID-loopback
STARTED+=("$CURRENT")
docker run -d --name "$CURRENT" -p 127.0.0.1::4010 -e HOST=127.0.0.1 \
  --health-interval 1s --health-start-period 0s "$IMAGE" >/dev/null
wait_health "$CURRENT" unhealthy
docker logs "$CURRENT" 2>&1 | grep -q 'listening on 127.0.0.1 inside a container' ||
  fail "no warning about HOST=127.0.0.1 in the log"
docker rm -f -v "$CURRENT" >/dev/null

if [ "$(id -u)" = 1000 ]; then
  log "skipped: the unwritable /data check (this user is uid 1000, who can write its own folders)"
else
  log "a /data that uid 1000 cannot write: one line, exit 1"
  mkdir "$TMP/readonly-data" && chmod 755 "$TMP/readonly-data"
  CURRENT=$RUN_ID-readonly
  STARTED+=("$CURRENT")
  docker run -d --name "$CURRENT" -v "$TMP/readonly-data:/data" "$IMAGE" >/dev/null
  docker wait "$CURRENT" > "$TMP/exit-code"
  [ "$(cat "$TMP/exit-code")" = 1 ] || fail "exited with $(cat "$TMP/exit-code"), expected 1"
  expected='cometly-emulator: cannot write the data folder /data (this process runs as uid 1000, gid 1000): EACCES; give that user write access to it'
  [ "$(docker logs "$CURRENT" 2>&1)" = "$expected" ] || fail "the log is not the one expected line: $(docker logs "$CURRENT" 2>&1)"
  docker rm -f -v "$CURRENT" >/dev/null
fi
CURRENT=""

log "the docs' docker run lines, as written, in an empty folder"
# Each shell block of the README and docs/docker.md with a `docker run` line: its set-up lines (mkdir, echo) run
# as they are; the docker run line runs detached, on a free port, with this test's image and volume.
node -e '
const { readFileSync } = require("fs")
for (const file of ["README.md", "docs/docker.md"]) {
  for (const [, block] of readFileSync(file, "utf8").matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim()).filter(Boolean)
    if (!lines.some((l) => l.startsWith("docker run "))) continue
    console.log(JSON.stringify({ file, setup: lines.filter((l) => /^(mkdir|echo) /.test(l)),
      run: lines.find((l) => l.startsWith("docker run ")) }))
  }
}' > "$TMP/docs-runs"
[ -s "$TMP/docs-runs" ] || fail "found no docker run line in the docs"
n=0
while read -r entry; do
  n=$(( n + 1 ))
  folder="$TMP/docs-$n"
  mkdir "$folder"
  run=$(node -p 'JSON.parse(process.argv[1]).run' "$entry")
  CURRENT=$RUN_ID-docs-$n
  STARTED+=("$CURRENT")
  command=${run/docker run --rm /docker run -d --name $CURRENT }
  command=${command/-p 127.0.0.1:4010:4010/-p 127.0.0.1::4010}
  command=${command//cometly-data:\/data/$VOLUME:/data}
  command="${command% cometly-emulator} $IMAGE"
  [[ $command == "docker run -d --name $CURRENT "*" $IMAGE" ]] || fail "cannot adapt the docs' line: $run"
  (
    cd "$folder"
    umask 022
    node -e 'for (const line of JSON.parse(process.argv[1]).setup) console.log(line)' "$entry" > "$TMP/setup.sh"
    bash -e "$TMP/setup.sh"
    eval "$command" >/dev/null
  ) || fail "the docs' line did not start: $run"
  url=$(published_url "$CURRENT")
  wait_answering "$url"
  expect 201 POST "$url/public-api/v1/contacts" "$DEV_KEY" '{"emails":["docs@example.com"]}'
  docker rm -f -v "$CURRENT" >/dev/null
  log "  ok: $run"
done < "$TMP/docs-runs"
CURRENT=""

log "compose (${compose[*]}): the volume name, then up, healthy, a request, down -v"
[ "$(COMETLY_EMULATOR_VOLUME='' "${compose[@]}" -p "$PROJECT" config | node -e '
  const text = require("fs").readFileSync(0, "utf8")
  console.log(/^volumes:\n  cometly-data:\n    name: (\S+)$/m.exec(text)?.[1])')" = cometly-data ] ||
  fail "compose would not name the volume cometly-data, as the docs say"
compose_port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')
export COMETLY_EMULATOR_IMAGE=$IMAGE COMETLY_EMULATOR_HOST_PORT=$compose_port COMETLY_EMULATOR_VOLUME=$COMPOSE_VOLUME
"${compose[@]}" -p "$PROJECT" up -d >"$TMP/compose.log" 2>&1 || { cat "$TMP/compose.log" >&2; fail "compose up failed"; }
CURRENT=$("${compose[@]}" -p "$PROJECT" ps -q emulator)
[ -n "$CURRENT" ] || fail "compose started no emulator container"
wait_health "$CURRENT" healthy
url=http://127.0.0.1:$compose_port
expect 201 POST "$url/public-api/v1/contacts" "$DEV_KEY" '{"emails":["ci@example.com"]}'
read_back "$url" "$(json 'b.id')" "$DEV_KEY"
[ "$(docker volume ls -q --filter "name=^${COMPOSE_VOLUME}$")" = "$COMPOSE_VOLUME" ] ||
  fail "compose did not create the volume $COMPOSE_VOLUME"
"${compose[@]}" -p "$PROJECT" down -v >"$TMP/compose.log" 2>&1 || { cat "$TMP/compose.log" >&2; fail "compose down failed"; }
CURRENT=""
[ -z "$(docker volume ls -q --filter "name=^${COMPOSE_VOLUME}$")" ] || fail "compose down -v left the volume behind"
log "compose: healthy, created and read a contact on 127.0.0.1:$compose_port in volume $COMPOSE_VOLUME, down -v removed it"

echo
echo "container test passed"
echo "  image:                           $(( image_bytes / 1000000 )) MB, $over_base_mb MB above $base_image"
echo "  build time:                      $(( build_ms / 1000 )) s"
echo "  docker stop (SIGTERM -> exit 0): $stop_ms ms"
if [ "${FIGURES:-1}" != 0 ]; then
  log "figures (scripts/container-figures.mjs, about 2 minutes)"
  node scripts/container-figures.mjs "$IMAGE" "$base_image" > "$TMP/figures.json"
  node -e '
const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
const a = f.firstAnswerMs, i = f.idleCpuPercentOfCore
console.log(`  docker run -> first 201:         ${a.emulator} ms, ${a.ratio}x a hello-world node container (${a.hello} ms); median of ${f.runs}`)
console.log(`  docker run -> healthy:           ${f.healthyMs.median} ms`)
console.log(`  idle CPU, % of a core:           ${i.emulator} (bash probe), ${i.emulatorWithNodeProbe} (node probe), ${i.hello} (hello world, no healthcheck)`)
console.log(`  figures: ${JSON.stringify(f)}`)' "$TMP/figures.json"
fi
