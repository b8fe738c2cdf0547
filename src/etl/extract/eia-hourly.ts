/**
 * EIA API v2 hourly demand by balancing authority (`electricity/rto/region-data`, EIA-930).
 * Pages through `response.data` with `offset`/`length` (≤ 5000) until `response.total` (a string)
 * is reached, checks the count, and quarantines records that fail `parseEiaRecord`. The API key
 * comes from `EIA_API_KEY` and is redacted from every message and from `source.location`.
 */
import { createHash } from "node:crypto";
import type { Effects } from "../../effects.js";
import { InputError, SourceError } from "../../errors.js";
import { GrowableRows } from "./csv-columns.js";
import type { ExtractResult, QuarantinedRow } from "./extract-result.js";
import { finishExtract } from "./finish-extract.js";
import { parseEiaRecord } from "./eia-record.js";
import { httpGetBytes, type HttpRetryOptions } from "./http-request.js";
import { redactSecrets } from "../../util/redact-secrets.js";

/** Options of `extractEiaHourly`. */
export interface ExtractEiaHourlyOptions extends HttpRetryOptions {
  /** API key; default env EIA_API_KEY (required) */
  apiKey?: string;
  /** API root; default "https://api.eia.gov/v2" */
  baseUrl?: string;
  /** dataset route; default "electricity/rto/region-data" */
  route?: string;
  /** rows per page, 1-5000; default 5000 */
  pageSize?: number;
  /** stamps mark the end of the hour (shift back 1 h); default false */
  hourEnding?: boolean;
  /** keep negative values; default false (quarantined) */
  allowNegative?: boolean;
  /** environment to read EIA_API_KEY from; default process.env */
  env?: Record<string, string | undefined>;
}

/** What to fetch: `eia://PJM?type=D&start=2024-06-01T00&end=2024-06-08T00`. */
export interface EiaQuery {
  respondent: string;
  /** D demand (default), DF forecast, NG net generation, TI interchange */
  type: string;
  /** inclusive, `YYYY-MM-DDTHH` UTC */
  start?: string;
  /** inclusive, `YYYY-MM-DDTHH` UTC */
  end?: string;
}

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;

/** Parses `eia://<respondent>?type=&start=&end=` into an EiaQuery; throws InputError. */
export function parseEiaInput(input: string): EiaQuery {
  const m = /^eia:\/\/([^?#/]+)\/?(?:\?([^#]*))?$/i.exec(input.trim());
  if (!m) {
    throw new InputError(
      `EIA input malformed: "${input}" (expected eia://<respondent>?start=YYYY-MM-DDTHH&end=YYYY-MM-DDTHH)`,
    );
  }
  const params = new URLSearchParams(m[2] ?? "");
  const query: EiaQuery = {
    respondent: decodeURIComponent(m[1]!).toUpperCase(),
    type: params.get("type") ?? "D",
  };
  for (const key of ["start", "end"] as const) {
    const value = params.get(key);
    if (value === null) continue;
    if (!HOUR.test(value)) {
      throw new InputError(`EIA ${key} malformed: "${value}" (expected YYYY-MM-DDTHH in UTC)`);
    }
    query[key] = value;
  }
  return query;
}

/** Returns the URL of one page (the key included: never log it unredacted). */
export function eiaPageUrl(
  query: EiaQuery,
  page: { offset: number; length: number; apiKey: string; baseUrl?: string; route?: string },
): string {
  const base = (page.baseUrl ?? "https://api.eia.gov/v2").replace(/\/+$/, "");
  const route = (page.route ?? "electricity/rto/region-data").replace(/^\/+|\/+$/g, "");
  const params: [string, string][] = [
    ["api_key", page.apiKey],
    ["frequency", "hourly"],
    ["data[0]", "value"],
    ["facets[respondent][]", query.respondent],
    ["facets[type][]", query.type],
  ];
  if (query.start !== undefined) params.push(["start", query.start]);
  if (query.end !== undefined) params.push(["end", query.end]);
  params.push(
    ["sort[0][column]", "period"],
    ["sort[0][direction]", "asc"],
    ["offset", String(page.offset)],
    ["length", String(page.length)],
  );
  return `${base}/${route}/data/?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
}

/** Returns every hourly record of `input` (an `eia://` string or an EiaQuery) as an ExtractResult. */
export async function extractEiaHourly(
  input: string | EiaQuery,
  options: ExtractEiaHourlyOptions,
  effects: Effects,
): Promise<ExtractResult> {
  const query = typeof input === "string" ? parseEiaInput(input) : input;
  const apiKey = options.apiKey ?? (options.env ?? process.env).EIA_API_KEY;
  if (!apiKey) {
    throw new InputError(
      `EIA API key missing: EIA_API_KEY (expected the environment variable set)`,
    );
  }
  const pageSize = options.pageSize ?? 5000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) {
    throw new InputError(`EIA page size out of range: ${pageSize} (expected 1 to 5000)`);
  }
  const expect = {
    respondent: query.respondent,
    type: query.type,
    allowNegative: options.allowNegative ?? false,
    hourEnding: options.hourEnding ?? false,
  };
  const rows = new GrowableRows();
  const quarantine: QuarantinedRow[] = [];
  const hash = createHash("sha256");
  let bytes = 0;
  let total: number | undefined;
  let offset = 0;
  let firstUrl = "";
  do {
    const url = eiaPageUrl(query, { ...options, offset, length: pageSize, apiKey });
    const page = await fetchPage(url, apiKey, options, effects);
    firstUrl ||= page.safeUrl;
    hash.update(page.body);
    bytes += page.body.length;
    if (total === undefined) total = page.total;
    else if (page.total !== total) {
      throw new SourceError(
        "eia",
        `EIA total changed while paging: ${page.total} (expected ${total}; set an end hour so the range is closed) at ${page.safeUrl}`,
        { location: page.safeUrl },
      );
    }
    if (page.data.length === 0 && offset < total) {
      throw new SourceError(
        "eia",
        `EIA page empty before the total was reached: offset ${offset} (expected ${total - offset} more records) at ${page.safeUrl}`,
        { location: page.safeUrl },
      );
    }
    for (const record of page.data) {
      const index = ++offset;
      const parsed = parseEiaRecord(record, expect);
      if ("reason" in parsed) {
        quarantine.push({
          source: page.safeUrl,
          line: index,
          raw: JSON.stringify(record),
          reason: parsed.reason,
        });
      } else rows.push(parsed.timeUtcMs, parsed.valueMw, index, 0);
    }
    effects.logger.debug(`eia ${query.respondent}: ${offset}/${total} records`);
  } while (offset < total);
  if (total === 0) {
    throw new SourceError(
      "eia",
      `EIA query matched no records: ${query.respondent} type ${query.type} ${query.start ?? "…"} to ${query.end ?? "…"} (expected at least one record; check the respondent code and the dates)`,
      { location: firstUrl },
    );
  }
  if (offset !== total) {
    throw new SourceError(
      "eia",
      `EIA record count mismatch: ${offset} (expected response.total ${total})`,
      {
        location: firstUrl,
      },
    );
  }
  return finishExtract(rows, quarantine, {
    kind: "eia",
    location: redactSecrets(
      firstUrl.replace(/([?&])offset=\d+&length=\d+$/, "$1length=" + pageSize),
      [apiKey],
    ),
    sha256: hash.digest("hex"),
    bytes,
  });
}

interface EiaPage {
  total: number;
  data: unknown[];
  body: Uint8Array;
  safeUrl: string;
}

async function fetchPage(
  url: string,
  apiKey: string,
  options: ExtractEiaHourlyOptions,
  effects: Effects,
): Promise<EiaPage> {
  const result = await httpGetBytes(url, effects, {
    ...options,
    source: "eia",
    secrets: [apiKey],
    headers: { accept: "application/json" },
    describeError: (_status, body) => eiaErrorText(body),
  });
  const fail = (problem: string, expected: string) =>
    new SourceError(
      "eia",
      redactSecrets(`EIA response ${problem} (expected ${expected}) at ${result.safeUrl}`, [
        apiKey,
      ]),
      {
        location: result.safeUrl,
        httpStatus: result.status,
      },
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(result.value));
  } catch (error) {
    throw Object.assign(fail("not JSON", "a JSON body"), { cause: error });
  }
  const apiError = eiaErrorText(json);
  if (apiError !== undefined) throw fail(`is an error: ${apiError}`, "response.data");
  const response = (json as { response?: { total?: unknown; data?: unknown } }).response;
  if (!response || !Array.isArray(response.data))
    throw fail("has no response.data array", "response.data");
  const total = Number(response.total);
  if (response.total === undefined || !Number.isInteger(total) || total < 0) {
    throw fail(
      `total unparsable: ${JSON.stringify(response.total)}`,
      "a non-negative integer string",
    );
  }
  for (const w of (json as { warnings?: unknown }).warnings instanceof Array
    ? (json as { warnings: unknown[] }).warnings
    : []) {
    effects.logger.warn(redactSecrets(`eia warning: ${JSON.stringify(w)}`, [apiKey]));
  }
  return { total, data: response.data, body: result.value, safeUrl: result.safeUrl };
}

/** The API's own error text from `{"error": "…"}` or `{"error": {"code", "message"}}`. */
function eiaErrorText(body: unknown): string | undefined {
  let json = body;
  if (typeof body === "string") {
    try {
      json = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const error = (json as { error?: unknown } | null)?.error;
  if (error === undefined || error === null) return undefined;
  if (typeof error === "string") return error;
  const e = error as { code?: unknown; message?: unknown };
  return (
    [e.code, e.message].filter((x) => typeof x === "string").join(": ") || JSON.stringify(error)
  );
}
