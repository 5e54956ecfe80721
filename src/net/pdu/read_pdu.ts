/**
 * Reading PDUs (PS3.8 9.3): `readPdu` takes the first PDU off a buffer, `decodePdu` decodes the
 * bytes of exactly one PDU. Values are views into the input (no copies), so the input must not
 * be reused while the PDU is in use.
 * @module
 */
import {
  type AbortPdu,
  type AssociateAcPdu,
  type AssociateRjPdu,
  type AssociateRqPdu,
  ITEM_TYPE,
  type PDataTfPdu,
  type Pdu,
  PDU_TYPE,
  type Pdv,
  type PresentationContextAc,
  type PresentationContextRq,
  type RawItem,
  type UnknownPdu,
  type UserInformation,
} from "./pdu_types.ts";
import { PduDecodeError } from "./errors.ts";
import { PduCursor, ReservedBytes } from "./_pdu_cursor.ts";
import { readRawItem } from "./_raw_item.ts";
import { readUserInformation } from "./_user_information.ts";
import { readPresentationContextAc, readPresentationContextRq } from "./_presentation_context.ts";
import { keptItemOrder } from "./_item_order.ts";
import { aeTitleFromBytes, isPlainAeTitle } from "./_text.ts";
import { DEFAULT_MAX_PDU_LENGTH, pduLimitError } from "./_limits.ts";

export { DEFAULT_MAX_PDU_LENGTH };

/** Limits for `readPdu` and `PduReader`. */
export interface ReadPduOptions {
  /** Largest accepted P-DATA-TF PDU length (the length field: bytes after the 6-byte header),
   * normally the Maximum Length this side announced (PS3.8 D.1); 0 = no limit. Default
   * `DEFAULT_MAX_PDU_LENGTH` (1 MiB). */
  maxPduLength?: number;
  /** Largest accepted length of every other PDU type, including unknown ones; 0 = no limit.
   * Default `DEFAULT_MAX_PDU_LENGTH` (1 MiB). */
  maxOtherPduLength?: number;
}

/** A PDU and the number of bytes it took. */
export interface ReadPduResult {
  /** The PDU. */
  pdu: Pdu;
  /** Its length on the wire, header included. */
  length: number;
}

/**
 * Reads the first PDU in `bytes`: undefined when more bytes are needed. The length limit is
 * checked as soon as the 6-byte header is there, before waiting for the body.
 * @throws {PduLimitError} the header announces a PDU longer than allowed
 * @throws {PduDecodeError} the PDU is malformed (its `length` bytes can be skipped)
 * @example
 * ```ts
 * import { readPdu } from "./read_pdu.ts";
 * readPdu(Uint8Array.of(5, 0, 0, 0, 0, 4, 0, 0, 0, 0));
 * // { pdu: { type: "A-RELEASE-RQ" }, length: 10 }
 * readPdu(Uint8Array.of(5, 0, 0, 0)); // undefined
 * ```
 */
export function readPdu(
  bytes: Uint8Array,
  options: ReadPduOptions = {},
): ReadPduResult | undefined {
  if (bytes.length < 6) return undefined;
  const pduLength = new DataView(bytes.buffer, bytes.byteOffset, 6).getUint32(2);
  const error = pduLimitError(
    bytes[0],
    pduLength,
    options.maxPduLength ?? DEFAULT_MAX_PDU_LENGTH,
    options.maxOtherPduLength ?? DEFAULT_MAX_PDU_LENGTH,
  );
  if (error) throw error;
  const length = 6 + pduLength;
  if (bytes.length < length) return undefined;
  return { pdu: decodePdu(bytes.subarray(0, length)), length };
}

/**
 * Decodes the bytes of exactly one PDU (header included).
 * @throws {PduDecodeError} malformed, or the PDU length field does not match `bytes.length`
 * @example
 * ```ts
 * import { decodePdu } from "./read_pdu.ts";
 * decodePdu(Uint8Array.of(7, 0, 0, 0, 0, 4, 0, 0, 2, 6));
 * // { type: "A-ABORT", source: 2, reason: 6 }
 * ```
 */
export function decodePdu(bytes: Uint8Array): Pdu {
  if (bytes.length < 6) {
    throw new PduDecodeError(
      `expected 6 bytes of PDU header but only ${bytes.length} remain`,
      bytes[0] ?? 0,
      0,
    );
  }
  const cur = new PduCursor(bytes);
  const pduLength = cur.u32(2);
  if (pduLength !== bytes.length - 6) {
    cur.fail(`PDU length ${pduLength} does not match the ${bytes.length - 6} bytes given`, 2);
  }
  switch (cur.pduType) {
    case PDU_TYPE["A-ASSOCIATE-RQ"]:
      return readAssociate(cur, "A-ASSOCIATE-RQ");
    case PDU_TYPE["A-ASSOCIATE-AC"]:
      return readAssociate(cur, "A-ASSOCIATE-AC");
    case PDU_TYPE["A-ASSOCIATE-RJ"]:
      return readAssociateRj(cur);
    case PDU_TYPE["P-DATA-TF"]:
      return readPDataTf(cur);
    case PDU_TYPE["A-RELEASE-RQ"]:
    case PDU_TYPE["A-RELEASE-RP"]:
      return readRelease(cur);
    case PDU_TYPE["A-ABORT"]:
      return readAbort(cur);
    default: {
      const pdu: UnknownPdu = { type: "UNKNOWN", pduType: cur.pduType, body: bytes.subarray(6) };
      if (bytes[1] !== 0) pdu.reserved = Uint8Array.of(bytes[1]);
      return pdu;
    }
  }
}

function expectFixedLength(cur: PduCursor, expected: number): void {
  const length = cur.bytes.length - 6;
  if (length !== expected) cur.fail(`PDU length ${length}, expected ${expected}`, 2);
}

// PS3.8 Table 9-11 (RQ) and Table 9-17 (AC): byte 1 type, 2 reserved, 3-6 length, 7-8
// protocol version, 9-10 reserved, 11-26 called AE title, 27-42 calling AE title, 43-74
// reserved, 75-xxx variable items.
function readAssociate(
  cur: PduCursor,
  type: "A-ASSOCIATE-RQ" | "A-ASSOCIATE-AC",
): AssociateRqPdu | AssociateAcPdu {
  const bytes = cur.bytes;
  const end = bytes.length;
  cur.need(6, 68, end, "fixed fields");
  const reserved = new ReservedBytes();
  reserved.push(bytes[1], bytes[8], bytes[9]);
  reserved.pushRange(bytes.subarray(42, 74));
  const isRq = type === "A-ASSOCIATE-RQ";
  let applicationContextName: string | undefined;
  let userInformation: UserInformation | undefined;
  const rqContexts: PresentationContextRq[] = [];
  const acContexts: PresentationContextAc[] = [];
  const unknown: RawItem[] = [];
  const types: number[] = [];
  for (const h of cur.items(74, end)) {
    types.push(h.itemType);
    if (h.itemType === ITEM_TYPE.APPLICATION_CONTEXT) { // Table 9-12
      if (applicationContextName !== undefined) {
        cur.fail("repeated Application Context item", h.start);
      }
      reserved.push(h.reserved);
      applicationContextName = cur.text(h.contentStart, h.end);
    } else if (isRq && h.itemType === ITEM_TYPE.PRESENTATION_CONTEXT_RQ) {
      rqContexts.push(readPresentationContextRq(cur, h));
    } else if (!isRq && h.itemType === ITEM_TYPE.PRESENTATION_CONTEXT_AC) {
      acContexts.push(readPresentationContextAc(cur, h));
    } else if (h.itemType === ITEM_TYPE.USER_INFORMATION) { // Table 9-16 / 9-20
      if (userInformation !== undefined) cur.fail("repeated User Information item", h.start);
      userInformation = readUserInformation(cur, h);
    } else {
      unknown.push(readRawItem(cur, h));
    }
  }
  if (applicationContextName === undefined) cur.fail("no Application Context item", 74);
  const calledRaw = bytes.subarray(10, 26);
  const callingRaw = bytes.subarray(26, 42);
  const calledAeTitle = aeTitleFromBytes(calledRaw);
  const callingAeTitle = aeTitleFromBytes(callingRaw);
  const common = {
    protocolVersion: cur.u16(6),
    calledAeTitle,
    callingAeTitle,
    applicationContextName,
  };
  const pdu: AssociateRqPdu | AssociateAcPdu = isRq
    ? { type, ...common, presentationContexts: rqContexts }
    : { type: "A-ASSOCIATE-AC", ...common, presentationContexts: acContexts };
  if (!isPlainAeTitle(calledRaw, calledAeTitle)) pdu.calledAeTitleBytes = calledRaw;
  if (!isPlainAeTitle(callingRaw, callingAeTitle)) pdu.callingAeTitleBytes = callingRaw;
  if (userInformation !== undefined) pdu.userInformation = userInformation;
  if (unknown.length > 0) pdu.unknownItems = unknown;
  const order = keptItemOrder(types);
  if (order) pdu.itemOrder = order;
  const r = reserved.result();
  if (r) pdu.reserved = r;
  return pdu;
}

// PS3.8 Table 9-21: byte 7 reserved, 8 result, 9 source, 10 reason/diag.
function readAssociateRj(cur: PduCursor): AssociateRjPdu {
  expectFixedLength(cur, 4);
  const result = cur.u8(7);
  const source = cur.u8(8);
  if (result !== 1 && result !== 2) cur.fail(`result ${result} is not 1 or 2`, 7);
  if (source < 1 || source > 3) cur.fail(`source ${source} is not 1-3`, 8);
  const pdu: AssociateRjPdu = {
    type: "A-ASSOCIATE-RJ",
    result,
    source: source as 1 | 2 | 3,
    reason: cur.u8(9),
  };
  const reserved = new ReservedBytes();
  reserved.push(cur.u8(1), cur.u8(6));
  const r = reserved.result();
  if (r) pdu.reserved = r;
  return pdu;
}

// PS3.8 Table 9-22: 7-xxx PDV items; Table 9-23: bytes 1-4 item length, 5 presentation context
// ID, 6-xxx the PDV: Annex E.2 message control header (bit 0 command, bit 1 last), then the
// fragment.
function readPDataTf(cur: PduCursor): PDataTfPdu {
  const bytes = cur.bytes;
  const end = bytes.length;
  const pdvs: Pdv[] = [];
  let at = 6;
  while (at < end) {
    cur.need(at, 4, end, "PDV item length");
    const length = cur.u32(at);
    if (length < 2) cur.fail(`PDV item length ${length} is less than 2`, at);
    if (at + 4 + length > end) {
      cur.fail(`PDV item length ${length} exceeds remaining ${end - at - 4} bytes`, at);
    }
    const header = bytes[at + 5];
    const pdv: Pdv = {
      presentationContextId: bytes[at + 4],
      isCommand: (header & 0x01) !== 0,
      isLast: (header & 0x02) !== 0,
      data: bytes.subarray(at + 6, at + 4 + length),
    };
    if ((header & 0xfc) !== 0) pdv.reservedBits = header & 0xfc;
    pdvs.push(pdv);
    at += 4 + length;
  }
  const pdu: PDataTfPdu = { type: "P-DATA-TF", pdvs };
  if (bytes[1] !== 0) pdu.reserved = Uint8Array.of(bytes[1]);
  return pdu;
}

// PS3.8 Tables 9-24 and 9-25: bytes 7-10 reserved.
function readRelease(cur: PduCursor): Pdu {
  expectFixedLength(cur, 4);
  const pdu: Pdu = { type: cur.pduType === 0x05 ? "A-RELEASE-RQ" : "A-RELEASE-RP" };
  const reserved = new ReservedBytes();
  reserved.push(cur.u8(1));
  reserved.pushRange(cur.bytes.subarray(6, 10));
  const r = reserved.result();
  if (r) pdu.reserved = r;
  return pdu;
}

// PS3.8 Table 9-26: bytes 7, 8 reserved, 9 source, 10 reason/diag.
function readAbort(cur: PduCursor): AbortPdu {
  expectFixedLength(cur, 4);
  const source = cur.u8(8);
  if (source > 2) cur.fail(`source ${source} is not 0-2`, 8);
  const pdu: AbortPdu = { type: "A-ABORT", source: source as 0 | 1 | 2, reason: cur.u8(9) };
  const reserved = new ReservedBytes();
  reserved.push(cur.u8(1), cur.u8(6), cur.u8(7));
  const r = reserved.result();
  if (r) pdu.reserved = r;
  return pdu;
}
