/**
 * The in-process parsers that `parse_bench.ts` times: dicomsim, dicom-parser and dcmjs (npm), each
 * wrapped as "parse one file, touch PatientName, SOPInstanceUID and Rows (and in full mode the
 * pixel data bytes)", so that lazy decoding is paid for by every toolkit alike.
 * @module
 */
import dicomParser from "dicom-parser";
import dcmjsModule from "dcmjs";
import { readDicom } from "../src/codec/read_file.ts";

/** Headers only (stop before Pixel Data) or the whole file. */
export type ParseMode = "headers" | "full";

/** A series loaded into memory, in the shapes the parsers take. */
export interface LoadedSeries {
  /** File contents. */
  bytes: Uint8Array[];
  /** The same contents as exact-size ArrayBuffers (dcmjs takes an ArrayBuffer). */
  buffers: ArrayBuffer[];
}

/** One parser under test: parses a file and returns a checksum of what it touched. */
export interface InProcessParser {
  /** Tool name as printed. */
  tool: string;
  /** Parses file `index` of the series and touches the values; returns a small checksum. */
  parse(series: LoadedSeries, index: number, mode: ParseMode): number;
}

/** The values every parser reads back, to check the parsers agree. */
export interface TouchedValues {
  /** (0010,0010) Patient's Name. */
  patientName: string | undefined;
  /** (0008,0018) SOP Instance UID. */
  sopInstanceUid: string | undefined;
  /** (0028,0010) Rows. */
  rows: number | undefined;
  /** Length of (7FE0,0010) Pixel Data in full mode (undefined in headers mode). */
  pixelLength: number | undefined;
}

const PIXEL_DATA = 0x7fe00010;

/** Reads the touched values with dicomsim. */
export function touchDicomsim(bytes: Uint8Array, mode: ParseMode): TouchedValues {
  const file = readDicom(bytes, { stopBeforePixels: mode === "headers" });
  const ds = file.dataSet;
  return {
    patientName: ds.getString(0x00100010),
    sopInstanceUid: ds.getString(0x00080018),
    rows: ds.getNumber(0x00280010),
    pixelLength: mode === "full" ? ds.get(PIXEL_DATA)?.bytes?.length : undefined,
  };
}

/** Reads the touched values with dicom-parser (its values are offsets until asked for). */
export function touchDicomParser(bytes: Uint8Array, mode: ParseMode): TouchedValues {
  const ds = mode === "headers"
    ? dicomParser.parseDicom(bytes, { untilTag: "x7fe00010" })
    : dicomParser.parseDicom(bytes);
  let pixelLength: number | undefined;
  if (mode === "full") {
    const e = ds.elements.x7fe00010;
    // The same zero-copy view dicomsim hands out.
    pixelLength = e === undefined
      ? undefined
      : new Uint8Array(ds.byteArray.buffer, ds.byteArray.byteOffset + e.dataOffset, e.length)
        .length;
  }
  return {
    patientName: ds.string("x00100010"),
    sopInstanceUid: ds.string("x00080018"),
    rows: ds.uint16("x00280010"),
    pixelLength,
  };
}

interface DcmjsElement {
  vr: string | undefined;
  Value: unknown;
}
interface DcmjsDict {
  dict: Record<string, DcmjsElement | undefined>;
}
interface DcmjsApi {
  data: {
    DicomMessage: {
      readFile(
        buffer: ArrayBuffer,
        options?: {
          ignoreErrors?: boolean;
          untilTag?: string | null;
          includeUntilTagValue?: boolean;
          noCopy?: boolean;
          forceStoreRaw?: boolean;
        },
      ): DcmjsDict;
    };
  };
}
const dcmjs = dcmjsModule as unknown as DcmjsApi;

/** dcmjs's own version of PN values: `[{ Alphabetic: "..." }]`. */
function dcmjsFirst(e: DcmjsElement | undefined): unknown {
  const v = e?.Value;
  return Array.isArray(v) ? v[0] : undefined;
}

/**
 * Reads the touched values with dcmjs. `noCopy: true` is dcmjs's documented fast path (values
 * are views, not copies); every value is decoded while reading, so reading the dict is cheap.
 */
export function touchDcmjs(buffer: ArrayBuffer, mode: ParseMode): TouchedValues {
  const file = mode === "headers"
    ? dcmjs.data.DicomMessage.readFile(buffer, {
      untilTag: "7FE00010",
      includeUntilTagValue: false,
      noCopy: true,
    })
    : dcmjs.data.DicomMessage.readFile(buffer, { noCopy: true });
  const name = dcmjsFirst(file.dict["00100010"]) as { Alphabetic?: string } | undefined;
  let pixelLength: number | undefined;
  if (mode === "full") {
    const frame = dcmjsFirst(file.dict["7FE00010"]) as ArrayBuffer | ArrayBufferView | undefined;
    pixelLength = frame?.byteLength;
  }
  return {
    patientName: name?.Alphabetic,
    sopInstanceUid: dcmjsFirst(file.dict["00080018"]) as string | undefined,
    rows: dcmjsFirst(file.dict["00280010"]) as number | undefined,
    pixelLength,
  };
}

function checksum(v: TouchedValues): number {
  return (v.patientName?.length ?? 0) + (v.sopInstanceUid?.length ?? 0) + (v.rows ?? 0) +
    (v.pixelLength ?? 0);
}

/** The three in-process parsers, dicomsim first. */
export const IN_PROCESS_PARSERS: readonly InProcessParser[] = [
  {
    tool: "dicomsim",
    parse: (s, i, mode) => checksum(touchDicomsim(s.bytes[i], mode)),
  },
  {
    tool: "dicom-parser",
    parse: (s, i, mode) => checksum(touchDicomParser(s.bytes[i], mode)),
  },
  {
    tool: "dcmjs",
    parse: (s, i, mode) => checksum(touchDcmjs(s.buffers[i], mode)),
  },
];
