import { describe, expect, it } from "vitest";
import { countOutputs } from "../../../src/runner/manifest/count-outputs.js";
import { PLOTLY_MIME, PUBLISH_MIME } from "../../../src/runner/mime-types.js";
import type { Notebook, NotebookOutput } from "../../../src/runner/notebook/notebook-types.js";

const shown = (data: Record<string, unknown>): NotebookOutput => ({
  output_type: "display_data",
  data,
  metadata: {},
});

function notebookWith(...outputs: NotebookOutput[][]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: outputs.map((o, i) => ({
      id: `c${i}`,
      cell_type: "code",
      source: "",
      metadata: {},
      outputs: o,
    })),
  };
}

describe("countOutputs", () => {
  it("countOutputs(notebook) counts outputs by type and MIME type, and charts and tables", () => {
    const notebook = notebookWith(
      [
        shown({ [PLOTLY_MIME]: {}, "text/html": ["<div>plot</div>"], "text/plain": "fig" }),
        shown({ "image/svg+xml": "<svg/>", "text/html": "<figure><table></table></figure>" }),
        { output_type: "stream", name: "stdout", text: "x\n" },
      ],
      [
        shown({ "text/html": ['<table class="t">', "</table>"], "text/plain": "t" }),
        shown({ "text/html": "<b>no table</b>" }),
        shown({ [PUBLISH_MIME]: { name: "m", value: 1 }, "text/plain": "m: 1" }),
        {
          output_type: "execute_result",
          execution_count: 3,
          data: { "text/plain": "42" },
          metadata: {},
        },
        { output_type: "error", ename: "E", evalue: "v", traceback: [] },
      ],
    );
    expect(countOutputs(notebook)).toEqual({
      byType: { display_data: 5, error: 1, execute_result: 1, stream: 1 },
      byMime: {
        [PLOTLY_MIME]: 1,
        [PUBLISH_MIME]: 1,
        "image/svg+xml": 1,
        "text/html": 4,
        "text/plain": 4,
      },
      charts: 2,
      tables: 1,
    });
    expect(Object.keys(countOutputs(notebook).byMime)).toEqual([
      PLOTLY_MIME,
      PUBLISH_MIME,
      "image/svg+xml",
      "text/html",
      "text/plain",
    ]);
  });

  it("countOutputs of a notebook without outputs is all zero", () => {
    expect(countOutputs(notebookWith([]))).toEqual({
      byType: {},
      byMime: {},
      charts: 0,
      tables: 0,
    });
  });
});
