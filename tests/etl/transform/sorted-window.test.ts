import { describe, expect, it } from "vitest";
import { SortedWindow } from "../../../src/etl/transform/sorted-window.js";

function bruteMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

describe("SortedWindow", () => {
  it("median() and medianDistance() match a full sort while the window slides", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const data = Array.from(
      { length: 400 },
      () => Math.round(rand() * 50) - (rand() < 0.05 ? 900 : 0),
    );
    for (const width of [1, 2, 7, 8, 97]) {
      const window = new SortedWindow(width);
      for (let i = 0; i < data.length; i++) {
        window.insert(data[i]!);
        if (i >= width) window.remove(data[i - width]!);
        const held = data.slice(Math.max(0, i - width + 1), i + 1);
        const median = bruteMedian(held);
        expect(window.median()).toBe(median);
        expect(window.medianDistance(median)).toBe(
          bruteMedian(held.map((v) => Math.abs(v - median))),
        );
      }
    }
  });
});
