// Property-based tests of the timestamp parser and the local clock → UTC conversion of CSV time
// columns, around the DST transitions of New York, Berlin, Sydney and Sao Paulo (whose clocks
// skipped midnight): instants written as local wall time (interval start or hour-ending, in
// several layouts, with rows missing) come back as the same instants; wall times the clock
// skipped are quarantined with a reason; explicit offsets and epochs round-trip; the tokenizer
// never throws. The oracle is Intl, independent of the code under test.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractCsv, type ExtractCsvOptions } from "../../../src/etl/extract/csv-extract.js";
import { newStampParts, parseStamp } from "../../../src/etl/extract/csv-timestamp.js";
import { expectTypedError, propertyRuns, settle } from "../../helpers/property.js";

let dir: string;
let path: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-ts-prop-"));
  path = join(dir, "stamps.csv");
  await writeFile(path, "");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const ZONES = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Sao_Paulo"];

// ---- the oracle: Intl ---------------------------------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall time of `utcMs` in `zone`, written as if it were UTC (ms). */
function wallOf(utcMs: number, zone: string): number {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(utcMs).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) + (utcMs % 1000);
}

const offsetAt = (utcMs: number, zone: string) => wallOf(utcMs, zone) - utcMs;

/** Every offset change of `zone` between `fromYear` and `toYear`, to the minute. */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  for (let t = Date.UTC(fromYear, 0, 1); t < end; t += 7 * DAY) {
    if (offsetAt(t, zone) === offsetAt(t + 7 * DAY, zone)) continue;
    let lo = t;
    let hi = t + 7 * DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid, zone) === offsetAt(t, zone)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

const TRANSITIONS = new Map(
  ZONES.map((zone) => [
    zone,
    zone === "America/Sao_Paulo" ? transitions(zone, 2008, 2018) : transitions(zone, 2005, 2030),
  ]),
);

// ---- writing stamps -----------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Layouts of a local wall time, with the --timestamp-format that reads them. */
const LAYOUTS = {
  "YYYY-MM-DD HH:mm": (d: Date) =>
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  "YYYY-MM-DDTHH:mm:ss": (d: Date) => d.toISOString().slice(0, 19),
  "DD.MM.YYYY HH:mm": (d: Date) =>
    `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  "M/D/YYYY H:mm": (d: Date) =>
    `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`,
  "DD/MM/YY HH:mm": (d: Date) =>
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
} as const;
type Layout = keyof typeof LAYOUTS;
const layout = fc.constantFrom(...(Object.keys(LAYOUTS) as Layout[]));

async function extract(stamps: string[], options: ExtractCsvOptions) {
  const text = `time,load\n${stamps.map((s, i) => `${s},${i}`).join("\n")}\n`;
  const bytes = new TextEncoder().encode(text);
  return extractCsv(path, {
    ...options,
    open: async function* () {
      yield await Promise.resolve(bytes);
    },
  });
}

const times = (r: Awaited<ReturnType<typeof extractCsv>>) =>
  Array.from(r.frame.columns.timeUtcMs as Float64Array);

// A series of interval starts near a transition of a zone, some rows left out.
const series = fc.record({
  zone: fc.constantFrom(...ZONES),
  transition: fc.nat(),
  startMinutes: fc.integer({ min: -36 * 60, max: 12 * 60 }),
  stepMinutes: fc.constantFrom(15, 30, 60),
  keep: fc.array(fc.boolean(), { minLength: 1, maxLength: 100 }),
  layout,
  hourEnding: fc.boolean(),
});

describe("local wall time → UTC around DST transitions", () => {
  it("instants written in local time (interval start or hour-ending) come back, or flagged when a repeated wall time has no pair", async () => {
    await fc.assert(
      fc.asyncProperty(series, async (s) => {
        const list = TRANSITIONS.get(s.zone)!;
        const step = s.stepMinutes * MINUTE;
        const first =
          Math.floor((list[s.transition % list.length]! + s.startMinutes * MINUTE) / step) * step;
        const starts = s.keep.flatMap((keep, i) => (keep ? [first + i * step] : []));
        if (starts.length === 0) return;
        // hour-ending stamps name the interval's end as its start's wall time plus the interval
        // (PJM's "HE" hours: the repeated fall-back hour is written twice, the skipped one never)
        const shift = s.hourEnding ? step : 0;
        const stamps = starts.map((t) => LAYOUTS[s.layout](new Date(wallOf(t, s.zone) + shift)));
        const r = await extract(stamps, {
          timeZone: s.zone,
          hourEnding: s.hourEnding,
          intervalMinutes: s.stepMinutes,
          timestampFormat: s.layout,
        });
        expect(r.quarantine).toEqual([]);
        const got = times(r);
        const flags = Array.from(r.frame.columns.dstAmbiguous as Uint8Array);
        starts.forEach((expected, i) => {
          if (flags[i] === 0) expect(got[i]).toBe(expected);
          else {
            // a repeated wall time seen once is read as its first (daylight) instant
            expect(wallOf(got[i]!, s.zone)).toBe(wallOf(expected, s.zone));
            expect(got[i]).toBeLessThanOrEqual(expected);
          }
        });
      }),
      propertyRuns(250),
    );
  }, 60_000);

  it("any wall time near a DST change is read back to itself, or quarantined as skipped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.nat(),
        fc.array(fc.integer({ min: -180, max: 180 }), { minLength: 1, maxLength: 30 }),
        layout,
        async (zone, index, minutes, how) => {
          const list = TRANSITIONS.get(zone)!;
          const at = list[index % list.length]!;
          const before = offsetAt(at - 1, zone);
          const walls = minutes.map((m) => at + before + m * MINUTE);
          const after = offsetAt(at, zone);
          const exists = (w: number) => [w - before, w - after].some((t) => wallOf(t, zone) === w);
          const skipped = walls.flatMap((w, i) => (exists(w) ? [] : [i + 2]));
          const outcome = await settle(
            extract(
              walls.map((w) => LAYOUTS[how](new Date(w))),
              { timeZone: zone, timestampFormat: how },
            ),
          );
          if (skipped.length === walls.length) {
            if (!("error" in outcome)) throw new Error("expected every row skipped");
            expect(expectTypedError(outcome.error).message).toMatch(/^CSV has no parsable rows: /);
            return;
          }
          if ("error" in outcome) throw outcome.error;
          const r = outcome.value;
          expect(r.quarantine.map((q) => q.line)).toEqual(skipped);
          for (const q of r.quarantine)
            expect(q.reason).toMatch(
              new RegExp(
                `^local time does not exist: ".+" \\(skipped by the spring-forward change in ${zone}\\)$`,
              ),
            );
          const kept = walls.filter(exists);
          times(r).forEach((t, i) => expect(wallOf(t, zone)).toBe(kept[i]));
        },
      ),
      propertyRuns(250),
    );
  }, 60_000);

  it("a date stands for the first instant of its local day, also when the clock skipped midnight", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.nat(),
        fc.integer({ min: -3, max: 3 }),
        async (zone, index, days) => {
          const list = TRANSITIONS.get(zone)!;
          const at = list[index % list.length]!;
          const day = Math.floor(wallOf(at, zone) / DAY) + days;
          const r = await extract([new Date(day * DAY).toISOString().slice(0, 10)], {
            timeZone: zone,
          });
          // the first instant whose local date is `day`
          let lo = day * DAY - 15 * HOUR;
          let hi = day * DAY + 15 * HOUR;
          while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (wallOf(mid, zone) >= day * DAY) hi = mid;
            else lo = mid;
          }
          expect(times(r)).toEqual([hi]);
        },
      ),
      propertyRuns(200),
    );
  }, 60_000);
});

describe("stamps with a UTC offset, and epochs", () => {
  const instant = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2100, 0, 1) });

  it("come back as the instants they name", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(instant, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: -56, max: 56 }),
        fc.constantFrom("Z", "+HH:MM", "+HHMM", "epoch-s", "epoch-ms"),
        fc.constantFrom("UTC", ...ZONES),
        async (instants, quarters, how, zone) => {
          const offset = quarters * 15;
          const sign = offset < 0 ? "-" : "+";
          const hhmm = `${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
          const expected =
            how === "epoch-s" ? instants.map((t) => Math.floor(t / 1000) * 1000) : instants;
          const stamps = expected.map((t) => {
            if (how === "epoch-s") return String(t / 1000);
            if (how === "epoch-ms") return String(t);
            const local = new Date(t + (how === "Z" ? 0 : offset * MINUTE))
              .toISOString()
              .slice(0, 23);
            if (how === "Z") return `${local}Z`;
            return `${local}${sign}${how === "+HH:MM" ? `${hhmm.slice(0, 2)}:${hhmm.slice(2)}` : hhmm}`;
          });
          // the zone applies only to stamps without an offset: it must change nothing here
          const r = await extract(stamps, { timeZone: zone });
          expect(r.quarantine).toEqual([]);
          expect(times(r)).toEqual(expected);
        },
      ),
      propertyRuns(200),
    );
  }, 60_000);
});

describe("the stamp tokenizer", () => {
  const piece = fc.constantFrom(
    ..."0123456789".split(""),
    "2024",
    "12",
    "-",
    "/",
    ".",
    ":",
    "T",
    " ",
    "Z",
    "UTC",
    "+",
    "+05:45",
    "-14",
    "24:00",
    "99",
    "é",
    "\u0000",
  );
  const text = fc.oneof(
    fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
    fc.string({ maxLength: 300 }),
  );

  it("parseStamp never throws, and what it accepts is in range", () => {
    const parts = newStampParts();
    fc.assert(
      fc.property(text, (t) => {
        const started = performance.now();
        const ok = parseStamp(t, parts);
        expect(performance.now() - started).toBeLessThan(1000); // a hang bound, not a speed test
        if (!ok) return;
        if (parts.layout === "epoch") {
          expect(Number.isFinite(parts.epoch)).toBe(true);
          return;
        }
        expect(Number.isInteger(parts.year) && parts.year >= 0 && parts.year <= 9999).toBe(true);
        expect(parts.a >= 0 && parts.a <= 99 && parts.b >= 0 && parts.b <= 99).toBe(true);
        expect(parts.msOfDay >= 0 && parts.msOfDay <= DAY + 1000).toBe(true);
        if (!Number.isNaN(parts.offsetMinutes))
          expect(Math.abs(parts.offsetMinutes)).toBeLessThanOrEqual(14 * 60);
      }),
      propertyRuns(2000),
    );
  });
});
