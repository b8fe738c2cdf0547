/** The PostgreSQL source of the ETL registry: `postgres://…?table=…` or `?query=…`. */
import type { EtlSource } from "../sources.js";
import { arraySetting, numberSetting, stringSetting } from "./http-settings.js";
import { extractPostgres, type ExtractPostgresOptions } from "./postgres-extract.js";

/** Reads `postgres://` / `postgresql://` inputs; settings: query, params, batchSize. */
export const postgresSource: EtlSource = {
  name: "postgres",
  matches: (input) => /^postgres(ql)?:\/\//i.test(input),
  extract: (input, options) => extractPostgres(input, databaseOptions(options)),
};

/** The database options shared by the PostgreSQL and SQLite sources. */
export function databaseOptions(
  options: Parameters<EtlSource["extract"]>[1],
): ExtractPostgresOptions {
  const db: ExtractPostgresOptions = { timeZone: options.timeZone };
  const query = stringSetting(options.settings, "query");
  if (query !== undefined) db.query = query;
  const params = arraySetting(options.settings, "params");
  if (params !== undefined) db.params = params;
  const batchSize = numberSetting(options.settings, "batchSize");
  if (batchSize !== undefined) db.batchSize = batchSize;
  if (options.timeColumn !== undefined) db.timeColumn = options.timeColumn;
  if (options.valueColumn !== undefined) db.valueColumn = options.valueColumn;
  if (options.allowNegative !== undefined) db.allowNegative = options.allowNegative;
  if (options.onProgress !== undefined) db.onProgress = options.onProgress;
  return db;
}
