/**
 * A deterministic Digital X-Ray image, For Presentation (Digital X-Ray Image Storage - For
 * Presentation, PS3.3 A.26): a chest PA radiograph computed as a projection of the code phantom
 * (line integrals of attenuation from posterior to anterior), 16-bit unsigned with Bits Stored
 * 14, MONOCHROME2 (bone bright), with the modules of the DX Image IOD (Patient, General Study,
 * Patient Study, General Series, DX Series, General Equipment, General Acquisition, General
 * Image, Image Pixel, DX Anatomy Imaged, DX Image, DX Detector, DX Positioning, VOI LUT,
 * Acquisition Context, SOP Common).
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
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

/** Digital X-Ray Image Storage - For Presentation. */
export const DX_IMAGE_STORAGE_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";

/** Options of {@link dxImage}. */
export interface DxImageOptions extends SimulatedImageOptions {
  /** Rows and columns. Default 512. */
  readonly matrix?: number;
  /** Detector field of view in mm (square). Default 430 (a 43 cm detector). */
  readonly fieldOfView?: number;
  /** Tube voltage in kV. Default 120. */
  readonly kvp?: number;
}

/** A generated DX image. */
export interface DxImage {
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

/** A code sequence item (PS3.3 8.8, Table 8.8-1a basic attributes). */
function code(value: string, scheme: string, meaning: string): DataSet {
  const item = new DataSet();
  item.set("CodeValue", value);
  item.set("CodingSchemeDesignator", scheme);
  item.set("CodeMeaning", meaning);
  return item;
}

/**
 * Describes a DX chest PA image, built on demand; the same bytes for the same options.
 * @example
 * ```ts
 * import { dxImage } from "./dx_image.ts";
 * dxImage({ matrix: 16 }).dataSet().getString("PresentationIntentType"); // "FOR PRESENTATION"
 * ```
 */
export function dxImage(options: DxImageOptions = {}): DxImage {
  const matrix = options.matrix ?? 512;
  if (!Number.isInteger(matrix) || matrix < 8 || matrix > 4096) {
    throw new RangeError(`Invalid matrix: ${matrix}`);
  }
  const fov = options.fieldOfView ?? 430;
  if (!(fov > 0)) throw new RangeError(`Invalid field of view: ${fov}`);
  const spacing = fov / matrix;
  const uids = seriesUids(options, 4);
  const header = (): DataSet => {
    const { header, startSeconds } = commonHeader(options, {
      modality: "DX",
      sopClassUid: DX_IMAGE_STORAGE_FOR_PRESENTATION,
      patientName: "SIM^DX^PHANTOM",
      studyDescription: "XR CHEST",
      seriesDescription: "CHEST PA",
      stationName: "DXSIM01",
      modelName: "Simulated DR",
    }, uids);
    header.set("AcquisitionDate", header.getString("StudyDate")!);
    header.set("AcquisitionTime", tm(startSeconds));
    header.set("InstanceCreationTime", tm(startSeconds + 8));
    header.set("ContentTime", tm(startSeconds + 8));
    header.set("SOPInstanceUID", uids.sopInstanceUid(0));
    header.set("BodyPartExamined", "CHEST");
    header.set("PatientPosition", "");
    // DX Series (PS3.3 C.8.11.1)
    header.set("PresentationIntentType", "FOR PRESENTATION");
    // DX Image (C.8.11.3): processed image, linear, higher values brighter
    header.set("ImageType", ["ORIGINAL", "PRIMARY"]);
    header.set("PixelIntensityRelationship", "LIN");
    header.set("PixelIntensityRelationshipSign", 1);
    header.set("RescaleIntercept", "0");
    header.set("RescaleSlope", "1");
    header.set("RescaleType", "US");
    header.set("PresentationLUTShape", "IDENTITY");
    header.set("LossyImageCompression", "00");
    header.set("BurnedInAnnotation", "NO");
    header.set("AcquisitionDeviceProcessingDescription", "CHEST PA STANDARD");
    // General Image (C.7.6.1): PA view shown as facing the patient, columns to the patient's
    // left, rows to the feet
    header.set("InstanceNumber", "1");
    header.set("PatientOrientation", ["L", "F"]);
    // DX Anatomy Imaged (C.8.11.2): CID 4031 Chest
    header.set("ImageLaterality", "U");
    header.set("AnatomicRegionSequence", [code("43799004", "SCT", "Chest")]);
    // DX Detector (C.8.11.4)
    header.set("DetectorType", "SCINTILLATOR");
    header.set("DetectorConfiguration", "AREA");
    header.set("DetectorID", "SIMDET1");
    header.set("ImagerPixelSpacing", [ds(spacing), ds(spacing)]);
    header.set("DetectorBinning", ["1", "1"]);
    header.set("FieldOfViewShape", "RECTANGLE");
    header.set("FieldOfViewDimensions", [Math.round(fov), Math.round(fov)]);
    // DX Positioning (C.8.11.5): CID 4010 postero-anterior, erect
    header.set("PositionerType", "COLUMN");
    header.set("ViewPosition", "PA");
    header.set("ViewCodeSequence", [code("399348003", "SCT", "postero-anterior")]);
    header.set("DistanceSourceToDetector", "1800");
    header.set("DistanceSourceToPatient", "1650");
    header.set("EstimatedRadiographicMagnificationFactor", "1.090909");
    // X-Ray Acquisition Dose / Generation (C.8.7.8, C.8.7.2.1) attributes, type 3
    header.set("KVP", ds(options.kvp ?? 120));
    header.set("ExposureTime", "8");
    header.set("XRayTubeCurrent", 320);
    header.set("Exposure", 3);
    // Acquisition Context (C.7.6.14): no context items
    header.set("AcquisitionContextSequence", []);
    // Image Pixel (C.7.6.3)
    header.set("SamplesPerPixel", 1);
    header.set("PhotometricInterpretation", "MONOCHROME2");
    header.set("Rows", matrix);
    header.set("Columns", matrix);
    header.set("BitsAllocated", 16);
    header.set("BitsStored", 14);
    header.set("HighBit", 13);
    header.set("PixelRepresentation", 0);
    // VOI LUT (C.11.2), required For Presentation: a lung-and-mediastinum window
    header.set("WindowCenter", ["8192", "6000"]);
    header.set("WindowWidth", ["16384", "9000"]);
    header.set("WindowCenterWidthExplanation", ["FULL", "CHEST"]);
    return header;
  };
  const dataSet = (): DataSet => {
    const out = header();
    // Projection along y (posterior to anterior) through the phantom, sampled every 4 mm;
    // log-transformed detector signal: attenuation maps to brightness, with quantum noise.
    const pixels = projectPhantom({
      matrix,
      fieldOfView: fov,
      depth: 70,
      step: 4,
      waterMu: 0.019,
      offset: 1200,
      gain: 2300,
      noise: 40,
      max: 16383,
      seed: hashSeed(options.seed ?? 0, options.studyIndex ?? 0, 0x6478),
    });
    out.set("PixelData", uint16Bytes(pixels), "OW");
    return out;
  };
  return {
    studyInstanceUid: uids.studyInstanceUid,
    seriesInstanceUid: uids.seriesInstanceUid,
    sopInstanceUid: uids.sopInstanceUid(0),
    header,
    dataSet,
    file: () => writeDicom(dataSet(), "ExplicitVRLittleEndian"),
  };
}
