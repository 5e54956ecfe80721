/**
 * JPEG lossless, non-hierarchical (PS3.5 8.2.1; transfer syntaxes 1.2.840.10008.1.2.4.57
 * process 14 and .70 process 14 selection value 1) through `jpeg-lossless-decoder-js`, pure
 * JavaScript, loaded on first use. Decoding only; colour is decoded as stored (lossless JPEG has
 * no colour transform).
 * @module
 */
import type { ImageDescription } from "../image_description.ts";
import { samplesToNative } from "./_codec_support.ts";
import { readJpegHeader } from "./jpeg_header.ts";
import type { DecodedFrame, PixelCodec } from "./pixel_codec.ts";

interface LosslessDecoder {
  decode(
    buffer: ArrayBuffer,
    offset: number,
    length: number,
    numBytes?: number,
  ): Uint8Array | Uint16Array | Int16Array;
}

let loaded: Promise<new () => LosslessDecoder> | undefined;

function decoderClass(): Promise<new () => LosslessDecoder> {
  if (loaded === undefined) {
    const p = import("jpeg-lossless-decoder-js").then((m) =>
      (m as unknown as { Decoder: new () => LosslessDecoder }).Decoder
    );
    loaded = p;
    p.catch(() => {
      if (loaded === p) loaded = undefined;
    });
  }
  return loaded;
}

/**
 * JPEG lossless decoding.
 * @example
 * ```ts
 * import { jpegLosslessCodec } from "./jpeg_lossless_codec.ts";
 * jpegLosslessCodec.name; // "jpeg-lossless-decoder-js"
 * ```
 */
export const jpegLosslessCodec: PixelCodec = {
  name: "jpeg-lossless-decoder-js",
  async decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    const header = readJpegHeader(frame);
    if (header === undefined) throw new RangeError("No JPEG frame header (SOI ... SOFn)");
    if (header.sof !== 0xffc3) {
      throw new RangeError(`Not a lossless Huffman JPEG: SOF marker ${header.sof.toString(16)}`);
    }
    if (
      header.width !== d.columns || header.height !== d.rows ||
      header.componentIds.length !== d.samplesPerPixel
    ) {
      throw new RangeError(
        `Codestream is ${header.width}x${header.height} with ${header.componentIds.length} ` +
          `components, the data set says ${d.columns}x${d.rows} with ${d.samplesPerPixel}`,
      );
    }
    const Decoder = await decoderClass();
    // A fresh buffer: the decoder reads `copy.buffer` (a Node Buffer's slice() would be a view).
    const copy = new Uint8Array(frame.length);
    copy.set(frame);
    const numBytes = header.precision > 8 ? 2 : 1;
    const out = new Decoder().decode(copy.buffer, 0, copy.length, numBytes);
    const samples = out instanceof Uint8Array
      ? out
      : new Uint16Array(out.buffer, out.byteOffset, out.length);
    const pi = d.photometricInterpretation.trim();
    return {
      bytes: samplesToNative(samples, d, pi, 0),
      photometricInterpretation: pi,
      planarConfiguration: 0,
    };
  },
};
