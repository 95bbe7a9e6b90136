#!/usr/bin/env bash
# The outbox dispatcher's cost per event (docs/performance.md, "The outbox dispatched in one transaction"): one worker
# process (role worker: the dispatcher with its three consumers, the email and webhook senders, and the idle engine)
# delivers a pre-filled outbox, and the script reports events per second (the database's time from the first
# acknowledgement to the last), and the worker's and PostgreSQL's CPU per event over that stretch.
#
#   bench/outbox-dispatch.sh                                  # this checkout's build, 3 rounds of 40,000 events
#   bench/outbox-dispatch.sh --baseline bfc7967               # alternating with a build of that commit (a git worktree)
#   bench/outbox-dispatch.sh --events 80000 --rounds 5
#
# It uses the API benchmark's cluster and its seeded database (.local/bench/api-pgdata: run bench/api.sh once first).
# Each round starts one worker process, lets it deliver 20,000 events untimed (its JIT's warm-up), then writes the
# measured events in one transaction: for each of --events / 2 seeded tasks a taskCreated and a taskTaken by its
# creator (the events of bench/api.sh's writes), with the envelope the API writes. Before each round the outbox, the
# consumption records, notifications, emails and webhook deliveries are emptied and vacuumed. The report is printed
# and written to .local/bench/outbox-dispatch-report.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=../build/lib/postgres.sh
source build/lib/postgres.sh

events=40000 rounds=3 baseline="" warm_up=20000
while (( $# > 0 )); do
  case "$1" in
    --events) events="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
pg_data="$bench_dir/api-pgdata"
report="$bench_dir/outbox-dispatch-report.md"
[[ -f "$pg_data/PG_VERSION" ]] || { echo "error: no API benchmark cluster in $pg_data: run bench/api.sh once first" >&2; exit 1; }

worker_pid=""
cleanup() {
  [[ -z "$worker_pid" ]] || { kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; }
  pg_stop "$pg_data"
  [[ -z "$baseline" ]] || git worktree remove --force "$bench_dir/dispatch-baseline" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building the API (Release)"
dotnet build src/WebApi -c Release -nologo -v quiet
builds=("current:$repo_root/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll")
if [[ -n "$baseline" ]]; then
  echo "==> Building $baseline (Release) in a worktree"
  git worktree remove --force "$bench_dir/dispatch-baseline" 2>/dev/null || true
  git worktree add --detach "$bench_dir/dispatch-baseline" "$baseline" >/dev/null
  dotnet build "$bench_dir/dispatch-baseline/src/WebApi" -c Release -nologo -v quiet
  builds+=("$baseline:$bench_dir/dispatch-baseline/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll")
fi

pg_require_binaries
pg_stop "$pg_data"
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$bench_dir/api-socket")" "$bench_dir/api-postgres.log" shared_buffers=1GB max_wal_size=4GB
sql() { pg_psql "$PG_PORT" taskorchestration "$1"; }
[[ "$(sql "SELECT count(*) >= $((events / 2)) FROM tasks")" == t ]] ||
  { echo "error: the API benchmark's database has fewer than $((events / 2)) tasks: run bench/api.sh first" >&2; exit 1; }
connection="Host=127.0.0.1;Port=$PG_PORT;Database=taskorchestration;Username=postgres;Password=postgres"

empty() {
  sql "DELETE FROM outbox_messages; DELETE FROM consumed_events; DELETE FROM notifications; DELETE FROM outgoing_emails; DELETE FROM webhook_deliveries" >/dev/null
  for table in outbox_messages consumed_events notifications outgoing_emails webhook_deliveries; do sql "VACUUM ANALYZE $table" >/dev/null; done
  sql "CHECKPOINT" >/dev/null
}
# fill COUNT: a taskCreated and a taskTaken for each of COUNT/2 seeded tasks, in one transaction; answers nothing.
fill() {
  sql "INSERT INTO outbox_messages (id, type, task_id, occurred_at, payload, available_at, attempts)
       SELECT event.id, event.type, event.task_id, now(), jsonb_build_object(
                'id', event.id, 'version', 1, 'type', event.type, 'occurredAt', now(), 'taskId', event.task_id,
                'actor', jsonb_build_object('id', event.created_by, 'kind', 'user'), 'data', event.data),
              now(), 0
       FROM (
         SELECT gen_random_uuid() AS id, task.id AS task_id, task.created_by, kind.type, kind.data, kind.position
         FROM (SELECT id, created_by FROM tasks ORDER BY id LIMIT $(($1 / 2))) AS task
         CROSS JOIN (VALUES
           (1, 'taskCreated', '{\"status\": \"pending\"}'::jsonb),
           (2, 'taskTaken', '{\"to\": \"running\", \"from\": \"pending\", \"reason\": null, \"result\": null, \"trigger\": \"take\"}'::jsonb)
         ) AS kind(position, type, data)) AS event
       ORDER BY event.task_id, event.position" >/dev/null
}
drained() { [[ "$(sql "SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL AND parked_at IS NULL")" == 0 ]]; }
wait_drained() {
  local _
  for _ in {1..2400}; do drained && return 0; kill -0 "$worker_pid" 2>/dev/null || { echo "the worker exited" >&2; return 1; }; sleep 0.25; done
  echo "the outbox was not drained after 10 minutes" >&2; return 1
}
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_cpu() { local total=0 pid; for pid in $(pgrep -u postgres -x postgres); do total=$((total + $(cpu_of "$pid"))); done; echo "$total"; }
hz=$(getconf CLK_TCK)

results=()
echo "==> $rounds rounds of $events events (after $warm_up untimed), each build in turn; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do
    label="${build%%:*}" dll="${build#*:}"
    empty
    mkdir -p "$bench_dir/dispatch-pickup"
    (cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="$connection" \
      Jwt__KeysPath="$bench_dir/signing-keys" Logging__LogLevel__Default=Warning Email__PickupFolder="$bench_dir/dispatch-pickup" \
      exec dotnet "$(basename "$dll")" --role worker) >"$bench_dir/outbox-dispatch-worker.log" 2>&1 &
    worker_pid=$!
    fill "$warm_up"
    wait_drained
    empty
    worker_before=$(cpu_of "$worker_pid") postgres_before=$(postgres_cpu)
    fill "$events"
    wait_drained
    worker_cpu=$(($(cpu_of "$worker_pid") - worker_before)) pg_cpu=$(($(postgres_cpu) - postgres_before))
    kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true; worker_pid=""
    seconds=$(sql "SELECT extract(epoch FROM max(processed_at) - min(processed_at)) FROM outbox_messages")
    records=$(sql "SELECT count(*) FROM consumed_events")
    line=$(awk -v label="$label" -v round="$round" -v n="$events" -v s="$seconds" -v w="$worker_cpu" -v p="$pg_cpu" -v hz="$hz" -v r="$records" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "%s\t%d\t%.0f\t%.0f\t%.0f\t%d\t%s", label, round, n / s, w / hz * 1e6 / n, p / hz * 1e6 / n, r, load }')
    results+=("$line")
    printf '    %s\n' "$(awk -F'\t' '{ printf "round %s, %-10s %6s events/s, worker CPU %4s us/event, PostgreSQL CPU %4s us/event, %s consumption records (load %s)", $2, $1, $3, $4, $5, $6, $7 }' <<<"$line")"
  done
done

{
  echo "# The outbox dispatcher's cost per event (bench/outbox-dispatch.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), 2 cores; one worker process (role worker) per round; $events events per round after $warm_up untimed; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| build | events/s (median) | worker CPU µs/event (median) | PostgreSQL CPU µs/event (median) | consumption records written |"
  echo "|---|---:|---:|---:|---:|"
  for build in "${builds[@]}"; do
    label="${build%%:*}"
    median() { printf '%s\n' "${results[@]}" | awk -F'\t' -v l="$label" -v c="$1" '$1 == l { print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    echo "| $label | $(median 3) | $(median 4) | $(median 5) | $(median 6) |"
  done
  echo
  echo "Every round (build, round, events/s, worker µs/event, PostgreSQL µs/event, records, load):"
  echo
  echo '```'
  printf '%s\n' "${results[@]}"
  echo '```'
} >"$report"
echo
cat "$report"
