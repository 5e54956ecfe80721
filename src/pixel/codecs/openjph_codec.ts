/**
 * High-Throughput JPEG 2000 (transfer syntaxes 1.2.840.10008.1.2.4.201 lossless, .202 lossless
 * RPCL, .203 lossy) through the WebAssembly build of OpenJPH (`@cornerstonejs/codec-openjph`),
 * loaded on first use. Decoding only.
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
import { readJ2kHeader } from "./j2k_header.ts";
import { wasmSamples } from "./openjpeg_codec.ts";
import type { DecodedFrame, PixelCodec } from "./pixel_codec.ts";

interface OpenJphModule {
  HTJ2KDecoder: new () => WasmDecoder;
}

const openjph = lazyModule<OpenJphModule>(() => import("@cornerstonejs/codec-openjph/wasmjs"));

/**
 * HTJ2K decoding with OpenJPH.
 * @example
 * ```ts
 * import { openJphCodec } from "./openjph_codec.ts";
 * openJphCodec.name; // "OpenJPH"
 * ```
 */
export const openJphCodec: PixelCodec = {
  name: "OpenJPH",
  async decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    const h = readJ2kHeader(frame);
    checkHeaderSize(h && { width: h.width, height: h.height, components: h.precisions.length }, d);
    const { info, bytes } = await runWasmDecoder(
      openjph,
      (m) => new m.HTJ2KDecoder(),
      frame,
      () => undefined,
    );
    checkFrameInfo(info, d);
    let pi = d.photometricInterpretation.trim();
    if (d.samplesPerPixel === 3 && readJ2kHeader(frame)?.multipleComponentTransform) pi = "RGB";
    return {
      bytes: samplesToNative(wasmSamples(bytes, info), d, pi, 0),
      photometricInterpretation: pi,
      planarConfiguration: 0,
    };
  },
};
