/**
 * Transfer syntaxes (PS3.5 10 and Annex A): how a data set is encoded. Every transfer syntax of the
 * UID registry is known, with the four flags a codec needs.
 * @module
 */
import { uidsOfType } from "./uid_registry.ts";

/** A transfer syntax and how it encodes a data set. */
export interface TransferSyntax {
  /** The UID, e.g. `1.2.840.10008.1.2.1`. */
  readonly uid: string;
  /** The registry keyword, e.g. `ExplicitVRLittleEndian`. */
  readonly keyword: string;
  /** The registry name, e.g. `Explicit VR Little Endian`. */
  readonly name: string;
  /** Explicit VR (PS3.5 7.1.2) rather than implicit VR (7.1.3). */
  readonly explicitVr: boolean;
  /** Little endian byte order (PS3.5 7.3); only Explicit VR Big Endian is big endian. */
  readonly littleEndian: boolean;
  /** The whole data set is deflate-compressed (PS3.5 A.5 and the JPIP Referenced Deflate ones, A.7). */
  readonly deflated: boolean;
  /** Pixel Data is encapsulated in fragments (PS3.5 A.4), e.g. JPEG, RLE, MPEG, Encapsulated Uncompressed. */
  readonly encapsulated: boolean;
  /** True for retired transfer syntaxes (Explicit VR Big Endian among them). */
  readonly retired: boolean;
}

const IMPLICIT_VR_LE_UID = "1.2.840.10008.1.2";
const EXPLICIT_VR_LE_UID = "1.2.840.10008.1.2.1";
const DEFLATED_UID = "1.2.840.10008.1.2.1.99";
const EXPLICIT_VR_BE_UID = "1.2.840.10008.1.2.2";

/** Implicit VR transfer syntaxes: the default one (PS3.5 A.1) and the retired Papyrus 3 one. */
const IMPLICIT = new Set([IMPLICIT_VR_LE_UID, "1.2.840.10008.1.20"]);

/** Data sets deflated as a whole (PS3.5 A.5; A.7 JPIP Referenced Deflate and its HTJ2K twin). */
const DEFLATED = new Set([DEFLATED_UID, "1.2.840.10008.1.2.4.95", "1.2.840.10008.1.2.4.205"]);

/**
 * Transfer syntaxes whose Pixel Data, if any, is not encapsulated: native encodings (PS3.5 A.1-A.3,
 * A.5, Papyrus 3); JPIP referenced ones, where a Pixel Data Provider URL replaces Pixel Data
 * (PS3.5 8.4); SMPTE ST 2110 ones, which describe a DICOM-RTV flow carried outside the data set
 * (PS3.5 A.8-A.10). Every other transfer syntax (compressed, MPEG/HEVC, Encapsulated Uncompressed
 * 1.2.840.10008.1.2.1.98, and the retired MIME/XML encodings) counts as encapsulated.
 */
const NOT_ENCAPSULATED = new Set([
  IMPLICIT_VR_LE_UID,
  EXPLICIT_VR_LE_UID,
  DEFLATED_UID,
  EXPLICIT_VR_BE_UID,
  "1.2.840.10008.1.20",
  "1.2.840.10008.1.2.4.94",
  "1.2.840.10008.1.2.4.95",
  "1.2.840.10008.1.2.4.204",
  "1.2.840.10008.1.2.4.205",
  "1.2.840.10008.1.2.7.1",
  "1.2.840.10008.1.2.7.2",
  "1.2.840.10008.1.2.7.3",
]);

/**
 * Implicit VR Little Endian, the default transfer syntax (PS3.5 A.1, 10.1).
 * @example
 * ```ts
 * import { IMPLICIT_VR_LITTLE_ENDIAN } from "./transfer_syntax.ts";
 * IMPLICIT_VR_LITTLE_ENDIAN.explicitVr; // false
 * ```
 */
export const IMPLICIT_VR_LITTLE_ENDIAN: TransferSyntax = Object.freeze({
  uid: IMPLICIT_VR_LE_UID,
  keyword: "ImplicitVRLittleEndian",
  name: "Implicit VR Little Endian",
  explicitVr: false,
  littleEndian: true,
  deflated: false,
  encapsulated: false,
  retired: false,
});

/**
 * Explicit VR Little Endian (PS3.5 A.2).
 * @example
 * ```ts
 * import { EXPLICIT_VR_LITTLE_ENDIAN } from "./transfer_syntax.ts";
 * EXPLICIT_VR_LITTLE_ENDIAN.uid; // "1.2.840.10008.1.2.1"
 * ```
 */
export const EXPLICIT_VR_LITTLE_ENDIAN: TransferSyntax = Object.freeze({
  uid: EXPLICIT_VR_LE_UID,
  keyword: "ExplicitVRLittleEndian",
  name: "Explicit VR Little Endian",
  explicitVr: true,
  littleEndian: true,
  deflated: false,
  encapsulated: false,
  retired: false,
});

/**
 * Explicit VR Big Endian (PS3.5 A.3), retired but still met in old files.
 * @example
 * ```ts
 * import { EXPLICIT_VR_BIG_ENDIAN } from "./transfer_syntax.ts";
 * EXPLICIT_VR_BIG_ENDIAN.littleEndian; // false
 * ```
 */
export const EXPLICIT_VR_BIG_ENDIAN: TransferSyntax = Object.freeze({
  uid: EXPLICIT_VR_BE_UID,
  keyword: "ExplicitVRBigEndian",
  name: "Explicit VR Big Endian",
  explicitVr: true,
  littleEndian: false,
  deflated: false,
  encapsulated: false,
  retired: true,
});

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): the data set after the file meta information is
 * deflated (RFC 1951).
 * @example
 * ```ts
 * import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN } from "./transfer_syntax.ts";
 * DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.deflated; // true
 * ```
 */
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN: TransferSyntax = Object.freeze({
  uid: DEFLATED_UID,
  keyword: "DeflatedExplicitVRLittleEndian",
  name: "Deflated Explicit VR Little Endian",
  explicitVr: true,
  littleEndian: true,
  deflated: true,
  encapsulated: false,
  retired: false,
});

let table: Map<string, TransferSyntax> | undefined;

function build(): Map<string, TransferSyntax> {
  const map = new Map<string, TransferSyntax>();
  const constants = [
    IMPLICIT_VR_LITTLE_ENDIAN,
    EXPLICIT_VR_LITTLE_ENDIAN,
    EXPLICIT_VR_BIG_ENDIAN,
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  ];
  for (const entry of uidsOfType("Transfer Syntax")) {
    const known = constants.find((c) => c.uid === entry.uid);
    const ts: TransferSyntax = known ?? Object.freeze({
      uid: entry.uid,
      keyword: entry.keyword,
      name: entry.name,
      explicitVr: !IMPLICIT.has(entry.uid),
      littleEndian: entry.uid !== EXPLICIT_VR_BE_UID,
      deflated: DEFLATED.has(entry.uid),
      encapsulated: !NOT_ENCAPSULATED.has(entry.uid),
      retired: entry.retired,
    });
    map.set(ts.uid, ts);
    if (ts.keyword !== "") map.set(ts.keyword, ts);
  }
  return map;
}

/**
 * A transfer syntax of the registry by UID or keyword; NUL or space padding is ignored.
 * `undefined` for anything else, private transfer syntaxes included.
 * @example
 * ```ts
 * import { transferSyntax } from "./transfer_syntax.ts";
 * transferSyntax("1.2.840.10008.1.2.4.50")?.encapsulated; // true
 * transferSyntax("ExplicitVRBigEndian")?.littleEndian; // false
 * transferSyntax("1.2.3"); // undefined
 * ```
 */
export function transferSyntax(uidOrKeyword: string): TransferSyntax | undefined {
  const map = table ??= build();
  return map.get(uidOrKeyword) ?? map.get(uidOrKeyword.replace(/^[\s\0]+|[\s\0]+$/g, ""));
}

/**
 * A transfer syntax is not in the registry.
 * @example
 * ```ts
 * import { UnknownTransferSyntaxError } from "./transfer_syntax.ts";
 * new UnknownTransferSyntaxError("1.2.3").message; // "Unknown transfer syntax: 1.2.3"
 * ```
 */
export class UnknownTransferSyntaxError extends Error {
  /** The UID (or keyword) that was asked for. */
  readonly uid: string;
  /** Makes the error for a UID (or keyword) that is not a known transfer syntax. */
  constructor(uid: string) {
    super(`Unknown transfer syntax: ${uid}`);
    this.name = "UnknownTransferSyntaxError";
    this.uid = uid;
  }
}

/**
 * Like {@linkcode transferSyntax}, but throws {@linkcode UnknownTransferSyntaxError} for an unknown one.
 * @example
 * ```ts
 * import { transferSyntaxOrThrow } from "./transfer_syntax.ts";
 * transferSyntaxOrThrow("1.2.840.10008.1.2").explicitVr; // false
 * ```
 */
export function transferSyntaxOrThrow(uidOrKeyword: string): TransferSyntax {
  const ts = transferSyntax(uidOrKeyword);
  if (ts === undefined) {
    throw new UnknownTransferSyntaxError(uidOrKeyword.replace(/^[\s\0]+|[\s\0]+$/g, ""));
  }
  return ts;
}
