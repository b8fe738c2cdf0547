/**
 * `kubectl kustomize` renders every overlay, and every rendered object validates against the
 * Kubernetes OpenAPI schemas (types, enums, required fields and, like kubeconform -strict,
 * no unknown fields).
 */
import { describe, expect, it } from "vitest";
import {
  describeWithKubectl,
  parseYamlDocuments,
  renderKustomize,
} from "./helpers/render-kustomize.js";
import {
  findUnknownFields,
  validateK8sObjects,
  validateSchema,
} from "./helpers/validate-k8s-object.js";

const TARGETS = ["k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"];

describeWithKubectl("kubectl kustomize", () => {
  for (const dir of TARGETS) {
    it(`renders ${dir} into objects that validate against the Kubernetes schemas`, async () => {
      const objects = renderKustomize(dir);
      expect(objects.map((o) => o.kind).sort()).toEqual(
        dir === "k8s/base"
          ? ["ConfigMap", "ConfigMap", "CronJob", "Job", "Job", "ServiceAccount"]
          : ["ConfigMap", "ConfigMap", "CronJob", "Job", "Job", "Namespace", "ServiceAccount"],
      );
      expect(await validateK8sObjects(objects)).toEqual([]);
    });
  }
});

describe("validateK8sObjects", () => {
  const job = parseYamlDocuments(
    `apiVersion: batch/v1
kind: Job
metadata: {name: sample}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: example
          securityContext: {readOnlyRootFilesystem: true}
          resources: {limits: {memory: 1Gi}}
`,
    "sample",
  )[0]!;

  it("accepts a well-formed Job", async () => {
    expect(await validateK8sObjects([job])).toEqual([]);
  });

  it("reports wrong types and enum values with their path", async () => {
    const bad = structuredClone(job);
    const spec = bad.spec as Record<string, unknown>;
    spec.backoffLimit = "two";
    spec.completionMode = "Sometimes";
    const problems = await validateSchema(bad);
    expect(problems).toContainEqual({
      object: "Job/sample",
      path: "/spec/backoffLimit",
      message: "must be integer",
    });
    expect(problems.map((p) => p.path)).toContain("/spec/completionMode");
  });

  it("reports misspelt fields that the API server would silently drop", () => {
    const bad = structuredClone(job);
    const container = (
      bad.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers[0]!;
    container.securityContext = { readOnlyRootFileSystem: true };
    container.resource = {};
    expect(findUnknownFields([bad])).toEqual([
      {
        object: "Job/sample",
        path: "/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem",
        message: "unknown field",
      },
      {
        object: "Job/sample",
        path: "/spec/template/spec/containers/0/resource",
        message: "unknown field",
      },
    ]);
  });

  it("accepts free-form maps (labels, annotations, ConfigMap data) and rejects unknown kinds", async () => {
    const cm = parseYamlDocuments(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {any/key: v}}\ndata: {anything: x}\n",
      "cm",
    )[0]!;
    expect(await validateK8sObjects([cm])).toEqual([]);
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
    expect(await validateK8sObjects([widget])).toEqual([
      { object: "Widget/w", path: "", message: "no schema for example.com/v1/Widget" },
    ]);
  });
});
