/**
 * RLE Lossless (PS3.5 Annex G, transfer syntax 1.2.840.10008.1.2.5): decode one frame to native
 * little-endian bytes and encode native bytes back. A frame is a 64-byte header (the number of
 * segments and 15 segment offsets, PS3.5 G.5) followed by the segments; each segment holds one
 * byte of every sample, PackBits compressed (PS3.5 G.3.1), ordered for each sample from the most
 * significant byte to the least (PS3.5 G.2). With bits allocated 1 each sample has one segment
 * holding the frame's packed bits, least significant bit first.
 *
 * Decoding never reads outside the input and always ends: every step consumes an input byte.
 * @module
 */

import { RleError } from "./errors.ts";
import { checkImageDescription, type ImageDescription } from "./image_description.ts";

const HEADER_LENGTH = 64;
const MAX_SEGMENTS = 15;

/** Options of `decodeRleFrame`. */
export interface RleDecodeOptions {
  /**
   * Zero-fill what is missing instead of throwing: segments that decode to too few bytes, literal
   * runs cut short by the end of their segment, and (when the header lists fewer segments than
   * the description needs) whole segments. A corrupt header still throws. Default: false.
   */
  lenient?: boolean;
  /**
   * Planar configuration of the output for colour images: 0 colour-by-pixel, 1 colour-by-plane.
   * The RLE segments are colour planes whatever Planar Configuration (0028,0006) says, so this is
   * the caller's choice. Default: 0.
   */
  planarConfiguration?: 0 | 1;
}

interface SegmentLayout {
  /** Number of segments the description needs. */
  segments: number;
  /** Bytes each segment decodes to. */
  segmentLength: number;
  /** Bytes per sample (1 for bits allocated 1 and 8). */
  bytesPerSample: number;
  /** Bytes of one decoded frame. */
  frameLength: number;
}

function segmentLayout(d: ImageDescription, what: string): SegmentLayout {
  checkImageDescription(d);
  const pixels = d.rows * d.columns;
  const spp = d.samplesPerPixel;
  if (d.bitsAllocated === 1) {
    if (spp !== 1) {
      throw new RleError(
        `Cannot ${what} RLE: bits allocated 1 with ${spp} samples per pixel is not supported`,
        { offset: 0 },
      );
    }
    const length = Math.ceil(pixels / 8);
    return { segments: 1, segmentLength: length, bytesPerSample: 1, frameLength: length };
  }
  const bytesPerSample = d.bitsAllocated / 8;
  const segments = spp * bytesPerSample;
  if (segments > MAX_SEGMENTS) {
    throw new RleError(
      `Cannot ${what} RLE: ${spp} samples of ${d.bitsAllocated} bits need ${segments} segments, ` +
        `more than ${MAX_SEGMENTS}`,
      { offset: 0 },
    );
  }
  return { segments, segmentLength: pixels, bytesPerSample, frameLength: pixels * segments };
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

/**
 * Decodes PackBits bytes `src[start..end)` into `out[base + k * stride]` for k below `count`
 * (PS3.5 G.3.1). Stops once `count` bytes are out, so trailing padding is ignored and over-long
 * runs are clipped. Returns the number of bytes written; throws on a run cut short unless lenient.
 */
function unpackSegment(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  base: number,
  stride: number,
  count: number,
  lenient: boolean,
  segmentIndex: number,
): number {
  let pos = start;
  let k = 0;
  let at = base;
  while (k < count && pos < end) {
    const header = src[pos];
    if (header < 128) {
      // Literal run: copy the next header + 1 bytes.
      let n = header + 1;
      if (pos + 1 + n > end) {
        if (!lenient) {
          throw new RleError(
            `Cannot decode RLE: literal run of ${n} bytes at offset ${pos} overruns segment ` +
              `${segmentIndex} ending at ${end}`,
            { offset: pos, segmentIndex },
          );
        }
        n = end - pos - 1;
      }
      if (n > count - k) n = count - k;
      for (let i = 1; i <= n; i++, at += stride) out[at] = src[pos + i];
      k += n;
      pos += header + 2;
    } else if (header > 128) {
      // Replicate run: repeat the next byte 257 - header times.
      if (pos + 1 >= end) {
        if (!lenient) {
          throw new RleError(
            `Cannot decode RLE: replicate run at offset ${pos} has no byte before segment ` +
              `${segmentIndex} ends at ${end}`,
            { offset: pos, segmentIndex },
          );
        }
        break;
      }
      const value = src[pos + 1];
      let n = 257 - header;
      if (n > count - k) n = count - k;
      for (let i = 0; i < n; i++, at += stride) out[at] = value;
      k += n;
      pos += 2;
    } else {
      // PS3.5 G.3.1: -128 outputs nothing.
      pos += 1;
    }
  }
  return k;
}

/**
 * Decodes one RLE Lossless frame to native little-endian bytes: `rows * columns *
 * samplesPerPixel * bitsAllocated / 8` bytes, colour-by-pixel unless asked otherwise; with bits
 * allocated 1 the frame's packed bits, `ceil(rows * columns / 8)` bytes.
 *
 * Throws an `RleError` carrying the byte offset in `frame` for a header shorter than 64 bytes, a
 * segment count other than the description needs, segment offsets that are below 64, decreasing
 * or past the end, runs cut short, and segments that decode to too few bytes (the last three only
 * when not `lenient`). Bytes past the expected length of a segment are ignored.
 * @example
 * ```ts
 * import { decodeRleFrame } from "./rle.ts";
 * const d = {
 *   rows: 1, columns: 4, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const frame = new Uint8Array(68);
 * frame.set([1, 0, 0, 0, 64], 0); // 1 segment at offset 64
 * frame.set([0xfd, 7, 0x80, 0], 64); // replicate 7 four times, a no-op, padding
 * decodeRleFrame(frame, d); // Uint8Array [7, 7, 7, 7]
 * ```
 */
export function decodeRleFrame(
  frame: Uint8Array,
  d: ImageDescription,
  options: RleDecodeOptions = {},
): Uint8Array {
  const layout = segmentLayout(d, "decode");
  const lenient = options.lenient ?? false;
  if (frame.length < HEADER_LENGTH) {
    throw new RleError(
      `Cannot decode RLE: header needs ${HEADER_LENGTH} bytes, frame has ${frame.length}`,
      { offset: 0 },
    );
  }
  // PS3.5 G.5: the header is 16 little-endian UL: the number of segments, then their offsets.
  const count = readUint32(frame, 0);
  if (count < 1 || count > MAX_SEGMENTS) {
    throw new RleError(
      `Cannot decode RLE: header gives ${count} segments, expected 1 to ${MAX_SEGMENTS}`,
      { offset: 0 },
    );
  }
  if (count !== layout.segments && !lenient) {
    throw new RleError(
      `Cannot decode RLE: header gives ${count} segments, the image needs ${layout.segments}`,
      { offset: 0 },
    );
  }
  const used = Math.min(count, layout.segments);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = 4 + 4 * i;
    const offset = readUint32(frame, at);
    const previous = i === 0 ? HEADER_LENGTH : offsets[i - 1];
    if (offset < previous || offset > frame.length) {
      throw new RleError(
        `Cannot decode RLE: segment ${i} offset ${offset} is outside ${previous}-${frame.length}`,
        { offset: at, segmentIndex: i },
      );
    }
    offsets.push(offset);
  }

  const out = new Uint8Array(layout.frameLength);
  const planar = (options.planarConfiguration ?? 0) === 1;
  const spp = d.samplesPerPixel;
  const bps = layout.bytesPerSample;
  const pixels = layout.segmentLength;
  for (let i = 0; i < used; i++) {
    // PS3.5 G.2: segment i holds byte b (0 = most significant) of sample s.
    const s = Math.floor(i / bps);
    const littleEndianByte = bps - 1 - (i % bps);
    const base = planar ? s * pixels * bps + littleEndianByte : s * bps + littleEndianByte;
    const stride = planar ? bps : spp * bps;
    const end = i + 1 < count ? offsets[i + 1] : frame.length;
    const written = unpackSegment(
      frame,
      offsets[i],
      end,
      out,
      base,
      stride,
      layout.segmentLength,
      lenient,
      i,
    );
    if (written < layout.segmentLength && !lenient) {
      throw new RleError(
        `Cannot decode RLE: segment ${i} decodes to ${written} bytes, expected ` +
          `${layout.segmentLength}`,
        { offset: end, segmentIndex: i },
      );
    }
  }
  return out;
}

/** Appends PackBits runs for `src[start..end)` to `out` at `pos`; returns the new position. */
function packRow(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  pos: number,
): number {
  let literalStart = start;
  let literalLength = 0;
  const flushLiteral = (): void => {
    while (literalLength > 0) {
      const n = Math.min(literalLength, 128);
      out[pos++] = n - 1;
      out.set(src.subarray(literalStart, literalStart + n), pos);
      pos += n;
      literalStart += n;
      literalLength -= n;
    }
  };
  let i = start;
  while (i < end) {
    const value = src[i];
    let run = 1;
    while (i + run < end && run < 128 && src[i + run] === value) run++;
    // PS3.5 G.3.2: replicate runs of 3 or more bytes; a pair of equal bytes is a replicate run
    // too, unless it would split a literal run.
    if (run >= 3 || (run === 2 && literalLength === 0)) {
      flushLiteral();
      out[pos++] = 257 - run;
      out[pos++] = value;
      literalStart = i + run;
    } else {
      if (literalLength === 0) literalStart = i;
      literalLength += run;
    }
    i += run;
  }
  flushLiteral();
  return pos;
}

/**
 * Encodes one frame of native little-endian bytes as RLE Lossless (PS3.5 G.3.2): one segment per
 * byte of each sample, each row PackBits-encoded separately, each segment padded with a zero
 * byte to an even length. `native` is laid out as the description's planar configuration says,
 * and is `rows * columns * samplesPerPixel * bitsAllocated / 8` bytes long; with bits allocated 1
 * it is the frame's packed bits, `ceil(rows * columns / 8)` bytes. `decodeRleFrame` with the same
 * planar configuration gives the bytes back exactly.
 * @example
 * ```ts
 * import { decodeRleFrame, encodeRleFrame } from "./rle.ts";
 * const d = {
 *   rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, highBit: 15,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const native = new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0]);
 * decodeRleFrame(encodeRleFrame(native, d), d); // equal to native
 * ```
 */
export function encodeRleFrame(native: Uint8Array, d: ImageDescription): Uint8Array {
  const layout = segmentLayout(d, "encode");
  if (native.length !== layout.frameLength) {
    throw new RleError(
      `Cannot encode RLE: frame has ${native.length} bytes, the image needs ${layout.frameLength}`,
      { offset: native.length },
    );
  }
  const spp = d.samplesPerPixel;
  const bps = layout.bytesPerSample;
  const pixels = layout.segmentLength;
  const planar = d.bitsAllocated !== 1 && d.planarConfiguration === 1;
  // Rows do not fall on byte boundaries in 1-bit data: encode its segment as one run of bytes.
  const rowLength = d.bitsAllocated === 1 ? pixels : d.columns;
  const rows = Math.ceil(pixels / rowLength);
  const worstSegment = pixels + rows * (Math.ceil(rowLength / 128) + 1) + 1;
  const out = new Uint8Array(HEADER_LENGTH + layout.segments * worstSegment);
  writeUint32(out, 0, layout.segments);
  const plane = new Uint8Array(pixels);
  let pos = HEADER_LENGTH;
  for (let i = 0; i < layout.segments; i++) {
    writeUint32(out, 4 + 4 * i, pos);
    // PS3.5 G.2: segment i holds byte b (0 = most significant) of sample s.
    const s = Math.floor(i / bps);
    const littleEndianByte = bps - 1 - (i % bps);
    const base = planar ? s * pixels * bps + littleEndianByte : s * bps + littleEndianByte;
    const stride = planar ? bps : spp * bps;
    for (let p = 0, at = base; p < pixels; p++, at += stride) plane[p] = native[at];
    for (let r = 0; r < pixels; r += rowLength) {
      pos = packRow(plane, r, Math.min(r + rowLength, pixels), out, pos);
    }
    if (pos % 2 === 1) out[pos++] = 0;
  }
  return out.slice(0, pos);
}
