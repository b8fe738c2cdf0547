// Feature blocks of the long-horizon lab. A block has a `size` and `write(i, idx, val, m, at)`,
// which appends the nonzero columns of grid row i (offset `at`) and returns the new count;
// `design(blocks)` concatenates them into the `rowFn` of sparse-ridge.js.
import { calendarFeatures } from "../../dist/src/ml/features/calendar-features.js";
import { dayKinds } from "../../dist/src/ml/features/day-kinds.js";
import { holidayNames } from "../../dist/src/ml/features/holiday-names.js";
import { temperatureTable } from "../../dist/src/ml/features/temperature-table.js";

/** Per-row series the blocks are built from (temperatures causal or of the row's own day). */
export function labContext(grid) {
  const cal = grid.calendar;
  const n = grid.length;
  const table = temperatureTable(grid);
  const t = grid.temperatureC;
  const lag = (k) => Float64Array.from(t, (_, i) => t[Math.max(0, i - k)]);
  const shift = (values, hours) =>
    Float64Array.from(values, (_, i) => values[Math.max(0, i - hours)]);
  const trailing = (values, hours) => {
    const out = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += values[i];
      if (i >= hours) s -= values[i - hours];
      out[i] = s / Math.min(i + 1, hours);
    }
    return out;
  };
  const smoothed = (halfLifeHours) => {
    const a = 1 - 0.5 ** (1 / halfLifeHours);
    const out = new Float64Array(n);
    let s = t[0];
    for (let i = 0; i < n; i++) out[i] = s += a * (t[i] - s);
    return out;
  };
  const kinds = dayKinds(cal);
  const dayType = Int32Array.from({ length: n }, (_, i) => kinds.dayType(i));
  const angle = (i) => (2 * Math.PI * (cal.dayOfYear[i] - 1)) / 365.25;
  return { grid, cal, n, table, t, lag, shift, trailing, smoothed, kinds, dayType, angle };
}

const TERMS = {
  // the product's five piecewise-linear terms (knots 15, 5, 18, 24 °C)
  pwl: [
    5,
    (t, o) => (
      (o[0] = t),
      (o[1] = Math.max(0, 15 - t)),
      (o[2] = Math.max(0, 5 - t)),
      (o[3] = Math.max(0, t - 18)),
      (o[4] = Math.max(0, t - 24))
    ),
  ],
  // cubic polynomial, centred and scaled
  poly: [3, (t, o) => ((o[0] = (t - 15) / 10), (o[1] = o[0] ** 2), (o[2] = o[0] ** 3))],
  cool: [2, (t, o) => ((o[0] = Math.max(0, t - 18)), (o[1] = Math.max(0, t - 24)))],
  lin: [1, (t, o) => (o[0] = t)],
};

/** Groups a block's columns are crossed with. */
export function groupOf(ctx, cross) {
  const { cal, dayType } = ctx;
  const groups = {
    none: [1, () => 0],
    hour: [24, (i) => cal.hour[i]],
    quarter: [4, (i) => Math.floor(cal.hour[i] / 6)],
    month: [12, (i) => cal.month[i] - 1],
    daytype: [3, (i) => dayType[i]],
    hourDaytype: [72, (i) => dayType[i] * 24 + cal.hour[i]],
    hourWork: [48, (i) => (dayType[i] === 0 ? 0 : 24) + cal.hour[i]],
  };
  const [size, of] = groups[cross];
  return { size, of };
}

/** Temperature block: the `terms` of `series`, crossed with `cross`. */
export function tempBlock(ctx, series, terms = "pwl", cross = "none") {
  const g = groupOf(ctx, cross);
  const [k, f] = TERMS[terms];
  const buf = new Float64Array(8);
  return {
    size: g.size * k,
    write(i, idx, val, m, at) {
      const base = at + g.of(i) * k;
      f(series[i], buf);
      for (let q = 0; q < k; q++) {
        if (buf[q] === 0) continue;
        idx[m] = base + q;
        val[m++] = buf[q];
      }
      return m;
    },
  };
}

/** Block from a function `fn(i, push)` that pushes (column, value) pairs. */
export function fnBlock(size, fn) {
  return {
    size,
    write(i, idx, val, m, at) {
      fn(i, (j, v) => {
        if (v === 0) return;
        idx[m] = at + j;
        val[m++] = v;
      });
      return m;
    },
  };
}

/** Columns `skip`… of a dense design function of the product (all grid rows at once). */
function denseBlock(grid, designFn, skip = 0) {
  const d = designFn(
    grid,
    Int32Array.from({ length: grid.length }, (_, i) => i),
  );
  return fnBlock(d.cols - skip, (i, push) => {
    for (let j = skip; j < d.cols; j++) push(j - skip, d.x[i * d.cols + j]);
  });
}

/** The product ridge's calendar block and its hourly weather block (calendar-features.ts). */
export function productBlocks(grid) {
  const plain = { ...grid, temperatureC: undefined };
  const cols = calendarFeatures(plain, Int32Array.of(0)).cols;
  return [denseBlock(plain, calendarFeatures), denseBlock(grid, calendarFeatures, cols)];
}

/** Day calendar for per-hour models: weekday (or day type) one-hot, holiday flags, harmonics. */
export function dayCalendar(ctx, { weekdays = true, harmonics = 3, restHarmonics = 2 } = {}) {
  const { cal, kinds, dayType, angle } = ctx;
  return fnBlock(11 + 2 * harmonics + 2 * restHarmonics, (i, push) => {
    push(weekdays ? cal.weekday[i] : dayType[i], 1);
    push(7, kinds.holiday(i));
    push(8, kinds.dayBeforeHoliday(i));
    push(9, kinds.dayAfterHoliday(i));
    push(10, kinds.yearEndBreak(i));
    for (let q = 1; q <= harmonics; q++) {
      push(9 + 2 * q, Math.sin(q * angle(i)));
      push(10 + 2 * q, Math.cos(q * angle(i)));
    }
    if (dayType[i] === 0) return;
    for (let q = 1; q <= restHarmonics; q++) {
      push(9 + 2 * harmonics + 2 * q, Math.sin(q * angle(i)));
      push(10 + 2 * harmonics + 2 * q, Math.cos(q * angle(i)));
    }
  });
}

/** One column per named holiday (holiday-names.ts). */
export function holidayBlock(ctx) {
  const named = holidayNames(ctx.cal, ctx.grid.holidayCountry);
  const names = [...new Set(named.values())].sort();
  return fnBlock(names.length, (i, push) => {
    const name = named.get(ctx.cal.dayNumber[i]);
    if (name !== undefined) push(names.indexOf(name), 1);
  });
}

/** Concatenates blocks into { p, rowFn } (plus optional year-specific terms, see evaluate.js). */
export function design(blocks, yearTerms = []) {
  const offsets = [];
  let p = 0;
  for (const b of blocks) {
    offsets.push(p);
    p += b.size;
  }
  return {
    p,
    yearTerms,
    rowFn(i, idx, val) {
      let m = 0;
      for (let b = 0; b < blocks.length; b++) m = blocks[b].write(i, idx, val, m, offsets[b]);
      return m;
    },
  };
}
