/**
 * Writes a data set in any uncompressed transfer syntax (PS3.5 7, A.1-A.3): even-length padding
 * per VR, defined or undefined lengths, group lengths recomputed, unchanged values copied as read.
 * @module
 */
import { encodeText } from "../charset/encode_text.ts";
import { type DataSet, encodeNumbersLe } from "../core/dataset.ts";
import { type DataElement, swapBytes, swapUnit } from "../core/element.ts";
import {
  formatTag,
  ITEM_DELIMITATION_TAG,
  ITEM_TAG,
  SEQUENCE_DELIMITATION_TAG,
  type Tag,
} from "../core/tag.ts";
import { type Vr, VR_INFO } from "../core/vr.ts";
import { ByteWriter } from "./byte_writer.ts";
import { DicomWriteError } from "./errors.ts";
import type { Encoding } from "./read_dataset.ts";

const UNDEFINED_LENGTH = 0xffffffff;

/** How sequence and item lengths are written. */
export type LengthMode = "as-read" | "defined" | "undefined";

/** Options for writing a data set. */
export interface WriteDataSetOptions {
  /**
   * Refuse what the standard forbids (a value too long for its VR's 16-bit length field, text in a
   * binary VR). Default true; when false such values are written as UN with a warning.
   */
  strict?: boolean;
  /** Sequence and item lengths: as read (new ones defined), all defined, or all undefined. Default "as-read". */
  lengths?: LengthMode;
  /** Receives warnings. */
  onWarning?: (message: string) => void;
}

/**
 * Encodes a data set (no preamble, no meta) in the given encoding.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { writeDataSet } from "./write_dataset.ts";
 * const ds = new DataSet();
 * ds.set("PatientID", "12");
 * writeDataSet(ds, { explicitVr: true, littleEndian: true }).length; // 10
 * ```
 */
export function writeDataSet(
  dataSet: DataSet,
  encoding: Encoding,
  options: WriteDataSetOptions = {},
): Uint8Array {
  const writer = new ByteWriter(encoding.littleEndian);
  writeDataSetTo(writer, dataSet, encoding, options);
  return writer.finish();
}

/** Appends a data set to a writer (used by the Part 10 writer and the network layer). */
export function writeDataSetTo(
  writer: ByteWriter,
  dataSet: DataSet,
  encoding: Encoding,
  options: WriteDataSetOptions = {},
): void {
  new DataSetWriter(writer, encoding, options).elements(dataSet, "");
}

class DataSetWriter {
  #w: ByteWriter;
  #explicit: boolean;
  #le: boolean;
  #strict: boolean;
  #lengths: LengthMode;
  #options: WriteDataSetOptions;

  constructor(writer: ByteWriter, encoding: Encoding, options: WriteDataSetOptions) {
    this.#w = writer;
    this.#explicit = encoding.explicitVr;
    this.#le = encoding.littleEndian;
    this.#strict = options.strict ?? true;
    this.#lengths = options.lengths ?? "as-read";
    this.#options = options;
  }

  elements(ds: DataSet, prefix: string): void {
    let groupLengthAt = -1;
    let groupStart = 0;
    let group = -1;
    for (const e of ds.elements()) {
      const g = Math.floor(e.tag / 0x10000);
      if (g !== group) {
        this.#closeGroup(groupLengthAt, groupStart);
        groupLengthAt = -1;
        group = g;
      }
      if ((e.tag & 0xffff) === 0 && e.vr === "UL") {
        // Group length (gggg,0000): recomputed from what follows in the group.
        this.#header(e.tag, "UL", 4);
        groupLengthAt = this.#w.reserveUint32();
        groupStart = this.#w.length;
        continue;
      }
      this.element(e, ds, prefix);
    }
    this.#closeGroup(groupLengthAt, groupStart);
  }

  #closeGroup(at: number, start: number): void {
    if (at >= 0) this.#w.fillUint32(at, this.#w.length - start);
  }

  element(e: DataElement, ds: DataSet, prefix: string): void {
    const path = prefix + formatTag(e.tag);
    if (e.readAsUn && this.#explicit) return this.#asUn(e, path);
    if (e.vr === "SQ") return this.#sequence(e, ds, path);
    if (e.fragments) return this.#fragments(e);
    let value = this.#value(e, ds, path);
    let vr = e.vr;
    if ((value.length & 1) === 1) value = pad(value, VR_INFO[vr].padding);
    if (this.#explicit && !VR_INFO[vr].longLength && value.length > 0xffff) {
      const msg = `Value of ${value.length} bytes does not fit the 16-bit length of VR ${vr}`;
      if (this.#strict) throw new DicomWriteError(msg, path);
      this.#options.onWarning?.(`${msg}; written as UN at ${path}`);
      if (!this.#le) value = swapBytes(value, swapUnit(vr));
      vr = "UN";
    }
    this.#header(e.tag, vr, value.length);
    this.#w.bytes(value);
  }

  /**
   * Writes back an element that was read as UN (PS3.5 6.2.2): the value in implicit VR little
   * endian, sequences included, under an explicit UN header.
   */
  #asUn(e: DataElement, path: string): void {
    const w = this.#w;
    if (e.vr !== "SQ") {
      const value = e.bytesLittleEndian() ?? new Uint8Array(0);
      this.#header(e.tag, "UN", value.length + (value.length & 1));
      w.bytes(value);
      if (value.length & 1) w.uint8(0);
      return;
    }
    this.#header(e.tag, "UN", 0);
    const lengthAt = w.length - 4;
    const start = w.length;
    const outer = w.littleEndian;
    w.littleEndian = true;
    new DataSetWriter(w, { explicitVr: false, littleEndian: true }, this.#options)
      .#sequenceBody(e, path, e.undefinedLength);
    w.littleEndian = outer;
    w.fillUint32(lengthAt, e.undefinedLength ? UNDEFINED_LENGTH : w.length - start);
  }

  #header(tag: Tag, vr: Vr, length: number): void {
    const w = this.#w;
    w.tag(tag);
    if (!this.#explicit) {
      w.uint32(length);
    } else if (VR_INFO[vr].longLength) {
      w.ascii2(vr);
      w.uint16(0);
      w.uint32(length);
    } else {
      w.ascii2(vr);
      w.uint16(length);
    }
  }

  /** The value bytes of a non-sequence element in the target byte order. */
  #value(e: DataElement, ds: DataSet, path: string): Uint8Array {
    const info = VR_INFO[e.vr];
    const raw = e.bytes;
    if (raw !== undefined) {
      if (e.littleEndian === this.#le) return raw;
      return swapBytes(raw, swapUnit(e.vr));
    }
    if (info.kind === "text") {
      const text = (e.decodedStrings ?? []).join(info.multiValued ? "\\" : "");
      if (info.usesCharacterSet) return encodeText(text, ds.characterSet, { vr: e.vr });
      return encodeAscii(text, path);
    }
    if (info.kind === "number" || info.kind === "tag") {
      const le = encodeNumbersLe(e.numbers() as (number | bigint)[], e.vr);
      return this.#le ? le : swapBytes(le, swapUnit(e.vr));
    }
    return new Uint8Array(0);
  }

  #useUndefined(readUndefined: boolean): boolean {
    return this.#lengths === "undefined" || (this.#lengths === "as-read" && readUndefined);
  }

  #sequence(e: DataElement, ds: DataSet, path: string): void {
    const w = this.#w;
    // In implicit VR a reader knows a sequence only from its dictionary, or from an undefined
    // length (PS3.5 7.5.1, 6.2.2): a sequence no dictionary names gets an undefined length.
    const unnamed = !this.#explicit && ds.entryOf(e.tag)?.vrs[0] !== "SQ";
    const undefinedLength = unnamed || this.#useUndefined(e.undefinedLength);
    this.#header(e.tag, "SQ", 0);
    const lengthAt = w.length - 4;
    const start = w.length;
    this.#sequenceBody(e, path, undefinedLength);
    w.fillUint32(lengthAt, undefinedLength ? UNDEFINED_LENGTH : w.length - start);
  }

  /** The items of a sequence, then its delimiter when it has undefined length (PS3.5 7.5). */
  #sequenceBody(e: DataElement, path: string, undefinedLength: boolean): void {
    const w = this.#w;
    e.items.forEach((item, index) => {
      const itemUndefined = this.#useUndefined(item.undefinedLength);
      w.tag(ITEM_TAG);
      const itemLengthAt = w.reserveUint32();
      const itemStart = w.length;
      this.elements(item, `${path}[${index}].`);
      if (itemUndefined) {
        w.fillUint32(itemLengthAt, UNDEFINED_LENGTH);
        w.tag(ITEM_DELIMITATION_TAG);
        w.uint32(0);
      } else {
        w.fillUint32(itemLengthAt, w.length - itemStart);
      }
    });
    if (undefinedLength) {
      w.tag(SEQUENCE_DELIMITATION_TAG);
      w.uint32(0);
    }
  }

  /** Encapsulated pixel data (PS3.5 A.4): always undefined length, items never byte-swapped. */
  #fragments(e: DataElement): void {
    const w = this.#w;
    const f = e.fragments!;
    this.#header(e.tag, e.vr === "UN" ? "OB" : e.vr, 0);
    w.fillUint32(w.length - 4, UNDEFINED_LENGTH);
    for (const item of [f.basicOffsetTable, ...f.fragments]) {
      const value = (item.length & 1) === 1 ? pad(item, 0) : item;
      w.tag(ITEM_TAG);
      w.uint32(value.length);
      w.bytes(value);
    }
    w.tag(SEQUENCE_DELIMITATION_TAG);
    w.uint32(0);
  }
}

function pad(value: Uint8Array, byte: number): Uint8Array {
  const out = new Uint8Array(value.length + 1);
  out.set(value);
  out[value.length] = byte;
  return out;
}

function encodeAscii(text: string, path: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) {
      throw new DicomWriteError(
        `Character ${JSON.stringify(text[i])} is not allowed in this VR`,
        path,
      );
    }
    out[i] = c;
  }
  return out;
}
