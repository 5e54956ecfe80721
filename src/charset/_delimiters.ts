/**
 * The bytes before which the initial character sets must be active again (PS3.5 6.1.2.5.3),
 * and after which a decoder returns to them.
 * @module
 */

function table(bytes: number[]): Uint8Array {
  const t = new Uint8Array(128);
  for (const b of bytes) t[b] = 1;
  return t;
}

// PS3.5 6.1.2.5.3: CR, LF, FF, any other control character but ESC (TAB), and the value
// separator 05/12 (backslash); for PN also "^" and "=" between components and groups.
const CONTROLS = [0x09, 0x0a, 0x0c, 0x0d];
const SINGLE_VALUED = table(CONTROLS);
const MULTI_VALUED = table([...CONTROLS, 0x5c]);
const PERSON_NAME = table([...CONTROLS, 0x5c, 0x5e, 0x3d]);

/**
 * A 128-entry table, 1 for each 7-bit byte that is a delimiter in a value of the given VR:
 * ST, LT, UT and UR are single-valued so backslash is text there; any other VR (or none) treats
 * backslash as the value separator; PN adds `^` and `=`.
 */
export function delimitersFor(vr: string | undefined): Uint8Array {
  switch (vr) {
    case "PN":
      return PERSON_NAME;
    case "ST":
    case "LT":
    case "UT":
    case "UR":
      return SINGLE_VALUED;
    default:
      return MULTI_VALUED;
  }
}
