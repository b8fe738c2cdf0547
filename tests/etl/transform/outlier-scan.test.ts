import { describe, expect, it } from "vitest";
import type { Frame } from "../../../src/frame.js";
import { _OutlierScan, _scanWhole } from "../../../src/etl/transform/outlier-scan.js";
import { flagOutliers } from "../../../src/etl/transform/flag-outliers.js";
import { seededRandom } from "../../../src/util/seeded-random.js";

// Three years of hourly load with weekly and yearly seasons, noise, gaps and a few spikes.
function series(): { t: Float64Array; x: Float64Array; spikes: number[] } {
  const random = seededRandom(5);
  const t: number[] = [];
  const x: number[] = [];
  const spikes: number[] = [];
  for (let h = 0; h < 3 * 8760; h++) {
    if (h % 5000 < 3) continue; // gaps
    const day = h / 24;
    let v =
      10_000 +
      3000 * Math.sin((2 * Math.PI * day) / 365) +
      1500 * Math.sin((2 * Math.PI * (h % 24)) / 24) -
      (Math.floor(day) % 7 >= 5 ? 800 : 0) +
      150 * random.next();
    if (h % 4001 === 77) {
      v *= 0.2;
      spikes.push(t.length);
    }
    t.push(Date.UTC(2020, 0, 1) + h * 3_600_000);
    x.push(v);
  }
  return { t: Float64Array.from(t), x: Float64Array.from(x), spikes };
}

describe("_OutlierScan", () => {
  it("flush() over chunks of any size flags exactly what one whole pass flags", () => {
    const { t, x, spikes } = series();
    const frame: Frame = { length: t.length, columns: { timeUtcMs: t, loadMw: x } };
    const whole = flagOutliers(frame);
    expect(whole.indices).toEqual(expect.arrayContaining(spikes));
    for (const size of [1, 997, 8_760]) {
      const scan = new _OutlierScan({ intervalMs: 3_600_000 });
      const flags = new Uint8Array(t.length);
      let next = 0;
      const take = (final: boolean) => {
        const batch = scan.flush(final);
        expect(batch.from).toBe(next);
        flags.set(batch.flags, batch.from);
        next += batch.flags.length;
      };
      for (let i = 0; i < t.length; i += size) {
        scan.push(t.subarray(i, i + size), x.subarray(i, i + size));
        if (size > 1 || i % 500 === 0) take(false);
      }
      take(true);
      expect(next).toBe(t.length);
      expect(Array.from(flags)).toEqual(Array.from(whole.frame.columns.outlier as Uint8Array));
    }
  });

  it("_scanWhole(scan, t, x, 1000) fed in blocks flags what one push and flush(true) flag, with absolute indices", () => {
    const { t, x, spikes } = series();
    const once = new _OutlierScan({ intervalMs: 3_600_000 });
    once.push(t, x);
    const whole = once.flush(true);
    const blocks = _scanWhole(new _OutlierScan({ intervalMs: 3_600_000 }), t, x, 1000);
    expect(blocks.from).toBe(0);
    expect(blocks.indices).toEqual(whole.indices);
    expect(blocks.indices).toEqual(expect.arrayContaining(spikes));
    expect(Array.from(blocks.flags)).toEqual(Array.from(whole.flags));
  });
});
