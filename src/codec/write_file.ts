/**
 * Writes DICOM Part 10 files (PS3.10 7.1): preamble, "DICM", file meta information (group length
 * computed, explicit VR little endian), then the data set in the chosen transfer syntax.
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { transferSyntaxOrThrow } from "../core/transfer_syntax.ts";
import { PIXEL_DATA_TAG } from "../core/tag.ts";
import { ByteWriter } from "./byte_writer.ts";
import { DicomWriteError } from "./errors.ts";
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from "./implementation.ts";
import { deflateRaw } from "./inflate.ts";
import { writeDataSet, type WriteDataSetOptions, writeDataSetTo } from "./write_dataset.ts";

/** Options for writing a Part 10 file. */
export interface WriteFileOptions extends WriteDataSetOptions {
  /** File meta information to start from (kept where valid). Default: built from the data set. */
  meta?: DataSet;
  /** The 128-byte preamble. Default: 128 zero bytes. */
  preamble?: Uint8Array;
}

/**
 * Builds file meta information for a data set in a transfer syntax (PS3.10 7.1): version 00 01,
 * SOP class and instance from the data set, dicomsim's implementation UID and version name.
 * Elements of `base` are kept except the transfer syntax, which is replaced.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { buildFileMeta } from "./write_file.ts";
 * const ds = new DataSet();
 * ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
 * ds.set("SOPInstanceUID", "1.2.3");
 * buildFileMeta(ds, "1.2.840.10008.1.2.1").getString("MediaStorageSOPClassUID"); // "1.2.840.10008.5.1.4.1.1.2"
 * ```
 */
export function buildFileMeta(
  dataSet: DataSet,
  transferSyntaxUid: string,
  base?: DataSet,
): DataSet {
  const meta = base ? base.clone() : new DataSet();
  if (!meta.has(0x00020000)) meta.set(0x00020000, 0, "UL");
  if (!meta.has(0x00020001)) meta.set(0x00020001, new Uint8Array([0, 1]), "OB");
  const sopClass = dataSet.getString("SOPClassUID");
  const sopInstance = dataSet.getString("SOPInstanceUID");
  if (!meta.has(0x00020002) && sopClass) meta.set(0x00020002, sopClass, "UI");
  if (!meta.has(0x00020003) && sopInstance) meta.set(0x00020003, sopInstance, "UI");
  if (meta.getString(0x00020010) !== transferSyntaxUid) {
    meta.set(0x00020010, transferSyntaxUid, "UI");
  }
  if (!meta.has(0x00020012)) meta.set(0x00020012, IMPLEMENTATION_CLASS_UID, "UI");
  // (0002,0013) is optional (type 3): added to new meta only, so a file read and written back
  // keeps its meta as it was.
  if (!base && !meta.has(0x00020013)) meta.set(0x00020013, IMPLEMENTATION_VERSION_NAME, "SH");
  return meta;
}

/**
 * Encodes a data set as a Part 10 file in the given transfer syntax (UID or keyword).
 * Refuses encapsulated pixel data in a native transfer syntax and the reverse.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { writeDicom } from "./write_file.ts";
 * const ds = new DataSet();
 * ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
 * ds.set("SOPInstanceUID", "1.2.3.4");
 * const bytes = writeDicom(ds, "ExplicitVRLittleEndian");
 * new TextDecoder().decode(bytes.subarray(128, 132)); // "DICM"
 * ```
 */
export function writeDicom(
  dataSet: DataSet,
  transferSyntaxUidOrKeyword: string,
  options: WriteFileOptions = {},
): Uint8Array {
  const ts = transferSyntaxOrThrow(transferSyntaxUidOrKeyword);
  const pixels = dataSet.get(PIXEL_DATA_TAG);
  if (pixels?.isEncapsulated && !ts.encapsulated) {
    throw new DicomWriteError(
      `Cannot write encapsulated pixel data in ${ts.name}: decode it first`,
      "(7FE0,0010)",
    );
  }
  if (pixels && !pixels.isEncapsulated && ts.encapsulated && (options.strict ?? true)) {
    throw new DicomWriteError(
      `Cannot write native pixel data in ${ts.name}: encode it first`,
      "(7FE0,0010)",
    );
  }
  const meta = buildFileMeta(dataSet, ts.uid, options.meta);
  // Room for the meta and the attributes plus the pixel data, so that a small file does not
  // pay for (and keep alive) a large buffer and a large one is not copied while it grows.
  const pixelLength = pixels === undefined
    ? 0
    : pixels.isEncapsulated
    ? (pixels.fragments?.fragments ?? []).reduce((n, f) => n + f.length + 8, 16)
    : pixels.bytes?.length ?? 0;
  const writer = new ByteWriter(true, 16 * 1024 + pixelLength);
  writer.bytes(options.preamble ?? new Uint8Array(128));
  writer.bytes(new Uint8Array([0x44, 0x49, 0x43, 0x4d]));
  writeDataSetTo(writer, meta, { explicitVr: true, littleEndian: true }, options);
  const encoding = { explicitVr: ts.explicitVr, littleEndian: ts.littleEndian };
  if (ts.deflated) {
    writer.bytes(deflateRaw(writeDataSet(dataSet, encoding, options)));
  } else {
    writer.littleEndian = ts.littleEndian;
    writeDataSetTo(writer, dataSet, encoding, options);
  }
  return writer.finish();
}
