#!/usr/bin/env bash
# Make sure `uv` is on PATH; install the pinned version from PyPI with pip if it is missing.
set -euo pipefail
UV_VERSION="0.13.9"
if command -v uv >/dev/null 2>&1; then
  exit 0
fi
echo "uv not found: installing uv==${UV_VERSION} with pip" >&2
python3 -m pip install --quiet "uv==${UV_VERSION}" 2>/dev/null \
  || python3 -m pip install --quiet --user "uv==${UV_VERSION}" \
  || python3 -m pip install --quiet --break-system-packages --user "uv==${UV_VERSION}"
if ! command -v uv >/dev/null 2>&1; then
  echo "uv was installed but is not on PATH; add \$(python3 -m site --user-base)/bin to PATH" >&2
  exit 1
fi
