/**
 * The nineteen events of the DICOM Upper Layer state machine (PS3.8 9.2.3, Table 9-10), each
 * carrying the PDU or primitive that caused it.
 * @module
 */

import type {
  DulAbortPdu,
  DulAssociateAcPdu,
  DulAssociateRjPdu,
  DulAssociateRqPdu,
  DulPDataTfPdu,
  DulReleaseRpPdu,
  DulReleaseRqPdu,
} from "./pdu_shapes.ts";

/**
 * Every event name, in the standard's order.
 * @example
 * ```ts
 * import { DUL_EVENT_NAMES } from "./events.ts";
 * DUL_EVENT_NAMES.length; // 19
 * ```
 */
export const DUL_EVENT_NAMES = [
  "Evt1",
  "Evt2",
  "Evt3",
  "Evt4",
  "Evt5",
  "Evt6",
  "Evt7",
  "Evt8",
  "Evt9",
  "Evt10",
  "Evt11",
  "Evt12",
  "Evt13",
  "Evt14",
  "Evt15",
  "Evt16",
  "Evt17",
  "Evt18",
  "Evt19",
] as const;

/**
 * An event name, `"Evt1"` to `"Evt19"`.
 * @example
 * ```ts
 * import type { DulEventName } from "./events.ts";
 * const closed: DulEventName = "Evt17";
 * ```
 */
export type DulEventName = typeof DUL_EVENT_NAMES[number];

/**
 * The standard's definition of each event (PS3.8 Table 9-10).
 * @example
 * ```ts
 * import { DUL_EVENT_DESCRIPTIONS } from "./events.ts";
 * DUL_EVENT_DESCRIPTIONS.Evt18; // "ARTIM timer expired (Association reject/release timer)"
 * ```
 */
export const DUL_EVENT_DESCRIPTIONS: Readonly<Record<DulEventName, string>> = {
  Evt1: "A-ASSOCIATE request (local user)",
  Evt2: "Transport connect confirmation (local transport service)",
  Evt3: "A-ASSOCIATE-AC PDU (received on transport connection)",
  Evt4: "A-ASSOCIATE-RJ PDU (received on transport connection)",
  Evt5: "Transport connection indication (local transport service)",
  Evt6: "A-ASSOCIATE-RQ PDU (received on transport connection)",
  Evt7: "A-ASSOCIATE response primitive (accept)",
  Evt8: "A-ASSOCIATE response primitive (reject)",
  Evt9: "P-DATA request primitive",
  Evt10: "P-DATA-TF PDU",
  Evt11: "A-RELEASE request primitive",
  Evt12: "A-RELEASE-RQ PDU (received on open transport connection)",
  Evt13: "A-RELEASE-RP PDU (received on transport connection)",
  Evt14: "A-RELEASE response primitive",
  Evt15: "A-ABORT request primitive",
  Evt16: "A-ABORT PDU (received on open transport connection)",
  Evt17: "Transport connection closed indication (local transport service)",
  Evt18: "ARTIM timer expired (Association reject/release timer)",
  Evt19: "Unrecognized or invalid PDU received",
};

/**
 * An event with its payload. Local primitives carry the PDU the machine is to send; received
 * PDUs carry the decoded PDU; Evt19 carries the A-ABORT reason to use and what was received.
 * @example
 * ```ts
 * import type { DulEvent } from "./events.ts";
 * const request: DulEvent = { type: "Evt1", pdu: { type: "A-ASSOCIATE-RQ", protocolVersion: 1 } };
 * const received: DulEvent = { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } };
 * const closed: DulEvent = { type: "Evt17" };
 * ```
 */
export type DulEvent =
  /** A-ASSOCIATE request (local user): the A-ASSOCIATE-RQ to send once the transport is open. */
  | { readonly type: "Evt1"; readonly pdu: DulAssociateRqPdu }
  /** Transport connect confirmation; `pdu` overrides the A-ASSOCIATE-RQ given with Evt1. */
  | { readonly type: "Evt2"; readonly pdu?: DulAssociateRqPdu }
  /** A-ASSOCIATE-AC PDU received. */
  | { readonly type: "Evt3"; readonly pdu: DulAssociateAcPdu }
  /** A-ASSOCIATE-RJ PDU received. */
  | { readonly type: "Evt4"; readonly pdu: DulAssociateRjPdu }
  /** Transport connection indication (an incoming connection was accepted). */
  | { readonly type: "Evt5" }
  /** A-ASSOCIATE-RQ PDU received. */
  | { readonly type: "Evt6"; readonly pdu: DulAssociateRqPdu }
  /** A-ASSOCIATE response primitive (accept): the A-ASSOCIATE-AC to send. */
  | { readonly type: "Evt7"; readonly pdu: DulAssociateAcPdu }
  /** A-ASSOCIATE response primitive (reject): the A-ASSOCIATE-RJ to send. */
  | { readonly type: "Evt8"; readonly pdu: DulAssociateRjPdu }
  /** P-DATA request primitive: the P-DATA-TF to send. */
  | { readonly type: "Evt9"; readonly pdu: DulPDataTfPdu }
  /** P-DATA-TF PDU received. */
  | { readonly type: "Evt10"; readonly pdu: DulPDataTfPdu }
  /** A-RELEASE request primitive; `pdu` defaults to a plain A-RELEASE-RQ. */
  | { readonly type: "Evt11"; readonly pdu?: DulReleaseRqPdu }
  /** A-RELEASE-RQ PDU received. */
  | { readonly type: "Evt12"; readonly pdu: DulReleaseRqPdu }
  /** A-RELEASE-RP PDU received. */
  | { readonly type: "Evt13"; readonly pdu: DulReleaseRpPdu }
  /** A-RELEASE response primitive; `pdu` defaults to a plain A-RELEASE-RP. */
  | { readonly type: "Evt14"; readonly pdu?: DulReleaseRpPdu }
  /** A-ABORT request primitive; `pdu` defaults to source service-user, reason 0 (AA-1). */
  | { readonly type: "Evt15"; readonly pdu?: DulAbortPdu }
  /** A-ABORT PDU received. */
  | { readonly type: "Evt16"; readonly pdu: DulAbortPdu }
  /** Transport connection closed indication. */
  | { readonly type: "Evt17" }
  /** ARTIM timer expired. */
  | { readonly type: "Evt18" }
  /**
   * Unrecognized or invalid PDU received. `reason` is the A-ABORT Reason/Diag. the provider sends
   * (AA-7, AA-8; default 0, reason not specified); `pdu` and `error` say what was received.
   */
  | {
    readonly type: "Evt19";
    readonly reason?: number;
    readonly pdu?: unknown;
    readonly error?: unknown;
  };

/**
 * The event with a given name.
 * @example
 * ```ts
 * import type { DulEventOf } from "./events.ts";
 * const abort: DulEventOf<"Evt16"> = { type: "Evt16", pdu: { type: "A-ABORT", source: 0, reason: 0 } };
 * ```
 */
export type DulEventOf<N extends DulEventName> = Extract<DulEvent, { readonly type: N }>;

/**
 * Whether a value names a DUL event.
 * @example
 * ```ts
 * import { isDulEventName } from "./events.ts";
 * isDulEventName("Evt19"); // true
 * isDulEventName("Evt20"); // false
 * ```
 */
export function isDulEventName(value: unknown): value is DulEventName {
  return typeof value === "string" && (DUL_EVENT_NAMES as readonly string[]).includes(value);
}
