/** The date-holidays calendar class, loaded on first use. */
import type Holidays from "date-holidays";
import { lazyModule } from "./lazy-module.js";

/**
 * Returns date-holidays' `Holidays` class. Loaded on first use: its rule data costs about 0.7 s
 * to import, which `src/index` importers that never ask for a holiday do not pay.
 */
export function holidaysClass(): typeof Holidays {
  return lazyModule<typeof Holidays>("date-holidays");
}
