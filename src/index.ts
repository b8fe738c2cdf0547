// The only public entry of PowerFlow: explicit named re-exports, grouped by area.
// Notebooks and the CLI import from here (eslint.config.js holds the CLI to it); anything not
// named here is private, and tests import it from its own file. Heavy dependencies (TensorFlow.js,
// date-holidays, the runner's ZeroMQ and report renderer) load on first use, so importing this
// file stays cheap for every CLI command and notebook.

// errors
export {
  PowerFlowError,
  InputError,
  ValidationError,
  SourceError,
  ModelError,
  NotebookError,
  DisplayError,
  CliError,
  isPowerFlowError,
  isInputError,
  isValidationError,
  isSourceError,
  isModelError,
  isNotebookError,
  isDisplayError,
  isCliError,
} from "./errors.js";
export type {
  ValidationProblem,
  DataLocation,
  NotebookFailure,
  DisplayFailureReason,
} from "./errors.js";

// frames
export { createFrame, createLoadSeries, numberColumn, takeRows, sliceRows } from "./frame.js";
export type { Column, Frame, LoadSeries } from "./frame.js";

// effects
export { nodeEffects, silentLogger, stderrLogger, writeFileAtomic } from "./effects.js";
export type { Effects, FileData, Logger } from "./effects.js";
// storage (issue 16: one layer for ETL outputs, reports, run indexes and models)
export { openStore } from "./storage/open-store.js";
export { parseTarget, parseFileTarget, parseGitTarget } from "./storage/parse-target.js";
export type { StoreTarget, LocalTarget, GcsTarget, GitTarget } from "./storage/parse-target.js";
export type {
  Store,
  StoreKind,
  BlobInput,
  BlobContent,
  StoredBlob,
  WriteContext,
} from "./storage/store.js";
export { loadToGit } from "./storage/git-store.js";
export type { LoadToGitOptions } from "./storage/git-store.js";
export type { GcsOptions } from "./storage/gcs-client.js";
export { parseGsUri } from "./storage/gcs-client.js";

// default data
export { generateLoad, GENERATE_DEFAULTS } from "./generate/generate-load.js";
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
export { sortByTime } from "./etl/transform/sort-by-time.js";
export { mergeDuplicates } from "./etl/transform/merge-duplicates.js";
export type { DuplicatePolicy, MergeDuplicatesOptions } from "./etl/transform/merge-duplicates.js";
export { detectGaps } from "./etl/transform/detect-gaps.js";
export { flagOutliers } from "./etl/transform/flag-outliers.js";
export type { FlagOutliersOptions } from "./etl/transform/flag-outliers.js";
export { reconcile } from "./etl/validate/reconcile.js";
export type { QualityReport, QualityFinding, GapInfo } from "./etl/validate/quality-report.js";
export { runEtl } from "./etl/pipeline.js";
export type { RunEtlHooks } from "./etl/pipeline.js";
export { normalizeEtlConfig } from "./etl/etl-config.js";
export { ETL_DEFAULTS } from "./etl/etl-defaults.js";
export type { EtlConfig, EtlSpec, EnrichConfig, KeyLocator } from "./etl/etl-config.js";
export { readEtlConfigFile } from "./etl/etl-config-file.js";
export type { EtlConfigFile } from "./etl/etl-config-file.js";
export { SOURCES, findSource } from "./etl/sources.js";
export type { EtlSource, SourceOptions } from "./etl/sources.js";
// etl connectors (issue 7: HTTP APIs, databases, object storage, git)
export { httpRequest } from "./etl/extract/http-request.js";
export type {
  HttpRequestOptions,
  HttpRetryOptions,
  HttpResult,
} from "./etl/extract/http-request.js";
export { redactDeep, redactSecrets } from "./util/redact-secrets.js";
export { extractEiaHourly } from "./etl/extract/eia-hourly.js";
export type { ExtractEiaHourlyOptions, EiaQuery } from "./etl/extract/eia-hourly.js";
export { extractEntsoeLoad } from "./etl/extract/entsoe-load.js";
export type { ExtractEntsoeLoadOptions, EntsoeQuery } from "./etl/extract/entsoe-load.js";
export { extractOpsdCsv } from "./etl/extract/opsd-csv.js";
export type { ExtractOpsdCsvOptions } from "./etl/extract/opsd-csv.js";
export { extractPostgres } from "./etl/extract/postgres-extract.js";
export type { ExtractPostgresOptions } from "./etl/extract/postgres-extract.js";
export { extractSqlite } from "./etl/extract/sqlite-extract.js";
export type { ExtractSqliteOptions } from "./etl/extract/sqlite-extract.js";
export type { EtlManifest, EtlCounts, ManifestOutput } from "./etl/load/manifest.js";
export { renderCsv, renderCsvChunks } from "./etl/load/csv-output.js";
export { renderParquet, renderParquetChunks } from "./etl/load/parquet-output.js";
export { renderQuarantine } from "./etl/load/quarantine-output.js";
export { fillGaps } from "./etl/transform/fill-gaps.js";
export type { FillGapsOptions, FillMethod } from "./etl/transform/fill-gaps.js";
export { normalizeUnits } from "./etl/transform/normalize-units.js";
export type { NormalizeUnitsOptions } from "./etl/transform/normalize-units.js";
export { resample } from "./etl/transform/resample.js";
export type { ResampleOptions, ResampledFrame } from "./etl/transform/resample.js";
export { addCalendarFeatures } from "./etl/transform/add-calendar-features.js";
export { addHolidays } from "./etl/transform/add-holidays.js";
export type { AddHolidaysOptions } from "./etl/transform/add-holidays.js";
export { addDaylight } from "./etl/transform/add-daylight.js";
export type { AddDaylightOptions } from "./etl/transform/add-daylight.js";
export { joinWeather } from "./etl/transform/join-weather.js";
export { dropWeather, WEATHER_COLUMNS } from "./etl/transform/drop-weather.js";
export type {
  JoinWeatherOptions,
  JoinWeatherResult,
  WeatherOverlap,
} from "./etl/transform/join-weather.js";
export { enrichSeries } from "./etl/enrich-series.js";
export type { EnrichNotes } from "./etl/enrich-series.js";

// weather (issue 14: weather sources, cleaning, stations, join)
export { readWeatherSeries } from "./etl/weather/read-weather-series.js";
export type { ReadWeatherSeriesOptions, WeatherSeries } from "./etl/weather/read-weather-series.js";
export { attachWeather, sliceToOverlap } from "./etl/weather/attach-weather.js";
export type { AttachWeatherOptions, AttachWeatherResult } from "./etl/weather/attach-weather.js";
export { normalizeWeatherConfig, WEATHER_FORMATS } from "./etl/weather/weather-config.js";
export type {
  WeatherSpec,
  WeatherConfig,
  WeatherStationConfig,
  WeatherFormat,
  TemperatureUnit,
} from "./etl/weather/weather-config.js";
export type { WeatherReport, WeatherStationReport } from "./etl/weather/weather-report.js";
export { extractWeatherStation } from "./etl/weather/extract-weather.js";
export type { ExtractWeatherOptions, ExtractedStation } from "./etl/weather/extract-weather.js";
export type { RawWeather, WeatherFile } from "./etl/weather/raw-weather.js";
export { parseIsdLite } from "./etl/weather/isd-lite.js";
export { parseMeteostatCsv, METEOSTAT_HOURLY_COLUMNS } from "./etl/weather/meteostat-csv.js";
export { extractOpenMeteo, parseOpenMeteoJson } from "./etl/weather/open-meteo.js";
export type { ExtractOpenMeteoOptions } from "./etl/weather/open-meteo.js";
export { openMeteoRequests } from "./etl/weather/open-meteo-requests.js";
export type { OpenMeteoRequestsOptions } from "./etl/weather/open-meteo-requests.js";
export { extractWeatherCsv } from "./etl/weather/weather-csv.js";
export type { ExtractWeatherCsvOptions, WeatherCsvSource } from "./etl/weather/weather-csv.js";
export { cleanWeather } from "./etl/transform/clean-weather.js";
export type {
  CleanWeatherOptions,
  CleanWeatherResult,
  CleanWeatherStats,
  WeatherFrame,
} from "./etl/transform/clean-weather.js";
export { combineWeatherStations } from "./etl/transform/combine-weather-stations.js";
export type {
  CombinedWeatherFrame,
  CombineWeatherStationsResult,
  StationCoverage,
  WeightedStation,
} from "./etl/transform/combine-weather-stations.js";
export { toCelsius, describeConversion } from "./etl/transform/to-celsius.js";
export { prepareSeries } from "./etl/prepare-series.js";
export type { PreparedSeries, SeriesInput } from "./etl/prepare-series.js";
export { SERIES_STEPS } from "./etl/series-steps.js";
export type { SeriesStep, SeriesConfig } from "./etl/steps/series-step.js";

// ml (issue 4: models, features, metrics, backtests)
export { forecastOutlook } from "./ml/forecast-outlook.js";
export type { ForecastOutlook, ForecastOutlookOptions } from "./ml/forecast-outlook.js";
export { FORECAST_DEFAULTS } from "./ml/forecast-defaults.js";
export { backtest, MIN_HISTORY_HOURS } from "./ml/backtest.js";
export type { BacktestOptions, BacktestResult, ModelBacktest } from "./ml/backtest.js";
export { runForecastTask } from "./ml/run-forecast-task.js";
export type { RunForecastTaskOptions, ForecastTaskResult } from "./ml/run-forecast-task.js";
export { joinBacktestWeather, EX_POST_LABEL } from "./ml/backtest-weather.js";
export type { BacktestWeather } from "./ml/backtest-weather.js";
export { modelUsesWeather } from "./ml/features/weather-features.js";
export { TEMPERATURE_KNOTS_C } from "./ml/features/temperature-table.js";
export { fitForecaster } from "./ml/fit-forecaster.js";
export type { FitForecasterOptions, Forecaster } from "./ml/fit-forecaster.js";
export { forecastAhead } from "./ml/forecast-ahead.js";
export { forecastAheadWithWeather, weatherHoursBefore } from "./ml/forecast-ahead-with-weather.js";
export type { ForecastWeather, ForecastWithWeather } from "./ml/forecast-ahead-with-weather.js";
export type { ForecastAheadWithWeatherOptions } from "./ml/forecast-ahead-with-weather.js";
export type { ForecastAheadOptions } from "./ml/forecast-ahead.js";
export type { ForecastFrame } from "./ml/forecast-frame.js";
export { saveModel, loadModel } from "./ml/save-model.js";
export type { LoadModelOptions } from "./ml/save-model.js";
export { getModel, modelNames, modelsForTask } from "./ml/registry.js";
export type {
  Model,
  FittedPointModel,
  FitContext,
  ModelCard,
  ModelState,
  ConformalTable,
  ForecastTaskKind,
} from "./ml/model.js";
export { toHourlyGrid } from "./ml/hourly-grid.js";
export type { HourlyGrid, HourlyGridOptions } from "./ml/hourly-grid.js";
export { selectBackend, activeBackend } from "./ml/backend.js";
export type { BackendName, SelectBackendOptions } from "./ml/backend.js";
export {
  forecastMetrics,
  meanAbsoluteError,
  rootMeanSquaredError,
  meanAbsolutePercentageError,
  symmetricMape,
  seasonalNaiveScale,
  pinballLoss,
  intervalCoverage,
} from "./ml/metrics.js";
export type { ForecastMetrics, ForecastMetricsOptions, IntervalBounds } from "./ml/metrics.js";

// analysis (issue 5: analysis functions, figures, display helpers)
export { forecastOutlookFigure } from "./analysis/figures/forecast-outlook-figure.js";
export type { ForecastOutlookFigureOptions } from "./analysis/figures/forecast-outlook-figure.js";
export { localCalendar, formatLocalTime } from "./analysis/local-calendar.js";
export type { LocalCalendar } from "./analysis/local-calendar.js";
export { dailyLoad } from "./analysis/daily-load.js";
export type { DailyLoad, DailyLoadOptions } from "./analysis/daily-load.js";
export { describeLoad } from "./analysis/describe-load.js";
export type { DescribeLoadOptions, PeriodStats, StatsPeriod } from "./analysis/describe-load.js";
export { hourWeekdayProfile } from "./analysis/hour-weekday-profile.js";
export type {
  HourWeekdayProfile,
  HourWeekdayProfileOptions,
} from "./analysis/hour-weekday-profile.js";
export { monthlyProfile } from "./analysis/monthly-profile.js";
export type { MonthlyProfileOptions, MonthProfileRow } from "./analysis/monthly-profile.js";
export { dayTypeProfile } from "./analysis/day-type-profile.js";
export type {
  DayType,
  DayTypeCurve,
  DayTypeProfile,
  DayTypeProfileOptions,
} from "./analysis/day-type-profile.js";
export { publicHolidays } from "./analysis/public-holidays.js";
export { loadDurationCurve } from "./analysis/load-duration-curve.js";
export type {
  LoadDurationCurve,
  LoadDurationCurveOptions,
} from "./analysis/load-duration-curve.js";
export { peakAnalysis } from "./analysis/peak-analysis.js";
export type {
  Peak,
  PeakAnalysis,
  PeakAnalysisOptions,
  YearPeak,
} from "./analysis/peak-analysis.js";
export { yearOverYear } from "./analysis/year-over-year.js";
export type { YearOverYearOptions, YearRow } from "./analysis/year-over-year.js";
export { theilSen } from "./analysis/theil-sen.js";
export type { TheilSenFit, TheilSenOptions } from "./analysis/theil-sen.js";
export { mannKendall } from "./analysis/mann-kendall.js";
export type { MannKendallOptions, MannKendallResult } from "./analysis/mann-kendall.js";
export { longTermTrend } from "./analysis/long-term-trend.js";
export type {
  LongTermTrend,
  LongTermTrendOptions,
  TrendMonth,
} from "./analysis/long-term-trend.js";
export { decomposeDaily } from "./analysis/decompose-daily.js";
export type { DailyDecomposition, DecomposeDailyOptions } from "./analysis/decompose-daily.js";
export { detectAnomalies } from "./analysis/detect-anomalies.js";
export type { Anomaly, DetectAnomaliesOptions } from "./analysis/detect-anomalies.js";
export {
  temperatureSensitivity,
  predictTemperatureLoad,
} from "./analysis/temperature-sensitivity.js";
export type {
  TemperatureSensitivity,
  TemperatureSensitivityOptions,
} from "./analysis/temperature-sensitivity.js";
export { renewableShare } from "./analysis/renewable-share.js";
export type { RenewableShareOptions, RenewableShareRow } from "./analysis/renewable-share.js";
export { forecastErrorBy } from "./analysis/forecast-error-by.js";
export type {
  ForecastErrorByOptions,
  ForecastErrorGroup,
  ForecastVsActual,
} from "./analysis/forecast-error-by.js";
export { analyzeLoad } from "./analysis/analyze-load.js";
export type { AnalyzeLoadOptions, LoadAnalysis } from "./analysis/analyze-load.js";
export { insights, insightsMarkdown } from "./analysis/insights.js";
export type { Insight, InsightsOptions } from "./analysis/insights.js";
// analysis: observed weather in notebooks (issue 14: temperature–load, with and without weather)
export { readObservedWeather, NO_WEATHER_NOTE } from "./analysis/read-observed-weather.js";
export type {
  ObservedWeather,
  ReadObservedWeatherOptions,
} from "./analysis/read-observed-weather.js";
export { compareWeatherBacktests } from "./analysis/compare-weather-backtests.js";
export type {
  CompareWeatherBacktestsOptions,
  WeatherBacktestComparison,
} from "./analysis/compare-weather-backtests.js";
export { weatherComparisonRows } from "./analysis/weather-comparison-rows.js";
export type { WeatherComparisonRow } from "./analysis/weather-comparison-rows.js";
export {
  weatherSourceMarkdown,
  weatherGainMarkdown,
  weatherInsight,
} from "./analysis/weather-comparison-text.js";
export { temperatureLoadDays, SEASONS } from "./analysis/temperature-load-days.js";
export type {
  TemperatureLoadDays,
  TemperatureLoadDaysOptions,
  SeasonSlope,
} from "./analysis/temperature-load-days.js";
export { temperatureLoadFigure } from "./analysis/figures/temperature-load-figure.js";
export type { TemperatureLoadFigureOptions } from "./analysis/figures/temperature-load-figure.js";
export {
  showWeatherComparison,
  weatherComparisonBundles,
  WEATHER_COMPARISON_PARTS,
} from "./analysis/display/show-weather-comparison.js";
export { showObservedWeather } from "./analysis/display/show-observed-weather.js";
export type { ShowObservedWeatherOptions } from "./analysis/display/show-observed-weather.js";
export { formatNumber, formatPercent } from "./analysis/format-number.js";
export { PALETTE, SERIES_COLORS, baseLayout } from "./analysis/figures/plotly-figure.js";
export type { PlotlyFigure, BaseLayoutOptions } from "./analysis/figures/plotly-figure.js";
export { loadTimeSeriesFigure } from "./analysis/figures/load-time-series-figure.js";
export { hourWeekdayHeatmapFigure } from "./analysis/figures/hour-weekday-heatmap-figure.js";
export { weeklyProfileFigure } from "./analysis/figures/weekly-profile-figure.js";
export { monthlyProfileFigure } from "./analysis/figures/monthly-profile-figure.js";
export { dayTypeProfileFigure } from "./analysis/figures/day-type-profile-figure.js";
export { loadDurationCurveFigure } from "./analysis/figures/load-duration-curve-figure.js";
export { peakTimingFigure } from "./analysis/figures/peak-timing-figure.js";
export { yearOverYearFigure } from "./analysis/figures/year-over-year-figure.js";
export { longTermTrendFigure } from "./analysis/figures/long-term-trend-figure.js";
export { decompositionFigure } from "./analysis/figures/decomposition-figure.js";
export { anomaliesFigure } from "./analysis/figures/anomalies-figure.js";
export { temperatureSensitivityFigure } from "./analysis/figures/temperature-sensitivity-figure.js";
export { renewableShareFigure } from "./analysis/figures/renewable-share-figure.js";
export { forecastFigure } from "./analysis/figures/forecast-figure.js";
export { residualsFigure } from "./analysis/figures/residuals-figure.js";
export { forecastErrorByFigure } from "./analysis/figures/forecast-error-by-figure.js";
export { monthlyProfilesByYearSvg } from "./analysis/figures/monthly-profiles-by-year-svg.js";
export type { StaticFigure } from "./analysis/figures/monthly-profiles-by-year-svg.js";
export { sendBundle } from "./analysis/display/mime-bundle.js";
export type { MimeBundle } from "./analysis/display/mime-bundle.js";
export { plotlyBundle, showPlotly } from "./analysis/display/show-plotly.js";
export type { PlotlyBundleOptions } from "./analysis/display/show-plotly.js";
export { svgBundle, showSvg } from "./analysis/display/show-svg.js";
export { tableBundle, showTable } from "./analysis/display/show-table.js";
export type { ShowTableOptions } from "./analysis/display/show-table.js";
export { metricsTableBundle, showMetricsTable } from "./analysis/display/show-metrics-table.js";
export type { MetricsTableOptions } from "./analysis/display/show-metrics-table.js";
export { markdownBundle, showMarkdown } from "./analysis/display/show-markdown.js";
export { showAnalysis, analysisBundle, ANALYSIS_PARTS } from "./analysis/display/show-analysis.js";
export { selectPeriod } from "./analysis/select-period.js";
export type { SelectPeriodOptions } from "./analysis/select-period.js";
export { sampleRows } from "./analysis/sample-rows.js";
export { zoneLabel } from "./analysis/zone-label.js";
export { backtestMetricRows, forecastVsActual } from "./analysis/backtest-views.js";
export type {
  BacktestMetricRow,
  BacktestMetricRowsOptions,
  ForecastVsActualOptions,
} from "./analysis/backtest-views.js";
export { recentSplit } from "./analysis/recent-split.js";
export type { RecentSplitOptions } from "./analysis/recent-split.js";
export { qualitySummary, gapTable } from "./analysis/quality-summary.js";
export type { QualityRow, GapRow, GapTableOptions } from "./analysis/quality-summary.js";
export type { SampleRowsOptions } from "./analysis/sample-rows.js";
export { toDanfo, fromDanfo, danfoRows, loadDanfo } from "./analysis/danfo-bridge.js";
export type { DanfoFrame, ToDanfoOptions } from "./analysis/danfo-bridge.js";

// runner: what a notebook calls while it runs (display, published metrics)
export { display } from "./runner/display.js";
export { publish } from "./runner/publish.js";
export type { PublishOptions } from "./runner/publish.js";
export { PUBLISH_MIME, PLOTLY_MIME } from "./runner/mime-types.js";

// runner: executing notebooks into reports (`powerflow run`, `params`, `kernel`)
export { runNotebooks } from "./runner/run-notebooks-on-use.js";
export type { RunNotebooksOptions, RunSummary } from "./runner/run-notebooks.js";
export type { NotebookRunResult } from "./runner/run-notebook.js";
export { assertRunSucceeded } from "./runner/assert-run-succeeded.js";
export { RUN_DEFAULTS } from "./runner/run-defaults.js";
export { prepareNotebook } from "./runner/prepare-notebook.js";
export type { PreparedNotebook } from "./runner/prepare-notebook.js";
export { parsePairArgs, parseParamsFile } from "./runner/params/read-parameter-args.js";
export type { RawParameter } from "./runner/params/coerce-parameters.js";
export { createProgressReporter } from "./runner/progress.js";
export type { ProgressEvent, ProgressReporter } from "./runner/progress.js";
export { installKernelSpec } from "./runner/kernel/install-kernelspec.js";
export type { InstallKernelSpecOptions } from "./runner/kernel/install-kernelspec.js";
export { listKernelSpecs, TSLAB_KERNEL_NAME } from "./runner/kernel/kernelspec.js";
export { openReportStore, openWrittenReportStore } from "./runner/open-report-store.js";

// runner freshness (issue 13: what each run read, its cache key, `powerflow verify`)
export { verifyReports } from "./runner/freshness/verify-reports.js";
export type { ReportVerdict, VerifyReportsOptions } from "./runner/freshness/verify-reports.js";
export type { InputChange } from "./runner/freshness/find-changes.js";
export type {
  CacheBasis,
  CacheRecord,
  RecordedFile,
  RecordedListing,
  RecordedProbe,
  RecordedEnv,
  RecordedRequest,
  RecordedReads,
} from "./runner/freshness/read-records.js";
