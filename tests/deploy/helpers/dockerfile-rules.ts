/**
 * Reads a Dockerfile into build stages (with dockerfile-ast, the parser of the Docker language
 * server) and checks the hadolint rules that can be checked without an engine. hadolint itself
 * is a Haskell binary that neither npm nor Debian ships; each rule below names its hadolint code.
 */
import { DockerfileParser, type Instruction } from "dockerfile-ast";

/** One build stage: its name, base image (ARGs resolved) and instructions. */
export interface DockerStage {
  name: string;
  /** The FROM image after resolving global ARG defaults, e.g. "node:24.22.3-bookworm-slim". */
  from: string;
  /** Name of the stage it builds on, when FROM names an earlier stage. */
  parent: string | undefined;
  instructions: Instruction[];
}

/** One rule violation. */
export interface DockerfileProblem {
  line: number;
  rule: string;
  message: string;
}

/** Splits a Dockerfile into its stages, resolving `${ARG}` in FROM from the global ARG defaults. */
export function parseDockerStages(content: string): DockerStage[] {
  const dockerfile = DockerfileParser.parse(content);
  const args = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property?.getName()) args.set(property.getName(), property.getValue() ?? "");
  }
  const stages: DockerStage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") {
      const words = (instruction.getArgumentsContent() ?? "")
        .split(/\s+/)
        .filter((w) => !w.startsWith("--"));
      const from = words[0]!.replace(/\$\{?(\w+)\}?/g, (_, name: string) => args.get(name) ?? "");
      const name = words[1]?.toUpperCase() === "AS" ? words[2]! : String(stages.length);
      const parent = stages.find((s) => s.name === from)?.name;
      stages.push({ name, from, parent, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage chain that `target` builds on, root first (e.g. base, app, runtime). */
export function stageChain(stages: DockerStage[], target: string): DockerStage[] {
  const chain: DockerStage[] = [];
  let stage = stages.find((s) => s.name === target);
  while (stage) {
    chain.unshift(stage);
    stage = stage.parent ? stages.find((s) => s.name === stage!.parent) : undefined;
  }
  return chain;
}

/** Parses the JSON (exec) form of CMD/ENTRYPOINT; undefined for the shell form. */
export function execForm(instruction: Instruction): string[] | undefined {
  try {
    const value = JSON.parse(instruction.getArgumentsContent() ?? "") as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
  } catch {
    return undefined;
  }
}

const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;

function runProblems(line: number, script: string): DockerfileProblem[] {
  const problems: DockerfileProblem[] = [];
  const add = (rule: string, message: string): void => void problems.push({ line, rule, message });
  if (/\bapt-get\s+(-\S+\s+)*install\b/.test(script)) {
    if (!/--no-install-recommends/.test(script))
      add("DL3015", "apt-get install without --no-install-recommends");
    if (!/\s-y\b|--yes|--assume-yes/.test(script)) add("DL3014", "apt-get install without -y");
    if (!/rm -rf \/var\/lib\/apt\/lists/.test(script))
      add("DL3009", "apt lists are not deleted in the same RUN");
  }
  if (/\bapt-get\s+(-\S+\s+)*(dist-)?upgrade\b/.test(script))
    add("DL3005", "apt-get upgrade in a Dockerfile");
  if (/\bpip3?\s+install\b/.test(script) && !/--no-cache-dir/.test(script))
    add("DL3042", "pip install without --no-cache-dir");
  if (/\bsudo\b/.test(script)) add("DL3004", "sudo in RUN");
  if (/(^|&&|;)\s*cd\s/.test(script)) add("DL3003", "cd in RUN (use WORKDIR)");
  if (/\bnpm\s+(install|i)\b(?!-)/.test(script))
    add("PF001", "npm install in RUN (use npm ci with the lockfile)");
  return problems;
}

/** Checks the hadolint-equivalent rules; returns the violations (empty when clean). */
export function checkDockerfileRules(content: string): DockerfileProblem[] {
  const stages = parseDockerStages(content);
  const names = new Set(stages.map((s) => s.name));
  const problems: DockerfileProblem[] = [];
  for (const stage of stages) {
    if (!names.has(stage.from) || stage.parent === undefined) {
      const tag = /:([^@/]+)$/.exec(stage.from)?.[1];
      if (!stage.from.includes("@") && (tag === undefined || tag === "latest")) {
        problems.push({
          line: 0,
          rule: tag ? "DL3007" : "DL3006",
          message: `stage ${stage.name}: base image ${stage.from} is not pinned to a version`,
        });
      }
    }
    for (const instruction of stage.instructions) {
      const line = instruction.getRange().start.line + 1;
      const keyword = instruction.getKeyword();
      const content = instruction.getArgumentsContent() ?? "";
      if (keyword === "ADD")
        problems.push({ line, rule: "DL3020", message: "ADD instead of COPY" });
      if ((keyword === "CMD" || keyword === "ENTRYPOINT") && !execForm(instruction)) {
        problems.push({ line, rule: "DL3025", message: `${keyword} is not in JSON (exec) form` });
      }
      if (
        (keyword === "ENV" || keyword === "ARG") &&
        SECRET_NAME.test(content.split(/[=\s]/)[0] ?? "")
      ) {
        problems.push({
          line,
          rule: "PF002",
          message: `${keyword} looks like a secret baked into the image: ${content.split(/[=\s]/)[0]}`,
        });
      }
      if (keyword === "RUN") problems.push(...runProblems(line, content));
    }
  }
  for (const stage of stages.filter((s) =>
    s.instructions.some((i) => ["CMD", "ENTRYPOINT"].includes(i.getKeyword())),
  )) {
    const users = stageChain(stages, stage.name).flatMap((s) =>
      s.instructions.filter((i) => i.getKeyword() === "USER"),
    );
    const user = users.at(-1)?.getArgumentsContent()?.split(":")[0];
    if (user === undefined || user === "root" || user === "0") {
      problems.push({
        line: 0,
        rule: "DL3002",
        message: `stage ${stage.name} runs as ${user ?? "root (no USER)"}`,
      });
    } else if (!/^\d+$/.test(user)) {
      problems.push({
        line: 0,
        rule: "PF003",
        message: `stage ${stage.name}: USER ${user} is not numeric (runAsNonRoot cannot verify a name)`,
      });
    }
  }
  return problems;
}
