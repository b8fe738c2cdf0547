/**
 * The I/O surface of extract, load and runner: production passes `nodeEffects()`,
 * tests pass an in-memory or silent one. Pure stages never receive it.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { redactSecrets } from "./util/redact-secrets.js";

/** Where log lines go; `debug` is shown only with --debug. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** What `writeFileAtomic` writes: bytes, text, or chunks consumed in order as they are written. */
export type FileData = Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** File, network, log and clock access for the stages that touch the outside world. */
export interface Effects {
  /** Rejects with an error whose `code` is "ENOENT" when there is no such file. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Writes through a temp file and a rename, so readers never see half a file; chunks are
   * written as they come (a failing source leaves no file and no temp file).
   */
  writeFileAtomic(path: string, data: FileData): Promise<void>;
  /**
   * Returns the files under `dir`, sorted, as "/"-separated paths relative to it: direct
   * children, or every file below with `recursive`; [] when `dir` does not exist.
   */
  listFiles(dir: string, options?: { recursive?: boolean }): Promise<string[]>;
  fetch: typeof globalThis.fetch;
  logger: Logger;
  now(): Date;
}

/**
 * Returns a logger writing to stderr, every line redacted (URL passwords, token/key query
 * values); debug lines only when `debug` is true.
 */
export function stderrLogger(debug = false): Logger {
  const write = (line: string) => process.stderr.write(`${redactSecrets(line)}\n`);
  return {
    info: (m) => write(m),
    warn: (m) => write(`warning: ${m}`),
    debug: (m) => {
      if (debug) write(`debug: ${m}`);
    },
  };
}

/** Returns a logger that drops everything (tests). */
export function silentLogger(): Logger {
  return { info: () => undefined, warn: () => undefined, debug: () => undefined };
}

/** Writes `data` to `path` via a sibling temp file and rename; creates parent folders. */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Lists the files under `dir` (see `Effects.listFiles`). */
export async function listFiles(
  dir: string,
  options: { recursive?: boolean } = {},
): Promise<string[]> {
  try {
    const entries = await readdir(dir, {
      recursive: options.recursive ?? false,
      withFileTypes: true,
    });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
      .sort();
  } catch (error) {
    if (isMissingFileError(error)) return [];
    throw error;
  }
}

/** Returns the file-backed Effects used in production. */
export function nodeEffects(options: { debug?: boolean; logger?: Logger } = {}): Effects {
  return {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFileAtomic,
    listFiles,
    fetch: globalThis.fetch.bind(globalThis),
    logger: options.logger ?? stderrLogger(options.debug ?? false),
    now: () => new Date(),
  };
}

/** True when `error` says a path does not exist (ENOENT) or runs through a file (ENOTDIR). */
export function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
