/**
 * Which Jupyter tools the tests can use here, found by running the very command a test runs
 * (a `jupyter` launcher without nbconvert is not enough). Each answer is a skip reason naming
 * the Debian package to install, or undefined when the tool works; results are cached.
 */
import { spawnSync } from "node:child_process";

/** The Jupyter launcher the tests run (Debian's `jupyter-core`). */
export const JUPYTER = "/usr/bin/jupyter";
/** The Python the tests run (Debian's, where python3-* packages install). */
export const PYTHON = "/usr/bin/python3";

const cache = new Map<string, string | undefined>();

function skipReason(command: string, args: string[], install: string): string | undefined {
  const key = [command, ...args].join(" ");
  if (!cache.has(key)) {
    const result = spawnSync(command, args, { stdio: "ignore", timeout: 60_000 });
    cache.set(key, result.status === 0 ? undefined : `\`${key}\` failed here (${install})`);
  }
  return cache.get(key);
}

/** Why `jupyter nbconvert` cannot run here, or undefined when it can. */
export function nbconvertSkipReason(): string | undefined {
  return skipReason(JUPYTER, ["nbconvert", "--version"], "apt-get install jupyter-nbconvert");
}

/** Why the classic `jupyter notebook` server cannot run here, or undefined when it can. */
export function notebookServerSkipReason(): string | undefined {
  return skipReason(JUPYTER, ["notebook", "--version"], "apt-get install jupyter-notebook");
}

/** Why Python's nbformat (the reference notebook validator) is missing, or undefined. */
export function nbformatSkipReason(): string | undefined {
  return skipReason(PYTHON, ["-c", "import nbformat"], "apt-get install python3-nbformat");
}
