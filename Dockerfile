# syntax=docker/dockerfile:1.7
# PowerFlow images (see docs/deployment.md):
#   docker build -t powerflow .                 batch report runner (default target `runtime`)
#   docker build --target lab -t powerflow:lab .  JupyterLab + the tslab kernel, port 8888
# scripts/build-image-equivalent.sh repeats these build steps without Docker; keep the two in step
# (tests/deploy/dockerfile.test.ts checks that they agree on the default command).

ARG NODE_VERSION=24.22.3

# ---------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---------------------------------------------------------------------------------------------
# build: full install (dev dependencies included) and the TypeScript compile to dist/.
# --ignore-scripts skips `prepare` during the install; the compile runs once, explicitly.
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---------------------------------------------------------------------------------------------
# deps: a clean production install. Install scripts stay off (`prepare` needs TypeScript, a dev
# dependency), then only @tensorflow/tfjs-node is rebuilt: its install script downloads
# libtensorflow, which package.json's allowScripts denies by default. npm 11 rejects
# --allow-scripts on project installs, so the build flips the allowScripts entry instead.
# TFJS_NODE=required fails the build when the native binding does not load; `skip` leaves the
# pure-JS/WASM backend (PowerFlow detects tfjs-node at run time and falls back).
FROM base AS deps
ARG TFJS_NODE=required
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts
RUN if [ "$TFJS_NODE" != "skip" ]; then \
      npm pkg set "allowScripts.@tensorflow/tfjs-node=true" --json \
      && npm rebuild @tensorflow/tfjs-node \
      && node -e "require('@tensorflow/tfjs-node')" \
      || { [ "$TFJS_NODE" != "required" ] || exit 1; }; \
    fi

# ---------------------------------------------------------------------------------------------
# app: what both runnable targets share. Files belong to root and are read-only for the
# unprivileged user 10001; everything the process writes goes to /scratch (HOME, reports) or
# /tmp, which Kubernetes mounts as emptyDir volumes under a read-only root filesystem.
FROM base AS app
ENV NODE_ENV=production \
    POWERFLOW_ROOT=/app \
    HOME=/scratch \
    TMPDIR=/tmp
RUN groupadd --system --gid 10001 powerflow \
 && useradd --system --uid 10001 --gid powerflow --home-dir /scratch --no-create-home \
      --shell /usr/sbin/nologin powerflow \
 && mkdir -p /scratch \
 && chown -R 10001:10001 /scratch
COPY package.json package-lock.json tsconfig.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY src ./src
COPY notebooks ./notebooks
# The default data (seeded, byte-identical for a seed) is baked in, so the image runs out of the box.
RUN node bin/powerflow.js generate --seed 42 --out data/raw/default

# ---------------------------------------------------------------------------------------------
# lab: JupyterLab (in a Python venv) + the tslab kernel registered for this Node. Notebooks are
# writable by the lab user; to edit your checkout's notebooks, mount them and run as yourself:
#   docker run --rm -p 8888:8888 --user "$(id -u):$(id -g)" -e HOME=/tmp \
#     -v "$PWD/notebooks:/app/notebooks" powerflow:lab
FROM app AS lab
ARG JUPYTERLAB_VERSION=4.4.10
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/jupyter \
 && /opt/jupyter/bin/pip install --no-cache-dir "jupyterlab==${JUPYTERLAB_VERSION}"
ENV PATH=/opt/jupyter/bin:$PATH \
    JUPYTER_PATH=/opt/jupyter/share/jupyter
RUN node bin/powerflow.js kernel install --prefix /opt/jupyter \
 && chown -R 10001:10001 /app/notebooks
USER 10001:10001
EXPOSE 8888
ENTRYPOINT ["jupyter", "lab"]
CMD ["--ip=0.0.0.0", "--port=8888", "--no-browser", "--ServerApp.root_dir=/app"]

# ---------------------------------------------------------------------------------------------
# runtime (default target): the batch report run. A Kubernetes Job passes its own arguments.
FROM app AS runtime
USER 10001:10001
ENTRYPOINT ["node", "/app/bin/powerflow.js"]
CMD ["run", "notebooks/*.ipynb", "--out", "/scratch/reports"]
