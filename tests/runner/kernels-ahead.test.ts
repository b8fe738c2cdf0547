import { describe, expect, it } from "vitest";
import type { KernelClient } from "../../src/runner/kernel/kernel-client.js";
import { kernelsAhead } from "../../src/runner/kernels-ahead.js";

function fakeKernel(id: number, log: string[]): KernelClient {
  return {
    pid: id,
    info: {},
    execute: () => Promise.reject(new Error("not used")),
    interrupt: () => Promise.resolve(),
    shutdown: () => {
      log.push(`shutdown ${id}`);
      return Promise.resolve();
    },
  };
}

describe("kernelsAhead", () => {
  it("starts each needed kernel once, hands it over, and shuts down only the untaken ones", async () => {
    const log: string[] = [];
    let launched = 0;
    const kernels = kernelsAhead([true, false, true, true], () => {
      launched += 1;
      log.push(`launch ${launched}`);
      return Promise.resolve(fakeKernel(launched, log));
    });
    kernels.start(2);
    kernels.start(2);
    kernels.start(1); // no code: no kernel
    kernels.start(9); // past the end
    expect(launched).toBe(1);
    expect(kernels.take(1)).toBeUndefined();
    expect((await kernels.take(0))!.pid).toBe(2);
    expect((await kernels.take(2))!.pid).toBe(1);
    kernels.start(3);
    await kernels.shutdownUntaken();
    expect(log).toEqual(["launch 1", "launch 2", "launch 3", "shutdown 3"]);
  });

  it("keeps a failed start for the notebook that takes it, without an unhandled rejection", async () => {
    const kernels = kernelsAhead([true, true], () =>
      Promise.reject(new Error("no kernel_info_reply")),
    );
    kernels.start(1);
    await new Promise((r) => setTimeout(r, 10));
    await expect(kernels.take(1)).rejects.toThrow("no kernel_info_reply");
    kernels.start(0);
    await expect(kernels.shutdownUntaken()).resolves.toBeUndefined();
  });
});
