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
// tslab leaves `types` unset, so every kernel parses every package under node_modules/@types
// (test-only ones included) before its first cell. Cells and src/ need only Node's globals as
// ambient types (an imported package's types still come with its import), so the automatic
// type directives see only @types/node. POWERFLOW_KERNEL_ALL_TYPES=1 restores tslab's default.
if (process.env.POWERFLOW_KERNEL_ALL_TYPES !== "1") {
  const ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
  const getDirectories = ts.sys.getDirectories;
  const typesRoot = path.join(root, "node_modules", "@types");
  ts.sys.getDirectories = function (dir) {
    const all = getDirectories.call(this, dir);
    return path.resolve(dir) === typesRoot ? all.filter((name) => name === "node") : all;
  };
}
require(path.join(root, "node_modules", "tslab", "dist", "main.js")).startKernel({
  configPath: path.resolve(configPath),
  enableFindLocal: false,
});
