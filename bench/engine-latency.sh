#!/usr/bin/env bash
# The worker engine's wake latency (docs/performance.md): how soon an idle engine starts a task submitted to it. One
# API process and one worker process of the Release build (as deployed: the build's own poll interval and wake, 10
# attempts at once, the outbox dispatcher off) on the benchmark cluster; one system.noop task at a time through
# POST /api/v1/tasks, 1,000 times, each after the previous one is done and a random 50-150 ms more (so the worker
# sleeps). A poller looks once when the previous task ends, then a poll interval later, so with it a task waits about
# the interval minus that pause (its p50 is no random phase's). Reported from the rows, p50 / p99 / max:
# submitted (the task's created_at, the API's clock just before its transaction commits) to claimed (the take in
# its history, the worker's clock as the claim's transaction began) and to done (the completion, after the no-op
# handler returned): the handler began between the two.
#
#   bench/engine-latency.sh                          # this work tree's build
#   bench/engine-latency.sh --baseline 8c632ee       # and the build at that commit, in the same run (8c632ee: the
#                                                    # last before the LISTEN/NOTIFY wake, whose workers poll every 1 s)
#   bench/engine-latency.sh --baseline 8c632ee -- --samples 200
#
# The baseline's sources are exported with git archive into .local/bench/latency-baseline (no worktree is added).
# Each build gets a database of its own, migrated by that build (taskorch_latency_head, taskorch_latency_base), on
# the cluster bench/engine-throughput.sh uses (PostgreSQL's default durability: a commit costs what it costs in
# production). The machine's load average is printed beside each row; run it alone on the machine. The report is
# printed and written to .local/bench/engine-latency-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

baseline=""
client_args=()
while (( $# > 0 )); do
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    --) shift; client_args=("$@"); break ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/pgdata"
report="$bench_dir/engine-latency-report.md"
mkdir -p "$bench_dir"
chmod 755 "$repo_root/.local" "$bench_dir"

cleanup() {
  pg_stop "$pg_data"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building the API and the benchmark driver (Release)"
dotnet build src/WebApi -c Release -nologo -v quiet
dotnet build bench/EngineBenchmark -c Release -nologo -v quiet
head_dll="$repo_root/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"
base_dll=""
if [[ -n "$baseline" ]]; then
  base_tree="$bench_dir/latency-baseline"
  echo "==> Building $baseline ($(git rev-parse --short "$baseline")) in $base_tree (Release)"
  rm -rf "$base_tree" && mkdir -p "$base_tree"
  git archive --format=tar "$baseline" | tar -x -C "$base_tree"
  dotnet build "$base_tree/src/WebApi" -c Release -nologo -v quiet
  base_dll="$base_tree/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"
fi

pg_require_binaries
if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  echo "==> Creating the benchmark's PostgreSQL cluster in .local/bench/pgdata"
  pg_init "$pg_data"
fi
pg_stop "$pg_data"
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/socket")" "$bench_dir/postgres.log" \
  shared_buffers=1GB max_wal_size=4GB max_connections=200
echo "    PostgreSQL on 127.0.0.1:$PG_PORT"

keys_dir="$bench_dir/signing-keys"
mkdir -p "$keys_dir"
[[ -f "$keys_dir/bench.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys_dir/bench.pem" 2>/dev/null

rm -f "$report"
# measure LABEL DLL DATABASE: a fresh database migrated by that build, then the driver's latency mode.
measure() {
  local label="$1" dll="$2" database="$3"
  pg_psql "$PG_PORT" postgres "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  pg_psql "$PG_PORT" postgres "CREATE DATABASE $database"
  local connection="Host=127.0.0.1;Port=$PG_PORT;Database=$database;Username=postgres;Password=postgres"
  echo "==> $label: migrating $database"
  ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="$connection" Jwt__KeysPath="$keys_dir" \
    Logging__LogLevel__Default=Warning dotnet "$dll" migrate
  echo "==> $label: measuring"
  dotnet bench/EngineBenchmark/bin/Release/net10.0/TaskOrchestration.EngineBenchmark.dll \
    --mode latency --label "$label" --connection "$connection" --worker-dll "$dll" --keys "$keys_dir" \
    --output "$report" "${client_args[@]}"
}

measure "this build ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + changes'))" "$head_dll" taskorch_latency_head
if [[ -n "$base_dll" ]]; then
  measure "$baseline ($(git rev-parse --short "$baseline"))" "$base_dll" taskorch_latency_base
fi

echo
echo "Engine wake latency, $(date -u +%Y-%m-%d), $(nproc) cores:"
echo
cat "$report"
