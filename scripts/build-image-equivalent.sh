#!/usr/bin/env bash
# Performs the Dockerfile's build steps without Docker (no engine on the development and CI
# machines), in a temporary directory that is removed afterwards, then runs the image's default
# command there on the default data and checks its outputs:
#   build stage   npm ci --ignore-scripts (dev deps) + npm run build          -> dist/
#   deps stage    npm ci --omit=dev --ignore-scripts in the image; here npm prune --omit=dev of
#                 the build's clean install (the same production tree, without a second install)
#   app stage     node_modules from deps, dist from build, bin/ src/ notebooks/ package*.json
#                 tsconfig.json; powerflow generate --seed 42 --out data/raw/default
#   lab stage     powerflow kernel install --prefix (the kernelspec; not the pip JupyterLab)
#   runtime       ENTRYPOINT node /app/bin/powerflow.js + the Dockerfile's CMD (read from the file)
# Differences, on purpose: the deps stage's `npm rebuild @tensorflow/tfjs-node` downloads
# libtensorflow from the internet, which these machines cannot reach, so it is skipped (PowerFlow
# falls back to the WASM backend, as in an image built with TFJS_NODE=skip); /app is the temp dir
# and /scratch a folder inside it; the app files are made read-only, like the pod's root
# filesystem, and HOME/TMPDIR point into scratch, as in the image.
# Usage: bash scripts/build-image-equivalent.sh [--keep] [--head]
#   --keep  leave the temp dir for a look        --head  build the last commit, not the working tree
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
repo="$PWD"
keep=0
head=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --head) head=1 ;;
    *) echo "build-image-equivalent: unknown option $arg (expected --keep or --head)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/powerflow-image.XXXXXX")"
cleanup() {
  if [ "$keep" = 1 ]; then
    echo "build-image-equivalent: kept $work" >&2
  else
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT

step_start=0
step() {
  step_start=$SECONDS
  printf 'build-image-equivalent: %s\n' "$1" >&2
}
done_step() { printf 'build-image-equivalent:   ok (%ss)\n' "$((SECONDS - step_start))" >&2; }

# The build context, as `docker build .` sees it: the working tree's files that git does not
# ignore (tracked or new; .dockerignore'd paths never reach a COPY below), limited to the paths
# the Dockerfile copies.
copy_context() {
  local dest="$1"
  shift
  mkdir -p "$dest"
  if [ "$head" = 1 ]; then
    git -C "$repo" ls-tree -r -z --name-only HEAD -- "$@" |
      xargs -0 --no-run-if-empty git -C "$repo" archive --format=tar HEAD -- | tar -x -C "$dest"
    return
  fi
  (
    cd "$repo"
    git ls-files -z --cached --others --exclude-standard -- "$@" |
      while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
      xargs -0 --no-run-if-empty cp --parents --preserve=timestamps -t "$dest" --
  )
}

npm_quiet=(--no-audit --no-fund --prefer-offline --loglevel=error)

step "build stage: npm ci (with dev dependencies) + npm run build"
copy_context "$work/build" package.json package-lock.json tsconfig.json tsconfig.build.json src
(cd "$work/build" && npm ci --ignore-scripts "${npm_quiet[@]}" >/dev/null && npm run build --silent)
test -f "$work/build/dist/src/cli/powerflow.js"
done_step

# The image installs production dependencies in a separate stage (npm ci --omit=dev, in parallel
# with the build under BuildKit); from the same lockfile, pruning the build's tree gives the same
# production tree in a fraction of the time of a second install.
step "deps stage: npm prune --omit=dev (the production tree of the same lockfile)"
(cd "$work/build" && npm prune --omit=dev --ignore-scripts "${npm_quiet[@]}" >/dev/null)
for dev in typescript vitest eslint prettier kubernetes-models; do
  if [ -e "$work/build/node_modules/$dev" ]; then
    echo "build-image-equivalent: dev dependency $dev is in the production install" >&2
    exit 1
  fi
done
test -d "$work/build/node_modules/tslab" && test -d "$work/build/node_modules/zeromq"
done_step

step "app stage: assemble /app, generate the default data"
app="$work/app"
copy_context "$app" package.json package-lock.json tsconfig.json bin src notebooks
mv "$work/build/node_modules" "$app/node_modules"
mv "$work/build/dist" "$app/dist"
mkdir -p "$work/scratch" "$work/tmp"
export NODE_ENV=production POWERFLOW_ROOT="$app" HOME="$work/scratch" TMPDIR="$work/tmp"
(cd "$app" && node bin/powerflow.js generate --seed 42 --out data/raw/default 2>/dev/null)
ls "$app"/data/raw/default/*.csv >/dev/null
chmod -R a-w "$app"
done_step

step "lab stage: register the tslab kernelspec (JupyterLab itself is pip-installed in the image)"
(cd "$app" && node bin/powerflow.js kernel install --prefix "$work/jupyter" 2>/dev/null)
node -e '
  const fs = require("node:fs");
  const spec = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const files = spec.argv.filter((a) => a.startsWith("/"));
  const ok = spec.argv[0] === process.execPath && spec.argv.includes(process.argv[2]) &&
    spec.argv.includes("{connection_file}") && files.every((f) => fs.existsSync(f));
  if (!ok) {
    console.error("unexpected kernelspec argv: " + JSON.stringify(spec.argv));
    process.exit(1);
  }
' "$work/jupyter/share/jupyter/kernels/tslab/kernel.json" "$app/bin/tslab-kernel.cjs"
done_step

# The default command: the runtime stage's CMD, the last instruction of the Dockerfile.
mapfile -t cmd < <(node -e '
  const lines = require("node:fs").readFileSync(process.argv[1], "utf8").trimEnd().split("\n");
  const last = lines.at(-1);
  if (!last.startsWith("CMD [")) { console.error("Dockerfile does not end with an exec-form CMD"); process.exit(1); }
  for (const arg of JSON.parse(last.slice(4))) console.log(arg.replaceAll("/scratch", process.argv[2]));
' "$repo/Dockerfile" "$work/scratch")
# Like the pod (runAsNonRoot, readOnlyRootFilesystem): when this script runs as root, the command
# runs as nobody, which cannot write the read-only app files, only scratch and tmp.
node_bin="$(command -v node)"
as_user=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
  chmod 755 "$work"
  chown -R 65534:65534 "$work/scratch" "$work/tmp"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  # nobody must reach the Node binary (e.g. a checkout's .tools/ under a private home folder).
  if ! (cd "$app" && "${as_user[@]}" "$node_bin" -e 'require("./package.json")') >/dev/null 2>&1; then
    echo "build-image-equivalent: WARNING: nobody cannot run $node_bin in $app; running as root" >&2
    as_user=()
  fi
fi
step "runtime: powerflow ${cmd[*]}"
# Docker passes exec-form arguments verbatim (no shell, no globbing), and so does this array.
(cd "$app" && "${as_user[@]}" "$node_bin" bin/powerflow.js "${cmd[@]}")
done_step

step "check the outputs"
out=""
for ((i = 0; i < ${#cmd[@]}; i++)); do
  [ "${cmd[$i]}" = "--out" ] && out="${cmd[$((i + 1))]}"
done
if [ -z "$out" ]; then
  echo "build-image-equivalent: the Dockerfile's default command has no --out" >&2
  exit 1
fi
test -s "$out/index.html" || { echo "build-image-equivalent: $out/index.html missing" >&2; exit 1; }
reports=$(find "$out" -name '*.html' ! -name index.html | wc -l)
manifests=$(find "$out" -name '*.manifest.json' | wc -l)
notebooks=$(find "$app/notebooks" -maxdepth 1 -name '*.ipynb' | wc -l)
if [ "$reports" -ne "$notebooks" ] || [ "$manifests" -ne "$notebooks" ]; then
  echo "build-image-equivalent: expected $notebooks HTML reports and manifests under $out (found $reports, $manifests)" >&2
  exit 1
fi
for manifest in "$out"/*.manifest.json; do
  html="$(basename "$manifest" .manifest.json).html"
  grep -q "href=\"$html\"" "$out/index.html" || {
    echo "build-image-equivalent: index.html does not link $html" >&2
    exit 1
  }
  # The image's src/ is older than its build, so the kernels must have used dist/ (the fast path).
  grep -q '"sources": "dist/src' "$manifest" || {
    echo "build-image-equivalent: $manifest: the kernel compiled src/ instead of using the build" >&2
    exit 1
  }
done
done_step
echo "build-image-equivalent: ok — $reports report(s), $manifests manifest(s) in ${SECONDS}s" >&2
