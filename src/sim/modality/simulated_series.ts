/**
 * One shape for what a simulated modality sends: the instances of a series of any of the
 * generators (CT, MR, CR, DX, US, SC) or of template mode, with their identity, a cheap header
 * and the Part 10 bytes of each, so the scanner and the workflow steps work the same for all.
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { crImage, type CrImageOptions } from "./cr_image.ts";
import { ctSeries, type CtSeriesOptions } from "./ct_series.ts";
import { dxImage, type DxImageOptions } from "./dx_image.ts";
import { mrSeries, type MrSeriesOptions } from "./mr_series.ts";
import { scImage, type ScImageOptions } from "./sc_image.ts";
import { type TemplateOptions, templateSeries } from "./template_series.ts";
import { usCine, type UsCineOptions } from "./us_cine.ts";

/** The generators a simulated modality can use. */
export type ModalityKind = "ct" | "mr" | "cr" | "dx" | "us" | "sc";

/** Every generator kind, in the order the CLI lists them. */
export const MODALITY_KINDS: readonly ModalityKind[] = ["ct", "mr", "cr", "dx", "us", "sc"];

/** The options of every generator together (each uses its own; defaults differ per kind). */
export type SimulatedSeriesOptions =
  & CtSeriesOptions
  & MrSeriesOptions
  & CrImageOptions
  & DxImageOptions
  & UsCineOptions
  & ScImageOptions;

/** The instances of a simulated series. */
export interface SimulatedSeries {
  /** (0008,0060) of the instances. */
  readonly modality: string;
  /** The SOP Class UIDs of the instances (one for generated series). */
  readonly sopClassUids: readonly string[];
  /** Transfer syntaxes the files are in (Explicit VR Little Endian for generated series). */
  readonly transferSyntaxUids: readonly string[];
  /** Number of instances. */
  readonly count: number;
  /** (0020,000D). */
  readonly studyInstanceUid: string;
  /** (0020,000E) (of the first instance for template mode). */
  readonly seriesInstanceUid: string;
  /** SOP Instance UID of instance i (0-based). */
  sopInstanceUid(index: number): string;
  /** SOP Class UID of instance i (0-based). */
  sopClassUid(index: number): string;
  /** Instance i's attributes; without Pixel Data for generated series (cheap). */
  header(index: number): DataSet;
  /** Instance i as a Part 10 file. */
  file(index: number): Uint8Array;
}

const EXPLICIT_LE = "1.2.840.10008.1.2.1";

function single(
  image: {
    readonly studyInstanceUid: string;
    readonly seriesInstanceUid: string;
    readonly sopInstanceUid: string;
    header(): DataSet;
    file(): Uint8Array;
  },
  modality: string,
): SimulatedSeries {
  const header = image.header();
  const sopClass = header.getString("SOPClassUID")!;
  const check = (index: number) => {
    if (index !== 0) throw new RangeError(`Image index out of range: ${index}`);
  };
  return {
    modality,
    sopClassUids: [sopClass],
    transferSyntaxUids: [EXPLICIT_LE],
    count: 1,
    studyInstanceUid: image.studyInstanceUid,
    seriesInstanceUid: image.seriesInstanceUid,
    sopInstanceUid: (i) => (check(i), image.sopInstanceUid),
    sopClassUid: (i) => (check(i), sopClass),
    header: (i) => (check(i), image.header()),
    file: (i) => (check(i), image.file()),
  };
}

function many(
  series: {
    readonly count: number;
    readonly studyInstanceUid: string;
    readonly seriesInstanceUid: string;
    sopInstanceUid(index: number): string;
    header(index: number): DataSet;
    file(index: number): Uint8Array;
  },
  modality: string,
): SimulatedSeries {
  const sopClass = series.header(0).getString("SOPClassUID")!;
  return {
    modality,
    sopClassUids: [sopClass],
    transferSyntaxUids: [EXPLICIT_LE],
    count: series.count,
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    sopInstanceUid: (i) => series.sopInstanceUid(i),
    sopClassUid: () => sopClass,
    header: (i) => series.header(i),
    file: (i) => series.file(i),
  };
}

/**
 * A generated series of a kind; throws `RangeError` for invalid options (before any pixel is
 * computed).
 * @example
 * ```ts
 * import { simulatedSeries } from "./simulated_series.ts";
 * const dx = simulatedSeries("dx", { matrix: 16, seed: 1 });
 * dx.count; // 1
 * dx.header(0).getString("Modality"); // "DX"
 * ```
 */
export function simulatedSeries(
  kind: ModalityKind,
  options: SimulatedSeriesOptions = {},
): SimulatedSeries {
  switch (kind) {
    case "ct":
      return many(ctSeries(options), "CT");
    case "mr":
      return many(mrSeries(options), "MR");
    case "cr":
      return single(crImage(options), "CR");
    case "dx":
      return single(dxImage(options), "DX");
    case "us":
      return single(usCine(options), "US");
    case "sc":
      return single(scImage(options), "OT");
    default:
      throw new RangeError(`Unknown modality kind: ${kind}`);
  }
}

/**
 * Real files re-identified for a run (template mode, like `storescu +II +IS`) as a series: run
 * N gives new Study, Series, SOP Instance and Frame of Reference UIDs. Throws what
 * `templateSeries` throws for unreadable files.
 * @example
 * ```ts ignore
 * import { templateAsSeries } from "./simulated_series.ts";
 * const series = templateAsSeries(files, { seed: 1, run: 0 });
 * series.count === files.length; // true
 * ```
 */
export function templateAsSeries(
  files: readonly Uint8Array[],
  options: TemplateOptions = {},
): SimulatedSeries {
  if (files.length === 0) throw new RangeError("Template mode needs at least one file");
  const instances = templateSeries(files, options);
  const headers = instances.map((i) => i.dataSet);
  const sopClassUids = [...new Set(headers.map((h) => h.getString("SOPClassUID") ?? ""))];
  const check = (index: number) => {
    if (!Number.isInteger(index) || index < 0 || index >= instances.length) {
      throw new RangeError(`Instance index out of range: ${index}`);
    }
  };
  return {
    modality: headers[0].getString("Modality") ?? "OT",
    sopClassUids,
    transferSyntaxUids: [...new Set(instances.map((i) => i.transferSyntaxUid))],
    count: instances.length,
    studyInstanceUid: headers[0].getString("StudyInstanceUID") ?? "",
    seriesInstanceUid: headers[0].getString("SeriesInstanceUID") ?? "",
    sopInstanceUid: (i) => (check(i), headers[i].getString("SOPInstanceUID") ?? ""),
    sopClassUid: (i) => (check(i), headers[i].getString("SOPClassUID") ?? ""),
    header: (i) => (check(i), headers[i]),
    file: (i) => (check(i), instances[i].file()),
  };
}
