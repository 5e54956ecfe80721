/**
 * Integer String (IS) and Decimal String (DS) values (PS3.5 Table 6.2-1). Parsers never throw:
 * an invalid value gives `undefined`.
 * @module
 */

/** The IS range (PS3.5 Table 6.2-1 IS: -2^31 <= n <= 2^31 - 1). */
const IS_MIN = -(2 ** 31);
const IS_MAX = 2 ** 31 - 1;

/** The DS length limit (PS3.5 Table 6.2-1 DS: 16 bytes maximum). */
const DS_MAX_LENGTH = 16;

const INTEGER_STRING = /^[+-]?\d+$/;
// PS3.5 Table 6.2-1 DS: fixed point "0-9 with an optional leading + or - and an optional .", or
// floating point as in ANSI X3.9 (Fortran 77) with "E" or "e" before the exponent. Leniently also
// "1." and ".5", which pydicom's DS validation accepts too.
const DECIMAL_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Strips the leading and trailing spaces IS and DS allow (and NUL padding, leniently). */
function clean(value: string): string {
  return value.replace(/^[ \0]+|[ \0]+$/g, "");
}

/**
 * Parses an IS value: an optional sign and decimal digits in -2^31..2^31-1, with leading and
 * trailing spaces allowed (PS3.5 Table 6.2-1 IS). Returns undefined for anything else, including
 * "1.0" and "1e3".
 * @example
 * ```ts
 * import { parseIntegerString } from "./numeric_string.ts";
 * parseIntegerString(" -42 "); // -42
 * parseIntegerString("2147483648"); // undefined
 * ```
 */
export function parseIntegerString(value: string): number | undefined {
  const text = clean(value);
  if (!INTEGER_STRING.test(text)) return undefined;
  const n = Number(text);
  if (n < IS_MIN || n > IS_MAX) return undefined;
  return n === 0 ? 0 : n; // no -0
}

/**
 * Parses a DS value in fixed or exponent form, with leading and trailing spaces allowed (PS3.5
 * Table 6.2-1 DS). Returns undefined for anything else, including "NaN", "inf" and values that
 * overflow to infinity.
 * @example
 * ```ts
 * import { parseDecimalString } from "./numeric_string.ts";
 * parseDecimalString(" 0.5 "); // 0.5
 * parseDecimalString("-1.5e-3"); // -0.0015
 * parseDecimalString("NaN"); // undefined
 * ```
 */
export function parseDecimalString(value: string): number | undefined {
  const text = clean(value);
  if (!DECIMAL_STRING.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return n === 0 ? 0 : n; // no -0
}

/**
 * Formats an IS value. Throws a RangeError unless `n` is an integer in -2^31..2^31-1.
 * @example
 * ```ts
 * import { formatIntegerString } from "./numeric_string.ts";
 * formatIntegerString(-42); // "-42"
 * ```
 */
export function formatIntegerString(n: number): string {
  if (!Number.isInteger(n) || n < IS_MIN || n > IS_MAX) {
    throw new RangeError(`Cannot format IS: ${n} is not an integer in -2147483648..2147483647`);
  }
  return String(n === 0 ? 0 : n);
}

/** The significant digits and decimal exponent of `abs` (> 0) rounded to `precision` digits. */
function decompose(abs: number, precision: number): { digits: string; exponent: number } {
  const [mantissa, exp] = abs.toExponential(precision - 1).split("e");
  let digits = mantissa.replace(".", "");
  digits = digits.replace(/0+$/, "") || "0";
  return { digits, exponent: Number(exp) };
}

/** Forms of one number with the given significant digits, most readable first. */
function forms(digits: string, exponent: number): string[] {
  const n = digits.length;
  // Fixed point: d.ddd moved by the exponent.
  let fixed: string;
  if (exponent >= n - 1) fixed = digits + "0".repeat(exponent - (n - 1));
  else if (exponent >= 0) fixed = digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
  else fixed = "0." + "0".repeat(-exponent - 1) + digits;
  // Scientific, normalised: d.ddde±x (ANSI X3.9 allows an unsigned positive exponent).
  const scientific = (n > 1 ? digits[0] + "." + digits.slice(1) : digits) + "e" + exponent;
  // Scientific with an integer mantissa saves the "." for one more digit: ddddde±x.
  const integral = digits + "e" + (exponent - (n - 1));
  // Prefer what String(n) would write: fixed for exponents in -6..20, else scientific.
  const natural = exponent >= -6 && exponent <= 20 ? [fixed, scientific] : [scientific, fixed];
  return [...natural, integral];
}

/** The fewest significant digits (1-17) that round-trip `abs`. */
function shortestPrecision(abs: number): number {
  for (let p = 1; p < 17; p++) {
    if (Number(abs.toExponential(p - 1)) === abs) return p;
  }
  return 17;
}

/**
 * Formats a DS value in at most 16 characters (PS3.5 Table 6.2-1 DS), like pydicom's
 * `format_number_as_ds`: the shortest text that reads back as exactly `n` when that fits,
 * otherwise as many significant digits as fit, in fixed or exponent form. Throws a RangeError
 * for NaN and infinities, which DS cannot represent.
 * @example
 * ```ts
 * import { formatDecimalString } from "./numeric_string.ts";
 * formatDecimalString(0.5); // "0.5"
 * formatDecimalString(1 / 3); // "0.33333333333333"
 * formatDecimalString(-1.2345678901234567e-30); // "-12345678901e-40"
 * ```
 */
export function formatDecimalString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Cannot format DS: ${n} is not finite`);
  if (n === 0) return "0";
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  for (let p = shortestPrecision(abs); p >= 1; p--) {
    const { digits, exponent } = decompose(abs, p);
    for (const form of forms(digits, exponent)) {
      // Rounding up near Number.MAX_VALUE may overflow to infinity: try fewer digits then.
      if (sign.length + form.length <= DS_MAX_LENGTH && Number.isFinite(Number(form))) {
        return sign + form;
      }
    }
  }
  // Unreachable: one digit always fits ("-5e-324" is 7 characters).
  throw new RangeError(`Cannot format DS: ${n} does not fit in 16 characters`);
}
