// better-sqlite3 ships no types: the part of its API the tests use to seed databases.
import { createRequire } from "node:module";

/** A better-sqlite3 database handle, as far as the tests need it. */
export interface TestDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): void };
  transaction(fn: () => void): () => void;
  close(): void;
}

/** better-sqlite3's Database constructor. */
export const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  path: string,
) => TestDb;
