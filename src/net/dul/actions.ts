/**
 * The actions of the DICOM Upper Layer state machine (PS3.8 9.2.2, Tables 9-6 to 9-9), each a pure
 * function from the event (and the little context the machine keeps) to the next state and the
 * effects, as data.
 * @module
 */

import type { DulEffect, DulPrimitive } from "./effects.ts";
import { DulProtocolError } from "./errors.ts";
import type { DulEvent } from "./events.ts";
import {
  ABORT_REASON,
  ABORT_SOURCE,
  abortPdu,
  associateRjPdu,
  type DulAssociateRqPdu,
  type DulPdu,
  releaseRpPdu,
  releaseRqPdu,
} from "./pdu_shapes.ts";
import type { DulRole, DulState } from "./states.ts";

/**
 * Every action name, in the standard's order.
 * @example
 * ```ts
 * import { DUL_ACTION_NAMES } from "./actions.ts";
 * DUL_ACTION_NAMES.length; // 28
 * ```
 */
export const DUL_ACTION_NAMES = [
  "AE-1",
  "AE-2",
  "AE-3",
  "AE-4",
  "AE-5",
  "AE-6",
  "AE-7",
  "AE-8",
  "DT-1",
  "DT-2",
  "AR-1",
  "AR-2",
  "AR-3",
  "AR-4",
  "AR-5",
  "AR-6",
  "AR-7",
  "AR-8",
  "AR-9",
  "AR-10",
  "AA-1",
  "AA-2",
  "AA-3",
  "AA-4",
  "AA-5",
  "AA-6",
  "AA-7",
  "AA-8",
] as const;

/**
 * An action name, e.g. `"AE-1"`, `"DT-2"`, `"AR-8"`, `"AA-8"`.
 * @example
 * ```ts
 * import type { DulActionName } from "./actions.ts";
 * const action: DulActionName = "AR-8";
 * ```
 */
export type DulActionName = typeof DUL_ACTION_NAMES[number];

/**
 * What an action is given.
 * @example
 * ```ts
 * import type { DulActionInput } from "./actions.ts";
 * const input: DulActionInput = { state: "Sta7", event: { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } }, role: "acceptor" };
 * ```
 */
export interface DulActionInput {
  /** The state the machine is in (for AR-8's error and for messages). */
  readonly state: DulState;
  /** The event being handled. */
  readonly event: DulEvent;
  /** Which end of the association the machine is; AR-8 needs it. */
  readonly role?: DulRole;
  /** The A-ASSOCIATE-RQ that came with Evt1, which AE-2 sends. */
  readonly associateRq?: DulAssociateRqPdu;
}

/**
 * What an action returns: the next state and the effects, in order.
 * @example
 * ```ts
 * import type { DulActionResult } from "./actions.ts";
 * const result: DulActionResult = { next: "Sta4", effects: [{ type: "open-transport" }] };
 * ```
 */
export interface DulActionResult {
  /** The state to move to. */
  readonly next: DulState;
  /** What the owner is to do, in order. */
  readonly effects: readonly DulEffect[];
}

/**
 * An action: the standard's definition and its pure function.
 * @example
 * ```ts
 * import { DUL_ACTIONS } from "./actions.ts";
 * const spec = DUL_ACTIONS["AE-5"];
 * spec.description; // "Issue Transport connection response primitive; start ARTIM timer"
 * ```
 */
export interface DulActionSpec {
  /** The action's definition as PS3.8 Tables 9-6 to 9-9 word it. */
  readonly description: string;
  /** Computes the next state and the effects; never mutates anything. */
  readonly run: (input: DulActionInput) => DulActionResult;
}

function send(pdu: DulPdu): DulEffect {
  return { type: "send-pdu", pdu };
}

function receivedPdu(event: DulEvent): DulPdu | undefined {
  return "pdu" in event && isDulPdu(event.pdu) ? event.pdu : undefined;
}

function isDulPdu(value: unknown): value is DulPdu {
  return typeof value === "object" && value !== null && "type" in value &&
    typeof value.type === "string";
}

/** The PDU an event carries, required: the table only calls these actions with one. */
function requirePdu({ state, event }: DulActionInput, action: string): DulPdu {
  const pdu = receivedPdu(event);
  if (pdu === undefined) {
    throw new DulProtocolError(
      `Cannot run ${action} in ${state}: ${event.type} carries no PDU`,
      state,
      event.type,
    );
  }
  return pdu;
}

function indicate(primitive: DulPrimitive, pdu: DulPdu | undefined): DulEffect {
  return pdu === undefined ? { type: "indicate", primitive } : { type: "indicate", primitive, pdu };
}

/** A-ABORT Reason/Diag. for a PDU the provider did not expect: Evt19 says its own. */
function providerAbortReason(event: DulEvent): number {
  if (event.type === "Evt19") return event.reason ?? ABORT_REASON.notSpecified;
  return ABORT_REASON.unexpectedPdu;
}

// ---- PS3.8 Table 9-6: association establishment related actions

function ae1(): DulActionResult {
  return { next: "Sta4", effects: [{ type: "open-transport" }] };
}

function ae2({ state, event, associateRq }: DulActionInput): DulActionResult {
  const pdu = event.type === "Evt2" && event.pdu !== undefined ? event.pdu : associateRq;
  if (pdu === undefined) {
    throw new DulProtocolError(
      `Cannot run AE-2 in ${state}: no A-ASSOCIATE-RQ was given with Evt1`,
      state,
      event.type,
    );
  }
  return { next: "Sta5", effects: [send(pdu)] };
}

function ae3({ event }: DulActionInput): DulActionResult {
  return {
    next: "Sta6",
    effects: [indicate("A-ASSOCIATE confirmation (accept)", receivedPdu(event))],
  };
}

function ae4({ event }: DulActionInput): DulActionResult {
  return {
    next: "Sta1",
    effects: [
      indicate("A-ASSOCIATE confirmation (reject)", receivedPdu(event)),
      { type: "close-transport" },
    ],
  };
}

function ae5(): DulActionResult {
  // The transport connection response is implicit: the owner accepted the connection already.
  return { next: "Sta2", effects: [{ type: "start-artim" }] };
}

function ae6({ event }: DulActionInput): DulActionResult {
  const pdu = receivedPdu(event);
  // PS3.8 9.3.2 bytes 7-8: a receiver implementing only version 1 shall only test that bit 0 is
  // set. That is the one check the service-provider makes; everything else is the user's (AE-8).
  const version = pdu !== undefined && pdu.type === "A-ASSOCIATE-RQ" ? pdu.protocolVersion : 0;
  if ((version & 1) === 1) {
    return {
      next: "Sta3",
      effects: [{ type: "stop-artim" }, indicate("A-ASSOCIATE indication", pdu)],
    };
  }
  // PS3.8 Table 9-21: rejected-permanent, service-provider (ACSE related), protocol version
  // not supported.
  return {
    next: "Sta13",
    effects: [{ type: "stop-artim" }, send(associateRjPdu(1, 2, 2)), { type: "start-artim" }],
  };
}

function ae7(input: DulActionInput): DulActionResult {
  return { next: "Sta6", effects: [send(requirePdu(input, "AE-7"))] };
}

function ae8(input: DulActionInput): DulActionResult {
  return { next: "Sta13", effects: [send(requirePdu(input, "AE-8")), { type: "start-artim" }] };
}

// ---- PS3.8 Table 9-7: data transfer related actions

function dt1(input: DulActionInput): DulActionResult {
  return { next: "Sta6", effects: [send(requirePdu(input, "DT-1"))] };
}

function dt2({ event }: DulActionInput): DulActionResult {
  return { next: "Sta6", effects: [indicate("P-DATA indication", receivedPdu(event))] };
}

// ---- PS3.8 Table 9-8: association release related actions

function ar1({ event }: DulActionInput): DulActionResult {
  return { next: "Sta7", effects: [send(receivedPdu(event) ?? releaseRqPdu())] };
}

function ar2({ event }: DulActionInput): DulActionResult {
  return { next: "Sta8", effects: [indicate("A-RELEASE indication", receivedPdu(event))] };
}

function ar3({ event }: DulActionInput): DulActionResult {
  return {
    next: "Sta1",
    effects: [indicate("A-RELEASE confirmation", receivedPdu(event)), { type: "close-transport" }],
  };
}

function ar4({ event }: DulActionInput): DulActionResult {
  return {
    next: "Sta13",
    effects: [send(receivedPdu(event) ?? releaseRpPdu()), { type: "start-artim" }],
  };
}

function ar5(): DulActionResult {
  return { next: "Sta1", effects: [{ type: "stop-artim" }] };
}

function ar6({ event }: DulActionInput): DulActionResult {
  return { next: "Sta7", effects: [indicate("P-DATA indication", receivedPdu(event))] };
}

function ar7(input: DulActionInput): DulActionResult {
  return { next: "Sta8", effects: [send(requirePdu(input, "AR-7"))] };
}

function ar8({ state, event, role }: DulActionInput): DulActionResult {
  // PS3.8 Table 9-8 AR-8: the association-requestor goes to Sta9, the acceptor to Sta10.
  if (role === undefined) {
    throw new DulProtocolError(
      `Cannot run AR-8 in ${state}: the machine's role (requestor or acceptor) is unknown`,
      state,
      event.type,
    );
  }
  return {
    next: role === "requestor" ? "Sta9" : "Sta10",
    effects: [indicate("A-RELEASE indication (release collision)", receivedPdu(event))],
  };
}

function ar9({ event }: DulActionInput): DulActionResult {
  return { next: "Sta11", effects: [send(receivedPdu(event) ?? releaseRpPdu())] };
}

function ar10({ event }: DulActionInput): DulActionResult {
  return { next: "Sta12", effects: [indicate("A-RELEASE confirmation", receivedPdu(event))] };
}

// ---- PS3.8 Table 9-9: association abort related actions

function aa1({ event }: DulActionInput): DulActionResult {
  // From Evt15 the user's own A-ABORT (if given); for an unexpected PDU in Sta2 the standard
  // (and DCMTK) send service-user source, reason 0.
  const given = event.type === "Evt15" ? event.pdu : undefined;
  const pdu = given ?? abortPdu(ABORT_SOURCE.serviceUser, ABORT_REASON.notSpecified);
  return { next: "Sta13", effects: [send(pdu), { type: "start-artim" }] };
}

function aa2(): DulActionResult {
  return { next: "Sta1", effects: [{ type: "stop-artim" }, { type: "close-transport" }] };
}

function aa3({ event }: DulActionInput): DulActionResult {
  const pdu = receivedPdu(event);
  const abort = pdu !== undefined && pdu.type === "A-ABORT" ? pdu : undefined;
  // PS3.8 9.3.8: source 2 is the service-provider (A-P-ABORT indication); 0 the service-user.
  // The reserved value 1 is taken as a user abort (some peers send it for one).
  const indication: DulEffect = abort !== undefined && abort.source === ABORT_SOURCE.serviceProvider
    ? {
      type: "indicate",
      primitive: "A-P-ABORT indication",
      pdu: abort,
      providerReason: abort.reason,
    }
    : indicate("A-ABORT indication", pdu);
  return { next: "Sta1", effects: [indication, { type: "close-transport" }] };
}

function aa4(): DulActionResult {
  return {
    next: "Sta1",
    effects: [{
      type: "indicate",
      primitive: "A-P-ABORT indication",
      providerReason: ABORT_REASON.notSpecified,
    }],
  };
}

function aa5(): DulActionResult {
  return { next: "Sta1", effects: [{ type: "stop-artim" }] };
}

function aa6(): DulActionResult {
  return { next: "Sta13", effects: [] };
}

function aa7({ event }: DulActionInput): DulActionResult {
  return {
    next: "Sta13",
    effects: [send(abortPdu(ABORT_SOURCE.serviceProvider, providerAbortReason(event)))],
  };
}

function aa8({ event }: DulActionInput): DulActionResult {
  const reason = providerAbortReason(event);
  return {
    next: "Sta13",
    effects: [
      send(abortPdu(ABORT_SOURCE.serviceProvider, reason)),
      { type: "indicate", primitive: "A-P-ABORT indication", providerReason: reason },
      { type: "start-artim" },
    ],
  };
}

/**
 * Every action: its definition (PS3.8 Tables 9-6 to 9-9) and its pure function.
 * @example
 * ```ts
 * import { DUL_ACTIONS } from "./actions.ts";
 * DUL_ACTIONS["AR-5"].run({ state: "Sta13", event: { type: "Evt17" } });
 * // { next: "Sta1", effects: [{ type: "stop-artim" }] }
 * ```
 */
export const DUL_ACTIONS: Readonly<Record<DulActionName, DulActionSpec>> = {
  "AE-1": {
    description: "Issue TRANSPORT CONNECT request primitive to local transport service",
    run: ae1,
  },
  "AE-2": { description: "Send A-ASSOCIATE-RQ-PDU", run: ae2 },
  "AE-3": { description: "Issue A-ASSOCIATE confirmation (accept) primitive", run: ae3 },
  "AE-4": {
    description: "Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection",
    run: ae4,
  },
  "AE-5": {
    description: "Issue Transport connection response primitive; start ARTIM timer",
    run: ae5,
  },
  "AE-6": {
    description: "Stop ARTIM timer and if A-ASSOCIATE-RQ acceptable by service-provider: " +
      "issue A-ASSOCIATE indication primitive (next state Sta3); " +
      "otherwise: issue A-ASSOCIATE-RJ-PDU and start ARTIM timer (next state Sta13)",
    run: ae6,
  },
  "AE-7": { description: "Send A-ASSOCIATE-AC PDU", run: ae7 },
  "AE-8": { description: "Send A-ASSOCIATE-RJ PDU and start ARTIM timer", run: ae8 },
  "DT-1": { description: "Send P-DATA-TF PDU", run: dt1 },
  "DT-2": { description: "Send P-DATA indication primitive", run: dt2 },
  "AR-1": { description: "Send A-RELEASE-RQ PDU", run: ar1 },
  "AR-2": { description: "Issue A-RELEASE indication primitive", run: ar2 },
  "AR-3": {
    description: "Issue A-RELEASE confirmation primitive, and close transport connection",
    run: ar3,
  },
  "AR-4": { description: "Issue A-RELEASE-RP PDU and start ARTIM timer", run: ar4 },
  "AR-5": { description: "Stop ARTIM timer", run: ar5 },
  "AR-6": { description: "Issue P-DATA indication", run: ar6 },
  "AR-7": { description: "Issue P-DATA-TF PDU", run: ar7 },
  "AR-8": {
    description: "Issue A-RELEASE indication (release collision): " +
      "if association-requestor, next state is Sta9; if not, next state is Sta10",
    run: ar8,
  },
  "AR-9": { description: "Send A-RELEASE-RP PDU", run: ar9 },
  "AR-10": { description: "Issue A-RELEASE confirmation primitive", run: ar10 },
  "AA-1": {
    description:
      "Send A-ABORT PDU (service-user source) and start (or restart if already started) ARTIM timer",
    run: aa1,
  },
  "AA-2": { description: "Stop ARTIM timer if running. Close transport connection", run: aa2 },
  "AA-3": {
    description: "If (service-user initiated abort): issue A-ABORT indication and close " +
      "transport connection; otherwise (service-provider initiated abort): issue A-P-ABORT " +
      "indication and close transport connection",
    run: aa3,
  },
  "AA-4": { description: "Issue A-P-ABORT indication primitive", run: aa4 },
  "AA-5": { description: "Stop ARTIM timer", run: aa5 },
  "AA-6": { description: "Ignore PDU", run: aa6 },
  "AA-7": { description: "Send A-ABORT PDU", run: aa7 },
  "AA-8": {
    description: "Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, " +
      "and start ARTIM timer",
    run: aa8,
  },
};

/**
 * Runs one action.
 * @example
 * ```ts
 * import { runAction } from "./actions.ts";
 * const { next } = runAction("AR-8", {
 *   state: "Sta7",
 *   event: { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } },
 *   role: "requestor",
 * });
 * next; // "Sta9"
 * ```
 */
export function runAction(action: DulActionName, input: DulActionInput): DulActionResult {
  return DUL_ACTIONS[action].run(input);
}
