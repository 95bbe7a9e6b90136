#!/usr/bin/env bash
# The worker engine benchmark (docs/performance.md): end-to-end throughput of system.noop tasks (submitted in bulk,
# processed by worker processes of the Release build until all are done) for several shapes, the raw SQL ceiling
# (the same claim-and-complete statements issued directly over Npgsql) on the same database, their ratio, and the
# resident memory of one worker process over a 1,000,000-task run.
#
#   bench/engine-throughput.sh                          # 20,000 tasks per row (after 20,000 untimed), 1,000,000 for the memory run
#   bench/engine-throughput.sh -- --memory-tasks 0      # throughput only
#   bench/engine-throughput.sh -- --tasks 50000 --shapes 1x20x20,2x50x50 --raw-shapes 2x50
#   bench/engine-throughput.sh -- --memory-tasks 0 --hog-threads 2   # each row again on CPUs oversubscribed by 2 busy threads
#
# It uses the benchmark cluster in .local/bench/ (shared with bench/task-list.sh) and a database of its own,
# taskorch_engine_bench, migrated afresh. The server runs with PostgreSQL's default durability (fsync and
# synchronous commit on), so a commit costs what it costs in production. The report is printed and written to
# .local/bench/engine-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

client_args=()
if [[ "${1:-}" == "--" ]]; then shift; client_args=("$@"); elif (( $# > 0 )); then echo "unknown option $1 (see the top of $0)" >&2; exit 2; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/pgdata"
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

pg_require_binaries
if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  echo "==> Creating the benchmark's PostgreSQL cluster in .local/bench/pgdata"
  pg_init "$pg_data"
fi
pg_stop "$pg_data"
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/socket")" "$bench_dir/postgres.log" \
  shared_buffers=1GB max_wal_size=4GB max_connections=200
pg_psql "$PG_PORT" postgres "DROP DATABASE IF EXISTS taskorch_engine_bench WITH (FORCE)"
pg_psql "$PG_PORT" postgres "CREATE DATABASE taskorch_engine_bench"
connection="Host=127.0.0.1;Port=$PG_PORT;Database=taskorch_engine_bench;Username=postgres;Password=postgres"
echo "    PostgreSQL on 127.0.0.1:$PG_PORT"

keys_dir="$bench_dir/signing-keys"
mkdir -p "$keys_dir"
[[ -f "$keys_dir/bench.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys_dir/bench.pem" 2>/dev/null

api_dll="$repo_root/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"
echo "==> Migrating"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="$connection" Jwt__KeysPath="$keys_dir" \
  Logging__LogLevel__Default=Warning dotnet "$api_dll" migrate

echo "==> Measuring"
dotnet bench/EngineBenchmark/bin/Release/net10.0/TaskOrchestration.EngineBenchmark.dll \
  --connection "$connection" --worker-dll "$api_dll" --keys "$keys_dir" \
  --output "$bench_dir/engine-report.md" "${client_args[@]}"
