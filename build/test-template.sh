#!/usr/bin/env bash
# Checks the template (.template.config/template.json, docs/template.md): installs it from this folder into a
# throwaway template hive (the developer's own `dotnet new` is not touched), stamps it as Acme.Orders once with the
# defaults and once with every option off, builds each stamped solution's source and the test projects that need no
# database in Release (warnings are errors there as here), and runs their Domain and Application unit tests and
# architecture tests; with TASKORCH_TEST_CONNECTION set (build/test.sh sets it), each one's migrations are applied to
# a new database (dropped after). The stamped solutions' database tests are left to their own build/test.sh.
#
#   build/test-template.sh RESULTS_DIR    one TRX file per stamped solution and test project, named
#                                         template-<variant>-<project>.trx, for build/test.sh to count
#
# NuGet restores from the global packages folder alone (the stamped solutions ask for exactly the packages this
# repository uses, which its own restore has put there), so no package source is asked and nothing is downloaded.
# Exits non-zero when a stamping, a restore, a build or a test failed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(( $# == 1 )) || { echo "usage: build/test-template.sh RESULTS_DIR" >&2; exit 2; }
mkdir -p "$1"
results_dir="$(cd "$1" && pwd)"

# shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
source "$repo_root/build/lib/postgres.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work_dir="$(mktemp -d -t taskorch-template.XXXXXX)"
trap 'rm -rf "$work_dir"' EXIT

packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
[[ -d "$packages" ]] || { echo "No global packages folder ($packages): restore this repository first." >&2; exit 1; }

hive="$work_dir/hive"
dotnet new install "$repo_root" --debug:custom-hive "$hive" >"$work_dir/install.log" 2>&1 ||
  { cat "$work_dir/install.log" >&2; echo "The template did not install." >&2; exit 1; }

# The projects built and run: everything under src/ is built through them.
test_projects=(tests/Domain.UnitTests tests/Application.UnitTests tests/Architecture.Tests)

# drop_database NAME: on the server of TASKORCH_TEST_CONNECTION (Host=…;Port=…;Username=…;Password=…, as
# build/test.sh writes it), with the PostgreSQL 15 client.
drop_database() {
  local field host port user password
  for field in Host Port Username Password; do
    [[ ";$TASKORCH_TEST_CONNECTION;" =~ \;$field=([^\;]*)\; ]] || continue
    case $field in
      Host) host="${BASH_REMATCH[1]}" ;; Port) port="${BASH_REMATCH[1]}" ;;
      Username) user="${BASH_REMATCH[1]}" ;; Password) password="${BASH_REMATCH[1]}" ;;
    esac
  done
  PGPASSWORD="${password:-}" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "${host:-127.0.0.1}" -p "${port:-5432}" \
    -U "${user:-postgres}" -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null ||
    echo "    could not drop the database $1" >&2
}

status=0
# check_variant NAME [OPTION...]: stamps, builds and tests one option set; its failures go to status.
check_variant() {
  local variant="$1"; shift
  local solution="$work_dir/$variant"
  echo "==> dotnet new taskorch -n Acme.Orders $*"
  if ! dotnet new taskorch -n Acme.Orders -o "$solution" "$@" --debug:custom-hive "$hive" >"$work_dir/$variant-new.log" 2>&1; then
    cat "$work_dir/$variant-new.log" >&2
    echo "    stamping failed" >&2
    status=1
    return
  fi
  # One solution filter for the three, so that MSBuild evaluates and builds what they share once.
  local filter="$solution/template-check.slnf" project
  {
    printf '{ "solution": { "path": "Acme.Orders.sln", "projects": ['
    local separator=""
    for project in "${test_projects[@]}"; do
      printf '%s"%s"' "$separator" "$project/$(basename "$project").csproj"
      separator=", "
    done
    printf '] } }\n'
  } >"$filter"
  local phase_started=$SECONDS
  if ! dotnet restore "$filter" --source "$packages" -nologo -v quiet; then
    echo "    the stamped solution did not restore from $packages" >&2
    status=1
    return
  fi
  if ! dotnet build "$filter" -c Release --no-restore -nologo -v quiet; then
    echo "    the stamped solution did not build" >&2
    status=1
    return
  fi
  echo "    restored and built in $((SECONDS - phase_started)) s"
  # With a database server at hand (build/test.sh sets TASKORCH_TEST_CONNECTION), the stamped migrations apply to
  # an empty database, and the admin is bootstrapped under the stamped mail domain.
  if [[ -n "${TASKORCH_TEST_CONNECTION:-}" ]]; then
    local database="acme_orders_template_${variant}_$$"
    echo "    migrating a new database $database"
    if ! (cd "$solution/src/WebApi" && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
      ConnectionStrings__Default="$TASKORCH_TEST_CONNECTION;Database=$database" Jwt__KeysPath="$work_dir/keys" \
      Bootstrap__AdminEmail=admin@acme-orders.local Bootstrap__AdminPassword=template-check-password \
      dotnet bin/Release/net10.0/Acme.Orders.WebApi.dll migrate) >"$work_dir/$variant-migrate.log" 2>&1; then
      cat "$work_dir/$variant-migrate.log" >&2
      echo "    the stamped migrations did not apply" >&2
      status=1
    fi
    drop_database "$database"
  fi
  for project in "${test_projects[@]}"; do
    dotnet test "$solution/$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=template-$variant-$(basename "$project").trx" --logger "console;verbosity=minimal" \
      --results-directory "$results_dir" || status=1
  done
}

started=$SECONDS
check_variant default
check_variant minimal --web false
echo "    template: stamped, built and tested in $((SECONDS - started)) s"
exit "$status"
