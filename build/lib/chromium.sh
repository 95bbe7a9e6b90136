# shellcheck shell=bash
# The browser of the web app's end-to-end tests: Debian's Chromium, driven by playwright-core (which downloads no
# browser of its own). TASKORCH_E2E_CHROMIUM names another Chromium executable; the tests read it too.

CHROMIUM="${TASKORCH_E2E_CHROMIUM:-/usr/bin/chromium}"

# Makes sure Chromium is there: as root with apt-get at hand, installs Debian's chromium package when it is missing.
chromium_require() {
  if [[ ! -x "$CHROMIUM" ]] && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found at $CHROMIUM: installing Debian's chromium..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  fi
  if [[ ! -x "$CHROMIUM" ]]; then
    echo "error: the web app's browser tests need Chromium at $CHROMIUM: install Debian's chromium (apt-get install -y chromium), or set TASKORCH_E2E_CHROMIUM" >&2
    return 1
  fi
}
