#!/usr/bin/env bash
# Installs the Debian packages the full test suite uses, when run as root on Debian/Ubuntu and
# they are missing: Jupyter + nbconvert + nbformat (reference validator, nbconvert benchmark),
# Chromium (report rendering tests), the PostgreSQL 15 server (ETL database tests), git (git sink)
# and pandas (a peer in bench:etl). gcloud (GCS cross-check test) is not a Debian package: that
# test skips with a reason where it is absent.
# Elsewhere it prints what is missing; the tests that need it then skip with a visible reason.
set -euo pipefail
need=()
command -v jupyter >/dev/null 2>&1 || need+=(jupyter)
/usr/bin/python3 -c "import nbconvert" >/dev/null 2>&1 || need+=(python3-nbconvert)
/usr/bin/python3 -c "import nbformat" >/dev/null 2>&1 || need+=(python3-nbformat)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v git >/dev/null 2>&1 || need+=(git)
# pandas is only a named peer in `npm run bench:etl`; cheap enough to install with the rest
/usr/bin/python3 -c "import pandas" >/dev/null 2>&1 || need+=(python3-pandas)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get install ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" python3-ipykernel >/dev/null
else
  echo "install-system-deps: missing ${need[*]} (not root or no apt-get): dependent tests will skip" >&2
fi
