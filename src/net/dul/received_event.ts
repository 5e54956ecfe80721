/**
 * Turns what the PDU reader produced into the state machine's event: a decoded PDU into
 * Evt3/4/6/10/12/13/16 (or Evt19 when its type is not one of the seven), a decode error into
 * Evt19 with the A-ABORT reason the provider will send (PS3.8 9.3.8, Table 9-26).
 * @module
 */

import type { DulEvent } from "./events.ts";
import {
  ABORT_REASON,
  type DulAbortPdu,
  type DulAssociateAcPdu,
  type DulAssociateRjPdu,
  type DulAssociateRqPdu,
  type DulPDataTfPdu,
  type DulReleaseRpPdu,
  type DulReleaseRqPdu,
} from "./pdu_shapes.ts";

/**
 * The event for a PDU received on the transport connection. A PDU whose `type` is none of the
 * seven (e.g. the reader's raw/unknown variant) is Evt19 with reason 1, unrecognized PDU.
 * @example
 * ```ts
 * import { eventFromPdu } from "./received_event.ts";
 * eventFromPdu({ type: "A-RELEASE-RQ" }).type; // "Evt12"
 * eventFromPdu({ type: "unknown", pduType: 0x09 }); // { type: "Evt19", reason: 1, pdu: ... }
 * ```
 */
export function eventFromPdu(pdu: { readonly type: string }): DulEvent {
  switch (pdu.type) {
    case "A-ASSOCIATE-RQ":
      return { type: "Evt6", pdu: pdu as DulAssociateRqPdu };
    case "A-ASSOCIATE-AC":
      return { type: "Evt3", pdu: pdu as DulAssociateAcPdu };
    case "A-ASSOCIATE-RJ":
      return { type: "Evt4", pdu: pdu as DulAssociateRjPdu };
    case "P-DATA-TF":
      return { type: "Evt10", pdu: pdu as DulPDataTfPdu };
    case "A-RELEASE-RQ":
      return { type: "Evt12", pdu: pdu as DulReleaseRqPdu };
    case "A-RELEASE-RP":
      return { type: "Evt13", pdu: pdu as DulReleaseRpPdu };
    case "A-ABORT":
      return { type: "Evt16", pdu: pdu as DulAbortPdu };
    default:
      return { type: "Evt19", reason: ABORT_REASON.unrecognizedPdu, pdu };
  }
}

/**
 * The event for bytes the PDU reader refused: Evt19, with the A-ABORT reason taken from the
 * error when it says enough:
 * - a numeric `abortReason` property: that reason;
 * - a numeric `pduType` outside 01H-07H: 1, unrecognized PDU;
 * - a numeric `pduType` of a known PDU: 6, invalid PDU parameter value;
 * - otherwise 0, reason not specified.
 * @example
 * ```ts
 * import { eventFromDecodeError } from "./received_event.ts";
 * const error = Object.assign(new Error("Cannot decode PDU: unknown type 0AH"), { pduType: 0x0a });
 * eventFromDecodeError(error); // { type: "Evt19", reason: 1, error }
 * ```
 */
export function eventFromDecodeError(error: unknown): DulEvent {
  return { type: "Evt19", reason: abortReasonFor(error), error };
}

function abortReasonFor(error: unknown): number {
  if (typeof error !== "object" || error === null) return ABORT_REASON.notSpecified;
  if ("abortReason" in error && typeof error.abortReason === "number") return error.abortReason;
  if ("pduType" in error && typeof error.pduType === "number") {
    // PS3.8 9.3.1: PDU types 01H-07H are defined; anything else is unrecognized.
    return error.pduType >= 0x01 && error.pduType <= 0x07
      ? ABORT_REASON.invalidPduParameterValue
      : ABORT_REASON.unrecognizedPdu;
  }
  return ABORT_REASON.notSpecified;
}
