/**
 * A lookup table as the LUT Descriptor (0028,3002) and LUT Data (0028,3006) describe it
 * (PS3.3 C.11.1.1.1), shared by the Modality LUT, VOI LUT and palette colour tables.
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { PixelDataError } from "../errors.ts";

/**
 * A lookup table: `data[i]` is the output for input `firstMapped + i`; inputs below
 * `firstMapped` give `data[0]`, inputs past the end give the last entry (PS3.3 C.11.1.1.1).
 * @example
 * ```ts
 * import type { Lut } from "./lut.ts";
 * const lut: Lut = { firstMapped: -2, bits: 8, data: new Uint16Array([0, 128, 255]) };
 * ```
 */
export interface Lut {
  /** The first input value mapped (second descriptor value; may be negative). */
  firstMapped: number;
  /** Bits per output entry (third descriptor value, 8 to 16). */
  bits: number;
  /** The entries, `data.length` of them (first descriptor value, 0 meaning 65536). */
  data: Uint16Array;
}

/** Entries, first mapped value and bits of a LUT Descriptor. */
export interface LutDescriptor {
  /** Number of entries: the first value, 0 meaning 2^16 (PS3.3 C.11.1.1.1). */
  entries: number;
  /** First input value mapped; signed when the pixel data is signed. */
  firstMapped: number;
  /** Bits per entry. */
  bits: number;
}

/**
 * Reads the three values of a LUT Descriptor. The first value is always unsigned (0 means
 * 65536); the second is read as signed when `signedInput` (Pixel Representation 1), whichever of
 * US or SS it was encoded as (PS3.3 C.11.1.1.1 and C.7.6.3.1.5).
 * @example
 * ```ts
 * import { parseLutDescriptor } from "./lut.ts";
 * parseLutDescriptor([0, 63488, 16], true); // { entries: 65536, firstMapped: -2048, bits: 16 }
 * ```
 */
export function parseLutDescriptor(values: readonly number[], signedInput = false): LutDescriptor {
  if (values.length < 3 || values.slice(0, 3).some((v) => !Number.isInteger(v))) {
    throw new PixelDataError(`Invalid LUT Descriptor: ${values.join("\\")}`);
  }
  const entries = (values[0] & 0xffff) || 0x10000;
  let firstMapped = values[1];
  if (signedInput && firstMapped > 0x7fff && firstMapped <= 0xffff) firstMapped -= 0x10000;
  if (!signedInput && firstMapped < 0) firstMapped += 0x10000;
  const bits = values[2];
  if (bits < 1 || bits > 16) throw new PixelDataError(`Invalid LUT Descriptor: ${bits} bits`);
  return { entries, firstMapped, bits };
}

/**
 * Reads a LUT from an item holding LUT Descriptor (0028,3002) and LUT Data (0028,3006), as in
 * the Modality LUT and VOI LUT Sequences. LUT Data may be US or OW; 8-bit entries packed two to
 * a word are unpacked when the data holds half the descriptor's entries.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { lutFromItem } from "./lut.ts";
 * const item = new DataSet();
 * item.set("LUTDescriptor", [3, 0, 8], "US");
 * item.set("LUTData", [0, 100, 255], "US");
 * lutFromItem(item).data; // Uint16Array [0, 100, 255]
 * ```
 */
export function lutFromItem(item: DataSet, signedInput = false): Lut {
  const descriptor = parseLutDescriptor(item.getNumbers("LUTDescriptor"), signedInput);
  const values = item.getNumbers("LUTData");
  return { ...lutFromValues(descriptor, values), firstMapped: descriptor.firstMapped };
}

/**
 * A LUT from its descriptor and the values of its data (16-bit words).
 * @example
 * ```ts
 * import { lutFromValues } from "./lut.ts";
 * lutFromValues({ entries: 4, firstMapped: 0, bits: 8 }, [0x0100, 0x0302]).data; // [0, 1, 2, 3]
 * ```
 */
export function lutFromValues(descriptor: LutDescriptor, values: readonly number[]): Lut {
  const { entries, bits, firstMapped } = descriptor;
  let data: Uint16Array;
  if (values.length >= entries) {
    data = Uint16Array.from(values.slice(0, entries));
  } else if (bits <= 8 && values.length * 2 >= entries) {
    // 8-bit entries packed two to a 16-bit word, low byte first
    data = new Uint16Array(entries);
    for (let i = 0; i < entries; i++) data[i] = (values[i >> 1] >> ((i & 1) * 8)) & 0xff;
  } else {
    throw new PixelDataError(
      `Invalid LUT Data: ${values.length} values for ${entries} entries`,
    );
  }
  return { firstMapped, bits, data };
}

/**
 * Looks one value up: clamps below the first entry and above the last (PS3.3 C.11.1.1.1).
 * @example
 * ```ts
 * import { lookup } from "./lut.ts";
 * const lut = { firstMapped: 10, bits: 8, data: new Uint16Array([1, 2, 3]) };
 * [lookup(lut, 0), lookup(lut, 11), lookup(lut, 99)]; // [1, 2, 3]
 * ```
 */
export function lookup(lut: Lut, value: number): number {
  const last = lut.data.length - 1;
  let i = Math.floor(value) - lut.firstMapped;
  if (!(i > 0)) i = 0;
  else if (i > last) i = last;
  return lut.data[i];
}

/**
 * Applies a LUT to every value of an array.
 * @example
 * ```ts
 * import { applyLut } from "./lut.ts";
 * const lut = { firstMapped: 0, bits: 8, data: new Uint16Array([5, 6]) };
 * applyLut(new Int16Array([-1, 0, 1, 2]), lut); // Uint16Array [5, 5, 6, 6]
 * ```
 */
export function applyLut(values: ArrayLike<number>, lut: Lut): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = lookup(lut, values[i]);
  return out;
}
