/**
 * Reads a data set from bytes in any uncompressed transfer syntax (PS3.5 7, A.1-A.3):
 * zero-copy, lazy values, undefined lengths, encapsulated pixel data, bounded nesting.
 * @module
 */
import { DataElement, type Fragments } from "../core/element.ts";
import { DataSet } from "../core/dataset.ts";
import { lookupPrivateTag, lookupTag } from "../core/dictionary.ts";
import {
  formatTag,
  isPrivateCreatorTag,
  isPrivateTag,
  ITEM_DELIMITATION_TAG,
  ITEM_TAG,
  PIXEL_DATA_TAG,
  privateCreatorTagOf,
  SEQUENCE_DELIMITATION_TAG,
  type Tag,
} from "../core/tag.ts";
import { isVr, type Vr, VR_INFO } from "../core/vr.ts";
import { DicomLimitError, DicomParseError } from "./errors.ts";

const UNDEFINED_LENGTH = 0xffffffff;
/** Each VR by its two bytes (c0 << 8 | c1), as the interned string literal. */
const VR_BY_CODE: (Vr | undefined)[] = new Array(65536).fill(undefined);
/** 1 where explicit VR uses a 32-bit length (PS3.5 7.1.2), by the same index. */
const LONG_LENGTH_BY_CODE = new Uint8Array(65536);
for (const vr of Object.keys(VR_INFO) as Vr[]) {
  const code = (vr.charCodeAt(0) << 8) | vr.charCodeAt(1);
  VR_BY_CODE[code] = vr;
  LONG_LENGTH_BY_CODE[code] = VR_INFO[vr].longLength ? 1 : 0;
}

/** How the bytes are encoded. */
export interface Encoding {
  /** Explicit VR (true) or implicit VR (false). */
  explicitVr: boolean;
  /** Little endian (true) or big endian (false). */
  littleEndian: boolean;
}

/** Options for reading a data set. */
export interface ReadDataSetOptions {
  /**
   * Recover from structural defects (truncated values, bad VRs, broken item structure) with a
   * warning instead of an error. Default false: benign defects such as odd lengths only warn.
   */
  lenient?: boolean;
  /** Stop before the first top-level element whose tag is at or above this. Default: read all. */
  untilTag?: Tag;
  /** Stop before (7FE0,0010) Pixel Data and anything after it. Default false. */
  stopBeforePixels?: boolean;
  /** Stop before the first top-level element of another group (file meta: 0x0002). Default: none. */
  onlyGroup?: number;
  /** Deepest sequence nesting accepted. Default 64. */
  maxDepth?: number;
  /** Receives each warning (they are also returned). */
  onWarning?: (message: string) => void;
  /** Named in errors and warnings. */
  fileName?: string;
  /** Offset added to positions in messages (e.g. where the data set starts in a file). Default 0. */
  baseOffset?: number;
}

/** What `readDataSet` returns. */
export interface ReadDataSetResult {
  /** The data set. */
  dataSet: DataSet;
  /** Where reading stopped (end of input, or before `untilTag`). */
  end: number;
  /** Warnings about defects that were tolerated, each naming the element. */
  warnings: string[];
  /** The encoding actually used (differs from the one asked for when it was corrected). */
  encoding: Encoding;
}

/**
 * Reads a data set (no preamble, no file meta) from bytes.
 * @example
 * ```ts
 * import { readDataSet } from "./read_dataset.ts";
 * // (0010,0020) LO "12" in implicit VR little endian
 * const bytes = new Uint8Array([0x10, 0, 0x20, 0, 2, 0, 0, 0, 0x31, 0x32]);
 * readDataSet(bytes, { explicitVr: false, littleEndian: true }).dataSet.getString("PatientID"); // "12"
 * ```
 */
export function readDataSet(
  bytes: Uint8Array,
  encoding: Encoding,
  options: ReadDataSetOptions = {},
): ReadDataSetResult {
  const parser = new Parser(bytes, encoding, options);
  parser.correctEncoding();
  const dataSet = new DataSet();
  const end = parser.readElements(dataSet, 0, bytes.length, 0, "", false);
  return { dataSet, end, warnings: parser.warnings, encoding: parser.encoding };
}

/** One parse of one buffer: position-independent state shared by the nested readers. */
class Parser {
  readonly warnings: string[] = [];
  encoding: Encoding;
  #bytes: Uint8Array;
  #view: DataView;
  #le: boolean;
  #explicit: boolean;
  #lenient: boolean;
  #until: number;
  #maxDepth: number;
  #group: number;
  #options: ReadDataSetOptions;
  #base: number;

  constructor(bytes: Uint8Array, encoding: Encoding, options: ReadDataSetOptions) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.encoding = { ...encoding };
    this.#le = encoding.littleEndian;
    this.#explicit = encoding.explicitVr;
    this.#lenient = options.lenient ?? false;
    this.#until = Math.min(
      options.untilTag ?? Infinity,
      options.stopBeforePixels ? PIXEL_DATA_TAG : Infinity,
    );
    this.#maxDepth = options.maxDepth ?? 64;
    this.#group = options.onlyGroup ?? -1;
    this.#options = options;
    this.#base = options.baseOffset ?? 0;
  }

  /**
   * Real files sometimes say explicit VR and are implicit, or the reverse: look at the first
   * element and follow what the bytes are, with a warning (as DCMTK and pydicom do).
   */
  correctEncoding(): void {
    if (this.#bytes.length < 8) return;
    const looksExplicit = isVrBytes(this.#bytes[4], this.#bytes[5]);
    if (this.#explicit && !looksExplicit) {
      this.#warn("Data set said explicit VR but is implicit VR; reading it as implicit", 0);
      this.#explicit = false;
    } else if (!this.#explicit && looksExplicit && this.#le) {
      const tag = this.#tagAt(0);
      const vr = String.fromCharCode(this.#bytes[4], this.#bytes[5]);
      const known = lookupTag(tag)?.vrs;
      if (known?.includes(vr as Vr)) {
        this.#warn("Data set said implicit VR but is explicit VR; reading it as explicit", 0);
        this.#explicit = true;
      }
    }
    this.encoding = { explicitVr: this.#explicit, littleEndian: this.#le };
  }

  #tagAt(pos: number): Tag {
    const v = this.#view;
    return v.getUint16(pos, this.#le) * 0x10000 + v.getUint16(pos + 2, this.#le);
  }

  #warn(message: string, pos: number, path = ""): void {
    const full = `${message}${path ? ` at ${path}` : ""} (offset ${pos + this.#base})`;
    this.warnings.push(full);
    this.#options.onWarning?.(full);
  }

  #fail(message: string, pos: number, path: string): never {
    throw new DicomParseError(message, {
      offset: pos + this.#base,
      tagPath: path,
      fileName: this.#options.fileName,
    });
  }

  /**
   * Reads elements into `ds` from `pos` up to `end`; inside an undefined-length item, stops after
   * the Item Delimitation Item. Returns the position after the last byte consumed.
   */
  readElements(
    ds: DataSet,
    start: number,
    end: number,
    depth: number,
    prefix: string,
    inUndefinedItem: boolean,
  ): number {
    const bytes = this.#bytes;
    const view = this.#view;
    const le = this.#le;
    let pos = start;
    let lastTag = -1;
    const groupLength = { group: -1, expected: 0, start: 0 };
    while (pos < end) {
      if (end - pos < 8) {
        // Trailing padding some writers leave (all zeros) is tolerated silently at top level.
        if (depth === 0 && isAllZero(bytes, pos, end)) return end;
        if (this.#lenient) {
          this.#warn(`Data set ends with ${end - pos} stray bytes`, pos, prefix);
          return end;
        }
        this.#fail(`Truncated element header: ${end - pos} bytes left`, pos, prefix);
      }
      const elementStart = pos;
      const tag = view.getUint16(pos, le) * 0x10000 + view.getUint16(pos + 2, le);
      if (groupLength.group >= 0 && tag >>> 16 !== groupLength.group) {
        this.#checkGroupLength(groupLength, pos, prefix);
      }
      if (depth === 0 && (tag >= this.#until || (this.#group >= 0 && tag >>> 16 !== this.#group))) {
        return pos;
      }
      if (tag === ITEM_DELIMITATION_TAG) {
        if (inUndefinedItem) return pos + 8;
        if (!this.#lenient) this.#fail("Unexpected Item Delimitation Item", pos, prefix);
        this.#warn("Skipped an unexpected Item Delimitation Item", pos, prefix);
        pos += 8;
        continue;
      }
      if (tag === SEQUENCE_DELIMITATION_TAG || tag === ITEM_TAG) {
        if (!this.#lenient) {
          this.#fail(`Unexpected ${formatTag(tag)} among data elements`, pos, prefix);
        }
        this.#warn(`Skipped an unexpected ${formatTag(tag)}`, pos, prefix);
        pos += 8;
        continue;
      }
      let vr: Vr;
      let length: number;
      if (this.#explicit) {
        const c0 = bytes[pos + 4], c1 = bytes[pos + 5];
        // A table lookup instead of String.fromCharCode + isVr: no string is made per element and
        // `vr` is the interned literal, so later `vr === "SQ"` and VR_INFO[vr] are fast.
        const vrCode = (c0 << 8) | c1;
        const known = VR_BY_CODE[vrCode];
        if (known !== undefined) {
          vr = known;
          if (LONG_LENGTH_BY_CODE[vrCode] === 1) {
            if (end - pos < 12) {
              this.#fail("Truncated element header", pos, prefix + formatTagFast(tag));
            }
            length = view.getUint32(pos + 8, le);
            pos += 12;
          } else {
            length = view.getUint16(pos + 6, le);
            pos += 8;
          }
        } else {
          if (!this.#lenient) {
            this.#fail(
              `Invalid VR ${JSON.stringify(vrText(c0, c1))} (bytes ${hex2(c0)} ${hex2(c1)})`,
              pos,
              prefix + formatTagFast(tag),
            );
          }
          // Lenient: read this element as if implicit VR (a common writer defect).
          vr = this.#impliedVr(tag, ds);
          length = view.getUint32(pos + 4, le);
          pos += 8;
          this.#warn(
            `Invalid VR bytes ${hex2(c0)} ${hex2(c1)}; read as implicit ${vr}`,
            elementStart,
            prefix + formatTagFast(tag),
          );
        }
      } else {
        vr = this.#impliedVr(tag, ds);
        length = view.getUint32(pos + 4, le);
        pos += 8;
      }
      if (tag < lastTag) {
        // Out-of-order tags: kept, with a warning (the writer sorts them).
        this.#warn(
          `Element ${formatTag(tag)} out of order after ${formatTag(lastTag)}`,
          elementStart,
          prefix + formatTagFast(tag),
        );
      }
      lastTag = tag;
      if (length === UNDEFINED_LENGTH) {
        pos = this.#readUndefinedLength(
          ds,
          tag,
          vr,
          pos,
          end,
          depth,
          prefix + formatTagFast(tag),
          elementStart,
        );
        continue;
      }
      if (length > end - pos) {
        // A defined-length sequence cut short by the end of the input is read up to the end with
        // a warning, as DCMTK does: its elements are still checked one by one.
        if (!this.#lenient && !(vr === "SQ" && end === bytes.length)) {
          this.#fail(
            `Value length ${length} exceeds remaining ${end - pos} bytes`,
            elementStart,
            prefix + formatTagFast(tag),
          );
        }
        this.#warn(
          `Value length ${length} exceeds remaining ${end - pos} bytes; truncated`,
          elementStart,
          prefix + formatTagFast(tag),
        );
        length = end - pos;
      }
      if (vr === "UN" && (!isPrivateTag(tag) || isPrivateCreatorTag(tag))) {
        // PS3.5 6.2.2: a UN value whose tag the dictionary knows is re-read as implicit VR LE;
        // a private creator is always LO (PS3.5 7.8.1).
        const known = isPrivateCreatorTag(tag) ? "LO" : lookupTag(tag)?.vrs[0];
        if (known !== undefined && known !== "UN") {
          if (known === "SQ") {
            pos = this.#readUnAsSequence(
              ds,
              tag,
              pos,
              pos + length,
              depth,
              prefix + formatTagFast(tag),
            );
            continue;
          }
          // The value bytes stay as they were (UN is always little endian inside).
          const element = DataElement.fromBytes(
            tag,
            known,
            bytes.subarray(pos, pos + length),
            true,
          );
          element.readAsUn = true;
          ds.add(element);
          pos += length;
          continue;
        }
      }
      if (vr === "SQ") {
        const element = DataElement.fromItems(tag, []);
        ds.add(element);
        this.#readItems(element, ds, pos, pos + length, false, depth, prefix + formatTagFast(tag));
        pos += length;
        continue;
      }
      if ((length & 1) === 1) {
        this.#warn(
          `Odd value length ${length} of ${formatTag(tag)} ${vr}`,
          elementStart,
          prefix + formatTagFast(tag),
        );
      }
      ds.add(DataElement.fromSource(tag, vr, bytes, pos, length, le));
      pos += length;
      if ((tag & 0xffff) === 0 && vr === "UL" && length === 4) {
        groupLength.group = tag >>> 16;
        groupLength.expected = view.getUint32(pos - 4, le);
        groupLength.start = pos;
      }
    }
    if (groupLength.group >= 0) this.#checkGroupLength(groupLength, pos, prefix);
    if (inUndefinedItem) {
      if (!this.#lenient) {
        this.#fail("Item has no Item Delimitation Item before the end", pos, prefix);
      }
      this.#warn("Item has no Item Delimitation Item before the end", pos, prefix);
    }
    return pos;
  }

  /** Warns when a group length (gggg,0000) disagrees with the bytes of its group. */
  #checkGroupLength(
    g: { group: number; expected: number; start: number },
    pos: number,
    prefix: string,
  ): void {
    if (pos - g.start !== g.expected) {
      const tag = formatTag(g.group * 0x10000);
      this.#warn(
        `Group length ${tag} is ${g.expected} but the group has ${pos - g.start} bytes`,
        g.start - 12,
        prefix,
      );
    }
    g.group = -1;
  }

  #readUndefinedLength(
    ds: DataSet,
    tag: Tag,
    vr: Vr,
    pos: number,
    end: number,
    depth: number,
    path: string,
    elementStart: number,
  ): number {
    if (vr === "SQ") {
      const element = DataElement.fromItems(tag, []);
      element.undefinedLength = true;
      ds.add(element);
      return this.#readItems(element, ds, pos, end, true, depth, path);
    }
    if (vr === "OB" || vr === "OW" || vr === "UN" && tag === PIXEL_DATA_TAG) {
      if (tag !== PIXEL_DATA_TAG && vr !== "UN") {
        // Only pixel data may be encapsulated (PS3.5 A.4); anything else is likely a sequence.
        this.#warn(
          `Undefined length on ${formatTag(tag)} ${vr}; read as fragments`,
          elementStart,
          path,
        );
      }
      return this.#readFragments(ds, tag, vr === "UN" ? "OB" : vr, pos, end, path);
    }
    if (vr === "UN") {
      // PS3.5 6.2.2: UN with undefined length is a sequence in implicit VR little endian.
      return this.#readUnAsSequence(ds, tag, pos, end, depth, path, true);
    }
    if (!this.#lenient) {
      this.#fail(`Undefined length on ${formatTag(tag)} ${vr}`, elementStart, path);
    }
    this.#warn(
      `Undefined length on ${formatTag(tag)} ${vr}; read as a sequence`,
      elementStart,
      path,
    );
    const element = DataElement.fromItems(tag, []);
    element.undefinedLength = true;
    ds.add(element);
    return this.#readItems(element, ds, pos, end, true, depth, path);
  }

  #readUnAsSequence(
    ds: DataSet,
    tag: Tag,
    pos: number,
    end: number,
    depth: number,
    path: string,
    undefinedLength = false,
  ): number {
    const saved = { le: this.#le, explicit: this.#explicit };
    this.#le = true;
    this.#explicit = false;
    try {
      const element = DataElement.fromItems(tag, []);
      element.undefinedLength = undefinedLength;
      element.readAsUn = saved.explicit;
      ds.add(element);
      const after = this.#readItems(element, ds, pos, end, undefinedLength, depth, path);
      return undefinedLength ? after : end;
    } finally {
      this.#le = saved.le;
      this.#explicit = saved.explicit;
    }
  }

  /** Reads sequence items (PS3.5 7.5) into `element`; returns the position after the sequence. */
  #readItems(
    element: DataElement,
    owner: DataSet,
    start: number,
    end: number,
    undefinedLength: boolean,
    depth: number,
    path: string,
  ): number {
    if (depth + 1 > this.#maxDepth) {
      const error = new DicomLimitError(
        `Sequence nesting exceeds ${this.#maxDepth} levels at ${path}`,
        "maxDepth",
        this.#maxDepth,
      );
      error.offset = start + this.#base;
      error.tagPath = path;
      throw error;
    }
    const view = this.#view;
    let pos = start;
    const limit = undefinedLength ? this.#bytes.length : end;
    while (pos < limit) {
      if (limit - pos < 8) {
        if (!this.#lenient) {
          this.#fail(`Truncated item header: ${limit - pos} bytes left`, pos, path);
        }
        this.#warn("Truncated item header", pos, path);
        return limit;
      }
      const tag = view.getUint16(pos, this.#le) * 0x10000 + view.getUint16(pos + 2, this.#le);
      const length = view.getUint32(pos + 4, this.#le);
      if (tag === SEQUENCE_DELIMITATION_TAG) {
        if (!undefinedLength) {
          this.#warn("Sequence Delimitation Item in a defined-length sequence", pos, path);
        }
        return pos + 8;
      }
      if (tag !== ITEM_TAG) {
        const msg = `Expected an item (FFFE,E000) in the sequence but found ${formatTag(tag)}`;
        if (!this.#lenient) this.#fail(msg, pos, path);
        this.#warn(`${msg}; sequence ended there`, pos, path);
        return pos;
      }
      const index = element.items.length;
      const item = new DataSet();
      element.items.push(item);
      item.parent = owner;
      const itemPrefix = `${path}[${index}].`;
      pos += 8;
      if (length === UNDEFINED_LENGTH) {
        item.undefinedLength = true;
        pos = this.readElements(item, pos, limit, depth + 1, itemPrefix, true);
      } else {
        let itemEnd = pos + length;
        if (itemEnd > limit) {
          const msg = `Item length ${length} exceeds remaining ${limit - pos} bytes`;
          // Cut short by the end of the input: read to the end with a warning (as DCMTK does).
          if (!this.#lenient && limit < this.#bytes.length) {
            this.#fail(msg, pos - 8, `${path}[${index}]`);
          }
          this.#warn(`${msg}; truncated`, pos - 8, `${path}[${index}]`);
          itemEnd = limit;
        }
        this.readElements(item, pos, itemEnd, depth + 1, itemPrefix, false);
        pos = itemEnd;
      }
    }
    if (undefinedLength) {
      if (!this.#lenient) {
        this.#fail("Sequence has no Sequence Delimitation Item before the end", pos, path);
      }
      this.#warn("Sequence has no Sequence Delimitation Item before the end", pos, path);
    }
    return pos;
  }

  /** Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item, then fragments, then delimiter. */
  #readFragments(ds: DataSet, tag: Tag, vr: Vr, start: number, end: number, path: string): number {
    const view = this.#view;
    const items: Uint8Array[] = [];
    let pos = start;
    for (;;) {
      if (end - pos < 8) {
        if (!this.#lenient) {
          this.#fail("Encapsulated pixel data has no Sequence Delimitation Item", pos, path);
        }
        this.#warn("Encapsulated pixel data has no Sequence Delimitation Item", pos, path);
        break;
      }
      const itemTag = view.getUint16(pos, this.#le) * 0x10000 + view.getUint16(pos + 2, this.#le);
      let length = view.getUint32(pos + 4, this.#le);
      if (itemTag === SEQUENCE_DELIMITATION_TAG) {
        pos += 8;
        break;
      }
      if (itemTag !== ITEM_TAG) {
        const msg = `Expected a fragment item (FFFE,E000) but found ${formatTag(itemTag)}`;
        if (!this.#lenient) this.#fail(msg, pos, `${path}[${items.length}]`);
        this.#warn(msg, pos, path);
        break;
      }
      pos += 8;
      if (length === UNDEFINED_LENGTH || length > end - pos) {
        const msg = `Fragment length ${length} exceeds remaining ${end - pos} bytes`;
        if (!this.#lenient) this.#fail(msg, pos - 8, `${path}[${items.length}]`);
        this.#warn(msg, pos - 8, path);
        length = end - pos;
      }
      items.push(this.#bytes.subarray(pos, pos + length));
      pos += length;
    }
    const fragments: Fragments = {
      basicOffsetTable: items[0] ?? new Uint8Array(0),
      fragments: items.slice(1),
    };
    ds.add(DataElement.fromFragments(tag, vr, fragments));
    return pos;
  }

  /** The VR of an element in implicit VR: dictionary, private dictionary, or UN (PS3.5 A.1). */
  #impliedVr(tag: Tag, ds: DataSet): Vr {
    if ((tag & 0xffff) === 0) return "UL"; // group length
    if (isPrivateTag(tag)) {
      if (isPrivateCreatorTag(tag)) return "LO";
      const creatorTag = privateCreatorTagOf(tag);
      const creator = creatorTag !== undefined ? ds.getString(creatorTag) : undefined;
      const entry = creator !== undefined ? lookupPrivateTag(tag, creator) : undefined;
      return resolveAmbiguous(entry?.vrs, ds) ?? "UN";
    }
    return resolveAmbiguous(lookupTag(tag)?.vrs, ds) ?? "UN";
  }
}

/**
 * Picks one VR where the dictionary allows several (PS3.5 A.1 and pydicom's rules): pixel data and
 * overlay data are OW in implicit VR, US/SS follows Pixel Representation.
 */
function resolveAmbiguous(vrs: readonly Vr[] | undefined, ds: DataSet): Vr | undefined {
  if (vrs === undefined || vrs.length === 0) return undefined;
  if (vrs.length === 1) return vrs[0];
  if (vrs.includes("OB") && vrs.includes("OW")) return "OW";
  if (vrs.includes("US") && vrs.includes("SS")) {
    let holder: DataSet | undefined = ds;
    while (holder && !holder.has(0x00280103)) holder = holder.parent;
    const representation = holder?.getNumber(0x00280103) ?? 0;
    return representation === 1 ? "SS" : "US";
  }
  if (vrs.includes("US")) return "US"; // "US or OW" (LUT Data): the values are 16-bit either way
  return vrs[0];
}

function isVrBytes(a: number, b: number): boolean {
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a && isVr(String.fromCharCode(a, b));
}

function isAllZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

function vrText(c0: number, c1: number): string {
  return String.fromCharCode(c0, c1);
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, "0");
}

const HEX = "0123456789ABCDEF";
function formatTagFast(tag: Tag): string {
  let g = "", e = "";
  for (let shift = 28; shift >= 16; shift -= 4) g += HEX[Math.floor(tag / 2 ** shift) & 15];
  for (let shift = 12; shift >= 0; shift -= 4) e += HEX[(tag >> shift) & 15];
  return `(${g},${e})`;
}
