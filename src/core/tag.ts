/**
 * Data element tags (PS3.5 7.1): a group and an element number packed into one unsigned 32-bit
 * number, `(group << 16) | element`, so tags compare and sort as plain numbers.
 * @module
 */

/** A data element tag as `(group << 16) | element`, an unsigned 32-bit number. */
export type Tag = number;

/**
 * Builds a tag from its group and element numbers.
 * @example
 * ```ts
 * import { makeTag } from "./tag.ts";
 * makeTag(0x0010, 0x0010); // PatientName, 0x00100010
 * ```
 */
export function makeTag(group: number, element: number): Tag {
  return ((group & 0xffff) * 0x10000) + (element & 0xffff);
}

/**
 * The group number of a tag.
 * @example
 * ```ts
 * import { tagGroup } from "./tag.ts";
 * tagGroup(0x7fe00010); // 0x7fe0
 * ```
 */
export function tagGroup(tag: Tag): number {
  return Math.floor(tag / 0x10000) & 0xffff;
}

/**
 * The element number of a tag.
 * @example
 * ```ts
 * import { tagElement } from "./tag.ts";
 * tagElement(0x7fe00010); // 0x0010
 * ```
 */
export function tagElement(tag: Tag): number {
  return tag & 0xffff;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Formats a tag the way PS3.6 and dcmdump print it: `(0010,0010)`.
 * @example
 * ```ts
 * import { formatTag } from "./tag.ts";
 * formatTag(0x00100010); // "(0010,0010)"
 * ```
 */
export function formatTag(tag: Tag): string {
  return `(${hex4(tagGroup(tag))},${hex4(tagElement(tag))})`;
}

/**
 * Formats a tag as the 8 hex digits DICOM JSON uses for its keys: `00100010`.
 * @example
 * ```ts
 * import { tagToHex } from "./tag.ts";
 * tagToHex(0x00100010); // "00100010"
 * ```
 */
export function tagToHex(tag: Tag): string {
  return hex4(tagGroup(tag)) + hex4(tagElement(tag));
}

/**
 * Parses `(0010,0010)`, `0010,0010` or `00100010`; returns `undefined` for anything else.
 * @example
 * ```ts
 * import { parseTag } from "./tag.ts";
 * parseTag("(7FE0,0010)"); // 0x7fe00010
 * ```
 */
export function parseTag(text: string): Tag | undefined {
  const m = /^\(?([0-9A-Fa-f]{4}),?([0-9A-Fa-f]{4})\)?$/.exec(text.trim());
  if (!m) return undefined;
  return makeTag(parseInt(m[1], 16), parseInt(m[2], 16));
}

/**
 * True for tags in an odd group other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 7.8.1).
 * @example
 * ```ts
 * import { isPrivateTag } from "./tag.ts";
 * isPrivateTag(0x00091001); // true
 * ```
 */
export function isPrivateTag(tag: Tag): boolean {
  const group = tagGroup(tag);
  return (group & 1) === 1 && group > 0x0007 && group !== 0xffff;
}

/**
 * True for a private creator element (gggg,0010-00FF) that reserves a block (PS3.5 7.8.1).
 * @example
 * ```ts
 * import { isPrivateCreatorTag } from "./tag.ts";
 * isPrivateCreatorTag(0x00090010); // true
 * ```
 */
export function isPrivateCreatorTag(tag: Tag): boolean {
  const element = tagElement(tag);
  return isPrivateTag(tag) && element >= 0x0010 && element <= 0x00ff;
}

/**
 * The tag of the private creator that reserves the block of a private data element:
 * (gggg,xxyy) is reserved by (gggg,00xx) (PS3.5 7.8.1). `undefined` for other tags.
 * @example
 * ```ts
 * import { privateCreatorTagOf } from "./tag.ts";
 * privateCreatorTagOf(0x00291008); // 0x00290010
 * ```
 */
export function privateCreatorTagOf(tag: Tag): Tag | undefined {
  const element = tagElement(tag);
  if (!isPrivateTag(tag) || element < 0x1000) return undefined;
  return makeTag(tagGroup(tag), element >> 8);
}

/** Item (FFFE,E000) of a sequence or encapsulated pixel data (PS3.5 7.5). */
export const ITEM_TAG: Tag = 0xfffee000;
/** Item Delimitation Item (FFFE,E00D). */
export const ITEM_DELIMITATION_TAG: Tag = 0xfffee00d;
/** Sequence Delimitation Item (FFFE,E0DD). */
export const SEQUENCE_DELIMITATION_TAG: Tag = 0xfffee0dd;
/** Pixel Data (7FE0,0010). */
export const PIXEL_DATA_TAG: Tag = 0x7fe00010;
/** Specific Character Set (0008,0005). */
export const SPECIFIC_CHARACTER_SET_TAG: Tag = 0x00080005;
/** Transfer Syntax UID (0002,0010) of the file meta information. */
export const TRANSFER_SYNTAX_UID_TAG: Tag = 0x00020010;
