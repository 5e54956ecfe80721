/**
 * One frame of a data set's pixel data as a typed array, for every transfer syntax: native, and
 * (each codec loaded on first use) the compressed syntaxes of the codec registry. Also the
 * data-set-free steps, `decodeCompressedFrame` and `encodeFrame`, that transcoding uses.
 *
 * Failures are `PixelDataError`s naming the frame: a `CodecUnavailableError` when no codec
 * handles the syntax, a `FrameDecodeError` when a codestream is corrupt or disagrees with the
 * image description, an `EncapsulationError` when the frame cannot be found. One bad frame does
 * not stop the others from decoding.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { PIXEL_DATA_TAG } from "../core/tag.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { decoderFor, encoderFor } from "./codecs/codec_registry.ts";
import {
  CodecUnavailableError,
  FrameDecodeError,
  FrameEncodeError,
} from "./codecs/codec_errors.ts";
import type { CodecEncodeOptions, DecodedFrame, EncodedFrame } from "./codecs/pixel_codec.ts";
import { frameFragments } from "./encapsulation.ts";
import { EncapsulationError, PixelDataError } from "./errors.ts";
import { imageDescriptionOf } from "./frame_pixels.ts";
import {
  checkImageDescription,
  frameByteLength,
  type ImageDescription,
} from "./image_description.ts";
import { nativeFrame, type PixelArray } from "./native_pixels.ts";

const EXTENDED_OFFSET_TABLE = 0x7fe00001;
const EXTENDED_OFFSET_TABLE_LENGTHS = 0x7fe00002;

/** A decoded frame with what is needed to store it natively. */
export interface FrameWithInfo {
  /** Samples, rows × columns × samples per pixel, colour-by-pixel. */
  pixels: PixelArray;
  /**
   * Photometric interpretation of `pixels` (and `bytes`), e.g. `"RGB"` for a JPEG frame whose data
   * set says YBR_FULL_422 (see `DecodedFrame.photometricInterpretation`).
   */
  photometricInterpretation: string;
  /** Native little-endian bytes of the frame as decoded (see `DecodedFrame.bytes`). */
  bytes: Uint8Array;
  /** Planar configuration of `bytes` (`pixels` is always colour-by-pixel). */
  planarConfiguration: 0 | 1;
  /** The image description of `bytes`: the data set's with the decoded colour and 1 frame. */
  description: ImageDescription;
  /** Name of the codec that decoded it; `"native"` for uncompressed data. */
  codec: string;
}

function syntaxName(uid: string): string {
  return transferSyntax(uid)?.name ?? uid;
}

/**
 * Decodes one compressed frame (its fragments joined) of an image described by `d` with the
 * registry's codec for `transferSyntaxUid`. `frameIndex` only names the frame in errors.
 * @example
 * ```ts
 * import { decodeCompressedFrame } from "./decode_frame.ts";
 * const d = {
 *   rows: 1, columns: 4, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const rle = new Uint8Array(68);
 * rle.set([1, 0, 0, 0, 64], 0);
 * rle.set([0xfd, 7], 64);
 * (await decodeCompressedFrame(rle, d, "1.2.840.10008.1.2.5")).bytes; // Uint8Array [7, 7, 7, 7]
 * ```
 */
export async function decodeCompressedFrame(
  frame: Uint8Array,
  d: ImageDescription,
  transferSyntaxUid: string,
  frameIndex = 0,
): Promise<DecodedFrame & { codec: string }> {
  const uid = transferSyntaxUid.trim();
  const codec = decoderFor(uid);
  if (codec === undefined) {
    throw new CodecUnavailableError(
      `Cannot decode frame ${frameIndex}: no codec for ${syntaxName(uid)}`,
      { transferSyntaxUid: uid, frameIndex },
    );
  }
  const one: ImageDescription = { ...d, numberOfFrames: 1 };
  let decoded: DecodedFrame;
  try {
    checkImageDescription(one);
    decoded = await codec.decode(frame, one);
    const expected = frameByteLength({
      ...one,
      photometricInterpretation: decoded.photometricInterpretation,
    });
    if (decoded.bytes.length < expected) {
      throw new RangeError(`decoded ${decoded.bytes.length} bytes, the frame needs ${expected}`);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FrameDecodeError(
      `Cannot decode frame ${frameIndex} (${syntaxName(uid)}, ${codec.name}): ${reason}`,
      { transferSyntaxUid: uid, frameIndex, reason, cause: error },
    );
  }
  return { ...decoded, codec: codec.name };
}

/**
 * Encodes one frame of native little-endian bytes (laid out per `d`) to `transferSyntaxUid` with
 * the registry's encoder: JPEG-LS (lossless, or near-lossless with `nearLossless`, default 2 for
 * 1.2.840.10008.1.2.4.81), JPEG 2000 lossless, RLE, deflated frames. Throws a
 * `CodecUnavailableError` when there is no encoder, a `FrameEncodeError` when encoding fails.
 * @example
 * ```ts
 * import { encodeFrame } from "./decode_frame.ts";
 * const d = {
 *   rows: 1, columns: 4, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
 *   pixelRepresentation: 0 as const, planarConfiguration: 0 as const, numberOfFrames: 1,
 *   photometricInterpretation: "MONOCHROME2",
 * };
 * const e = await encodeFrame(new Uint8Array([7, 7, 7, 7]), d, "1.2.840.10008.1.2.5");
 * e.bytes.length; // 66
 * ```
 */
export async function encodeFrame(
  native: Uint8Array,
  d: ImageDescription,
  transferSyntaxUid: string,
  options: CodecEncodeOptions & { frameIndex?: number } = {},
): Promise<EncodedFrame> {
  const uid = transferSyntaxUid.trim();
  const frameIndex = options.frameIndex ?? 0;
  const codec = encoderFor(uid);
  if (codec?.encode === undefined) {
    throw new CodecUnavailableError(
      `Cannot encode frame ${frameIndex}: no encoder for ${syntaxName(uid)}`,
      { transferSyntaxUid: uid, frameIndex },
    );
  }
  const nearLossless = options.nearLossless ??
    (uid === "1.2.840.10008.1.2.4.81" ? 2 : 0);
  try {
    const one: ImageDescription = { ...d, numberOfFrames: 1 };
    checkImageDescription(one);
    return await codec.encode(native, one, { nearLossless });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FrameEncodeError(
      `Cannot encode frame ${frameIndex} (${syntaxName(uid)}, ${codec.name}): ${reason}`,
      { transferSyntaxUid: uid, frameIndex, reason, cause: error },
    );
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The compressed bytes of frame `frameIndex` of a data set's encapsulated Pixel Data (its
 * fragments joined; see `frameFragments` for how frames are found, including the Extended Offset
 * Table). When the frames cannot be split but there are fewer fragments than frames, fragment `i`
 * is taken as frame `i` (so the frames that are there still decode) and the missing frames throw
 * an `EncapsulationError` naming them.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { compressedFrame } from "./decode_frame.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-data/emri_small_RLE.dcm"));
 * compressedFrame(file.dataSet, 9).length > 64; // true
 * ```
 */
export function compressedFrame(ds: DataSet, frameIndex: number): Uint8Array {
  const element = ds.get(PIXEL_DATA_TAG);
  const fragments = element?.fragments;
  if (fragments === undefined) {
    throw new PixelDataError("The data set has no encapsulated Pixel Data (7FE0,0010)", {
      frameIndex,
    });
  }
  const numberOfFrames = imageDescriptionOf(ds).numberOfFrames;
  const encapsulated = {
    basicOffsetTable: fragments.basicOffsetTable,
    fragments: fragments.fragments,
  };
  try {
    const groups = frameFragments(encapsulated, numberOfFrames, {
      extendedOffsetTable: ds.get(EXTENDED_OFFSET_TABLE)?.bytes,
      extendedOffsetTableLengths: ds.get(EXTENDED_OFFSET_TABLE_LENGTHS)?.bytes,
    });
    return concat(groups[frameIndex]);
  } catch (error) {
    const n = fragments.fragments.length;
    if (!(error instanceof EncapsulationError) || n === 0 || n >= numberOfFrames) {
      if (error instanceof EncapsulationError && error.frameIndex === undefined) {
        throw new EncapsulationError(`Frame ${frameIndex}: ${error.message}`, {
          frameIndex,
          cause: error,
        });
      }
      throw error;
    }
    if (frameIndex < n) return fragments.fragments[frameIndex];
    throw new EncapsulationError(
      `Cannot find frame ${frameIndex}: Number of Frames is ${numberOfFrames}, the pixel data ` +
        `has ${n} fragments`,
      { frameIndex, cause: error },
    );
  }
}

/**
 * Decodes frame `frameIndex` of `ds` (encoded in `transferSyntaxUid`) with what the frame
 * decoded to: the pixels colour-by-pixel, the native bytes, and the photometric interpretation
 * and planar configuration of both.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { decodeFrameWithInfo } from "./decode_frame.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/SC_rgb_dcmtk_+eb+cy+np.dcm"));
 * (await decodeFrameWithInfo(file.dataSet, file.transferSyntaxUid)).photometricInterpretation; // "RGB"
 * ```
 */
export async function decodeFrameWithInfo(
  ds: DataSet,
  transferSyntaxUid: string,
  frameIndex = 0,
): Promise<FrameWithInfo> {
  const element = ds.get(PIXEL_DATA_TAG);
  if (element === undefined) {
    throw new PixelDataError("The data set has no Pixel Data (7FE0,0010)", { frameIndex });
  }
  const d = imageDescriptionOf(ds);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= d.numberOfFrames) {
    throw new PixelDataError(`Frame ${frameIndex} is outside 0-${d.numberOfFrames - 1}`, {
      frameIndex,
    });
  }
  if (!element.isEncapsulated) {
    const bytes = element.bytes ?? new Uint8Array(0);
    const options = {
      littleEndian: element.littleEndian,
      vr: element.vr === "OB" ? "OB" : "OW",
    } as const;
    const pixels = nativeFrame(bytes, d, frameIndex, options);
    const asStored = nativeFrame(bytes, d, frameIndex, { ...options, planar: "as-stored" });
    return {
      pixels,
      photometricInterpretation: d.photometricInterpretation.trim(),
      bytes: nativeBytesOf(asStored, bytes, d, frameIndex, element.littleEndian),
      planarConfiguration: d.planarConfiguration,
      description: { ...d, numberOfFrames: 1 },
      codec: "native",
    };
  }
  const frame = compressedFrame(ds, frameIndex);
  const decoded = await decodeCompressedFrame(frame, d, transferSyntaxUid, frameIndex);
  const description: ImageDescription = {
    ...d,
    numberOfFrames: 1,
    photometricInterpretation: decoded.photometricInterpretation,
    planarConfiguration: decoded.planarConfiguration,
  };
  let pixels: PixelArray;
  try {
    pixels = nativeFrame(decoded.bytes, description, 0);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FrameDecodeError(`Cannot decode frame ${frameIndex}: ${reason}`, {
      transferSyntaxUid,
      frameIndex,
      reason,
      cause: error,
    });
  }
  return {
    pixels,
    photometricInterpretation: decoded.photometricInterpretation,
    bytes: decoded.bytes,
    planarConfiguration: decoded.planarConfiguration,
    description,
    codec: decoded.codec,
  };
}

/** Little-endian native bytes of one native frame (1-bit frames re-packed from bit 0). */
function nativeBytesOf(
  asStored: PixelArray,
  pixelData: Uint8Array,
  d: ImageDescription,
  frameIndex: number,
  littleEndian: boolean,
): Uint8Array {
  if (d.bitsAllocated !== 1 && littleEndian) {
    const length = frameByteLength(d);
    return pixelData.subarray(frameIndex * length, (frameIndex + 1) * length);
  }
  if (d.bitsAllocated === 1) {
    const out = new Uint8Array(Math.ceil(asStored.length / 8));
    for (let i = 0; i < asStored.length; i++) if (asStored[i]) out[i >> 3] |= 1 << (i & 7);
    return out;
  }
  const bps = d.bitsAllocated / 8;
  const out = new Uint8Array(asStored.length * bps);
  const view = new DataView(out.buffer);
  for (let i = 0; i < asStored.length; i++) {
    const v = Number(asStored[i]);
    if (bps === 2) view.setUint16(i * 2, v & 0xffff, true);
    else if (bps === 4) view.setUint32(i * 4, v >>> 0, true);
    else if (bps === 1) out[i] = v & 0xff;
    else view.setFloat64(i * 8, v, true);
  }
  return out;
}

/**
 * Decodes frame `frameIndex` of `ds` (encoded in `transferSyntaxUid`) to a typed array of
 * rows × columns × samples, interleaved. Compressed syntaxes load their codec on first use; the
 * colour of the result is `decodeFrameWithInfo(...).photometricInterpretation`.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { decodeFrame } from "./decode_frame.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"));
 * (await decodeFrame(file.dataSet, file.transferSyntaxUid, 0)).length; // 16384
 * ```
 */
export async function decodeFrame(
  ds: DataSet,
  transferSyntaxUid: string,
  frameIndex = 0,
): Promise<PixelArray> {
  return (await decodeFrameWithInfo(ds, transferSyntaxUid, frameIndex)).pixels;
}
