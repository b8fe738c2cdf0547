/**
 * Converts temperatures to degrees Celsius: °F → (x − 32) × 5/9, K → x − 273.15, °C unchanged.
 * NaN stays NaN.
 */
import type { TemperatureUnit } from "../weather/weather-config.js";

/** Returns `values` (in `unit`) in °C; the same array when `unit` is "C". */
export function toCelsius(values: Float64Array, unit: TemperatureUnit): Float64Array {
  if (unit === "C") return values;
  const out = new Float64Array(values.length);
  if (unit === "F") for (let i = 0; i < values.length; i++) out[i] = ((values[i]! - 32) * 5) / 9;
  else for (let i = 0; i < values.length; i++) out[i] = values[i]! - 273.15;
  return out;
}

/** Returns the conversion applied to `unit`, in words: "°F → °C: (x − 32) × 5/9". */
export function describeConversion(unit: TemperatureUnit): string {
  if (unit === "F") return "°F → °C: (x − 32) × 5/9";
  if (unit === "K") return "K → °C: x − 273.15";
  return "none (°C)";
}
