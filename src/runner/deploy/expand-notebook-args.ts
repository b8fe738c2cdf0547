/**
 * Expands `powerflow run` notebook arguments the way a shell would, for callers without one: a
 * Dockerfile's exec-form CMD and a Kubernetes container's args pass `notebooks/*.ipynb` or
 * `notebooks` verbatim. Plain file paths pass through unchanged (the runner reports missing ones).
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../errors.js";

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]");
  return new RegExp(`^${body}$`);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function listMatching(
  dir: string,
  match: (name: string) => boolean,
  arg: string,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new InputError(`notebook folder not found: ${dir} (from "${arg}")`, { cause: error });
  }
  const files = names.filter((n) => match(n) && !n.startsWith(".")).sort();
  if (files.length === 0)
    throw new InputError(`no notebooks match: "${arg}" (expected at least one .ipynb file)`);
  return files.map((n) => join(dir, n));
}

/**
 * Returns the notebook paths `args` name: a folder stands for its `*.ipynb` files, a last path
 * segment with `*` or `?` for the matching files (both sorted by name); other arguments are kept.
 * Duplicates are dropped, keeping the first occurrence.
 */
export async function expandNotebookArgs(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(dirname(arg))) {
      throw new InputError(
        `unsupported notebook pattern: "${arg}" (wildcards only in the file name)`,
      );
    }
    if (/[*?]/.test(basename(arg))) {
      const re = globToRegExp(basename(arg));
      out.push(...(await listMatching(dirname(arg), (n) => re.test(n), arg)));
    } else if (await isDirectory(arg)) {
      out.push(...(await listMatching(arg, (n) => n.endsWith(".ipynb"), arg)));
    } else {
      out.push(arg);
    }
  }
  return [...new Set(out)];
}
