/**
 * The DICOM data dictionary (PS3.6 tables 6-1, 7-1 and 8-1 plus the command group 0000 of PS3.7
 * Annex E) and DCMTK's private dictionary, looked up by tag or keyword. The tables are generated
 * by `tools/gen_dictionary.ts` into `_generated/`; the lookup maps are built on first use.
 * @module
 */
import {
  type DictionaryRow,
  dictionaryRows,
  repeatingDictionaryRows,
} from "./_generated/dictionary_data.ts";
import {
  type PrivateDictionaryRow,
  privateDictionaryRows,
} from "./_generated/private_dictionary_data.ts";
import { isPrivateCreatorTag, isPrivateTag, type Tag, tagElement, tagGroup } from "./tag.ts";
import type { Vr } from "./vr.ts";

/** What the dictionary knows about a data element. */
export interface DictionaryEntry {
  /** The tag; for repeating groups and private tags, the tag that was asked for. */
  readonly tag: Tag;
  /** The PS3.6 keyword, e.g. `PatientName`; empty for the few retired elements PS3.6 lists without one. */
  readonly keyword: string;
  /** The PS3.6 name, e.g. `Patient's Name`. */
  readonly name: string;
  /**
   * The allowed VRs, the default first (`["US", "SS"]` for "US or SS"). Empty for the item and
   * delimitation tags (FFFE,E000/E00D/E0DD), which have no VR (PS3.5 7.5), and for the three
   * retired elements PS3.6 lists without a VR: callers read those as UN.
   */
  readonly vrs: readonly Vr[];
  /** Value multiplicity as PS3.6 writes it: `1`, `1-n`, `2-2n`, `1-n or 1`... */
  readonly vm: string;
  /** True for retired elements. */
  readonly retired: boolean;
  /** The mask pattern when from a repeating group or range, e.g. `(60xx,3000)`. */
  readonly pattern?: string;
  /** The private creator, for entries of the private dictionary. */
  readonly privateCreator?: string;
}

interface Mask {
  readonly mask: number;
  readonly value: number;
  /** True when the group has `xx` digits: repeating groups are even groups (PS3.5 7.6). */
  readonly evenGroup: boolean;
  readonly entry: DictionaryEntry;
}

interface PublicTables {
  readonly byTag: Map<Tag, DictionaryEntry>;
  readonly byKeyword: Map<string, DictionaryEntry>;
  readonly masks: readonly Mask[];
}

interface PrivateTables {
  /** Creator → (group << 16 | element) → row. */
  readonly exact: Map<string, Map<number, PrivateDictionaryRow>>;
  /** Creator → rows with a range of groups (few). */
  readonly ranged: Map<string, PrivateDictionaryRow[]>;
}

let publicTables: PublicTables | undefined;
let privateTables: PrivateTables | undefined;
const vrLists = new Map<string, readonly Vr[]>();

function vrsOf(text: string): readonly Vr[] {
  let vrs = vrLists.get(text);
  if (vrs === undefined) {
    vrs = Object.freeze(text === "" ? [] : (text.split(" or ") as Vr[]));
    vrLists.set(text, vrs);
  }
  return vrs;
}

function entryOf(row: DictionaryRow): DictionaryEntry {
  const [tag, keyword, name, vr, vm, retired] = row;
  return Object.freeze({ tag, keyword, name, vrs: vrsOf(vr), vm, retired });
}

function buildPublic(): PublicTables {
  const byTag = new Map<Tag, DictionaryEntry>();
  const byKeyword = new Map<string, DictionaryEntry>();
  for (const row of dictionaryRows()) {
    const entry = entryOf(row);
    byTag.set(entry.tag, entry);
    if (entry.keyword !== "") byKeyword.set(entry.keyword, entry);
  }
  const masks: Mask[] = [];
  for (const [pattern, keyword, name, vr, vm, retired] of repeatingDictionaryRows()) {
    const digits = pattern.slice(1, 5) + pattern.slice(6, 10);
    let mask = 0;
    let value = 0;
    for (const d of digits) {
      mask = mask * 16 + (d === "x" ? 0 : 15);
      value = value * 16 + (d === "x" ? 0 : parseInt(d, 16));
    }
    // Keyword lookups of a repeating-group entry give the base tag, e.g. OverlayData (6000,3000).
    const entry: DictionaryEntry = Object.freeze({
      tag: value,
      keyword,
      name,
      vrs: vrsOf(vr),
      vm,
      retired,
      pattern,
    });
    masks.push({ mask, value, evenGroup: digits.slice(0, 4).includes("x"), entry });
    byKeyword.set(keyword, entry);
  }
  // Most specific mask first, so a narrower pattern wins over a wider one.
  masks.sort((a, b) => popCount(b.mask) - popCount(a.mask) || a.value - b.value);
  return { byTag, byKeyword, masks };
}

function popCount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}

function publicDictionary(): PublicTables {
  return publicTables ??= buildPublic();
}

/** Bitwise AND of two unsigned 32-bit tags without sign trouble. */
function and32(a: number, b: number): number {
  return (a & b) >>> 0;
}

const GENERIC_GROUP_LENGTH = {
  keyword: "GenericGroupLength",
  name: "Generic Group Length",
  vrs: Object.freeze(["UL"]) as readonly Vr[],
  vm: "1",
  // PS3.5 7.2: group lengths are retired except in groups 0000 and 0002 (both in PS3.6/PS3.7).
  retired: true,
};

const PRIVATE_GROUP_LENGTH = {
  ...GENERIC_GROUP_LENGTH,
  keyword: "PrivateGroupLength",
  name: "Private Group Length",
};

const PRIVATE_CREATOR = {
  keyword: "PrivateCreator",
  name: "Private Creator",
  vrs: Object.freeze(["LO"]) as readonly Vr[],
  vm: "1",
  retired: false,
};

/**
 * Looks a tag up in the public dictionary: exact tags first, then repeating-group patterns such as
 * (60xx,3000) (even groups only, PS3.5 7.6), then any group length (gggg,0000) as a UL
 * `GenericGroupLength` (`PrivateGroupLength` in private groups), and a private creator
 * (gggg,0010-00FF) as LO `PrivateCreator`. Private data elements need {@linkcode lookupPrivateTag}.
 * @example
 * ```ts
 * import { lookupTag } from "./dictionary.ts";
 * lookupTag(0x00100010)?.keyword; // "PatientName"
 * lookupTag(0x60023000)?.pattern; // "(60xx,3000)"
 * ```
 */
export function lookupTag(tag: Tag): DictionaryEntry | undefined {
  const tables = publicDictionary();
  const exact = tables.byTag.get(tag);
  if (exact !== undefined) return exact;
  const group = tagGroup(tag);
  const element = tagElement(tag);
  if (element === 0) {
    return Object.freeze({
      tag,
      ...(isPrivateTag(tag) ? PRIVATE_GROUP_LENGTH : GENERIC_GROUP_LENGTH),
    });
  }
  if (isPrivateTag(tag)) {
    return isPrivateCreatorTag(tag) ? Object.freeze({ tag, ...PRIVATE_CREATOR }) : undefined;
  }
  for (const m of tables.masks) {
    if (and32(tag, m.mask) === m.value && !(m.evenGroup && (group & 1) === 1)) {
      return Object.freeze({ ...m.entry, tag });
    }
  }
  return undefined;
}

/**
 * Looks a keyword up among the public data elements and command elements. Repeating-group
 * entries come back with their base tag (OverlayData → (6000,3000)).
 * @example
 * ```ts
 * import { lookupKeyword } from "./dictionary.ts";
 * lookupKeyword("PixelData")?.vrs; // ["OB", "OW"]
 * ```
 */
export function lookupKeyword(keyword: string): DictionaryEntry | undefined {
  return publicDictionary().byKeyword.get(keyword);
}

/**
 * The tag of a keyword, or `undefined` when the keyword is unknown.
 * @example
 * ```ts
 * import { tagFromKeyword } from "./dictionary.ts";
 * tagFromKeyword("StudyInstanceUID"); // 0x0020000d
 * ```
 */
export function tagFromKeyword(keyword: string): Tag | undefined {
  return publicDictionary().byKeyword.get(keyword)?.tag;
}

function buildPrivate(): PrivateTables {
  const exact = new Map<string, Map<number, PrivateDictionaryRow>>();
  const ranged = new Map<string, PrivateDictionaryRow[]>();
  for (const row of privateDictionaryRows()) {
    const [creator, firstGroup, lastGroup, element] = row;
    if (firstGroup !== lastGroup) {
      const rows = ranged.get(creator);
      if (rows === undefined) ranged.set(creator, [row]);
      else rows.push(row);
      continue;
    }
    let byTag = exact.get(creator);
    if (byTag === undefined) exact.set(creator, byTag = new Map());
    byTag.set(firstGroup * 0x10000 + element, row);
  }
  return { exact, ranged };
}

function findPrivate(
  creator: string,
  group: number,
  element: number,
): PrivateDictionaryRow | undefined {
  const tables = privateTables ??= buildPrivate();
  const row = tables.exact.get(creator)?.get(group * 0x10000 + element);
  if (row !== undefined) return row;
  for (const r of tables.ranged.get(creator) ?? []) {
    // Ranges are odd groups only ("6001-o-60ff").
    if (r[3] === element && group >= r[1] && group <= r[2] && (group & 1) === 1) {
      return r;
    }
  }
  return undefined;
}

/**
 * Resolves a private data element (gggg,bbee) whose block `bb` is reserved by `creator` (the value
 * of (gggg,00bb), PS3.5 7.8.1) in DCMTK's private dictionary: an entry for exactly this element
 * first, then one for offset `ee` in any block. Leading and trailing spaces and NULs of the creator
 * are ignored. Private creator and group length tags resolve as in {@linkcode lookupTag}.
 * @example
 * ```ts
 * import { lookupPrivateTag } from "./dictionary.ts";
 * lookupPrivateTag(0x00291008, "SIEMENS CSA HEADER")?.keyword; // "CSAImageHeaderType"
 * ```
 */
export function lookupPrivateTag(tag: Tag, creator: string): DictionaryEntry | undefined {
  if (!isPrivateTag(tag)) return undefined;
  const element = tagElement(tag);
  if (element < 0x1000) return lookupTag(tag);
  const trimmed = isPadded(creator) ? creator.replace(/^[\s\0]+|[\s\0]+$/g, "") : creator;
  const group = tagGroup(tag);
  const row = findPrivate(trimmed, group, element) ?? findPrivate(trimmed, group, element & 0xff);
  if (row === undefined) return undefined;
  const [privateCreator, , , , vr, keyword, vm] = row;
  return Object.freeze({
    tag,
    keyword,
    name: privateName(keyword),
    vrs: vrsOf(vr),
    vm,
    retired: false,
    privateCreator,
  });
}

/** True when a value starts or ends with a space, another white-space character or NUL. */
function isPadded(value: string): boolean {
  return value.length > 0 &&
    (value.charCodeAt(0) <= 0x20 || value.charCodeAt(value.length - 1) <= 0x20);
}

/** A readable name from a DCMTK private keyword: `CSAImageHeaderType` → `CSA Image Header Type`. */
function privateName(keyword: string): string {
  return keyword
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
}
