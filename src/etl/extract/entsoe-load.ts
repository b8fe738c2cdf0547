/**
 * ENTSO-E Transparency Platform actual total load (documentType A65, processType A16) for one
 * bidding zone: `entsoe://10YCZ-CEPS-----N?start=2024-01-01T00:00Z&end=2024-01-08T00:00Z`.
 * Ranges over one year are fetched in one-year windows (the API's limit). The token comes from
 * `ENTSOE_TOKEN` and is redacted from every message and from `source.location`.
 */
import { createHash } from "node:crypto";
import type { Effects } from "../../effects.js";
import { InputError, SourceError } from "../../errors.js";
import { GrowableRows } from "./csv-columns.js";
import { entsoeErrorText, parseEntsoeDocument } from "./entsoe-document.js";
import type { ExtractResult, QuarantinedRow } from "./extract-result.js";
import { finishExtract } from "./finish-extract.js";
import { httpGetBytes, type HttpRetryOptions } from "./http-request.js";
import { redactSecrets } from "../../util/redact-secrets.js";

/** Options of `extractEntsoeLoad`. */
export interface ExtractEntsoeLoadOptions extends HttpRetryOptions {
  /** security token; default env ENTSOE_TOKEN (required) */
  token?: string;
  /** API root; default "https://web-api.tp.entsoe.eu/api" */
  baseUrl?: string;
  /** keep negative values; default false (quarantined) */
  allowNegative?: boolean;
  /** environment to read ENTSOE_TOKEN from; default process.env */
  env?: Record<string, string | undefined>;
}

/** What to fetch: a bidding zone's EIC code and a UTC range [start, end). */
export interface EntsoeQuery {
  area: string;
  startUtcMs: number;
  endUtcMs: number;
}

/** The API serves at most one year per request. */
function plusOneYear(utcMs: number): number {
  const d = new Date(utcMs);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
}

/** Parses `entsoe://<EIC>?start=<ISO or yyyyMMddHHmm>&end=…` (UTC); throws InputError. */
export function parseEntsoeInput(input: string): EntsoeQuery {
  const m = /^entsoe:\/\/([^?#/]+)\/?\?([^#]*)$/i.exec(input.trim());
  const usage = "entsoe://<EIC area code>?start=2024-01-01T00:00Z&end=2024-01-08T00:00Z";
  if (!m) throw new InputError(`ENTSO-E input malformed: "${input}" (expected ${usage})`);
  const params = new URLSearchParams(m[2]);
  const stamp = (key: string): number => {
    const value = params.get(key) ?? "";
    const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
    const ms = compact
      ? Date.UTC(+compact[1]!, +compact[2]! - 1, +compact[3]!, +compact[4]!, +compact[5]!)
      : /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/.test(value)
        ? Date.parse(value)
        : NaN;
    if (Number.isNaN(ms)) {
      throw new InputError(
        `ENTSO-E ${key} malformed: "${value}" (expected UTC like 2024-01-01T00:00Z or 202401010000)`,
      );
    }
    return ms;
  };
  const query = {
    area: decodeURIComponent(m[1]!),
    startUtcMs: stamp("start"),
    endUtcMs: stamp("end"),
  };
  if (query.endUtcMs <= query.startUtcMs) {
    throw new InputError(
      `ENTSO-E range empty: ${params.get("start")} to ${params.get("end")} (expected start before end)`,
    );
  }
  return query;
}

/** Returns the request URL for one window (the token included: never log it unredacted). */
export function entsoeUrl(
  area: string,
  startUtcMs: number,
  endUtcMs: number,
  token: string,
  baseUrl?: string,
): string {
  const compact = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, "");
  const params = new URLSearchParams({
    securityToken: token,
    documentType: "A65",
    processType: "A16",
    outBiddingZone_Domain: area,
    periodStart: compact(startUtcMs),
    periodEnd: compact(endUtcMs),
  });
  return `${baseUrl ?? "https://web-api.tp.entsoe.eu/api"}?${params.toString()}`;
}

/** Returns the actual total load of `input` in MW as an ExtractResult (points in document order). */
export async function extractEntsoeLoad(
  input: string | EntsoeQuery,
  options: ExtractEntsoeLoadOptions,
  effects: Effects,
): Promise<ExtractResult> {
  const query = typeof input === "string" ? parseEntsoeInput(input) : input;
  const token = options.token ?? (options.env ?? process.env).ENTSOE_TOKEN;
  if (!token)
    throw new InputError(
      `ENTSO-E token missing: ENTSOE_TOKEN (expected the environment variable set)`,
    );
  const rows = new GrowableRows();
  const quarantine: QuarantinedRow[] = [];
  const hash = createHash("sha256");
  let bytes = 0;
  let index = 0;
  let firstUrl = "";
  for (let from = query.startUtcMs; from < query.endUtcMs;) {
    const to = Math.min(query.endUtcMs, plusOneYear(from));
    const url = entsoeUrl(query.area, from, to, token, options.baseUrl);
    const result = await httpGetBytes(url, effects, {
      ...options,
      source: "entsoe",
      secrets: [token],
      describeError: (_status, body) => entsoeErrorText(body),
    });
    firstUrl ||= result.safeUrl;
    hash.update(result.value);
    bytes += result.value.length;
    const doc = parseBody(new TextDecoder().decode(result.value), result.safeUrl, token);
    if (doc.kind === "acknowledgement") {
      // Code 999 is "no matching data": a quiet window inside a longer range is not an error.
      if (doc.code === "999" && query.endUtcMs > plusOneYear(query.startUtcMs)) {
        from = to;
        continue;
      }
      throw new SourceError(
        "entsoe",
        redactSecrets(
          `ENTSO-E request answered with an acknowledgement: ${doc.code} ${doc.text} (expected a GL_MarketDocument) at ${result.safeUrl}`,
          [token],
        ),
        { location: result.safeUrl, httpStatus: result.status },
      );
    }
    for (const point of doc.points) {
      index++;
      if ("reason" in point) {
        quarantine.push({
          source: result.safeUrl,
          line: index,
          raw: point.raw,
          reason: point.reason,
        });
      } else if (point.valueMw < 0 && !(options.allowNegative ?? false)) {
        quarantine.push({
          source: result.safeUrl,
          line: index,
          raw: point.raw,
          reason: `ENTSO-E quantity negative: ${point.valueMw} (expected load >= 0 MW)`,
        });
      } else rows.push(point.timeUtcMs, point.valueMw, index, 0);
    }
    from = to;
  }
  if (rows.length + quarantine.length === 0) {
    throw new SourceError(
      "entsoe",
      `ENTSO-E returned no points: ${query.area} (expected at least one Point)`,
      { location: firstUrl },
    );
  }
  return finishExtract(rows, quarantine, {
    kind: "entsoe",
    location: firstUrl,
    sha256: hash.digest("hex"),
    bytes,
  });
}

function parseBody(
  xml: string,
  safeUrl: string,
  token: string,
): ReturnType<typeof parseEntsoeDocument> {
  try {
    return parseEntsoeDocument(xml);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SourceError(
      "entsoe",
      redactSecrets(
        `ENTSO-E response unreadable: ${message} (expected GL_MarketDocument XML) at ${safeUrl}`,
        [token],
      ),
      {
        location: safeUrl,
        cause: error,
      },
    );
  }
}
