/**
 * JPEG-LS (PS3.5 8.2.3; transfer syntaxes 1.2.840.10008.1.2.4.80 lossless and .81 near-lossless)
 * through the WebAssembly build of CharLS (`@cornerstonejs/codec-charls`), loaded on first use.
 * Decodes every interleave mode (ILV 0 decodes colour-by-plane); encodes lossless or with a NEAR
 * parameter, colour-by-pixel (ILV 2).
 * @module
 */
import type { ImageDescription } from "../image_description.ts";
import {
  checkFrameInfo,
  checkHeaderSize,
  lazyModule,
  reasonOf,
  runWasmDecoder,
  samplesToNative,
  type WasmDecoder,
  type WasmFrameInfo,
} from "./_codec_support.ts";
import { readJpegHeader } from "./jpeg_header.ts";
import { wasmInput, wasmSamples } from "./openjpeg_codec.ts";
import type { CodecEncodeOptions, DecodedFrame, EncodedFrame, PixelCodec } from "./pixel_codec.ts";

interface JpegLsDecoder extends WasmDecoder {
  getInterleaveMode(): number;
}

interface JpegLsEncoder {
  getDecodedBuffer(info: WasmFrameInfo): Uint8Array;
  setNearLossless(near: number): void;
  setInterleaveMode(mode: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

interface CharlsModule {
  JpegLSDecoder: new () => JpegLsDecoder;
  JpegLSEncoder: new () => JpegLsEncoder;
}

const charls = lazyModule<CharlsModule>(() => import("@cornerstonejs/codec-charls/wasmjs"));

/**
 * JPEG-LS decoding and encoding with CharLS.
 * @example
 * ```ts
 * import { charlsCodec } from "./charls_codec.ts";
 * const d = {
 *   rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const { bytes } = await charlsCodec.encode!(new Uint8Array([1, 2, 3, 4]), d);
 * (await charlsCodec.decode(bytes, d)).bytes; // Uint8Array [1, 2, 3, 4]
 * ```
 */
export const charlsCodec: PixelCodec = {
  name: "CharLS",
  async decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    const h = readJpegHeader(frame);
    checkHeaderSize(
      h && { width: h.width, height: h.height, components: h.componentIds.length },
      d,
    );
    const { info, bytes, extra: interleave } = await runWasmDecoder(
      charls,
      (m) => new m.JpegLSDecoder(),
      frame,
      (decoder) => (decoder as JpegLsDecoder).getInterleaveMode(),
    );
    checkFrameInfo(info, d);
    // ISO 14495-1 ILV 0 (none) keeps the components in separate scans: colour-by-plane.
    const planar = d.samplesPerPixel > 1 && interleave === 0 ? 1 : 0;
    const pi = d.photometricInterpretation.trim();
    return {
      bytes: samplesToNative(wasmSamples(bytes, { ...info, isSigned: false }), d, pi, planar),
      photometricInterpretation: pi,
      planarConfiguration: planar,
    };
  },
  async encode(
    native: Uint8Array,
    d: ImageDescription,
    options: CodecEncodeOptions = {},
  ): Promise<EncodedFrame> {
    if (d.bitsStored < 2 || d.bitsStored > 16) {
      throw new RangeError(`JPEG-LS needs 2 to 16 bits stored, not ${d.bitsStored}`);
    }
    const loaded = await charls.get();
    const encoder = new loaded.module.JpegLSEncoder();
    try {
      const input = encoder.getDecodedBuffer({
        width: d.columns,
        height: d.rows,
        bitsPerSample: d.bitsStored,
        componentCount: d.samplesPerPixel,
        isSigned: false,
      });
      // JPEG-LS codes unsigned samples: signed data is coded as its bit pattern (PS3.5 A.4.3).
      input.set(wasmInput(native, { ...d, pixelRepresentation: 0 }));
      encoder.setNearLossless(options.nearLossless ?? 0);
      if (d.samplesPerPixel > 1) encoder.setInterleaveMode(2);
      encoder.encode();
      return {
        bytes: encoder.getEncodedBuffer().slice(),
        photometricInterpretation: d.photometricInterpretation.trim(),
      };
    } catch (error) {
      charls.reset();
      throw new Error(reasonOf(error));
    } finally {
      encoder.delete();
    }
  },
};
