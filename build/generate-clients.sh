#!/usr/bin/env bash
# Regenerates the typed clients from the API as it is now: builds and starts the API (no database needed), saves
# its OpenAPI document as clients/openapi.json, and runs NSwag with clients/nswag.json, which writes the TypeScript
# client (clients/typescript/src/generated) and the C# client (clients/csharp/Generated). Commit all three: the
# functional tests fail when clients/openapi.json differs from what the API serves, and the TypeScript package's
# tests fail when the generated files differ from what that document generates.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
source build/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work_dir="$(mktemp -d -t taskorch-clients.XXXXXX)"
api_pid=""
cleanup() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

echo "==> Building src/WebApi"
dotnet build src/WebApi -c Debug -nologo -v quiet

port="$(pg_pick_port)"
echo "==> Starting the API on 127.0.0.1:$port (no database: the document needs none)"
# A throwaway signing key in the work folder, so that nothing is written to the developer's key folder.
# From its output folder, where its appsettings.json is (the scheduled jobs' settings are required).
(cd src/WebApi/bin/Debug/net10.0 && ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Default="Host=127.0.0.1;Port=1;Database=none" \
  Jwt__KeysPath="$work_dir/keys" Logging__LogLevel__Default=Warning \
  exec dotnet TaskOrchestration.WebApi.dll --role api --urls "http://127.0.0.1:$port") \
  >"$work_dir/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/openapi/v1.json" -o "$work_dir/openapi.json" 2>/dev/null; then break; fi
  if ! kill -0 "$api_pid" 2>/dev/null; then cat "$work_dir/api.log" >&2; echo "The API stopped before serving its document." >&2; exit 1; fi
  sleep 0.5
done
[[ -s "$work_dir/openapi.json" ]] || { cat "$work_dir/api.log" >&2; echo "No OpenAPI document after 60 s." >&2; exit 1; }
cp "$work_dir/openapi.json" clients/openapi.json
echo "    clients/openapi.json"

echo "==> Generating the clients with NSwag (clients/nswag.json)"
if [[ -d clients/typescript ]]; then
  if [[ ! -d clients/typescript/node_modules ]]; then
    (cd clients/typescript && npm ci --no-audit --no-fund)
  fi
  (cd clients/typescript && npm run --silent generate)
  echo "    clients/typescript/src/generated/client.ts"
else
  # A solution stamped without the TypeScript client (dotnet new taskorch --web false): the same NSwag, run once
  # through npx, and the TypeScript output that nswag.json also names goes to the work folder.
  (cd clients && npx --yes nswag@14.7.1 run nswag.json /runtime:Net100 "/variables:TypeScriptOutput=$work_dir/client.ts")
fi
echo "    clients/csharp/Generated/TaskOrchestrationClient.cs"
