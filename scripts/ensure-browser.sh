#!/usr/bin/env bash
# Makes sure a Chromium that Playwright can drive is on this machine, and Xvfb for the
# headful (patchright) engine. Playwright's own download cannot reach the internet
# everywhere, so Debian's packages are the default.
set -euo pipefail

missing=()
if [[ -n "${CENSUS_BROWSER_EXECUTABLE:-}" ]]; then
  if [[ ! -x "$CENSUS_BROWSER_EXECUTABLE" ]]; then
    echo "CENSUS_BROWSER_EXECUTABLE=$CENSUS_BROWSER_EXECUTABLE no existe o no es ejecutable." >&2
    exit 1
  fi
elif ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb xauth)
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" == "0" ]]; then
  echo "Instalando ${missing[*]} (apt-get install -y ${missing[*]})..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
Faltan paquetes para las consultas y las pruebas de navegador. Instálalos con:
    sudo apt-get install -y ${missing[*]}
(Chromium también puede venir de .venv/bin/playwright install chromium, donde se permitan
descargas; indica su ruta con CENSUS_BROWSER_EXECUTABLE.)
MSG
exit 1
