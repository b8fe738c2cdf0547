/** `powerflow generate`: writes the seeded default data set. */
import type { Command } from "commander";
import {
  DEFAULT_DATA_DIR,
  GENERATE_DEFAULTS as DEFAULTS,
  InputError,
  nodeEffects,
  writeGeneratedData,
} from "../../index.js";
import { parseIntegerOption } from "../parse-options.js";

/** Adds `generate` to the program. */
export function registerGenerateCommand(program: Command): void {
  program
    .command("generate")
    .description("write seeded, realistic electricity load (and temperature) as CSV")
    // generated.json records the options passed, so the flags carry the generator's defaults
    .option("--seed <n>", "PRNG seed", String(DEFAULTS.seed))
    .option("--out <dir>", "output folder", DEFAULT_DATA_DIR)
    .option(
      "--zones <list>",
      "zones as NAME:MW,NAME:MW",
      DEFAULTS.zones.map((z) => `${z.name}:${z.baseMw}`).join(","),
    )
    .option("--start <date>", "first local day (YYYY-MM-DD)", DEFAULTS.start)
    .option("--days <n>", "number of days", String(DEFAULTS.days))
    .option(
      "--interval <minutes>",
      "interval length: 15, 30 or 60",
      String(DEFAULTS.intervalMinutes),
    )
    .option("--tz <zone>", "IANA time zone of the local timestamps", DEFAULTS.timeZone)
    .option("--holidays <country>", "holiday calendar, e.g. US or DE", DEFAULTS.holidayCountry)
    .option("--gaps <n>", "inject N gaps (1-6 intervals each)", "0")
    .option("--duplicates <n>", "inject N duplicated rows", "0")
    .option("--outliers <n>", "inject N outliers", "0")
    .action(async (opts: Record<string, string>) => {
      const effects = nodeEffects();
      const result = await writeGeneratedData(
        opts.out!,
        {
          seed: parseIntegerOption("--seed", opts.seed!),
          zones: parseZones(opts.zones!),
          start: opts.start!,
          days: parseIntegerOption("--days", opts.days!),
          intervalMinutes: parseIntegerOption("--interval", opts.interval!),
          timeZone: opts.tz!,
          holidayCountry: opts.holidays!,
          faults: {
            gaps: parseIntegerOption("--gaps", opts.gaps!),
            duplicates: parseIntegerOption("--duplicates", opts.duplicates!),
            outliers: parseIntegerOption("--outliers", opts.outliers!),
          },
        },
        effects,
      );
      for (const file of result.files) effects.logger.info(`generate ok ${file}`);
    });
}

function parseZones(text: string): { name: string; baseMw: number }[] {
  return text.split(",").map((item) => {
    const match = /^([A-Za-z][A-Za-z0-9_]*):(\d+(?:\.\d+)?)$/.exec(item.trim());
    if (!match) {
      throw new InputError(`invalid --zones item: "${item}" (expected NAME:MW, e.g. ALPHA:12000)`);
    }
    return { name: match[1]!, baseMw: Number(match[2]) };
  });
}
