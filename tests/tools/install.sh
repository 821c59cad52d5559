#!/usr/bin/env bash
# Installs what the browser, HTML and feed tests need, from Debian's and npm's registries only
# (never a downloaded browser): Chromium, Java (for vnu.jar), Node/npm, and the npm packages in
# package-lock.json (axe-core, vnu-jar, ical.js) into tests/tools/node_modules.
# Idempotent, and quick (no network) when everything is there.
# In CI (CI=true) anything still missing at the end fails the run; elsewhere those tests skip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ci=false; [ "${CI:-}" = true ] && ci=true
have() { command -v "$1" >/dev/null 2>&1; }

need_apt=()
{ [ -x "${KNZ_CHROMIUM:-/usr/bin/chromium}" ] || have chromium; } || need_apt+=(chromium fonts-dejavu-core)
have java || need_apt+=(default-jre-headless)
have node || need_apt+=(nodejs)
have npm || need_apt+=(npm)

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if have sudo && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=none; fi
  fi
  if [ "$sudo" != none ] && have apt-get; then
    echo "Installing ${need_apt[*]} from Debian ..."
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "cannot install ${need_apt[*]} (needs root and apt-get)" >&2
  fi
fi

# npm packages: reinstall when the lock changed or a tool file is gone.
stamp="$here/node_modules/.installed"
files=("$here/node_modules/axe-core/axe.min.js" "$here/node_modules/vnu-jar/build/dist/vnu.jar"
       "$here/node_modules/ical.js/package.json")
stale=false
[ -f "$stamp" ] || stale=true
for f in "$here/package.json" "$here/package-lock.json"; do [ "$f" -nt "$stamp" ] && stale=true; done
for f in "${files[@]}"; do [ -f "$f" ] || stale=true; done
if $stale && have npm; then
  echo "Installing npm test tools (axe-core, vnu-jar, ical.js) ..."
  # --ignore-scripts: vnu-jar's install script would try to download a Java runtime.
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --silent && touch node_modules/.installed)
fi

missing=()
{ [ -x "${KNZ_CHROMIUM:-/usr/bin/chromium}" ] || have chromium; } || missing+=(chromium)
have java || missing+=(java)
for f in "${files[@]}"; do [ -f "$f" ] || missing+=("${f#"$here"/}"); done
if [ ${#missing[@]} -gt 0 ]; then
  if $ci; then echo "missing test tools: ${missing[*]}" >&2; exit 1; fi
  echo "note: missing ${missing[*]}; the tests that need them will be skipped" >&2
fi
