/** Turns a cell's iopub messages into nbformat outputs (streams merged, clear_output honoured). */
import { textOf } from "../../util/text-of.js";
import type { JupyterMessage } from "../kernel/wire.js";
import { toLines, type NotebookOutput } from "../notebook/notebook-types.js";

/** Outputs shown with a display id, so update_display_data can reach them in later cells too. */
export type DisplayRegistry = Map<
  string,
  Extract<NotebookOutput, { output_type: "display_data" }>[]
>;

/** Returns the outputs of one cell; `displays` is shared by all cells of a notebook. */
export function collectOutputs(
  messages: readonly JupyterMessage[],
  displays: DisplayRegistry,
): NotebookOutput[] {
  let outputs: NotebookOutput[] = [];
  let clearPending = false;
  // Stream text is gathered as plain strings and split into lines once at the end: merging
  // line arrays message by message is quadratic for a cell that prints 100 000 lines.
  const streamText = new Map<NotebookOutput, string>();
  const add = (output: NotebookOutput): void => {
    if (clearPending) {
      outputs = [];
      clearPending = false;
    }
    const last = outputs[outputs.length - 1];
    if (output.output_type === "stream") {
      const text = joined(output.text);
      if (last?.output_type === "stream" && last.name === output.name) {
        streamText.set(last, (streamText.get(last) ?? "") + text);
        return;
      }
      streamText.set(output, text);
    }
    outputs.push(output);
  };
  for (const message of messages) {
    const c = message.content;
    switch (message.header.msg_type) {
      case "stream":
        add({
          output_type: "stream",
          name: c.name === "stderr" ? "stderr" : "stdout",
          text: textOf(c.text),
        });
        break;
      case "display_data": {
        const output = {
          output_type: "display_data" as const,
          data: bundle(c.data),
          metadata: record(c.metadata),
        };
        add(output);
        const id = record(c.transient).display_id;
        if (typeof id === "string") displays.set(id, [...(displays.get(id) ?? []), output]);
        break;
      }
      case "update_display_data": {
        const id = record(c.transient).display_id;
        for (const target of typeof id === "string" ? (displays.get(id) ?? []) : []) {
          target.data = bundle(c.data);
          target.metadata = record(c.metadata);
        }
        break;
      }
      case "execute_result":
        add({
          output_type: "execute_result",
          execution_count: typeof c.execution_count === "number" ? c.execution_count : null,
          data: bundle(c.data),
          metadata: record(c.metadata),
        });
        break;
      case "error":
        add({
          output_type: "error",
          ename: textOf(c.ename, "Error"),
          evalue: textOf(c.evalue),
          traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [],
        });
        break;
      case "clear_output":
        if (c.wait === true) clearPending = true;
        else outputs = [];
        break;
      default:
        break;
    }
  }
  for (const output of outputs) {
    if (output.output_type === "stream") output.text = toLines(streamText.get(output) ?? "");
  }
  return outputs;
}

// Text MIME types are stored as line lists, like Jupyter does; JSON types stay objects.
function bundle(data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(record(data))) {
    const isText = mime.startsWith("text/") || mime === "image/svg+xml";
    out[mime] = isText && typeof value === "string" ? toLines(value) : value;
  }
  return out;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function joined(text: string | string[]): string {
  return Array.isArray(text) ? text.join("") : text;
}
