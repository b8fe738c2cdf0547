// Outside a kernel started by PowerFlow's launcher, a display is an error, never a quiet no-op.
// Inside real kernels: tests/runner/display-delivery.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { DisplayError, isDisplayError } from "../../src/errors.js";
import { display } from "../../src/runner/display.js";
import { publish } from "../../src/runner/publish.js";

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
});

describe("display outside a PowerFlow kernel", () => {
  it("display(bundle) in plain Node throws DisplayError pointing to the bundle builders", () => {
    const error = thrown(() => display({ "text/plain": "x" }));
    expect(isDisplayError(error)).toBe(true);
    expect((error as DisplayError).reason).toBe("no-kernel");
    expect((error as DisplayError).code).toBe("E_DISPLAY");
    expect(String(error)).toMatch(
      /display failed: not inside a notebook kernel .*plotlyBundle, tableBundle, svgBundle/,
    );
  });

  it("publish(name, value) in plain Node throws DisplayError too", () => {
    expect(() => publish("peak", 1)).toThrow(DisplayError);
  });

  it("display(bundle) in a tslab kernel without the launcher's hooks names the cause", () => {
    (globalThis as { __tslab__?: unknown }).__tslab__ = {};
    const error = thrown(() => display({ "text/plain": "x" }));
    expect((error as DisplayError).reason).toBe("not-launcher");
    expect(String(error)).toMatch(/tslab kernel not started by PowerFlow's launcher/);
  });
});
