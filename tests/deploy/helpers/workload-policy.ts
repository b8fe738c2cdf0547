/**
 * The deployment policy every PowerFlow workload (Job, CronJob) must meet, as a function that
 * lists violations, so tests can both assert "none" on the rendered overlays and prove that
 * each rule fires on a broken copy.
 */
import type { K8sObject } from "./render-kustomize.js";

/** Paths of the image that must be writable (from the Dockerfile's ENV HOME / TMPDIR). */
export interface WorkloadPolicyOptions {
  writablePaths?: string[];
}

interface Container {
  name: string;
  image?: string;
  args?: string[];
  env?: { name: string }[];
  envFrom?: { configMapRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & {
    capabilities?: { drop?: string[]; add?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown; configMap?: { name: string } }[];
}

/** A workload's job spec (for a CronJob: its jobTemplate's) and pod spec. */
export interface Workload {
  name: string;
  job: Record<string, unknown>;
  pod: PodSpec;
}

/** Returns every Job and CronJob of a render with its job spec and pod spec. */
export function workloadsOf(objects: K8sObject[]): Workload[] {
  const out: Workload[] = [];
  for (const o of objects) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (!spec) continue;
    let job: Record<string, unknown> | undefined;
    if (o.kind === "Job") job = spec;
    if (o.kind === "CronJob") job = (spec.jobTemplate as { spec: Record<string, unknown> }).spec;
    if (!job) continue;
    const pod = (job.template as { spec: PodSpec }).spec;
    out.push({ name: `${o.kind}/${o.metadata.name}`, job, pod });
  }
  return out;
}

const QUANTITY = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const FACTORS: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Parses a Kubernetes quantity ("500m", "2Gi"); NaN when it is not one. */
export function parseQuantity(text: string): number {
  const match = QUANTITY.exec(String(text));
  return match ? Number(match[1]) * FACTORS[match[2] ?? ""]! : NaN;
}

function securityProblems(pod: PodSpec, c: Container): string[] {
  const pss = pod.securityContext ?? {};
  const css = c.securityContext ?? {};
  const problems: string[] = [];
  const effective = (key: string): unknown => css[key] ?? pss[key];
  if (effective("runAsNonRoot") !== true) problems.push("runAsNonRoot is not true");
  const user = effective("runAsUser");
  if (typeof user !== "number" || user === 0) problems.push("runAsUser is not a non-zero UID");
  if (css.readOnlyRootFilesystem !== true) problems.push("readOnlyRootFilesystem is not true");
  if (css.allowPrivilegeEscalation !== false)
    problems.push("allowPrivilegeEscalation is not false");
  if (css.privileged === true) problems.push("privileged is true");
  if (!css.capabilities?.drop?.includes("ALL"))
    problems.push("capabilities.drop does not contain ALL");
  if ((css.capabilities?.add ?? []).length > 0) problems.push("capabilities.add is not empty");
  const seccomp = (effective("seccompProfile") as { type?: string } | undefined)?.type;
  if (seccomp !== "RuntimeDefault")
    problems.push(`seccompProfile is ${seccomp ?? "unset"} (expected RuntimeDefault)`);
  return problems;
}

function resourceProblems(c: Container): string[] {
  const problems: string[] = [];
  for (const kind of ["requests", "limits"] as const) {
    for (const resource of ["cpu", "memory"]) {
      const value = c.resources?.[kind]?.[resource];
      if (value === undefined) problems.push(`resources.${kind}.${resource} is missing`);
      else if (Number.isNaN(parseQuantity(value)))
        problems.push(`resources.${kind}.${resource} is not a quantity: ${value}`);
    }
  }
  for (const [resource, request] of Object.entries(c.resources?.requests ?? {})) {
    const limit = c.resources?.limits?.[resource];
    if (limit !== undefined && parseQuantity(limit) < parseQuantity(request)) {
      problems.push(`resources.limits.${resource} ${limit} is below the request ${request}`);
    }
  }
  return problems;
}

function scratchProblems(pod: PodSpec, c: Container, writablePaths: string[]): string[] {
  const emptyDirs = new Set(
    (pod.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name),
  );
  const scratch = (c.volumeMounts ?? []).filter(
    (m) => emptyDirs.has(m.name) && m.readOnly !== true,
  );
  const problems: string[] = [];
  if (scratch.length === 0) problems.push("no writable emptyDir volume is mounted");
  for (const path of writablePaths) {
    const covered = scratch.some(
      (m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, "")}/`),
    );
    if (!covered) problems.push(`${path} is not on a writable emptyDir mount`);
  }
  return problems;
}

function jobProblems(job: Record<string, unknown>, pod: PodSpec): string[] {
  const problems: string[] = [];
  const positive = (key: string): void => {
    const value = job[key];
    if (typeof value !== "number" || value <= 0) problems.push(`${key} is not a positive number`);
  };
  positive("activeDeadlineSeconds");
  positive("ttlSecondsAfterFinished");
  if (typeof job.backoffLimit !== "number" || job.backoffLimit < 0)
    problems.push("backoffLimit is not set");
  if (pod.restartPolicy !== "Never")
    problems.push(`restartPolicy is ${pod.restartPolicy ?? "unset"} (expected Never)`);
  if (pod.automountServiceAccountToken !== false)
    problems.push("automountServiceAccountToken is not false");
  // `powerflow run` answers SIGTERM by interrupting cells and uploading partial reports.
  if ((pod.terminationGracePeriodSeconds ?? 30) < 30)
    problems.push(
      `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} leaves no time to write partial reports (expected >= 30)`,
    );
  return problems;
}

function identityProblems(pod: PodSpec, objects: K8sObject[]): string[] {
  const account = objects.find(
    (o) => o.kind === "ServiceAccount" && o.metadata.name === pod.serviceAccountName,
  );
  if (!account)
    return [`serviceAccountName ${pod.serviceAccountName ?? "(unset)"} is not in the render`];
  const gsa = account.metadata.annotations?.["iam.gke.io/gcp-service-account"] ?? "";
  return /^[a-z][a-z0-9-]+@[a-z][a-z0-9-]+\.iam\.gserviceaccount\.com$/.test(gsa)
    ? []
    : [
        `ServiceAccount ${account.metadata.name} has no GKE Workload Identity annotation (iam.gke.io/gcp-service-account)`,
      ];
}

function referenceProblems(w: Workload, c: Container, objects: K8sObject[]): string[] {
  const configMaps = new Map(
    objects.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o]),
  );
  const problems: string[] = [];
  const names = new Set((c.env ?? []).map((e) => e.name));
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef?.name ?? "";
    const cm = configMaps.get(ref);
    if (!cm) problems.push(`envFrom ConfigMap ${ref} is not in the render`);
    for (const key of Object.keys((cm?.data as Record<string, string> | undefined) ?? {}))
      names.add(key);
  }
  if (w.job.completionMode === "Indexed") names.add("JOB_COMPLETION_INDEX");
  for (const v of w.pod.volumes ?? []) {
    if (v.configMap && !configMaps.has(v.configMap.name))
      problems.push(`volume ConfigMap ${v.configMap.name} is not in the render`);
  }
  for (const arg of c.args ?? []) {
    for (const [, name] of arg.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
      if (!names.has(name!))
        problems.push(`argument ${arg} refers to $(${name}), which is not defined`);
    }
  }
  return problems;
}

/** Lists every violation of the workload policy in a render ("Kind/name container: problem"). */
export function checkWorkloadPolicy(
  objects: K8sObject[],
  options: WorkloadPolicyOptions = {},
): string[] {
  const writablePaths = options.writablePaths ?? [];
  const out: string[] = [];
  for (const w of workloadsOf(objects)) {
    const add = (subject: string, problems: string[]): void => {
      for (const p of problems) out.push(`${subject}: ${p}`);
    };
    add(w.name, jobProblems(w.job, w.pod));
    add(w.name, identityProblems(w.pod, objects));
    for (const c of w.pod.containers) {
      const subject = `${w.name} container ${c.name}`;
      add(subject, securityProblems(w.pod, c));
      add(subject, resourceProblems(c));
      add(subject, scratchProblems(w.pod, c, writablePaths));
      add(subject, referenceProblems(w, c, objects));
    }
  }
  return out;
}
