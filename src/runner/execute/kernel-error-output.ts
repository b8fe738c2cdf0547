/**
 * Turns what a kernel printed for a failed cell into an nbformat `error` output. tslab sends no
 * `error` message: it prints TypeScript diagnostics ("1:7 - Type …") or the thrown error to
 * stderr and answers `status: "error"`; this recovers the error with its line:column.
 */
import { textOf } from "../../util/text-of.js";
import type { NotebookOutput } from "../notebook/notebook-types.js";
import type { JupyterMessage } from "../kernel/wire.js";

const DIAGNOSTIC = /^(?:(\S+) )?(\d+):(\d+) - (.*)$/;

/** The error output plus the iopub messages that remain ordinary stream output. */
export interface RecoveredError {
  error: Extract<NotebookOutput, { output_type: "error" }>;
  rest: JupyterMessage[];
}

/** Returns the error of a failed cell whose kernel sent no `error` message. */
export function recoverKernelError(
  messages: readonly JupyterMessage[],
  code: string,
): RecoveredError {
  const stderr = messages.filter(
    (m) => m.header.msg_type === "stream" && m.content.name === "stderr",
  );
  const texts = stderr.map((m) => textOf(m.content.text));
  if (
    texts.length > 0 &&
    texts.every((t) =>
      t
        .split("\n")
        .filter(Boolean)
        .every((l) => DIAGNOSTIC.test(l)),
    )
  ) {
    return {
      error: compileError(texts.join(""), code),
      rest: messages.filter((m) => !stderr.includes(m)),
    };
  }
  const last = stderr[stderr.length - 1];
  if (!last) {
    return {
      error: {
        output_type: "error",
        ename: "Error",
        evalue: "the kernel reported an error without details",
        traceback: [],
      },
      rest: [...messages],
    };
  }
  return {
    error: runtimeError(textOf(last.content.text)),
    rest: messages.filter((m) => m !== last),
  };
}

function compileError(text: string, code: string): RecoveredError["error"] {
  const lines = code.split("\n");
  const diagnostics = text.split("\n").filter(Boolean);
  const traceback: string[] = [];
  for (const diagnostic of diagnostics) {
    const match = DIAGNOSTIC.exec(diagnostic)!;
    const [, file, lineText, columnText, message] = match;
    const line = Number(lineText);
    const column = Number(columnText);
    const source = file ? undefined : lines[line - 1];
    // tslab leaves the file name out for errors in imported modules: say so instead of
    // pointing at a cell line that does not exist.
    const outside =
      !file && source === undefined ? " (in an imported module; tslab does not name it)" : "";
    const where = file ? `${file} ${line}:${column}` : `line ${line}, column ${column}${outside}`;
    traceback.push(`\u001b[31m${where}\u001b[0m - ${message}`);
    if (source !== undefined) {
      const gutter = String(line).padStart(4);
      traceback.push(
        `${gutter} | ${source}`,
        `${" ".repeat(gutter.length)} | ${" ".repeat(column - 1)}\u001b[31m^\u001b[0m`,
      );
    }
  }
  const count = diagnostics.length;
  return {
    output_type: "error",
    ename: "TypeScriptError",
    // The headline names the first diagnostic; every one is in the traceback.
    evalue: `${diagnostics[0] ?? ""}${count > 1 ? ` (and ${count - 1} more diagnostics)` : ""}`,
    traceback,
  };
}

function runtimeError(text: string): RecoveredError["error"] {
  const lines = text.replace(/\n+$/, "").split("\n");
  const headline = lines.find(
    (l) =>
      /^[A-Za-z_$][\w$.]*(?: \[[^\]]*\])?: /.test(l) &&
      /(Error|Exception)\b/.test(l.split(":")[0]!),
  );
  if (headline) {
    const at = headline.indexOf(": ");
    const ename = headline.slice(0, at).replace(/ \[[^\]]*\]$/, "");
    return { output_type: "error", ename, evalue: headline.slice(at + 2), traceback: lines };
  }
  return { output_type: "error", ename: "Error", evalue: lines[0] ?? "", traceback: lines };
}
