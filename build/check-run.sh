#!/usr/bin/env bash
# A manual check of build/run.sh as a well-behaved tool (not part of build/test.sh: a first run builds everything in
# Debug, minutes on two cores). Runs build/run.sh twice on its own ports, each time: how long until its ready banner,
# that /ready answers 200 when the banner shows, then a signal sent to the script's PID alone (SIGTERM the first time,
# SIGINT the second, as `kill` would, not Ctrl-C to the process group) and that nothing it started is left running.
# The first run shows the cold start (or whatever needs building), the second the warm restart.
#
#   build/check-run.sh            exits non-zero when a check fails
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# Job control: run.sh gets a process group of its own, so a signal sent to its PID reaches it alone.
set -m

export ASPNETCORE_URLS="http://127.0.0.1:${CHECK_API_PORT:-5480}" TASKORCH_PG_PORT="${CHECK_PG_PORT:-55480}"
log="$(mktemp -t taskorch-run.XXXXXX)"
failed=0

check() {
  local signal="$1" started elapsed pid
  started=$EPOCHREALTIME
  build/run.sh >"$log" 2>&1 &
  pid=$!
  until grep -q '^==> Ready on' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "FAIL: run.sh ended before its ready banner:"
      tail -n 20 "$log"
      return 1
    fi
    sleep 0.1
  done
  elapsed=$(bc <<<"$EPOCHREALTIME - $started")
  echo "ready banner after ${elapsed} s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  grep '^==>' "$log" | sed 's/^/    /'
  if ! curl -fsS -o /dev/null "$ASPNETCORE_URLS/ready"; then
    echo "FAIL: the banner showed, but /ready does not answer 200"
    failed=1
  fi

  kill -"$signal" "$pid"
  local _
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: run.sh still runs 30 s after SIG$signal to its PID; stopping its process group"
    kill -INT -- "-$pid"
    failed=1
  fi
  wait "$pid"
  echo "SIG$signal to the script's PID: run.sh exited with $?"
  sleep 1
  local left
  left="$(pgrep -af "$repo_root/(src/WebApi|\.local/pgdata)" || true)"
  if [[ -n "$left" ]]; then
    echo "FAIL: left running after SIG$signal:"
    echo "$left"
    failed=1
  else
    echo "nothing left running (API, PostgreSQL)"
  fi
}

echo "==> First run"
check TERM || failed=1
echo "==> Second run (warm: nothing changed)"
check INT || failed=1
rm -f "$log"
exit "$failed"
