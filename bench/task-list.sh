#!/usr/bin/env bash
# The task list benchmark (docs/performance.md): seeds 1,000,000 tasks with tags, assignees and comments into a
# PostgreSQL 15 cluster of its own, serves the API from a Release build, and measures the common list queries and
# GET /tasks/{id} over HTTP: p50/p99 latency per query, and throughput of a mix at a fixed concurrency.
#
#   bench/task-list.sh                 # 1,000,000 tasks; the seeded cluster is kept in .local/bench/ for reruns
#   bench/task-list.sh --tasks 100000  # a smaller data set (a different count re-seeds)
#   bench/task-list.sh --fresh         # delete the kept cluster and seed again
#   bench/task-list.sh --role api      # serve the API without the worker role's background services (default: both)
#   bench/task-list.sh --api-dll PATH  # serve another build of the API (bench/compare-builds.sh uses it), no build
#
# Extra options after -- go to the client (bench/TaskListBenchmark), e.g. -- --samples 1000 --concurrency 4.
# Seeding 1,000,000 tasks takes a few minutes on two cores; a rerun on the kept cluster starts in seconds.
# The report is printed and written to .local/bench/task-list-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

tasks=1000000
fresh=""
role="both"
api_dll=""
client_args=()
while (( $# > 0 )); do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --role) role="$2"; shift 2 ;;
    --api-dll) api_dll="$(realpath "$2")"; shift 2 ;;
    --) shift; client_args=("$@"); break ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/pgdata"
mkdir -p "$bench_dir"
# The postgres user must reach the cluster's folders (as root the cluster runs as postgres).
chmod 755 "$repo_root/.local" "$bench_dir"

api_pid=""
cleanup() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  pg_stop "$pg_data"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "$api_dll" ]]; then
  echo "==> Building the API and the benchmark client (Release)"
  dotnet build src/WebApi -c Release -nologo -v quiet
  api_dll="src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"
fi
dotnet build bench/TaskListBenchmark -c Release -nologo -v quiet

pg_require_binaries
if [[ -n "$fresh" ]]; then rm -rf "$pg_data"; fi
if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  echo "==> Creating the benchmark's PostgreSQL cluster in .local/bench/pgdata"
  pg_init "$pg_data"
fi
pg_stop "$pg_data"
# The data set is rebuilt rather than recovered, so durability is off (it only speeds up seeding: the measured
# requests are reads). shared_buffers holds the hot part of the data set, as on any production server; the rest
# is PostgreSQL's defaults.
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/socket")" "$bench_dir/postgres.log" \
  fsync=off synchronous_commit=off full_page_writes=off shared_buffers=1GB max_wal_size=4GB
if [[ -z "$(pg_psql "$PG_PORT" postgres "SELECT 1 FROM pg_database WHERE datname = 'taskorchestration'")" ]]; then
  pg_psql "$PG_PORT" postgres "CREATE DATABASE taskorchestration"
fi
connection="Host=127.0.0.1;Port=$PG_PORT;Database=taskorchestration;Username=postgres;Password=postgres"
echo "    PostgreSQL on 127.0.0.1:$PG_PORT"

# A signing key for this run only, outside git (the API refuses to start outside Development without one).
keys_dir="$bench_dir/signing-keys"
mkdir -p "$keys_dir"
[[ -f "$keys_dir/bench.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys_dir/bench.pem" 2>/dev/null
admin_email="bench-admin@bench.local"
admin_password="bench-admin-password-1"

export ASPNETCORE_ENVIRONMENT=Production Role="$role"
export ConnectionStrings__Default="$connection"
export Jwt__KeysPath="$keys_dir" Jwt__AccessTokenLifetimeMinutes=240
export Bootstrap__AdminEmail="$admin_email" Bootstrap__AdminPassword="$admin_password"
# Request logs at Information would measure the console, not the API.
export Logging__LogLevel__Default=Warning

echo "==> Migrating"
dotnet "$api_dll" migrate

# Seeded once per data set size and seed script: the database's comment says which. (Not a count of the seeded
# tasks: the API's daily cleanup deletes those archived more than 30 days before, a few each day on a kept cluster.)
seed_mark="task-list benchmark: $tasks tasks, seed.sql $(md5sum bench/TaskListBenchmark/seed.sql | cut -c1-12)"
if [[ "$(pg_psql "$PG_PORT" postgres "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'taskorchestration'")" != "$seed_mark" ]]; then
  echo "==> Seeding $tasks tasks (a few minutes for 1,000,000)"
  pg_psql "$PG_PORT" taskorchestration "TRUNCATE tasks, task_assignees, task_comments, task_history, team_members, teams CASCADE; DELETE FROM users WHERE email LIKE 'seed-user-%'"
  started=$SECONDS
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskorchestration -v ON_ERROR_STOP=1 \
    -v tasks="$tasks" -f bench/TaskListBenchmark/seed.sql
  pg_psql "$PG_PORT" postgres "COMMENT ON DATABASE taskorchestration IS '$seed_mark'"
  echo "    seeded in $((SECONDS - started)) s"
else
  echo "==> Reusing the $tasks seeded tasks"
fi

api_port="$(pg_pick_port)"
api_url="http://127.0.0.1:$api_port"
echo "==> Serving the API ($api_dll, role $role) on $api_url"
# From its output folder, where its appsettings.json is (the scheduled jobs' settings are required).
(cd "$(dirname "$api_dll")" && ASPNETCORE_URLS="$api_url" exec dotnet "$(basename "$api_dll")") >"$bench_dir/api.log" 2>&1 &
api_pid=$!
for _ in {1..100}; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; then break; fi
  kill -0 "$api_pid" 2>/dev/null || { echo "the API exited; its log:" >&2; cat "$bench_dir/api.log" >&2; exit 1; }
  sleep 0.2
done

if [[ "$role" != "api" ]]; then
  # A scheduler that starts runs the last slot of each job it missed (the daily summary, the cleanup) at once: on a
  # cluster no API served since yesterday that is a minute of mail and deletes, not what a running system answers
  # requests beside. The benchmark measures the steady state, so it starts after those runs end; the overdue job's
  # run every minute, the engine's and the outbox's polls are part of what it measures.
  for _ in {1..50}; do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$api_url/ready")" == "200" ]] && break
    sleep 0.2
  done
  sleep 3
  waited=0
  while [[ "$(pg_psql "$PG_PORT" taskorchestration "SELECT count(*) FROM schedule_runs WHERE finished_at IS NULL")" != "0" ]]; do
    (( waited++ == 0 )) && echo "==> Waiting for the scheduler's start-up runs to end"
    sleep 1
  done
  (( waited > 0 )) && echo "    they ended after ${waited} s"
fi

echo "==> Measuring"
dotnet bench/TaskListBenchmark/bin/Release/net10.0/TaskOrchestration.TaskListBenchmark.dll \
  --api "$api_url" --connection "$connection" --admin-email "$admin_email" --admin-password "$admin_password" \
  --output "$bench_dir/task-list-report.md" "${client_args[@]}"
