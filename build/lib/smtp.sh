# shellcheck shell=bash
# A throwaway SMTP server for the tests: Debian's aiosmtpd (python3-aiosmtpd), listening on a free 127.0.0.1 port
# and storing every message it accepts in a Maildir (new/ holds one file per message, with X-MailFrom and
# X-RcptTo headers naming the envelope). Source this file after build/lib/postgres.sh (it reuses pg_pick_port and
# pg_port_in_use, which are not PostgreSQL-specific).
#
# /usr/bin/python3 is Debian's interpreter, the one python3-aiosmtpd installs into; a `python3` earlier on PATH
# (pyenv, a venv) may not have the module.

SMTP_PYTHON="${SMTP_PYTHON:-/usr/bin/python3}"

smtp_fail() {
  echo "error: $*" >&2
  return 1
}

# Makes sure aiosmtpd can be imported by Debian's python3: as root with apt-get at hand, installs python3-aiosmtpd.
smtp_require_server() {
  if ! "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "aiosmtpd not found for $SMTP_PYTHON: installing Debian's python3-aiosmtpd..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null
  fi
  "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1 ||
    smtp_fail "the tests need an SMTP server: install Debian's python3-aiosmtpd (apt-get install -y python3-aiosmtpd), or set SMTP_PYTHON to a python3 that has aiosmtpd"
}

# smtp_start_on_free_port MAILDIR LOG: starts the server in the background on a free port and waits until it
# accepts connections. Sets SMTP_PORT and SMTP_PID.
smtp_start_on_free_port() {
  local maildir="$1" log="$2" attempt _
  for attempt in 1 2 3 4 5; do
    SMTP_PORT="$(pg_pick_port)" || return 1
    # -n: do not switch to the nobody user (as root it would, and could then not write the Maildir).
    "$SMTP_PYTHON" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$maildir" >>"$log" 2>&1 &
    SMTP_PID=$!
    for _ in {1..100}; do
      if pg_port_in_use "$SMTP_PORT"; then
        return 0
      fi
      kill -0 "$SMTP_PID" 2>/dev/null || break
      sleep 0.1
    done
    smtp_stop
    echo "    the SMTP server did not start on port $SMTP_PORT (attempt $attempt); see $log" >&2
  done
  smtp_fail "could not start the test SMTP server; its log: $log"
}

# Stops the server started by smtp_start_on_free_port, if it runs.
smtp_stop() {
  if [[ -n "${SMTP_PID:-}" ]]; then
    kill "$SMTP_PID" 2>/dev/null || true
    wait "$SMTP_PID" 2>/dev/null || true
    SMTP_PID=""
  fi
}
