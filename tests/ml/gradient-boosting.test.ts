import { describe, expect, it } from "vitest";
import { fitBoostedTrees, predictBoostedTrees } from "../../src/ml/gradient-boosting.js";

const design = (values: number[]): { x: Float64Array; rows: number; cols: number } => ({
  x: Float64Array.from(values),
  rows: values.length,
  cols: 1,
});

describe("fitBoostedTrees", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const step = Float64Array.from(xs, (x) => (x < 50 ? 0 : 10));

  it("fitBoostedTrees learns a step exactly with one full-rate stump", () => {
    const model = fitBoostedTrees(design(xs), step, {
      trees: 1,
      depth: 1,
      learningRate: 1,
      l2: 0,
      minLeaf: 1,
    });
    expect(model.base).toBe(5);
    expect(model.trees[0]!.threshold[0]).toBe(49.5);
    expect(Array.from(predictBoostedTrees(model, design([-3, 49, 49.5, 49.6, 1000])))).toEqual([
      0, 0, 0, 10, 10,
    ]);
  });

  it("fitBoostedTrees shrinks leaves by the learning rate and the L2 penalty", () => {
    const model = fitBoostedTrees(design(xs), step, {
      trees: 2,
      depth: 1,
      learningRate: 0.5,
      l2: 50,
      minLeaf: 1,
    });
    // tree 1: leaf = 0.5 · (50 · ∓5) / (50 + 50) = ∓1.25; tree 2 on the remaining ∓3.75: ∓0.9375
    expect(model.trees.map((t) => t.value[2])).toEqual([1.25, 0.9375]);
    expect(Array.from(predictBoostedTrees(model, design([0, 99])))).toEqual([2.8125, 7.1875]);
  });

  it("fitBoostedTrees keeps the tree count with the lowest validation RMSE (0 when trees only hurt)", () => {
    const flat = { design: design([10, 90]), targets: Float64Array.of(5, 5) };
    const model = fitBoostedTrees(design(xs), step, {
      trees: 5,
      depth: 1,
      learningRate: 1,
      l2: 0,
      minLeaf: 1,
      patience: 2,
      validation: flat,
    });
    expect(model.trees).toHaveLength(0);
    expect(model.validationRmse).toEqual([5, 5]);
    expect(Array.from(predictBoostedTrees(model, design([0, 99])))).toEqual([5, 5]);
  });

  it("fitBoostedTrees rejects targets that do not match the rows", () => {
    expect(() => fitBoostedTrees(design([1, 2, 3]), Float64Array.of(1, 2))).toThrow(
      /boosted trees need matching rows: 3 rows, 2 targets/,
    );
  });
});
