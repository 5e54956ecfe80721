/**
 * The data set model (PS3.5 7): elements by tag, nested sequences with items of any depth,
 * access by tag or keyword, typed getters, private blocks and the inherited character set.
 * @module
 */
import { SpecificCharacterSet } from "../charset/character_set.ts";
import { decodeText } from "../charset/decode_text.ts";
import { type DictionaryEntry, lookupPrivateTag, lookupTag, tagFromKeyword } from "./dictionary.ts";
import { DataElement, type NumericValues, type TextDecodeFn } from "./element.ts";
import { DicomValueError } from "./errors.ts";
import {
  type DicomDate,
  type DicomDateTime,
  type DicomTime,
  parseDate,
  parseDateTime,
  parseTime,
} from "./values/date_time.ts";
import { parsePersonName, type PersonName } from "./values/person_name.ts";
import {
  formatTag,
  isPrivateTag,
  makeTag,
  privateCreatorTagOf,
  SPECIFIC_CHARACTER_SET_TAG,
  type Tag,
  tagElement,
  tagGroup,
} from "./tag.ts";
import { type Vr, VR_INFO } from "./vr.ts";

/** A tag number or a dictionary keyword such as `"PatientName"`. */
export type TagKey = Tag | string;

/** Values `DataSet.set` accepts. */
export type SetValue =
  | string
  | readonly string[]
  | number
  | readonly number[]
  | bigint
  | readonly bigint[]
  | Uint8Array
  | DataSet[];

/**
 * Resolves a keyword or tag number to a tag; throws `DicomValueError` for an unknown keyword.
 * @example
 * ```ts
 * import { resolveTag } from "./dataset.ts";
 * resolveTag("PatientName"); // 0x00100010
 * ```
 */
export function resolveTag(key: TagKey): Tag {
  if (typeof key === "number") return key;
  const tag = tagFromKeyword(key);
  if (tag === undefined) throw new DicomValueError(`Unknown keyword: ${key}`);
  return tag;
}

/**
 * A data set or a sequence item: elements by tag, iterated in ascending tag order.
 * @example
 * ```ts
 * import { DataSet } from "./dataset.ts";
 * const ds = new DataSet();
 * ds.set("PatientName", "Doe^John");
 * ds.set("Rows", 512);
 * ds.getString("PatientName"); // "Doe^John"
 * ds.getNumber("Rows"); // 512
 * ```
 */
export class DataSet {
  /** The data set holding the sequence this item belongs to (undefined at top level). */
  parent: DataSet | undefined;
  /** True when this item was read with undefined length (written back the same way). */
  undefinedLength = false;
  #elements = new Map<Tag, DataElement>();
  #sorted: DataElement[] | undefined = [];
  #lastTag = -1;
  #charset: SpecificCharacterSet | undefined;
  #decode: TextDecodeFn | undefined;

  /** Creates it from its parts. */
  constructor(elements: Iterable<DataElement> = []) {
    for (const e of elements) this.add(e);
  }

  /** Number of elements (not counting nested items). */
  get size(): number {
    return this.#elements.size;
  }

  /** Adds or replaces an element; items of a sequence get this data set as parent. */
  add(element: DataElement): this {
    const tag = element.tag;
    const had = this.#elements.has(tag);
    this.#elements.set(tag, element);
    if (!had && tag > this.#lastTag && this.#sorted !== undefined) {
      this.#sorted.push(element);
      this.#lastTag = tag;
    } else {
      this.#sorted = undefined;
    }
    if (element.vr === "SQ") { for (const item of element.items) item.parent = this; }
    if (tag === SPECIFIC_CHARACTER_SET_TAG) this.#resetCharset();
    return this;
  }

  /** The element with this tag or keyword. */
  get(key: TagKey): DataElement | undefined {
    return this.#elements.get(typeof key === "number" ? key : resolveTag(key));
  }

  /** True when the element is present. */
  has(key: TagKey): boolean {
    return this.get(key) !== undefined;
  }

  /** Removes an element; true when it was present. */
  delete(key: TagKey): boolean {
    const tag = resolveTag(key);
    const had = this.#elements.delete(tag);
    if (had) {
      this.#sorted = undefined;
      if (tag === SPECIFIC_CHARACTER_SET_TAG) this.#resetCharset();
    }
    return had;
  }

  /** The elements in ascending tag order. */
  elements(): readonly DataElement[] {
    if (this.#sorted === undefined) {
      this.#sorted = [...this.#elements.values()].sort((a, b) => a.tag - b.tag);
      this.#lastTag = this.#sorted.length ? this.#sorted[this.#sorted.length - 1].tag : -1;
    }
    return this.#sorted;
  }

  /** Iterates the elements in ascending tag order. */
  [Symbol.iterator](): Iterator<DataElement> {
    return this.elements()[Symbol.iterator]();
  }

  /**
   * The character set in force here: this data set's (0008,0005), else the parent's
   * (PS3.5 7.5.3: a sequence item may carry its own Specific Character Set).
   */
  get characterSet(): SpecificCharacterSet {
    if (this.#charset) return this.#charset;
    const own = this.#elements.get(SPECIFIC_CHARACTER_SET_TAG);
    this.#charset = own
      ? SpecificCharacterSet.parse(own.strings())
      : this.parent?.characterSet ?? SpecificCharacterSet.parse(undefined);
    return this.#charset;
  }

  /** A text decoder bound to this data set's character set. */
  textDecoder(): TextDecodeFn {
    if (this.#decode) return this.#decode;
    const charset = this.characterSet;
    this.#decode = (bytes, vr) => decodeText(bytes, charset, { vr });
    return this.#decode;
  }

  #resetCharset(): void {
    this.#charset = undefined;
    this.#decode = undefined;
  }

  /** The text values of an element (empty when absent). */
  getStrings(key: TagKey): string[] {
    const e = this.get(key);
    if (e === undefined) return [];
    return e.strings(VR_INFO[e.vr].usesCharacterSet ? this.textDecoder() : undefined);
  }

  /** One text value (the first by default). */
  getString(key: TagKey, index = 0): string | undefined {
    return this.getStrings(key)[index];
  }

  /** Numeric values: binary numbers, AT tags, or IS/DS parsed to numbers. */
  getNumbers(key: TagKey): number[] {
    const e = this.get(key);
    if (e === undefined) return [];
    return (e.numbers() as (number | bigint)[]).map(Number);
  }

  /** One numeric value (the first by default). */
  getNumber(key: TagKey, index = 0): number | undefined {
    return this.getNumbers(key)[index];
  }

  /** 64-bit values (SV, UV, OV) exactly, as bigints. */
  getBigInts(key: TagKey): bigint[] {
    const e = this.get(key);
    if (e === undefined) return [];
    return (e.numbers() as (number | bigint)[]).map((v) => BigInt(v));
  }

  /** A person name value split into its component groups (PS3.5 6.2.1). */
  getPersonName(key: TagKey, index = 0): PersonName | undefined {
    const value = this.getString(key, index);
    return value === undefined ? undefined : parsePersonName(value);
  }

  /** A DA value as year, month, day; undefined when absent or not a valid date. */
  getDate(key: TagKey, index = 0): DicomDate | undefined {
    const value = this.getString(key, index);
    return value === undefined ? undefined : parseDate(value);
  }

  /** A TM value as hour, minute, second, fraction; undefined when absent or invalid. */
  getTime(key: TagKey, index = 0): DicomTime | undefined {
    const value = this.getString(key, index);
    return value === undefined ? undefined : parseTime(value);
  }

  /** A DT value with its UTC offset; undefined when absent or invalid. */
  getDateTime(key: TagKey, index = 0): DicomDateTime | undefined {
    const value = this.getString(key, index);
    return value === undefined ? undefined : parseDateTime(value);
  }

  /** The items of a sequence (empty when absent). */
  getItems(key: TagKey): DataSet[] {
    const e = this.get(key);
    return e?.vr === "SQ" ? e.items : [];
  }

  /** The raw value bytes of an element (a view into the source where it was read). */
  getBytes(key: TagKey): Uint8Array | undefined {
    return this.get(key)?.bytesLittleEndian();
  }

  /**
   * Sets an element's value. The VR comes from the dictionary unless given; a string for a
   * multi-valued VR is one value (pass an array for several).
   */
  set(key: TagKey, value: SetValue, vr?: Vr): DataElement {
    const tag = resolveTag(key);
    const chosen = vr ?? this.#existingVr(tag) ?? this.#dictionaryVr(tag);
    if (chosen === undefined) {
      throw new DicomValueError(
        `Cannot set ${formatTag(tag)}: no VR given and none in the dictionary`,
      );
    }
    const element = makeElement(tag, chosen, value);
    this.add(element);
    return element;
  }

  #existingVr(tag: Tag): Vr | undefined {
    return this.#elements.get(tag)?.vr;
  }

  #dictionaryVr(tag: Tag): Vr | undefined {
    return this.entryOf(tag)?.vrs[0];
  }

  /** The dictionary entry for a tag, resolving private tags through their creator. */
  entryOf(tag: Tag): DictionaryEntry | undefined {
    if (isPrivateTag(tag)) {
      const creator = this.privateCreatorOf(tag);
      if (creator !== undefined) return lookupPrivateTag(tag, creator);
    }
    return lookupTag(tag);
  }

  /** The private creator string reserving the block of a private tag (PS3.5 7.8.1). */
  privateCreatorOf(tag: Tag): string | undefined {
    const creatorTag = privateCreatorTagOf(tag);
    if (creatorTag === undefined) return undefined;
    return this.getString(creatorTag);
  }

  /**
   * The tag of element `offset` (0x00-0xFF) in the private block of `creator` in `group`;
   * with `reserve`, reserves a free block when the creator has none (PS3.5 7.8.1).
   */
  privateTag(group: number, creator: string, offset: number, reserve = false): Tag | undefined {
    let free: number | undefined;
    for (let block = 0x10; block <= 0xff; block++) {
      const creatorTag = makeTag(group, block);
      const value = this.getString(creatorTag);
      if (value === creator) return makeTag(group, (block << 8) | (offset & 0xff));
      if (value === undefined && free === undefined) free = block;
    }
    if (!reserve || free === undefined) return undefined;
    this.set(makeTag(group, free), creator, "LO");
    return makeTag(group, (free << 8) | (offset & 0xff));
  }

  /** A deep copy sharing the (immutable) source bytes. */
  clone(): DataSet {
    const copy = new DataSet();
    copy.undefinedLength = this.undefinedLength;
    for (const e of this.elements()) copy.add(cloneElement(e));
    return copy;
  }
}

function cloneElement(e: DataElement): DataElement {
  let out: DataElement;
  if (e.vr === "SQ") out = DataElement.fromItems(e.tag, e.items.map((i) => i.clone()));
  else if (e.fragments) {
    out = DataElement.fromFragments(e.tag, e.vr, {
      basicOffsetTable: e.fragments.basicOffsetTable,
      fragments: [...e.fragments.fragments],
    });
  } else if (e.bytes) out = DataElement.fromBytes(e.tag, e.vr, e.bytes, e.littleEndian);
  else if (e.decodedStrings) out = DataElement.fromStrings(e.tag, e.vr, e.decodedStrings);
  else out = DataElement.fromNumbers(e.tag, e.vr, e.numbers());
  out.undefinedLength = e.undefinedLength;
  out.readAsUn = e.readAsUn;
  return out;
}

function makeElement(tag: Tag, vr: Vr, value: SetValue): DataElement {
  const kind = VR_INFO[vr].kind;
  const where = formatTag(tag);
  if (kind === "sequence") {
    if (!Array.isArray(value) || value.some((v) => !(v instanceof DataSet))) {
      throw new DicomValueError(`Cannot set ${where}: a sequence takes an array of DataSet`, where);
    }
    return DataElement.fromItems(tag, value as DataSet[]);
  }
  if (value instanceof Uint8Array) {
    if (kind === "text") {
      throw new DicomValueError(`Cannot set ${where}: VR ${vr} takes text, not bytes`, where);
    }
    return DataElement.fromBytes(tag, vr, value, true);
  }
  const list = (Array.isArray(value) ? value : [value]) as unknown[];
  if (kind === "text") {
    return DataElement.fromStrings(
      tag,
      vr,
      list.map((v) => {
        if (typeof v === "string") return v;
        if (typeof v === "number" || typeof v === "bigint") return String(v);
        throw new DicomValueError(`Cannot set ${where}: VR ${vr} takes text`, where);
      }),
    );
  }
  if (list.some((v) => typeof v !== "number" && typeof v !== "bigint")) {
    throw new DicomValueError(`Cannot set ${where}: VR ${vr} takes numbers`, where);
  }
  if (kind === "bytes") {
    return DataElement.fromBytes(tag, vr, encodeNumbersLe(list as (number | bigint)[], vr), true);
  }
  return DataElement.fromNumbers(tag, vr, list as NumericValues);
}

/**
 * Encodes numbers as little endian bytes of a binary VR (US, SS, UL, SL, FL, FD, SV, UV, AT, OW,
 * OF, OD, OL, OV, OB, UN).
 * @example
 * ```ts
 * import { encodeNumbersLe } from "./dataset.ts";
 * encodeNumbersLe([1, 2], "US"); // Uint8Array [1, 0, 2, 0]
 * ```
 */
export function encodeNumbersLe(values: readonly (number | bigint)[], vr: Vr): Uint8Array {
  const size = vr === "AT" ? 4 : Math.max(1, VR_INFO[vr].size);
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((raw, i) => {
    const o = i * size;
    const v = Number(raw);
    switch (vr) {
      case "US":
      case "OW":
        view.setUint16(o, v, true);
        break;
      case "SS":
        view.setInt16(o, v, true);
        break;
      case "UL":
      case "OL":
        view.setUint32(o, v, true);
        break;
      case "SL":
        view.setInt32(o, v, true);
        break;
      case "FL":
      case "OF":
        view.setFloat32(o, v, true);
        break;
      case "FD":
      case "OD":
        view.setFloat64(o, v, true);
        break;
      case "SV":
        view.setBigInt64(o, BigInt(raw), true);
        break;
      case "UV":
      case "OV":
        view.setBigUint64(o, BigInt(raw), true);
        break;
      case "AT":
        view.setUint16(o, tagGroup(v), true);
        view.setUint16(o + 2, tagElement(v), true);
        break;
      default:
        out[o] = v;
    }
  });
  return out;
}
