/** Joins forecast frames of consecutive refit blocks. */
import { createFrame } from "../frame.js";
import type { ForecastFrame } from "./forecast-frame.js";

/** Returns one frame with the rows of `frames` in order. */
export function concatForecastFrames(frames: readonly ForecastFrame[]): ForecastFrame {
  if (frames.length === 1) return frames[0]!;
  const names = Object.keys(frames[0]!.columns) as (keyof ForecastFrame["columns"])[];
  const total = frames.reduce((sum, f) => sum + f.length, 0);
  const columns: Record<string, Float64Array | Int32Array> = {};
  for (const name of names) {
    const out = name === "step" ? new Int32Array(total) : new Float64Array(total);
    let offset = 0;
    for (const frame of frames) {
      out.set(frame.columns[name], offset);
      offset += frame.length;
    }
    columns[name] = out;
  }
  return createFrame(columns) as unknown as ForecastFrame;
}
