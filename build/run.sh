#!/usr/bin/env bash
# The README's run command: a project-local PostgreSQL when no connection string is given, the migrations,
# the bootstrap admin, then the API. Ctrl-C stops the API, and the database too if this script started it.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

local_dir="$repo_root/.local"
mkdir -p "$local_dir"
chmod 755 "$local_dir"
started_cluster=""

if [[ -z "${ConnectionStrings__Default:-}" ]]; then
  pg_require_binaries
  pg_data="$local_dir/pgdata"
  pg_port="${TASKORCH_PG_PORT:-55432}"
  if [[ ! -f "$pg_data/PG_VERSION" ]]; then
    echo "==> Creating the local PostgreSQL cluster in .local/pgdata"
    pg_init "$pg_data"
  fi
  if pg_is_running "$pg_data"; then
    echo "==> Reusing the local PostgreSQL already running on 127.0.0.1:$pg_port"
  else
    echo "==> Starting the local PostgreSQL on 127.0.0.1:$pg_port"
    pg_start "$pg_data" "$local_dir/pgsocket" "$pg_port" "$local_dir/postgres.log"
    started_cluster="$pg_data"
  fi
  if [[ -z "$(pg_psql "$pg_port" postgres "SELECT 1 FROM pg_database WHERE datname = 'taskorchestration'")" ]]; then
    pg_psql "$pg_port" postgres "CREATE DATABASE taskorchestration"
  fi
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=taskorchestration;Username=postgres;Password=postgres"
fi

stop_cluster() {
  if [[ -n "$started_cluster" ]]; then
    echo "==> Stopping the local PostgreSQL"
    pg_stop "$started_cluster"
  fi
}
trap stop_cluster EXIT

if [[ -z "${Bootstrap__AdminEmail:-}" ]]; then
  export Bootstrap__AdminEmail="admin@taskorchestration.local"
fi
if [[ -z "${Bootstrap__AdminPassword:-}" ]]; then
  password_file="$local_dir/admin-password"
  if [[ ! -s "$password_file" ]]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(18))' > "$password_file")
  fi
  export Bootstrap__AdminPassword="$(cat "$password_file")"
  echo "==> Admin: $Bootstrap__AdminEmail (password in .local/admin-password)"
else
  echo "==> Admin: $Bootstrap__AdminEmail"
fi

echo "==> Building"
dotnet build src/WebApi -c Debug -nologo -v quiet

echo "==> Migrating and bootstrapping the admin"
dotnet run --no-build --no-launch-profile --project src/WebApi -- migrate

echo "==> Serving on $ASPNETCORE_URLS — Swagger UI: ${ASPNETCORE_URLS%%;*}/api/docs (Ctrl-C stops)"
# Not exec: the EXIT trap must run after the API stops, to stop the cluster this script started.
dotnet run --no-build --no-launch-profile --project src/WebApi || true
