#!/usr/bin/env bash
# The README's test command: a Release build, a throwaway PostgreSQL 15 cluster and SMTP server (aiosmtpd, installed
# from Debian's python3-aiosmtpd when missing), every test project under tests/ one after another,
# #if (templateSource)
# the template stamped with each option set and each result's unit and architecture tests (build/test-template.sh),
# #endif
# #if (web)
# the TypeScript client's suite, the web app built and its browser tests run in Debian's Chromium (installed when
# missing) against the Release API,
# #endif
# both servers stopped and the cluster deleted, and as the very last line "N passed, N failed" (followed by
# ", N skipped" when any test was skipped). Exits non-zero when a test failed, a test project failed without a
# failing test (crash, abort, no results), or no test ran at all.
#
# Extra arguments go to every `dotnet test`, for example:  build/test.sh --filter "FullyQualifiedName~Lifecycle"
# The tests reach the cluster through TASKORCH_TEST_CONNECTION (no database named: they create and drop their own),
# and the SMTP server through TASKORCH_TEST_SMTP (host:port) and TASKORCH_TEST_SMTP_MAILDIR (what it received).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
source build/lib/postgres.sh
# shellcheck source-path=SCRIPTDIR source=lib/smtp.sh
source build/lib/smtp.sh
# #if (web)
# shellcheck source-path=SCRIPTDIR source=lib/chromium.sh
source build/lib/chromium.sh
# #endif

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work_dir="$(mktemp -d -t taskorch-test.XXXXXX)"
# The postgres user must reach the cluster inside (mktemp makes the folder private to us).
chmod 755 "$work_dir"
pg_data="$work_dir/pgdata"
results_dir="$work_dir/results"

# Every test step runs with TASKORCH_TEST_RUN in its environment, and so does every process it starts (worker
# processes, an API, a browser). stop_strays kills those still running after their step, or when the run is
# stopped: a process test that failed, or a runner killed mid-test, must not leave a worker behind. The servers this
# script starts (PostgreSQL, SMTP) are not given the variable.
test_run_id="taskorch-test-$$-$RANDOM"
stop_strays() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    if grep -qzx "TASKORCH_TEST_RUN=$test_run_id" "$environ" 2>/dev/null; then
      pid="${environ#/proc/}" pid="${pid%/environ}"
      echo "    stopping a process a test left running: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

cleanup() {
  stop_strays
  smtp_stop
  pg_stop "$pg_data"
  rm -rf "$work_dir"
}
trap cleanup EXIT
# Ctrl-C or a kill: exit, which runs the EXIT trap. (The server itself does not see Ctrl-C: pg_ctl starts it in
# its own session.)
trap 'exit 130' INT
trap 'exit 143' TERM

# trx_counters FILE: prints "passed failed skipped" from the run's ResultSummary/Counters element, or fails when
# the file has none. Pure bash: CI machines need not have python or xmllint.
trx_counters() {
  local content attrs name value
  # In a variable: written inline, \< and \> would be word boundaries to the regex engine, not brackets.
  local element='<Counters[[:space:]]([^>]*)>'
  content="$(<"$1")"
  [[ $content =~ $element ]] || return 1
  attrs="${BASH_REMATCH[1]}"
  local -A counter=()
  for name in total executed passed failed error timeout aborted inconclusive notExecuted; do
    value=0
    if [[ $attrs =~ (^|[[:space:]])$name=\"([0-9]+)\" ]]; then value="${BASH_REMATCH[2]}"; fi
    counter[$name]=$value
  done
  local failed=$((counter[failed] + counter[error] + counter[timeout] + counter[aborted]))
  # VSTest's TRX logger puts a skipped test in `total` but neither in `executed` nor in `notExecuted`; count both
  # ways and keep the larger, so a logger that does fill notExecuted is counted right too.
  local skipped=$((counter[total] - counter[executed]))
  (( counter[notExecuted] > skipped )) && skipped=${counter[notExecuted]}
  (( skipped < 0 )) && skipped=0
  skipped=$((skipped + counter[inconclusive]))
  echo "${counter[passed]} $failed $skipped"
}

# #if (web)
# Before the long part: a missing browser should stop the run now, not after the .NET suites.
chromium_require
# #endif

echo "==> Building TaskOrchestration.sln (Release)"
dotnet build TaskOrchestration.sln -c Release -nologo -v quiet
# The local tools (dotnet-tools.json): NSwag, for the test that the checked-in clients are what the document generates.
dotnet tool restore >/dev/null

echo "==> Starting a throwaway PostgreSQL 15"
pg_require_binaries
pg_init "$pg_data"
# Durability is pointless for a cluster deleted minutes from now, and turning it off makes the suite much faster.
# The integration and functional tests open many pooled connections to many databases, hence max_connections.
# The process tests kill hosts mid-statement; a server notices a gone client only when it next talks to it, so a killed
# host's statement would run on to its end holding its locks (and the next test's reset waits): checked every second.
pg_start_on_free_port "$pg_data" "$(pg_socket_dir "$work_dir/socket")" "$work_dir/postgres.log" \
  fsync=off synchronous_commit=off full_page_writes=off max_connections=300 client_connection_check_interval=1s
export TASKORCH_TEST_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres"
echo "    PostgreSQL 15 on 127.0.0.1:$PG_PORT (TASKORCH_TEST_CONNECTION is set)"
# The engine's process tests restart the server under load with this (projects run one after another, so no other
# project is using the cluster then).
cat >"$work_dir/restart-postgres" <<EOF
#!/usr/bin/env bash
set -euo pipefail
source "$repo_root/build/lib/postgres.sh"
# The server belongs to the run, not to the test step that restarts it: stop_strays must not take it for a stray.
unset TASKORCH_TEST_RUN
pg_restart "$pg_data"
EOF
chmod +x "$work_dir/restart-postgres"
export TASKORCH_TEST_RESTART_POSTGRES="$work_dir/restart-postgres"

echo "==> Starting a throwaway SMTP server"
smtp_require_server
smtp_start_on_free_port "$work_dir/maildir" "$work_dir/smtp.log"
# The email tests send to it and read what it stored from the Maildir (one file per message in new/).
export TASKORCH_TEST_SMTP="127.0.0.1:$SMTP_PORT" TASKORCH_TEST_SMTP_MAILDIR="$work_dir/maildir"
echo "    aiosmtpd on $TASKORCH_TEST_SMTP, storing into $TASKORCH_TEST_SMTP_MAILDIR"

# Every project under tests/ that is a test project: tests/Directory.Build.props marks all of them IsTestProject
# except TestSupport (a library) and JwksVerifier (a program the functional tests run). Ask MSBuild rather than
# repeating that list here.
projects=()
while IFS= read -r project; do
  if [[ "$(dotnet msbuild "$project" -getProperty:IsTestProject -p:Configuration=Release 2>/dev/null)" == "true" ]]; then
    projects+=("$project")
  fi
done < <(find tests -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort)
(( ${#projects[@]} > 0 )) || echo "    no test project found under tests/" >&2

passed=0 failed=0 skipped=0
broken_projects=()
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  echo "==> $name"
  status=0
  TASKORCH_TEST_RUN="$test_run_id" dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results_dir" "$@" || status=$?
  stop_strays

  if [[ -f "$results_dir/$name.trx" ]] && counts="$(trx_counters "$results_dir/$name.trx")"; then
    read -r project_passed project_failed project_skipped <<<"$counts"
  else
    project_passed=0 project_failed=0 project_skipped=0
    if (( status == 0 )); then status=1; fi
    echo "    $name left no test results" >&2
  fi
  passed=$((passed + project_passed))
  failed=$((failed + project_failed))
  skipped=$((skipped + project_skipped))
  # A project that failed with no failing test (the test host crashed, a fixture threw, no results) counts as
  # one failure itself, so that it cannot go unnoticed in the closing line.
  if (( status != 0 && project_failed == 0 )); then
    broken_projects+=("$name")
    failed=$((failed + 1))
  fi
done

# #if (templateSource)
# The template this repository is (.template.config, docs/template.md): stamped with the defaults and with every
# option off, each result built and its unit and architecture tests run, each stamped project's TRX counted here.
# (Solutions stamped from it have no template, and no such step.)
echo "==> The template (build/test-template.sh)"
template_status=0
TASKORCH_TEST_RUN="$test_run_id" bash build/test-template.sh "$results_dir/template" || template_status=$?
stop_strays
template_failed=0 template_results=0
for trx in "$results_dir"/template/*.trx; do
  [[ -f "$trx" ]] || continue
  if counts="$(trx_counters "$trx")"; then
    read -r project_passed project_failed project_skipped <<<"$counts"
    passed=$((passed + project_passed))
    failed=$((failed + project_failed))
    skipped=$((skipped + project_skipped))
    template_failed=$((template_failed + project_failed))
    template_results=$((template_results + 1))
  fi
done
if (( template_results == 0 && template_status == 0 )); then
  template_status=1
  echo "    the template check left no test results" >&2
fi
if (( template_status != 0 && template_failed == 0 )); then
  broken_projects+=("template")
  failed=$((failed + 1))
fi
# #endif

# #if (web)
# The OpenAPI document, checked by a linter we did not write: Redocly CLI's recommended rules (build/openapi-lint),
# counted as one test. (It needs Node, so a solution stamped without the web app leaves it out.)
echo "==> clients/openapi.json (Redocly lint, recommended rules)"
if bash build/lint-openapi.sh >"$work_dir/openapi-lint.log" 2>&1; then
  passed=$((passed + 1))
  echo "    valid"
else
  cat "$work_dir/openapi-lint.log" >&2
  failed=$((failed + 1))
fi

# count_vitest_report NAME STATUS REPORT: adds a vitest suite's results (its JSON report) to the totals; a suite that
# failed without a failing test (a setup that threw, no report) counts as one failure, like a broken test project.
count_vitest_report() {
  local name="$1" status="$2" report="$3" suite_passed=0 suite_failed=0 suite_skipped=0
  if [[ -f "$report" ]]; then
    read -r suite_passed suite_failed suite_skipped < <(node -e '
      const r = require(process.argv[1]);
      console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests);' "$report")
  fi
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
  skipped=$((skipped + suite_skipped))
  if (( status != 0 && suite_failed == 0 )); then
    broken_projects+=("$name")
    failed=$((failed + 1))
  fi
}

# The TypeScript client's own suite (clients/typescript), type-checked first: vitest strips types without checking
# them, so a test that no longer compiles against the client would otherwise still run. Two vitest projects: "unit"
# (its auth hook, problems, request shapes, the packed package from require and import) and "live" (every operation against the Release API,
# started once on a database of the throwaway cluster, and the README's snippet run as written).
echo "==> clients/typescript (npm)"
ts_status=0
(
  export TASKORCH_TEST_RUN="$test_run_id"
  cd clients/typescript
  # Chained with && as in the clients/web step: errexit does not apply inside a subshell on the left of ||.
  { [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error; } &&
    npm run --silent typecheck &&
    npx vitest run --reporter=default --reporter=json --outputFile="$results_dir/typescript-client.json"
) || ts_status=$?
stop_strays
count_vitest_report clients/typescript "$ts_status" "$results_dir/typescript-client.json"

# The web app (clients/web): installed from its lock file and built as the API serves it, then its browser tests
# (e2e/): Debian's Chromium against the Release API started once on a database of the throwaway cluster. They leave
# screenshots, the API's log and the emails sent in TestResults/e2e/.
echo "==> clients/web (npm, Chromium)"
web_started=$SECONDS
web_status=0
(
  export TASKORCH_TEST_RUN="$test_run_id"
  cd clients/web
  # Chained with && because errexit does not apply inside a subshell on the left of ||: a failed build must not
  # go on to run the browser tests against no app.
  npm ci --no-audit --no-fund --loglevel=error &&
    npm run --silent build &&
    TASKORCH_E2E_CHROMIUM="$CHROMIUM" npx vitest run --config vitest.e2e.config.ts \
      --reporter=default --reporter=json --outputFile="$results_dir/web-e2e.json"
) || web_status=$?
stop_strays
count_vitest_report clients/web "$web_status" "$results_dir/web-e2e.json"
echo "    clients/web: built and tested in $((SECONDS - web_started)) s; screenshots in TestResults/e2e/screenshots"
# #endif

# Stop and delete the cluster now rather than in the EXIT trap, so that nothing prints after the closing line.
cleanup
trap - EXIT

echo
if (( ${#broken_projects[@]} > 0 )); then
  echo "Test projects that failed without a failing test (each counted as one failure): ${broken_projects[*]}"
fi
if (( passed + failed == 0 )); then
  echo "No test ran: that is a failure too."
fi
summary="$passed passed, $failed failed"
if (( skipped > 0 )); then summary+=", $skipped skipped"; fi
echo "$summary"

(( failed == 0 && passed > 0 ))
