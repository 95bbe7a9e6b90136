#!/usr/bin/env bash
# What a task's lifecycle transitions cost, in time and allocation per task, for the Domain of the work tree and for
# the Domain of BASE (default: 44e2740, the last commit with the lifecycle as a table of our own, ADR 0015), in one
# run: bench/LifecycleBenchmark is built in both trees and the two programs run in turn, ROUNDS times each, so both
# see the same machine. Prints the medians and their ratios (head / base) and writes .local/bench/lifecycle-report.md.
#
#   bench/lifecycle.sh [--base COMMIT] [--rounds 5] [--tasks 200000]
#
# Run it alone on the machine (a build next to it measures the build); the load average is printed with the figures.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

base=44e2740 rounds=5 tasks=200000
while (( $# > 0 )); do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bench_dir="$repo_root/.local/bench"
base_tree="$bench_dir/lifecycle-base-tree"
report="$bench_dir/lifecycle-report.md"
mkdir -p "$bench_dir"

echo "==> Building bench/LifecycleBenchmark against the Domain of $base and of the work tree (Release)"
git worktree remove --force "$base_tree" 2>/dev/null || rm -rf "$base_tree"
git worktree add --detach -q "$base_tree" "$base"
trap 'git worktree remove --force "$base_tree" 2>/dev/null || true' EXIT
rm -rf "$base_tree/bench/LifecycleBenchmark"
cp -r bench/LifecycleBenchmark "$base_tree/bench/LifecycleBenchmark"
rm -rf "$base_tree/bench/LifecycleBenchmark/bin" "$base_tree/bench/LifecycleBenchmark/obj"
dotnet build "$base_tree/bench/LifecycleBenchmark" -c Release -nologo -v quiet
dotnet build bench/LifecycleBenchmark -c Release -nologo -v quiet
base_dll="$base_tree/bench/LifecycleBenchmark/bin/Release/net10.0/TaskOrchestration.LifecycleBenchmark.dll"
head_dll="bench/LifecycleBenchmark/bin/Release/net10.0/TaskOrchestration.LifecycleBenchmark.dll"

results="$(mktemp)"
for round in $(seq 1 "$rounds"); do
  for build in base head; do
    dll="$base_dll"; [[ $build == head ]] && dll="$head_dll"
    # Each line: scenario <TAB> ns per task <TAB> bytes per task; three rounds inside, their median.
    dotnet "$dll" --tasks "$tasks" --rounds 3 | while IFS=$'\t' read -r name ns bytes; do
      printf '%s\t%s\t%s\t%s\n' "$build" "$name" "$ns" "$bytes" >>"$results"
    done
    echo "    round $round, $build done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  done
done

load="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "# Lifecycle transitions per task: $base (table) against the work tree (Stateless)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average at the end $load; $rounds rounds each, alternating, $tasks tasks per measurement; medians."
  echo
  echo "| Scenario | base ns | head ns | head / base | base bytes | head bytes | head / base |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    function median(list,   n, i, j, t, a) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { ns[$1 FS $2] = ns[$1 FS $2] " " $3; bytes[$1 FS $2] = bytes[$1 FS $2] " " $4; if (!($2 in seen)) { seen[$2] = 1; order[++count] = $2 } }
    END {
      for (i = 1; i <= count; i++) {
        name = order[i]
        bn = median(ns["base" FS name]); hn = median(ns["head" FS name]); bb = median(bytes["base" FS name]); hb = median(bytes["head" FS name])
        printf "| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |\n", name, bn, hn, hn / bn, bb, hb, hb / bb
      }
    }' "$results"
} >"$report"
rm -f "$results"
echo
cat "$report"
