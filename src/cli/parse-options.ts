/** Small parsers for CLI option values; each throws InputError naming the flag. */
import { InputError } from "../index.js";

/** Returns `text` as an integer, or throws InputError naming `flag`. */
export function parseIntegerOption(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) {
    throw new InputError(`invalid ${flag}: "${text}" (expected an integer)`);
  }
  return Number(text);
}

/** Returns `text` as a finite number, or throws InputError naming `flag`. */
export function parseNumberOption(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new InputError(`invalid ${flag}: "${text}" (expected a number)`);
  }
  return value;
}
