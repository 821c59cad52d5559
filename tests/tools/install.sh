#!/usr/bin/env bash
# Installs the tools the browser and feed tests need, from Debian's and npm's registries only.
# Idempotent and quick when everything is there. In CI (CI=true) a failure here fails the run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need_apt[*]} from Debian ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif [ "${CI:-}" = true ]; then
    echo "missing ${need_apt[*]} and cannot install them" >&2; exit 1
  else
    echo "note: ${need_apt[*]} missing; tests that need them will be skipped" >&2
  fi
fi

if command -v npm >/dev/null 2>&1 && [ -f "$here/package.json" ]; then
  if [ ! -d "$here/node_modules" ] || [ "$here/package.json" -nt "$here/node_modules/.installed" ]; then
    (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --silent && touch node_modules/.installed)
  fi
fi
