/**
 * Application Entity titles (AE VR, PS3.5 6.2): at most 16 characters of the default character
 * repertoire, no backslash, no control characters, not all spaces; leading and trailing spaces
 * are not significant.
 * @module
 */
import { AeTitleError } from "./errors.ts";

/** The longest AE title (PS3.5 6.2 and PS3.8 9.3.2: a 16-byte field). */
export const MAX_AE_TITLE_LENGTH = 16;

/**
 * Why an AE title is invalid, or `undefined` when it is valid.
 * @example
 * ```ts
 * import { aeTitleProblem } from "./ae_title.ts";
 * aeTitleProblem("STORESCP"); // undefined
 * aeTitleProblem("    "); // "all spaces"
 * aeTitleProblem("A\\B"); // "contains a backslash"
 * ```
 */
export function aeTitleProblem(aeTitle: string): string | undefined {
  if (aeTitle.length === 0) return "empty";
  if (aeTitle.length > MAX_AE_TITLE_LENGTH) {
    return `longer than ${MAX_AE_TITLE_LENGTH} characters`;
  }
  for (let i = 0; i < aeTitle.length; i++) {
    const c = aeTitle.charCodeAt(i);
    if (c === 0x5c) return "contains a backslash";
    // PS3.5 6.2: default character repertoire, excluding control characters (LF, FF, CR, ESC
    // included); the PDU field is ISO 646 (PS3.8 9.3.2), so nothing above 0x7E either.
    if (c < 0x20 || c > 0x7e) {
      return `contains character 0x${c.toString(16).padStart(2, "0").toUpperCase()}`;
    }
  }
  // PS3.5 6.2: "A value consisting solely of spaces shall not be used".
  if (aeTitle.trim() === "") return "all spaces";
  return undefined;
}

/**
 * True for a valid AE title.
 * @example
 * ```ts
 * import { isValidAeTitle } from "./ae_title.ts";
 * isValidAeTitle("ANY-SCP"); // true
 * isValidAeTitle("THIS-IS-MORE-THAN-16"); // false
 * ```
 */
export function isValidAeTitle(aeTitle: string): boolean {
  return aeTitleProblem(aeTitle) === undefined;
}

/**
 * Checks an AE title and returns it without leading and trailing spaces (not significant,
 * PS3.5 6.2); throws {@link AeTitleError} when it is invalid.
 * @example
 * ```ts
 * import { checkAeTitle } from "./ae_title.ts";
 * checkAeTitle(" STORESCP ", "called AE title"); // "STORESCP"
 * ```
 */
export function checkAeTitle(aeTitle: string, what = "AE title"): string {
  const problem = aeTitleProblem(aeTitle);
  if (problem !== undefined) {
    throw new AeTitleError(`Invalid ${what} ${JSON.stringify(aeTitle)}: ${problem}`, aeTitle);
  }
  return aeTitle.trim();
}

/**
 * True when two AE titles are the same once leading and trailing spaces (and NUL padding some
 * peers send) are ignored; the comparison is case-sensitive, as AE titles are.
 * @example
 * ```ts
 * import { sameAeTitle } from "./ae_title.ts";
 * sameAeTitle("STORESCP        ", "STORESCP"); // true
 * sameAeTitle("storescp", "STORESCP"); // false
 * ```
 */
export function sameAeTitle(a: string, b: string): boolean {
  return stripAeTitle(a) === stripAeTitle(b);
}

/**
 * The significant part of an AE title as read from a PDU: no surrounding spaces or NULs.
 * @example
 * ```ts
 * import { stripAeTitle } from "./ae_title.ts";
 * stripAeTitle("ECHOSCU         "); // "ECHOSCU"
 * ```
 */
export function stripAeTitle(aeTitle: string): string {
  return aeTitle.replace(/^[ \0]+|[ \0]+$/g, "");
}
