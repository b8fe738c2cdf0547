/**
 * A sliding window of numbers kept sorted: insert and remove in O(window) with one memmove, the
 * median in O(1) and the median absolute distance from a centre in O(log window). The Hampel
 * filter slides it one row at a time instead of sorting every window afresh.
 */

/** A sorted multiset of numbers (no NaN), sized for `capacity`. */
export class SortedWindow {
  private values: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity + 1); // room for an insert before the matching remove
  }

  /** Adds `v` (the window grows past its capacity when needed). */
  insert(v: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const at = this.lowerBound(v);
    this.values.copyWithin(at + 1, at, this.size);
    this.values[at] = v;
    this.size++;
  }

  /** Removes one copy of `v` (which must be present). */
  remove(v: number): void {
    const at = this.lowerBound(v);
    this.values.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  /** The median (mean of the two middle values for an even count); 0 when empty. */
  median(): number {
    const n = this.size;
    if (n === 0) return 0;
    const h = n >> 1;
    return n % 2 === 1 ? this.values[h]! : (this.values[h - 1]! + this.values[h]!) / 2;
  }

  /** The median of |v - centre| over the window (the MAD when centre is the median). */
  medianDistance(centre: number): number {
    const n = this.size;
    if (n === 0) return 0;
    const h = n >> 1;
    if (n % 2 === 1) return this.smallestDistance(centre, h);
    return (this.smallestDistance(centre, h - 1) + this.smallestDistance(centre, h)) / 2;
  }

  // The r-th smallest (0-based) |v - centre|: the r + 1 nearest values are a contiguous run,
  // so it is the least, over runs [a, a + r], of the run's largest distance.
  private smallestDistance(centre: number, r: number): number {
    const w = this.values;
    const cost = (a: number) => Math.max(centre - w[a]!, w[a + r]! - centre);
    let lo = 0;
    let hi = this.size - 1 - r;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w[mid + r]! - centre >= centre - w[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo > 0 ? Math.min(cost(lo), cost(lo - 1)) : cost(lo);
  }

  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
