/**
 * Histogram gradient-boosted regression trees (squared error), deterministic and dependency
 * free: features are cut into at most `bins` quantile bins on the training rows, trees grow
 * depth-wise with L2-regularised leaf values, and a validation set picks the number of trees
 * (early stopping).
 */
import { ModelError } from "../errors.js";
import type { Design } from "./ridge-regression.js";

/** Options of fitBoostedTrees. */
export interface BoostedTreesOptions {
  /** maximum trees; default 500 */
  trees?: number;
  /** maximum depth of a tree; default 5 */
  depth?: number;
  /** shrinkage of every tree; default 0.05 */
  learningRate?: number;
  /** L2 penalty on leaf values (in rows); default 10 */
  l2?: number;
  /** fewest rows in a leaf; default 50 */
  minLeaf?: number;
  /** quantile bins per feature (≤ 255); default 64 */
  bins?: number;
  /** stop after this many trees without a better validation error; default 50 */
  patience?: number;
  /** rows and targets that choose the number of trees */
  validation?: { design: Design; targets: Float64Array };
}

/** A fitted ensemble: predict = base + Σ trees (each already scaled by the learning rate). */
export interface BoostedTrees {
  base: number;
  /** per tree: split feature (−1 = leaf), threshold (go left when x ≤ it), children, leaf value */
  trees: {
    feature: number[];
    threshold: number[];
    left: number[];
    right: number[];
    value: number[];
  }[];
  /** validation RMSE after each tree, 1, 2, … (empty without validation) */
  validationRmse: number[];
}

type Tree = BoostedTrees["trees"][number];

/** Returns boosted trees fitted to `targets` on `design`, cut at the best validation tree count. */
export function fitBoostedTrees(
  design: Design,
  targets: Float64Array,
  options: BoostedTreesOptions = {},
): BoostedTrees {
  const settings = {
    trees: options.trees ?? 500,
    depth: options.depth ?? 5,
    learningRate: options.learningRate ?? 0.05,
    l2: options.l2 ?? 10,
    minLeaf: options.minLeaf ?? 50,
    patience: options.patience ?? 50,
  };
  const { rows, cols } = design;
  if (rows < 2 || targets.length !== rows) {
    throw new ModelError(
      `boosted trees need matching rows: ${rows} rows, ${targets.length} targets (expected at least 2)`,
    );
  }
  const edges = binEdges(design, Math.min(255, options.bins ?? 64));
  const binned = binDesign(design, edges);
  let sum = 0;
  for (const y of targets) sum += y;
  const base = sum / rows;
  const prediction = new Float64Array(rows).fill(base);
  const gradient = new Float64Array(rows);
  const validation = options.validation;
  const valPrediction = validation
    ? new Float64Array(validation.design.rows).fill(base)
    : undefined;
  const trees: Tree[] = [];
  const validationRmse: number[] = [];
  let best = validation ? rmseOf(validation.targets, valPrediction!) : Infinity;
  let bestCount = 0;
  for (let t = 0; t < settings.trees; t++) {
    for (let r = 0; r < rows; r++) gradient[r] = targets[r]! - prediction[r]!;
    const tree = growTree(binned, edges, gradient, rows, cols, settings);
    trees.push(tree);
    for (let r = 0; r < rows; r++) prediction[r]! += leafOf(tree, design.x, r * cols);
    if (!validation || !valPrediction) continue;
    for (let r = 0; r < validation.design.rows; r++)
      valPrediction[r]! += leafOf(tree, validation.design.x, r * cols);
    const rmse = rmseOf(validation.targets, valPrediction);
    validationRmse.push(rmse);
    if (rmse < best - 1e-9) {
      best = rmse;
      bestCount = t + 1;
    } else if (t + 1 - bestCount >= settings.patience) break;
  }
  return { base, trees: validation ? trees.slice(0, bestCount) : trees, validationRmse };
}

function rmseOf(targets: Float64Array, predicted: Float64Array): number {
  let ss = 0;
  for (let r = 0; r < targets.length; r++) ss += (targets[r]! - predicted[r]!) ** 2;
  return Math.sqrt(ss / targets.length);
}

/** Returns the ensemble's prediction for every row of `design`. */
export function predictBoostedTrees(model: BoostedTrees, design: Design): Float64Array {
  const out = new Float64Array(design.rows).fill(model.base);
  for (const tree of model.trees) {
    for (let r = 0; r < design.rows; r++) out[r]! += leafOf(tree, design.x, r * design.cols);
  }
  return out;
}

function leafOf(tree: Tree, x: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node =
      x[offset + tree.feature[node]!]! <= tree.threshold[node]!
        ? tree.left[node]!
        : tree.right[node]!;
  }
  return tree.value[node]!;
}

/** Per feature: ascending upper edges of its bins (the last bin is open-ended). */
function binEdges(design: Design, bins: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let c = 0; c < design.cols; c++) {
    const values = new Float64Array(design.rows);
    for (let r = 0; r < design.rows; r++) values[r] = design.x[r * design.cols + c]!;
    values.sort();
    const edges: number[] = [];
    for (let b = 1; b < bins; b++) {
      const v = values[Math.min(design.rows - 1, Math.floor((b * design.rows) / bins))]!;
      // an edge strictly between distinct values, so equal values always share a bin
      const below = values[Math.max(0, lowerBound(values, v) - 1)]!;
      const edge = below < v ? (below + v) / 2 : NaN;
      if (Number.isFinite(edge) && edge !== edges[edges.length - 1]) edges.push(edge);
    }
    out.push(Float64Array.from(edges));
  }
  return out;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binDesign(design: Design, edges: Float64Array[]): Uint8Array {
  const out = new Uint8Array(design.rows * design.cols);
  for (let r = 0; r < design.rows; r++) {
    for (let c = 0; c < design.cols; c++) {
      out[r * design.cols + c] = lowerBound(edges[c]!, design.x[r * design.cols + c]!);
    }
  }
  return out;
}

interface GrowSettings {
  depth: number;
  learningRate: number;
  l2: number;
  minLeaf: number;
}

function growTree(
  binned: Uint8Array,
  edges: Float64Array[],
  gradient: Float64Array,
  rows: number,
  cols: number,
  settings: GrowSettings,
): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const all = new Int32Array(rows);
  for (let r = 0; r < rows; r++) all[r] = r;
  let level: { node: number; rows: Int32Array }[] = [{ node: addNode(tree), rows: all }];
  for (let d = 0; d <= settings.depth; d++) {
    const next: typeof level = [];
    for (const { node, rows: members } of level) {
      const split =
        d < settings.depth
          ? bestSplit(binned, edges, gradient, members, cols, settings)
          : undefined;
      if (!split) {
        let g = 0;
        for (const r of members) g += gradient[r]!;
        tree.value[node] = (settings.learningRate * g) / (members.length + settings.l2);
        continue;
      }
      const left = members.filter((r) => binned[r * cols + split.feature]! <= split.bin);
      const right = members.filter((r) => binned[r * cols + split.feature]! > split.bin);
      tree.feature[node] = split.feature;
      tree.threshold[node] = edges[split.feature]![split.bin]!;
      tree.left[node] = addNode(tree);
      tree.right[node] = addNode(tree);
      next.push({ node: tree.left[node], rows: left }, { node: tree.right[node], rows: right });
    }
    level = next;
  }
  return tree;
}

function addNode(tree: Tree): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  return tree.feature.length - 1;
}

function bestSplit(
  binned: Uint8Array,
  edges: Float64Array[],
  gradient: Float64Array,
  members: Int32Array,
  cols: number,
  settings: GrowSettings,
): { feature: number; bin: number } | undefined {
  if (members.length < 2 * settings.minLeaf) return undefined;
  let total = 0;
  for (const r of members) total += gradient[r]!;
  const n = members.length;
  const parent = (total * total) / (n + settings.l2);
  let bestGain = 1e-9;
  let best: { feature: number; bin: number } | undefined;
  const sums = new Float64Array(256);
  const counts = new Int32Array(256);
  for (let c = 0; c < cols; c++) {
    const bins = edges[c]!.length + 1;
    if (bins < 2) continue;
    sums.fill(0, 0, bins);
    counts.fill(0, 0, bins);
    for (const r of members) {
      const b = binned[r * cols + c]!;
      sums[b]! += gradient[r]!;
      counts[b]!++;
    }
    let gLeft = 0;
    let nLeft = 0;
    for (let b = 0; b < bins - 1; b++) {
      gLeft += sums[b]!;
      nLeft += counts[b]!;
      const nRight = n - nLeft;
      if (nLeft < settings.minLeaf || nRight < settings.minLeaf) continue;
      const gRight = total - gLeft;
      const gain =
        (gLeft * gLeft) / (nLeft + settings.l2) +
        (gRight * gRight) / (nRight + settings.l2) -
        parent;
      if (gain > bestGain) {
        bestGain = gain;
        best = { feature: c, bin: b };
      }
    }
  }
  return best;
}
