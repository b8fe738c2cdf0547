/** `powerflow etl`: runs the ETL pipeline from flags and/or an etl.yaml; `--json` prints the manifest. */
import type { Command } from "commander";
import {
  CliError,
  ETL_DEFAULTS as DEFAULTS,
  nodeEffects,
  normalizeEtlConfig,
  readEtlConfigFile,
  runEtl,
  type EtlSpec,
} from "../../index.js";
import { EXIT_FAILED } from "../exit-codes.js";
import { addWeatherOptions, weatherSpecFromFlags } from "../weather-options.js";

const FLAG_KEYS: Record<string, string> = {
  input: "input",
  out: "out",
  name: "name",
  tz: "tz",
  hourEnding: "hourEnding",
  interval: "intervalMinutes",
  timestampFormat: "timestampFormat",
  timeCol: "timeColumn",
  valueCol: "valueColumn",
  unit: "unit",
  allowNegative: "allowNegative",
  duplicates: "duplicates",
  onBadRow: "onBadRow",
  maxBadRows: "maxBadRows",
  outliers: "outliers",
  resample: "resample",
  formats: "formats",
};

/** Adds `etl` to the program. */
export function registerEtlCommand(program: Command): void {
  const command = program
    .command("etl")
    .description(
      "extract, validate, clean, enrich and load a load series (CSV in; CSV + Parquet + manifest out)",
    )
    .option("--input <path|url>", "CSV path, glob or .gz (or a registered source URL)")
    .option(
      "--query <sql>",
      "SQL to stream from a postgres:// or sqlite: input (instead of ?table=)",
    )
    .option("--out <dir|gs://…|git+…>", "output folder or registered sink target")
    .option("--config <etl.yaml>", "settings file (flags override it)")
    .option("--name <stem>", "output file stem (default: input file name)")
    .option("--tz <zone>", `IANA zone of local timestamps (default ${DEFAULTS.timeZone})`)
    .option("--hour-ending", "stamps mark the end of their interval")
    .option("--interval <minutes>", "interval length (default inferred; 60 for --hour-ending)")
    .option(
      "--timestamp-format <fmt>",
      `auto, iso, dmy, mdy, ymd, epoch-s, epoch-ms or e.g. DD-MM-YYYY HH:mm (default ${DEFAULTS.timestampFormat})`,
    )
    .option("--time-col <name>", "time column (default by name)")
    .option("--value-col <name>", "value column (default by name)")
    .option("--unit <unit>", `W, kW, MW, GW, Wh, kWh, MWh or GWh (default ${DEFAULTS.unit})`)
    .option("--allow-negative", "keep negative values (net load)")
    .option("--duplicates <policy>", `mean, first, last or fail (default ${DEFAULTS.duplicates})`)
    .option("--on-bad-row <policy>", `quarantine or fail (default ${DEFAULTS.onBadRow})`)
    .option(
      "--max-bad-rows <n>",
      `fail past this many quarantined rows (default ${DEFAULTS.maxBadRows})`,
    )
    .option("--fill <method>", `none, linear or seasonal (default ${DEFAULTS.fill.method})`)
    .option(
      "--fill-max <steps>",
      `longest gap filled, in intervals (default ${DEFAULTS.fill.maxSteps})`,
    )
    .option("--outliers <policy>", `flag, drop or none (default ${DEFAULTS.outliers})`)
    .option("--resample <freq>", "hourly, daily or weekly (default none)")
    .option("--calendar", "add calendar features")
    .option("--holidays <country>", "add public holidays, e.g. US, US-NY, DE")
    .option("--formats <list>", `csv,parquet (default ${DEFAULTS.formats.join(",")})`)
    .option("--json", "print the manifest as JSON on stdout")
    .option("--quiet", "no progress on stderr");
  addWeatherOptions(command).action(async (opts: Record<string, unknown>) => {
    const effects = nodeEffects({ debug: process.argv.includes("--debug") });
    const file =
      typeof opts.config === "string" ? await readEtlConfigFile(opts.config, effects) : undefined;
    const spec = mergeFlags(file?.spec ?? {}, opts);
    const config = normalizeEtlConfig(
      spec,
      typeof opts.config === "string" ? opts.config : "flags",
      file?.locate,
    );
    const progress = opts.quiet === true ? undefined : progressPrinter();
    let manifest;
    try {
      manifest = await runEtl(config, effects, progress ? { onProgress: progress.update } : {});
    } finally {
      progress?.done();
    }
    if (opts.json === true) process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    else {
      const c = manifest.counts;
      effects.logger.info(
        `etl ok ${manifest.parameters.input}: read ${c.rowsRead}, kept ${c.rowsKept}, quarantined ${c.rowsQuarantined}, merged ${c.duplicatesMerged}, written ${c.rowsWritten} → ${manifest.outputs.map((o) => o.location).join(", ")}`,
      );
      for (const f of manifest.quality.findings)
        effects.logger.info(`  ${f.code} (${f.count}): ${f.message}`);
    }
    if (!manifest.counts.reconciled) throw new CliError("etl rows unaccounted for", EXIT_FAILED);
  });
}

function mergeFlags(base: EtlSpec, opts: Record<string, unknown>): EtlSpec {
  const spec: EtlSpec = { ...base };
  for (const [flag, key] of Object.entries(FLAG_KEYS))
    if (opts[flag] !== undefined) spec[key] = opts[flag];
  if (opts.fill !== undefined || opts.fillMax !== undefined) {
    const fill = typeof base.fill === "object" && base.fill !== null ? { ...base.fill } : {};
    spec.fill = {
      ...fill,
      ...(opts.fill !== undefined ? { method: opts.fill } : {}),
      ...(opts.fillMax !== undefined ? { maxSteps: opts.fillMax } : {}),
    };
  }
  if (opts.query !== undefined) {
    const source =
      typeof base.source === "object" && base.source !== null
        ? { ...(base.source as Record<string, unknown>) }
        : {};
    spec.source = { ...source, query: opts.query };
  }
  const enrich =
    typeof base.enrich === "object" && base.enrich !== null
      ? { ...(base.enrich as Record<string, unknown>) }
      : {};
  const weather = weatherSpecFromFlags(opts, enrich.weather);
  if (opts.calendar !== undefined || opts.holidays !== undefined || weather !== enrich.weather) {
    if (opts.calendar !== undefined) enrich.calendar = opts.calendar;
    if (opts.holidays !== undefined) enrich.holidays = opts.holidays;
    if (weather !== undefined) enrich.weather = weather;
    spec.enrich = enrich;
  }
  return spec;
}

function progressPrinter(): { update: (rows: number, bytes: number) => void; done: () => void } {
  const start = Date.now();
  let shown = false;
  return {
    update: (rows, bytes) => {
      const seconds = Math.max(0.001, (Date.now() - start) / 1000);
      const mb = bytes / 1e6;
      process.stderr.write(
        `\retl: ${rows.toLocaleString("en-US")} rows, ${mb.toFixed(1)} MB, ${(mb / seconds).toFixed(1)} MB/s`,
      );
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write("\n");
    },
  };
}
