#!/usr/bin/env bash
# The API hot-path benchmark (issue 19, docs/performance.md): our API beside a baseline that does only what any
# secured API on Kestrel and Npgsql must do (bench/ApiBaseline: RS256 bearer validation by the same library, a
# pooled Npgsql connection, and the statements our API sends for the request, copied from PostgreSQL's statement
# log), on one database, for four hot endpoints:
#   GET /api/v1/tasks/{id} (200 task ids in turn)   GET /api/v1/tasks?status=pending (the first page)
#   POST /api/v1/tasks (a fresh Idempotency-Key each) POST /api/v1/tasks/{id}/take (each task taken once)
# wrk (2 threads) measures requests/s, p50 and p99 at 16 and 64 connections, ours and the baseline in turn, ROUNDS
# times each. The report gives the medians over rounds, the ratios ours / baseline against the issue's targets (each
# the median of the rounds' own ratios, with those ratios shown), the
# memory of both processes (VmRSS idle, VmHWM after the load) and our API's start to its first 200 from /ready.
#
#   bench/api.sh                        # 100,000 tasks, 3 rounds of 10 s, role both (what build/run.sh serves)
#   bench/api.sh --role api             # the API without the worker role's background services
#   bench/api.sh --rounds 5 --duration 20 --concurrency 16,64,128 --tasks 1000000
#   bench/api.sh --fresh                # delete the kept cluster and seed again
#   bench/api.sh --api-dll PATH         # serve another build of the API, no build
#   bench/api.sh --statements           # no measurement: log the statements each endpoint sends, ours and the
#                                       # baseline's (our API as role api: the worker role's statements would drown them)
#   bench/api.sh --starts               # only our API's start to its first 200 from /ready, three times
#   bench/api.sh --profile take         # no comparison: where our API's CPU goes while wrk asks one endpoint (get, list,
#                                       # create or take) at 16 connections, by perf (linux-perf, Debian's package; the
#                                       # API started with perf maps so that JIT-compiled frames have names)
#
# The report is printed and written to .local/bench/api-report.md (--statements: .local/bench/api-statements.md;
# --profile ENDPOINT: .local/bench/api-profile-ENDPOINT.txt).
# When our API's statements change, change the baseline's with them (bench/ApiBaseline/TaskStatements.cs): it must
# send what ours sends, and --statements shows both side by side.
#
# Needs wrk, Debian's package: as root with apt-get at hand the script installs it; otherwise it stops and asks you
# to (apt-get install -y wrk). Run it alone on the machine: wrk, both apps and PostgreSQL share its cores, and a
# build next to them is measured too. The load average at the start and the end is in the report.
#
# How the two stay comparable:
# - One PostgreSQL cluster of their own, .local/bench/api-pgdata, kept between runs (seeded with the task-list
#   benchmark's data set, bench/TaskListBenchmark/seed.sql), with production durability: fsync and synchronous
#   commit on, since writes are measured.
# - Our API is paused (SIGSTOP) while the baseline is measured, so that its background services (role both) take no
#   CPU from the baseline and never dispatch the baseline's outbox rows, which are deleted after each of its runs.
#   Our API's own background work (its outbox, notifying the creators of the tasks it takes, the scheduled jobs)
#   runs during its own runs, as it would in production: in role both the script waits, before measuring and after
#   each of our write runs, until that work has caught up (the first run after seeding: minutes).
# - Every take takes a task nobody took: before each take run, fresh tasks are made with SQL (bench/api/take-pool.sql;
#   how many from the rate seen so far) and each wrk thread walks its own slice. More than --max-failures answers
#   outside 2xx (or one run out of tasks) stop the benchmark: a failed request measures nothing.
# - Before each round's block of one concurrency, the tasks the benchmark made are deleted and the tables vacuumed,
#   so every block reads the seeded data set. Each app answers each endpoint for 3 s before the first round, untimed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

tasks=100000 rounds=3 duration=10 concurrency="16,64" role="both" max_failures=5
fresh="" api_dll="" statements_only="" profile_endpoint="" starts_only=""
while (( $# > 0 )); do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --role) role="$2"; shift 2 ;;
    --max-failures) max_failures="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --api-dll) api_dll="$(realpath "$2")"; shift 2 ;;
    --statements) statements_only=1; shift ;;
    --profile) profile_endpoint="$2"; shift 2 ;;
    --starts) starts_only=1; shift ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
[[ "$role" == "both" || "$role" == "api" ]] || { echo "--role is both or api" >&2; exit 2; }
if [[ -n "$statements_only" ]]; then role=api; fi
if [[ -n "$profile_endpoint" ]]; then
  [[ " get list create take " == *" $profile_endpoint "* ]] || { echo "--profile takes get, list, create or take" >&2; exit 2; }
  command -v perf >/dev/null 2>&1 || { echo "--profile needs perf: apt-get install -y linux-perf (as root)" >&2; exit 2; }
  # perf reads the JIT's symbol maps from /tmp/perf-PID.map; W^X would hide the code behind a second mapping.
  export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
fi
IFS=',' read -r -a connection_counts <<<"$concurrency"
endpoints=(get list create take)
warm_up_seconds=3

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/api-pgdata"
work_dir="$bench_dir/api-run"
report="$bench_dir/api-report.md"
mkdir -p "$bench_dir"
# The postgres user must reach the cluster's folders (as root the cluster runs as postgres).
chmod 755 "$repo_root/.local" "$bench_dir"
rm -rf "$work_dir"
mkdir -p "$work_dir"

if ! command -v wrk >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing wrk (Debian's package)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
  else
    echo "error: this benchmark needs wrk: apt-get install -y wrk (as root)" >&2
    exit 1
  fi
fi

api_pid="" baseline_pid=""
stop_process() {
  local pid="$1"
  [[ -n "$pid" ]] || return 0
  # A stopped process keeps the TERM pending until it runs again.
  kill -CONT "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_process "$api_pid"
  stop_process "$baseline_pid"
  pg_stop "$pg_data"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "$api_dll" ]]; then
  # What the image serves (src/WebApi/Dockerfile): a Release publish compiled ahead of time (ReadyToRun).
  echo "==> Publishing the API (Release, ReadyToRun) and building the baseline"
  dotnet publish src/WebApi -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$bench_dir/api-publish" -nologo -v quiet
  api_dll="$bench_dir/api-publish/TaskOrchestration.WebApi.dll"
else
  echo "==> Building the baseline (Release)"
fi
dotnet build bench/ApiBaseline -c Release -nologo -v quiet
baseline_dll="$repo_root/bench/ApiBaseline/bin/Release/net10.0/TaskOrchestration.ApiBaseline.dll"

pg_require_binaries
if [[ -n "$fresh" ]]; then rm -rf "$pg_data"; fi
if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  echo "==> Creating the benchmark's PostgreSQL cluster in .local/bench/api-pgdata"
  pg_init "$pg_data"
fi
pg_stop "$pg_data"
pg_settings=(shared_buffers=1GB max_wal_size=4GB max_connections=200)
if [[ -n "$statements_only" ]]; then pg_settings+=(log_statement=all); fi
pg_log="$bench_dir/api-postgres.log"
: >"$pg_log" 2>/dev/null || true
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/api-socket")" "$pg_log" "${pg_settings[@]}"
sql() { pg_psql "$PG_PORT" taskorchestration "$1"; }
if [[ -z "$(pg_psql "$PG_PORT" postgres "SELECT 1 FROM pg_database WHERE datname = 'taskorchestration'")" ]]; then
  pg_psql "$PG_PORT" postgres "CREATE DATABASE taskorchestration"
fi
connection="Host=127.0.0.1;Port=$PG_PORT;Database=taskorchestration;Username=postgres;Password=postgres"
echo "    PostgreSQL on 127.0.0.1:$PG_PORT"

# A signing key for these runs only, outside git (the API refuses to start outside Development without one); the
# baseline reads the public half of the same file.
keys_dir="$bench_dir/signing-keys"
mkdir -p "$keys_dir"
[[ -f "$keys_dir/bench.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys_dir/bench.pem" 2>/dev/null

export ASPNETCORE_ENVIRONMENT=Production Role="$role"
export ConnectionStrings__Default="$connection"
export Jwt__KeysPath="$keys_dir" Jwt__AccessTokenLifetimeMinutes=240
export Bootstrap__AdminEmail="bench-admin@bench.local" Bootstrap__AdminPassword="bench-admin-password-1"
# Request logs at Information would measure the console, not the API.
export Logging__LogLevel__Default=Warning
# The emails our API's notifications send (role both) land here, not in the user's own pickup folder.
export Email__PickupFolder="$work_dir/mail-pickup"

echo "==> Migrating"
dotnet "$api_dll" migrate

# Seeded once per data set size and seed script: the database's comment says which (as in bench/task-list.sh).
seed_mark="api benchmark: $tasks tasks, seed.sql $(md5sum bench/TaskListBenchmark/seed.sql | cut -c1-12)"
if [[ "$(sql "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'taskorchestration'")" != "$seed_mark" ]]; then
  echo "==> Seeding $tasks tasks (about a minute for 100,000)"
  sql "TRUNCATE tasks, task_assignees, task_comments, task_history, team_members, teams CASCADE; DELETE FROM users WHERE email LIKE 'seed-user-%'"
  started=$SECONDS
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskorchestration -v ON_ERROR_STOP=1 \
    -v tasks="$tasks" -f bench/TaskListBenchmark/seed.sql >/dev/null
  sql "COMMENT ON DATABASE taskorchestration IS '$seed_mark'"
  echo "    seeded in $((SECONDS - started)) s"
else
  echo "==> Reusing the $tasks seeded tasks"
fi
# What earlier runs wrote goes: the tasks they made, and the queues (outbox, idempotency keys, unsent email).
sql "DELETE FROM tasks WHERE title LIKE 'bench-%'; TRUNCATE outbox_messages, idempotency_keys; DELETE FROM outgoing_emails WHERE sent_at IS NULL"
sql "VACUUM (ANALYZE) tasks, task_history, task_assignees, outbox_messages, idempotency_keys, outgoing_emails"

# start_api PORT LOG: our API from its output folder (where its appsettings.json is); sets api_started_pid.
start_api() {
  (cd "$(dirname "$api_dll")" && ASPNETCORE_URLS="http://127.0.0.1:$1" exec dotnet "$(basename "$api_dll")") >"$2" 2>&1 &
  api_started_pid=$!
}
# wait_until_ready PORT PID LOG: until /ready answers 200 (or the process dies, or 60 s pass).
wait_until_ready() {
  local _
  for _ in {1..3000}; do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$1/ready" || true)" == 200 ]]; then return 0; fi
    kill -0 "$2" 2>/dev/null || { echo "the process serving port $1 exited; its log:" >&2; cat "$3" >&2; return 1; }
    sleep 0.02
  done
  echo "port $1 was not ready after 60 s; the end of $3:" >&2
  tail -n 20 "$3" >&2
  return 1
}
milliseconds() { echo $(($(date +%s%N) / 1000000)); }

# measure_starts: our API's start to its first 200 from /ready, three times, into start_times. Run after the load,
# with both apps stopped: the database is warm then (a restart of a deployed service meets a running database, not
# one just started and vacuumed, whose first reads come from disk), and nothing else takes the cores.
start_times=()
measure_starts() {
  echo "==> Our API's start to its first 200 from /ready (3 starts, role $role)"
  local attempt port started _
  # Nor the database's own background work: the load's writes leave a checkpoint and autovacuum to do.
  sql "CHECKPOINT" >/dev/null
  for _ in {1..120}; do
    [[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" == 0 ]] && break
    sleep 0.5
  done
  for attempt in 1 2 3; do
    port="$(pg_pick_port)"
    started=$(milliseconds)
    start_api "$port" "$work_dir/api-start-$attempt.log"
    wait_until_ready "$port" "$api_started_pid" "$work_dir/api-start-$attempt.log"
    start_times+=($(($(milliseconds) - started)))
    stop_process "$api_started_pid"
    echo "    start $attempt: ${start_times[-1]} ms"
  done
}
if [[ -n "$starts_only" ]]; then
  measure_starts
  echo "Our API's start to its first 200 from /ready (no build, warm database, role $role): median $(printf '%s\n' "${start_times[@]}" | sort -n | sed -n 2p) ms of ${start_times[*]} ms (load $(cut -d' ' -f1-3 /proc/loadavg))."
  exit 0
fi

api_port="$(pg_pick_port)"
api_url="http://127.0.0.1:$api_port"
api_serving_since="$(sql "SELECT now()")"
start_api "$api_port" "$work_dir/api.log"
api_pid=$api_started_pid
baseline_port="$(pg_pick_port)"
baseline_url="http://127.0.0.1:$baseline_port"
# The baseline answers no /ready: it is ready when it answers a request without a token (401).
ASPNETCORE_URLS="$baseline_url" dotnet "$baseline_dll" >"$work_dir/baseline.log" 2>&1 &
baseline_pid=$!
wait_until_ready "$api_port" "$api_pid" "$work_dir/api.log"
for _ in {1..500}; do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$baseline_url/api/v1/tasks" || true)" == 401 ]] && break
  kill -0 "$baseline_pid" 2>/dev/null || { echo "the baseline exited; its log:" >&2; cat "$work_dir/baseline.log" >&2; exit 1; }
  sleep 0.05
done
echo "==> Serving our API ($api_dll, role $role) on $api_url and the baseline on $baseline_url"

# A member who may take tasks, in three seeded teams (so that the team rule of the lists applies), with a token.
member_email="api-bench-member@bench.local" member_password="api-bench-member-password-1"
curl -s -o /dev/null -X POST "$api_url/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$member_email\",\"password\":\"$member_password\",\"displayName\":\"API benchmark member\"}"
token="$(curl -s -X POST "$api_url/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$member_email\",\"password\":\"$member_password\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[[ -n "$token" ]] || { echo "could not sign in as $member_email; the API's log:" >&2; cat "$work_dir/api.log" >&2; exit 1; }
member_id="$(sql "SELECT id FROM users WHERE email = '$member_email'")"
sql "INSERT INTO team_members (team_id, user_id, added_at)
     SELECT id, '$member_id', now() FROM teams WHERE name LIKE 'Seed team %' ORDER BY name LIMIT 3 ON CONFLICT DO NOTHING"
# 200 tasks the member may see, spread over the table.
sql "SELECT id FROM tasks WHERE archived_at IS NULL AND title LIKE '% #%'
       AND (team_id IS NULL OR team_id IN (SELECT team_id FROM team_members WHERE user_id = '$member_id'))
     ORDER BY md5(id::text) LIMIT 200" >"$work_dir/get-ids.txt"

# make_take_pool COUNT TAG FILE: COUNT fresh tasks to take, their ids into FILE.
make_take_pool() {
  "$PG_BIN/psql" -X -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskorchestration -v ON_ERROR_STOP=1 \
    -v count="$1" -v tag="$2" -f bench/api/take-pool.sql >"$3"
}

if [[ -n "$statements_only" ]]; then
  # One request of each kind to each app, between markers in the statement log.
  out="$bench_dir/api-statements.md"
  get_id="$(head -n 1 "$work_dir/get-ids.txt")"
  for app in ours baseline; do
    url="$api_url"; [[ $app == baseline ]] && url="$baseline_url"
    make_take_pool 1 "statements-$app" "$work_dir/take-$app.txt"
    # Untimed and unlogged: a first connection's type loading is not the request's.
    curl -s -o /dev/null "$url/api/v1/tasks/$get_id" -H "Authorization: Bearer $token"
  done
  log_start=$(($(wc -l <"$pg_log") + 1))
  for app in ours baseline; do
    url="$api_url"; [[ $app == baseline ]] && url="$baseline_url"
    for request in "GET /api/v1/tasks/$get_id" "GET /api/v1/tasks?status=pending" "POST /api/v1/tasks" "POST /api/v1/tasks/$(cat "$work_dir/take-$app.txt")/take"; do
      sql "SELECT 'api.sh: $app $request'" >/dev/null
      case "$request" in
        "POST /api/v1/tasks") curl -s -o /dev/null -X POST "$url/api/v1/tasks" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' -H "Idempotency-Key: statements-$app-$RANDOM$RANDOM" \
          -d '{"title":"bench-created statements","description":"Created by bench/api.sh --statements.","priority":"high"}' ;;
        *) curl -s -o /dev/null -X "${request%% *}" "$url${request#* }" -H "Authorization: Bearer $token" ;;
      esac
      sleep 0.5
    done
  done
  sql "SELECT 'api.sh: end'" >/dev/null
  {
    echo "# The statements each endpoint sends (PostgreSQL's log, log_statement=all; role $role)"
    echo
    echo "Other sessions' statements (our API's background services, the listener) may be mixed in; a driver sends the"
    echo "DISCARD ALL and BEGIN lines in one round trip with the statement after them."
    echo
    echo '```'
    tail -n "+$log_start" "$pg_log" | sed -E 's/^[0-9-]+ [0-9:.]+ UTC //' | grep -v "api.sh: end"
    echo '```'
  } >"$out"
  cat "$out"
  exit 0
fi

# wait_for_background_work WHAT: in role both, until our API's scheduled overdue detection has run since it started
# serving, and its outbox and email queue hold nothing due (at most 15 minutes).
wait_for_background_work() {
  [[ "$role" == both ]] || return 0
  local started=$SECONDS next_note=$((SECONDS + 30)) state
  while true; do
    state="$(sql "SELECT (SELECT count(*) FROM schedule_runs WHERE job = 'overdue-detection' AND outcome = 'succeeded' AND started_at >= '$api_serving_since') > 0,
                         (SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL AND parked_at IS NULL AND available_at <= now()),
                         (SELECT count(*) FROM outgoing_emails WHERE sent_at IS NULL AND gave_up_at IS NULL AND available_at <= now())")"
    [[ "$state" == "t|0|0" ]] && break
    if (( SECONDS - started >= 900 )); then
      echo "    warning: our API's background work has not caught up after 15 minutes ($1); measuring anyway" >&2
      break
    fi
    if (( SECONDS >= next_note )); then
      next_note=$((SECONDS + 30))
      IFS='|' read -r ran events emails <<<"$state"
      echo "    waiting for our API's background work ($1): overdue detection run since start: $ran, events due: $events, emails due: $emails"
    fi
    sleep 1
  done
  if (( SECONDS - started > 1 )); then echo "    our API's background work caught up in $((SECONDS - started)) s ($1)"; fi
}

memory_kib() { awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"; }

wait_for_background_work "before measuring"
api_idle_kib="$(memory_kib "$api_pid" VmRSS)"
baseline_idle_kib="$(memory_kib "$baseline_pid" VmRSS)"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# The CPU time a process has used, in clock ticks (user + system, fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
clock_ticks_per_second="$(getconf CLK_TCK)"

# measure APP ENDPOINT CONNECTIONS SECONDS TAG: one wrk run; sets measured_rps, measured_p50 and measured_p99 (ms),
# and measured_cpu (the app's CPU milliseconds per request: unlike the rest, hardly moved by other load on the
# machine), or stops the benchmark when the run failed. Our API is paused while the baseline runs.
declare -A take_rate=()
measured_rps="" measured_p50="" measured_p99="" measured_cpu=""
measure() {
  local app="$1" endpoint="$2" connections="$3" seconds="$4" tag="$5" url="$api_url" pid="$api_pid" extra=() output result count=0
  if [[ $app == baseline ]]; then url="$baseline_url" pid="$baseline_pid"; fi
  case "$endpoint" in
    get) extra=("$work_dir/get-ids.txt") ;;
    create) extra=("$tag") ;;
    take)
      # Enough for twice the fastest rate this app has shown (in the warm-up: a guess of 3,000 a second).
      local rate="${take_rate[$app]:-3000}"
      (( rate >= 200 )) || rate=200
      count=$(( rate * seconds * 2 + 1000 ))
      make_take_pool "$count" "$tag" "$work_dir/take-ids.txt"
      extra=("$work_dir/take-ids.txt") ;;
  esac
  local outbox_before=""
  if [[ $app == baseline ]]; then
    outbox_before="$(sql "SELECT coalesce(max(sequence), 0) FROM outbox_messages")"
    kill -STOP "$api_pid"
  fi
  local ticks_before
  ticks_before="$(cpu_ticks "$pid")"
  output="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 30s -s "bench/api/$endpoint.lua" "$url" -- "$token" 2 "${extra[@]}" 2>&1)" || true
  local ticks_used=$(($(cpu_ticks "$pid") - ticks_before))
  if [[ $app == baseline ]]; then
    sql "DELETE FROM outbox_messages WHERE sequence > $outbox_before" >/dev/null
    kill -CONT "$api_pid"
  fi
  result="$(sed -n 's/^RESULT //p' <<<"$output")"
  if [[ -z "$result" ]]; then
    echo "wrk gave no result for $app $endpoint:" >&2
    echo "$output" >&2
    exit 1
  fi
  local requests seconds_run p50 p99 non2xx socket_errors statuses ran_out pair
  for pair in $result; do
    case "$pair" in
      requests=*) requests="${pair#*=}" ;; seconds=*) seconds_run="${pair#*=}" ;; p50_ms=*) p50="${pair#*=}" ;;
      p99_ms=*) p99="${pair#*=}" ;; non2xx=*) non2xx="${pair#*=}" ;; socket_errors=*) socket_errors="${pair#*=}" ;;
      statuses=*) statuses="${pair#*=}" ;; ran_out=*) ran_out="${pair#*=}" ;;
    esac
  done
  if [[ "$ran_out" == true ]]; then
    echo "error: $app $endpoint ($connections connections) took more tasks than the $count made for it; rerun (the next pools follow the rates seen)" >&2
    exit 1
  fi
  if (( non2xx + socket_errors > max_failures )); then
    echo "error: $app $endpoint ($connections connections): $non2xx answers outside 2xx and $socket_errors socket errors (statuses $statuses)" >&2
    sed -n 's/^FIRST_FAILURE /    first: /p' <<<"$output" >&2
    echo "    the end of the app's log:" >&2
    tail -n 20 "$work_dir/$([[ $app == ours ]] && echo api || echo baseline).log" >&2
    exit 1
  fi
  measured_rps="$(awk -v n="$requests" -v s="$seconds_run" 'BEGIN { printf "%.1f", n / s }')"
  measured_p50="$p50" measured_p99="$p99"
  measured_cpu="$(awk -v ticks="$ticks_used" -v hz="$clock_ticks_per_second" -v n="$requests" 'BEGIN { printf "%.2f", ticks * 1000 / hz / n }')"
  if [[ $endpoint == take ]] && (( ${measured_rps%.*} > ${take_rate[$app]:-0} )); then
    take_rate[$app]=${measured_rps%.*}
  fi
}

# reset_written_rows: the tasks the benchmark made go, and the tables are vacuumed (not during a measurement).
reset_written_rows() {
  sql "DELETE FROM tasks WHERE title LIKE 'bench-%'" >/dev/null
  sql "VACUUM (ANALYZE) tasks, task_history, task_assignees, outbox_messages, idempotency_keys" >/dev/null
}

if [[ -n "$profile_endpoint" ]]; then
  profile="$bench_dir/api-profile-$profile_endpoint.txt"
  # 40 s untimed first: under load the JIT recompiles the hot methods for about 30 s (dotnet-counters: thousands of
  # methods per 5 s, then next to none), and a profile taken during it shows the JIT, not the request.
  echo "==> Profiling our API (role $role) on $profile_endpoint at 16 connections: 40 s untimed, then 20 s under perf"
  measure ours "$profile_endpoint" 16 40 "profile-warm"
  perf record -q -F 999 -e cpu-clock -g -p "$api_pid" -o "$work_dir/perf.data" -- sleep 20 2>/dev/null &
  perf_pid=$!
  measure ours "$profile_endpoint" 16 20 "profile"
  wait "$perf_pid" || true
  {
    echo "# Where our API's CPU went: $profile_endpoint at 16 connections, role $role, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "# $measured_rps req/s, p50 $measured_p50 ms, p99 $measured_p99 ms, $measured_cpu CPU ms/request; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "## By library (self time)"
    perf report -i "$work_dir/perf.data" --no-children --sort dso --stdio --percent-limit 1 -g none 2>/dev/null | grep -v '^#' | grep -v '^$'
    echo
    echo "## By function (self time, at least 0.3 %)"
    perf report -i "$work_dir/perf.data" --no-children --sort sym --stdio --percent-limit 0.3 -g none 2>/dev/null | grep -v '^#' | grep -v '^$'
    echo
    echo "## By function with what ran inside it (children, at least 3 %)"
    perf report -i "$work_dir/perf.data" --children --sort sym --stdio --percent-limit 3 -g none 2>/dev/null | grep -v '^#' | grep -v '^$'
  } >"$profile"
  echo "    written to $profile"
  exit 0
fi

highest_connections="${connection_counts[-1]}"
echo "==> Warming up: each endpoint, each app, ${warm_up_seconds} s at $highest_connections connections (untimed)"
for endpoint in "${endpoints[@]}"; do
  for app in ours baseline; do
    measure "$app" "$endpoint" "$highest_connections" "$warm_up_seconds" "warm-$app"
    # The take pools of the rounds follow this rate (and any faster one seen later), not the first guess.
    if [[ $endpoint == take ]]; then take_rate[$app]=${measured_rps%.*}; fi
  done
done
wait_for_background_work "after warming up"

results="$work_dir/results.tsv"
: >"$results"
for round in $(seq 1 "$rounds"); do
  # Alternate who goes first, so that neither always runs on the other's leftovers.
  order=(ours baseline); (( round % 2 == 0 )) && order=(baseline ours)
  for connections in "${connection_counts[@]}"; do
    reset_written_rows
    for endpoint in "${endpoints[@]}"; do
      for app in "${order[@]}"; do
        measure "$app" "$endpoint" "$connections" "$duration" "r$round-c$connections-$app"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$app" "$endpoint" "$connections" "$round" \
          "$measured_rps" "$measured_p50" "$measured_p99" "$measured_cpu" >>"$results"
        printf '    round %s, %-8s %-6s %3s connections: %8s req/s  p50 %8s ms  p99 %8s ms  CPU %5s ms/request  (load %s)\n' "$round" "$app" \
          "$endpoint" "$connections" "$measured_rps" "$measured_p50" "$measured_p99" "$measured_cpu" "$(cut -d' ' -f1 /proc/loadavg)"
        if [[ $app == ours && ( $endpoint == create || $endpoint == take ) ]]; then
          wait_for_background_work "after $endpoint"
        fi
      done
    done
  done
done

load_at_end="$(cut -d' ' -f1-3 /proc/loadavg)"
api_peak_kib="$(memory_kib "$api_pid" VmHWM)"
baseline_peak_kib="$(memory_kib "$baseline_pid" VmHWM)"
stop_process "$api_pid"; api_pid=""
stop_process "$baseline_pid"; baseline_pid=""
measure_starts
mib() { awk -v kib="$1" 'BEGIN { printf "%.0f", kib / 1024 }'; }
start_median="$(printf '%s\n' "${start_times[@]}" | sort -n | sed -n 2p)"
{
  echo "# API hot path: our API against its baseline (bench/api.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; our API as role **$role**; $tasks seeded tasks; wrk, 2 threads, $rounds round(s) of $duration s per row, ours and the baseline (bench/ApiBaseline) in turn; medians over the rounds; each ratio the median of the rounds' ratios (ours against the baseline run beside it)."
  echo "Load average at the start $load_at_start, at the end $load_at_end."
  echo
  awk -F'\t' -v order="${endpoints[*]}" -v connections="${connection_counts[*]}" -f bench/api/report.awk "$results"
  echo
  echo "| Memory | ours | baseline |"
  echo "|---|---:|---:|"
  echo "| VmRSS, idle before the load | $(mib "$api_idle_kib") MiB | $(mib "$baseline_idle_kib") MiB |"
  echo "| VmHWM (peak RSS) after the load | $(mib "$api_peak_kib") MiB (target ≤ 180: $([[ $(mib "$api_peak_kib") -le 180 ]] && echo met || echo missed)) | $(mib "$baseline_peak_kib") MiB |"
  echo
  echo "Our API's start to its first 200 from /ready (no build, warm database, role $role): median $start_median ms of ${start_times[*]} ms (target ≤ 1500: $([[ $start_median -le 1500 ]] && echo met || echo missed))."
  echo
  echo "CPU ms/request: the app's own CPU time (user + system) during the run, per request; our API's includes its background"
  echo "work during the run (role both). PostgreSQL's and wrk's are not in it."
  echo
  echo "Every run, in order (app, endpoint, connections, round, req/s, p50 ms, p99 ms, CPU ms/request):"
  echo
  echo '```'
  cat "$results"
  echo '```'
} >"$report"
echo
cat "$report"
