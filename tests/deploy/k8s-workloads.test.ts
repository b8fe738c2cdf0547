/**
 * Every workload of every overlay meets the deployment policy (non-root, read-only root
 * filesystem with emptyDir scratch, no capabilities, seccomp RuntimeDefault, resources,
 * deadlines, retries, TTL, Workload Identity), and the overlays differ where they should.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDockerStages, stageChain } from "./helpers/dockerfile-rules.js";
import {
  describeWithKubectl,
  ROOT,
  renderKustomize,
  type K8sObject,
} from "./helpers/render-kustomize.js";
import { checkWorkloadPolicy, parseQuantity, workloadsOf } from "./helpers/workload-policy.js";

/** HOME and TMPDIR of the runtime image: the pods must make both writable. */
function imageWritablePaths(): string[] {
  const stages = parseDockerStages(readFileSync(resolve(ROOT, "Dockerfile"), "utf8"));
  const env = stageChain(stages, "runtime")
    .flatMap((s) => s.instructions.filter((i) => i.getKeyword() === "ENV"))
    .map((i) => i.getArgumentsContent() ?? "")
    .join(" ");
  return ["HOME", "TMPDIR"].map((name) => new RegExp(`${name}=(\\S+)`).exec(env)![1]!);
}

const find = (objects: K8sObject[], kind: string, name: string): K8sObject =>
  objects.find((o) => o.kind === kind && o.metadata.name.startsWith(name))!;

describeWithKubectl("k8s workloads", () => {
  const overlays = {
    dev: renderKustomize("k8s/overlays/dev"),
    prod: renderKustomize("k8s/overlays/prod"),
  };
  const writablePaths = imageWritablePaths();

  for (const [env, objects] of Object.entries(overlays)) {
    it(`${env}: every Job and CronJob meets the security, resource and lifecycle policy`, () => {
      expect(
        workloadsOf(objects)
          .map((w) => w.name)
          .sort(),
      ).toEqual([
        "CronJob/powerflow-report-nightly",
        "Job/powerflow-report",
        "Job/powerflow-report-zones",
      ]);
      expect(writablePaths).toEqual(["/scratch", "/tmp"]);
      expect(checkWorkloadPolicy(objects, { writablePaths })).toEqual([]);
    });

    it(`${env}: the Indexed Job has one completion per zone and picks its zone from JOB_COMPLETION_INDEX`, () => {
      const job = find(objects, "Job", "powerflow-report-zones").spec as Record<string, unknown>;
      const zones = (
        find(objects, "ConfigMap", "powerflow-run-env").data as Record<string, string>
      ).ZONES!.split(",");
      expect(job.completionMode).toBe("Indexed");
      expect(job.completions).toBe(zones.length);
      expect(job.parallelism).toBeLessThanOrEqual(zones.length);
      const args = workloadsOf(objects).find((w) => w.name === "Job/powerflow-report-zones")!.pod
        .containers[0]!.args!;
      expect(args.slice(args.indexOf("--shard"))).toEqual([
        "--shard",
        "zone=$(ZONES)",
        "--shard",
        "input=$(ZONE_INPUTS)",
        "--shard-index",
        "$(JOB_COMPLETION_INDEX)",
      ]);
    });

    it(`${env}: runs at most as many notebooks at once (--jobs) as the container has CPUs`, () => {
      for (const w of workloadsOf(objects)) {
        const c = w.pod.containers[0]!;
        const jobs = Number(c.args![c.args!.indexOf("--jobs") + 1]);
        expect(jobs).toBeGreaterThanOrEqual(1);
        expect(jobs).toBeLessThanOrEqual(parseQuantity(c.resources!.limits!.cpu!));
      }
    });

    it(`${env}: runs in a namespace that enforces the restricted Pod Security Standard`, () => {
      const namespace = objects.find((o) => o.kind === "Namespace")!;
      expect(namespace.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
      for (const o of objects.filter((x) => x.kind !== "Namespace")) {
        expect(o.metadata.namespace).toBe(namespace.metadata.name);
      }
    });
  }

  it("the overlays set their own image, bucket, identity, schedule and parallelism", () => {
    const facts = Object.fromEntries(
      Object.entries(overlays).map(([env, objects]) => {
        const ws = workloadsOf(objects);
        return [
          env,
          {
            images: [...new Set(ws.map((w) => w.pod.containers[0]!.image))],
            reportUri: (
              find(objects, "ConfigMap", "powerflow-run-env").data as Record<string, string>
            ).REPORT_URI,
            gsa: find(objects, "ServiceAccount", "powerflow-runner").metadata.annotations?.[
              "iam.gke.io/gcp-service-account"
            ],
            schedule: (
              find(objects, "CronJob", "powerflow-report-nightly").spec as { schedule: string }
            ).schedule,
            parallelism: (
              find(objects, "Job", "powerflow-report-zones").spec as { parallelism: number }
            ).parallelism,
          },
        ];
      }),
    );
    expect(facts).toEqual({
      dev: {
        images: ["europe-west1-docker.pkg.dev/powerflow-dev/powerflow/powerflow:main"],
        reportUri: "gs://powerflow-dev-reports/reports",
        gsa: "powerflow-runner@powerflow-dev.iam.gserviceaccount.com",
        schedule: "0 */6 * * *",
        parallelism: 1,
      },
      prod: {
        images: ["europe-west1-docker.pkg.dev/powerflow-prod/powerflow/powerflow:release"],
        reportUri: "gs://powerflow-prod-reports/reports",
        gsa: "powerflow-runner@powerflow-prod.iam.gserviceaccount.com",
        schedule: "0 3 * * *",
        parallelism: 2,
      },
    });
  });

  it("checkWorkloadPolicy names each rule a broken copy of a workload violates", () => {
    const broken = structuredClone(overlays.prod);
    const w = workloadsOf(broken).find((x) => x.name === "Job/powerflow-report")!;
    const c = w.pod.containers[0]!;
    delete c.securityContext!.readOnlyRootFilesystem;
    c.securityContext!.capabilities = { drop: ["NET_RAW"], add: ["SYS_ADMIN"] };
    w.pod.securityContext!.seccompProfile = { type: "Unconfined" };
    delete c.securityContext!.seccompProfile;
    w.pod.securityContext!.runAsUser = 0;
    delete c.resources!.limits!.memory;
    c.volumeMounts = c.volumeMounts!.filter((m) => m.mountPath !== "/tmp");
    c.args = [...c.args!, "$(UNDEFINED_VAR)"];
    delete w.job.ttlSecondsAfterFinished;
    w.pod.terminationGracePeriodSeconds = 5;
    w.pod.serviceAccountName = "default";
    expect(checkWorkloadPolicy(broken, { writablePaths })).toEqual([
      "Job/powerflow-report: ttlSecondsAfterFinished is not a positive number",
      "Job/powerflow-report: terminationGracePeriodSeconds 5 leaves no time to write partial reports (expected >= 30)",
      "Job/powerflow-report: serviceAccountName default is not in the render",
      "Job/powerflow-report container powerflow: runAsUser is not a non-zero UID",
      "Job/powerflow-report container powerflow: readOnlyRootFilesystem is not true",
      "Job/powerflow-report container powerflow: capabilities.drop does not contain ALL",
      "Job/powerflow-report container powerflow: capabilities.add is not empty",
      "Job/powerflow-report container powerflow: seccompProfile is Unconfined (expected RuntimeDefault)",
      "Job/powerflow-report container powerflow: resources.limits.memory is missing",
      "Job/powerflow-report container powerflow: /tmp is not on a writable emptyDir mount",
      "Job/powerflow-report container powerflow: argument $(UNDEFINED_VAR) refers to $(UNDEFINED_VAR), which is not defined",
    ]);
  });
});

describe("parseQuantity", () => {
  it("reads CPU and memory quantities", () => {
    expect([
      parseQuantity("500m"),
      parseQuantity("2"),
      parseQuantity("2Gi"),
      parseQuantity("1.5G"),
    ]).toEqual([0.5, 2, 2 * 2 ** 30, 1.5e9]);
    expect(parseQuantity("two")).toBeNaN();
  });
});
