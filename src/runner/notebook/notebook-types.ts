/** The nbformat 4.5 shapes PowerFlow reads and writes. */

/** A multiline string as stored in .ipynb: one string, or lines each keeping its "\n". */
export type MultilineString = string | string[];

/** One output of a code cell. */
export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
  | {
      output_type: "display_data";
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
    }
  | {
      output_type: "execute_result";
      execution_count: number | null;
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** A notebook cell. */
export interface NotebookCell {
  id: string;
  cell_type: "code" | "markdown" | "raw";
  source: MultilineString;
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

/** A notebook document. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** Returns the text of a multiline string. */
export function sourceText(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Returns `text` split the way Jupyter stores it: lines keeping their "\n". */
export function toLines(text: string): string[] {
  if (text === "") return [];
  return text.split(/(?<=\n)/);
}

/** Returns the tags of a cell (metadata.tags), or an empty list. */
export function cellTags(cell: NotebookCell): string[] {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}
