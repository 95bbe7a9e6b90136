#!/usr/bin/env bash
# The README's run command: a project-local PostgreSQL when no connection string is given, the migrations and the
# bootstrap admin (`migrate`), then the API. Ctrl-C stops the API, and the database too if this script started it.
#
# Environment (each optional):
#   ConnectionStrings__Default  use this database instead of the local cluster (then no cluster is started)
#   TASKORCH_PG_PORT            port of the local cluster (default 55432)
#   ASPNETCORE_URLS             where the API listens (default http://127.0.0.1:5080)
#   ASPNETCORE_ENVIRONMENT      default Development
#   Bootstrap__AdminEmail       default admin@taskorchestration.local
#   Bootstrap__AdminPassword    default: generated once, kept in .local/admin-password
#   WebApp__Path                the built web app served under /app (default clients/web/dist, built here when
#                               missing or older than its sources; needs Node.js and npm, else /app is left out)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
source build/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

# .local/ is git-ignored: the cluster, its log and the generated admin password live there between runs.
local_dir="$repo_root/.local"
mkdir -p "$local_dir"
# The postgres user must reach .local/pgdata and the socket folder (as root the cluster runs as postgres).
chmod 755 "$local_dir"

started_cluster=""
# shellcheck disable=SC2317 # called from the EXIT trap
stop_cluster() {
  if [[ -n "$started_cluster" ]]; then
    echo "==> Stopping the local PostgreSQL"
    pg_stop "$started_cluster"
    started_cluster=""
  fi
}
trap stop_cluster EXIT
# Ctrl-C reaches the whole foreground process group: dotnet and the API stop on their own, then this shell exits
# through the EXIT trap. The server does not see Ctrl-C (pg_ctl starts it in its own session).
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "${ConnectionStrings__Default:-}" ]]; then
  pg_require_binaries
  pg_data="$local_dir/pgdata"
  pg_port="${TASKORCH_PG_PORT:-55432}"
  if [[ ! -f "$pg_data/PG_VERSION" ]]; then
    echo "==> Creating the local PostgreSQL cluster in .local/pgdata"
    pg_init "$pg_data"
  fi
  if pg_is_running "$pg_data"; then
    # Left running by another run.sh (still serving, or killed without its traps): use it, whatever its port,
    # and leave it running when this one ends.
    pg_port="$(pg_running_port "$pg_data")"
    echo "==> Reusing the local PostgreSQL already running on 127.0.0.1:$pg_port"
  else
    if pg_port_in_use "$pg_port"; then
      pg_fail "port $pg_port on 127.0.0.1 is taken by another program; choose another with TASKORCH_PG_PORT"
    fi
    echo "==> Starting the local PostgreSQL on 127.0.0.1:$pg_port"
    pg_start "$pg_data" "$(pg_socket_dir "$local_dir/pgsocket")" "$pg_port" "$local_dir/postgres.log"
    started_cluster="$pg_data"
  fi
  if [[ -z "$(pg_psql "$pg_port" postgres "SELECT 1 FROM pg_database WHERE datname = 'taskorchestration'")" ]]; then
    echo "==> Creating the database taskorchestration"
    pg_psql "$pg_port" postgres "CREATE DATABASE taskorchestration"
  fi
  # Trust authentication: the password is ignored, and given only so the connection string has the usual shape.
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=taskorchestration;Username=postgres;Password=postgres"
fi

export Bootstrap__AdminEmail="${Bootstrap__AdminEmail:-admin@taskorchestration.local}"
if [[ -z "${Bootstrap__AdminPassword:-}" ]]; then
  password_file="$local_dir/admin-password"
  if [[ ! -s "$password_file" ]]; then
    # 18 random bytes: 24 URL-safe characters (the policy asks for 12 to 128).
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$password_file")
  fi
  chmod 600 "$password_file"
  Bootstrap__AdminPassword="$(<"$password_file")"
  export Bootstrap__AdminPassword
  echo "==> Admin: $Bootstrap__AdminEmail (password in .local/admin-password)"
else
  echo "==> Admin: $Bootstrap__AdminEmail (password from Bootstrap__AdminPassword)"
fi

# The web app (clients/web), served under /app: built when its dist is missing or older than anything it is built
# from (its sources, its package files, the generated client). Without npm the API runs without it.
web_dir="$repo_root/clients/web"
web_dist="$web_dir/dist"
web_is_stale() {
  [[ ! -f "$web_dist/index.html" ]] && return 0
  [[ -n "$(find "$web_dir/src" "$web_dir/public" "$web_dir/index.html" "$web_dir/package.json" "$web_dir/package-lock.json" \
    "$web_dir/vite.config.ts" "$web_dir/tsconfig.json" "$repo_root/clients/typescript/src" \
    -newer "$web_dist/index.html" -print -quit)" ]]
}
if [[ -z "${WebApp__Path:-}" ]]; then
  if web_is_stale; then
    if command -v npm >/dev/null 2>&1; then
      echo "==> Building the web app (clients/web)"
      # A failed build leaves the API to run without the app (or with its previous build), as without npm.
      if ! (cd "$web_dir" &&
        { [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } &&
        npm run --silent build); then
        echo "==> The web app did not build (see above): /app serves its previous build, if any" >&2
      fi
    else
      echo "==> npm not found: the web app is not built, and /app is not served" >&2
    fi
  fi
  export WebApp__Path="$web_dist"
fi

echo "==> Building src/WebApi"
dotnet build src/WebApi -c Debug -nologo -v quiet

# --no-launch-profile: launchSettings.json would otherwise override ASPNETCORE_URLS and ASPNETCORE_ENVIRONMENT.
echo "==> Migrating the database and bootstrapping the admin"
dotnet run --no-build --no-launch-profile --project src/WebApi -- migrate

# A browsable address from the first URL: a wildcard host (+, *, 0.0.0.0, [::]) means this machine.
first_url="${ASPNETCORE_URLS%%;*}"
browse_url="$(sed -E 's#^(https?://)(\+|\*|0\.0\.0\.0|\[::\])(:|/|$)#\1localhost\3#' <<<"${first_url%/}")"
echo "==> Serving on $ASPNETCORE_URLS (Ctrl-C stops)"
echo "    Swagger UI: $browse_url/api/docs"
echo "    Web app:    $browse_url/app/"
# Not exec: this shell must outlive the API to stop the cluster it started (EXIT trap).
status=0
dotnet run --no-build --no-launch-profile --project src/WebApi || status=$?
exit "$status"
