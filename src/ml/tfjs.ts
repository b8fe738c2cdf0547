/** TensorFlow.js, loaded on first use. */
import type * as tf from "@tensorflow/tfjs";
import { lazyModule } from "../util/lazy-module.js";

/**
 * Returns the TensorFlow.js module. Loaded on first use: it costs about 0.8 s to import, which
 * `src/index` importers that never fit a network (the CLI's other commands, most notebooks) do
 * not pay. Modules that use it import its types with `import type * as tf` and take the values
 * from `const tf = tfjs()` inside the function that needs them.
 */
export function tfjs(): typeof tf {
  return lazyModule<typeof tf>("@tensorflow/tfjs");
}
