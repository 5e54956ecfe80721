/**
 * Errors of the codec layer, all `PixelDataError`s naming the frame and the transfer syntax: no
 * codec for a syntax, a frame a codec could not decode, a frame it could not encode.
 * @module
 */
import { PixelDataError } from "../errors.ts";

/** Where a codec problem happened. */
export interface CodecErrorLocation {
  /** Transfer syntax UID of the compressed data. */
  transferSyntaxUid: string;
  /** Zero-based frame index, when known. */
  frameIndex?: number;
  /** The underlying error, when one is wrapped. */
  cause?: unknown;
}

/**
 * No codec can decode (or encode) this transfer syntax: it is not compressed pixel data the
 * registry knows, or its codec library could not be loaded.
 * @example
 * ```ts
 * import { CodecUnavailableError } from "./codec_errors.ts";
 * const e = new CodecUnavailableError("No codec decodes JPEG Extended (Process 2 & 4): 12-bit", {
 *   transferSyntaxUid: "1.2.840.10008.1.2.4.51",
 * });
 * e.transferSyntaxUid; // "1.2.840.10008.1.2.4.51"
 * ```
 */
export class CodecUnavailableError extends PixelDataError {
  /** Transfer syntax UID that has no codec. */
  readonly transferSyntaxUid: string;
  /** Makes the error. */
  constructor(message: string, location: CodecErrorLocation) {
    super(message, location);
    this.name = "CodecUnavailableError";
    this.transferSyntaxUid = location.transferSyntaxUid;
  }
}

/**
 * A frame could not be decoded: the codestream is corrupt, or what it holds disagrees with the
 * image description (size, components, precision). `reason` is the codec's own words.
 * @example
 * ```ts
 * import { FrameDecodeError } from "./codec_errors.ts";
 * const e = new FrameDecodeError("Cannot decode frame 2 (JPEG-LS Lossless): 10 bytes", {
 *   transferSyntaxUid: "1.2.840.10008.1.2.4.80", frameIndex: 2, reason: "10 bytes",
 * });
 * e.frameIndex; // 2
 * ```
 */
export class FrameDecodeError extends PixelDataError {
  /** Transfer syntax UID of the frame. */
  readonly transferSyntaxUid: string;
  /** Why, in the codec's words. */
  readonly reason: string;
  /** Makes the error. */
  constructor(message: string, location: CodecErrorLocation & { reason: string }) {
    super(message, location);
    this.name = "FrameDecodeError";
    this.transferSyntaxUid = location.transferSyntaxUid;
    this.reason = location.reason;
  }
}

/**
 * A frame could not be encoded: the codec does not support the image (e.g. bits allocated 32 in
 * JPEG-LS) or failed.
 * @example
 * ```ts
 * import { FrameEncodeError } from "./codec_errors.ts";
 * const e = new FrameEncodeError("Cannot encode frame 0 (JPEG 2000): bits stored 32", {
 *   transferSyntaxUid: "1.2.840.10008.1.2.4.90", frameIndex: 0, reason: "bits stored 32",
 * });
 * e.reason; // "bits stored 32"
 * ```
 */
export class FrameEncodeError extends PixelDataError {
  /** Transfer syntax UID encoded to. */
  readonly transferSyntaxUid: string;
  /** Why, in the codec's words. */
  readonly reason: string;
  /** Makes the error. */
  constructor(message: string, location: CodecErrorLocation & { reason: string }) {
    super(message, location);
    this.name = "FrameEncodeError";
    this.transferSyntaxUid = location.transferSyntaxUid;
    this.reason = location.reason;
  }
}
