/**
 * Errors of the pixel-data layer. All are `RangeError`s: the bytes do not hold what the image
 * description says they should (too short, a corrupt RLE header, fragments that do not add up to
 * frames) or the description asks for something this layer does not support.
 * @module
 */

/** Where a pixel-data problem happened. */
export interface PixelDataErrorLocation {
  /** Zero-based frame index, when the problem concerns one frame. */
  frameIndex?: number;
  /** Byte offset in the input the problem was found at, when known. */
  offset?: number;
  /** The underlying error, when one is wrapped. */
  cause?: unknown;
}

/**
 * The pixel data does not match its description: too few bytes for the frames, an unsupported
 * bits allocated value, a frame index out of range.
 * @example
 * ```ts
 * import { PixelDataError } from "./errors.ts";
 * const e = new PixelDataError("Pixel data too short: frame 2 needs bytes 200-300 of 250", {
 *   frameIndex: 2,
 * });
 * e.frameIndex; // 2
 * ```
 */
export class PixelDataError extends RangeError {
  /** Zero-based frame index, when the problem concerns one frame. */
  readonly frameIndex: number | undefined;
  /** Byte offset in the input, when known. */
  readonly offset: number | undefined;
  /** Makes the error; `location` says which frame and byte offset it concerns. */
  constructor(message: string, location: PixelDataErrorLocation = {}) {
    super(message, location.cause === undefined ? undefined : { cause: location.cause });
    this.name = "PixelDataError";
    this.frameIndex = location.frameIndex;
    this.offset = location.offset;
  }
}

/** Where an RLE problem happened. */
export interface RleErrorLocation extends PixelDataErrorLocation {
  /** Byte offset in the RLE frame (header or segment byte) where decoding failed. */
  offset: number;
  /** Zero-based RLE segment index, when the problem is inside a segment. */
  segmentIndex?: number;
}

/**
 * An RLE Lossless frame (PS3.5 Annex G) is corrupt: a bad header, a segment offset outside the
 * frame, or a segment that decodes to too few bytes. `offset` is the byte offset in the frame.
 * @example
 * ```ts
 * import { RleError } from "./errors.ts";
 * const e = new RleError("Cannot decode RLE: header needs 64 bytes, frame has 10", { offset: 0 });
 * e.offset; // 0
 * ```
 */
export class RleError extends PixelDataError {
  /** Byte offset in the RLE frame where decoding failed. */
  declare readonly offset: number;
  /** Zero-based RLE segment index, when the problem is inside a segment. */
  readonly segmentIndex: number | undefined;
  /** Makes the error; `location.offset` is the byte offset in the RLE frame. */
  constructor(message: string, location: RleErrorLocation) {
    super(message, location);
    this.name = "RleError";
    this.segmentIndex = location.segmentIndex;
  }
}

/** Where an encapsulation problem happened. */
export interface EncapsulationErrorLocation extends PixelDataErrorLocation {
  /** Zero-based fragment index, when the problem concerns one fragment. */
  fragmentIndex?: number;
}

/**
 * Encapsulated pixel data (PS3.5 A.4) is malformed or its frames cannot be found: an offset table
 * that does not point at fragment items, fragments that cannot be assigned to frames.
 * @example
 * ```ts
 * import { EncapsulationError } from "./errors.ts";
 * const e = new EncapsulationError("Cannot find frames: offset 12 is not a fragment start", {
 *   frameIndex: 1,
 * });
 * e.frameIndex; // 1
 * ```
 */
export class EncapsulationError extends PixelDataError {
  /** Zero-based fragment index, when the problem concerns one fragment. */
  readonly fragmentIndex: number | undefined;
  /** Makes the error; `location` says which frame or fragment it concerns. */
  constructor(message: string, location: EncapsulationErrorLocation = {}) {
    super(message, location);
    this.name = "EncapsulationError";
    this.fragmentIndex = location.fragmentIndex;
  }
}
