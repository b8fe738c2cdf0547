/** The manifest's record of the kernel a notebook ran on, taken from the kernel where it can be. */
import type { KernelSpec } from "../kernel/kernelspec.js";
import type { KernelRecord } from "./run-manifest.js";

/**
 * Returns the record of `spec` as started: `info` is the kernel's kernel_info_reply (undefined
 * when it did not start). Root, tslab and Node versions are what the kernel reported
 * (PowerFlow's launcher adds `powerflow: { root, node, tslab, heap }` to its reply; `heap` goes
 * through `kernelHeapRecord`); a kernel that reports none (ipykernel, a plain tslab) gets the
 * root its kernelspec names and null versions.
 */
export function kernelRecord(
  spec: KernelSpec,
  info: Record<string, unknown> | undefined,
  sources: "prebuilt" | "live" | undefined,
): KernelRecord {
  const reported = record(info?.powerflow);
  const language = record(info?.language_info);
  return {
    name: spec.name,
    displayName: spec.displayName,
    kernelspec: spec.resourceDir === undefined ? null : `${spec.resourceDir}/kernel.json`,
    argv: spec.argv,
    started: info !== undefined,
    implementation: text(info?.implementation),
    protocolVersion: text(info?.protocol_version),
    language: text(language.name) ?? spec.language,
    root: text(reported.root) ?? spec.root ?? null,
    tslab: text(reported.tslab),
    node: text(reported.node),
    ...(sources
      ? {
          sources:
            sources === "prebuilt"
              ? "dist/src (the build, checked newer than src/)"
              : "src (compiled by the kernel)",
        }
      : {}),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
