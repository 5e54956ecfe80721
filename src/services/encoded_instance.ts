/**
 * An SOP instance as the network carries it: its SOP class, SOP instance, transfer syntax and the
 * encoded data set bytes, with conversions to and from Part 10 files (PS3.10 7.1) that keep the
 * data set bytes as they are.
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { DataElement } from "../core/element.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { readDataSet } from "../codec/read_dataset.ts";
import { buildFileMeta } from "../codec/write_file.ts";
import { writeDataSet } from "../codec/write_dataset.ts";

/** An SOP instance with its data set encoded in a transfer syntax. */
export interface EncodedInstance {
  /** SOP Class UID. */
  readonly sopClassUid: string;
  /** SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** The transfer syntax `dataSet` is encoded in. */
  readonly transferSyntaxUid: string;
  /** The data set bytes (no preamble, no file meta; deflated for the deflated syntaxes). */
  readonly dataSet: Uint8Array;
}

/**
 * The bytes are not a Part 10 file this module can take apart.
 * @example
 * ```ts
 * import { instanceFromPart10, Part10FormatError } from "./encoded_instance.ts";
 * try {
 *   instanceFromPart10(new Uint8Array(10));
 * } catch (e) {
 *   e instanceof Part10FormatError; // true
 * }
 * ```
 */
export class Part10FormatError extends TypeError {
  /** Creates it with what is wrong. */
  constructor(detail: string) {
    super(`Cannot take a Part 10 file apart: ${detail}`);
    this.name = "Part10FormatError";
  }
}

function isDicm(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 &&
    bytes[at + 3] === 0x4d;
}

/** (FFFC,FFFC) Data Set Trailing Padding. */
const TRAILING_PADDING_TAG = 0xfffcfffc;

/**
 * Splits a Part 10 file into its file meta information and the data set bytes (a view, not a
 * copy): the SOP class, instance and transfer syntax come from the meta (PS3.10 7.1). Data Set
 * Trailing Padding (FFFC,FFFC) is left out of the view: it belongs to the file, not to the data
 * set sent on the network (PS3.10 7.2; DCMTK drops it too).
 * @throws {Part10FormatError} without preamble and "DICM", or without those three meta elements.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { instanceFromPart10 } from "./encoded_instance.ts";
 * const instance = instanceFromPart10(
 *   readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"),
 * );
 * instance.transferSyntaxUid; // "1.2.840.10008.1.2.1"
 * ```
 */
export function instanceFromPart10(bytes: Uint8Array): EncodedInstance {
  if (bytes.length < 132 || !isDicm(bytes, 128)) {
    throw new Part10FormatError("no 128-byte preamble followed by DICM");
  }
  const meta = readDataSet(bytes.subarray(132), { explicitVr: true, littleEndian: true }, {
    onlyGroup: 0x0002,
  });
  const sopClassUid = meta.dataSet.getString(0x00020002);
  const sopInstanceUid = meta.dataSet.getString(0x00020003);
  const transferSyntaxUid = meta.dataSet.getString(0x00020010);
  if (!sopClassUid || !sopInstanceUid || !transferSyntaxUid) {
    throw new Part10FormatError(
      "the file meta information lacks the Media Storage SOP Class UID, Media Storage SOP " +
        "Instance UID or Transfer Syntax UID",
    );
  }
  let dataSet = bytes.subarray(132 + meta.end);
  const ts = transferSyntax(transferSyntaxUid);
  if (ts !== undefined && !ts.deflated) {
    // Top-level elements are read lazily (no values decoded): cheap, even for large files. A data
    // set that does not parse is sent as it is (the peer will judge it).
    try {
      const end = readDataSet(dataSet, ts, { untilTag: TRAILING_PADDING_TAG }).end;
      dataSet = dataSet.subarray(0, end);
    } catch {
      // keep the whole data set
    }
  }
  return { sopClassUid, sopInstanceUid, transferSyntaxUid, dataSet };
}

/**
 * A Part 10 file for an instance: preamble, "DICM", file meta information built for it
 * (`buildFileMeta`), then the data set bytes unchanged.
 * @example
 * ```ts
 * import { instanceToPart10 } from "./encoded_instance.ts";
 * const file = instanceToPart10({
 *   sopClassUid: "1.2.840.10008.5.1.4.1.1.7", sopInstanceUid: "1.2.3",
 *   transferSyntaxUid: "1.2.840.10008.1.2", dataSet: new Uint8Array(0),
 * });
 * new TextDecoder().decode(file.subarray(128, 132)); // "DICM"
 * ```
 */
export function instanceToPart10(instance: EncodedInstance): Uint8Array {
  const ids = new DataSet([
    DataElement.fromStrings(0x00080016, "UI", [instance.sopClassUid]),
    DataElement.fromStrings(0x00080018, "UI", [instance.sopInstanceUid]),
  ]);
  const meta = writeDataSet(buildFileMeta(ids, instance.transferSyntaxUid), {
    explicitVr: true,
    littleEndian: true,
  });
  const out = new Uint8Array(132 + meta.length + instance.dataSet.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(meta, 132);
  out.set(instance.dataSet, 132 + meta.length);
  return out;
}
