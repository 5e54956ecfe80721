/**
 * JPEG 2000 (PS3.5 8.2.4; transfer syntaxes 1.2.840.10008.1.2.4.90 and .91) through the
 * WebAssembly build of OpenJPEG (`@cornerstonejs/codec-openjpeg`), loaded on first use. Decodes
 * lossless and lossy codestreams; encodes lossless (reversible 5/3 wavelet, with the reversible
 * colour transform for RGB, which makes the data set's Photometric Interpretation YBR_RCT).
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
import { readJ2kHeader } from "./j2k_header.ts";
import type { DecodedFrame, EncodedFrame, PixelCodec } from "./pixel_codec.ts";

interface J2KEncoder {
  getDecodedBuffer(info: WasmFrameInfo & { isUsingColorTransform: boolean }): Uint8Array;
  setQuality(lossless: boolean, quality: number): void;
  setDecompositions(n: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

interface OpenJpegModule {
  J2KDecoder: new () => WasmDecoder;
  J2KEncoder: new () => J2KEncoder;
}

const openjpeg = lazyModule<OpenJpegModule>(() => import("@cornerstonejs/codec-openjpeg/wasmjs"));

/**
 * Typed view of decoded bytes from a cornerstone codec: 8-bit or 16-bit samples.
 * @example
 * ```ts
 * import { wasmSamples } from "./openjpeg_codec.ts";
 * const info = { width: 1, height: 1, bitsPerSample: 12, componentCount: 1, isSigned: true };
 * wasmSamples(new Uint8Array([0xff, 0xff]), info); // Int16Array [-1]
 * ```
 */
export function wasmSamples(
  bytes: Uint8Array,
  info: WasmFrameInfo,
): Uint8Array | Int8Array | Uint16Array | Int16Array {
  if (info.bitsPerSample <= 8) {
    return info.isSigned ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) : bytes;
  }
  const n = bytes.length >> 1;
  return info.isSigned
    ? new Int16Array(bytes.buffer, bytes.byteOffset, n)
    : new Uint16Array(bytes.buffer, bytes.byteOffset, n);
}

function decodedPhotometric(frame: Uint8Array, d: ImageDescription): string {
  const pi = d.photometricInterpretation.trim();
  if (d.samplesPerPixel !== 3) return pi;
  // PS3.5 8.2.4: with the multiple component transform the decoder's output is RGB.
  const header = readJ2kHeader(frame);
  if (header?.multipleComponentTransform) return "RGB";
  return pi;
}

/**
 * JPEG 2000 decoding and lossless encoding with OpenJPEG.
 * @example
 * ```ts
 * import { openJpegCodec } from "./openjpeg_codec.ts";
 * const d = {
 *   rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const { bytes } = await openJpegCodec.encode!(new Uint8Array([1, 2, 3, 4]), d);
 * (await openJpegCodec.decode(bytes, d)).bytes; // Uint8Array [1, 2, 3, 4]
 * ```
 */
export const openJpegCodec: PixelCodec = {
  name: "OpenJPEG",
  async decode(frame: Uint8Array, d: ImageDescription): Promise<DecodedFrame> {
    const h = readJ2kHeader(frame);
    checkHeaderSize(h && { width: h.width, height: h.height, components: h.precisions.length }, d);
    const { info, bytes } = await runWasmDecoder(
      openjpeg,
      (m) => new m.J2KDecoder(),
      frame,
      () => undefined,
    );
    checkFrameInfo(info, d);
    const pi = decodedPhotometric(frame, d);
    return {
      bytes: samplesToNative(wasmSamples(bytes, info), d, pi, 0),
      photometricInterpretation: pi,
      planarConfiguration: 0,
    };
  },
  async encode(native: Uint8Array, d: ImageDescription): Promise<EncodedFrame> {
    if (d.pixelRepresentation === 1 && d.bitsAllocated === 8) {
      // The OpenJPEG build clamps signed 8-bit input to 0-127: refuse rather than lose data.
      throw new RangeError("OpenJPEG cannot encode signed 8-bit samples losslessly");
    }
    if (d.samplesPerPixel > 1 && d.bitsAllocated > 8) {
      // This build mixes up 16-bit multi-component input: refuse rather than lose data.
      throw new RangeError("OpenJPEG cannot encode colour with more than 8 bits allocated");
    }
    const loaded = await openjpeg.get();
    const colour = d.samplesPerPixel === 3 && d.photometricInterpretation.trim() === "RGB";
    const encoder = new loaded.module.J2KEncoder();
    try {
      const input = encoder.getDecodedBuffer({
        width: d.columns,
        height: d.rows,
        bitsPerSample: d.bitsStored,
        componentCount: d.samplesPerPixel,
        isSigned: d.pixelRepresentation === 1,
        isUsingColorTransform: colour,
      });
      input.set(wasmInput(native, d));
      encoder.setQuality(true, 0);
      encoder.setDecompositions(decompositions(d));
      encoder.encode();
      return {
        bytes: encoder.getEncodedBuffer().slice(),
        photometricInterpretation: colour ? "YBR_RCT" : d.photometricInterpretation.trim(),
      };
    } catch (error) {
      openjpeg.reset();
      throw new Error(reasonOf(error));
    } finally {
      encoder.delete();
    }
  },
};

/**
 * Wavelet levels: 5, fewer for small images (each level halves the smallest side).
 * @example
 * ```ts
 * import { decompositions } from "./openjpeg_codec.ts";
 * decompositions({
 *   rows: 4, columns: 64, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0, planarConfiguration: 0, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * }); // 2
 * ```
 */
export function decompositions(d: ImageDescription): number {
  let n = 0;
  let side = Math.min(d.rows, d.columns);
  while (n < 5 && side >= 2) {
    side = Math.ceil(side / 2);
    n++;
  }
  return Math.max(0, n - 1);
}

/**
 * Native little-endian bytes of one frame as the cornerstone encoders take them: 8-bit samples
 * for bits allocated 8, 16-bit for 16, colour-by-pixel. Bits above Bits Stored are cleared or
 * sign-extended so the encoder sees in-range values.
 * @example
 * ```ts
 * import { wasmInput } from "./openjpeg_codec.ts";
 * wasmInput(new Uint8Array([0xff, 0xff]), {
 *   rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11,
 *   pixelRepresentation: 0, planarConfiguration: 0, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * }); // Uint8Array [0xff, 0x0f]
 * ```
 */
export function wasmInput(native: Uint8Array, d: ImageDescription): Uint8Array {
  if (d.bitsAllocated !== 8 && d.bitsAllocated !== 16) {
    throw new RangeError(`Cannot encode: bits allocated ${d.bitsAllocated}`);
  }
  const samples = d.rows * d.columns * d.samplesPerPixel;
  const bps = d.bitsAllocated / 8;
  if (native.length < samples * bps) {
    throw new RangeError(`Cannot encode: frame has ${native.length} bytes, needs ${samples * bps}`);
  }
  const out = new Uint8Array(samples * bps);
  const planar = d.samplesPerPixel > 1 && d.planarConfiguration === 1;
  const pixels = d.rows * d.columns;
  const shift = 32 - d.bitsStored;
  const signed = d.pixelRepresentation === 1;
  const view = new DataView(native.buffer, native.byteOffset, native.byteLength);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < samples; i++) {
    const p = Math.floor(i / d.samplesPerPixel);
    const s = i % d.samplesPerPixel;
    const at = (planar ? s * pixels + p : i) * bps;
    let v = bps === 1 ? native[at] : view.getUint16(at, true);
    v = signed ? (v << shift) >> shift : (v << shift) >>> shift;
    if (bps === 1) out[i] = v & 0xff;
    else outView.setUint16(i * 2, v & 0xffff, true);
  }
  return out;
}
