/**
 * Turns what a kernel printed for a failed cell into an nbformat `error` output. tslab sends no
 * `error` message: it prints TypeScript diagnostics ("1:7 - Type …", followed by the source
 * line and a caret from bin/kernel-diagnostics.cjs) or the thrown error to stderr and answers
 * `status: "error"`; this recovers the error with its line:column.
 */
import { textOf } from "../../util/text-of.js";
import type { NotebookOutput } from "../notebook/notebook-types.js";
import type { JupyterMessage } from "../kernel/wire.js";

const DIAGNOSTIC = /^(?:(\S+) )?(\d+):(\d+) - (.*)$/;
// What bin/kernel-diagnostics.cjs adds under a diagnostic: the steps of a message chain
// (indented), the source line ("4 | code") and a caret line ("  |     ^~~").
const CONTINUATION = /^ {2}\S/;
const SOURCE_LINE = /^\d+ \| /;
const CARET_LINE = /^( +\| \s*)(\^~*)$/;

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
  const lines = stderr
    .map((m) => textOf(m.content.text))
    .join("")
    .split("\n")
    .filter(Boolean);
  if (
    lines.length > 0 &&
    DIAGNOSTIC.test(lines[0]!) &&
    lines.every((l) => [DIAGNOSTIC, CONTINUATION, SOURCE_LINE, CARET_LINE].some((r) => r.test(l)))
  ) {
    return {
      error: compileError(lines, code),
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

function compileError(lines: string[], code: string): RecoveredError["error"] {
  const groups: string[][] = [];
  for (const line of lines) {
    if (DIAGNOSTIC.test(line)) groups.push([line]);
    else groups[groups.length - 1]!.push(line);
  }
  const traceback = groups.flatMap((group) => diagnosticLines(group, code.split("\n")));
  const count = groups.length;
  return {
    output_type: "error",
    ename: "TypeScriptError",
    // The headline names the first diagnostic; every one is in the traceback.
    evalue: `${groups[0]?.[0] ?? ""}${count > 1 ? ` (and ${count - 1} more diagnostics)` : ""}`,
    traceback,
  };
}

// One diagnostic: its location in red, its message, and the source line with a red caret —
// as the kernel echoed it, or taken from the cell for a kernel that does not (plain tslab).
function diagnosticLines([headline, ...rest]: string[], cellLines: string[]): string[] {
  const [, file, lineText, columnText, message] = DIAGNOSTIC.exec(headline!)!;
  const line = Number(lineText);
  const column = Number(columnText);
  const source = file ? undefined : cellLines[line - 1];
  const echoed = rest.some((l) => SOURCE_LINE.test(l));
  // tslab leaves the file name out for errors in imported modules: say so instead of
  // pointing at a cell line that does not exist.
  const outside =
    !file && source === undefined ? " (in an imported module; tslab does not name it)" : "";
  const where = file ? `${file} ${line}:${column}` : `line ${line}, column ${column}${outside}`;
  const excerpt =
    echoed || source === undefined
      ? []
      : [`${line} | ${source}`, `${" ".repeat(String(line).length)} | ${" ".repeat(column - 1)}^`];
  return [
    `\u001b[31m${where}\u001b[0m - ${message}`,
    ...[...rest, ...excerpt].map((l) => l.replace(CARET_LINE, "$1\u001b[31m$2\u001b[0m")),
  ];
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
