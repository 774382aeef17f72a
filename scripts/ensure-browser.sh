#!/usr/bin/env bash
# Makes sure a Chromium that Playwright can drive is on this machine. Playwright's own
# download cannot reach the internet here, so Debian's chromium package is the default.
set -euo pipefail

if [[ -n "${CENSUS_BROWSER_EXECUTABLE:-}" ]]; then
  if [[ -x "$CENSUS_BROWSER_EXECUTABLE" ]]; then exit 0; fi
  echo "CENSUS_BROWSER_EXECUTABLE=$CENSUS_BROWSER_EXECUTABLE no existe o no es ejecutable." >&2
  exit 1
fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi

if [[ "$(id -u)" == "0" ]]; then
  echo "Instalando Chromium (apt-get install -y chromium)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium xvfb xauth >/dev/null
  exit 0
fi

cat >&2 <<'MSG'
Falta Chromium para las consultas y las pruebas de navegador. Instálalo con:
    sudo apt-get install -y chromium
o, donde se permitan descargas:
    .venv/bin/playwright install chromium
y, si queda en otra ruta, indícala con CENSUS_BROWSER_EXECUTABLE.
MSG
exit 1
