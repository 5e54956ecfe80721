/**
 * A data set's pixel data moved from one transfer syntax to another: compressed frames
 * decompressed to native (what DCMTK's dcmdjpeg/dcmdjpls/dcmdrle and `gdcmconv --raw` do), native
 * frames compressed with a registry encoder (JPEG-LS, JPEG 2000 lossless, RLE, deflated frames),
 * or one compressed syntax to another through native. The attributes that describe the pixels
 * follow: Photometric Interpretation, Planar Configuration, Lossy Image Compression and its ratio
 * and method (PS3.3 C.7.6.1.1.5). Every other element is kept, SOP Instance UID included (as
 * dcmdjpeg does by default).
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { DataElement } from "../core/element.ts";
import { PIXEL_DATA_TAG } from "../core/tag.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { decoderFor, encoderFor } from "./codecs/codec_registry.ts";
import { CodecUnavailableError } from "./codecs/codec_errors.ts";
import { decodeFrameWithInfo, encodeFrame, type FrameWithInfo } from "./decode_frame.ts";
import { encapsulateFrames } from "./encapsulation.ts";
import { PixelDataError } from "./errors.ts";
import { imageDescriptionOf } from "./frame_pixels.ts";
import { frameByteLength, type ImageDescription, isSubsampled422 } from "./image_description.ts";
import { nativePixelData } from "./native_pixels.ts";

/** Elements that only make sense for encapsulated pixel data (PS3.3 C.7.6.3). */
const ENCAPSULATED_ONLY = [0x7fe00001, 0x7fe00002, 0x7fe00003];
const LOSSY_IMAGE_COMPRESSION = 0x00282110;
const LOSSY_IMAGE_COMPRESSION_RATIO = 0x00282112;
const LOSSY_IMAGE_COMPRESSION_METHOD = 0x00282114;
const JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

/**
 * Lossy Image Compression Method defined terms per syntax (PS3.3 C.7.6.1.1.5.1), for the
 * syntaxes that can be lossy.
 */
const LOSSY_METHODS: Readonly<Record<string, string>> = {
  "1.2.840.10008.1.2.4.50": "ISO_10918_1",
  "1.2.840.10008.1.2.4.51": "ISO_10918_1",
  "1.2.840.10008.1.2.4.81": "ISO_14495_1",
  "1.2.840.10008.1.2.4.91": "ISO_15444_1",
  "1.2.840.10008.1.2.4.203": "ISO_15444_15",
};

/** Syntaxes whose process is always lossy (JPEG processes 1, 2 and 4; PS3.5 A.4.1). */
const ALWAYS_LOSSY = new Set(["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"]);

/** Where a transcoding failed: the two syntaxes and the frame errors, if frames failed. */
export interface TranscodeErrorLocation {
  /** The transfer syntax the pixel data was in. */
  fromTransferSyntaxUid: string;
  /** The transfer syntax asked for. */
  toTransferSyntaxUid: string;
  /** The frames that could not be decoded or encoded. Default: none. */
  errors?: PixelDataError[];
  /** The underlying error, when one is wrapped. */
  cause?: unknown;
}

/**
 * Pixel data could not be transcoded: some frames failed to decode or encode (each in
 * `errors`, with its frame index), or the image cannot be coded in the target syntax.
 * @example
 * ```ts
 * import { TranscodeError } from "./transcode_pixels.ts";
 * const e = new TranscodeError("Cannot transcode: frame 0 failed", {
 *   fromTransferSyntaxUid: "1.2.840.10008.1.2.4.51",
 *   toTransferSyntaxUid: "1.2.840.10008.1.2.1",
 * });
 * e.errors.length; // 0
 * ```
 */
export class TranscodeError extends PixelDataError {
  /** The transfer syntax the pixel data was in. */
  readonly fromTransferSyntaxUid: string;
  /** The transfer syntax asked for. */
  readonly toTransferSyntaxUid: string;
  /** One error per frame that failed, in frame order. */
  readonly errors: readonly PixelDataError[];
  /** Makes the error. */
  constructor(message: string, location: TranscodeErrorLocation) {
    super(message, {
      frameIndex: location.errors?.[0]?.frameIndex,
      cause: location.cause ?? location.errors?.[0],
    });
    this.name = "TranscodeError";
    this.fromTransferSyntaxUid = location.fromTransferSyntaxUid;
    this.toTransferSyntaxUid = location.toTransferSyntaxUid;
    this.errors = location.errors ?? [];
  }
}

/** Options of {@link transcodePixelData}. */
export interface TranscodePixelDataOptions {
  /** Keep only this frame (0-based), as a single-frame image. Default: every frame. */
  frame?: number;
  /**
   * JPEG-LS NEAR parameter when encoding JPEG-LS (PS3.5 A.4.3). Default: 0 for JPEG-LS lossless,
   * 2 for JPEG-LS near-lossless.
   */
  nearLossless?: number;
}

function nameOf(uid: string): string {
  return transferSyntax(uid)?.name ?? uid;
}

function isNative(uid: string): boolean {
  const ts = transferSyntax(uid);
  return ts !== undefined && !ts.encapsulated;
}

/**
 * True when pixel data in `fromTsUid` can be transcoded to `toTsUid` here: each side is either a
 * native syntax or one with a decoder (from) / encoder (to) in the codec registry.
 * @example
 * ```ts
 * import { canTranscodePixelData } from "./transcode_pixels.ts";
 * canTranscodePixelData("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1"); // true
 * canTranscodePixelData("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.50"); // false: no encoder
 * ```
 */
export function canTranscodePixelData(fromTsUid: string, toTsUid: string): boolean {
  const from = fromTsUid.trim();
  const to = toTsUid.trim();
  if (transferSyntax(from) === undefined || transferSyntax(to) === undefined) return false;
  return (isNative(from) || decoderFor(from) !== undefined) &&
    (isNative(to) || encoderFor(to)?.encode !== undefined);
}

/**
 * True when encoding to `toTsUid` with the given options loses information: JPEG-LS
 * near-lossless with a NEAR above 0. The other registry encoders are lossless.
 * @example
 * ```ts
 * import { isLossyEncoding } from "./transcode_pixels.ts";
 * isLossyEncoding("1.2.840.10008.1.2.4.81"); // true (NEAR 2 by default)
 * isLossyEncoding("1.2.840.10008.1.2.4.80"); // false
 * ```
 */
export function isLossyEncoding(toTsUid: string, options: { nearLossless?: number } = {}): boolean {
  const to = toTsUid.trim();
  if (to === JPEG_LS_NEAR_LOSSLESS) return (options.nearLossless ?? 2) > 0;
  if (to === "1.2.840.10008.1.2.4.80") return (options.nearLossless ?? 0) > 0;
  return false;
}

function formatDs(value: number): string {
  // DS is at most 16 characters (PS3.5 6.2).
  return String(Number(value.toPrecision(6)));
}

/** Marks the data set lossy (once lossy, always lossy: PS3.3 C.7.6.1.1.5) with a new step. */
function addLossyStep(ds: DataSet, ratio: number, method: string | undefined): void {
  ds.set(LOSSY_IMAGE_COMPRESSION, "01", "CS");
  const ratios = ds.getStrings(LOSSY_IMAGE_COMPRESSION_RATIO);
  const methods = ds.getStrings(LOSSY_IMAGE_COMPRESSION_METHOD);
  if (Number.isFinite(ratio) && ratio > 0) {
    ds.set(LOSSY_IMAGE_COMPRESSION_RATIO, [...ratios, formatDs(ratio)], "DS");
  }
  if (method !== undefined) ds.set(LOSSY_IMAGE_COMPRESSION_METHOD, [...methods, method], "CS");
}

function errorOf(error: unknown, frameIndex: number): PixelDataError {
  if (error instanceof PixelDataError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new PixelDataError(`Frame ${frameIndex}: ${reason}`, { frameIndex, cause: error });
}

function failed(
  verb: string,
  from: string,
  to: string,
  errors: PixelDataError[],
): TranscodeError {
  const frames = errors.map((e) => e.frameIndex).filter((i) => i !== undefined);
  const which = frames.length === 1 ? `frame ${frames[0]}` : `frames ${frames.join(", ")}`;
  return new TranscodeError(
    `Cannot transcode ${nameOf(from)} to ${nameOf(to)}: ${verb} ${which}: ${errors[0].message}`,
    { fromTransferSyntaxUid: from, toTransferSyntaxUid: to, errors },
  );
}

/** The frames one after the other, padded to an even length. */
function joinEven(frames: Uint8Array[]): Uint8Array {
  const length = frames.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(length + (length & 1));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** Native little-endian colour-by-pixel bytes of a decoded frame, for an encoder. */
function interleavedBytes(f: FrameWithInfo): Uint8Array {
  if (f.planarConfiguration === 0) return f.bytes;
  const d: ImageDescription = { ...f.description, planarConfiguration: 0 };
  return nativePixelData([f.pixels], d).subarray(0, frameByteLength(d));
}

/**
 * Returns a copy of `ds` whose Pixel Data, encoded in `fromTsUid`, is fit to be written in
 * `toTsUid`; the caller writes the data set in that syntax (this changes the pixel data and the
 * attributes describing it, not how the other elements are encoded).
 *
 * - Compressed to native (like dcmdjpeg, dcmdjpls, dcmdrle, `gdcmconv --raw`): every frame is
 *   decoded; Photometric Interpretation becomes what the frames decoded to (JPEG YBR_FULL and
 *   YBR_FULL_422 and JPEG 2000 YBR_RCT/YBR_ICT give RGB); colour is written colour-by-pixel
 *   (Planar Configuration 0); the offset-table elements are dropped. When the source was lossy
 *   (Lossy Image Compression "01", or a JPEG lossy process), Lossy Image Compression stays (or
 *   becomes) "01" and, if the data set does not record it yet, the ratio and method of the
 *   compression are added (PS3.3 C.7.6.1.1.5).
 * - Native (or compressed) to compressed: every frame is decoded to native, then encoded with the
 *   registry's encoder; Photometric Interpretation becomes the encoder's (YBR_RCT for colour
 *   JPEG 2000 lossless), Planar Configuration 0. Lossless encoding sets Lossy Image Compression
 *   "00" unless it was already "01"; near-lossless JPEG-LS sets "01" and adds a ratio and method.
 * - Native to native: the pixel data is kept (only the writer's byte order differs), except with
 *   `frame`, which repacks the one frame.
 *
 * Every frame is tried, so the error names all frames that fail.
 * @throws {CodecUnavailableError} when no codec decodes `fromTsUid` or encodes `toTsUid`.
 * @throws {TranscodeError} when frames fail to decode or encode (each in `errors`).
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { transcodePixelData } from "./transcode_pixels.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-data/emri_small_RLE.dcm"));
 * const native = await transcodePixelData(file.dataSet, file.transferSyntaxUid, "1.2.840.10008.1.2.1");
 * native.get(0x7fe00010)?.isEncapsulated; // false
 * ```
 */
export async function transcodePixelData(
  ds: DataSet,
  fromTsUid: string,
  toTsUid: string,
  options: TranscodePixelDataOptions = {},
): Promise<DataSet> {
  const from = fromTsUid.trim();
  const to = toTsUid.trim();
  for (const uid of [from, to]) {
    if (transferSyntax(uid) === undefined) {
      throw new TranscodeError(`Cannot transcode pixel data: unknown transfer syntax ${uid}`, {
        fromTransferSyntaxUid: from,
        toTransferSyntaxUid: to,
      });
    }
  }
  if (!isNative(from) && decoderFor(from) === undefined) {
    throw new CodecUnavailableError(
      `Cannot transcode ${nameOf(from)} to ${nameOf(to)}: no codec decodes ${nameOf(from)}`,
      { transferSyntaxUid: from },
    );
  }
  if (!isNative(to) && encoderFor(to)?.encode === undefined) {
    throw new CodecUnavailableError(
      `Cannot transcode ${nameOf(from)} to ${nameOf(to)}: no encoder for ${nameOf(to)}`,
      { transferSyntaxUid: to },
    );
  }
  const out = ds.clone();
  const element = ds.get(PIXEL_DATA_TAG);
  const only = options.frame;
  if (element === undefined) return out;
  if (isNative(from) && isNative(to) && only === undefined) return out;
  const d = imageDescriptionOf(ds);
  if (only !== undefined && (!Number.isInteger(only) || only < 0 || only >= d.numberOfFrames)) {
    throw new PixelDataError(`Frame ${only} is outside 0-${d.numberOfFrames - 1}`, {
      frameIndex: only,
    });
  }
  const indexes = only === undefined
    ? Array.from({ length: d.numberOfFrames }, (_, i) => i)
    : [only];

  const decoded: FrameWithInfo[] = [];
  const decodeErrors: PixelDataError[] = [];
  for (const i of indexes) {
    try {
      decoded.push(await decodeFrameWithInfo(ds, from, i));
    } catch (error) {
      decodeErrors.push(errorOf(error, i));
    }
  }
  if (decodeErrors.length > 0) throw failed("cannot decode", from, to, decodeErrors);

  const photometric = decoded[0]?.photometricInterpretation ?? d.photometricInterpretation.trim();
  const native: ImageDescription = {
    ...d,
    numberOfFrames: decoded.length,
    photometricInterpretation: photometric,
    planarConfiguration: 0,
  };
  for (const tag of ENCAPSULATED_ONLY) out.delete(tag);
  if (only !== undefined && out.has("NumberOfFrames")) out.set("NumberOfFrames", "1");
  if (d.samplesPerPixel > 1) out.set("PlanarConfiguration", 0);

  // Decompressing a lossy codestream: record the lossy step if the data set does not yet.
  if (!isNative(from)) {
    const flagged = ds.getString(LOSSY_IMAGE_COMPRESSION)?.trim() === "01";
    if (flagged || ALWAYS_LOSSY.has(from)) {
      if (ds.getStrings(LOSSY_IMAGE_COMPRESSION_RATIO).length === 0) {
        const compressed = element.fragments?.fragments.reduce((n, f) => n + f.length, 0) ?? 0;
        const whole = frameByteLength({ ...d, numberOfFrames: 1 }) * d.numberOfFrames;
        addLossyStep(out, compressed > 0 ? whole / compressed : NaN, LOSSY_METHODS[from]);
      } else {
        out.set(LOSSY_IMAGE_COMPRESSION, "01", "CS");
      }
    }
  }

  if (isNative(to)) {
    let bytes: Uint8Array;
    if (isSubsampled422(photometric)) {
      // Only a native YBR_FULL_422 source stays subsampled: keep its bytes as stored.
      bytes = joinEven(decoded.map((f) => f.bytes));
    } else {
      bytes = nativePixelData(decoded.map((f) => f.pixels), native);
    }
    out.add(DataElement.fromBytes(PIXEL_DATA_TAG, d.bitsAllocated > 8 ? "OW" : "OB", bytes));
    out.set("PhotometricInterpretation", photometric);
    return out;
  }

  if (isSubsampled422(photometric)) {
    throw new TranscodeError(
      `Cannot transcode ${nameOf(from)} to ${nameOf(to)}: cannot encode subsampled ${photometric}`,
      { fromTransferSyntaxUid: from, toTransferSyntaxUid: to },
    );
  }
  const encoded: Uint8Array[] = [];
  const encodeErrors: PixelDataError[] = [];
  let encodedPhotometric = photometric;
  for (const f of decoded) {
    const frameIndex = only ?? encoded.length + encodeErrors.length;
    try {
      const e = await encodeFrame(
        interleavedBytes(f),
        { ...f.description, photometricInterpretation: photometric, planarConfiguration: 0 },
        to,
        { frameIndex, nearLossless: options.nearLossless },
      );
      encoded.push(e.bytes);
      encodedPhotometric = e.photometricInterpretation;
    } catch (error) {
      encodeErrors.push(errorOf(error, frameIndex));
    }
  }
  if (encodeErrors.length > 0) throw failed("cannot encode", from, to, encodeErrors);
  const items = encapsulateFrames(encoded);
  out.add(DataElement.fromFragments(PIXEL_DATA_TAG, "OB", {
    basicOffsetTable: items.basicOffsetTable,
    fragments: items.fragments,
  }));
  out.set("PhotometricInterpretation", encodedPhotometric);
  if (isLossyEncoding(to, options)) {
    const compressed = encoded.reduce((n, e) => n + e.length, 0);
    addLossyStep(out, frameByteLength(native) * encoded.length / compressed, LOSSY_METHODS[to]);
  } else if (out.getString(LOSSY_IMAGE_COMPRESSION)?.trim() !== "01") {
    out.set(LOSSY_IMAGE_COMPRESSION, "00", "CS");
  }
  return out;
}
