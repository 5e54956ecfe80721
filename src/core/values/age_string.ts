/**
 * Age String (AS) values (PS3.5 Table 6.2-1 AS): `nnnD`, `nnnW`, `nnnM` or `nnnY`.
 * @module
 */

/** Days, weeks, months or years. */
export type AgeUnit = "D" | "W" | "M" | "Y";

/** An age as a number of units. */
export interface Age {
  /** The number of units, 0-999. */
  value: number;
  /** D (days), W (weeks), M (months) or Y (years). */
  unit: AgeUnit;
}

const AGE_STRING = /^(\d{3})([DWMY])$/;

/**
 * Parses an AS value: exactly three digits and a unit letter (PS3.5 Table 6.2-1 AS). Surrounding
 * spaces are ignored. Returns undefined for anything else.
 * @example
 * ```ts
 * import { parseAgeString } from "./age_string.ts";
 * parseAgeString("045Y"); // { value: 45, unit: "Y" }
 * parseAgeString("18M"); // undefined
 * ```
 */
export function parseAgeString(value: string): Age | undefined {
  const m = AGE_STRING.exec(value.replace(/^[ \0]+|[ \0]+$/g, ""));
  if (m === null) return undefined;
  return { value: Number(m[1]), unit: m[2] as AgeUnit };
}

/**
 * Formats an AS value. Throws a RangeError unless `age.value` is an integer in 0-999 and
 * `age.unit` is D, W, M or Y.
 * @example
 * ```ts
 * import { formatAgeString } from "./age_string.ts";
 * formatAgeString({ value: 18, unit: "M" }); // "018M"
 * ```
 */
export function formatAgeString(age: Age): string {
  if (!Number.isInteger(age.value) || age.value < 0 || age.value > 999) {
    throw new RangeError(`Cannot format AS: ${age.value} is not an integer in 0-999`);
  }
  if (!["D", "W", "M", "Y"].includes(age.unit)) {
    throw new RangeError(`Cannot format AS: unit ${age.unit} is not D, W, M or Y`);
  }
  return String(age.value).padStart(3, "0") + age.unit;
}
