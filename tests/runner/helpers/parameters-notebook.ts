// A notebook whose first code cell, tagged `parameters`, holds `source`; each of `more` follows as
// an untagged code cell ("x", "x1", …). Shared by the parameter tests.
import type { Notebook } from "../../../src/runner/notebook/notebook-types.js";

export function parametersNotebook(source: string, ...more: string[]): Notebook {
  const code = (id: string, text: string, tags: string[]) => ({
    id,
    cell_type: "code" as const,
    source: text,
    metadata: tags.length > 0 ? { tags } : {},
    outputs: [],
    execution_count: null,
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      code("p", source, ["parameters"]),
      ...more.map((text, i) => code(i === 0 ? "x" : `x${i}`, text, [])),
    ],
  };
}
