// The weather spec of ../shared/data/KDCA_weather_2011_2016.csv for the forecasting benchmarks,
// read by the ETL's weather reader like `--weather … --weather-column temp_dca --weather-unit F
// --weather-tz America/New_York`: °F on the US Eastern local clock (its spring-forward 02:00 is
// dropped, its one fall-back 01:00 taken as the first, EDT; see docs/etl.md#weather).

/** Returns the weather spec (a mapping, as `enrich.weather` in etl.yaml) of the KDCA file at `path`. */
export function kdcaWeatherSpec(path, timeZone = "America/New_York") {
  return { input: path, column: "temp_dca", unit: "F", tz: timeZone };
}
