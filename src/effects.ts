/**
 * The I/O surface of extract, load and runner: production passes `nodeEffects()`,
 * tests pass an in-memory or silent one. Pure stages never receive it.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { redactSecrets } from "./util/redact-secrets.js";

/** Where log lines go; `debug` is shown only with --debug. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** File, network, log and clock access for the stages that touch the outside world. */
export interface Effects {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes through a temp file and a rename, so readers never see half a file. */
  writeFileAtomic(path: string, data: Uint8Array | string): Promise<void>;
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
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
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

/** Returns the file-backed Effects used in production. */
export function nodeEffects(options: { debug?: boolean; logger?: Logger } = {}): Effects {
  return {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFileAtomic,
    fetch: globalThis.fetch.bind(globalThis),
    logger: options.logger ?? stderrLogger(options.debug ?? false),
    now: () => new Date(),
  };
}
