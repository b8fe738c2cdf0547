// The only public entry of PowerFlow: explicit named re-exports, grouped by area.
// Notebooks, the runner and the CLI import from here; anything not named here is private.

// errors
export {
  PowerFlowError,
  InputError,
  ValidationError,
  SourceError,
  ModelError,
  NotebookError,
  CliError,
  isPowerFlowError,
  isInputError,
  isValidationError,
  isSourceError,
  isModelError,
  isNotebookError,
  isCliError,
} from "./errors.js";
export type { ValidationProblem, DataLocation, NotebookFailure } from "./errors.js";

// frames
export { createFrame, createLoadSeries, numberColumn, takeRows, sliceRows } from "./frame.js";
export type { Column, Frame, LoadSeries } from "./frame.js";

// effects
export { nodeEffects, silentLogger, stderrLogger, writeFileAtomic } from "./effects.js";
export type { Effects, Logger } from "./effects.js";

// default data
export { generateLoad } from "./generate/generate-load.js";
export type {
  GenerateLoadOptions,
  GeneratedLoad,
  GeneratedZone,
  InjectedFault,
  ZoneSpec,
  FaultCounts,
} from "./generate/generate-load.js";
export { formatLoadCsv, formatTemperatureCsv } from "./generate/format-load-csv.js";
export { writeGeneratedData, DEFAULT_DATA_DIR } from "./generate/write-generated-data.js";

// utilities
export { seededRandom } from "./util/seeded-random.js";
export type { SeededRandom } from "./util/seeded-random.js";
export { zonedParts } from "./util/zoned-time.js";
export type { ZonedParts } from "./util/zoned-time.js";
export { packageRoot } from "./util/package-root.js";

// etl (issue 7: extract, validate, transform, load, pipeline)
export type { ExtractResult, QuarantinedRow, SourceInfo } from "./etl/extract/extract-result.js";
export { readLoadSeries } from "./etl/read-load-series.js";
export type { ReadLoadSeriesOptions, ReadLoadSeriesResult } from "./etl/read-load-series.js";
export { extractCsv } from "./etl/extract/csv-extract.js";
export type { ExtractCsvOptions, CsvExtractResult } from "./etl/extract/csv-extract.js";
export { cleanLoadSeries } from "./etl/transform/clean-load-series.js";
export type {
  CleanLoadSeriesOptions,
  CleanLoadSeriesResult,
} from "./etl/transform/clean-load-series.js";
export { LocalToUtc } from "./etl/transform/local-to-utc.js";
export { sortByTime } from "./etl/transform/sort-by-time.js";
export { mergeDuplicates } from "./etl/transform/merge-duplicates.js";
export type { DuplicatePolicy, MergeDuplicatesOptions } from "./etl/transform/merge-duplicates.js";
export { detectGaps, inferIntervalMs } from "./etl/transform/detect-gaps.js";
export { flagOutliers } from "./etl/transform/flag-outliers.js";
export type { FlagOutliersOptions } from "./etl/transform/flag-outliers.js";
export { reconcile } from "./etl/validate/reconcile.js";
export type { QualityReport, QualityFinding, GapInfo } from "./etl/validate/quality-report.js";
export { runEtl, stemOf } from "./etl/pipeline.js";
export type { RunEtlHooks } from "./etl/pipeline.js";
export { normalizeEtlConfig } from "./etl/etl-config.js";
export type { EtlConfig, EtlSpec, EnrichConfig, KeyLocator } from "./etl/etl-config.js";
export { readEtlConfigFile } from "./etl/etl-config-file.js";
export type { EtlConfigFile } from "./etl/etl-config-file.js";
export { SOURCES, findSource } from "./etl/sources.js";
export type { EtlSource, SourceOptions } from "./etl/sources.js";
export { SINKS, findSink } from "./etl/sinks.js";
export type { EtlSink, OutputFile, WrittenFile, SinkContext } from "./etl/sinks.js";
export type { EtlManifest, EtlCounts, ManifestOutput } from "./etl/load/manifest.js";
export { renderCsv } from "./etl/load/csv-output.js";
export { renderParquet } from "./etl/load/parquet-output.js";
export { renderQuarantine } from "./etl/load/quarantine-output.js";
export { checkBadRows } from "./etl/validate/check-bad-rows.js";
export { fillGaps } from "./etl/transform/fill-gaps.js";
export type { FillGapsOptions, FillMethod } from "./etl/transform/fill-gaps.js";
export { normalizeUnits, isEnergyUnit } from "./etl/transform/normalize-units.js";
export type { NormalizeUnitsOptions } from "./etl/transform/normalize-units.js";
export { resample } from "./etl/transform/resample.js";
export type { ResampleOptions, ResampledFrame } from "./etl/transform/resample.js";
export { addCalendarFeatures } from "./etl/transform/add-calendar-features.js";
export { addHolidays } from "./etl/transform/add-holidays.js";
export type { AddHolidaysOptions } from "./etl/transform/add-holidays.js";
export { addDaylight, solarElevationDeg } from "./etl/transform/add-daylight.js";
export type { AddDaylightOptions } from "./etl/transform/add-daylight.js";
export { joinWeather } from "./etl/transform/join-weather.js";
export type { JoinWeatherOptions } from "./etl/transform/join-weather.js";
export { enrichSeries } from "./etl/enrich-series.js";
export { streamResample, canStream } from "./etl/stream-resample.js";
export type { StreamResampleResult } from "./etl/stream-resample.js";
export { BucketAccumulator } from "./etl/transform/bucket-accumulator.js";
export type { BucketAccumulatorOptions } from "./etl/transform/bucket-accumulator.js";

// ml (issue 4: models, features, metrics, backtests)

// analysis (issue 5: analysis functions, figures, display helpers)

// runner (issue 3: notebook execution and reports)
export { display } from "./runner/display.js";
export { publish } from "./runner/publish.js";
export type { PublishOptions } from "./runner/publish.js";
export { PUBLISH_MIME, PLOTLY_MIME } from "./runner/mime-types.js";
