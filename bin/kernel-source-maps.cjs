// Source maps for what the tslab kernel runs, so stack frames name TypeScript lines:
// - the build (dist/src/*.js, prebuilt mode) carries .js.map files: Node only has to read them;
// - src/ compiled by tslab itself (Jupyter, --live-src) and cells: tslab emits ES modules and
//   converts them to CommonJS with a second ts.transpileModule, so the emit gets an inline
//   source map and the conversion a second one; the two are composed into one inline map
//   (src/<m>.ts -> the code tslab loads), which Node applies to the module;
// - cells run through vm.runInThisContext, which Node never maps: each cell runs under the
//   name `<cell N>` (N is its execution count) and `mapCellPosition` maps its frames.
"use strict";
const { Buffer } = require("node:buffer");
const path = require("node:path");
const vm = require("node:vm");
const { SourceMap } = require("node:module");

const INLINE_MAP =
  /\n\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;
const ANY_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S*\s*$/;
// How tslab's executor wraps a compiled cell (node_modules/tslab/dist/executor.js).
const CELL_PREFIX = /^\(?(?:async )?function\(exports, require\) \{ /;
const CELL_SUFFIX = "\n})(__tslab__.exports, __tslab__.require)";
// tslab prefixes each cell with one line ("export {};") before compiling it.
const CELL_PREFIX_LINES = 1;

/** `<cell N>` name -> { lookup: SourceMap of the compiled cell, prefixLength }. */
const cells = new Map();

/**
 * Turns on source maps and returns replacements for the createWatchCompilerHost and
 * transpileModule of `ts` (the TypeScript module tslab requires) that give tslab's output
 * inline source maps; they must be in place before tslab loads.
 */
function sourceMapHooks(ts) {
  const moduleApi = require("node:module");
  // node_modules stays unmapped: parsing the maps of large bundles (tfjs, plotly) costs
  // start-up time and their frames are not the user's code.
  if (moduleApi.setSourceMapsSupport) moduleApi.setSourceMapsSupport(true, { nodeModules: false });
  else process.setSourceMapsEnabled(true);

  const createWatchCompilerHost = ts.createWatchCompilerHost;
  const transpileModule = ts.transpileModule;
  return {
    createWatchCompilerHost(rootFiles, options, ...rest) {
      // sourceRoot makes `sources` relative to rootDir (the project root) instead of tslab's
      // virtual outDir, so they can be made absolute again.
      const maps = { inlineSourceMap: true, sourceMap: false, sourceRoot: options.rootDir };
      return createWatchCompilerHost.call(ts, rootFiles, { ...options, ...maps }, ...rest);
    },
    transpileModule(input, options) {
      const inline = readInlineMap(input);
      if (!inline) return transpileModule.call(ts, input, options);
      const compilerOptions = {
        ...options.compilerOptions,
        sourceMap: true,
        inlineSourceMap: false,
      };
      const out = transpileModule.call(ts, inline.code, { ...options, compilerOptions });
      const map = composeMaps(ts, JSON.parse(out.sourceMapText), inline.map);
      const code = out.outputText.replace(ANY_MAP_COMMENT, "");
      return { ...out, outputText: withInlineMap(code, map), sourceMapText: undefined };
    },
  };
}

/** Runs each cell under the name `<cell N>` and keeps its source map for mapCellPosition. */
function nameCells({ jupyterPath }) {
  let cellNumber;
  let cellSource;
  const { JupyterHandlerImpl } = require(jupyterPath);
  const handleExecuteImpl = JupyterHandlerImpl.prototype.handleExecuteImpl;
  JupyterHandlerImpl.prototype.handleExecuteImpl = function (request, ...rest) {
    cellNumber = this.execCount + 1;
    cellSource = request.code;
    return handleExecuteImpl.call(this, request, ...rest);
  };
  const runInThisContext = vm.runInThisContext;
  vm.runInThisContext = function (code, options) {
    const prefix = typeof code === "string" ? CELL_PREFIX.exec(code) : null;
    if (!prefix || !code.endsWith(CELL_SUFFIX) || cellNumber === undefined)
      return runInThisContext.call(this, code, options);
    const filename = `<cell ${cellNumber}>`;
    const inline = readInlineMap(code.slice(0, -CELL_SUFFIX.length));
    if (inline)
      cells.set(filename, {
        lookup: new SourceMap(inline.map),
        prefixLength: prefix[0].length,
        wrapperLine: code.split("\n").length,
        lines: String(cellSource).split(/\r?\n/),
      });
    return runInThisContext.call(this, code, { ...options, filename });
  };
}

/**
 * Returns the 1-based cell line and column (and that line's text, `source`) of a 1-based
 * position in the code `<cell N>` ran,
 * `{ wrapper: true }` for the call of tslab's wrapper around the cell, or undefined when the
 * position maps to no cell line (or the cell is unknown).
 */
function mapCellPosition(filename, line, column) {
  const cell = cells.get(filename);
  if (!cell) return undefined;
  if (line === cell.wrapperLine) return { wrapper: true };
  const column0 = column - 1 - (line === 1 ? cell.prefixLength : 0);
  const hit = cell.lookup.findEntry(line - 1, Math.max(0, column0));
  if (hit.generatedLine !== line - 1 || hit.originalLine < CELL_PREFIX_LINES) return undefined;
  const cellLine = hit.originalLine - CELL_PREFIX_LINES;
  return { line: cellLine + 1, column: hit.originalColumn + 1, source: cell.lines[cellLine] };
}

function readInlineMap(code) {
  const match = INLINE_MAP.exec(code);
  if (!match) return undefined;
  const map = JSON.parse(Buffer.from(match[1], "base64").toString("utf8"));
  return { code: code.slice(0, match.index), map };
}

function withInlineMap(code, map) {
  const data = Buffer.from(JSON.stringify(map)).toString("base64");
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${data}\n`;
}

// outer: final code -> intermediate code; inner: intermediate code -> TypeScript source.
// Returns final code -> TypeScript source, with absolute source paths.
function composeMaps(ts, outer, inner) {
  const lookup = new SourceMap(inner);
  const root = inner.sourceRoot || "";
  const sources = [];
  const lines = [];
  for (const m of iterate(ts.decodeMappings(outer.mappings))) {
    if (m.sourceLine === undefined) continue;
    const hit = lookup.findEntry(m.sourceLine, m.sourceCharacter);
    if (hit.generatedLine !== m.sourceLine || hit.originalSource === undefined) continue;
    const source = path.resolve(root, hit.originalSource);
    if (!sources.includes(source)) sources.push(source);
    (lines[m.generatedLine] ??= []).push([
      m.generatedCharacter,
      sources.indexOf(source),
      hit.originalLine,
      hit.originalColumn,
    ]);
  }
  return { version: 3, file: outer.file, sources, names: [], mappings: encodeMappings(lines) };
}

function* iterate(decoder) {
  for (let next = decoder.next(); !next.done; next = decoder.next()) yield next.value;
  if (decoder.error) throw new Error(`invalid source map from tslab: ${decoder.error}`);
}

// Source map v3 "mappings": per line, segments [column, source, line, column], each field
// relative to the previous one (columns reset per line), as base64 VLQs.
function encodeMappings(lines) {
  const last = [0, 0, 0, 0];
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    last[0] = 0;
    const segments = (lines[i] ?? []).sort((a, b) => a[0] - b[0]);
    out.push(
      segments
        .map((s) =>
          s
            .map((value, k) => {
              const delta = value - last[k];
              last[k] = value;
              return vlq(delta);
            })
            .join(""),
        )
        .join(","),
    );
  }
  return out.join(";");
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function vlq(value) {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    const digit = rest & 31;
    rest >>>= 5;
    out += BASE64[rest > 0 ? digit | 32 : digit];
  } while (rest > 0);
  return out;
}

module.exports = { sourceMapHooks, nameCells, mapCellPosition };
