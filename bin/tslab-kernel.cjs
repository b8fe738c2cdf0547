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
const args = process.argv.slice(2);
const at = args.indexOf("--config-path");
const configPath = at >= 0 ? args[at + 1] : args[0];
if (!configPath) {
  process.stderr.write("tslab-kernel: missing --config-path <connection file>\n");
  process.exit(2);
}
process.env.POWERFLOW_ROOT = process.env.POWERFLOW_ROOT || root;
process.chdir(root);
// tslab watches every imported source file and rebuilds when one changes; a change landing
// while a cell compiles crashes the kernel ("Unexpected pending rebuildTimer"). A notebook run
// needs a fixed snapshot of src/, so file watching is off unless POWERFLOW_KERNEL_WATCH=1
// (then edits to src/ are picked up live, at that risk). Cells themselves are not files and are
// unaffected.
if (process.env.POWERFLOW_KERNEL_WATCH !== "1") {
  const ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
  const noWatch = () => ({ close() {} });
  ts.sys.watchFile = noWatch;
  ts.sys.watchDirectory = noWatch;
}
// tslab's compiler options are fixed inside it; its `ts` is the module below, so wrapping
// createWatchCompilerHost (before tslab loads) is where PowerFlow adjusts them.
const tsPath = require.resolve(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
const ts = require(tsPath);
const adjustments = [];

// tslab leaves `types` unset, so every kernel parses every package under node_modules/@types
// (test-only ones included) before its first cell. Cells and src/ need only Node's globals as
// ambient types (an imported package's types still come with its import).
// POWERFLOW_KERNEL_ALL_TYPES=1 restores tslab's default.
if (process.env.POWERFLOW_KERNEL_ALL_TYPES !== "1") {
  adjustments.push((options) =>
    options.types === undefined ? { ...options, types: ["node"] } : options,
  );
}

// Prebuilt sources (POWERFLOW_KERNEL_PREBUILT=1, set by `powerflow run` once it has checked that
// dist/ is at least as new as every file in src/): an import of ./src/<m> is served by the build,
// dist/src/<m>.d.ts for types and dist/src/<m>.js at run time. tslab then neither type-checks nor
// emits src/ (6-8 CPU-seconds per kernel for ./src/index); `npm run build` already checked it.
// Without it (Jupyter), cells compile src/ themselves, so edits to src/ show up without a build.
const prebuilt = process.env.POWERFLOW_KERNEL_PREBUILT === "1";
const srcDir = path.join(root, "src");
const distSrcDir = path.join(root, "dist", "src");
function prebuiltFile(absolute, extension) {
  const rel = path.relative(srcDir, absolute);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  const stem = path.join(distSrcDir, rel.replace(/\.(ts|js)$/, ""));
  for (const candidate of [stem + extension, path.join(stem, "index" + extension)]) {
    if (require("node:fs").existsSync(candidate)) return candidate;
  }
  return undefined;
}
if (prebuilt) {
  const Module = require("node:module");
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (request.startsWith(".") && parent && parent.filename) {
      const file = prebuiltFile(path.resolve(path.dirname(parent.filename), request), ".js");
      if (file !== undefined) return file;
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
}

const createWatchCompilerHost = ts.createWatchCompilerHost;
const adjusted = Object.create(null);
for (const key of Object.keys(ts)) {
  if (key !== "createWatchCompilerHost")
    Object.defineProperty(adjusted, key, { enumerable: true, get: () => ts[key] });
}
Object.defineProperty(adjusted, "createWatchCompilerHost", {
  enumerable: true,
  value: function (rootFiles, options, ...rest) {
    const finalOptions = adjustments.reduce((o, adjust) => adjust(o), options);
    const host = createWatchCompilerHost.call(ts, rootFiles, finalOptions, ...rest);
    if (prebuilt) {
      host.resolveModuleNames = (names, containingFile, _reused, redirected, compilerOptions) =>
        names.map((name) => {
          const declaration = name.startsWith(".")
            ? prebuiltFile(path.resolve(path.dirname(containingFile), name), ".d.ts")
            : undefined;
          if (declaration !== undefined)
            return {
              resolvedFileName: declaration,
              extension: ".d.ts",
              isExternalLibraryImport: false,
            };
          return ts.resolveModuleName(
            name,
            containingFile,
            compilerOptions,
            host,
            undefined,
            redirected,
          ).resolvedModule;
        });
    }
    return host;
  },
});
require.cache[tsPath].exports = adjusted;

require(path.join(root, "node_modules", "tslab", "dist", "main.js")).startKernel({
  configPath: path.resolve(configPath),
  enableFindLocal: false,
});
