/**
 * RLE Lossless (PS3.5 Annex G, transfer syntax 1.2.840.10008.1.2.5) behind the codec interface:
 * the project's own decoder and encoder in `../rle.ts`, no library to load.
 * @module
 */
import type { ImageDescription } from "../image_description.ts";
import { decodeRleFrame, encodeRleFrame } from "../rle.ts";
import type { DecodedFrame, EncodedFrame, PixelCodec } from "./pixel_codec.ts";

/**
 * RLE Lossless decoding (colour-by-pixel output) and encoding.
 * @example
 * ```ts
 * import { rleCodec } from "./rle_codec.ts";
 * const d = {
 *   rows: 1, columns: 4, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const { bytes } = await rleCodec.encode!(new Uint8Array([7, 7, 7, 7]), d);
 * (await rleCodec.decode(bytes, d)).bytes; // Uint8Array [7, 7, 7, 7]
 * ```
 */
export const rleCodec: PixelCodec = {
  name: "RLE",
  decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    return Promise.resolve({
      bytes: decodeRleFrame(frame, d, { planarConfiguration: 0 }),
      photometricInterpretation: d.photometricInterpretation.trim(),
      planarConfiguration: 0,
    });
  },
  encode(native: Uint8Array, d: ImageDescription): Promise<EncodedFrame> {
    return Promise.resolve({
      bytes: encodeRleFrame(native, d),
      photometricInterpretation: d.photometricInterpretation.trim(),
    });
  },
};
