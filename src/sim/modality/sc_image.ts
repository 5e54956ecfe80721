/**
 * A deterministic Secondary Capture image (SC Image Storage, PS3.3 A.8.1): a screenshot-like
 * rendering of a phantom slice, 8-bit RGB (bone orange, lung blue, soft tissue grey) or 8-bit
 * MONOCHROME2, with the modules of the SC Image IOD (Patient, General Study, Patient Study,
 * General Series, General Equipment, SC Equipment, General Image, Image Pixel, SC Image, SOP
 * Common).
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { writeDicom } from "../../codec/write_file.ts";
import { phantomSlice } from "./ct_phantom.ts";
import { commonHeader, seriesUids, type SimulatedImageOptions, tm } from "./_image_modules.ts";
import { hashSeed } from "./rng.ts";

export type { SimulatedImageOptions } from "./_image_modules.ts";

/** Secondary Capture Image Storage. */
export const SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";

/** Options of {@link scImage}. */
export interface ScImageOptions extends SimulatedImageOptions {
  /** Rows and columns. Default 512. */
  readonly matrix?: number;
  /** "RGB" (3 samples, 8 bits) or "MONOCHROME2" (1 sample, 8 bits). Default "RGB". */
  readonly photometricInterpretation?: "RGB" | "MONOCHROME2";
  /** z (mm) of the phantom slice shown. Default 0. */
  readonly sliceZ?: number;
}

/** A generated Secondary Capture image. */
export interface ScImage {
  /** (0020,000D). */
  readonly studyInstanceUid: string;
  /** (0020,000E). */
  readonly seriesInstanceUid: string;
  /** (0008,0018). */
  readonly sopInstanceUid: string;
  /** The image without its Pixel Data (cheap). */
  header(): DataSet;
  /** The image as a data set. */
  dataSet(): DataSet;
  /** The image as a Part 10 file in Explicit VR Little Endian. */
  file(): Uint8Array;
}

/**
 * Describes a Secondary Capture image, built on demand; the same bytes for the same options.
 * @example
 * ```ts
 * import { scImage } from "./sc_image.ts";
 * scImage({ matrix: 16 }).dataSet().getString("ConversionType"); // "WSD"
 * ```
 */
export function scImage(options: ScImageOptions = {}): ScImage {
  const matrix = options.matrix ?? 512;
  if (!Number.isInteger(matrix) || matrix < 8 || matrix > 4096) {
    throw new RangeError(`Invalid matrix: ${matrix}`);
  }
  const rgb = (options.photometricInterpretation ?? "RGB") === "RGB";
  const uids = seriesUids(options, 2);
  const headerOf = (): { header: DataSet; startSeconds: number } => {
    const { header, startSeconds } = commonHeader(options, {
      modality: "OT",
      sopClassUid: SECONDARY_CAPTURE_IMAGE_STORAGE,
      patientName: "SIM^SC^PHANTOM",
      studyDescription: "SECONDARY CAPTURE",
      seriesDescription: "SCREEN CAPTURE",
      stationName: "SCSIM01",
      modelName: "Simulated Workstation",
    }, uids);
    header.set("ImageType", ["DERIVED", "SECONDARY"]);
    header.set("BodyPartExamined", "CHEST");
    header.set("InstanceCreationTime", tm(startSeconds));
    header.set("ContentTime", tm(startSeconds));
    header.set("SOPInstanceUID", uids.sopInstanceUid(0));
    // SC Equipment (PS3.3 C.8.6.1): WSD = workstation
    header.set("ConversionType", "WSD");
    header.set("SecondaryCaptureDeviceManufacturer", "dicomsim");
    header.set("SecondaryCaptureDeviceManufacturerModelName", "Simulated Workstation");
    header.set("SecondaryCaptureDeviceSoftwareVersions", "dicomsim");
    // SC Image (C.8.6.2), General Image (C.7.6.1): rows go to posterior, columns to the left
    header.set("DateOfSecondaryCapture", header.getString("StudyDate")!);
    header.set("TimeOfSecondaryCapture", tm(startSeconds));
    header.set("InstanceNumber", "1");
    header.set("PatientOrientation", ["L", "P"]);
    // Image Pixel (C.7.6.3)
    header.set("SamplesPerPixel", rgb ? 3 : 1);
    header.set("PhotometricInterpretation", rgb ? "RGB" : "MONOCHROME2");
    if (rgb) header.set("PlanarConfiguration", 0);
    header.set("Rows", matrix);
    header.set("Columns", matrix);
    header.set("BitsAllocated", 8);
    header.set("BitsStored", 8);
    header.set("HighBit", 7);
    header.set("PixelRepresentation", 0);
    return { header, startSeconds };
  };
  const dataSet = (): DataSet => {
    const { header } = headerOf();
    const spacing = 400 / matrix;
    const hu = phantomSlice(options.sliceZ ?? 0, {
      columns: matrix,
      rows: matrix,
      pixelSpacing: [spacing, spacing],
      noise: 8,
      seed: hashSeed(options.seed ?? 0, options.studyIndex ?? 0, 0x7363),
    });
    const pixels = new Uint8Array(hu.length * (rgb ? 3 : 1));
    for (let i = 0; i < hu.length; i++) {
      // Soft tissue window: centre 40, width 400 (PS3.3 C.11.2.1.2 linear function).
      const w = (hu[i] - (40 - 200)) / 400;
      const grey = w <= 0 ? 0 : w >= 1 ? 255 : Math.round(w * 255);
      if (!rgb) {
        pixels[i] = grey;
        continue;
      }
      let r = grey, g = grey, b = grey;
      if (hu[i] > 300) [r, g, b] = [255, 170, 60];
      else if (hu[i] > -950 && hu[i] < -400) [r, g, b] = [40, 90, 200];
      pixels[i * 3] = r;
      pixels[i * 3 + 1] = g;
      pixels[i * 3 + 2] = b;
    }
    header.set("PixelData", pixels, "OB");
    return header;
  };
  return {
    studyInstanceUid: uids.studyInstanceUid,
    seriesInstanceUid: uids.seriesInstanceUid,
    sopInstanceUid: uids.sopInstanceUid(0),
    header: () => headerOf().header,
    dataSet,
    file: () => writeDicom(dataSet(), "ExplicitVRLittleEndian"),
  };
}
