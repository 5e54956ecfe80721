/**
 * JPEG baseline and extended DCT (PS3.5 8.2.1; transfer syntaxes 1.2.840.10008.1.2.4.50 and
 * .51) through the WebAssembly build of libjpeg-turbo (`@cornerstonejs/codec-libjpeg-turbo-8bit`),
 * loaded on first use. libjpeg-turbo's build decodes 8-bit samples only: 12-bit extended
 * (process 4) frames go to DCMTK's IJG library (`ijg12_codec.ts`).
 *
 * Colour, as pydicom does: libjpeg converts YCbCr to RGB by its own rules (JFIF marker, Adobe
 * transform, component identifiers) and upsamples YBR_FULL_422, so those frames decode to RGB;
 * a frame whose data set says RGB and that has no Adobe marker is decoded without conversion
 * (pydicom's "no colour transform" case).
 * @module
 */
import type { ImageDescription } from "../image_description.ts";
import {
  checkFrameInfo,
  checkHeaderSize,
  lazyModule,
  runWasmDecoder,
  samplesToNative,
  type WasmDecoder,
} from "./_codec_support.ts";
import { libjpegConvertsYcbcr, readJpegHeader, withoutColourTransform } from "./jpeg_header.ts";
import { wasmSamples } from "./openjpeg_codec.ts";
import type { DecodedFrame, PixelCodec } from "./pixel_codec.ts";

interface LibjpegTurboModule {
  JPEGDecoder: new () => WasmDecoder;
}

const libjpeg = lazyModule<LibjpegTurboModule>(() =>
  import("@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs")
);

/**
 * The photometric interpretation a JPEG frame decodes to and the stream to give libjpeg.
 * @example
 * ```ts
 * import { jpegColour } from "./libjpeg_turbo_codec.ts";
 * const d = {
 *   rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * jpegColour(new Uint8Array([0xff, 0xd8]), d).photometricInterpretation; // "MONOCHROME2"
 * ```
 */
export function jpegColour(
  frame: Uint8Array,
  d: ImageDescription,
): { stream: Uint8Array; photometricInterpretation: string } {
  const pi = d.photometricInterpretation.trim();
  const header = readJpegHeader(frame);
  if (header === undefined || d.samplesPerPixel !== 3) {
    return { stream: frame, photometricInterpretation: pi };
  }
  if (libjpegConvertsYcbcr(header)) {
    if (pi === "RGB" && header.adobeTransform === undefined) {
      // pydicom (Pillow handler): RGB without an Adobe marker was not colour transformed.
      return {
        stream: withoutColourTransform(frame, header.jfifSegments),
        photometricInterpretation: "RGB",
      };
    }
    return { stream: frame, photometricInterpretation: "RGB" };
  }
  // Decoded as stored; subsampled data comes out upsampled.
  return { stream: frame, photometricInterpretation: pi.endsWith("_422") ? "YBR_FULL" : pi };
}

/**
 * JPEG baseline/extended decoding with libjpeg-turbo (8-bit only).
 * @example
 * ```ts
 * import { libjpegTurboCodec } from "./libjpeg_turbo_codec.ts";
 * libjpegTurboCodec.name; // "libjpeg-turbo"
 * ```
 */
export const libjpegTurboCodec: PixelCodec = {
  name: "libjpeg-turbo",
  async decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    const header = readJpegHeader(frame);
    if (header !== undefined && header.precision > 8) {
      const { decodeIjg12Frame } = await import("./ijg12_codec.ts");
      return await decodeIjg12Frame(frame, d);
    }
    checkHeaderSize(
      header &&
        { width: header.width, height: header.height, components: header.componentIds.length },
      d,
    );
    const { stream, photometricInterpretation: pi } = jpegColour(frame, d);
    const { info, bytes } = await runWasmDecoder(
      libjpeg,
      (m) => new m.JPEGDecoder(),
      stream,
      () => undefined,
    );
    checkFrameInfo(info, d);
    return {
      bytes: samplesToNative(wasmSamples(bytes, { ...info, isSigned: false }), d, pi, 0),
      photometricInterpretation: pi,
      planarConfiguration: 0,
    };
  },
};
