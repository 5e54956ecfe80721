/**
 * A data element (PS3.5 7.1): tag, VR and a value that stays in its source bytes until first read.
 * @module
 */
import type { DataSet } from "./dataset.ts";
import { DicomValueError } from "./errors.ts";
import { formatTag, type Tag } from "./tag.ts";
import { splitValues } from "./values/split_values.ts";
import { type Vr, VR_INFO } from "./vr.ts";

/** Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item and the fragments, as views. */
export interface Fragments {
  /** Value of the first item (may be empty). */
  basicOffsetTable: Uint8Array;
  /** The values of the following items, in order. */
  fragments: Uint8Array[];
}

/** Decodes text bytes of a VR with the data set's character set (supplied by the data set). */
export type TextDecodeFn = (bytes: Uint8Array, vr: Vr) => string;

/** A decoded binary numeric value list. */
export type NumericValues = number[] | bigint[];

const LATIN1 = new TextDecoder("latin1");

/** Decodes bytes in the default repertoire (ISO-IR 6, read leniently as Latin-1). */
export function decodeDefaultText(bytes: Uint8Array): string {
  // Fast path: plain ASCII, decoded without a decoder call for short values.
  if (bytes.length < 32) {
    let s = "";
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return s;
  }
  return LATIN1.decode(bytes);
}

/**
 * One data element. Values read from a file keep a zero-copy view of their bytes (`bytes`) and
 * are decoded on first access; values set in code are kept decoded and encoded when written.
 * @example
 * ```ts
 * import { DataElement } from "./element.ts";
 * const e = DataElement.fromStrings(0x00100020, "LO", ["12345"]);
 * e.strings(); // ["12345"]
 * ```
 */
export class DataElement {
  /** The tag. */
  readonly tag: Tag;
  /** The value representation. */
  vr: Vr;
  /** True when the element (a sequence or encapsulated pixel data) was read with undefined length. */
  undefinedLength = false;
  /**
   * True when the element came as UN in explicit VR and was re-read with its real VR (PS3.5 6.2.2);
   * writers in explicit VR write it back as UN, so an unchanged data set stays byte-identical.
   */
  readAsUn = false;
  /** The value view, made from #source on first use (a subarray per element is costly). */
  #rawView: Uint8Array | undefined;
  #source: Uint8Array | undefined;
  #offset = 0;
  #length = 0;
  #rawLittleEndian = true;
  #strings: string[] | undefined;
  #numbers: NumericValues | undefined;
  #items: DataSet[] | undefined;
  #fragments: Fragments | undefined;

  get #raw(): Uint8Array | undefined {
    if (this.#rawView === undefined && this.#source !== undefined) {
      this.#rawView = this.#source.subarray(this.#offset, this.#offset + this.#length);
    }
    return this.#rawView;
  }

  set #raw(value: Uint8Array | undefined) {
    this.#rawView = value;
    this.#source = undefined;
  }

  /** Creates it from its parts. */
  constructor(tag: Tag, vr: Vr) {
    this.tag = tag;
    this.vr = vr;
  }

  /**
   * An element over value bytes in the given byte order (what readers create).
   * @example
   * ```ts
   * import { DataElement } from "./element.ts";
   * DataElement.fromBytes(0x00280010, "US", new Uint8Array([0, 2]), true).numbers(); // [512]
   * ```
   */
  static fromBytes(tag: Tag, vr: Vr, bytes: Uint8Array, littleEndian = true): DataElement {
    const e = new DataElement(tag, vr);
    e.#raw = bytes;
    e.#rawLittleEndian = littleEndian;
    return e;
  }

  /**
   * An element over `length` value bytes at `offset` of `source` (what readers create); the view
   * is made on first use.
   * @example
   * ```ts
   * import { DataElement } from "./element.ts";
   * DataElement.fromSource(0x00280010, "US", new Uint8Array([9, 0, 2]), 1, 2, true).numbers(); // [512]
   * ```
   */
  static fromSource(
    tag: Tag,
    vr: Vr,
    source: Uint8Array,
    offset: number,
    length: number,
    littleEndian = true,
  ): DataElement {
    const e = new DataElement(tag, vr);
    e.#source = source;
    e.#offset = offset;
    e.#length = length;
    e.#rawLittleEndian = littleEndian;
    return e;
  }

  /**
   * A text element from its values (joined with backslash when written).
   * @example
   * ```ts
   * import { DataElement } from "./element.ts";
   * DataElement.fromStrings(0x00080060, "CS", ["CT"]).strings(); // ["CT"]
   * ```
   */
  static fromStrings(tag: Tag, vr: Vr, values: readonly string[]): DataElement {
    const e = new DataElement(tag, vr);
    if (VR_INFO[vr].kind !== "text") {
      throw new DicomValueError(`Cannot set ${formatTag(tag)}: VR ${vr} does not hold text`);
    }
    e.#strings = normaliseEmpty(values);
    return e;
  }

  /**
   * A binary numeric (US, SS, UL, SL, FL, FD, SV, UV) or AT element from its values.
   * @example
   * ```ts
   * import { DataElement } from "./element.ts";
   * DataElement.fromNumbers(0x00280010, "US", [512]).numbers(); // [512]
   * ```
   */
  static fromNumbers(tag: Tag, vr: Vr, values: NumericValues): DataElement {
    const kind = VR_INFO[vr].kind;
    if (kind !== "number" && kind !== "tag") {
      throw new DicomValueError(`Cannot set ${formatTag(tag)}: VR ${vr} does not hold numbers`);
    }
    const e = new DataElement(tag, vr);
    const big = vr === "SV" || vr === "UV";
    e.#numbers = big
      ? (values as (number | bigint)[]).map((v) => BigInt(v))
      : (values as (number | bigint)[]).map((v) => Number(v));
    return e;
  }

  /**
   * A sequence element from its items.
   * @example
   * ```ts
   * import { DataElement } from "./element.ts";
   * import { DataSet } from "./dataset.ts";
   * DataElement.fromItems(0x00081140, [new DataSet()]).items.length; // 1
   * ```
   */
  static fromItems(tag: Tag, items: DataSet[]): DataElement {
    const e = new DataElement(tag, "SQ");
    e.#items = items;
    return e;
  }

  /**
   * Encapsulated pixel data from a Basic Offset Table and fragments.
   * @example
   * ```ts
   * import { DataElement } from "./element.ts";
   * const e = DataElement.fromFragments(0x7fe00010, "OB", {
   *   basicOffsetTable: new Uint8Array(0),
   *   fragments: [new Uint8Array(4)],
   * });
   * e.isEncapsulated; // true
   * ```
   */
  static fromFragments(tag: Tag, vr: Vr, fragments: Fragments): DataElement {
    const e = new DataElement(tag, vr);
    e.#fragments = fragments;
    e.undefinedLength = true;
    return e;
  }

  /** True when the value is still the source bytes, untouched. */
  get hasRawBytes(): boolean {
    return this.#rawView !== undefined || this.#source !== undefined;
  }

  /** True when `bytes` are in little endian order (meaningful for binary VRs). */
  get littleEndian(): boolean {
    return this.#rawLittleEndian;
  }

  /** True for encapsulated (fragmented) pixel data. */
  get isEncapsulated(): boolean {
    return this.#fragments !== undefined;
  }

  /** The fragments of encapsulated pixel data (undefined for native values). */
  get fragments(): Fragments | undefined {
    return this.#fragments;
  }

  /** The items of a sequence (empty for other VRs). */
  get items(): DataSet[] {
    return this.#items ?? (this.#items = []);
  }

  /**
   * The value bytes as read (a view into the source) or, for bytes VRs set in code, as given;
   * undefined for values set as strings or numbers.
   */
  get bytes(): Uint8Array | undefined {
    return this.#raw;
  }

  /** The value as bytes in little endian order (swapped copy for big endian binary values). */
  bytesLittleEndian(): Uint8Array | undefined {
    const raw = this.#raw;
    if (raw === undefined || this.#rawLittleEndian) return raw;
    return swapBytes(raw, swapUnit(this.vr));
  }

  /** Number of values (VM) as far as it can be told without decoding text. */
  get valueCount(): number {
    const info = VR_INFO[this.vr];
    if (info.kind === "sequence") return this.items.length;
    if (this.#fragments) return 1;
    if (info.kind === "text") return this.strings().length;
    if (info.kind === "bytes") return (this.#raw?.length ?? 0) > 0 ? 1 : 0;
    return this.numbers().length;
  }

  /**
   * The text values, split on backslash for multi-valued VRs and trimmed per PS3.5 Table 6.2-1.
   * `decode` turns bytes into text with the character set (default repertoire when omitted).
   */
  strings(decode?: TextDecodeFn): string[] {
    if (this.#strings !== undefined) return this.#strings;
    const raw = this.#raw;
    const info = VR_INFO[this.vr];
    if (raw === undefined || info.kind !== "text") {
      if (info.kind === "number" || info.kind === "tag") return this.numbers().map(String);
      return [];
    }
    if (raw.length === 0) return (this.#strings = []);
    const text = info.usesCharacterSet && decode ? decode(raw, this.vr) : decodeDefaultText(raw);
    this.#strings = splitValues(text, this.vr);
    return this.#strings;
  }

  /** The text values when set in code (undefined when they are still bytes). */
  get decodedStrings(): readonly string[] | undefined {
    return this.#strings;
  }

  /**
   * Numeric values: US/SS/UL/SL/FL/FD/OF/OD/OL/OW as numbers, SV/UV/OV as bigints, AT as tags,
   * IS/DS parsed from their text.
   */
  numbers(): NumericValues {
    if (this.#numbers !== undefined) return this.#numbers;
    const info = VR_INFO[this.vr];
    if (info.kind === "text") {
      return this.strings().map((s) => Number(s.trim())).filter((n) => !Number.isNaN(n));
    }
    const raw = this.#raw;
    if (raw === undefined) return [];
    this.#numbers = decodeNumbers(raw, this.vr, this.#rawLittleEndian);
    return this.#numbers;
  }

  /** Replaces the value with text values. */
  setStrings(values: readonly string[]): void {
    this.#clear();
    this.#strings = normaliseEmpty(values);
  }

  /** Replaces the value with numbers. */
  setNumbers(values: NumericValues): void {
    this.#clear();
    this.#numbers = values;
  }

  /** Replaces the value with bytes in the given byte order. */
  setBytes(bytes: Uint8Array, littleEndian = true): void {
    this.#clear();
    this.#raw = bytes;
    this.#rawLittleEndian = littleEndian;
  }

  /** Replaces the value with sequence items. */
  setItems(items: DataSet[]): void {
    this.#clear();
    this.#items = items;
  }

  #clear(): void {
    this.#raw = undefined;
    this.#strings = undefined;
    this.#numbers = undefined;
    this.#items = undefined;
    this.#fragments = undefined;
  }
}

/** One empty value is no value (PS3.5 6.4: a zero-length value). */
function normaliseEmpty(values: readonly string[]): string[] {
  return values.length === 1 && values[0] === "" ? [] : [...values];
}

/** The byte-swap unit of a VR (AT swaps each 16-bit half). */
export function swapUnit(vr: Vr): number {
  if (vr === "AT") return 2;
  return VR_INFO[vr].kind === "text" || vr === "OB" || vr === "UN" ? 1 : VR_INFO[vr].size;
}

/**
 * A copy of `bytes` with every `unit`-byte word reversed (little/big endian conversion).
 * @example
 * ```ts
 * import { swapBytes } from "./element.ts";
 * swapBytes(new Uint8Array([1, 2, 3, 4]), 2); // Uint8Array [2, 1, 4, 3]
 * ```
 */
export function swapBytes(bytes: Uint8Array, unit: number): Uint8Array {
  if (unit <= 1) return bytes;
  const out = new Uint8Array(bytes.length);
  const whole = bytes.length - (bytes.length % unit);
  for (let i = 0; i < whole; i += unit) {
    for (let j = 0; j < unit; j++) out[i + j] = bytes[i + unit - 1 - j];
  }
  for (let i = whole; i < bytes.length; i++) out[i] = bytes[i];
  return out;
}

function decodeNumbers(raw: Uint8Array, vr: Vr, le: boolean): NumericValues {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const size = vr === "AT" ? 4 : VR_INFO[vr].size;
  const count = Math.floor(raw.length / size);
  if (vr === "SV" || vr === "UV" || vr === "OV") {
    const out: bigint[] = new Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = vr === "SV" ? view.getBigInt64(i * 8, le) : view.getBigUint64(i * 8, le);
    }
    return out;
  }
  const out: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * size;
    switch (vr) {
      case "US":
      case "OW":
        out[i] = view.getUint16(o, le);
        break;
      case "SS":
        out[i] = view.getInt16(o, le);
        break;
      case "UL":
      case "OL":
        out[i] = view.getUint32(o, le);
        break;
      case "SL":
        out[i] = view.getInt32(o, le);
        break;
      case "FL":
      case "OF":
        out[i] = view.getFloat32(o, le);
        break;
      case "FD":
      case "OD":
        out[i] = view.getFloat64(o, le);
        break;
      case "AT":
        out[i] = view.getUint16(o, le) * 0x10000 + view.getUint16(o + 2, le);
        break;
      default:
        out[i] = raw[o];
    }
  }
  return out;
}
