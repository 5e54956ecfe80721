/**
 * Pixel data of a data set as typed arrays: native pixel data in any byte order, and RLE
 * Lossless (PS3.5 Annex G); other compressed syntaxes come with the codec layer (issue 8).
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { PIXEL_DATA_TAG } from "../core/tag.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { frameBytes } from "./encapsulation.ts";
import { PixelDataError } from "./errors.ts";
import type { ImageDescription } from "./image_description.ts";
import { nativeFrame, type PixelArray } from "./native_pixels.ts";
import { decodeRleFrame } from "./rle.ts";

const RLE_LOSSLESS = "1.2.840.10008.1.2.5";

/**
 * The Image Pixel module attributes of a data set (PS3.3 C.7.6.3), with the usual defaults for
 * absent optional ones.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { imageDescriptionOf } from "./frame_pixels.ts";
 * const ds = new DataSet();
 * ds.set("Rows", 2);
 * ds.set("Columns", 2);
 * ds.set("BitsAllocated", 16);
 * imageDescriptionOf(ds).bitsStored; // 16
 * ```
 */
export function imageDescriptionOf(ds: DataSet): ImageDescription {
  const rows = ds.getNumber("Rows");
  const columns = ds.getNumber("Columns");
  const bitsAllocated = ds.getNumber("BitsAllocated");
  if (rows === undefined || columns === undefined || bitsAllocated === undefined) {
    throw new PixelDataError("Cannot read pixel data: Rows, Columns or Bits Allocated is missing");
  }
  const bitsStored = ds.getNumber("BitsStored") ?? bitsAllocated;
  return {
    rows,
    columns,
    samplesPerPixel: ds.getNumber("SamplesPerPixel") ?? 1,
    bitsAllocated,
    bitsStored,
    highBit: ds.getNumber("HighBit") ?? bitsStored - 1,
    pixelRepresentation: ds.getNumber("PixelRepresentation") === 1 ? 1 : 0,
    planarConfiguration: ds.getNumber("PlanarConfiguration") === 1 ? 1 : 0,
    numberOfFrames: Math.max(1, ds.getNumber("NumberOfFrames") ?? 1),
    photometricInterpretation: ds.getString("PhotometricInterpretation") ?? "MONOCHROME2",
  };
}

/**
 * One frame of a data set's pixel data as a typed array (rows × columns × samples, interleaved).
 * `transferSyntaxUid` tells native from RLE; other compressed syntaxes throw `PixelDataError`.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { framePixels } from "./frame_pixels.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"));
 * framePixels(file.dataSet, file.transferSyntaxUid, 0).length; // 16384
 * ```
 */
export function framePixels(ds: DataSet, transferSyntaxUid: string, frameIndex = 0): PixelArray {
  const element = ds.get(PIXEL_DATA_TAG);
  if (element === undefined) throw new PixelDataError("The data set has no Pixel Data (7FE0,0010)");
  const d = imageDescriptionOf(ds);
  if (frameIndex < 0 || frameIndex >= d.numberOfFrames) {
    throw new PixelDataError(`Frame ${frameIndex} is outside 0-${d.numberOfFrames - 1}`, {
      frameIndex,
    });
  }
  if (!element.isEncapsulated) {
    const bytes = element.bytes ?? new Uint8Array(0);
    return nativeFrame(bytes, d, frameIndex, {
      littleEndian: element.littleEndian,
      vr: element.vr === "OB" ? "OB" : "OW",
    });
  }
  if (transferSyntax(transferSyntaxUid)?.uid !== RLE_LOSSLESS) {
    throw new PixelDataError(
      `Cannot decode pixel data in ${
        transferSyntax(transferSyntaxUid)?.name ?? transferSyntaxUid
      } yet`,
      { frameIndex },
    );
  }
  const fragments = element.fragments!;
  const frames = frameBytes(
    { basicOffsetTable: fragments.basicOffsetTable, fragments: fragments.fragments },
    d.numberOfFrames,
  );
  const native = decodeRleFrame(frames[frameIndex], d);
  return nativeFrame(native, { ...d, numberOfFrames: 1, planarConfiguration: 0 }, 0);
}
