// Shared settings of the property-based tests (fast-check): one fixed seed so CI runs the same
// cases every time (POWERFLOW_FC_SEED / POWERFLOW_FC_RUNS explore others locally), and the check
// that a failure is one of PowerFlow's typed errors with a readable message.
import type fc from "fast-check";
import { expect } from "vitest";
import { isPowerFlowError, type PowerFlowError } from "../../src/errors.js";

/** The seed every property runs with (fast-check prints it, and the path, on a failure). */
export const PROPERTY_SEED = Number(process.env.POWERFLOW_FC_SEED ?? 20_240_310);

/** fast-check parameters: the fixed seed, `numRuns` (or POWERFLOW_FC_RUNS), a per-run timeout. */
export function propertyRuns<T>(numRuns: number, timeoutMs = 5000): fc.Parameters<T> {
  const runs = process.env.POWERFLOW_FC_RUNS;
  return {
    seed: PROPERTY_SEED,
    numRuns: runs === undefined ? numRuns : Number(runs),
    // an async run that takes longer fails as a hang (a synchronous one is caught by its test's
    // timeout and by the elapsed-time checks of the properties)
    timeout: timeoutMs,
    markInterruptAsFailure: true,
  };
}

/**
 * Checks that `error` is a PowerFlowError whose message is one line of text, not a stack trace
 * or a bare TypeError/RangeError; returns it.
 */
export function expectTypedError(error: unknown): PowerFlowError {
  if (!isPowerFlowError(error)) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`expected a PowerFlowError, got ${text}`, { cause: error });
  }
  expect(error.message).not.toMatch(/^\s+at /m);
  expect(error.message).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError):/);
  return error;
}

/** Resolves to the value, or to the error `promise` rejected with. */
export function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
