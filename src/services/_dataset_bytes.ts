/**
 * Internal: data sets to and from the bytes of a presentation context's transfer syntax
 * (PS3.5 10: native little/big endian, implicit/explicit VR, deflated), and re-encoding between
 * native transfer syntaxes for C-STORE sub-operations.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { transferSyntax, transferSyntaxOrThrow } from "../core/transfer_syntax.ts";
import { deflateRaw, inflateRaw } from "../codec/inflate.ts";
import { readDataSet } from "../codec/read_dataset.ts";
import { writeDataSet } from "../codec/write_dataset.ts";

/** Explicit VR Little Endian. */
export const EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
/** Implicit VR Little Endian. */
export const IMPLICIT_VR_LE = "1.2.840.10008.1.2";

/** Encodes a data set in a transfer syntax (deflated ones are deflated). */
export function encodeDataSet(dataSet: DataSet, transferSyntaxUid: string): Uint8Array {
  const ts = transferSyntaxOrThrow(transferSyntaxUid);
  const bytes = writeDataSet(dataSet, { explicitVr: ts.explicitVr, littleEndian: ts.littleEndian });
  return ts.deflated ? deflateRaw(bytes) : bytes;
}

/** Decodes data set bytes in a transfer syntax (deflated ones are inflated first). */
export function decodeDataSet(bytes: Uint8Array, transferSyntaxUid: string): DataSet {
  const ts = transferSyntaxOrThrow(transferSyntaxUid);
  const body = ts.deflated ? inflateRaw(bytes) : bytes;
  return readDataSet(body, { explicitVr: ts.explicitVr, littleEndian: ts.littleEndian }).dataSet;
}

/** True for a known transfer syntax whose pixel data is not encapsulated (re-encodable here). */
export function isNativeTransferSyntax(uid: string): boolean {
  const ts = transferSyntax(uid);
  return ts !== undefined && !ts.encapsulated;
}

/**
 * The same data set in another transfer syntax; both must be native ones (anything else would
 * need a pixel codec). Returns the bytes unchanged when the syntaxes are the same.
 */
export function transcodeDataSet(bytes: Uint8Array, from: string, to: string): Uint8Array {
  if (from === to) return bytes;
  if (!isNativeTransferSyntax(from) || !isNativeTransferSyntax(to)) {
    throw new TypeError(`Cannot re-encode a data set: ${from} to ${to} needs a pixel codec`);
  }
  return encodeDataSet(decodeDataSet(bytes, from), to);
}
