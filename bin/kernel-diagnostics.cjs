// TypeScript diagnostics that show where they are: tslab prints "4:7 - message" only; the
// kernel adds the offending source line with a caret under the span, as tsc --pretty does:
//   4:7 - Type 'string' is not assignable to type 'number'.
//   4 | const x: number = "a";
//     |       ^
// tslab also prints each step of a message chain as its own diagnostic at the same position
// (without the file name); they are folded into the first one, indented.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** Wraps tslab's createConverter so every diagnostic it returns carries its source excerpt. */
function installDiagnosticExcerpts({ root, converterPath }) {
  const converter = require(converterPath);
  const createConverter = converter.createConverter;
  converter.createConverter = function (options) {
    const conv = createConverter.call(this, options);
    return {
      ...conv,
      convert(prevDecl, src) {
        const result = conv.convert(prevDecl, src);
        const diagnostics = withExcerpts(result.diagnostics, (file) =>
          file === undefined ? src : readSource(root, file),
        );
        return { ...result, diagnostics };
      },
      addModule(name, content, meta) {
        return withExcerpts(conv.addModule(name, content, meta), (file) =>
          file === undefined || path.basename(file, path.extname(file)) === name
            ? content
            : readSource(root, file),
        );
      },
    };
  };
}

/**
 * Returns `diagnostics` with chained messages folded into their head and the source excerpt
 * appended to each message; `sourceOf(fileName)` gives the text a diagnostic points into.
 */
function withExcerpts(diagnostics, sourceOf) {
  const out = [];
  for (const d of diagnostics ?? []) {
    const head = out[out.length - 1];
    // tslab gives every step of one chain the very same position object.
    if (head && d.start === head.diagnostic.start) head.chain.push(d.messageText);
    else out.push({ diagnostic: d, chain: [] });
  }
  return out.map(({ diagnostic, chain }) => {
    const text = sourceOf(diagnostic.fileName);
    const excerpt = text === undefined ? [] : sourceExcerpt(text, diagnostic.start, diagnostic.end);
    const messageText = [diagnostic.messageText, ...chain.map((m) => `  ${m}`), ...excerpt].join(
      "\n",
    );
    return { ...diagnostic, messageText };
  });
}

/** The line at `start` (0-based line/character) and a caret line under `start`..`end`. */
function sourceExcerpt(text, start, end) {
  const source = text.split(/\r?\n/)[start.line];
  if (source === undefined) return [];
  const lineNumber = String(start.line + 1);
  const lineEnd = end && end.line === start.line ? end.character : source.length;
  const width = Math.max(1, lineEnd - start.character);
  // Keep tabs so the caret lines up with the echoed line.
  const pad = source.slice(0, start.character).replace(/[^\t]/g, " ");
  return [
    `${lineNumber} | ${source}`,
    `${" ".repeat(lineNumber.length)} | ${pad}^${"~".repeat(width - 1)}`,
  ];
}

function readSource(root, file) {
  try {
    return fs.readFileSync(path.resolve(root, file), "utf8");
  } catch {
    return undefined; // a virtual module or a vanished file: the message stands alone
  }
}

module.exports = { installDiagnosticExcerpts, sourceExcerpt };
