/**
 * A deterministic MR series (MR Image Storage, PS3.3 A.4) from the code phantom with T1-weighted
 * intensities (fat bright, fluid and air dark, muscle grey): axial slices with consistent
 * geometry, one Frame of Reference, and the modules of the MR Image IOD (Patient, General
 * Study, Patient Study, General Series, Frame of Reference, General Equipment, General
 * Acquisition, General Image, Image Plane, Image Pixel, MR Image, VOI LUT, SOP Common).
 *
 * Pixels: 16-bit unsigned, Bits Stored 12.
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { writeDicom } from "../../codec/write_file.ts";
import { phantomSlice } from "./ct_phantom.ts";
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

/** MR Image Storage. */
export const MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

/** Options of {@link mrSeries}. */
export interface MrSeriesOptions extends SimulatedImageOptions {
  /** Slices. Default 24. */
  readonly slices?: number;
  /** Rows and columns. Default 256. */
  readonly matrix?: number;
  /** Slice thickness in mm. Default 5. */
  readonly sliceThickness?: number;
  /** Distance between slice centres in mm. Default 6 (a 1 mm gap). */
  readonly sliceSpacing?: number;
  /** Field of view in mm. Default 400. */
  readonly fieldOfView?: number;
  /** Repetition time in ms. Default 500. */
  readonly repetitionTime?: number;
  /** Echo time in ms. Default 12. */
  readonly echoTime?: number;
  /** Field strength in tesla. Default 1.5. */
  readonly magneticFieldStrength?: number;
}

/** A generated MR series: identity and a way to build each slice. */
export interface MrSeries {
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
  /** Slice i as a data set. */
  slice(index: number): DataSet;
  /** Slice i without its Pixel Data (cheap: no phantom is computed). */
  header(index: number): DataSet;
  /** Slice i as a Part 10 file in Explicit VR Little Endian. */
  file(index: number): Uint8Array;
}

/** T1-like signal (0-4095) of a CT number from the phantom. */
function t1Signal(hu: number): number {
  if (hu < -900) return 8; // air, bowel gas
  if (hu < -400) return 40; // lung
  if (hu < -20) return 1900; // fat
  if (hu < 20) return 260; // fluid (CSF, urine): dark on T1
  if (hu < 100) return 560 + (hu - 20) * 6; // soft tissue: muscle to liver
  if (hu < 200) return 700; // dense soft tissue
  if (hu < 300) return 8; // the table gives no MR signal
  return 90; // cortical bone
}

/**
 * Describes an MR series; slices are built on demand, the same bytes for the same options.
 * @example
 * ```ts
 * import { mrSeries } from "./mr_series.ts";
 * const series = mrSeries({ slices: 2, matrix: 32, seed: 1 });
 * series.slice(0).getString("ScanningSequence"); // "SE"
 * ```
 */
export function mrSeries(options: MrSeriesOptions = {}): MrSeries {
  const count = options.slices ?? 24;
  const matrix = options.matrix ?? 256;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Invalid slice count: ${count}`);
  if (!Number.isInteger(matrix) || matrix < 8 || matrix > 4096) {
    throw new RangeError(`Invalid matrix: ${matrix}`);
  }
  const thickness = options.sliceThickness ?? 5;
  const step = options.sliceSpacing ?? 6;
  const fov = options.fieldOfView ?? 400;
  const spacing = fov / matrix;
  const uids = seriesUids(options, 1);
  const { header, startSeconds } = commonHeader(options, {
    modality: "MR",
    sopClassUid: MR_IMAGE_STORAGE,
    patientName: "SIM^MR^PHANTOM",
    studyDescription: "MR ABDOMEN",
    seriesDescription: "AX T1 SE",
    stationName: "MRSIM01",
    modelName: "Simulated MR",
  }, uids);
  const firstZ = ((count - 1) * step) / 2;
  const originXY = -((matrix - 1) * spacing) / 2;
  const noiseSeed = hashSeed(options.seed ?? 0, options.studyIndex ?? 0, 0x6d72);
  const tr = options.repetitionTime ?? 500;
  const te = options.echoTime ?? 12;
  header.set("ImageType", ["ORIGINAL", "PRIMARY", "OTHER"]);
  header.set("AcquisitionDate", header.getString("StudyDate")!);
  header.set("BodyPartExamined", "ABDOMEN");
  header.set("PatientPosition", "HFS");
  // MR Image (PS3.3 C.8.3.1)
  header.set("ScanningSequence", "SE");
  header.set("SequenceVariant", "NONE");
  header.set("ScanOptions", "");
  header.set("MRAcquisitionType", "2D");
  header.set("SequenceName", "se2d1");
  header.set("AngioFlag", "N");
  header.set("SliceThickness", ds(thickness));
  header.set("RepetitionTime", ds(tr));
  header.set("EchoTime", ds(te));
  header.set("NumberOfAverages", "1");
  header.set("ImagingFrequency", ds(42.577478 * (options.magneticFieldStrength ?? 1.5)));
  header.set("ImagedNucleus", "1H");
  header.set("EchoNumbers", "1");
  header.set("MagneticFieldStrength", ds(options.magneticFieldStrength ?? 1.5));
  header.set("SpacingBetweenSlices", ds(step));
  header.set("NumberOfPhaseEncodingSteps", String(matrix));
  header.set("EchoTrainLength", "1");
  header.set("PercentSampling", "100");
  header.set("PercentPhaseFieldOfView", "100");
  header.set("PixelBandwidth", "130");
  header.set("ReceiveCoilName", "BODY");
  header.set("TransmitCoilName", "BODY");
  header.set("AcquisitionMatrix", [0, matrix, matrix, 0]);
  header.set("InPlanePhaseEncodingDirection", "ROW");
  header.set("FlipAngle", "90");
  header.set("AcquisitionNumber", "1");
  // Frame of Reference (C.7.4.1), Image Plane (C.7.6.2)
  header.set("ImageOrientationPatient", ["1", "0", "0", "0", "1", "0"]);
  header.set("FrameOfReferenceUID", uids.frameOfReferenceUid);
  header.set("PositionReferenceIndicator", "");
  // Image Pixel (C.7.6.3)
  header.set("SamplesPerPixel", 1);
  header.set("PhotometricInterpretation", "MONOCHROME2");
  header.set("Rows", matrix);
  header.set("Columns", matrix);
  header.set("PixelSpacing", [ds(spacing), ds(spacing)]);
  header.set("BitsAllocated", 16);
  header.set("BitsStored", 12);
  header.set("HighBit", 11);
  header.set("PixelRepresentation", 0);
  // VOI LUT (C.11.2)
  header.set("WindowCenter", "1000");
  header.set("WindowWidth", "2000");

  const headerOf = (index: number): DataSet => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`Slice index out of range: ${index}`);
    }
    const z = firstZ - index * step;
    const acquired = startSeconds + index * tr / 1000 * matrix / count;
    const out = header.clone();
    out.set("InstanceCreationTime", tm(acquired + 5));
    out.set("SOPInstanceUID", uids.sopInstanceUid(index));
    out.set("AcquisitionTime", tm(acquired));
    out.set("ContentTime", tm(acquired + 5));
    out.set("InstanceNumber", String(index + 1));
    out.set("ImagePositionPatient", [ds(originXY), ds(originXY), ds(z)]);
    out.set("SliceLocation", ds(z));
    return out;
  };

  const slice = (index: number): DataSet => {
    const out = headerOf(index);
    const z = firstZ - index * step;
    const hu = phantomSlice(z, {
      columns: matrix,
      rows: matrix,
      pixelSpacing: [spacing, spacing],
      noise: 0,
    });
    const noise = phantomSlice(z, {
      columns: matrix,
      rows: matrix,
      pixelSpacing: [spacing, spacing],
      noise: 20,
      seed: hashSeed(noiseSeed, index),
    });
    const pixels = new Uint16Array(hu.length);
    for (let i = 0; i < hu.length; i++) {
      const v = t1Signal(hu[i]) + (noise[i] - hu[i]) * 2;
      pixels[i] = v < 0 ? 0 : v > 4095 ? 4095 : Math.round(v);
    }
    out.set("PixelData", uint16Bytes(pixels), "OW");
    return out;
  };

  return {
    count,
    studyInstanceUid: uids.studyInstanceUid,
    seriesInstanceUid: uids.seriesInstanceUid,
    frameOfReferenceUid: uids.frameOfReferenceUid,
    sopInstanceUid: uids.sopInstanceUid,
    slice,
    header: headerOf,
    file: (index) => writeDicom(slice(index), "ExplicitVRLittleEndian"),
  };
}
