#!/usr/bin/env bash
# Install the Debian packages the project needs when they are missing.
#   ensure-system-deps.sh       everything the test suite needs: PostgreSQL server, Chromium
#                               for the browser tests, poppler-utils for looking at PDFs, and
#                               Pango with fonts for making PDF reports (WeasyPrint)
#   ensure-system-deps.sh pdf   only what making PDF reports needs (the demo)
set -euo pipefail
need=()
ldconfig -p | grep -q 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || need+=(fonts-liberation2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${1:-all}" != "pdf" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${need[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
