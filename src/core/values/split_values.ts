/**
 * Value multiplicity and insignificant padding of text values (PS3.5 6.2 and 6.4): splitting a
 * decoded text value field into its values, trimming each value, and joining values back.
 * @module
 */

import { type Vr, VR_INFO } from "../vr.ts";

/** How much of the surrounding white space of one value is insignificant. */
type TrimRule = "both" | "trailing" | "none";

/**
 * Which spaces (20H) of one value are insignificant, by VR, transcribed from PS3.5 Table 6.2-1.
 * Every text value may also carry the single trailing pad byte of PS3.5 6.2 (a space, or NUL for
 * UI), so no text VR keeps trailing spaces.
 */
const TRIM_RULES: Readonly<Partial<Record<Vr, TrimRule>>> = {
  // Table 6.2-1 AE: "leading and trailing spaces (20H) being non-significant".
  AE: "both",
  // Table 6.2-1 AS: fixed "nnnD"; no rule, so only the PS3.5 6.2 trailing pad is removed.
  AS: "trailing",
  // Table 6.2-1 CS: "Leading or trailing spaces (20H) are not significant".
  CS: "both",
  // Table 6.2-1 DA: fixed "YYYYMMDD"; no rule, so only the PS3.5 6.2 trailing pad is removed.
  DA: "trailing",
  // Table 6.2-1 DS: "may be padded with leading and/or trailing spaces".
  DS: "both",
  // Table 6.2-1 DT: "may be padded with trailing SPACE characters. Leading and embedded spaces are
  // not allowed".
  DT: "trailing",
  // Table 6.2-1 IS: "may be padded with leading and/or trailing spaces".
  IS: "both",
  // Table 6.2-1 LO: "may be padded with leading and/or trailing spaces".
  LO: "both",
  // Table 6.2-1 LT: "may be padded with trailing spaces, which may be ignored, but leading spaces
  // are considered to be significant".
  LT: "trailing",
  // Table 6.2-1 PN: "The string may be padded with trailing spaces". (Spaces around each
  // component are insignificant too, CP-726, but that is for matching, not for the raw value.)
  PN: "trailing",
  // Table 6.2-1 SH: "may be padded with leading and/or trailing spaces".
  SH: "both",
  // Table 6.2-1 ST: as LT, leading spaces are significant, trailing spaces may be ignored.
  ST: "trailing",
  // Table 6.2-1 TM: "may be padded with trailing spaces. Leading and embedded spaces are not
  // allowed".
  TM: "trailing",
  // Table 6.2-1 UC: "may be padded with trailing spaces".
  UC: "trailing",
  // Table 6.2-1 UI: padded with a single trailing NUL (00H) (PS3.5 6.2); trailing spaces are
  // removed too, leniently, since a UID never contains a space.
  UI: "trailing",
  // Table 6.2-1 UR and PS3.5 6.2.3: "Trailing spaces shall be ignored"; leading spaces are not
  // allowed, so they are kept to show the error.
  UR: "trailing",
  // Table 6.2-1 UT: as LT, leading spaces are significant, trailing spaces may be ignored.
  UT: "trailing",
};

function isSpace(code: number): boolean {
  return code === 0x20;
}

function isSpaceOrNul(code: number): boolean {
  return code === 0x20 || code === 0x00;
}

/**
 * Removes the insignificant spaces of one value of the given VR (PS3.5 Table 6.2-1), plus any
 * trailing NUL bytes: NUL is the UI pad byte, is not allowed in any text VR, and is a common
 * encoder error in the others. Values of non-text VRs are returned unchanged.
 * @example
 * ```ts
 * import { trimValue } from "./split_values.ts";
 * trimValue(" ORIGINAL ", "CS"); // "ORIGINAL"
 * trimValue("  indented text ", "LT"); // "  indented text"
 * trimValue("1.2.840.10008.1.2\0", "UI"); // "1.2.840.10008.1.2"
 * ```
 */
export function trimValue(value: string, vr: Vr): string {
  const rule = TRIM_RULES[vr] ?? "none";
  if (rule === "none") return value;
  let end = value.length;
  while (end > 0 && isSpaceOrNul(value.charCodeAt(end - 1))) end--;
  let start = 0;
  if (rule === "both") {
    while (start < end && isSpace(value.charCodeAt(start))) start++;
  }
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * Splits a decoded text value field into its values (PS3.5 6.4): on backslash for the
 * multi-valued text VRs (`VR_INFO[vr].multiValued`), never for LT, ST, UT and UR, then trims each
 * value with {@link trimValue}. An empty field, or one that trims to a single empty value, has no
 * values at all (VM 0).
 * @example
 * ```ts
 * import { splitValues } from "./split_values.ts";
 * splitValues("ORIGINAL\\PRIMARY\\AXIAL ", "CS"); // ["ORIGINAL", "PRIMARY", "AXIAL"]
 * splitValues("a\\b", "LT"); // ["a\\b"]
 * splitValues("", "PN"); // []
 * ```
 */
export function splitValues(text: string, vr: Vr): string[] {
  // VR_INFO marks LT, ST, UT and UR single-valued: their values may contain a backslash.
  const parts = VR_INFO[vr].multiValued ? text.split("\\") : [text];
  const values = parts.map((part) => trimValue(part, vr));
  return values.length === 1 && values[0] === "" ? [] : values;
}

/**
 * Joins values into one value field with the backslash delimiter (PS3.5 6.4). No padding is
 * added; the writer pads to even length.
 * @example
 * ```ts
 * import { joinValues } from "./split_values.ts";
 * joinValues(["ORIGINAL", "PRIMARY"]); // "ORIGINAL\\PRIMARY"
 * joinValues([]); // ""
 * ```
 */
export function joinValues(values: readonly string[]): string {
  return values.join("\\");
}
