/** `powerflow verify <reports>`: says, per report, whether everything it read is unchanged. */
import type { Command } from "commander";
import {
  CliError,
  InputError,
  nodeEffects,
  openWrittenReportStore,
  verifyReports,
  type ReportVerdict,
} from "../../index.js";

interface VerifyFlags {
  root?: string;
  ignoreEnv?: boolean;
  cacheHttp?: boolean;
}

/** Adds `verify` to the program. */
export function registerVerifyCommand(program: Command): void {
  program
    .command("verify")
    .description(
      "re-hash every input the reports recorded and say per report: fresh, or stale and what changed (exit 0: all fresh, 1: any stale)",
    )
    .argument("<reports>", "reports folder or gs://bucket/prefix (shard folders included)")
    .option(
      "--root <dir>",
      "project root the recorded paths are relative to (default: this checkout)",
    )
    .option("--ignore-env", "leave out the environment variables the notebooks read")
    .option("--cache-http", "fetch the recorded HTTP responses again and compare them")
    .action(async (reports: string, flags: VerifyFlags) => {
      const verdicts = await verifyReports(openWrittenReportStore(reports, nodeEffects()), {
        root: flags.root,
        env: flags.ignoreEnv ? false : process.env,
        fetch: flags.cacheHttp ?? false,
      });
      if (verdicts.length === 0)
        throw new InputError(
          `no reports found: ${reports} (expected a folder or gs://bucket/prefix written by powerflow run)`,
        );
      process.stdout.write(verdicts.map(describeVerdict).join(""));
      const stale = verdicts.filter((v) => !v.fresh).length;
      if (stale > 0) throw new CliError(`${stale} of ${verdicts.length} report(s) stale`, 1);
      process.stdout.write(`verify: all ${verdicts.length} report(s) fresh\n`);
    });
}

function describeVerdict(verdict: ReportVerdict): string {
  const head = `${verdict.manifest.replace(/\.manifest\.json$/, "")} (${verdict.notebook})`;
  if (verdict.fresh) return `fresh ${head}\n`;
  if (verdict.why !== undefined) return `stale ${head}: ${verdict.why}\n`;
  const lines = verdict.changes.map(
    (c) =>
      `  ${c.input} ${c.note ?? "changed"}\n    old ${c.old ?? "(absent)"}\n    new ${c.new ?? "(absent)"}\n`,
  );
  return `stale ${head}: ${verdict.changes.length} input(s) changed\n${lines.join("")}`;
}
