/**
 * Renders a kustomization with the installed `kubectl kustomize` and parses the multi-document
 * YAML it prints. Tests that need kubectl use `describeWithKubectl`, which skips with a visible
 * reason when kubectl is not on PATH (a developer machine without it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe } from "vitest";
import { parseAllDocuments } from "yaml";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "..", "..", "..");

/** A rendered Kubernetes object, as plain JSON. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** True when `kubectl` runs here. */
export const HAS_KUBECTL =
  spawnSync("kubectl", ["version", "--client"], { stdio: "ignore" }).status === 0;

/** Returns the objects `kubectl kustomize <dir>` renders (dir relative to the repo root). */
export function renderKustomize(dir: string): K8sObject[] {
  const text = execFileSync("kubectl", ["kustomize", resolve(ROOT, dir)], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseYamlDocuments(text, dir);
}

/** Parses multi-document YAML into objects; throws on YAML errors naming the source. */
export function parseYamlDocuments(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).map((doc, i) => {
    if (doc.errors.length > 0) {
      throw new Error(`${source} document ${i + 1} is not valid YAML: ${doc.errors[0]!.message}`);
    }
    return doc.toJS() as K8sObject;
  });
}

let warned = false;

/** `describe` when kubectl is installed, else `describe.skip` with the reason printed once. */
export function describeWithKubectl(name: string, body: () => void): void {
  if (HAS_KUBECTL) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write("SKIPPED kustomize tests: kubectl not found on PATH\n");
  }
  describe.skip(`${name} [skipped: kubectl not on PATH]`, body);
}
