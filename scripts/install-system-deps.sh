#!/usr/bin/env bash
# Installs the Debian packages the full test suite uses, when run as root on Debian/Ubuntu and
# they are missing: Jupyter + nbconvert + nbformat (reference validator, nbconvert benchmark),
# Chromium (report rendering tests) and the PostgreSQL 15 server (ETL database tests).
# Elsewhere it prints what is missing; the tests that need it then skip with a visible reason.
set -euo pipefail
need=()
command -v jupyter >/dev/null 2>&1 || need+=(jupyter)
python3 -c "import nbconvert" >/dev/null 2>&1 || need+=(python3-nbconvert)
python3 -c "import nbformat" >/dev/null 2>&1 || need+=(python3-nbformat)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get install ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" python3-ipykernel >/dev/null
else
  echo "install-system-deps: missing ${need[*]} (not root or no apt-get): dependent tests will skip" >&2
fi
