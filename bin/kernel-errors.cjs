// Errors a notebook user can act on, installed into the tslab kernel by bin/tslab-kernel.cjs
// just before tslab starts:
// - stack frames name TypeScript files and lines (kernel-source-maps.cjs), cells as `<cell N>`;
// - printed errors show paths relative to the project root and end at the cell: the frames of
//   the kernel's own machinery below it (node:vm, tslab) are cut, as IPython hides its own;
// - type errors echo the offending line with a caret (kernel-diagnostics.cjs).
"use strict";
const path = require("node:path");
const util = require("node:util");
const { sourceMapHooks, nameCells, mapCellPosition } = require("./kernel-source-maps.cjs");
const { installDiagnosticExcerpts } = require("./kernel-diagnostics.cjs");

/** Installs the hooks; `tsPath` is the TypeScript module tslab requires (already loaded). */
function installKernelErrors({ root, tsPath }) {
  const tslabDist = path.join(root, "node_modules", "tslab", "dist");
  const cached = require.cache[tsPath];
  const ts = cached.exports;
  const hooked = sourceMapHooks(ts);
  // The module's exports are read-only getters: tslab gets a view with two functions replaced.
  cached.exports = new Proxy(ts, {
    get: (target, key, receiver) =>
      Object.hasOwn(hooked, key) ? hooked[key] : Reflect.get(target, key, receiver),
  });
  // Only now may tslab's modules load: they bind the TypeScript module when they do.
  nameCells({ jupyterPath: path.join(tslabDist, "jupyter.js") });
  installDiagnosticExcerpts({ root, converterPath: path.join(tslabDist, "converter.js") });

  // tslab prints a failed cell's error with console.error (bound when the kernel starts).
  const error = console.error;
  console.error = function (...args) {
    return error.apply(
      this,
      args.map((a) => (util.types.isNativeError(a) ? tidyErrorText(util.inspect(a), root) : a)),
    );
  };
}

const FRAME = /^\s+at /;
const CELL_FRAME = /(<cell \d+>):(\d+):(\d+)/g;
const CELL_ARROW = /^(<cell \d+>):(\d+)\n(.*)\n( *)\^/;
// node:vm, tslab, and the hooks in bin/ around them (tslab-hooks.cjs runs each cell in an
// AsyncLocalStorage context).
const KERNEL_FRAME =
  /\(node:vm:|node:internal[\\/]async_local_storage|node_modules[\\/]tslab[\\/]dist[\\/]|[\\/]bin[\\/](kernel-[\w-]+|tslab-hooks)\.cjs:/;

/**
 * Returns an inspected error with cell positions mapped, paths relative to `root` (in frames
 * and in the location Node heads the error with) and, for an error that passed through a
 * cell, the frames below the cell (tslab's wrapper, node:vm, tslab) cut.
 */
function tidyErrorText(text, root) {
  const throughCell = /^\s+at .*<cell \d+>:/m.test(text);
  const lines = [];
  for (const [index, line] of mapCellArrow(text).split("\n").entries()) {
    if (!FRAME.test(line)) {
      lines.push(index === 0 ? relativePaths(line, root) : line);
      continue;
    }
    const frame = mapCellFrames(line);
    if (throughCell && (frame.wrapper || KERNEL_FRAME.test(line))) continue;
    // Names a cell reaches through tslab's `exports` proxy read "Proxy.name".
    const named = throughCell ? frame.line.replace(/^(\s+at )Proxy\./, "$1") : frame.line;
    lines.push(relativePaths(named, root));
  }
  return lines.join("\n");
}

function mapCellFrames(line) {
  let wrapper = false;
  const mapped = line.replace(CELL_FRAME, (all, name, l, c) => {
    const at = mapCellPosition(name, Number(l), Number(c));
    if (at?.wrapper) wrapper = true;
    return at?.line ? `${name}:${at.line}:${at.column}` : all;
  });
  return { line: mapped, wrapper };
}

// Node heads an error thrown by cell code with "<cell N>:LINE", the compiled line and a caret
// under the throw; that becomes the cell's own line, with the caret under the same code.
function mapCellArrow(text) {
  const match = CELL_ARROW.exec(text);
  if (!match) return text;
  const [arrow, name, line, , pad] = match;
  const at = mapCellPosition(name, Number(line), pad.length + 1);
  if (!at?.line || at.source === undefined) return text;
  const caretPad = at.source.slice(0, at.column - 1).replace(/[^\t]/g, " ");
  return text.replace(arrow, `${name}:${at.line}\n${at.source}\n${caretPad}^`);
}

function relativePaths(text, root) {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return text.split(`file://${prefix}`).join("").split(prefix).join("");
}

module.exports = installKernelErrors;
module.exports.tidyErrorText = tidyErrorText;
