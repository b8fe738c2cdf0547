/**
 * The Dockerfile without a Docker engine: it parses and validates (dockerfile-utils, the Docker
 * language server's validator), meets the hadolint rules checkable here, and has the shape the
 * deployment relies on (targets, non-root numeric user, Node-only runtime, default command).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/render-kustomize.js";
import {
  checkDockerfileRules,
  execForm,
  parseDockerStages,
  stageChain,
} from "./helpers/dockerfile-rules.js";

const dockerfile = readFileSync(resolve(ROOT, "Dockerfile"), "utf8");
const stages = parseDockerStages(dockerfile);
const stage = (name: string) => stages.find((s) => s.name === name)!;
const keywordArgs = (name: string, keyword: string): string[] =>
  stageChain(stages, name).flatMap((s) =>
    s.instructions
      .filter((i) => i.getKeyword() === keyword)
      .map((i) => i.getArgumentsContent() ?? ""),
  );

describe("Dockerfile", () => {
  it("validates with dockerfile-utils without errors or warnings", () => {
    expect(
      validate(dockerfile).map(
        (d) =>
          `${d.range.start.line + 1}: ${String(d.code)} ${typeof d.message === "string" ? d.message : d.message.value}`,
      ),
    ).toEqual([]);
  });

  it("meets the hadolint rules that can be checked without an engine", () => {
    expect(checkDockerfileRules(dockerfile)).toEqual([]);
  });

  it("has the build, deps, app, lab and runtime stages, with runtime last (the default target)", () => {
    expect(stages.map((s) => s.name)).toEqual(["base", "build", "deps", "app", "lab", "runtime"]);
    expect(stageChain(stages, "runtime").map((s) => s.name)).toEqual(["base", "app", "runtime"]);
    expect(stageChain(stages, "lab").map((s) => s.name)).toEqual(["base", "app", "lab"]);
  });

  it("starts from the official Node 24 bookworm-slim image, pinned to a release that satisfies engines.node", () => {
    const match = /^node:(\d+)\.(\d+)\.(\d+)-bookworm-slim$/.exec(stage("base").from);
    expect(match).not.toBeNull();
    const [major, minor] = [Number(match![1]), Number(match![2])];
    expect(major).toBe(24);
    const engines = (
      JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as {
        engines: { node: string };
      }
    ).engines.node;
    const [, eMajor, eMinor] = /^>=(\d+)\.(\d+)$/.exec(engines)!.map(Number);
    expect(major > eMajor! || (major === eMajor && minor >= eMinor!)).toBe(true);
  });

  it("compiles in the build stage and installs production dependencies cleanly in the deps stage", () => {
    expect(keywordArgs("build", "RUN").join("\n")).toMatch(
      /npm ci --ignore-scripts[\s\S]*npm run build/,
    );
    const deps = keywordArgs("deps", "RUN").join("\n");
    expect(deps).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(deps).toMatch(
      /allowScripts\.@tensorflow\/tfjs-node=true[\s\S]*npm rebuild @tensorflow\/tfjs-node/,
    );
    const copies = stageChain(stages, "runtime").flatMap((s) =>
      s.instructions.filter((i) => i.getKeyword() === "COPY").map((i) => i.toString()),
    );
    expect(copies).toContain("COPY --from=deps /app/node_modules ./node_modules");
    expect(copies).toContain("COPY --from=build /app/dist ./dist");
  });

  it("keeps the runtime image Node-only: no Python, Jupyter or compiler in its stage chain", () => {
    const runs = keywordArgs("runtime", "RUN").join("\n");
    expect(runs).not.toMatch(/python|jupyter|pip|g\+\+|apt-get/);
    expect(keywordArgs("lab", "RUN").join("\n")).toMatch(/jupyterlab==\$\{JUPYTERLAB_VERSION\}/);
  });

  it("runs the batch report as UID 10001 through the powerflow CLI by default", () => {
    const runtime = stage("runtime").instructions;
    const last = (keyword: string) => runtime.filter((i) => i.getKeyword() === keyword).at(-1)!;
    expect(last("USER").getArgumentsContent()).toBe("10001:10001");
    expect(execForm(last("ENTRYPOINT"))).toEqual(["node", "/app/bin/powerflow.js"]);
    const cmd = execForm(last("CMD"))!;
    expect(cmd[0]).toBe("run");
    expect(cmd.slice(cmd.indexOf("--out"))).toEqual(["--out", "/scratch/reports"]);
    // The build-equivalent script reads this same CMD: it must be the file's last instruction.
    expect(dockerfile.trimEnd().split("\n").at(-1)).toBe(
      `CMD ${JSON.stringify(cmd).replace(/","/g, '", "')}`,
    );
  });

  it("serves JupyterLab on port 8888 in the lab target, as the unprivileged user", () => {
    expect(keywordArgs("lab", "EXPOSE")).toEqual(["8888"]);
    expect(keywordArgs("lab", "USER").at(-1)).toBe("10001:10001");
    expect(keywordArgs("lab", "RUN").join("\n")).toMatch(/powerflow\.js kernel install/);
  });

  it("keeps HOME and TMPDIR on paths the Kubernetes pods mount as emptyDir", () => {
    const env = keywordArgs("runtime", "ENV").join(" ");
    expect(env).toMatch(/HOME=\/scratch(\s|$)/);
    expect(env).toMatch(/TMPDIR=\/tmp/);
  });

  it("keeps data, reports, tests, installs, builds and VCS metadata out of the build context", () => {
    const ignored = readFileSync(resolve(ROOT, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    for (const path of [
      "data",
      "reports",
      "tests",
      "node_modules",
      "dist",
      ".git",
      ".tools",
      ".env",
    ]) {
      expect(ignored).toContain(path);
    }
  });
});

describe("checkDockerfileRules", () => {
  it("names each violated rule in a bad Dockerfile", () => {
    const bad = [
      "FROM node AS one",
      "ENV API_TOKEN=abc",
      "RUN apt-get update && apt-get install curl",
      "RUN pip install requests && sudo ls && cd /x && npm install",
      "ADD . /app",
      "FROM node:latest AS two",
      "USER node",
      "CMD node server.js",
    ].join("\n");
    expect(checkDockerfileRules(bad).map((p) => p.rule)).toEqual([
      "DL3006",
      "PF002",
      "DL3015",
      "DL3014",
      "DL3009",
      "DL3042",
      "DL3004",
      "DL3003",
      "PF001",
      "DL3020",
      "DL3007",
      "DL3025",
      "PF003",
    ]);
    expect(checkDockerfileRules('FROM debian:12\nCMD ["ls"]\n')).toEqual([
      { line: 0, rule: "DL3002", message: "stage 0 runs as root (no USER)" },
    ]);
  });
});
