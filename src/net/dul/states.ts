/**
 * The thirteen states of the DICOM Upper Layer state machine (PS3.8 9.2.1, Tables 9-1 to 9-5).
 * @module
 */

/**
 * Every state, in the standard's order.
 * @example
 * ```ts
 * import { DUL_STATES } from "./states.ts";
 * DUL_STATES.length; // 13
 * ```
 */
export const DUL_STATES = [
  "Sta1",
  "Sta2",
  "Sta3",
  "Sta4",
  "Sta5",
  "Sta6",
  "Sta7",
  "Sta8",
  "Sta9",
  "Sta10",
  "Sta11",
  "Sta12",
  "Sta13",
] as const;

/**
 * A state of the DUL state machine, `"Sta1"` to `"Sta13"`.
 * @example
 * ```ts
 * import type { DulState } from "./states.ts";
 * const idle: DulState = "Sta1";
 * ```
 */
export type DulState = typeof DUL_STATES[number];

/**
 * The standard's definition of each state (PS3.8 Tables 9-1 to 9-5).
 * @example
 * ```ts
 * import { DUL_STATE_DESCRIPTIONS } from "./states.ts";
 * DUL_STATE_DESCRIPTIONS.Sta6; // "Association established and ready for data transfer"
 * ```
 */
export const DUL_STATE_DESCRIPTIONS: Readonly<Record<DulState, string>> = {
  // PS3.8 Table 9-1: no association
  Sta1: "Idle",
  // PS3.8 Table 9-2: association establishment
  Sta2: "Transport connection open (Awaiting A-ASSOCIATE-RQ PDU)",
  Sta3: "Awaiting local A-ASSOCIATE response primitive (from local user)",
  Sta4: "Awaiting transport connection opening to complete (from local transport service)",
  Sta5: "Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU",
  // PS3.8 Table 9-3: data transfer
  Sta6: "Association established and ready for data transfer",
  // PS3.8 Table 9-4: association release
  Sta7: "Awaiting A-RELEASE-RP PDU",
  Sta8: "Awaiting local A-RELEASE response primitive (from local user)",
  Sta9: "Release collision requestor side; awaiting A-RELEASE response (from local user)",
  Sta10: "Release collision acceptor side; awaiting A-RELEASE-RP PDU",
  Sta11: "Release collision requestor side; awaiting A-RELEASE-RP PDU",
  Sta12: "Release collision acceptor side; awaiting A-RELEASE response primitive (from local user)",
  // PS3.8 Table 9-5: waiting for transport connection close
  Sta13: "Awaiting Transport Connection Close Indication (Association no longer exists)",
};

/**
 * Whether a value names a DUL state.
 * @example
 * ```ts
 * import { isDulState } from "./states.ts";
 * isDulState("Sta13"); // true
 * isDulState("Sta14"); // false
 * ```
 */
export function isDulState(value: unknown): value is DulState {
  return typeof value === "string" && (DUL_STATES as readonly string[]).includes(value);
}

/**
 * Which end of the association this machine is: the association-requestor opened the transport
 * connection and sent the A-ASSOCIATE-RQ; the association-acceptor received it. It decides the
 * release-collision states (PS3.8 Table 9-8, AR-8: requestor Sta9, acceptor Sta10).
 * @example
 * ```ts
 * import type { DulRole } from "./states.ts";
 * const role: DulRole = "acceptor";
 * ```
 */
export type DulRole = "requestor" | "acceptor";
