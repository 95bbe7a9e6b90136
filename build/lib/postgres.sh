# shellcheck shell=bash
# PostgreSQL cluster helpers shared by build/run.sh and build/test.sh. Source this file: it only defines
# functions and PG_BIN, and needs nothing but bash, coreutils and the PostgreSQL 15 server binaries.
#
# The server binaries live in /usr/lib/postgresql/15/bin (Debian's layout), not on PATH. initdb and pg_ctl refuse
# to run as root, so as root they run as the `postgres` user, who must own the data folder and be able to reach it.
# Every cluster listens on 127.0.0.1 only, on a non-default port, with its Unix socket in a private folder (never
# /var/run/postgresql, which belongs to the system's own cluster); clients here always connect over TCP.

PG_DEBIAN_BIN=/usr/lib/postgresql/15/bin
PG_BIN="${PG_BIN:-$PG_DEBIAN_BIN}"

pg_fail() {
  echo "error: $*" >&2
  return 1
}

# Makes sure the server binaries (and, as root, the postgres user) exist. A machine set up from scratch may lack
# them: as root, with apt-get at hand, install Debian's postgresql-15 (the package creates the postgres user), unless
# PG_BIN names another folder, which no package fills.
pg_require_binaries() {
  if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]] && [[ "$PG_BIN" == "$PG_DEBIAN_BIN" && $(id -u) -eq 0 ]] &&
    command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL 15 server binaries not found in $PG_BIN: installing Debian's postgresql-15..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
  fi
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]] ||
    pg_fail "the PostgreSQL 15 server binaries (initdb, pg_ctl, psql) are not in $PG_BIN. Install Debian's postgresql-15, or set PG_BIN to the folder that holds them."
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || pg_fail "running as root needs a 'postgres' user to own the cluster"
  fi
}

# Runs a command as the postgres user when we are root, as ourselves otherwise.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Gives files or folders to the postgres user when we are root.
pg_own() {
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres "$@"
  fi
}

# pg_port_in_use PORT: true when something already accepts connections on 127.0.0.1:PORT (bash's /dev/tcp).
pg_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a port that nothing listens on now. Taken from 20000-32767, below Linux's ephemeral range (32768-60999),
# so it cannot clash with the local end of an outgoing connection. Another process may still take it before the
# server binds it: pg_start_on_free_port retries.
pg_pick_port() {
  local port _
  for _ in {1..50}; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
    if ! pg_port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  pg_fail "found no free TCP port on 127.0.0.1"
}

# pg_socket_dir PREFERRED: PREFERRED, unless a socket path in it would pass the 107-byte limit of Unix socket
# names (a deeply nested checkout); then a private folder under /tmp instead.
pg_socket_dir() {
  local preferred="$1"
  # 20 = length of "/.s.PGSQL.65535.lock", the longest name the server puts there.
  if (( ${#preferred} + 20 <= 107 )); then
    echo "$preferred"
  else
    echo "/tmp/taskorch-pgsocket-$(id -u)-$(printf '%s' "$preferred" | cksum | cut -d' ' -f1)"
  fi
}

# pg_init DATA_DIR: a new cluster with trust authentication (it only ever listens on 127.0.0.1 and a private
# socket folder), superuser `postgres`, UTF-8. --no-sync: a crash during initdb just means running it again.
pg_init() {
  local data_dir="$1"
  mkdir -p "$data_dir"
  pg_own "$data_dir"
  chmod 700 "$data_dir"
  pg_as_owner test -w "$data_dir" ||
    pg_fail "the postgres user cannot write to $data_dir: every parent folder must be searchable by it (chmod o+x)"
  pg_as_owner "$PG_BIN/initdb" --no-sync --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    -D "$data_dir" >/dev/null
}

# pg_start DATA_DIR SOCKET_DIR PORT LOG_FILE [NAME=VALUE settings...]: starts the server and waits until it
# accepts connections. On failure, shows the end of the server log.
pg_start() {
  local data_dir="$1" socket_dir="$2" port="$3" log_file="$4"
  shift 4
  mkdir -p "$socket_dir"
  chmod 700 "$socket_dir"
  touch "$log_file"
  # The server resolves relative paths from its data folder: make them absolute.
  socket_dir="$(cd "$socket_dir" && pwd)"
  log_file="$(cd "$(dirname "$log_file")" && pwd)/$(basename "$log_file")"
  # pg_ctl hands these options to /bin/sh, hence the quotes around the folder.
  local options="-p $port -k '$socket_dir' -c listen_addresses=127.0.0.1"
  local setting
  for setting in "$@"; do options+=" -c $setting"; done
  pg_own "$socket_dir" "$log_file"
  if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -o "$options" -l "$log_file" -w -t 60 start >/dev/null; then
    echo "PostgreSQL did not start on 127.0.0.1:$port; the end of $log_file:" >&2
    tail -n 15 "$log_file" >&2 || true
    return 1
  fi
}

# pg_start_on_free_port DATA_DIR SOCKET_DIR LOG_FILE [settings...]: pg_start on a port nothing uses, trying
# again on another one if something took it first. Sets PG_PORT.
pg_start_on_free_port() {
  local data_dir="$1" socket_dir="$2" log_file="$3"
  shift 3
  local _
  for _ in 1 2 3 4 5; do
    PG_PORT="$(pg_pick_port)"
    if pg_start "$data_dir" "$socket_dir" "$PG_PORT" "$log_file" "$@" 2>/dev/null; then
      return 0
    fi
    pg_stop "$data_dir"
  done
  # A last try that shows why it fails.
  PG_PORT="$(pg_pick_port)"
  pg_start "$data_dir" "$socket_dir" "$PG_PORT" "$log_file" "$@"
}

# pg_is_running DATA_DIR: true when a server runs on this data folder.
pg_is_running() {
  local data_dir="$1"
  [[ -f "$data_dir/PG_VERSION" ]] && pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

# pg_running_port DATA_DIR: the port of the server running on this data folder (line 4 of postmaster.pid).
pg_running_port() {
  pg_as_owner sed -n '4p' "$1/postmaster.pid"
}

# pg_stop DATA_DIR: stops the server if it runs (fast: rolls back open transactions); never fails.
pg_stop() {
  local data_dir="$1"
  if pg_is_running "$data_dir"; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

# pg_restart DATA_DIR: stops the server (fast: every connection is cut, open transactions roll back) and starts it
# again with the same options and port (pg_ctl keeps them in postmaster.opts).
pg_restart() {
  local data_dir="$1"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -m fast -w -t 60 restart >/dev/null
}

# pg_psql PORT DATABASE SQL: runs SQL over TCP as the postgres superuser; prints rows unaligned, without headers.
pg_psql() {
  local port="$1" database="$2" sql="$3"
  "$PG_BIN/psql" -X -h 127.0.0.1 -p "$port" -U postgres -d "$database" -v ON_ERROR_STOP=1 -qAtc "$sql"
}
