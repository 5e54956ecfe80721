/**
 * Internal helpers shared by the MR, Secondary Capture and CR generators: the Patient, General
 * Study, General Series, General Equipment, General Image and SOP Common attributes, DS/TM text,
 * and the deterministic UIDs of a simulated series.
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import type { Demographics } from "./ct_series.ts";
import { hashSeed } from "./rng.ts";
import { UidGenerator } from "./uid_generator.ts";

/** What every generator takes besides its own options. */
export interface SimulatedImageOptions extends Demographics {
  /** Seed of UIDs, identifiers and noise. Default 0. */
  readonly seed?: string | number;
  /** UID root. Default dicomsim's 2.25 root. */
  readonly uidRoot?: string;
  /** Study number under the seed. Default 0. */
  readonly studyIndex?: number;
}

/** The UIDs of a simulated series of one modality. */
export interface SeriesUids {
  /** (0020,000D). */
  readonly studyInstanceUid: string;
  /** (0020,000E). */
  readonly seriesInstanceUid: string;
  /** (0020,0052). */
  readonly frameOfReferenceUid: string;
  /** SOP Instance UID of image i (0-based). */
  sopInstanceUid(index: number): string;
}

/**
 * UIDs for a series; `modalityCode` keeps them apart from the CT generator's (which uses the same
 * Study Instance UID for the same seed and study, so the series belong to one study).
 */
export function seriesUids(options: SimulatedImageOptions, modalityCode: number): SeriesUids {
  const uids = new UidGenerator({ root: options.uidRoot, seed: options.seed ?? 0 });
  const study = (options.studyIndex ?? 0) + 1;
  const series = options.seriesNumber ?? 1;
  return {
    studyInstanceUid: options.studyInstanceUid ?? uids.uid(study, 1),
    seriesInstanceUid: uids.uid(study, 2, series, 100 + modalityCode),
    frameOfReferenceUid: uids.uid(study, 3, 100 + modalityCode),
    sopInstanceUid: (i) => uids.uid(study, 4, series, 100 + modalityCode, i + 1),
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** TM (HHMMSS.FFFFFF) from seconds since midnight. */
export function tm(seconds: number): string {
  const whole = Math.floor(seconds);
  const micro = Math.round((seconds - whole) * 1e6);
  const s = whole % 86400;
  return `${pad(Math.floor(s / 3600), 2)}${pad(Math.floor(s / 60) % 60, 2)}${pad(s % 60, 2)}.${
    pad(micro, 6)
  }`;
}

/** Seconds since midnight of an HHMMSS text. */
export function secondsOf(time: string): number {
  return Number(time.slice(0, 2) || 0) * 3600 + Number(time.slice(2, 4) || 0) * 60 +
    Number(time.slice(4) || 0);
}

/** DS text of at most 16 characters. */
export function ds(v: number): string {
  const text = String(Math.round(v * 1e6) / 1e6);
  return text.length <= 16 ? text : v.toFixed(Math.max(0, 15 - String(Math.trunc(v)).length));
}

/** Defaults of a modality's common attributes. */
export interface CommonDefaults {
  readonly modality: string;
  readonly sopClassUid: string;
  readonly patientName: string;
  readonly studyDescription: string;
  readonly seriesDescription: string;
  readonly stationName: string;
  readonly modelName: string;
}

/**
 * The common modules: SOP Common (PS3.3 C.12.1), Patient (C.7.1.1), General Study (C.7.2.1),
 * General Series (C.7.3.1), General Equipment (C.7.5.1); plus the start time in seconds.
 */
export function commonHeader(
  options: SimulatedImageOptions,
  defaults: CommonDefaults,
  uids: SeriesUids,
): { header: DataSet; startSeconds: number } {
  const number = hashSeed(options.seed ?? 0, options.studyIndex ?? 0) % 1000000;
  const studyDate = options.studyDate ?? "20260101";
  const studyTime = options.studyTime ?? "090000";
  const startSeconds = secondsOf(studyTime) + 120;
  const header = new DataSet();
  header.set("SpecificCharacterSet", "ISO_IR 100");
  header.set("InstanceCreationDate", studyDate);
  header.set("SOPClassUID", defaults.sopClassUid);
  header.set("StudyDate", studyDate);
  header.set("SeriesDate", studyDate);
  header.set("ContentDate", studyDate);
  header.set("StudyTime", studyTime);
  header.set("SeriesTime", tm(startSeconds - 10));
  header.set("AccessionNumber", options.accessionNumber ?? `A${number}`);
  header.set("Modality", defaults.modality);
  header.set("Manufacturer", "dicomsim");
  header.set("InstitutionName", options.institutionName ?? "DICOMSIM HOSPITAL");
  header.set("ReferringPhysicianName", options.referringPhysicianName ?? "");
  header.set("StationName", options.stationName ?? defaults.stationName);
  header.set("StudyDescription", options.studyDescription ?? defaults.studyDescription);
  header.set("SeriesDescription", options.seriesDescription ?? defaults.seriesDescription);
  header.set("ManufacturerModelName", defaults.modelName);
  header.set("PatientName", options.patientName ?? defaults.patientName);
  header.set("PatientID", options.patientId ?? `SIM${number}`);
  header.set("PatientBirthDate", options.patientBirthDate ?? "19700101");
  header.set("PatientSex", options.patientSex ?? "O");
  header.set("DeviceSerialNumber", "SIM0001");
  header.set("SoftwareVersions", "dicomsim");
  header.set("StudyInstanceUID", uids.studyInstanceUid);
  header.set("SeriesInstanceUID", uids.seriesInstanceUid);
  header.set("StudyID", options.studyId ?? "1");
  header.set("SeriesNumber", String(options.seriesNumber ?? 1));
  return { header, startSeconds };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** 16-bit samples as little endian bytes. */
export function uint16Bytes(values: Uint16Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(i * 2, values[i], true);
  return out;
}
