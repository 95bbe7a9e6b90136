#!/usr/bin/env bash
# The worker engine beside its peers (issue 20, docs/performance.md "Peers"): on one PostgreSQL cluster, in one run,
# with the same worker count, our engine (TaskOrchestration.WebApi.dll --role worker, Release), graphile-worker 0.18.0
# (bench/engine-peers/graphile) and Hangfire 1.8.25 on Hangfire.PostgreSql 1.21.1 (bench/HangfireBenchmark) each
# drain the same number of pre-filled no-op jobs, shape after shape (processes × workers per process); then the raw
# SQL ceiling of our engine's statements (bench/EngineBenchmark/RawCeiling.cs) and a bare claim-and-complete loop
# (pgbench, bench/engine-peers/bare-loop.sql: batches of 200, FOR UPDATE SKIP LOCKED, no history or outbox rows).
#
#   bench/engine-peers.sh                                     # 50,000 jobs per row, shapes 1x10,1x50,1x400,3x50, 1 round
#                                                             # (about an hour on 2 cores, most of it Hangfire's rows)
#   bench/engine-peers.sh --jobs 2000 --warmup 2000 --shapes 1x10,3x50   # a check that everything works (~7 minutes)
#   bench/engine-peers.sh --rounds 3                          # each row 3 times; the report gives medians
#   bench/engine-peers.sh --systems engine,graphile           # a subset: engine, graphile, hangfire, raw, bare
#   bench/engine-peers.sh --warmup 5000                       # untimed jobs per row before the measured ones (20,000)
#
# Every row is timed the same way for the three systems: from the database's clock when the pre-filled jobs became
# claimable (the commit of the pre-fill, or our kind's resume) to the database's clock at the driver's first look
# (every 100 ms, a query on an index) that finds none left. Per row also: the worker processes' CPU time (user +
# system, /proc) per job, and each worker process's peak RSS (VmHWM). The peers' settings are in the report.
#
# The cluster is the benchmark's own, .local/bench/peers-pgdata, with production durability (fsync and synchronous
# commit on: every claim and every completion is a real commit); each system has a database of its own, made afresh
# (peers_engine migrated by our build, peers_graphile, peers_hangfire with their own schemas, peers_bare). Needs
# Node.js and npm (graphile-worker is installed with `npm ci` into bench/engine-peers/graphile/node_modules). Run it
# alone on the machine: everything shares its cores. The report, with the load average at the start and the end and
# the commit, is printed and written to .local/bench/engine-peers-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

driver_args=()
while (( $# > 0 )); do
  case "$1" in
    --jobs|--shapes|--rounds|--systems|--warmup) driver_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/peers-pgdata"
mkdir -p "$bench_dir"
# The postgres user must reach the cluster's folders (as root the cluster runs as postgres).
chmod 755 "$repo_root/.local" "$bench_dir"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: this benchmark needs Node.js and npm (graphile-worker)" >&2
  exit 1
fi

cleanup() {
  pg_stop "$pg_data"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building the API, the driver and the Hangfire peer (Release); installing graphile-worker"
dotnet build src/WebApi -c Release -nologo -v quiet
dotnet build bench/EngineBenchmark -c Release -nologo -v quiet
dotnet build bench/HangfireBenchmark -c Release -nologo -v quiet
(cd bench/engine-peers/graphile && npm ci --no-audit --no-fund --loglevel=error)

pg_require_binaries
if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  echo "==> Creating the benchmark's PostgreSQL cluster in .local/bench/peers-pgdata"
  pg_init "$pg_data"
fi
pg_stop "$pg_data"
# max_connections: Hangfire's 400 workers each take a pooled connection; graphile-worker's pool is concurrency + 2.
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/peers-socket")" "$bench_dir/peers-postgres.log" \
  shared_buffers=1GB max_wal_size=4GB max_connections=600
connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=postgres;Password=postgres"; }
for database in peers_engine peers_graphile peers_hangfire peers_bare; do
  pg_psql "$PG_PORT" postgres "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  pg_psql "$PG_PORT" postgres "CREATE DATABASE $database"
done
echo "    PostgreSQL on 127.0.0.1:$PG_PORT"

keys_dir="$bench_dir/signing-keys"
mkdir -p "$keys_dir"
[[ -f "$keys_dir/bench.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys_dir/bench.pem" 2>/dev/null

api_dll="$repo_root/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"
echo "==> Migrating our engine's database"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="$(connection peers_engine)" Jwt__KeysPath="$keys_dir" \
  Logging__LogLevel__Default=Warning dotnet "$api_dll" migrate

commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
echo "==> Measuring"
dotnet bench/EngineBenchmark/bin/Release/net10.0/TaskOrchestration.EngineBenchmark.dll --mode peers \
  --connection "$(connection peers_engine)" --worker-dll "$api_dll" --keys "$keys_dir" \
  --graphile-connection "$(connection peers_graphile)" \
  --graphile-runner "$repo_root/bench/engine-peers/graphile/runner.mjs" \
  --hangfire-connection "$(connection peers_hangfire)" \
  --hangfire-dll "$repo_root/bench/HangfireBenchmark/bin/Release/net10.0/TaskOrchestration.HangfireBenchmark.dll" \
  --bare-connection "$(connection peers_bare)" \
  --pgbench "$PG_BIN/pgbench" --bare-script "$repo_root/bench/engine-peers/bare-loop.sql" \
  --commit "$commit" --output "$bench_dir/engine-peers-report.md" "${driver_args[@]}"
