#!/usr/bin/env bash
# Installs the Debian packages the full test suite uses, when run as root on Debian/Ubuntu and
# they are missing: Jupyter with nbconvert (`jupyter nbconvert`: notebook and kernelspec tests,
# nbconvert benchmark), the classic Notebook server (`jupyter notebook`: browser tests), nbformat
# (reference validator), ipykernel (a non-TypeScript kernel), Chromium (report rendering tests),
# the PostgreSQL 15 server (ETL database tests), git (git sink) and pandas (a peer in
# bench:etl). gcloud (GCS cross-check test) is not a Debian package: that test skips with a
# reason where it is absent.
# Each tool is detected by the command the tests run: `jupyter` alone does not provide
# `jupyter nbconvert` (jupyter-nbconvert does; python3-nbconvert is only the library).
# Elsewhere it prints what is missing; the tests that need it then skip with a visible reason.
set -euo pipefail
need=()
works() { "$@" >/dev/null 2>&1; }
works /usr/bin/jupyter --version || need+=(jupyter)
works /usr/bin/jupyter nbconvert --version || need+=(jupyter-nbconvert)
works /usr/bin/jupyter notebook --version || need+=(jupyter-notebook)
works /usr/bin/python3 -c "import nbformat" || need+=(python3-nbformat)
works /usr/bin/python3 -c "import ipykernel" || need+=(python3-ipykernel)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v git >/dev/null 2>&1 || need+=(git)
# pandas is only a named peer in `npm run bench:etl`; cheap enough to install with the rest
works /usr/bin/python3 -c "import pandas" || need+=(python3-pandas)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get install ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "install-system-deps: missing ${need[*]} (not root or no apt-get): dependent tests will skip" >&2
fi
