#!/usr/bin/env bash
# The README's test command: Release build, a throwaway PostgreSQL cluster, every test project, the cluster
# stopped, and a closing line "N passed, N failed" (", N skipped" when any). Exits non-zero on any failure.
# Extra arguments go to every `dotnet test` (for example: --filter "FullyQualifiedName~Lifecycle").
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work_dir="$(mktemp -d -t taskorch-test.XXXXXX)"
chmod 755 "$work_dir"
pg_data="$work_dir/pgdata"
results_dir="$work_dir/results"

cleanup() {
  pg_stop "$pg_data"
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> Building (Release)"
dotnet build TaskOrchestration.sln -c Release -nologo -v quiet

echo "==> Starting a throwaway PostgreSQL"
pg_require_binaries
pg_init "$pg_data"
pg_port="$(pg_free_port)"
# Durability is pointless for a database thrown away in minutes; turning it off makes the suite much faster.
pg_start "$pg_data" "$work_dir/socket" "$pg_port" "$work_dir/postgres.log" \
  fsync=off synchronous_commit=off full_page_writes=off max_connections=300
export TASKORCH_TEST_CONNECTION="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres"
echo "    PostgreSQL on 127.0.0.1:$pg_port"

mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' ! -path 'tests/TestSupport/*' ! -path 'tests/JwksVerifier/*' | sort)
failed_projects=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  echo "==> $name"
  if ! dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results_dir" "$@"; then
    failed_projects=$((failed_projects + 1))
  fi
  if [[ ! -f "$results_dir/$name.trx" ]]; then
    echo "    $name produced no results: counted as a failure" >&2
    failed_projects=$((failed_projects + 1))
  fi
done

# Sum the counters of every TRX file: the one place where the runner says what ran.
read -r passed failed skipped < <(python3 - "$results_dir" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(f"{sys.argv[1]}/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # VSTest counts a skipped test in `total` but not in `executed`.
    skipped += max(int(counters.get("total", 0)) - int(counters.get("executed", 0)), int(counters.get("notExecuted", 0))) + int(counters.get("inconclusive", 0))
print(passed, failed, skipped)
PY
)

if (( failed == 0 && failed_projects > 0 )); then
  failed=$failed_projects
fi
summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"
echo
echo "$summary"
(( failed == 0 && failed_projects == 0 && passed > 0 ))
