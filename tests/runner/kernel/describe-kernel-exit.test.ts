import { describe, expect, it } from "vitest";
import { describeKernelExit } from "../../../src/runner/kernel/describe-kernel-exit.js";

describe("describeKernelExit", () => {
  it("names a V8 heap exhaustion and leaves out the GC log and native stack", () => {
    const tail =
      "<--- Last few GCs --->\n[1:0x1] 3999 ms: Mark-Compact 270.8 (402.0) -> 270.8 (402.0) MB\n\n" +
      "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n" +
      "----- Native stack trace -----\n 1: 0x9434f0  [node]";
    expect(describeKernelExit("killed by SIGABRT", tail)).toBe(
      "kernel process killed by SIGABRT: JavaScript heap out of memory (the cell needed more than the kernel's heap limit, --max-old-space-size; the manifest's kernel.heap records it): FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
    );
  });

  it("otherwise quotes the last output, if any", () => {
    expect(describeKernelExit("exited with code 3", "cannot start")).toBe(
      "kernel process exited with code 3; its last output:\ncannot start",
    );
    expect(describeKernelExit("killed by SIGKILL", "")).toBe("kernel process killed by SIGKILL");
  });
});
