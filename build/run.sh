#!/usr/bin/env bash
# The README's run command: a project-local PostgreSQL when no connection string is given, the migrations and the
# bootstrap admin (`migrate`), then the API (with the worker engine and the web app). The ready banner comes once the
# API answers /ready. Ctrl-C, or SIGINT or SIGTERM sent to this script alone (`kill $pid`), stops the API, and the
# database too if this script started it. What is up to date is not built again: a restart with nothing changed
# only starts the database, migrates (a no-op) and starts the API.
#
# Environment (each optional):
#   ConnectionStrings__Default  use this database instead of the local cluster (then no cluster is started)
#   TASKORCH_PG_PORT            port of the local cluster (default 55432)
#   PG_BIN                      the PostgreSQL 15 server binaries (default /usr/lib/postgresql/15/bin)
#   ASPNETCORE_URLS             where the API listens (default http://127.0.0.1:5080)
#   ASPNETCORE_ENVIRONMENT      default Development
#   Bootstrap__AdminEmail       default admin@taskorchestration.local
#   Bootstrap__AdminPassword    default: generated once, kept in .local/admin-password
# #if (web)
#   WebApp__Path                the built web app served under /app (default clients/web/dist, built here when
#                               missing or older than its sources; needs Node.js and npm, else /app is left out)
# #endif
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

# Each long step (npm, dotnet build, migrate, the API) runs as a background job in a process group of its own while
# this shell waits for it: a signal sent to this script alone then runs its trap at once (a shell in the foreground
# wait of a child runs traps only after the child ends), and the trap stops the whole step (npm and its node, the API).
# Ctrl-C from the terminal reaches this script the same way, and the trap stops the step.
set -m
step_pid=""
# run_step COMMAND...: runs COMMAND as the current step and answers its exit status.
run_step() {
  "$@" </dev/null &
  step_pid=$!
  local status=0
  wait "$step_pid" || status=$?
  step_pid=""
  return "$status"
}
# shellcheck disable=SC2317 # called from the INT and TERM traps
stop_step_and_exit() {
  local status="$1"
  trap - INT TERM
  if [[ -n "$step_pid" ]] && kill -0 "$step_pid" 2>/dev/null; then
    # The API stops gracefully on SIGTERM (the worker hands back its running tasks); a build just stops.
    kill -TERM -- "-$step_pid" 2>/dev/null || true
    wait "$step_pid" 2>/dev/null || true
  fi
  exit "$status"
}
trap 'stop_step_and_exit 130' INT
trap 'stop_step_and_exit 143' TERM

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

# #if (web)
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
      if ! run_step bash -c 'cd "$1" &&
        { [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } &&
        npm run --silent build' web-build "$web_dir"; then
        echo "==> The web app did not build (see above): /app serves its previous build, if any" >&2
      fi
    else
      echo "==> npm not found: the web app is not built, and /app is not served" >&2
    fi
  else
    echo "==> The web app is up to date (clients/web/dist)"
  fi
  export WebApp__Path="$web_dist"
fi
# #endif

# The API, built in Debug when anything it is built from changed since the last build here: a fingerprint of every
# source file under src/ (path, time, size), the build settings and the SDK, kept in .local/webapi-build.stamp.
# `dotnet build` itself would find nothing to do too, but only after 10 to 30 seconds of evaluating the projects.
api_dir="$repo_root/src/WebApi/bin/Debug/net10.0"
api_dll="$api_dir/TaskOrchestration.WebApi.dll"
build_stamp="$local_dir/webapi-build.stamp"
build_fingerprint() {
  {
    dotnet --version
    find src Directory.Build.props Directory.Packages.props global.json .editorconfig \
      \( -name bin -o -name obj \) -prune -o -type f -printf '%p %T@ %s\n' | LC_ALL=C sort
  } | sha256sum | cut -d' ' -f1
}
fingerprint="$(build_fingerprint)"
if [[ -f "$api_dll" && -f "$build_stamp" && "$(<"$build_stamp")" == "$fingerprint" ]]; then
  echo "==> src/WebApi is up to date (nothing under src/ changed since the last build)"
else
  echo "==> Building src/WebApi"
  rm -f "$build_stamp"
  run_step dotnet build src/WebApi -c Debug -nologo -v quiet
  echo "$fingerprint" >"$build_stamp"
fi

# The built host, started directly rather than through `dotnet run` (which would start it as a child of its own, and
# not pass a SIGTERM on), with the project folder as its content root as `dotnet run` has it.
api=(dotnet "$api_dll" --contentRoot "$repo_root/src/WebApi")

echo "==> Migrating the database and bootstrapping the admin"
run_step "${api[0]}" "${api[1]}" migrate "${api[@]:2}"

# A browsable address from the first URL: a wildcard host (+, *, 0.0.0.0, [::]) means this machine.
first_url="${ASPNETCORE_URLS%%;*}"
browse_url="$(sed -E 's#^(https?://)(\+|\*|0\.0\.0\.0|\[::\])(:|/|$)#\1localhost\3#' <<<"${first_url%/}")"

# api_is_ready: true once GET /ready answers 200 (the database answers and is migrated).
api_is_ready() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$browse_url/ready" 2>/dev/null
  else
    # No curl: bash's /dev/tcp, for an http:// address.
    local authority="${browse_url#http://}"
    authority="${authority%%/*}"
    (exec 3<>"/dev/tcp/${authority%:*}/${authority##*:}" &&
      printf 'GET /ready HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$authority" >&3 &&
      head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}

echo "==> Starting the API on $ASPNETCORE_URLS"
"${api[@]}" </dev/null &
step_pid=$!
waited=0
until api_is_ready; do
  if ! kill -0 "$step_pid" 2>/dev/null; then
    # It refused to start, and said why on the line above.
    status=0
    wait "$step_pid" || status=$?
    step_pid=""
    exit "$(( status == 0 ? 1 : status ))"
  fi
  sleep 0.2
  waited=$((waited + 1))
  if (( waited == 300 )); then
    echo "==> Still waiting for $browse_url/ready (the database answers and is migrated) after a minute"
  fi
done
echo "==> Ready on $ASPNETCORE_URLS (Ctrl-C stops)"
echo "    Swagger UI: $browse_url/api/docs"
# #if (web)
echo "    Web app:    $browse_url/app/"
# #endif
# Not exec: this shell must outlive the API to stop the cluster it started (EXIT trap).
status=0
wait "$step_pid" || status=$?
step_pid=""
exit "$status"
