/** `powerflow generate`: writes the seeded default data set. */
import type { Command } from "commander";
import { DEFAULT_DATA_DIR, InputError, nodeEffects, writeGeneratedData } from "../../index.js";
import { parseIntegerOption } from "../parse-options.js";

/** Adds `generate` to the program. */
export function registerGenerateCommand(program: Command): void {
  program
    .command("generate")
    .description("write seeded, realistic electricity load (and temperature) as CSV")
    .option("--seed <n>", "PRNG seed", "42")
    .option("--out <dir>", "output folder", DEFAULT_DATA_DIR)
    .option("--zones <list>", "zones as NAME:MW,NAME:MW", "ALPHA:12000,BETA:4500")
    .option("--start <date>", "first local day (YYYY-MM-DD)", "2021-01-01")
    .option("--days <n>", "number of days", "1095")
    .option("--interval <minutes>", "interval length: 15, 30 or 60", "60")
    .option("--tz <zone>", "IANA time zone of the local timestamps", "America/New_York")
    .option("--holidays <country>", "holiday calendar, e.g. US or DE", "US")
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
