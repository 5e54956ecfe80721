/**
 * Date (DA), Time (TM) and Date Time (DT) values (PS3.5 Table 6.2-1) and the range syntax of
 * query keys (PS3.4 C.2.2.2.5). Parsers never throw: an invalid value gives `undefined`.
 * @module
 */

import type { Vr } from "../vr.ts";

/** A calendar date of the Gregorian calendar; a DT may omit the month and day. */
export interface DicomDate {
  /** Year, 0-9999. */
  year: number;
  /** Month, 1-12. */
  month?: number;
  /** Day of the month, 1-31 (as the month allows); only with a month. */
  day?: number;
}

/** A time of day on a 24-hour clock; trailing components may be omitted. */
export interface DicomTime {
  /** Hour, 0-23. */
  hour: number;
  /** Minute, 0-59. */
  minute?: number;
  /** Second, 0-60 (60 for a leap second); only with a minute. */
  second?: number;
  /** Fraction of the second in microseconds, 0-999999; only with a second. */
  fraction?: number;
  /** How many fraction digits were written, 1-6 (default 6 when formatting). */
  fractionDigits?: number;
}

/** A DT value: a date, optionally a time (only after a full date), optionally a UTC offset. */
export interface DicomDateTime {
  /** The date; month and day may be omitted. */
  date: DicomDate;
  /** The time; only with a full date. */
  time?: DicomTime;
  /** The `&ZZXX` suffix in minutes ("local time minus UTC"), -720 to +840. */
  utcOffsetMinutes?: number;
}

/** The range of the DT offset suffix (PS3.5 Table 6.2-1 DT, note 1: -1200 to +1400). */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why a structured date is not valid, or undefined when it is. */
function dateProblem(d: DicomDate): string | undefined {
  if (!isInt(d.year, 0, 9999)) return `year ${d.year} is not an integer in 0-9999`;
  if (d.month === undefined) {
    return d.day === undefined ? undefined : "a day needs a month";
  }
  if (!isInt(d.month, 1, 12)) return `month ${d.month} is not an integer in 1-12`;
  if (d.day === undefined) return undefined;
  const last = daysInMonth(d.year, d.month);
  if (!isInt(d.day, 1, last)) return `day ${d.day} is not an integer in 1-${last}`;
  return undefined;
}

/** Why a structured time is not valid, or undefined when it is. */
function timeProblem(t: DicomTime): string | undefined {
  if (!isInt(t.hour, 0, 23)) return `hour ${t.hour} is not an integer in 0-23`;
  if (t.minute !== undefined && !isInt(t.minute, 0, 59)) {
    return `minute ${t.minute} is not an integer in 0-59`;
  }
  if (t.second !== undefined) {
    if (t.minute === undefined) return "a second needs a minute";
    if (!isInt(t.second, 0, 60)) return `second ${t.second} is not an integer in 0-60`;
  }
  if (t.fraction !== undefined) {
    if (t.second === undefined) return "a fraction needs a second";
    if (!isInt(t.fraction, 0, 999_999)) {
      return `fraction ${t.fraction} is not an integer in 0-999999`;
    }
  }
  if (t.fractionDigits !== undefined && !isInt(t.fractionDigits, 1, 6)) {
    return `fractionDigits ${t.fractionDigits} is not an integer in 1-6`;
  }
  return undefined;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function digitsAt(text: string, start: number, count: number): number | undefined {
  if (start + count > text.length) return undefined;
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

/** Strips surrounding spaces and NULs; only trailing padding is allowed, the rest is lenience. */
function clean(value: string): string {
  return value.replace(/^[ \0]+|[ \0]+$/g, "");
}

const DATE_DIGITS = /^\d{8}$/;
const ACR_NEMA_DATE = /^(\d{4})\.(\d{2})\.(\d{2})$/;

/**
 * Parses a DA value `YYYYMMDD`, and leniently the ACR-NEMA form `YYYY.MM.DD` (PS3.5 Table 6.2-1
 * DA, note 1). Surrounding spaces are ignored. Returns undefined for anything else, including a
 * day the month does not have.
 * @example
 * ```ts
 * import { parseDate } from "./date_time.ts";
 * parseDate("19930822"); // { year: 1993, month: 8, day: 22 }
 * parseDate("1993.08.22"); // { year: 1993, month: 8, day: 22 }
 * parseDate("20230229"); // undefined
 * ```
 */
export function parseDate(value: string): DicomDate | undefined {
  const text = clean(value);
  let d: DicomDate;
  if (DATE_DIGITS.test(text)) {
    d = {
      year: digitsAt(text, 0, 4)!,
      month: digitsAt(text, 4, 2)!,
      day: digitsAt(text, 6, 2)!,
    };
  } else {
    const m = ACR_NEMA_DATE.exec(text);
    if (m === null) return undefined;
    d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  return dateProblem(d) === undefined ? d : undefined;
}

/**
 * Formats a date as `YYYYMMDD`; a date without a day or month gives the shorter DT forms `YYYYMM`
 * and `YYYY`. Throws a RangeError for an invalid date.
 * @example
 * ```ts
 * import { formatDate } from "./date_time.ts";
 * formatDate({ year: 1993, month: 8, day: 22 }); // "19930822"
 * formatDate({ year: 2024 }); // "2024"
 * ```
 */
export function formatDate(d: DicomDate): string {
  const problem = dateProblem(d);
  if (problem !== undefined) throw new RangeError(`Cannot format date: ${problem}`);
  let text = pad(d.year, 4);
  if (d.month !== undefined) text += pad(d.month, 2);
  if (d.day !== undefined) text += pad(d.day, 2);
  return text;
}

/** Parses the fraction digits after a ".", or undefined when they are not 1-6 digits. */
function parseFraction(digits: string): Pick<DicomTime, "fraction" | "fractionDigits"> | undefined {
  if (!/^\d{1,6}$/.test(digits)) return undefined;
  return { fraction: Number(digits.padEnd(6, "0")), fractionDigits: digits.length };
}

/** Parses a strict TM `HH[MM[SS[.F{1-6}]]]` with no surrounding text. */
function parseStrictTime(text: string): DicomTime | undefined {
  const dot = text.indexOf(".");
  const main = dot < 0 ? text : text.slice(0, dot);
  if (!/^\d+$/.test(main) || (main.length !== 2 && main.length !== 4 && main.length !== 6)) {
    return undefined;
  }
  const t: DicomTime = { hour: digitsAt(main, 0, 2)! };
  if (main.length >= 4) t.minute = digitsAt(main, 2, 2);
  if (main.length === 6) t.second = digitsAt(main, 4, 2);
  if (dot >= 0) {
    // PS3.5 Table 6.2-1 TM: the fraction follows seconds only, with 1 to 6 digits.
    if (main.length !== 6) return undefined;
    const f = parseFraction(text.slice(dot + 1));
    if (f === undefined) return undefined;
    Object.assign(t, f);
  }
  return timeProblem(t) === undefined ? t : undefined;
}

const ACR_NEMA_TIME = /^(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;

/**
 * Parses a TM value `HH`, `HHMM`, `HHMMSS` or `HHMMSS.F` with 1-6 fraction digits, and leniently
 * the ACR-NEMA form `HH:MM:SS.F` (PS3.5 Table 6.2-1 TM, note). Surrounding spaces are ignored.
 * Returns undefined for anything else, including hour 24 (PS3.5: midnight is "0000").
 * @example
 * ```ts
 * import { parseTime } from "./date_time.ts";
 * parseTime("070907.0705"); // { hour: 7, minute: 9, second: 7, fraction: 70500, fractionDigits: 4 }
 * parseTime("10:30"); // { hour: 10, minute: 30 }
 * parseTime("2400"); // undefined
 * ```
 */
export function parseTime(value: string): DicomTime | undefined {
  const text = clean(value);
  if (!text.includes(":")) return parseStrictTime(text);
  const m = ACR_NEMA_TIME.exec(text);
  if (m === null || m[2] === undefined) return undefined;
  const t: DicomTime = { hour: Number(m[1]), minute: Number(m[2]) };
  if (m[3] !== undefined) t.second = Number(m[3]);
  if (m[4] !== undefined) Object.assign(t, parseFraction(m[4]));
  return timeProblem(t) === undefined ? t : undefined;
}

/**
 * Formats a time as `HH[MM[SS[.F]]]`, writing `fractionDigits` (default 6) fraction digits; extra
 * precision in `fraction` is truncated. Throws a RangeError for an invalid time.
 * @example
 * ```ts
 * import { formatTime } from "./date_time.ts";
 * formatTime({ hour: 7, minute: 9, second: 7, fraction: 70500, fractionDigits: 4 }); // "070907.0705"
 * formatTime({ hour: 13, minute: 5 }); // "1305"
 * ```
 */
export function formatTime(t: DicomTime): string {
  const problem = timeProblem(t);
  if (problem !== undefined) throw new RangeError(`Cannot format time: ${problem}`);
  let text = pad(t.hour, 2);
  if (t.minute !== undefined) text += pad(t.minute, 2);
  if (t.second !== undefined) text += pad(t.second, 2);
  if (t.fraction !== undefined) {
    text += "." + pad(t.fraction, 6).slice(0, t.fractionDigits ?? 6);
  }
  return text;
}

/** Parses an offset suffix `&ZZXX` into minutes, or undefined when it is out of range. */
function parseOffset(text: string): number | undefined {
  const sign = text[0] === "-" ? -1 : text[0] === "+" ? 1 : 0;
  const hours = digitsAt(text, 1, 2);
  const minutes = digitsAt(text, 3, 2);
  if (sign === 0 || text.length !== 5 || hours === undefined || minutes === undefined) {
    return undefined;
  }
  if (minutes > 59) return undefined;
  // "-0000" is not allowed (PS3.5 Table 6.2-1 DT, note 2); leniently read as UTC.
  const total = sign * (hours * 60 + minutes) || 0;
  return total >= MIN_OFFSET_MINUTES && total <= MAX_OFFSET_MINUTES ? total : undefined;
}

const DATE_TIME = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,6}))?([+-]\d{4})?$/;

/**
 * Parses a DT value `YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]` (PS3.5 Table 6.2-1 DT).
 * Surrounding spaces are ignored. The offset must lie in -1200..+1400. Returns undefined for
 * anything else.
 * @example
 * ```ts
 * import { parseDateTime } from "./date_time.ts";
 * parseDateTime("20240131235959.5-0500");
 * // { date: { year: 2024, month: 1, day: 31 },
 * //   time: { hour: 23, minute: 59, second: 59, fraction: 500000, fractionDigits: 1 },
 * //   utcOffsetMinutes: -300 }
 * parseDateTime("2024"); // { date: { year: 2024 } }
 * ```
 */
export function parseDateTime(value: string): DicomDateTime | undefined {
  const m = DATE_TIME.exec(clean(value));
  if (m === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = m;
  // A fraction only follows seconds (regex groups fill left to right, so this is the only check).
  if (fraction !== undefined && second === undefined) return undefined;
  const date: DicomDate = { year: Number(year) };
  if (month !== undefined) date.month = Number(month);
  if (day !== undefined) date.day = Number(day);
  if (dateProblem(date) !== undefined) return undefined;
  const dt: DicomDateTime = { date };
  if (hour !== undefined) {
    const time: DicomTime = { hour: Number(hour) };
    if (minute !== undefined) time.minute = Number(minute);
    if (second !== undefined) time.second = Number(second);
    if (fraction !== undefined) Object.assign(time, parseFraction(fraction));
    if (timeProblem(time) !== undefined) return undefined;
    dt.time = time;
  }
  if (offset !== undefined) {
    const minutes = parseOffset(offset);
    if (minutes === undefined) return undefined;
    dt.utcOffsetMinutes = minutes;
  }
  return dt;
}

/**
 * Formats a DT value. A time needs a full date. Throws a RangeError for an invalid date, time or
 * offset (outside -720..+840 minutes).
 * @example
 * ```ts
 * import { formatDateTime } from "./date_time.ts";
 * formatDateTime({
 *   date: { year: 2024, month: 1, day: 31 },
 *   time: { hour: 23, minute: 59 },
 *   utcOffsetMinutes: 60,
 * }); // "202401312359+0100"
 * ```
 */
export function formatDateTime(dt: DicomDateTime): string {
  let text = formatDate(dt.date);
  if (dt.time !== undefined) {
    if (dt.date.day === undefined) {
      throw new RangeError("Cannot format date time: a time needs a full date");
    }
    text += formatTime(dt.time);
  }
  const offset = dt.utcOffsetMinutes;
  if (offset !== undefined) {
    if (!isInt(offset, MIN_OFFSET_MINUTES, MAX_OFFSET_MINUTES)) {
      throw new RangeError(`Cannot format date time: offset ${offset} is not in -720..840 minutes`);
    }
    const abs = Math.abs(offset);
    text += (offset < 0 ? "-" : "+") + pad(Math.floor(abs / 60), 2) + pad(abs % 60, 2);
  }
  return text;
}

/** True when `text` (already trimmed) is a valid single value of `vr`. */
function isValueOf(text: string, vr: Vr): boolean {
  if (vr === "DA") return parseDate(text) !== undefined;
  if (vr === "TM") return parseTime(text) !== undefined;
  if (vr === "DT") return parseDateTime(text) !== undefined;
  return true;
}

/**
 * Splits a range-matching key `A-B`, `-B` or `A-` (PS3.4 C.2.2.2.5) into its bounds; undefined
 * when `value` is not a range (no `-`, or just `-`). With `vr` DA, TM or DT each bound must be a
 * valid value of that VR; for DT the hyphen that separates the bounds is found among those that
 * start UTC offsets, and a value that is a single valid DT (e.g. `1990-0500`, year 1990 at offset
 * -05:00) is not a range.
 * @example
 * ```ts
 * import { parseRange } from "./date_time.ts";
 * parseRange("20240101-20240131"); // { start: "20240101", end: "20240131" }
 * parseRange("-1200", "TM"); // { end: "1200" }
 * parseRange("20240101-0500-20240102-0500", "DT"); // { start: "20240101-0500", end: "20240102-0500" }
 * parseRange("20240101"); // undefined
 * ```
 */
export function parseRange(
  value: string,
  vr?: Vr,
): { start?: string; end?: string } | undefined {
  const text = clean(value);
  const checked = vr === "DA" || vr === "TM" || vr === "DT";
  if (vr === "DT" && parseDateTime(text) !== undefined) return undefined;
  for (let i = text.indexOf("-"); i >= 0; i = text.indexOf("-", i + 1)) {
    // Without DT offsets a range has exactly one hyphen.
    if (vr !== "DT" && text.indexOf("-", i + 1) >= 0) return undefined;
    const start = clean(text.slice(0, i));
    const end = clean(text.slice(i + 1));
    if (start === "" && end === "") return undefined;
    if (
      checked && ((start !== "" && !isValueOf(start, vr)) || (end !== "" && !isValueOf(end, vr)))
    ) {
      continue;
    }
    const range: { start?: string; end?: string } = {};
    if (start !== "") range.start = start;
    if (end !== "") range.end = end;
    return range;
  }
  return undefined;
}

/**
 * The instant a date and optional time denote, read as UTC: missing month and day count as 1,
 * missing time components as 0, the fraction is truncated to milliseconds, and a leap second
 * rolls over into the next minute.
 * @example
 * ```ts
 * import { dateToJsDate } from "./date_time.ts";
 * dateToJsDate({ year: 1993, month: 8, day: 22 }, { hour: 12 }).toISOString();
 * // "1993-08-22T12:00:00.000Z"
 * ```
 */
export function dateToJsDate(d: DicomDate, t?: DicomTime): Date {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(d.year, (d.month ?? 1) - 1, d.day ?? 1);
  date.setUTCHours(
    t?.hour ?? 0,
    t?.minute ?? 0,
    t?.second ?? 0,
    Math.floor((t?.fraction ?? 0) / 1000),
  );
  return date;
}
