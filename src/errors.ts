/**
 * Every error class PowerFlow throws. `PowerFlowError` is the base and carries a stable `code`;
 * each subclass adds the fields its callers need to act on the error without parsing messages.
 */

/** Options shared by every PowerFlow error: the wrapped cause, if any. */
export interface PowerFlowErrorOptions {
  cause?: unknown;
}

/** Base class of every error PowerFlow throws; `code` is stable across releases. */
export class PowerFlowError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options: PowerFlowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** A bad parameter, config value or CLI flag; the CLI exits 2. */
export class InputError extends PowerFlowError {
  constructor(message: string, options: PowerFlowErrorOptions = {}) {
    super("E_INPUT", message, options);
  }
}

/** Where a data problem was found: any of file, line (1-based), column and row. */
export interface DataLocation {
  file?: string;
  line?: number;
  column?: string | number;
}

/** One problem found while validating data. */
export interface ValidationProblem extends DataLocation {
  value?: string;
  expected?: string;
  message: string;
}

/** A dataset failed validation; `problems` lists up to N findings, numbered in the message. */
export class ValidationError extends PowerFlowError {
  readonly problems: readonly ValidationProblem[];
  constructor(
    summary: string,
    problems: readonly ValidationProblem[] = [],
    options: PowerFlowErrorOptions = {},
  ) {
    super("E_VALIDATION", formatProblems(summary, problems), options);
    this.problems = problems;
  }
}

/** Reading from the outside world failed: a file, an HTTP API, a database or a bucket. */
export class SourceError extends PowerFlowError {
  readonly source: string;
  readonly location: string | undefined;
  readonly httpStatus: number | undefined;
  constructor(
    source: string,
    message: string,
    details: { location?: string; httpStatus?: number; cause?: unknown } = {},
  ) {
    super("E_SOURCE", message, { cause: details.cause });
    this.source = source;
    this.location = details.location;
    this.httpStatus = details.httpStatus;
  }
}

/** A model could not be fitted, used, saved or loaded. */
export class ModelError extends PowerFlowError {
  constructor(message: string, options: PowerFlowErrorOptions = {}) {
    super("E_MODEL", message, options);
  }
}

/** Where a notebook failed: the cell, its execution count and the kernel's error. */
export interface NotebookFailure {
  notebook: string;
  cellIndex?: number;
  executionCount?: number | null;
  errorName?: string;
  errorValue?: string;
}

/** A notebook could not be read or one of its cells failed. */
export class NotebookError extends PowerFlowError {
  readonly notebook: string;
  readonly cellIndex: number | undefined;
  readonly executionCount: number | null | undefined;
  readonly errorName: string | undefined;
  readonly errorValue: string | undefined;
  constructor(message: string, failure: NotebookFailure, options: PowerFlowErrorOptions = {}) {
    super("E_NOTEBOOK", message, options);
    this.notebook = failure.notebook;
    this.cellIndex = failure.cellIndex;
    this.executionCount = failure.executionCount;
    this.errorName = failure.errorName;
    this.errorValue = failure.errorValue;
  }
}

/** Why a display could not reach a notebook cell (see `DisplayError`). */
export type DisplayFailureReason =
  /** Not inside a notebook kernel at all: plain Node, a test or the CLI. */
  | "no-kernel"
  /** Inside a tslab kernel that PowerFlow's launcher (bin/tslab-kernel.cjs) did not start. */
  | "not-launcher"
  /** Inside the kernel, but no cell is running and the calling code belongs to none. */
  | "no-cell"
  /** Called from a timer or callback of a cell that has already finished. */
  | "cell-finished";

/** A notebook display (`display`, `publish`, `show…`) could not be delivered to a cell. */
export class DisplayError extends PowerFlowError {
  readonly reason: DisplayFailureReason;
  constructor(reason: DisplayFailureReason, message: string, options: PowerFlowErrorOptions = {}) {
    super("E_DISPLAY", message, options);
    this.reason = reason;
  }
}

/** Ends the CLI with `exitCode`; `print` says whether the message should be shown. */
export class CliError extends PowerFlowError {
  readonly exitCode: number;
  readonly print: boolean;
  constructor(
    message: string,
    exitCode: number,
    options: PowerFlowErrorOptions & { print?: boolean } = {},
  ) {
    super("E_CLI", message, options);
    this.exitCode = exitCode;
    this.print = options.print ?? true;
  }
}

/** True when `error` is a PowerFlowError of any kind. */
export function isPowerFlowError(error: unknown): error is PowerFlowError {
  return error instanceof PowerFlowError;
}
/** True when `error` is an InputError. */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
/** True when `error` is a ValidationError. */
export function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError;
}
/** True when `error` is a SourceError. */
export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
/** True when `error` is a ModelError. */
export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}
/** True when `error` is a NotebookError. */
export function isNotebookError(error: unknown): error is NotebookError {
  return error instanceof NotebookError;
}
/** True when `error` is a DisplayError. */
export function isDisplayError(error: unknown): error is DisplayError {
  return error instanceof DisplayError;
}
/** True when `error` is a CliError. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}

function formatProblems(summary: string, problems: readonly ValidationProblem[]): string {
  if (problems.length === 0) return summary;
  const lines = problems.map((p, i) => `  ${i + 1}. ${describeProblem(p)}`);
  return `${summary}\n${lines.join("\n")}`;
}

function describeProblem(problem: ValidationProblem): string {
  const where = [
    problem.file,
    problem.line === undefined ? undefined : `line ${problem.line}`,
    problem.column === undefined ? undefined : `column ${String(problem.column)}`,
  ]
    .filter((part) => part !== undefined)
    .join(", ");
  const found = problem.value === undefined ? "" : `: ${JSON.stringify(problem.value)}`;
  const expected = problem.expected === undefined ? "" : ` (expected ${problem.expected})`;
  return `${where ? `${where}: ` : ""}${problem.message}${found}${expected}`;
}
