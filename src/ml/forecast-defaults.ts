/**
 * The defaults of the forecasting calls (backtest, runForecastTask, fitForecaster, forecastAhead,
 * forecastOutlook, toHourlyGrid) and so of `powerflow backtest` and `powerflow forecast`, which
 * leave an option they were not given to the library and show these values in their help.
 */
export const FORECAST_DEFAULTS = {
  /** seed of every model */
  seed: 42,
  /** IANA zone of the calendar features (and of a CSV's local stamps) */
  timeZone: "UTC",
  /** public-holiday calendar: ISO country, optionally with a region ("US-NY") */
  holidayCountry: "US",
  /** TensorFlow.js backend: tensorflow, then wasm, then cpu */
  backend: "auto",
  /** origins between refits on all earlier data (0 = fit once at the split) */
  refitEvery: 0,
  /** hours per day-ahead origin, and hours forecastAhead forecasts */
  horizonHours: 24,
} as const;
