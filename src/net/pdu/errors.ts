/**
 * Errors of the PDU codec: bytes that are not a valid PDU, a PDU longer than allowed, a PDU that
 * cannot be written.
 * @module
 */
import { pduTypeName } from "./names.ts";

/**
 * The bytes are not a valid PDU of their type (PS3.8 9.3): a length that does not fit, a
 * missing or repeated item, a field value outside its range. The upper layer answers with
 * A-ABORT (PS3.8 9.2, Evt19).
 * @example
 * ```ts
 * import { PduDecodeError } from "./errors.ts";
 * const e = new PduDecodeError("item length 3 exceeds remaining 2 bytes", 0x01, 74);
 * e.message;
 * // "Cannot decode A-ASSOCIATE-RQ: item length 3 exceeds remaining 2 bytes at offset 74"
 * ```
 */
export class PduDecodeError extends SyntaxError {
  /** Byte offset of the problem from the start of the PDU. */
  readonly offset: number;
  /** The PDU type code (byte 1). */
  readonly pduType: number;
  /** The message without PDU name and offset. */
  readonly detail: string;
  /** Creates the error; the message is built from the PDU type name, detail and offset. */
  constructor(detail: string, pduType: number, offset: number) {
    super(`Cannot decode ${pduTypeName(pduType)}: ${detail} at offset ${offset}`);
    this.name = "PduDecodeError";
    this.detail = detail;
    this.pduType = pduType;
    this.offset = offset;
  }
}

/**
 * A peer announced a PDU longer than the reader allows; raised from the 6-byte header, before
 * the body is buffered.
 * @example
 * ```ts
 * import { PduLimitError } from "./errors.ts";
 * const e = new PduLimitError(0x04, 1_000_000, "maxPduLength", 16_384);
 * e.message; // "Cannot read P-DATA-TF: PDU length 1000000 exceeds maxPduLength 16384"
 * ```
 */
export class PduLimitError extends RangeError {
  /** The PDU type code (byte 1). */
  readonly pduType: number;
  /** The announced PDU length (bytes after the header). */
  readonly pduLength: number;
  /** The option that sets the limit. */
  readonly option: "maxPduLength" | "maxOtherPduLength";
  /** The limit. */
  readonly limit: number;
  /** Creates the error for a header announcing `pduLength` against `limit`. */
  constructor(
    pduType: number,
    pduLength: number,
    option: "maxPduLength" | "maxOtherPduLength",
    limit: number,
  ) {
    super(
      `Cannot read ${pduTypeName(pduType)}: PDU length ${pduLength} exceeds ${option} ${limit}`,
    );
    this.name = "PduLimitError";
    this.pduType = pduType;
    this.pduLength = pduLength;
    this.option = option;
    this.limit = limit;
  }
}

/**
 * A PDU cannot be written as given: a number too large for its field, text outside Latin-1, an AE
 * title longer than 16 characters, an item longer than 65535 bytes.
 * @example
 * ```ts
 * import { PduEncodeError } from "./errors.ts";
 * new PduEncodeError("maximumLength -1 does not fit in 4 bytes", "A-ASSOCIATE-RQ").message;
 * // "Cannot encode A-ASSOCIATE-RQ: maximumLength -1 does not fit in 4 bytes"
 * ```
 */
export class PduEncodeError extends TypeError {
  /** The name of the PDU being written. */
  readonly pduName: string;
  /** The message without PDU name. */
  readonly detail: string;
  /** Creates the error for the PDU named `pduName`. */
  constructor(detail: string, pduName: string) {
    super(`Cannot encode ${pduName}: ${detail}`);
    this.name = "PduEncodeError";
    this.detail = detail;
    this.pduName = pduName;
  }
}
