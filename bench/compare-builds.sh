#!/usr/bin/env bash
# Measures one change's cost on the task-list benchmark: the API built at BASE (a commit, e.g. main~3) and the API
# of the work tree, served in turn on the same seeded cluster and measured by the same client, alternating, ROUNDS
# times each, so that both see the same machine. Prints each round and the medians, and writes them to
# .local/bench/compare-report.md.
#
#   bench/compare-builds.sh BASE [--rounds 3] [--tasks N] [--role api|both] [--only TEXT]
#   bench/compare-builds.sh d64dea3 --only "GET /tasks/{id}"      # what the change since d64dea3 costs one read
#
# --only picks the rows (as bench/TaskListBenchmark's --only; default "GET /tasks/{id}"). Run it alone on the
# machine: a build or a test next to it measures them instead. The load average is printed with the results.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

base="${1:?usage: bench/compare-builds.sh BASE [--rounds N] [--tasks N] [--role api|both] [--only TEXT]}"
shift
rounds=3 tasks=1000000 role="api" only="GET /tasks/{id}"
while (( $# > 0 )); do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    --role) role="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
base_tree="$bench_dir/base-tree"
mkdir -p "$bench_dir"

echo "==> Building $base into $base_tree and the work tree (Release)"
git worktree remove --force "$base_tree" 2>/dev/null || rm -rf "$base_tree"
git worktree add --detach -q "$base_tree" "$base"
trap 'git worktree remove --force "$base_tree" 2>/dev/null || true' EXIT
dotnet build "$base_tree/src/WebApi" -c Release -nologo -v quiet
dotnet build src/WebApi -c Release -nologo -v quiet
base_dll="$base_tree/src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"
head_dll="src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll"

# row_of REPORT: the first table row of a report, as "p50 p99 requests/s".
row_of() {
  awk -F'|' '$4 ~ /^ *[0-9.]+ *$/ { gsub(/ /, "", $4); gsub(/ /, "", $5); gsub(/ /, "", $7); print $4, $5, $7; exit }' "$1"
}

declare -a base_rows=() head_rows=()
for round in $(seq 1 "$rounds"); do
  for build in base head; do
    dll="$base_dll"; [[ $build == head ]] && dll="$head_dll"
    report="$bench_dir/compare-$build-$round.md"
    bench/task-list.sh --tasks "$tasks" --role "$role" --api-dll "$dll" -- --only "$only" --output "$report" >/dev/null
    row="$(row_of "$report")"
    echo "    round $round, $build: p50 p99 ms, requests/s = $row (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    if [[ $build == base ]]; then base_rows+=("$row"); else head_rows+=("$row"); fi
  done
done

# median COLUMN ROWS...: the median of one column (1 p50, 2 p99, 3 requests/s).
median() {
  local column="$1"; shift
  printf '%s\n' "$@" | awk -v c="$column" '{ print $c }' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
  echo "Rows matching \"$only\", $tasks tasks, role $role, $rounds rounds alternating; base $base ($(git rev-parse --short "$base")), head $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + uncommitted changes'); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| Build | p50 ms | p99 ms | requests/s |"
  echo "|---|---:|---:|---:|"
  echo "| base | $(median 1 "${base_rows[@]}") | $(median 2 "${base_rows[@]}") | $(median 3 "${base_rows[@]}") |"
  echo "| head | $(median 1 "${head_rows[@]}") | $(median 2 "${head_rows[@]}") | $(median 3 "${head_rows[@]}") |"
  echo
  awk -v b="$(median 3 "${base_rows[@]}")" -v h="$(median 3 "${head_rows[@]}")" 'BEGIN { printf "Throughput head/base: %.3f\n", h / b }'
} | tee "$bench_dir/compare-report.md"
