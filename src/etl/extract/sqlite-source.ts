/** The SQLite source of the ETL registry: `sqlite:path.db?table=…` or `?query=…`. */
import type { EtlSource } from "../sources.js";
import { databaseOptions } from "./postgres-source.js";
import { extractSqlite } from "./sqlite-extract.js";

/** Reads `sqlite:` inputs; settings: query, params. */
export const sqliteSource: EtlSource = {
  name: "sqlite",
  matches: (input) => /^sqlite:/i.test(input),
  extract: (input, options) => {
    const { batchSize: _unused, ...db } = databaseOptions(options);
    return extractSqlite(input, db);
  },
};
