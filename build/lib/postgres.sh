# shellcheck shell=bash
# PostgreSQL cluster helpers shared by run.sh and test.sh. Source this file; it defines functions only.
#
# The PostgreSQL 15 server binaries live in /usr/lib/postgresql/15/bin (Debian's layout), not on PATH.
# initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user, who must own the data folder.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

pg_require_binaries() {
  if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      echo "PostgreSQL 15 binaries not found in $PG_BIN; installing postgresql-15 from Debian's packages..." >&2
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
    fi
  fi
  [[ -x "$PG_BIN/initdb" ]] || { echo "error: PostgreSQL 15 binaries not found in $PG_BIN (set PG_BIN)" >&2; return 1; }
}

# Runs a PostgreSQL binary as the postgres user when we are root, as ourselves otherwise.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Gives a folder to the postgres user when we are root (initdb and the server need to own it).
pg_own() {
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres "$@"
  fi
}

# A free TCP port on 127.0.0.1, asked of the kernel.
pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_init DATA_DIR: creates a cluster with trust authentication for local connections only.
pg_init() {
  local data_dir="$1"
  mkdir -p "$data_dir"
  pg_own "$data_dir"
  chmod 700 "$data_dir"
  pg_as_owner "$PG_BIN/initdb" --no-sync --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 -D "$data_dir" >/dev/null
}

# pg_start DATA_DIR SOCKET_DIR PORT LOG_FILE [extra postgres -c options...]
pg_start() {
  local data_dir="$1" socket_dir="$2" port="$3" log_file="$4"
  shift 4
  local options="-p $port -k $socket_dir -c listen_addresses=127.0.0.1"
  local extra
  for extra in "$@"; do options+=" -c $extra"; done
  mkdir -p "$socket_dir"
  touch "$log_file"
  pg_own "$socket_dir" "$log_file"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -o "$options" -l "$log_file" -w -t 60 start >/dev/null
}

pg_is_running() {
  local data_dir="$1"
  [[ -d "$data_dir" ]] && pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

pg_stop() {
  local data_dir="$1"
  if pg_is_running "$data_dir"; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null || true
  fi
}

# pg_psql PORT DATABASE SQL: runs one statement over TCP as the postgres superuser.
pg_psql() {
  local port="$1" database="$2" sql="$3"
  pg_as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$database" -v ON_ERROR_STOP=1 -qAtc "$sql"
}
