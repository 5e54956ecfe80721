/**
 * Reads DICOM Part 10 files (PS3.10 7.1): preamble, "DICM", file meta information in explicit VR
 * little endian, then the data set in the transfer syntax the meta names; also raw data sets
 * without meta, whose encoding is recognised from their first bytes.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { TRANSFER_SYNTAX_UID_TAG } from "../core/tag.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { isVr } from "../core/vr.ts";
import { DicomParseError } from "./errors.ts";
import { inflateRaw } from "./inflate.ts";
import { type Encoding, readDataSet, type ReadDataSetOptions } from "./read_dataset.ts";

/** A Part 10 file (or a raw data set) as read. */
export interface DicomFile {
  /** The 128-byte preamble, when the file has one. */
  preamble: Uint8Array | undefined;
  /** File meta information (group 0002); empty when the file has none. */
  meta: DataSet;
  /** The data set. */
  dataSet: DataSet;
  /** Transfer syntax UID of the data set (from the meta, or recognised when there is no meta). */
  transferSyntaxUid: string;
  /** Warnings about defects that were tolerated. */
  warnings: string[];
}

/** Options for reading a file. */
export interface ReadFileOptions extends ReadDataSetOptions {
  /** Cap on the inflated size of a deflated data set. Default 2 GiB. */
  maxInflatedLength?: number;
  /**
   * Transfer syntax of a data set that has no file meta information. Default: recognised from the
   * first element (implicit or explicit VR, little or big endian).
   */
  transferSyntax?: string;
}

const IMPLICIT_LE = "1.2.840.10008.1.2";
const REQUIRED_META: readonly [number, string][] = [
  [0x00020000, "(0002,0000) File Meta Information Group Length"],
  [0x00020001, "(0002,0001) File Meta Information Version"],
  [0x00020002, "(0002,0002) Media Storage SOP Class UID"],
  [0x00020003, "(0002,0003) Media Storage SOP Instance UID"],
  [0x00020010, "(0002,0010) Transfer Syntax UID"],
  [0x00020012, "(0002,0012) Implementation Class UID"],
];
const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const EXPLICIT_BE = "1.2.840.10008.1.2.2";

/**
 * Reads a Part 10 file, or a raw data set without file meta information.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "./read_file.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"));
 * file.dataSet.getString("Modality"); // "CT"
 * ```
 */
export function readDicom(bytes: Uint8Array, options: ReadFileOptions = {}): DicomFile {
  const warnings: string[] = [];
  const onWarning = (m: string) => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const common = { ...options, onWarning };
  let preamble: Uint8Array | undefined;
  let metaStart = -1;
  if (bytes.length >= 132 && isDicm(bytes, 128)) {
    preamble = bytes.subarray(0, 128);
    metaStart = 132;
  } else if (bytes.length >= 4 && isDicm(bytes, 0)) {
    onWarning("File has no 128-byte preamble before DICM");
    metaStart = 4;
  } else if (
    bytes.length >= 6 && bytes[0] === 0x02 && bytes[1] === 0x00 && isVr(ascii(bytes, 4, 2))
  ) {
    onWarning("File has no preamble and no DICM prefix; file meta information starts at byte 0");
    metaStart = 0;
  }
  if (metaStart < 0) {
    const uid = options.transferSyntax ?? recogniseTransferSyntax(bytes, options.fileName);
    const result = readDataSet(bytes, encodingOf(uid, options.fileName, 0), common);
    return {
      preamble: undefined,
      meta: readDataSet(new Uint8Array(0), { explicitVr: true, littleEndian: true }).dataSet,
      dataSet: result.dataSet,
      transferSyntaxUid: uid,
      warnings,
    };
  }
  const metaBytes = bytes.subarray(metaStart);
  const meta = readDataSet(metaBytes, { explicitVr: true, littleEndian: true }, {
    ...common,
    onlyGroup: 0x0002,
    stopBeforePixels: false,
    baseOffset: metaStart,
  });
  const metaEnd = metaStart + meta.end;
  // PS3.10 7.1: the type 1 elements of the file meta information.
  for (const [tag, name] of REQUIRED_META) {
    if (!meta.dataSet.has(tag)) onWarning(`File meta information lacks ${name}`);
  }
  let uid = meta.dataSet.getString(TRANSFER_SYNTAX_UID_TAG);
  if (uid === undefined) {
    // DCMTK and pydicom recognise the encoding from the data set here; so do we.
    uid = recogniseTransferSyntax(bytes.subarray(metaEnd), options.fileName);
    onWarning(`File meta information has no Transfer Syntax UID; recognised ${uid}`);
  }
  const encoding = encodingOf(uid, options.fileName, metaEnd, options.lenient, onWarning);
  let body = bytes.subarray(metaEnd);
  let baseOffset = metaEnd;
  if (transferSyntax(uid)?.deflated) {
    body = inflateRaw(body, options.maxInflatedLength);
    baseOffset = 0;
  }
  const result = readDataSet(body, encoding, { ...common, baseOffset });
  return {
    preamble,
    meta: meta.dataSet,
    dataSet: result.dataSet,
    transferSyntaxUid: uid,
    warnings,
  };
}

function isDicm(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 &&
    bytes[at + 3] === 0x4d;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function encodingOf(
  uid: string,
  fileName: string | undefined,
  offset: number,
  lenient = false,
  onWarning?: (m: string) => void,
): Encoding {
  const ts = transferSyntax(uid);
  if (ts === undefined) {
    if (!lenient) {
      throw new DicomParseError(`Unknown transfer syntax ${JSON.stringify(uid)}`, {
        offset,
        fileName,
      });
    }
    onWarning?.(`Unknown transfer syntax ${uid}; reading as explicit VR little endian`);
    return { explicitVr: true, littleEndian: true };
  }
  return { explicitVr: ts.explicitVr, littleEndian: ts.littleEndian };
}

/**
 * Recognises the encoding of a raw data set from its first element: the group number must be
 * small in the right byte order, and explicit VR shows as two letters after the tag.
 * @example
 * ```ts
 * import { recogniseTransferSyntax } from "./read_file.ts";
 * recogniseTransferSyntax(new Uint8Array([8, 0, 5, 0, 0x43, 0x53, 0, 0])); // "1.2.840.10008.1.2.1"
 * ```
 */
export function recogniseTransferSyntax(bytes: Uint8Array, fileName?: string): string {
  if (bytes.length < 8) {
    throw new DicomParseError("Not a DICOM file: too short to hold a data element", {
      offset: 0,
      fileName,
    });
  }
  const groupLe = bytes[0] | (bytes[1] << 8);
  const groupBe = (bytes[0] << 8) | bytes[1];
  const explicit = isVr(ascii(bytes, 4, 2));
  const littleEndian = groupLe <= groupBe;
  const group = littleEndian ? groupLe : groupBe;
  if (group > 0x7fe0 && group !== 0xfffe) {
    throw new DicomParseError("Not a DICOM file: no DICM prefix and no plausible first element", {
      offset: 0,
      fileName,
    });
  }
  if (!littleEndian) return EXPLICIT_BE;
  return explicit ? EXPLICIT_LE : IMPLICIT_LE;
}
