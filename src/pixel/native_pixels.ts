/**
 * Native (uncompressed) pixel data as typed arrays: one frame at a time, any bits allocated the
 * standard uses for integer data (1, 8, 16, 32) plus 32- and 64-bit float pixel data, signed or
 * unsigned, little or big endian, colour-by-pixel or colour-by-plane. And the inverse,
 * `nativePixelData`, which packs frames of samples back into the bytes of a Pixel Data value.
 * @module
 */

import { PixelDataError } from "./errors.ts";
import {
  checkImageDescription,
  frameByteLength,
  type ImageDescription,
  isSubsampled422,
  pixelDataByteLength,
} from "./image_description.ts";

/** A typed array of pixel samples. */
export type PixelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** How `nativeFrame` reads the bytes. */
export interface NativeFrameOptions {
  /** Byte order of the pixel data: false for Explicit VR Big Endian. Default: true. */
  littleEndian?: boolean;
  /**
   * VR of the Pixel Data element. Matters only for big endian data with bits allocated 1 or 8:
   * an OW value is a string of 16-bit words, so in big endian its bytes are swapped in pairs
   * (PS3.5 7.3, 8.1.1), while OB bytes are never swapped. Default: `"OW"` when bits allocated is
   * more than 8, else `"OB"`.
   */
  vr?: "OB" | "OW";
  /**
   * `"interleaved"` returns colour-by-pixel samples whatever the planar configuration (and
   * expands YBR_FULL_422 to 3 samples per pixel by repeating each Cb/Cr pair); `"as-stored"`
   * returns the samples in stored order. Default: `"interleaved"`.
   */
  planar?: "interleaved" | "as-stored";
  /**
   * The bytes are Float Pixel Data (7FE0,0008) or Double Float Pixel Data (7FE0,0009): bits
   * allocated 32 gives a `Float32Array`, 64 a `Float64Array`. Default: false.
   */
  float?: boolean;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface TypedArrayConstructor {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): PixelArray;
}

interface SampleTypes {
  /** The type holding the raw stored bits. */
  raw: TypedArrayConstructor;
  /** The type of the result. */
  result: TypedArrayConstructor;
}

function sampleTypes(d: ImageDescription, float: boolean): SampleTypes {
  const signed = d.pixelRepresentation === 1;
  if (float) {
    if (d.bitsAllocated === 32) return { raw: Float32Array, result: Float32Array };
    if (d.bitsAllocated === 64) return { raw: Float64Array, result: Float64Array };
    throw new PixelDataError(
      `Unsupported float pixel data: bits allocated ${d.bitsAllocated}, expected 32 or 64`,
    );
  }
  switch (d.bitsAllocated) {
    case 8:
      return { raw: Uint8Array, result: signed ? Int8Array : Uint8Array };
    case 16:
      return { raw: Uint16Array, result: signed ? Int16Array : Uint16Array };
    case 32:
      return { raw: Uint32Array, result: signed ? Int32Array : Uint32Array };
    default:
      throw new PixelDataError(
        `Unsupported integer pixel data: bits allocated ${d.bitsAllocated}, expected 1, 8, 16 or 32`,
      );
  }
}

function checkFrameIndex(d: ImageDescription, frameIndex: number): void {
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= d.numberOfFrames) {
    throw new PixelDataError(
      `Frame index out of range: ${frameIndex} of ${d.numberOfFrames} frames`,
      { frameIndex },
    );
  }
}

function tooShort(frameIndex: number, start: number, end: number, have: number): PixelDataError {
  return new PixelDataError(
    `Pixel data too short: frame ${frameIndex} needs bytes ${start}-${end}, have ${have}`,
    { frameIndex, offset: have },
  );
}

/** Reorders colour-by-plane samples (PS3.3 C.7.6.3.1.3) to colour-by-pixel. */
function planarToInterleaved<T extends PixelArray>(planes: T, spp: number): T {
  const pixels = planes.length / spp;
  const out = new (planes.constructor as new (n: number) => T)(planes.length);
  for (let s = 0; s < spp; s++) {
    const base = s * pixels;
    for (let p = 0, o = s; p < pixels; p++, o += spp) out[o] = planes[base + p];
  }
  return out;
}

/** Expands `Y1 Y2 Cb Cr` pairs (PS3.3 C.7.6.3.1.2) to `Y1 Cb Cr Y2 Cb Cr`. */
function expand422<T extends PixelArray>(stored: T): T {
  const pairs = stored.length / 4;
  const out = new (stored.constructor as new (n: number) => T)(pairs * 6);
  for (let i = 0, j = 0; i < pairs * 4; i += 4, j += 6) {
    const cb = stored[i + 2], cr = stored[i + 3];
    out[j] = stored[i];
    out[j + 1] = cb;
    out[j + 2] = cr;
    out[j + 3] = stored[i + 1];
    out[j + 4] = cb;
    out[j + 5] = cr;
  }
  return out;
}

function unpackBitsFrame(
  pixelData: Uint8Array,
  d: ImageDescription,
  frameIndex: number,
  wordSwap: boolean,
): Uint8Array {
  // PS3.5 8.1.1 and Annex D: 1-bit pixels are packed 8 to a byte, least significant bit first,
  // and frames follow one another without padding to a byte boundary.
  const count = d.rows * d.columns * d.samplesPerPixel;
  const startBit = frameIndex * count;
  const startByte = Math.floor(startBit / 8);
  const bitOffset = startBit % 8;
  const endByte = Math.ceil((startBit + count) / 8);
  const need = wordSwap ? endByte + (endByte % 2) : endByte;
  if (pixelData.length < need) throw tooShort(frameIndex, startByte, need, pixelData.length);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = bitOffset + i;
    const byteIndex = startByte + (bit >>> 3);
    const byte = pixelData[wordSwap ? byteIndex ^ 1 : byteIndex];
    out[i] = (byte >>> (bit & 7)) & 1;
  }
  return out;
}

/** Copies one frame's bytes into a new buffer in host byte order. */
function hostOrderCopy(
  pixelData: Uint8Array,
  start: number,
  length: number,
  bytesPerSample: number,
  littleEndian: boolean,
  wordSwap: boolean,
): Uint8Array {
  const out = new Uint8Array(length);
  if (wordSwap) {
    // OW in big endian with 8-bit samples: the logical byte at p is stored at p ^ 1.
    for (let i = 0; i < length; i++) out[i] = pixelData[(start + i) ^ 1];
  } else if (bytesPerSample > 1 && littleEndian !== HOST_LITTLE_ENDIAN) {
    for (let i = 0; i < length; i += bytesPerSample) {
      for (let b = 0; b < bytesPerSample; b++) {
        out[i + b] = pixelData[start + i + bytesPerSample - 1 - b];
      }
    }
  } else {
    out.set(pixelData.subarray(start, start + length));
  }
  return out;
}

/**
 * Masks stored values to Bits Stored at High Bit and sign-extends them (PS3.5 8.1.1: the bits
 * above High Bit may hold overlay data and are not part of the value).
 */
function maskSamples(raw: PixelArray, result: PixelArray, d: ImageDescription): void {
  const stored = d.bitsStored;
  const shift = d.highBit - stored + 1;
  if (d.pixelRepresentation === 1) {
    const up = 32 - stored;
    for (let i = 0; i < raw.length; i++) result[i] = ((raw[i] >>> shift) << up) >> up;
  } else {
    const mask = stored >= 32 ? 0xffffffff : 2 ** stored - 1;
    for (let i = 0; i < raw.length; i++) result[i] = ((raw[i] >>> shift) & mask) >>> 0;
  }
}

/**
 * Reads one frame of native pixel data as a flat typed array of samples in row-major order,
 * `rows * columns * samplesPerPixel` long, colour-by-pixel unless `planar: "as-stored"` is asked.
 *
 * - Bits allocated 1 gives a `Uint8Array` of 0 and 1, unpacked least significant bit first.
 * - Bits allocated 8, 16 and 32 give unsigned or signed arrays per Pixel Representation; when
 *   Bits Stored is less than Bits Allocated the value is taken from the bits at High Bit and
 *   below, and sign-extended when signed.
 * - The result is a zero-copy view of `pixelData` when the frame is little endian, aligned for
 *   its type, needs no masking and no reordering; otherwise it is a copy. Treat it as read-only.
 *
 * Throws a `PixelDataError` when the frame index is out of range or the bytes are too few.
 * @example
 * ```ts
 * import { nativeFrame } from "./native_pixels.ts";
 * const d = {
 *   rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11,
 *   pixelRepresentation: 1 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * nativeFrame(new Uint8Array([0xff, 0x0f, 0x01, 0xf0]), d, 0); // Int16Array [-1, 1]
 * ```
 */
export function nativeFrame(
  pixelData: Uint8Array,
  d: ImageDescription,
  frameIndex: number,
  options: NativeFrameOptions = {},
): PixelArray {
  checkImageDescription(d);
  checkFrameIndex(d, frameIndex);
  const littleEndian = options.littleEndian ?? true;
  const vr = options.vr ?? (d.bitsAllocated > 8 ? "OW" : "OB");
  const interleave = (options.planar ?? "interleaved") === "interleaved";
  const float = options.float ?? false;
  const spp = d.samplesPerPixel;
  // PS3.5 7.3: OW is a stream of 16-bit words, so big endian swaps 8-bit (and 1-bit) data in pairs.
  const wordSwap = !littleEndian && vr === "OW" && d.bitsAllocated <= 8;

  if (d.bitsAllocated === 1) {
    if (float) {
      throw new PixelDataError("Unsupported float pixel data: bits allocated 1", { frameIndex });
    }
    const bits = unpackBitsFrame(pixelData, d, frameIndex, wordSwap);
    return interleave && spp > 1 && d.planarConfiguration === 1
      ? planarToInterleaved(bits, spp)
      : bits;
  }

  const types = sampleTypes(d, float);
  const bytesPerSample = d.bitsAllocated / 8;
  const length = frameByteLength(d);
  const start = frameIndex * length;
  const end = start + length;
  const need = wordSwap ? end + (end % 2) : end;
  if (pixelData.length < need) throw tooShort(frameIndex, start, need, pixelData.length);
  const sampleCount = length / bytesPerSample;
  const masking = !float && d.bitsStored < d.bitsAllocated;
  const subsampled = isSubsampled422(d.photometricInterpretation);
  const reorder = interleave && (subsampled || (spp > 1 && d.planarConfiguration === 1));

  let samples: PixelArray;
  const sameOrder = littleEndian === HOST_LITTLE_ENDIAN || bytesPerSample === 1;
  if (
    sameOrder && !wordSwap && !masking && (pixelData.byteOffset + start) % bytesPerSample === 0
  ) {
    samples = new types.result(pixelData.buffer, pixelData.byteOffset + start, sampleCount);
  } else {
    const copy = hostOrderCopy(pixelData, start, length, bytesPerSample, littleEndian, wordSwap);
    samples = new types.result(copy.buffer, 0, sampleCount);
    if (masking) maskSamples(new types.raw(copy.buffer, 0, sampleCount), samples, d);
  }
  if (!reorder) return samples;
  // PS3.3 C.7.6.3.1.2: YBR_FULL_422 data is colour-by-pixel whatever the planar configuration.
  return subsampled ? expand422(samples) : planarToInterleaved(samples, spp);
}

/**
 * Iterates `nativeFrame` over every frame, in order. Throws a `PixelDataError` on reaching the
 * first frame the bytes are too short for.
 * @example
 * ```ts
 * import { nativeFrames } from "./native_pixels.ts";
 * const d = {
 *   rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 2,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * [...nativeFrames(new Uint8Array([1, 2, 3, 4]), d)]; // [Uint8Array [1, 2], Uint8Array [3, 4]]
 * ```
 */
export function* nativeFrames(
  pixelData: Uint8Array,
  d: ImageDescription,
  options: NativeFrameOptions = {},
): Generator<PixelArray, void, undefined> {
  checkImageDescription(d);
  for (let i = 0; i < d.numberOfFrames; i++) yield nativeFrame(pixelData, d, i, options);
}

/** How `nativePixelData` lays out the bytes. */
export interface NativePixelDataOptions {
  /** Byte order to write: false for Explicit VR Big Endian. Default: true. */
  littleEndian?: boolean;
  /** VR the value will be written with; see `NativeFrameOptions.vr`. Default as there. */
  vr?: "OB" | "OW";
  /**
   * Order of the samples in each given frame: `"interleaved"` (colour-by-pixel, converted to
   * colour-by-plane when the planar configuration is 1) or `"as-stored"` (written as given;
   * required for YBR_FULL_422). Default: `"interleaved"`.
   */
  planar?: "interleaved" | "as-stored";
  /** The frames are float samples (bits allocated 32 or 64). Default: false. */
  float?: boolean;
}

/**
 * Packs frames of samples into the value of a native Pixel Data element: each sample is masked
 * to Bits Stored and placed at High Bit (PS3.5 8.1.1), 1-bit frames are packed across frame
 * boundaries, and the result is padded with a zero byte to an even length. The inverse of
 * `nativeFrame`: `nativeFrame(nativePixelData(frames, d), d, i)` gives back frame `i` (for
 * values that fit in Bits Stored).
 * @example
 * ```ts
 * import { nativePixelData } from "./native_pixels.ts";
 * const d = {
 *   rows: 1, columns: 3, samplesPerPixel: 1, bitsAllocated: 1, bitsStored: 1, highBit: 0,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * nativePixelData([new Uint8Array([1, 0, 1])], d); // Uint8Array [0b101, 0]
 * ```
 */
export function nativePixelData(
  frames: ArrayLike<number>[],
  d: ImageDescription,
  options: NativePixelDataOptions = {},
): Uint8Array {
  checkImageDescription(d);
  if (frames.length !== d.numberOfFrames) {
    throw new PixelDataError(
      `Cannot pack pixel data: ${frames.length} frames given, description has ${d.numberOfFrames}`,
    );
  }
  const littleEndian = options.littleEndian ?? true;
  const vr = options.vr ?? (d.bitsAllocated > 8 ? "OW" : "OB");
  const interleaved = (options.planar ?? "interleaved") === "interleaved";
  const float = options.float ?? false;
  const spp = d.samplesPerPixel;
  const pixels = d.rows * d.columns;
  const subsampled = isSubsampled422(d.photometricInterpretation);
  if (subsampled && interleaved && d.bitsAllocated !== 1) {
    throw new PixelDataError(
      `Cannot pack ${d.photometricInterpretation} from interleaved samples: pass planar "as-stored"`,
    );
  }
  const toPlanar = interleaved && spp > 1 && d.planarConfiguration === 1;
  const total = pixelDataByteLength(d);
  const out = new Uint8Array(total + (total % 2));
  const wordSwap = !littleEndian && vr === "OW" && d.bitsAllocated <= 8;
  const expected = subsampled ? pixels * 2 : pixels * spp;
  // Sample k of the stored frame comes from sample sourceIndex(k) of the given frame.
  const sourceIndex = (k: number): number =>
    toPlanar ? (k % pixels) * spp + Math.floor(k / pixels) : k;

  if (d.bitsAllocated === 1) {
    for (let f = 0; f < frames.length; f++) {
      const frame = frames[f];
      if (frame.length !== expected) throw wrongLength(f, frame.length, expected);
      const base = f * expected;
      for (let k = 0; k < expected; k++) {
        if (frame[sourceIndex(k)] & 1) {
          const bit = base + k;
          out[Math.floor(bit / 8)] |= 1 << (bit % 8);
        }
      }
    }
  } else {
    sampleTypes(d, float);
    const bytesPerSample = d.bitsAllocated / 8;
    const frameLength = frameByteLength(d);
    const view = new DataView(out.buffer);
    const shift = d.highBit - d.bitsStored + 1;
    const mask = d.bitsStored >= 32 ? 0xffffffff : 2 ** d.bitsStored - 1;
    for (let f = 0; f < frames.length; f++) {
      const frame = frames[f];
      if (frame.length !== expected) throw wrongLength(f, frame.length, expected);
      const base = f * frameLength;
      for (let k = 0; k < expected; k++) {
        const v = frame[sourceIndex(k)];
        const at = base + k * bytesPerSample;
        if (float) {
          if (bytesPerSample === 4) view.setFloat32(at, v, littleEndian);
          else view.setFloat64(at, v, littleEndian);
          continue;
        }
        const stored = (((v & mask) >>> 0) * 2 ** shift) >>> 0;
        if (bytesPerSample === 1) out[at] = stored;
        else if (bytesPerSample === 2) view.setUint16(at, stored, littleEndian);
        else view.setUint32(at, stored, littleEndian);
      }
    }
  }
  if (wordSwap) {
    for (let i = 0; i + 1 < out.length; i += 2) {
      const t = out[i];
      out[i] = out[i + 1];
      out[i + 1] = t;
    }
  }
  return out;
}

function wrongLength(frameIndex: number, got: number, expected: number): PixelDataError {
  return new PixelDataError(
    `Cannot pack pixel data: frame ${frameIndex} has ${got} samples, expected ${expected}`,
    { frameIndex },
  );
}
