import { describe, expect, it } from "vitest";
import { builtinTslabSpec } from "../../../src/runner/kernel/kernelspec.js";
import { kernelRecord } from "../../../src/runner/manifest/kernel-record.js";
import { ROOT } from "../helpers/run-fixture.js";

const spec = builtinTslabSpec(ROOT);

describe("kernelRecord", () => {
  it("kernelRecord(spec, info) takes root, tslab and Node versions from the kernel's kernel_info_reply", () => {
    const info = {
      implementation: "tslab",
      protocol_version: "5.3",
      language_info: { name: "typescript" },
      powerflow: { root: "/elsewhere", node: "v20.1.0", tslab: "1.0.22" },
    };
    expect(kernelRecord(spec, info, "prebuilt")).toEqual({
      name: "tslab",
      displayName: "TypeScript (PowerFlow)",
      kernelspec: null,
      argv: spec.argv,
      started: true,
      implementation: "tslab",
      protocolVersion: "5.3",
      language: "typescript",
      root: "/elsewhere",
      tslab: "1.0.22",
      node: "v20.1.0",
      sources: "dist/src (the build, checked newer than src/)",
    });
  });

  it("a kernel that did not start or reports nothing keeps its kernelspec's root and null versions", () => {
    expect(kernelRecord(spec, undefined, undefined)).toMatchObject({
      started: false,
      root: ROOT,
      tslab: null,
      node: null,
      implementation: null,
      language: "typescript",
    });
    const python = {
      ...spec,
      name: "py",
      root: undefined,
      resourceDir: "/k/py",
      language: "python",
    };
    expect(kernelRecord(python, { implementation: "ipython" }, undefined)).toMatchObject({
      kernelspec: "/k/py/kernel.json",
      started: true,
      root: null,
      node: null,
    });
  });
});
