#!/usr/bin/env bash
# What one heartbeat of a worker costs PostgreSQL (issue 20, docs/performance.md): LeaseHeartbeat's renewal of the
# leases of N running tasks, in a table of M tasks with every index the migrations create, with the reaper's index
# as it is (ix_tasks_leased on leased_by: the renewal changes no indexed column and can be a HOT update) and as it
# was before 2026-12-07 (on lease_expires_at: each renewal a new entry in every index of the table). The variants
# alternate, ROUNDS times each. Per heartbeat: milliseconds (pgbench, one client, the same statement as the worker's),
# WAL bytes, and the share of row updates that were HOT.
#
#   bench/heartbeat.sh                                    # 2,000 running among 100,000 tasks, 200 heartbeats, 2 rounds
#   bench/heartbeat.sh --running 10000 --tasks 1000000 --beats 100 --rounds 3
#   bench/heartbeat.sh --fillfactor 100                   # the tasks table's pages filled to 100 % (the schema's: 90)
#
# It uses the benchmark cluster in .local/bench/ (shared with bench/task-list.sh) with PostgreSQL's default
# durability, and a database of its own, taskorch_heartbeat_bench, migrated afresh. The report is printed and written
# to .local/bench/heartbeat-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

running=2000 tasks=100000 beats=200 rounds=2 fillfactor=
while (( $# > 0 )); do
  case "$1" in
    --running) running="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    --beats) beats="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --fillfactor) fillfactor="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
(( running <= tasks )) || { echo "--running must not exceed --tasks" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/pgdata"
work="$(mktemp -d)"
mkdir -p "$bench_dir"
chmod 755 "$repo_root/.local" "$bench_dir"
cleanup() {
  pg_stop "$pg_data"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building the API (Release), for its migrations"
dotnet build src/WebApi -c Release -nologo -v quiet

pg_require_binaries
[[ -f "$pg_data/PG_VERSION" ]] || pg_init "$pg_data"
pg_stop "$pg_data"
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/socket")" "$bench_dir/postgres.log" shared_buffers=1GB max_wal_size=4GB
db=taskorch_heartbeat_bench
pg_psql "$PG_PORT" postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
pg_psql "$PG_PORT" postgres "CREATE DATABASE $db"
keys_dir="$bench_dir/signing-keys"
mkdir -p "$keys_dir"
[[ -f "$keys_dir/bench.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys_dir/bench.pem" 2>/dev/null
echo "==> Migrating"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=$db;Username=postgres;Password=postgres" \
  Jwt__KeysPath="$keys_dir" Logging__LogLevel__Default=Warning dotnet src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll migrate

sql() { pg_psql "$PG_PORT" "$db" "$1"; }
echo "==> Seeding $tasks tasks, $running of them running and leased by one worker (spread through the table)"
sql "INSERT INTO users (id, email, display_name, role, password_hash, created_at, failed_sign_in_count)
     VALUES ('00000000-0000-0000-0000-00000000b002', 'heartbeat-bench@bench.local', 'Heartbeat bench', 'member', 'not-a-hash', now(), 0)"
stride=$(( tasks / running ))
[[ -z "$fillfactor" ]] || sql "ALTER TABLE tasks SET (fillfactor = $fillfactor)"
fillfactor=$(sql "SELECT coalesce((SELECT substring(option FROM 12) FROM unnest(reloptions) AS option WHERE option LIKE 'fillfactor=%'), '100') FROM pg_class WHERE relname = 'tasks'")
sql "INSERT INTO tasks (id, title, priority, status, created_by, owner_id, created_at, updated_at, attempt_count, tags, kind, max_attempts, leased_by, lease_expires_at)
     SELECT gen_random_uuid(), 'heartbeat #' || n, 1,
            CASE WHEN n % $stride = 0 AND n / $stride <= $running THEN 'running' ELSE 'done' END,
            '00000000-0000-0000-0000-00000000b002', '00000000-0000-0000-0000-00000000b002',
            now() - interval '1 day' + n * interval '1 millisecond', now(), 1, ARRAY[]::varchar(40)[], 'bench.heartbeat', 3,
            CASE WHEN n % $stride = 0 AND n / $stride <= $running THEN 'bench-worker' END,
            CASE WHEN n % $stride = 0 AND n / $stride <= $running THEN now() + interval '30 seconds' END
     FROM generate_series(1, $tasks) AS n"
sql "CREATE TABLE heartbeat_ids AS SELECT array_agg(id) AS ids FROM tasks WHERE status = 'running'"
sql "VACUUM ANALYZE"
# LeaseHeartbeat's statement, with the worker's ids (pgbench cannot bind an array: they are read from a table).
cat > "$work/heartbeat.sql" <<'SQL'
UPDATE tasks SET lease_expires_at = now() + interval '30 seconds'
WHERE id = ANY((SELECT ids FROM heartbeat_ids)::uuid[]) AND leased_by = 'bench-worker' AND status = 'running';
SQL

use_index() {
  sql "DROP INDEX ix_tasks_leased"
  sql "CREATE INDEX ix_tasks_leased ON tasks ($1) WHERE status = 'running' AND kind <> 'manual'"
  sql "VACUUM ANALYZE tasks"
}

report="$bench_dir/heartbeat-report.md"
{
  echo "# One heartbeat's cost ($(date -u +%F), commit $(git rev-parse --short HEAD), $(nproc) cores)"
  echo
  echo "$running running tasks among $tasks (the table's fillfactor $fillfactor); $beats heartbeats per row, one pgbench client; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| Reaper's index on | round | ms per heartbeat | WAL KiB per heartbeat | HOT updates |"
  echo "|---|---:|---:|---:|---:|"
} > "$report"
echo "==> Measuring"
for round in $(seq 1 "$rounds"); do
  for column in leased_by lease_expires_at; do
    use_index "$column"
    read -r lsn_before hot_before upd_before < <(sql "SELECT pg_current_wal_insert_lsn(), n_tup_hot_upd, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'tasks'" | tr '|' ' ')
    latency=$("$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 1 -t "$beats" -f "$work/heartbeat.sql" "$db" 2>&1 | awk '/latency average/ {print $4}')
    sleep 1 # the pgbench backend's statistics reach the counters when it exits
    read -r wal hot upd < <(sql "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '$lsn_before'), n_tup_hot_upd - $hot_before, n_tup_upd - $upd_before FROM pg_stat_user_tables WHERE relname = 'tasks'" | tr '|' ' ')
    row=$(awk -v c="$column" -v r="$round" -v l="$latency" -v w="$wal" -v b="$beats" -v h="$hot" -v u="$upd" \
      'BEGIN { printf "| `%s` | %d | %.2f | %.1f | %.0f %% |", c, r, l, w / b / 1024, (u > 0 ? 100 * h / u : 0) }')
    echo "$row" | tee -a "$report"
  done
done
echo >> "$report"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$report"
echo "==> Report: $report"
