/**
 * The one output-name guard of every store: a blob name (an ETL output from `--name` or derived
 * from the input, a report, a model file) must stay inside the store's target, whether that is a
 * folder, a gs:// prefix or a folder of a git repository.
 */
import { InputError } from "../errors.js";

/**
 * Returns `name` when it is a plain file name: not empty, at most 255 bytes, no `/` or `\`,
 * not `.` or `..`, no control characters. Throws InputError otherwise.
 */
export function checkOutputName(name: string): string {
  const problem = outputNameProblem(name);
  if (problem === undefined) return name;
  throw new InputError(
    `output name ${problem}: ${JSON.stringify(name)} (expected a plain file name like PJME_hourly.csv, without / or ..)`,
  );
}

/** Returns what is wrong with `name` as an output file name, or undefined when nothing is. */
export function outputNameProblem(name: string): string | undefined {
  if (name === "") return "is empty";
  if (/[/\\]/.test(name)) return "holds a path separator";
  if (name === "." || name === "..") return "is a folder reference";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "holds a control character";
  if (new TextEncoder().encode(name).length > 255) return "is longer than 255 bytes";
  return undefined;
}

/**
 * Returns `path` when it is "/"-separated plain names (a blob in a folder of the store, as
 * `list({recursive: true})` gives them), each passing `checkOutputName`; throws InputError.
 */
export function checkBlobPath(path: string): string {
  for (const part of path.split("/")) checkOutputName(part);
  return path;
}
