/**
 * A deterministic Computed Radiography image (CR Image Storage, PS3.3 A.2): an AP projection
 * radiograph of the code phantom (line integrals of attenuation through the body), 16-bit
 * unsigned with Bits Stored 12, MONOCHROME2 (bone bright), with the modules of the CR Image
 * IOD (Patient, General Study, Patient Study, General Series, CR Series, General Equipment,
 * General Image, Image Pixel, CR Image, VOI LUT, SOP Common).
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { writeDicom } from "../../codec/write_file.ts";
import { projectPhantom } from "./phantom_projection.ts";
import {
  commonHeader,
  ds,
  seriesUids,
  type SimulatedImageOptions,
  tm,
  uint16Bytes,
} from "./_image_modules.ts";
import { hashSeed } from "./rng.ts";

export type { SimulatedImageOptions } from "./_image_modules.ts";

/** Computed Radiography Image Storage. */
export const CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";

/** Options of {@link crImage}. */
export interface CrImageOptions extends SimulatedImageOptions {
  /** Rows and columns. Default 512. */
  readonly matrix?: number;
  /** Detector field of view in mm (square). Default 430. */
  readonly fieldOfView?: number;
  /** Tube voltage in kV. Default 110. */
  readonly kvp?: number;
}

/** A generated CR image. */
export interface CrImage {
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
 * Describes a CR chest image, built on demand; the same bytes for the same options.
 * @example
 * ```ts
 * import { crImage } from "./cr_image.ts";
 * crImage({ matrix: 16 }).dataSet().getString("ViewPosition"); // "AP"
 * ```
 */
export function crImage(options: CrImageOptions = {}): CrImage {
  const matrix = options.matrix ?? 512;
  if (!Number.isInteger(matrix) || matrix < 8 || matrix > 4096) {
    throw new RangeError(`Invalid matrix: ${matrix}`);
  }
  const fov = options.fieldOfView ?? 430;
  const spacing = fov / matrix;
  const uids = seriesUids(options, 3);
  const headerOf = (): { header: DataSet; startSeconds: number } => {
    const { header, startSeconds } = commonHeader(options, {
      modality: "CR",
      sopClassUid: CR_IMAGE_STORAGE,
      patientName: "SIM^CR^PHANTOM",
      studyDescription: "XR CHEST",
      seriesDescription: "CHEST AP",
      stationName: "CRSIM01",
      modelName: "Simulated CR",
    }, uids);
    header.set("ImageType", ["ORIGINAL", "PRIMARY"]);
    header.set("AcquisitionDate", header.getString("StudyDate")!);
    header.set("AcquisitionTime", tm(startSeconds));
    header.set("InstanceCreationTime", tm(startSeconds + 30));
    header.set("ContentTime", tm(startSeconds + 30));
    header.set("SOPInstanceUID", uids.sopInstanceUid(0));
    // CR Series (PS3.3 C.8.1.1)
    header.set("BodyPartExamined", "CHEST");
    header.set("ViewPosition", "AP");
    header.set("PatientPosition", "");
    // CR Image (C.8.1.2)
    header.set("KVP", ds(options.kvp ?? 110));
    header.set("DistanceSourceToDetector", "1800");
    header.set("ExposureTime", "20");
    header.set("XRayTubeCurrent", 250);
    header.set("Exposure", 5);
    header.set("ImagerPixelSpacing", [ds(spacing), ds(spacing)]);
    header.set("PlateID", "SIMPLATE1");
    // General Image (C.7.6.1): columns to the patient's left, rows to the feet
    header.set("InstanceNumber", "1");
    header.set("PatientOrientation", ["L", "F"]);
    // Image Pixel (C.7.6.3)
    header.set("SamplesPerPixel", 1);
    header.set("PhotometricInterpretation", "MONOCHROME2");
    header.set("Rows", matrix);
    header.set("Columns", matrix);
    header.set("BitsAllocated", 16);
    header.set("BitsStored", 12);
    header.set("HighBit", 11);
    header.set("PixelRepresentation", 0);
    // VOI LUT (C.11.2)
    header.set("WindowCenter", "2048");
    header.set("WindowWidth", "4096");
    return { header, startSeconds };
  };
  const dataSet = (): DataSet => {
    const { header } = headerOf();
    // Projection along y (antero-posterior) through the phantom, sampled every 5 mm.
    const pixels = projectPhantom({
      matrix,
      fieldOfView: fov,
      depth: 56,
      step: 5,
      waterMu: 0.02,
      offset: 300,
      gain: 560,
      noise: 12,
      max: 4095,
      seed: hashSeed(options.seed ?? 0, options.studyIndex ?? 0, 0x6372),
    });
    header.set("PixelData", uint16Bytes(pixels), "OW");
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
