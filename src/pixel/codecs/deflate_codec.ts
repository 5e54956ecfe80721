/**
 * Deflated Image Frame Compression (transfer syntax 1.2.840.10008.1.2.8.1): each
 * frame is its native little-endian pixel data compressed with raw Deflate (RFC 1951). Uses
 * fflate; encodes too.
 * @module
 */
import { deflateSync, inflateSync } from "fflate";
import { frameByteLength, type ImageDescription } from "../image_description.ts";
import type { DecodedFrame, EncodedFrame, PixelCodec } from "./pixel_codec.ts";

/**
 * Deflated image frames.
 * @example
 * ```ts
 * import { deflateCodec } from "./deflate_codec.ts";
 * const d = {
 *   rows: 1, columns: 4, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const { bytes } = await deflateCodec.encode!(new Uint8Array([1, 2, 3, 4]), d);
 * (await deflateCodec.decode(bytes, d)).bytes; // Uint8Array [1, 2, 3, 4]
 * ```
 */
export const deflateCodec: PixelCodec = {
  name: "Deflate",
  decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    const length = frameByteLength(d);
    // Inflate into a buffer of the expected size: a stream that would grow past it fails.
    const out = new Uint8Array(length);
    const bytes = inflateSync(frame, { out });
    if (bytes.length !== length) {
      return Promise.reject(
        new RangeError(`Inflated frame has ${bytes.length} bytes, the image needs ${length}`),
      );
    }
    return Promise.resolve({
      bytes,
      photometricInterpretation: d.photometricInterpretation.trim(),
      planarConfiguration: d.planarConfiguration,
    });
  },
  encode(native: Uint8Array, d: ImageDescription): Promise<EncodedFrame> {
    const length = frameByteLength(d);
    return Promise.resolve({
      bytes: deflateSync(native.subarray(0, length), { level: 6 }),
      photometricInterpretation: d.photometricInterpretation.trim(),
    });
  },
};
