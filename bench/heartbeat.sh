#!/usr/bin/env bash
# What one heartbeat of a worker costs PostgreSQL (issue 20, docs/performance.md) with N running tasks in a table of M
# tasks with every index the migrations create, two ways, alternating ROUNDS times each:
#   worker  LeaseHeartbeat's statements since 2026-12-07: the worker's lease renewed on its workers row (WorkerLease's
#           upsert) and the ids and attempts it holds read by ix_work_items_leased (its work items, since 2026-12-07
#           ADR 0031); no task row is written;
#   task    as it was before (commit c15e0b0): each running task's own lease_expires_at rewritten, a HOT update thanks
#           to the reaper's index on leased_by and the table's fillfactor of 90 (the column and the fillfactor are put
#           back in this benchmark's database for it).
# Per heartbeat: milliseconds (pgbench, one client, the worker's statements), WAL bytes, rows written (tasks and workers).
#
#   bench/heartbeat.sh                                    # 2,000 running among 100,000 tasks, 200 heartbeats, 2 rounds
#   bench/heartbeat.sh --running 10000 --tasks 1000000 --beats 100 --rounds 3
#   bench/heartbeat.sh --fillfactor 100                   # the tasks table's pages filled to 100 % (the old way's: 90)
#
# It uses the benchmark cluster in .local/bench/ (shared with bench/task-list.sh) with PostgreSQL's default
# durability, and a database of its own, taskorch_heartbeat_bench, migrated afresh. The report is printed and written
# to .local/bench/heartbeat-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

running=2000 tasks=100000 beats=200 rounds=2 fillfactor=90
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
# The old way's columns and fillfactor, before the rows are written (a fillfactor applies to pages written after it);
# its running automated tasks were running in their rows, which the schema now refuses.
sql "ALTER TABLE tasks ADD COLUMN leased_by varchar(200), ADD COLUMN lease_expires_at timestamptz, SET (fillfactor = $fillfactor),
     DROP CONSTRAINT ck_tasks_engine_runs_on_work_items"
sql "CREATE INDEX ix_tasks_leased ON tasks (leased_by) WHERE status = 'running' AND kind <> 'manual'"
sql "INSERT INTO tasks (id, title, priority, status, created_by, owner_id, created_at, updated_at, attempt_count, tags, kind, max_attempts, leased_by, lease_expires_at)
     SELECT gen_random_uuid(), 'heartbeat #' || n, 1,
            CASE WHEN n % $stride = 0 AND n / $stride <= $running THEN 'running' ELSE 'done' END,
            '00000000-0000-0000-0000-00000000b002', '00000000-0000-0000-0000-00000000b002',
            now() - interval '1 day' + n * interval '1 millisecond', now(), 1, ARRAY[]::varchar(40)[], 'bench.heartbeat', 3,
            CASE WHEN n % $stride = 0 AND n / $stride <= $running THEN 'bench-worker' END,
            CASE WHEN n % $stride = 0 AND n / $stride <= $running THEN now() + interval '30 seconds' END
     FROM generate_series(1, $tasks) AS n"
sql "INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
     VALUES ('bench-worker', 'bench', 0, ARRAY['bench.heartbeat'], $running, now(), now(), now() + interval '30 seconds')"
# The same running tasks as work items held by the worker, as the engine holds them now.
sql "INSERT INTO work_items (id, kind, priority, created_at, created_by, leased_by, leased_at)
     SELECT id, kind, priority, created_at, created_by, leased_by, now() FROM tasks WHERE status = 'running'"
sql "CREATE TABLE heartbeat_ids AS SELECT array_agg(id) AS ids FROM tasks WHERE status = 'running'"
sql "VACUUM ANALYZE"
# LeaseHeartbeat's statements now (WorkerLease.Renewal, then what the worker holds).
cat > "$work/worker.sql" <<'SQL'
INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
VALUES ('bench-worker', 'bench', 0, ARRAY['bench.heartbeat'], 2000, now(), now(), now() + interval '30 seconds')
ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, lease_until = excluded.lease_until;
SELECT item.id, task.attempt_count FROM work_items AS item JOIN tasks AS task ON task.id = item.id WHERE item.leased_by = 'bench-worker';
SQL
# Its statements before, with the worker's ids (pgbench cannot bind an array: they are read from a table).
cat > "$work/task.sql" <<'SQL'
UPDATE tasks SET lease_expires_at = now() + interval '30 seconds'
WHERE id = ANY((SELECT ids FROM heartbeat_ids)::uuid[]) AND leased_by = 'bench-worker' AND status = 'running'
RETURNING id;
UPDATE workers SET last_seen_at = now() WHERE id = 'bench-worker';
SQL

report="$bench_dir/heartbeat-report.md"
{
  echo "# One heartbeat's cost ($(date -u +%F), commit $(git rev-parse --short HEAD), $(nproc) cores)"
  echo
  echo "$running running tasks among $tasks (the table's fillfactor $fillfactor); $beats heartbeats per row, one pgbench client; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| Heartbeat | round | ms per heartbeat | WAL KiB per heartbeat | rows written per heartbeat (tasks + workers) |"
  echo "|---|---:|---:|---:|---:|"
} > "$report"
echo "==> Measuring"
written() { sql "SELECT sum(n_tup_upd + n_tup_ins) FROM pg_stat_user_tables WHERE relname IN ('tasks', 'workers')"; }
for round in $(seq 1 "$rounds"); do
  for way in worker task; do
    sql "VACUUM tasks" >/dev/null
    lsn_before=$(sql "SELECT pg_current_wal_insert_lsn()")
    written_before=$(written)
    latency=$("$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 1 -t "$beats" -f "$work/$way.sql" "$db" 2>&1 | awk '/latency average/ {print $4}')
    sleep 1 # the pgbench backend's statistics reach the counters when it exits
    wal=$(sql "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '$lsn_before')")
    rows=$(( $(written) - written_before ))
    row=$(awk -v c="$way" -v r="$round" -v l="$latency" -v w="$wal" -v b="$beats" -v n="$rows" \
      'BEGIN { printf "| %s | %d | %.2f | %.1f | %.0f |", c, r, l, w / b / 1024, n / b }')
    echo "$row" | tee -a "$report"
  done
done
echo >> "$report"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$report"
echo "==> Report: $report"
