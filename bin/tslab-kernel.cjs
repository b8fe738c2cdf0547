#!/usr/bin/env node
// Starts the tslab TypeScript kernel with the PowerFlow project root as its working directory,
// whatever folder Jupyter launches it from. tslab compiles cells with rootDir = cwd, so only a
// kernel rooted at the project can import "./src/index"; notebooks therefore use paths relative
// to the project root (imports and data alike), in Jupyter and in `powerflow run`.
// Usage (from a kernelspec): node bin/tslab-kernel.cjs --config-path {connection_file}
"use strict";
const path = require("node:path");

// V8 code cache for the ~10 MB TypeScript compiler every kernel loads (Node >= 22.1; in
// $NODE_COMPILE_CACHE, default <tmpdir>/node-compile-cache; a read-only tmpdir just disables it).
require("node:module").enableCompileCache?.();

const root = path.resolve(__dirname, "..");
// What the notebook reads, for `powerflow run`'s cache (see that file): hooked before the kernel
// loads anything, recording from the first cell; `env` is the environment the kernel was given.
const readTrace = require("./kernel-read-trace.cjs").installReadTrace({
  root,
  env: { ...process.env },
});
const args = process.argv.slice(2);
const at = args.indexOf("--config-path");
const configPath = at >= 0 ? args[at + 1] : args[0];
if (!configPath) {
  process.stderr.write("tslab-kernel: missing --config-path <connection file>\n");
  process.exit(2);
}
process.env.POWERFLOW_ROOT = process.env.POWERFLOW_ROOT || root;
process.chdir(root);
// tslab's TypeScript: the module tslab itself requires, patched below before tslab loads.
const tsPath = require.resolve(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
const ts = require(tsPath);

// tslab watches every imported source file and rebuilds when one changes; a change landing
// while a cell compiles crashes the kernel ("Unexpected pending rebuildTimer"). A notebook run
// needs a fixed snapshot of src/, so file watching is off unless POWERFLOW_KERNEL_WATCH=1
// (then edits to src/ are picked up live, at that risk). Cells themselves are not files and are
// unaffected.
if (process.env.POWERFLOW_KERNEL_WATCH !== "1") {
  const noWatch = () => ({ close() {} });
  ts.sys.watchFile = noWatch;
  ts.sys.watchDirectory = noWatch;
}

// Prebuilt sources (POWERFLOW_KERNEL_PREBUILT=1, set by `powerflow run` once it has checked that
// dist/ is at least as new as every file in src/): an import of ./src/<m> is served by the build.
// TypeScript sees src/ as holding only declarations — src/<m>.d.ts reads dist/src/<m>.d.ts, and
// src/<m>.ts does not exist — so module resolution (and its caching) is TypeScript's own; at run
// time ./src/<m> loads dist/src/<m>.js. tslab then neither type-checks nor emits src/ (6-8
// CPU-seconds per kernel for ./src/index); `npm run build` already checked it. Without it
// (Jupyter), cells compile src/ themselves, so edits to src/ show up without a build.
const prebuilt = process.env.POWERFLOW_KERNEL_PREBUILT === "1";
const srcDir = path.join(root, "src");
const distSrcDir = path.join(root, "dist", "src");
// The path of `file` inside src/, or undefined when it is outside.
function inSrc(file) {
  const rel = path.relative(srcDir, path.resolve(file));
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel;
}
if (prebuilt) {
  const { fileExists, readFile } = ts.sys;
  ts.sys.fileExists = function (file) {
    const rel = inSrc(file);
    if (rel !== undefined && rel.endsWith(".d.ts"))
      return fileExists.call(this, path.join(distSrcDir, rel)) || fileExists.call(this, file);
    if (rel !== undefined && /\.(ts|tsx)$/.test(rel)) return false;
    return fileExists.call(this, file);
  };
  ts.sys.readFile = function (file, encoding) {
    const rel = inSrc(file);
    const built =
      rel !== undefined && rel.endsWith(".d.ts") ? path.join(distSrcDir, rel) : undefined;
    return built !== undefined && fileExists.call(this, built)
      ? readFile.call(this, built, encoding)
      : readFile.call(this, file, encoding);
  };
  const { existsSync } = require("node:fs");
  const Module = require("node:module");
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const rel =
      request.startsWith(".") && parent && parent.filename
        ? inSrc(path.resolve(path.dirname(parent.filename), request))
        : undefined;
    if (rel !== undefined) {
      const stem = path.join(distSrcDir, rel.replace(/\.(ts|js)$/, ""));
      for (const file of [`${stem}.js`, path.join(stem, "index.js")])
        if (existsSync(file)) return file;
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
}

// tslab leaves `types` unset, so every kernel parses every package under node_modules/@types
// (test-only ones included) before its first cell. Cells and src/ need only Node's globals as
// ambient types (an imported package's types still come with its import). Its compiler options
// are fixed inside it and its module exports are read-only getters, so tslab is handed a copy of
// the module whose createWatchCompilerHost adds `types: ["node"]`.
// POWERFLOW_KERNEL_ALL_TYPES=1 restores tslab's default.
if (process.env.POWERFLOW_KERNEL_ALL_TYPES !== "1") {
  const createWatchCompilerHost = ts.createWatchCompilerHost;
  const adjusted = Object.create(null);
  for (const key of Object.keys(ts)) {
    if (key !== "createWatchCompilerHost")
      Object.defineProperty(adjusted, key, { enumerable: true, get: () => ts[key] });
  }
  adjusted.createWatchCompilerHost = function (rootFiles, options, ...rest) {
    const types = options.types === undefined ? { types: ["node"] } : {};
    return createWatchCompilerHost.call(ts, rootFiles, { ...options, ...types }, ...rest);
  };
  require.cache[tsPath].exports = adjusted;
}

// TypeScript lines in errors (see that file). It must come first: it hands tslab a TypeScript
// module with source-map hooks, and tslab's modules bind TypeScript when they first load.
require("./kernel-errors.cjs")({ root, tsPath });
// Each display reaches the cell that made it; kernel_info reports this checkout and versions.
require("./tslab-hooks.cjs").installTslabHooks(root, { readTrace });
require(path.join(root, "node_modules", "tslab", "dist", "main.js")).startKernel({
  configPath: path.resolve(configPath),
  enableFindLocal: false,
});
