/**
 * The plain description of an image that the pixel-data layer works from: the Image Pixel module
 * attributes (PS3.3 C.7.6.3) plus Number of Frames, as numbers and a string, so this layer never
 * needs the data set model.
 * @module
 */

import { PixelDataError } from "./errors.ts";

/**
 * The Image Pixel module values that say how pixel data is laid out (PS3.3 C.7.6.3).
 * @example
 * ```ts
 * import type { ImageDescription } from "./image_description.ts";
 * const ct: ImageDescription = {
 *   rows: 512, columns: 512, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11,
 *   pixelRepresentation: 1, planarConfiguration: 0, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * ```
 */
export interface ImageDescription {
  /** Rows (0028,0010). */
  rows: number;
  /** Columns (0028,0011). */
  columns: number;
  /** Samples per Pixel (0028,0002): 1 for monochrome and palette colour, 3 for RGB and YBR. */
  samplesPerPixel: number;
  /** Bits Allocated (0028,0100): 1 or a multiple of 8 (8, 16, 32; 64 for double float data). */
  bitsAllocated: number;
  /** Bits Stored (0028,0101). */
  bitsStored: number;
  /** High Bit (0028,0102), normally bits stored - 1. */
  highBit: number;
  /** Pixel Representation (0028,0103): 0 unsigned, 1 two's complement. */
  pixelRepresentation: 0 | 1;
  /** Planar Configuration (0028,0006): 0 colour-by-pixel, 1 colour-by-plane; 0 when absent. */
  planarConfiguration: 0 | 1;
  /** Number of Frames (0028,0008); 1 when absent. */
  numberOfFrames: number;
  /** Photometric Interpretation (0028,0004), e.g. `"MONOCHROME2"`, `"RGB"`, `"YBR_FULL_422"`. */
  photometricInterpretation: string;
}

/**
 * True for the photometric interpretations whose native data is horizontally subsampled, two Y
 * samples then Cb then Cr for each pair of pixels (PS3.3 C.7.6.3.1.2).
 * @example
 * ```ts
 * import { isSubsampled422 } from "./image_description.ts";
 * isSubsampled422("YBR_FULL_422"); // true
 * isSubsampled422("RGB"); // false
 * ```
 */
export function isSubsampled422(photometricInterpretation: string): boolean {
  const p = photometricInterpretation.trim();
  return p === "YBR_FULL_422" || p === "YBR_PARTIAL_422";
}

function isPositiveInteger(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

/**
 * Checks that a description is self-consistent and supported; throws a `PixelDataError` naming
 * the first bad value. Bits allocated must be 1 or a multiple of 8 up to 64; bits stored at most
 * bits allocated; high bit below bits allocated and at least bits stored - 1.
 * @example
 * ```ts
 * import { checkImageDescription } from "./image_description.ts";
 * checkImageDescription({
 *   rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 12, bitsStored: 12, highBit: 11,
 *   pixelRepresentation: 0, planarConfiguration: 0, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * }); // throws PixelDataError: bits allocated 12
 * ```
 */
export function checkImageDescription(d: ImageDescription): void {
  const fail = (what: string): never => {
    throw new PixelDataError(`Unsupported image description: ${what}`);
  };
  if (!isPositiveInteger(d.rows)) fail(`rows ${d.rows}`);
  if (!isPositiveInteger(d.columns)) fail(`columns ${d.columns}`);
  if (!isPositiveInteger(d.samplesPerPixel)) fail(`samples per pixel ${d.samplesPerPixel}`);
  if (!isPositiveInteger(d.numberOfFrames)) fail(`number of frames ${d.numberOfFrames}`);
  const ba = d.bitsAllocated;
  if (!(ba === 1 || (Number.isInteger(ba) && ba > 0 && ba % 8 === 0 && ba <= 64))) {
    fail(`bits allocated ${ba}`);
  }
  if (!Number.isInteger(d.bitsStored) || d.bitsStored < 1 || d.bitsStored > ba) {
    fail(`bits stored ${d.bitsStored} with bits allocated ${ba}`);
  }
  if (!Number.isInteger(d.highBit) || d.highBit >= ba || d.highBit < d.bitsStored - 1) {
    fail(`high bit ${d.highBit} with bits stored ${d.bitsStored}`);
  }
  if (d.pixelRepresentation !== 0 && d.pixelRepresentation !== 1) {
    fail(`pixel representation ${d.pixelRepresentation}`);
  }
  if (d.planarConfiguration !== 0 && d.planarConfiguration !== 1) {
    fail(`planar configuration ${d.planarConfiguration}`);
  }
  if (isSubsampled422(d.photometricInterpretation)) {
    if (d.samplesPerPixel !== 3) fail(`${d.photometricInterpretation} needs 3 samples per pixel`);
    if (d.columns % 2 !== 0) fail(`${d.photometricInterpretation} needs even columns`);
    if (ba === 1) fail(`${d.photometricInterpretation} with bits allocated 1`);
  }
}

/**
 * Bytes of native (uncompressed) pixel data one frame takes. For bits allocated 1 this is
 * `ceil(rows * columns * samplesPerPixel / 8)`; note that in native data 1-bit frames are packed
 * one after the other without padding to a byte boundary (PS3.5 8.1.1), so frame `i` starts at
 * bit `i * rows * columns * samplesPerPixel`, not at byte `i * frameByteLength(d)`. For
 * YBR_FULL_422 the frame holds 2 samples per pixel (PS3.3 C.7.6.3.1.2).
 * @example
 * ```ts
 * import { frameByteLength } from "./image_description.ts";
 * frameByteLength({
 *   rows: 64, columns: 64, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, highBit: 15,
 *   pixelRepresentation: 1, planarConfiguration: 0, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * }); // 8192
 * ```
 */
export function frameByteLength(d: ImageDescription): number {
  checkImageDescription(d);
  const pixels = d.rows * d.columns;
  if (d.bitsAllocated === 1) return Math.ceil((pixels * d.samplesPerPixel) / 8);
  const samples = isSubsampled422(d.photometricInterpretation)
    ? pixels * 2
    : pixels * d.samplesPerPixel;
  return samples * (d.bitsAllocated / 8);
}

/**
 * Bytes of native pixel data all frames take, before the padding to an even length that the
 * Pixel Data element adds (PS3.5 7.1.1). With bits allocated 1 the frames are packed across frame
 * boundaries (PS3.5 8.1.1): `ceil(rows * columns * samplesPerPixel * numberOfFrames / 8)`.
 * @example
 * ```ts
 * import { pixelDataByteLength } from "./image_description.ts";
 * pixelDataByteLength({
 *   rows: 510, columns: 510, samplesPerPixel: 1, bitsAllocated: 1, bitsStored: 1, highBit: 0,
 *   pixelRepresentation: 0, planarConfiguration: 0, numberOfFrames: 3,
 *   photometricInterpretation: "MONOCHROME2",
 * }); // 97538 (3 frames of 32512.5 bytes)
 * ```
 */
export function pixelDataByteLength(d: ImageDescription): number {
  checkImageDescription(d);
  if (d.bitsAllocated === 1) {
    return Math.ceil((d.rows * d.columns * d.samplesPerPixel * d.numberOfFrames) / 8);
  }
  return frameByteLength(d) * d.numberOfFrames;
}
