/**
 * The one interface every pixel codec implements: decode one compressed frame to native bytes,
 * and (for some) encode native bytes to a compressed frame. Codecs work on single frames and
 * plain image descriptions, never on data sets; the registry maps transfer syntaxes to codecs
 * and loads each codec's library only on first use.
 * @module
 */
import type { ImageDescription } from "../image_description.ts";

/** One frame as a codec decoded it. */
export interface DecodedFrame {
  /**
   * Native little-endian pixel data of the frame, laid out as a one-frame native Pixel Data
   * value of the description with this result's photometric interpretation and planar
   * configuration (PS3.5 8.1.1): bits-allocated-wide samples, 1-bit samples packed.
   */
  bytes: Uint8Array;
  /**
   * Photometric interpretation of the decoded samples, which may differ from the data set's:
   * JPEG YBR_FULL_422 decodes to `"RGB"` (libjpeg converts the colour space and upsamples, as
   * pydicom and dcmdjpeg report), JPEG 2000 YBR_RCT/YBR_ICT decode to `"RGB"` (the inverse
   * multiple component transform is part of decoding, PS3.5 8.2.4).
   */
  photometricInterpretation: string;
  /** Planar configuration of `bytes`: 0 colour-by-pixel, 1 colour-by-plane. */
  planarConfiguration: 0 | 1;
}

/** One frame as a codec encoded it. */
export interface EncodedFrame {
  /** The compressed frame (a codestream; not padded to an even length). */
  bytes: Uint8Array;
  /**
   * Photometric interpretation the data set must declare for the encoded frame, e.g.
   * `"YBR_RCT"` for colour JPEG 2000 lossless with the multiple component transform.
   */
  photometricInterpretation: string;
}

/** Options of `PixelCodec.encode`. */
export interface CodecEncodeOptions {
  /** JPEG-LS NEAR parameter: 0 is lossless (PS3.5 A.4.3). Default: 0. */
  nearLossless?: number;
}

/**
 * A codec for one family of compressed transfer syntaxes.
 * @example
 * ```ts
 * import type { PixelCodec } from "./pixel_codec.ts";
 * const identity: PixelCodec = {
 *   name: "identity",
 *   decode: (frame, d) =>
 *     Promise.resolve({
 *       bytes: frame,
 *       photometricInterpretation: d.photometricInterpretation,
 *       planarConfiguration: d.planarConfiguration,
 *     }),
 * };
 * ```
 */
export interface PixelCodec {
  /** Short name for messages, e.g. `"CharLS"`. */
  readonly name: string;
  /**
   * Decodes one frame. `d` describes the data set's image with `numberOfFrames` 1. Rejects
   * (with any error; the caller wraps it in a `FrameDecodeError`) when the codestream is corrupt
   * or does not match the description.
   */
  decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame>;
  /**
   * Encodes one frame of native little-endian bytes laid out per `d` (absent when the codec only
   * decodes).
   */
  encode?(native: Uint8Array, d: ImageDescription, options?: CodecEncodeOptions): Promise<
    EncodedFrame
  >;
}
