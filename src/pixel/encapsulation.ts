/**
 * Encapsulated pixel data (PS3.5 A.4): the undefined-length Pixel Data value that compressed
 * transfer syntaxes use, a Basic Offset Table item followed by fragment items and a Sequence
 * Delimitation Item. Reads and writes that framing, finds which fragments make each frame, and
 * splits frames into fragments with the offset tables computed.
 *
 * How `frameFragments` finds the frames, first rule that applies:
 * 1. the Extended Offset Table (7FE0,0001), with its lengths (7FE0,0002) when given;
 * 2. a non-empty Basic Offset Table;
 * 3. as many fragments as frames: one fragment per frame;
 * 4. a single frame: all fragments;
 * 5. JPEG-family markers, as pydicom's frame generator does: a fragment with an EOI/EOC marker
 *    (`FF D9`, which ends JPEG, JPEG-LS and JPEG 2000 code streams) in its last 10 bytes ends a
 *    frame; failing that, a fragment that starts with SOI (`FF D8 FF`), a JPEG 2000 SOC+SIZ
 *    (`FF 4F FF 51`) or a JP2 signature box starts one. The split must give exactly the number of
 *    frames, else an `EncapsulationError` (RLE and other marker-less data with more fragments
 *    than frames and no offset table cannot be split).
 * @module
 */

import { EncapsulationError } from "./errors.ts";

/**
 * The items of an encapsulated Pixel Data value (PS3.5 A.4): the Basic Offset Table's value
 * (empty, or one 32-bit little-endian offset per frame) and the fragments' values.
 * @example
 * ```ts
 * import type { EncapsulatedPixelData } from "./encapsulation.ts";
 * const e: EncapsulatedPixelData = {
 *   basicOffsetTable: new Uint8Array(0),
 *   fragments: [new Uint8Array([0xff, 0xd8, 0xff, 0xd9])],
 * };
 * ```
 */
export interface EncapsulatedPixelData {
  /** Value of the first item: empty, or a 32-bit little-endian offset per frame. */
  basicOffsetTable: Uint8Array;
  /** Values of the fragment items, in order. */
  fragments: Uint8Array[];
}

/** Options of `frameFragments` and `frameBytes`. */
export interface FrameFragmentsOptions {
  /**
   * Value of Extended Offset Table (7FE0,0001): a 64-bit little-endian offset per frame, measured
   * like the Basic Offset Table's. When given it is used instead of the Basic Offset Table.
   * Default: none.
   */
  extendedOffsetTable?: Uint8Array;
  /**
   * Value of Extended Offset Table Lengths (7FE0,0002): a 64-bit little-endian length per frame,
   * without the frame's padding; frames are cut to these lengths. Default: none (frames keep
   * their fragments' padding).
   */
  extendedOffsetTableLengths?: Uint8Array;
}

const ITEM = 0xfffee000;
const SEQUENCE_DELIMITATION = 0xfffee0dd;
const ITEM_HEADER_LENGTH = 8;

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

function readTag(bytes: Uint8Array, at: number): number {
  // Item tags are little endian: group then element (PS3.5 7.5, A.4).
  const group = bytes[at] | (bytes[at + 1] << 8);
  const element = bytes[at + 2] | (bytes[at + 3] << 8);
  return group * 0x10000 + element;
}

function readUint64(bytes: Uint8Array, at: number, what: string, frameIndex: number): number {
  const low = readUint32(bytes, at);
  const high = readUint32(bytes, at + 4);
  if (high >= 0x200000) {
    throw new EncapsulationError(
      `Cannot find frames: ${what} of frame ${frameIndex} is beyond 2^53`,
      { frameIndex },
    );
  }
  return high * 0x100000000 + low;
}

/** Options of `readEncapsulatedPixelData`. */
export interface ReadEncapsulatedOptions {
  /** Offset of the first item tag (the byte after the element's undefined length). Default: 0. */
  offset?: number;
}

/** What `readEncapsulatedPixelData` found. */
export interface ReadEncapsulatedResult {
  /** The offset table and fragments, as zero-copy views of the input. */
  pixelData: EncapsulatedPixelData;
  /** Offset just past the Sequence Delimitation Item. */
  end: number;
}

/**
 * Reads the items of an encapsulated Pixel Data value (PS3.5 A.4) up to and including the
 * Sequence Delimitation Item. Returns `undefined` when the bytes end first (need more bytes);
 * throws an `EncapsulationError` with the offset for anything other than an item or the
 * delimiter, and for an item of undefined length.
 * @example
 * ```ts
 * import { readEncapsulatedPixelData } from "./encapsulation.ts";
 * const value = new Uint8Array([
 *   0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0, // Basic Offset Table item, empty
 *   0xfe, 0xff, 0x00, 0xe0, 2, 0, 0, 0, 0xab, 0xcd, // one fragment
 *   0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0, // Sequence Delimitation Item
 * ]);
 * readEncapsulatedPixelData(value)?.pixelData.fragments; // [Uint8Array [0xab, 0xcd]]
 * ```
 */
export function readEncapsulatedPixelData(
  bytes: Uint8Array,
  options: ReadEncapsulatedOptions = {},
): ReadEncapsulatedResult | undefined {
  let pos = options.offset ?? 0;
  let basicOffsetTable: Uint8Array | undefined;
  const fragments: Uint8Array[] = [];
  while (true) {
    if (pos + ITEM_HEADER_LENGTH > bytes.length) return undefined;
    const tag = readTag(bytes, pos);
    const length = readUint32(bytes, pos + 4);
    if (tag === SEQUENCE_DELIMITATION) {
      if (basicOffsetTable === undefined) {
        throw new EncapsulationError(
          `Cannot read encapsulated pixel data: sequence delimiter at offset ${pos} before the ` +
            `Basic Offset Table item`,
          { offset: pos },
        );
      }
      return { pixelData: { basicOffsetTable, fragments }, end: pos + ITEM_HEADER_LENGTH };
    }
    if (tag !== ITEM) {
      const hex = tag.toString(16).toUpperCase().padStart(8, "0");
      throw new EncapsulationError(
        `Cannot read encapsulated pixel data: expected an item tag at offset ${pos}, found ` +
          `(${hex.slice(0, 4)},${hex.slice(4)})`,
        { offset: pos },
      );
    }
    if (length === 0xffffffff) {
      throw new EncapsulationError(
        `Cannot read encapsulated pixel data: item at offset ${pos} has undefined length`,
        {
          offset: pos,
          fragmentIndex: basicOffsetTable === undefined ? undefined : fragments.length,
        },
      );
    }
    const start = pos + ITEM_HEADER_LENGTH;
    if (start + length > bytes.length) return undefined;
    const value = bytes.subarray(start, start + length);
    if (basicOffsetTable === undefined) basicOffsetTable = value;
    else fragments.push(value);
    pos = start + length;
  }
}

/**
 * Writes the items of an encapsulated Pixel Data value: the Basic Offset Table item, one item per
 * fragment, and the Sequence Delimitation Item (PS3.5 A.4). Values are written as given, so what
 * `readEncapsulatedPixelData` read comes back byte for byte.
 * @example
 * ```ts
 * import { writeEncapsulatedPixelData } from "./encapsulation.ts";
 * writeEncapsulatedPixelData({ basicOffsetTable: new Uint8Array(0), fragments: [] }).length; // 16
 * ```
 */
export function writeEncapsulatedPixelData(e: EncapsulatedPixelData): Uint8Array {
  let total = ITEM_HEADER_LENGTH * 2 + e.basicOffsetTable.length;
  for (const f of e.fragments) total += ITEM_HEADER_LENGTH + f.length;
  const out = new Uint8Array(total);
  let pos = 0;
  const item = (value: Uint8Array): void => {
    out.set([0xfe, 0xff, 0x00, 0xe0], pos);
    writeUint32(out, pos + 4, value.length);
    out.set(value, pos + ITEM_HEADER_LENGTH);
    pos += ITEM_HEADER_LENGTH + value.length;
  };
  item(e.basicOffsetTable);
  for (const f of e.fragments) item(f);
  out.set([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0], pos);
  return out;
}

/** Maps frame start offsets (PS3.5 A.4: from the first fragment's item tag) to fragment groups. */
function groupByOffsets(
  fragments: Uint8Array[],
  offsets: number[],
  table: string,
): Uint8Array[][] {
  const indexOf = new Map<number, number>();
  let position = 0;
  for (let k = 0; k < fragments.length; k++) {
    indexOf.set(position, k);
    position += ITEM_HEADER_LENGTH + fragments[k].length;
  }
  const starts = offsets.map((offset, frameIndex) => {
    const k = indexOf.get(offset);
    if (k === undefined) {
      throw new EncapsulationError(
        `Cannot find frames: ${table} offset ${offset} of frame ${frameIndex} is not the start ` +
          `of a fragment item`,
        { frameIndex },
      );
    }
    if (frameIndex > 0 && offset <= offsets[frameIndex - 1]) {
      throw new EncapsulationError(
        `Cannot find frames: ${table} offsets are not increasing at frame ${frameIndex}`,
        { frameIndex },
      );
    }
    return k;
  });
  return starts.map((k, i) =>
    fragments.slice(k, i + 1 < starts.length ? starts[i + 1] : undefined)
  );
}

function endsFrame(fragment: Uint8Array): boolean {
  // pydicom looks for EOI in the last 10 bytes, allowing for trailing padding.
  for (let i = Math.max(0, fragment.length - 10); i + 1 < fragment.length; i++) {
    if (fragment[i] === 0xff && fragment[i + 1] === 0xd9) return true;
  }
  return false;
}

function startsFrame(f: Uint8Array): boolean {
  if (f.length >= 3 && f[0] === 0xff && f[1] === 0xd8 && f[2] === 0xff) return true;
  if (f.length >= 4 && f[0] === 0xff && f[1] === 0x4f && f[2] === 0xff && f[3] === 0x51) {
    return true;
  }
  const jp2 = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
  return f.length >= 8 && jp2.every((b, i) => f[i] === b);
}

function splitByMarkers(
  fragments: Uint8Array[],
  numberOfFrames: number,
): Uint8Array[][] | undefined {
  const byEnd: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  for (const f of fragments) {
    current.push(f);
    if (endsFrame(f)) {
      byEnd.push(current);
      current = [];
    }
  }
  if (current.length > 0) byEnd.push(current);
  if (byEnd.length === numberOfFrames) return byEnd;
  if (!startsFrame(fragments[0])) return undefined;
  const byStart: Uint8Array[][] = [];
  for (const f of fragments) {
    if (startsFrame(f)) byStart.push([f]);
    else byStart[byStart.length - 1].push(f);
  }
  return byStart.length === numberOfFrames ? byStart : undefined;
}

/**
 * Which fragments make each frame, as arrays of zero-copy fragment views (see the module
 * documentation for the rules). Throws an `EncapsulationError` naming the frame when an offset
 * table does not match the fragments or the frames cannot be found.
 * @example
 * ```ts
 * import { frameFragments } from "./encapsulation.ts";
 * const a = new Uint8Array(4), b = new Uint8Array(2), c = new Uint8Array(6);
 * const basicOffsetTable = new Uint8Array([0, 0, 0, 0, 22, 0, 0, 0]); // frames at 0 and 8+4+8+2
 * frameFragments({ basicOffsetTable, fragments: [a, b, c] }, 2); // [[a, b], [c]]
 * ```
 */
export function frameFragments(
  e: EncapsulatedPixelData,
  numberOfFrames: number,
  options: FrameFragmentsOptions = {},
): Uint8Array[][] {
  if (!Number.isSafeInteger(numberOfFrames) || numberOfFrames < 1) {
    throw new EncapsulationError(`Cannot find frames: number of frames ${numberOfFrames}`);
  }
  const { fragments } = e;
  if (fragments.length === 0) {
    throw new EncapsulationError("Cannot find frames: no fragments");
  }
  const eot = options.extendedOffsetTable;
  if (eot !== undefined && eot.length > 0) {
    // PS3.3 C.7.6.3.1.8 / PS3.5 A.4: 64-bit offsets, measured like the Basic Offset Table's.
    if (eot.length !== numberOfFrames * 8) {
      throw new EncapsulationError(
        `Cannot find frames: Extended Offset Table has ${eot.length} bytes, ${numberOfFrames} ` +
          `frames need ${numberOfFrames * 8}`,
      );
    }
    const offsets = Array.from(
      { length: numberOfFrames },
      (_, i) => readUint64(eot, i * 8, "extended offset", i),
    );
    const groups = groupByOffsets(fragments, offsets, "Extended Offset Table");
    const lengths = options.extendedOffsetTableLengths;
    if (lengths === undefined || lengths.length === 0) return groups;
    if (lengths.length !== numberOfFrames * 8) {
      throw new EncapsulationError(
        `Cannot find frames: Extended Offset Table Lengths has ${lengths.length} bytes, ` +
          `${numberOfFrames} frames need ${numberOfFrames * 8}`,
      );
    }
    return groups.map((group, i) => trimGroup(group, readUint64(lengths, i * 8, "length", i), i));
  }
  const bot = e.basicOffsetTable;
  if (bot.length > 0) {
    if (bot.length !== numberOfFrames * 4) {
      throw new EncapsulationError(
        `Cannot find frames: Basic Offset Table has ${bot.length} bytes, ${numberOfFrames} ` +
          `frames need ${numberOfFrames * 4}`,
      );
    }
    const offsets = Array.from({ length: numberOfFrames }, (_, i) => readUint32(bot, i * 4));
    return groupByOffsets(fragments, offsets, "Basic Offset Table");
  }
  if (fragments.length === numberOfFrames) return fragments.map((f) => [f]);
  if (numberOfFrames === 1) return [fragments.slice()];
  if (fragments.length < numberOfFrames) {
    throw new EncapsulationError(
      `Cannot find frames: ${fragments.length} fragments for ${numberOfFrames} frames`,
    );
  }
  const split = splitByMarkers(fragments, numberOfFrames);
  if (split === undefined) {
    throw new EncapsulationError(
      `Cannot find frames: ${fragments.length} fragments, ${numberOfFrames} frames, no offset ` +
        `table and no JPEG or JPEG 2000 markers that split them`,
    );
  }
  return split;
}

function trimGroup(group: Uint8Array[], length: number, frameIndex: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let left = length;
  for (const f of group) {
    if (left === 0) break;
    const part = f.length <= left ? f : f.subarray(0, left);
    out.push(part);
    left -= part.length;
  }
  if (left > 0) {
    throw new EncapsulationError(
      `Cannot find frames: Extended Offset Table Lengths gives frame ${frameIndex} ${length} ` +
        `bytes, its fragments hold ${length - left}`,
      { frameIndex },
    );
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/**
 * The bytes of each frame: its fragments concatenated (a zero-copy view when a frame is one
 * fragment). Frames keep the padding of their last fragment unless Extended Offset Table Lengths
 * are given. Same rules and errors as `frameFragments`.
 * @example
 * ```ts
 * import { frameBytes } from "./encapsulation.ts";
 * const e = { basicOffsetTable: new Uint8Array(0), fragments: [new Uint8Array([1, 2]), new Uint8Array([3, 4])] };
 * frameBytes(e, 1); // [Uint8Array [1, 2, 3, 4]]
 * ```
 */
export function frameBytes(
  e: EncapsulatedPixelData,
  numberOfFrames: number,
  options: FrameFragmentsOptions = {},
): Uint8Array[] {
  return frameFragments(e, numberOfFrames, options).map(concat);
}

/** Options of `encapsulateFrames`. */
export interface EncapsulateOptions {
  /**
   * Fill the Basic Offset Table with one offset per frame; false leaves it empty. Ignored (empty)
   * when `extendedOffsetTable` is true. Default: true.
   */
  basicOffsetTable?: boolean;
  /**
   * Split frames into fragments of at most this many bytes; an even number of at least 2.
   * Default: 0xFFFFFFFE (one fragment per frame).
   */
  maxFragmentLength?: number;
  /**
   * Also return Extended Offset Table and Extended Offset Table Lengths values (PS3.3
   * C.7.6.3.1.8), with the Basic Offset Table left empty as PS3.5 A.4 then requires. Each frame
   * must fit in one fragment. Default: false.
   */
  extendedOffsetTable?: boolean;
}

/** What `encapsulateFrames` returns: the items, and the extended offset table values if asked. */
export interface EncapsulatedFrames extends EncapsulatedPixelData {
  /** Value for Extended Offset Table (7FE0,0001), when asked for. */
  extendedOffsetTable?: Uint8Array;
  /** Value for Extended Offset Table Lengths (7FE0,0002), when asked for. */
  extendedOffsetTableLengths?: Uint8Array;
}

const MAX_ITEM_LENGTH = 0xfffffffe;

/**
 * Splits frames into fragments for encapsulated pixel data (PS3.5 A.4): each frame starts a new
 * fragment, fragments are at most `maxFragmentLength` bytes, and a frame of odd length gets a
 * zero byte of padding in its last fragment (items have even lengths). The Basic Offset Table
 * holds the offset of each frame's first item tag, measured from the first byte of the first
 * fragment's item tag. Fragments are zero-copy views of the frames except a padded last one.
 * @example
 * ```ts
 * import { encapsulateFrames } from "./encapsulation.ts";
 * const e = encapsulateFrames([new Uint8Array(3), new Uint8Array(4)]);
 * e.fragments.map((f) => f.length); // [4, 4]
 * e.basicOffsetTable; // Uint8Array [0, 0, 0, 0, 12, 0, 0, 0]
 * ```
 */
export function encapsulateFrames(
  frames: Uint8Array[],
  options: EncapsulateOptions = {},
): EncapsulatedFrames {
  const max = options.maxFragmentLength ?? MAX_ITEM_LENGTH;
  if (!Number.isSafeInteger(max) || max < 2 || max % 2 !== 0 || max > MAX_ITEM_LENGTH) {
    throw new EncapsulationError(
      `Cannot encapsulate frames: maxFragmentLength ${max} is not an even number from 2 to ` +
        `${MAX_ITEM_LENGTH}`,
    );
  }
  const extended = options.extendedOffsetTable ?? false;
  const withBasic = !extended && (options.basicOffsetTable ?? true);
  const fragments: Uint8Array[] = [];
  const offsets: number[] = [];
  let position = 0;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    offsets.push(position);
    if (extended && frame.length > max) {
      throw new EncapsulationError(
        `Cannot encapsulate frames: frame ${i} of ${frame.length} bytes does not fit one ` +
          `fragment of ${max}, as the Extended Offset Table needs`,
        { frameIndex: i },
      );
    }
    if (withBasic && position > 0xffffffff) {
      throw new EncapsulationError(
        `Cannot encapsulate frames: frame ${i} starts at offset ${position}, past the 32-bit ` +
          `Basic Offset Table: use the Extended Offset Table`,
        { frameIndex: i },
      );
    }
    let start = 0;
    do {
      let part = frame.subarray(start, Math.min(start + max, frame.length));
      start += part.length;
      if (part.length % 2 === 1) {
        const padded = new Uint8Array(part.length + 1);
        padded.set(part);
        part = padded;
      }
      fragments.push(part);
      position += ITEM_HEADER_LENGTH + part.length;
    } while (start < frame.length);
  }
  const basicOffsetTable = new Uint8Array(withBasic ? frames.length * 4 : 0);
  if (withBasic) offsets.forEach((offset, i) => writeUint32(basicOffsetTable, i * 4, offset));
  if (!extended) return { basicOffsetTable, fragments };
  const table = new Uint8Array(frames.length * 8);
  const lengths = new Uint8Array(frames.length * 8);
  frames.forEach((frame, i) => {
    writeUint32(table, i * 8, offsets[i] % 0x100000000);
    writeUint32(table, i * 8 + 4, Math.floor(offsets[i] / 0x100000000));
    writeUint32(lengths, i * 8, frame.length % 0x100000000);
    writeUint32(lengths, i * 8 + 4, Math.floor(frame.length / 0x100000000));
  });
  return {
    basicOffsetTable,
    fragments,
    extendedOffsetTable: table,
    extendedOffsetTableLengths: lengths,
  };
}
