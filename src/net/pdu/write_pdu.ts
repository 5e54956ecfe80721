/**
 * Writing PDUs (PS3.8 9.3). Writes back byte for byte whatever `readPdu` read (reserved bytes,
 * item order, raw items, raw AE titles), and writes malformed PDUs on request: `lengthOverride`
 * on a PDU or item, raw items, and `{ type: "UNKNOWN" }` PDUs with any type code and body.
 * @module
 */
import {
  type AssociateAcPdu,
  type AssociateRqPdu,
  ITEM_TYPE,
  type PDataTfPdu,
  type Pdu,
  PDU_TYPE,
  type Pdv,
} from "./pdu_types.ts";
import { PduEncodeError } from "./errors.ts";
import { pduName } from "./names.ts";
import { PduWriter, ReservedSource } from "./_pdu_writer.ts";
import { writeRawItem } from "./_raw_item.ts";
import { writeUserInformation } from "./_user_information.ts";
import { writePresentationContextAc, writePresentationContextRq } from "./_presentation_context.ts";
import { arrangeItems, type ItemEntry } from "./_item_order.ts";
import { aeTitleFromBytes, isLatin1 } from "./_text.ts";

/**
 * Encodes a PDU.
 * @throws {PduEncodeError} a value does not fit its field (see the error's message)
 * @example
 * ```ts
 * import { writePdu } from "./write_pdu.ts";
 * writePdu({ type: "A-ABORT", source: 2, reason: 6 });
 * // Uint8Array [7, 0, 0, 0, 0, 4, 0, 0, 2, 6]
 * writePdu({ type: "UNKNOWN", pduType: 0x0a, body: Uint8Array.of(1, 2) });
 * // Uint8Array [10, 0, 0, 0, 0, 2, 1, 2]
 * ```
 */
export function writePdu(pdu: Pdu): Uint8Array {
  switch (pdu.type) {
    case "A-ASSOCIATE-RQ":
    case "A-ASSOCIATE-AC":
      return writeAssociate(pdu);
    case "P-DATA-TF":
      return writePDataTf(pdu);
    case "A-ASSOCIATE-RJ":
      // PS3.8 Table 9-21: byte 7 reserved, 8 result, 9 source, 10 reason/diag.
      return writeFixed(pdu.type, pdu.reserved, pdu.lengthOverride, (w, reserved) => {
        w.uint8(reserved.next(), "reserved byte");
        w.uint8(pdu.result, "result");
        w.uint8(pdu.source, "source");
        w.uint8(pdu.reason, "reason");
      });
    case "A-RELEASE-RQ":
    case "A-RELEASE-RP":
      // PS3.8 Tables 9-24, 9-25: bytes 7-10 reserved.
      return writeFixed(pdu.type, pdu.reserved, pdu.lengthOverride, (w, reserved) => {
        w.bytes(reserved.take(4));
      });
    case "A-ABORT":
      // PS3.8 Table 9-26: bytes 7, 8 reserved, 9 source, 10 reason/diag.
      return writeFixed(pdu.type, pdu.reserved, pdu.lengthOverride, (w, reserved) => {
        w.bytes(reserved.take(2));
        w.uint8(pdu.source, "source");
        w.uint8(pdu.reason, "reason");
      });
    case "UNKNOWN": {
      const w = new PduWriter(pduName(pdu), pdu.body.length + 6);
      w.uint8(pdu.pduType, "pduType");
      w.uint8(pdu.reserved?.[0] ?? 0, "reserved byte");
      w.uint32(pdu.lengthOverride ?? pdu.body.length, "lengthOverride");
      w.bytes(pdu.body);
      return w.finish();
    }
    default:
      throw new PduEncodeError(
        `unknown PDU type ${JSON.stringify((pdu as { type: unknown }).type)}`,
        "PDU",
      );
  }
}

/**
 * The 12 bytes before the data of a P-DATA-TF that carries one PDV of `dataLength` bytes (PS3.8
 * Table 9-22, 9-23; Annex E.2), so a large fragment can be sent as header + data without copying
 * the data.
 * @example
 * ```ts
 * import { pDataTfHeader } from "./write_pdu.ts";
 * pDataTfHeader({ presentationContextId: 1, isCommand: true, isLast: true }, 4);
 * // Uint8Array [4, 0, 0, 0, 0, 10, 0, 0, 0, 6, 1, 3]
 * ```
 */
export function pDataTfHeader(
  pdv: Pick<Pdv, "presentationContextId" | "isCommand" | "isLast">,
  dataLength: number,
): Uint8Array {
  const w = new PduWriter("P-DATA-TF", 12);
  w.uint8(PDU_TYPE["P-DATA-TF"], "pduType");
  w.uint8(0, "reserved byte");
  w.uint32(dataLength + 6, "PDU length");
  w.uint32(dataLength + 2, "PDV item length");
  w.uint8(pdv.presentationContextId, "presentationContextId");
  w.uint8((pdv.isCommand ? 1 : 0) | (pdv.isLast ? 2 : 0), "message control header");
  return w.finish();
}

function writeFixed(
  type: "A-ASSOCIATE-RJ" | "A-RELEASE-RQ" | "A-RELEASE-RP" | "A-ABORT",
  reservedBytes: Uint8Array | undefined,
  lengthOverride: number | undefined,
  body: (w: PduWriter, reserved: ReservedSource) => void,
): Uint8Array {
  const w = new PduWriter(type, 10);
  const reserved = new ReservedSource(reservedBytes);
  w.uint8(PDU_TYPE[type], "pduType");
  w.uint8(reserved.next(), "reserved byte");
  w.uint32(lengthOverride ?? 4, "lengthOverride");
  body(w, reserved);
  return w.finish();
}

// PS3.8 Table 9-22, 9-23 and Annex E.2. The size is known up front: one allocation, one copy of
// each fragment.
function writePDataTf(pdu: PDataTfPdu): Uint8Array {
  const w = new PduWriter("P-DATA-TF", 0);
  let length = 0;
  for (const pdv of pdu.pdvs) length += 6 + pdv.data.length;
  const out = new Uint8Array(6 + length);
  const view = new DataView(out.buffer);
  out[0] = PDU_TYPE["P-DATA-TF"];
  out[1] = w.check(pdu.reserved?.[0] ?? 0, 1, "reserved byte");
  view.setUint32(2, w.check(pdu.lengthOverride ?? length, 4, "PDU length"));
  let at = 6;
  for (const pdv of pdu.pdvs) {
    view.setUint32(at, w.check(pdv.lengthOverride ?? pdv.data.length + 2, 4, "PDV item length"));
    out[at + 4] = w.check(pdv.presentationContextId, 1, "presentationContextId");
    const reservedBits = w.check(pdv.reservedBits ?? 0, 1, "reservedBits") & 0xfc;
    out[at + 5] = reservedBits | (pdv.isCommand ? 1 : 0) | (pdv.isLast ? 2 : 0);
    out.set(pdv.data, at + 6);
    at += 6 + pdv.data.length;
  }
  return out;
}

/** The 16 bytes of an AE title field (PS3.8 9.3.2: space padded). */
function aeTitleBytes(
  w: PduWriter,
  title: string,
  raw: Uint8Array | undefined,
  field: string,
): Uint8Array {
  if (raw !== undefined) {
    if (raw.length !== 16) w.fail(`${field}Bytes has ${raw.length} bytes, expected 16`);
    if (aeTitleFromBytes(raw) === title) return raw;
  }
  if (title.length > 16) w.fail(`${field} "${title}" is longer than 16 characters`);
  if (!isLatin1(title)) w.fail(`${field} has characters outside Latin-1`);
  const out = new Uint8Array(16).fill(0x20);
  for (let i = 0; i < title.length; i++) out[i] = title.charCodeAt(i);
  return out;
}

// PS3.8 Table 9-11 (RQ) and 9-17 (AC): byte 1 type, 2 reserved, 3-6 length, 7-8 protocol
// version, 9-10 reserved, 11-26 called AE title, 27-42 calling AE title, 43-74 reserved, 75-xxx
// items.
function writeAssociate(pdu: AssociateRqPdu | AssociateAcPdu): Uint8Array {
  const w = new PduWriter(pdu.type);
  const reserved = new ReservedSource(pdu.reserved);
  w.uint8(PDU_TYPE[pdu.type], "pduType");
  w.uint8(reserved.next(), "reserved byte");
  const lengthAt = w.reserveUint32();
  w.uint16(pdu.protocolVersion, "protocolVersion");
  w.bytes(reserved.take(2));
  w.bytes(aeTitleBytes(w, pdu.calledAeTitle, pdu.calledAeTitleBytes, "calledAeTitle"));
  w.bytes(aeTitleBytes(w, pdu.callingAeTitle, pdu.callingAeTitleBytes, "callingAeTitle"));
  w.bytes(reserved.take(32));
  const entries: ItemEntry[] = [{
    type: ITEM_TYPE.APPLICATION_CONTEXT,
    write: () => {
      const at = w.beginItem(ITEM_TYPE.APPLICATION_CONTEXT, reserved.next());
      w.text(pdu.applicationContextName, "applicationContextName");
      w.endItem(at, "Application Context");
    },
  }];
  if (pdu.type === "A-ASSOCIATE-RQ") {
    for (const pc of pdu.presentationContexts) {
      entries.push({
        type: ITEM_TYPE.PRESENTATION_CONTEXT_RQ,
        write: () => writePresentationContextRq(w, pc),
      });
    }
  } else {
    for (const pc of pdu.presentationContexts) {
      entries.push({
        type: ITEM_TYPE.PRESENTATION_CONTEXT_AC,
        write: () => writePresentationContextAc(w, pc),
      });
    }
  }
  const ui = pdu.userInformation;
  if (ui !== undefined) {
    entries.push({ type: ITEM_TYPE.USER_INFORMATION, write: () => writeUserInformation(w, ui) });
  }
  for (const item of pdu.unknownItems ?? []) {
    entries.push({ type: item.itemType, write: () => writeRawItem(w, item) });
  }
  for (const entry of arrangeItems(entries, pdu.itemOrder)) entry.write();
  w.fillUint32(lengthAt, pdu.lengthOverride ?? w.length - 6, "lengthOverride");
  return w.finish();
}
