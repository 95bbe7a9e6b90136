#!/usr/bin/env bash
# Lints the checked-in API document (clients/openapi.json, or the file given as the first argument) with Redocly CLI's
# recommended rules (build/openapi-lint/redocly.yaml). Exits non-zero when the document has an error; warnings are
# printed and do not fail. Redocly comes from the npm registry at the version pinned in build/openapi-lint/package-lock.json,
# installed with `npm ci` on the first run (node_modules/ is not committed).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
document="$(realpath "${1:-$repo_root/clients/openapi.json}")"
cd "$repo_root/build/openapi-lint"

[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error
# No usage reports and no update notices: the run needs nothing but the registry it installed from.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec node_modules/.bin/redocly lint --config redocly.yaml --format=stylish "$document"
