/**
 * Which codec decodes and encodes each compressed transfer syntax. The codec wrappers are small;
 * each loads its library (WebAssembly or JavaScript) with a dynamic import on first use, so a
 * program that never meets JPEG 2000 never loads OpenJPEG.
 * @module
 */
import { charlsCodec } from "./charls_codec.ts";
import { deflateCodec } from "./deflate_codec.ts";
import { jpegLosslessCodec } from "./jpeg_lossless_codec.ts";
import { libjpegTurboCodec } from "./libjpeg_turbo_codec.ts";
import { openJpegCodec } from "./openjpeg_codec.ts";
import { openJphCodec } from "./openjph_codec.ts";
import type { PixelCodec } from "./pixel_codec.ts";
import { rleCodec } from "./rle_codec.ts";

/** Transfer syntax UIDs of the compressed syntaxes the registry knows. */
export const CODEC_TRANSFER_SYNTAXES: Readonly<{
  JPEG_BASELINE: "1.2.840.10008.1.2.4.50";
  JPEG_EXTENDED: "1.2.840.10008.1.2.4.51";
  JPEG_LOSSLESS: "1.2.840.10008.1.2.4.57";
  JPEG_LOSSLESS_SV1: "1.2.840.10008.1.2.4.70";
  JPEG_LS_LOSSLESS: "1.2.840.10008.1.2.4.80";
  JPEG_LS_NEAR_LOSSLESS: "1.2.840.10008.1.2.4.81";
  JPEG_2000_LOSSLESS: "1.2.840.10008.1.2.4.90";
  JPEG_2000: "1.2.840.10008.1.2.4.91";
  HTJ2K_LOSSLESS: "1.2.840.10008.1.2.4.201";
  HTJ2K_LOSSLESS_RPCL: "1.2.840.10008.1.2.4.202";
  HTJ2K: "1.2.840.10008.1.2.4.203";
  RLE_LOSSLESS: "1.2.840.10008.1.2.5";
  DEFLATED_IMAGE_FRAME: "1.2.840.10008.1.2.8.1";
}> = Object.freeze(
  {
    JPEG_BASELINE: "1.2.840.10008.1.2.4.50",
    JPEG_EXTENDED: "1.2.840.10008.1.2.4.51",
    JPEG_LOSSLESS: "1.2.840.10008.1.2.4.57",
    JPEG_LOSSLESS_SV1: "1.2.840.10008.1.2.4.70",
    JPEG_LS_LOSSLESS: "1.2.840.10008.1.2.4.80",
    JPEG_LS_NEAR_LOSSLESS: "1.2.840.10008.1.2.4.81",
    JPEG_2000_LOSSLESS: "1.2.840.10008.1.2.4.90",
    JPEG_2000: "1.2.840.10008.1.2.4.91",
    HTJ2K_LOSSLESS: "1.2.840.10008.1.2.4.201",
    HTJ2K_LOSSLESS_RPCL: "1.2.840.10008.1.2.4.202",
    HTJ2K: "1.2.840.10008.1.2.4.203",
    RLE_LOSSLESS: "1.2.840.10008.1.2.5",
    DEFLATED_IMAGE_FRAME: "1.2.840.10008.1.2.8.1",
  } as const,
);

const T = CODEC_TRANSFER_SYNTAXES;

const decoders = new Map<string, PixelCodec>([
  [T.JPEG_BASELINE, libjpegTurboCodec],
  [T.JPEG_EXTENDED, libjpegTurboCodec],
  [T.JPEG_LOSSLESS, jpegLosslessCodec],
  [T.JPEG_LOSSLESS_SV1, jpegLosslessCodec],
  [T.JPEG_LS_LOSSLESS, charlsCodec],
  [T.JPEG_LS_NEAR_LOSSLESS, charlsCodec],
  [T.JPEG_2000_LOSSLESS, openJpegCodec],
  [T.JPEG_2000, openJpegCodec],
  [T.HTJ2K_LOSSLESS, openJphCodec],
  [T.HTJ2K_LOSSLESS_RPCL, openJphCodec],
  [T.HTJ2K, openJphCodec],
  [T.RLE_LOSSLESS, rleCodec],
  [T.DEFLATED_IMAGE_FRAME, deflateCodec],
]);

/** Syntaxes whose codec encodes, and whether the result is lossless. */
const encoders = new Map<string, { codec: PixelCodec; lossless: boolean }>([
  [T.JPEG_LS_LOSSLESS, { codec: charlsCodec, lossless: true }],
  [T.JPEG_LS_NEAR_LOSSLESS, { codec: charlsCodec, lossless: false }],
  [T.JPEG_2000_LOSSLESS, { codec: openJpegCodec, lossless: true }],
  [T.JPEG_2000, { codec: openJpegCodec, lossless: true }],
  [T.RLE_LOSSLESS, { codec: rleCodec, lossless: true }],
  [T.DEFLATED_IMAGE_FRAME, { codec: deflateCodec, lossless: true }],
]);

/**
 * The codec that decodes `transferSyntaxUid`, or `undefined` when none does (uncompressed syntaxes
 * have none: their pixel data is native).
 * @example
 * ```ts
 * import { decoderFor } from "./codec_registry.ts";
 * decoderFor("1.2.840.10008.1.2.4.80")?.name; // "CharLS"
 * decoderFor("1.2.840.10008.1.2.1"); // undefined
 * ```
 */
export function decoderFor(transferSyntaxUid: string): PixelCodec | undefined {
  return decoders.get(transferSyntaxUid.trim());
}

/**
 * The codec that encodes `transferSyntaxUid` (JPEG-LS, JPEG 2000 lossless, RLE, deflated frames),
 * or `undefined`.
 * @example
 * ```ts
 * import { encoderFor } from "./codec_registry.ts";
 * encoderFor("1.2.840.10008.1.2.4.90")?.name; // "OpenJPEG"
 * encoderFor("1.2.840.10008.1.2.4.50"); // undefined: no JPEG baseline encoder
 * ```
 */
export function encoderFor(transferSyntaxUid: string): PixelCodec | undefined {
  return encoders.get(transferSyntaxUid.trim())?.codec;
}

/**
 * Registers (or, with `undefined`, removes) the decoder for a transfer syntax: to plug in another
 * library or, in tests, a failing codec. Returns the codec it replaced.
 * @example
 * ```ts
 * import { decoderFor, registerDecoder } from "./codec_registry.ts";
 * const old = registerDecoder("1.2.840.10008.1.2.4.50", undefined);
 * decoderFor("1.2.840.10008.1.2.4.50"); // undefined
 * registerDecoder("1.2.840.10008.1.2.4.50", old);
 * ```
 */
export function registerDecoder(
  transferSyntaxUid: string,
  codec: PixelCodec | undefined,
): PixelCodec | undefined {
  const old = decoders.get(transferSyntaxUid);
  if (codec === undefined) decoders.delete(transferSyntaxUid);
  else decoders.set(transferSyntaxUid, codec);
  return old;
}

/**
 * Transfer syntaxes with a decoder, in registry order.
 * @example
 * ```ts
 * import { decodableTransferSyntaxes } from "./codec_registry.ts";
 * decodableTransferSyntaxes().includes("1.2.840.10008.1.2.5"); // true
 * ```
 */
export function decodableTransferSyntaxes(): string[] {
  return [...decoders.keys()];
}

/**
 * Transfer syntaxes with an encoder.
 * @example
 * ```ts
 * import { encodableTransferSyntaxes } from "./codec_registry.ts";
 * encodableTransferSyntaxes().includes("1.2.840.10008.1.2.4.80"); // true
 * ```
 */
export function encodableTransferSyntaxes(): string[] {
  return [...encoders.keys()];
}
