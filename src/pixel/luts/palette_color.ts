/**
 * Palette colour (PS3.3 C.7.6.3.1.5, C.7.9): indices to RGB through the Red, Green and Blue
 * Palette Color Lookup Tables, plain or segmented (C.7.9.2).
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { PixelDataError } from "../errors.ts";
import { parseLutDescriptor } from "./lut.ts";

/**
 * The three colour tables of a palette colour image.
 * @example
 * ```ts
 * import type { Palette } from "./palette_color.ts";
 * const grey2: Palette = {
 *   firstMapped: 0, bits: 8,
 *   red: new Uint16Array([0, 255]), green: new Uint16Array([0, 255]), blue: new Uint16Array([0, 255]),
 * };
 * ```
 */
export interface Palette {
  /** The first index mapped (descriptor value 2). */
  firstMapped: number;
  /** Bits per entry: 8 or 16 (from the data when 8-bit entries are packed in bytes). */
  bits: number;
  /** Red entries. */
  red: Uint16Array;
  /** Green entries. */
  green: Uint16Array;
  /** Blue entries. */
  blue: Uint16Array;
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const COLOURS = ["Red", "Green", "Blue"] as const;

function words(bytes: Uint8Array): Uint16Array {
  const out = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  return out;
}

/**
 * Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2): discrete (opcode 0),
 * linear (1) and indirect (2) segments.
 * @example
 * ```ts
 * import { expandSegmentedLut } from "./palette_color.ts";
 * expandSegmentedLut([0, 1, 0, 1, 4, 100]); // [0, 25, 50, 75, 100]
 * ```
 */
export function expandSegmentedLut(data: ArrayLike<number>, limit = 0x10000): number[] {
  const out: number[] = [];
  const run = (start: number, maxSegments: number): void => {
    let offset = start, segments = 0;
    while (offset + 1 < data.length && segments < maxSegments) {
      const opcode = data[offset], length = data[offset + 1];
      offset += 2;
      if (opcode === 0) {
        if (offset + length > data.length) break;
        for (let i = 0; i < length; i++) out.push(data[offset + i]);
        offset += length;
      } else if (opcode === 1) {
        // C.7.9.2.2: linear from the previous value to y1 over `length` entries
        if (out.length === 0) {
          throw new PixelDataError("Segmented LUT starts with a linear segment");
        }
        const y0 = out[out.length - 1], y1 = data[offset++];
        for (let i = 1; i <= length; i++) out.push(roundHalfEven(y0 + ((y1 - y0) * i) / length));
      } else if (opcode === 2) {
        // C.7.9.2.3: `length` segments copied from a word offset (low word first)
        if (out.length === 0) {
          throw new PixelDataError("Segmented LUT starts with an indirect segment");
        }
        const target = data[offset] | (data[offset + 1] << 16);
        offset += 2;
        if (start !== 0 || target >= data.length) {
          throw new PixelDataError(`Segmented LUT: bad indirect segment to ${target}`);
        }
        run(target, length);
      } else {
        throw new PixelDataError(`Segmented LUT: unknown segment type ${opcode}`);
      }
      if (out.length > limit) throw new PixelDataError("Segmented LUT: too many entries");
      segments++;
    }
  };
  run(0, Infinity);
  return out;
}

/**
 * The palette of a PALETTE COLOR data set, from the Red/Green/Blue Palette Color Lookup Table
 * Descriptors (0028,1101-1103) and Data (0028,1201-1203) or Segmented Data (0028,1221-1223).
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../../codec/read_file.ts";
 * import { paletteOf } from "./palette_color.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-data/OBXXXX1A.dcm"));
 * paletteOf(file.dataSet).red.length; // 256
 * ```
 */
export function paletteOf(ds: DataSet): Palette {
  const signed = ds.getNumber("PixelRepresentation") === 1;
  const descriptor = ds.getNumbers("RedPaletteColorLookupTableDescriptor");
  if (descriptor.length < 3) {
    throw new PixelDataError("No Red Palette Color Lookup Table Descriptor (0028,1101)");
  }
  const { entries, firstMapped, bits: nominal } = parseLutDescriptor(descriptor, signed);
  const tables: Uint16Array[] = [];
  let bits = nominal;
  for (const colour of COLOURS) {
    const plain = ds.getBytes(`${colour}PaletteColorLookupTableData`);
    const segmented = ds.getBytes(`Segmented${colour}PaletteColorLookupTableData`);
    if (plain !== undefined && plain.length > 0) {
      if (plain.length >= entries && plain.length < entries * 2) {
        // 8-bit entries packed one per byte (seen in the wild; pydicom reads them so too)
        tables.push(Uint16Array.from(plain));
        bits = 8;
      } else if (plain.length >= entries * 2) {
        tables.push(words(plain).subarray(0, entries));
      } else {
        throw new PixelDataError(
          `${colour} Palette Color LUT Data has ${plain.length} bytes for ${entries} entries`,
        );
      }
    } else if (segmented !== undefined) {
      const data = nominal === 8 ? segmented : words(segmented);
      tables.push(Uint16Array.from(expandSegmentedLut(data)));
    } else {
      throw new PixelDataError(`No ${colour} Palette Color Lookup Table Data`);
    }
  }
  if (tables[1].length !== tables[0].length || tables[2].length !== tables[0].length) {
    throw new PixelDataError("Palette Color LUT Data lengths differ");
  }
  return { firstMapped, bits, red: tables[0], green: tables[1], blue: tables[2] };
}

/**
 * Maps indices to interleaved RGB through a palette: indices below the first mapped value take
 * the first entry, past the end the last (PS3.3 C.7.6.3.1.5).
 * @example
 * ```ts
 * import { applyPalette } from "./palette_color.ts";
 * const p = { firstMapped: 0, bits: 8, red: new Uint16Array([9, 1]), green: new Uint16Array([8, 2]), blue: new Uint16Array([7, 3]) };
 * applyPalette(new Uint8Array([1, 0]), p); // Uint16Array [1, 2, 3, 9, 8, 7]
 * ```
 */
export function applyPalette(indices: ArrayLike<number>, p: Palette): Uint16Array {
  const out = new Uint16Array(indices.length * 3);
  const last = p.red.length - 1;
  for (let i = 0, o = 0; i < indices.length; i++, o += 3) {
    let j = indices[i] - p.firstMapped;
    if (!(j > 0)) j = 0;
    else if (j > last) j = last;
    out[o] = p.red[j];
    out[o + 1] = p.green[j];
    out[o + 2] = p.blue[j];
  }
  return out;
}
