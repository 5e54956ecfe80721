/**
 * A deterministic CT series (CT Image Storage, PS3.3 A.3) from the code phantom: axial slices
 * with consistent geometry, one Frame of Reference, UIDs under a configurable root and every
 * mandatory module of the CT Image IOD (Patient, General Study, Patient Study, General Series,
 * Frame of Reference, General Equipment, General Acquisition, General Image, Image Plane, Image
 * Pixel, CT Image, VOI LUT, SOP Common).
 *
 * Pixels: 16-bit signed (Pixel Representation 1), Bits Stored 16, stored value = HU + 1024 with
 * Rescale Intercept -1024 and Rescale Slope 1 (PS3.3 C.8.2.1.1.4), so stored values are 0-4095
 * like a typical scanner's.
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import { writeDicom } from "../../codec/write_file.ts";
import { phantomSlice } from "./ct_phantom.ts";
import { hashSeed } from "./rng.ts";
import { UidGenerator } from "./uid_generator.ts";

/** CT Image Storage. */
export const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

/** Patient, study and series identity of a simulated acquisition. */
export interface Demographics {
  /** (0010,0010). Default "SIM^CT^PHANTOM". */
  readonly patientName?: string;
  /** (0010,0020). Default "SIM" + a number from the seed. */
  readonly patientId?: string;
  /** (0010,0030) YYYYMMDD. Default "19700101". */
  readonly patientBirthDate?: string;
  /** (0010,0040) M, F or O. Default "O". */
  readonly patientSex?: string;
  /** (0008,0050). Default "A" + a number from the seed. */
  readonly accessionNumber?: string;
  /** (0020,0010). Default "1". */
  readonly studyId?: string;
  /** (0008,1030). Default "CT CHEST ABDOMEN". */
  readonly studyDescription?: string;
  /** (0008,0090). Default "" (empty, type 2). */
  readonly referringPhysicianName?: string;
  /** (0008,0020) YYYYMMDD. Default "20260101". */
  readonly studyDate?: string;
  /** (0008,0030) HHMMSS. Default "090000". */
  readonly studyTime?: string;
  /** (0020,0011). Default 1. */
  readonly seriesNumber?: number;
  /** (0008,103E). Default "AXIAL 1.25 SOFT". */
  readonly seriesDescription?: string;
  /** (0008,0080). Default "DICOMSIM HOSPITAL". */
  readonly institutionName?: string;
  /** (0008,1010). Default "CTSIM01". */
  readonly stationName?: string;
  /** Study Instance UID to use (e.g. from a worklist item). Default generated. */
  readonly studyInstanceUid?: string;
}

/** Options of {@link ctSeries}. */
export interface CtSeriesOptions extends Demographics {
  /** Slices. Default 200. */
  readonly slices?: number;
  /** Rows and columns. Default 512. */
  readonly matrix?: number;
  /** Slice thickness and spacing in mm. Default 1.25. */
  readonly sliceThickness?: number;
  /** Reconstruction field of view in mm. Default 400. */
  readonly fieldOfView?: number;
  /** z (mm, LPS) of the first (most superior) slice; later slices go towards the feet. Default: centred on the phantom (z = 0) */
  readonly firstSliceZ?: number;
  /** Seed of UIDs, identifiers and noise. Default 0. */
  readonly seed?: string | number;
  /** UID root. Default {@link DEFAULT_UID_ROOT}. */
  readonly uidRoot?: string;
  /** Study number under the seed (for several studies from one seed). Default 0. */
  readonly studyIndex?: number;
  /** Noise standard deviation in HU. Default 12. */
  readonly noise?: number;
}

/** A generated series: identity and a way to build each slice. */
export interface CtSeries {
  /** Number of slices. */
  readonly count: number;
  /** (0020,000D). */
  readonly studyInstanceUid: string;
  /** (0020,000E). */
  readonly seriesInstanceUid: string;
  /** (0020,0052). */
  readonly frameOfReferenceUid: string;
  /** SOP Instance UID of slice i (0-based). */
  sopInstanceUid(index: number): string;
  /** Slice i (0-based) as a data set. */
  slice(index: number): DataSet;
  /** Slice i without its Pixel Data (cheap: no phantom is computed). */
  header(index: number): DataSet;
  /** Slice i as a Part 10 file in Explicit VR Little Endian. */
  file(index: number): Uint8Array;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** TM from seconds since midnight, with microseconds (HHMMSS.FFFFFF). */
function tm(seconds: number): string {
  const whole = Math.floor(seconds);
  const micro = Math.round((seconds - whole) * 1e6);
  const s = whole % 86400;
  return `${pad(Math.floor(s / 3600), 2)}${pad(Math.floor(s / 60) % 60, 2)}${pad(s % 60, 2)}.${
    pad(micro, 6)
  }`;
}

function seconds(time: string): number {
  const h = Number(time.slice(0, 2) || 0);
  const m = Number(time.slice(2, 4) || 0);
  const s = Number(time.slice(4) || 0);
  return h * 3600 + m * 60 + s;
}

/** DS text: at most 16 characters, no exponent for these ranges. */
function ds(v: number): string {
  const text = String(Math.round(v * 1e6) / 1e6);
  return text.length <= 16 ? text : v.toFixed(Math.max(0, 15 - String(Math.trunc(v)).length));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function pixelBytes(hu: Int16Array): Uint8Array {
  const stored = new Int16Array(hu.length);
  for (let i = 0; i < hu.length; i++) stored[i] = hu[i] + 1024;
  if (LITTLE_ENDIAN) return new Uint8Array(stored.buffer);
  const out = new Uint8Array(stored.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < stored.length; i++) view.setInt16(i * 2, stored[i], true);
  return out;
}

/**
 * Describes a CT series; slices are built on demand (`slice(i)` or `file(i)`), the same bytes
 * for the same options.
 * @example
 * ```ts
 * import { ctSeries } from "./ct_series.ts";
 * const series = ctSeries({ slices: 2, matrix: 64, seed: 1 });
 * series.slice(0).getString("Modality"); // "CT"
 * ```
 */
export function ctSeries(options: CtSeriesOptions = {}): CtSeries {
  const count = options.slices ?? 200;
  const matrix = options.matrix ?? 512;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Invalid slice count: ${count}`);
  if (!Number.isInteger(matrix) || matrix < 8 || matrix > 4096) {
    throw new RangeError(`Invalid matrix: ${matrix}`);
  }
  const thickness = options.sliceThickness ?? 1.25;
  const fov = options.fieldOfView ?? 400;
  const spacing = fov / matrix;
  const seed = options.seed ?? 0;
  const study = options.studyIndex ?? 0;
  const uids = new UidGenerator({ root: options.uidRoot, seed });
  const studyInstanceUid = options.studyInstanceUid ?? uids.uid(study + 1, 1);
  const seriesInstanceUid = uids.uid(study + 1, 2, options.seriesNumber ?? 1);
  const frameOfReferenceUid = uids.uid(study + 1, 3);
  const sopInstanceUid = (i: number) => uids.uid(study + 1, 4, options.seriesNumber ?? 1, i + 1);
  const number = hashSeed(seed, study) % 1000000;
  const firstZ = options.firstSliceZ ?? ((count - 1) * thickness) / 2;
  const originXY = -((matrix - 1) * spacing) / 2;
  const studyDate = options.studyDate ?? "20260101";
  const studyTime = options.studyTime ?? "090000";
  const startSeconds = seconds(studyTime) + 120;
  const noiseSeed = hashSeed(seed, study, 0x6e6f6973);

  const header = new DataSet();
  // SOP Common (PS3.3 C.12.1)
  header.set("SpecificCharacterSet", "ISO_IR 100");
  header.set("ImageType", ["ORIGINAL", "PRIMARY", "AXIAL"]);
  header.set("InstanceCreationDate", studyDate);
  header.set("SOPClassUID", CT_IMAGE_STORAGE);
  // General Study (C.7.2.1), General Series (C.7.3.1), General Equipment (C.7.5.1)
  header.set("StudyDate", studyDate);
  header.set("SeriesDate", studyDate);
  header.set("AcquisitionDate", studyDate);
  header.set("ContentDate", studyDate);
  header.set("StudyTime", studyTime);
  header.set("SeriesTime", tm(startSeconds - 10));
  header.set("AccessionNumber", options.accessionNumber ?? `A${number}`);
  header.set("Modality", "CT");
  header.set("Manufacturer", "dicomsim");
  header.set("InstitutionName", options.institutionName ?? "DICOMSIM HOSPITAL");
  header.set("ReferringPhysicianName", options.referringPhysicianName ?? "");
  header.set("StationName", options.stationName ?? "CTSIM01");
  header.set("StudyDescription", options.studyDescription ?? "CT CHEST ABDOMEN");
  header.set("SeriesDescription", options.seriesDescription ?? "AXIAL 1.25 SOFT");
  header.set("ManufacturerModelName", "Simulated CT");
  // Patient (C.7.1.1), Patient Study (C.7.2.2)
  header.set("PatientName", options.patientName ?? "SIM^CT^PHANTOM");
  header.set("PatientID", options.patientId ?? `SIM${number}`);
  header.set("PatientBirthDate", options.patientBirthDate ?? "19700101");
  header.set("PatientSex", options.patientSex ?? "O");
  // CT Image (C.8.2.1)
  header.set("BodyPartExamined", "CHEST");
  header.set("ScanOptions", "HELICAL");
  header.set("SliceThickness", ds(thickness));
  header.set("KVP", "120");
  header.set("SpacingBetweenSlices", ds(thickness));
  header.set("DataCollectionDiameter", "500");
  header.set("DeviceSerialNumber", "SIM0001");
  header.set("SoftwareVersions", "dicomsim");
  header.set("ReconstructionDiameter", ds(fov));
  header.set("GantryDetectorTilt", "0");
  header.set("TableHeight", "150");
  header.set("RotationDirection", "CW");
  header.set("ExposureTime", "500");
  header.set("XRayTubeCurrent", 200);
  header.set("Exposure", 100);
  header.set("ConvolutionKernel", "STANDARD");
  header.set("PatientPosition", "HFS");
  // General Study, General Series, Frame of Reference (C.7.4.1)
  header.set("StudyInstanceUID", studyInstanceUid);
  header.set("SeriesInstanceUID", seriesInstanceUid);
  header.set("StudyID", options.studyId ?? "1");
  header.set("SeriesNumber", String(options.seriesNumber ?? 1));
  header.set("AcquisitionNumber", "1");
  // Image Plane (C.7.6.2)
  header.set("ImageOrientationPatient", ["1", "0", "0", "0", "1", "0"]);
  header.set("FrameOfReferenceUID", frameOfReferenceUid);
  header.set("PositionReferenceIndicator", "");
  // Image Pixel (C.7.6.3)
  header.set("SamplesPerPixel", 1);
  header.set("PhotometricInterpretation", "MONOCHROME2");
  header.set("Rows", matrix);
  header.set("Columns", matrix);
  header.set("PixelSpacing", [ds(spacing), ds(spacing)]);
  header.set("BitsAllocated", 16);
  header.set("BitsStored", 16);
  header.set("HighBit", 15);
  header.set("PixelRepresentation", 1);
  // VOI LUT (C.11.2): soft tissue, lung, bone presets
  header.set("WindowCenter", ["40", "-600", "400"]);
  header.set("WindowWidth", ["400", "1500", "1800"]);
  header.set("RescaleIntercept", "-1024");
  header.set("RescaleSlope", "1");
  header.set("RescaleType", "HU");
  header.set("WindowCenterWidthExplanation", ["SOFT TISSUE", "LUNG", "BONE"]);

  const headerOf = (index: number): DataSet => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`Slice index out of range: ${index}`);
    }
    const z = firstZ - index * thickness;
    const acquired = startSeconds + index * 0.05;
    const out = header.clone();
    out.set("InstanceCreationTime", tm(acquired + 5));
    out.set("SOPInstanceUID", sopInstanceUid(index));
    out.set("AcquisitionTime", tm(acquired));
    out.set("ContentTime", tm(acquired + 5));
    out.set("InstanceNumber", String(index + 1));
    out.set("ImagePositionPatient", [ds(originXY), ds(originXY), ds(z)]);
    out.set("SliceLocation", ds(z));
    return out;
  };

  const slice = (index: number): DataSet => {
    const out = headerOf(index);
    const z = firstZ - index * thickness;
    const hu = phantomSlice(z, {
      columns: matrix,
      rows: matrix,
      pixelSpacing: [spacing, spacing],
      noise: options.noise ?? 12,
      seed: hashSeed(noiseSeed, index),
    });
    out.set("PixelData", pixelBytes(hu), "OW");
    return out;
  };

  return {
    count,
    studyInstanceUid,
    seriesInstanceUid,
    frameOfReferenceUid,
    sopInstanceUid,
    slice,
    header: headerOf,
    file: (index) => writeDicom(slice(index), "ExplicitVRLittleEndian"),
  };
}

/**
 * The slices of a CT series as data sets, in acquisition order (head to feet).
 * @example
 * ```ts
 * import { generateCtSeries } from "./ct_series.ts";
 * const slices = [...generateCtSeries({ slices: 3, matrix: 32 })];
 * slices.length; // 3
 * ```
 */
export function* generateCtSeries(options: CtSeriesOptions = {}): Generator<DataSet> {
  const series = ctSeries(options);
  for (let i = 0; i < series.count; i++) yield series.slice(i);
}
